/**
 * Issue 16 item 7: every link a notification carries — the in-app message's `link` and the address in the SMS —
 * must open a page of the web app, never 页面不存在. Matched against the app's own route table (src/web/routes.tsx):
 * a path whose deepest match is a catch-all `*` route is the 页面不存在 page.
 */
import { matchRoutes, type RouteObject } from 'react-router';
import type { DbOrTx } from '../../src/server/db/client';
import { notifications, smsOutbox, users } from '../../src/server/db/schema';
import { eq } from 'drizzle-orm';

// The web app's route table, loaded through vitest's transform (the server's tsconfig has no JSX, so not a static
// import); lazy pages are not loaded by matching.
const ROUTES_FILE = new URL('../../src/web/routes.tsx', import.meta.url).pathname;
const { routes } = (await import(/* @vite-ignore */ ROUTES_FILE)) as { routes: RouteObject[] };

/** The page a path opens: the route path of the deepest match, or null for 页面不存在. */
export function pageOf(path: string): string | null {
  const pathname = new URL(path, 'http://x').pathname;
  const m = matchRoutes(routes, pathname);
  const last = m?.[m.length - 1]?.route.path;
  return !m || last === undefined || last === '*' ? null : m.map((x) => x.route.path ?? '').join('/');
}

/** The web-app paths of every SMS in the outbox that carries a link to `base`. */
export function smsPaths(bodies: string[], base: string): string[] {
  const re = new RegExp(`${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/[^\\s，。；]*)`, 'g');
  return bodies.flatMap((b) => [...b.matchAll(re)].map((m) => m[1]!));
}

/**
 * Asserts that every in-app message and every SMS link written so far opens a page (and an enterprise's link an
 * enterprise page, a government user's a /gov page). Returns the links checked, for the caller to assert coverage.
 */
export async function expectEveryLinkOpensAPage(
  db: DbOrTx,
  base: string,
): Promise<{ messages: { title: string; link: string }[]; sms: { template: string; path: string }[] }> {
  const rows = await db
    .select({ title: notifications.title, link: notifications.link, role: users.role })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId));
  const messages: { title: string; link: string }[] = [];
  for (const r of rows) {
    expect(r.link, `message “${r.title}” has no link`).toBeTruthy();
    expect(pageOf(r.link!), `message “${r.title}” links to ${r.link}: 页面不存在`).not.toBeNull();
    const area = r.role === 'enterprise' ? '/qiye' : '/gov';
    expect(r.link!.startsWith(area), `message “${r.title}” to a ${r.role} links to ${r.link}`).toBe(true);
    messages.push({ title: r.title, link: r.link! });
  }
  const outbox = await db.select().from(smsOutbox);
  const sms: { template: string; path: string }[] = [];
  for (const o of outbox) {
    for (const path of smsPaths([o.body], base)) {
      expect(pageOf(path), `SMS ${o.template} links to ${path}: 页面不存在`).not.toBeNull();
      sms.push({ template: o.template, path });
    }
  }
  return { messages, sms };
}
