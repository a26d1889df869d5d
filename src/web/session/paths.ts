import type { Role } from '../../shared/permissions';

export const ENTERPRISE_HOME = '/qiye';
export const GOV_HOME = '/gov';

export function homeFor(role: Role): string {
  return role === 'enterprise' ? ENTERPRISE_HOME : GOV_HOME;
}

function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`);
}

/** Whether a role may open a path of the signed-in areas (/qiye, /gov) or the developer pages. */
export function pathAllowedFor(path: string, role: Role): boolean {
  if (under(path, '/dev')) return true;
  return role === 'enterprise' ? under(path, ENTERPRISE_HOME) : under(path, GOV_HOME);
}

function hasControlChars(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/**
 * The `next` parameter, when it is a same-site path the role may open; otherwise null. Rejects absolute
 * URLs, protocol-relative "//host", backslashes and control characters (no open redirect).
 */
export function safeNext(next: string | null | undefined, role: Role): string | null {
  if (!next || next.length > 2000) return null;
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\') || hasControlChars(next))
    return null;
  return pathAllowedFor(next, role) ? next : null;
}

/** `/login?next=…` for the page the user was on. */
export function loginUrlFor(pathWithSearch: string): string {
  const keep = pathWithSearch && pathWithSearch !== '/' && !pathWithSearch.startsWith('/login');
  return keep ? `/login?next=${encodeURIComponent(pathWithSearch)}` : '/login';
}
