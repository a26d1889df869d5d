/**
 * Refused access to a scoped object is a security event (issue 16 item 10): a logged-in caller who asks for a
 * filing, its 申报书, a file, an evaluation … outside its scope gets "not found" or "forbidden", and the refusal is
 * audited as `access.denied` with the target (the route and its id) — rate-limited, so a script cannot flood the
 * audit log: one row per caller, route and target per window, and at most PER_USER_MAX rows per caller per window.
 */
import type { FastifyRequest } from 'fastify';
import type { ErrorCode } from '../../shared/errors';
import { audit } from './audit';

export const DENIED_WINDOW_MS = 10 * 60_000;
export const DENIED_PER_USER_MAX = 20;

/** The target type by the route's first segment after /api/v1 ('filings' → 'filing'). */
function targetTypeOf(route: string): string {
  const segs = route
    .replace(/^\/api\/v1\//, '')
    .split('/')
    .filter((s) => s && !s.startsWith(':'));
  const noun =
    segs.find((s) => !['review', 'evaluation', 'exchange', 'admin', 'public'].includes(s)) ?? segs[0] ?? '';
  return noun.endsWith('ies') ? `${noun.slice(0, -3)}y` : noun.endsWith('s') ? noun.slice(0, -1) : noun;
}

export class DeniedLimiter {
  private readonly seen = new Map<string, number>();
  private readonly perUser = new Map<string, number[]>();

  /** Whether this refusal should be written now (and remembers it). */
  allow(userId: string, key: string, now: number): boolean {
    if (this.seen.size > 10_000) {
      for (const [k, at] of this.seen) if (now - at > DENIED_WINDOW_MS) this.seen.delete(k);
      for (const [k, ats] of this.perUser)
        if (ats.every((at) => now - at > DENIED_WINDOW_MS)) this.perUser.delete(k);
    }
    const last = this.seen.get(key);
    if (last !== undefined && now - last < DENIED_WINDOW_MS) return false;
    const recent = (this.perUser.get(userId) ?? []).filter((at) => now - at < DENIED_WINDOW_MS);
    if (recent.length >= DENIED_PER_USER_MAX) return false;
    recent.push(now);
    this.perUser.set(userId, recent);
    this.seen.set(key, now);
    return true;
  }
}

const limiter = new DeniedLimiter();

/** Audits a NOT_FOUND / FORBIDDEN answer to a logged-in caller on a route that names an object. */
export async function recordRefusal(request: FastifyRequest, code: ErrorCode): Promise<void> {
  if (code !== 'NOT_FOUND' && code !== 'FORBIDDEN') return;
  const actor = request.actor;
  if (!actor) return;
  const route = request.routeOptions?.url;
  const params = (request.params ?? {}) as Record<string, unknown>;
  const ids = Object.entries(params).filter(([, v]) => typeof v === 'string' && v !== '');
  if (!route || ids.length === 0) return;
  const targetId = String(ids.find(([k]) => k === 'id')?.[1] ?? ids[0]![1]).slice(0, 100);
  const key = `${actor.userId}|${request.method}|${route}|${targetId}`;
  if (!limiter.allow(actor.userId, key, Date.now())) return;
  try {
    await audit(request.server.ctx.db, request, {
      action: 'access.denied',
      success: false,
      targetType: targetTypeOf(route),
      targetId,
      details: { method: request.method, route, code, params: Object.fromEntries(ids) },
    });
  } catch (err) {
    request.log.warn({ err }, 'could not audit a refused access');
  }
}
