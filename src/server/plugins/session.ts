import crypto from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors';
import type { Actor, Role } from '../../shared/permissions';
import type { Db, DbOrTx } from '../db/client';
import { sessions, users } from '../db/schema';
import { passwordAge } from '../services/password-policy';
import type { AppContext } from '../types';
import { startSessionCache, type SessionCache, type SessionRow } from './session-cache';

export const SESSION_COOKIE = 'sid';
export const CSRF_COOKIE = 'csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * What a user who must change the password (an account an administrator created or reset) may still call:
 * reading the session, changing the password, logging out, and the routes open to anyone anyway.
 */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set([
  'GET /api/v1/auth/session',
  'HEAD /api/v1/auth/session',
  'POST /api/v1/account/password',
  'POST /api/v1/auth/logout',
]);
/** Routes that need no login at all (health, documentation, captcha, login and recovery, public pages). */
const OPEN_PREFIXES = [
  '/api/health',
  '/api/openapi.json',
  '/api/docs',
  '/api/v1/captcha',
  '/api/v1/auth/',
  '/api/v1/public/',
  '/api/v1/dev/',
  '/api/v1/test/',
];

/** Whether a route stays available while the user's password must be changed first. */
export function allowedBeforePasswordChange(method: string, routeUrl: string | undefined): boolean {
  // No matching route: let the request fall through to the ordinary 404.
  if (routeUrl === undefined) return true;
  if (ALLOWED_BEFORE_PASSWORD_CHANGE.has(`${method} ${routeUrl}`)) return true;
  return OPEN_PREFIXES.some((prefix) => routeUrl.startsWith(prefix));
}
/** Touch `last_seen_at` at most this often, so reads do not turn into writes on every request. */
const TOUCH_EVERY_MS = 60_000;

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

function randomToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

function timingSafeEqualStr(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

function cookieBase(ctx: AppContext) {
  return { path: '/', secure: ctx.config.secureCookies } as const;
}

/** Sets the CSRF cookie (double-submit) when missing and returns its value. */
export function ensureCsrfCookie(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): string {
  if (request.session) return request.session.csrfToken;
  const existing = request.cookies[CSRF_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{20,100}$/.test(existing)) return existing;
  const token = randomToken();
  reply.setCookie(CSRF_COOKIE, token, { ...cookieBase(ctx), httpOnly: false, sameSite: 'strict' });
  return token;
}

/** Starts a session for a user: a fresh token (no fixation) and a fresh CSRF token bound to it. */
export async function startSession(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  tx: DbOrTx = ctx.db,
): Promise<string> {
  const token = randomToken();
  const csrfToken = randomToken();
  await tx.insert(sessions).values({
    id: hashToken(token),
    userId,
    csrfToken,
    ip: request.ip,
    userAgent: String(request.headers['user-agent'] ?? '').slice(0, 300),
    createdAt: ctx.clock.now(),
    lastSeenAt: ctx.clock.now(),
  });
  reply.setCookie(SESSION_COOKIE, token, { ...cookieBase(ctx), httpOnly: true, sameSite: 'lax' });
  reply.setCookie(CSRF_COOKIE, csrfToken, { ...cookieBase(ctx), httpOnly: false, sameSite: 'strict' });
  return csrfToken;
}

/** The session cache of each app instance (none with SESSION_CACHE=off). */
const sessionCaches = new WeakMap<AppContext, SessionCache>();

export async function endSession(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  if (request.session) {
    await ctx.db.delete(sessions).where(eq(sessions.id, request.session.id));
    // Already dropped when the delete's own notification came back with its answer (db/client.ts); said again
    // here so a logout does not depend on that.
    sessionCaches.get(ctx)?.dropSession(request.session.id);
  }
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  request.session = null;
  request.actor = null;
}

/**
 * Ends every session of a user (password reset or change). The cached sessions go when the commit's notifications
 * come back, in this process with the commit's answer (db/client.ts): dropping them here, inside the transaction,
 * would not help, since a request until the commit still reads (and may cache) the rows not yet deleted.
 */
export async function endAllSessions(tx: DbOrTx, userId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.userId, userId));
}

export function requireActor(request: FastifyRequest, roles?: readonly Role[]): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  if (roles && !roles.includes(request.actor.role)) throw new AppError('FORBIDDEN');
  return request.actor;
}

/**
 * What the session lookup reads. A change to any of the users' columns must notify `user_changed` (migration 0026's
 * users_changed_update trigger; tests/integration/accounts/session-cache.test.ts compares the two).
 */
export const SESSION_LOOKUP_COLUMNS = {
  lastSeenAt: sessions.lastSeenAt,
  csrfToken: sessions.csrfToken,
  userId: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  enterpriseId: users.enterpriseId,
  regionCode: users.regionCode,
  status: users.status,
  mustChangePassword: users.mustChangePassword,
  passwordChangedAt: users.passwordChangedAt,
};

/**
 * The session lookup of every API request, built once per database and prepared (issue #15): Drizzle does not
 * rebuild the SQL per request, and on PostgreSQL the named statement is parsed and planned once per connection.
 * Only the columns the request needs (not the password hash and the rest of the user row).
 */
function prepareSessionLookup(db: Db) {
  return db
    .select(SESSION_LOOKUP_COLUMNS)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .limit(1)
    .prepare('session_lookup');
}

/**
 * Resolves the actor once per request from the session cookie and checks the CSRF token on every state-changing
 * request. The session comes from the process's cache when it holds it (docs/adr/0036-session-cache.md), else from
 * the prepared lookup. The idle timeout is enforced against last_seen_at, so it holds across app processes: a cached
 * row's last_seen_at is never newer than the database's (this process's own touches update both), so a cached row
 * that passes would pass in the database too, and a cached row that fails is read again before the session is
 * refused (another process may have touched it since).
 */
export async function sessionPlugin(app: FastifyInstance): Promise<void> {
  const ctx = app.ctx;
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  const sessionLookup = prepareSessionLookup(ctx.db);
  const cached = ctx.config.sessionCache ? startSessionCache(ctx.database, app.log) : undefined;
  if (cached) app.addHook('onClose', cached.stop);
  const cache = cached?.cache;
  if (cache) sessionCaches.set(ctx, cache);
  const idleMs = ctx.config.sessionIdleMinutes * 60_000;
  const usable = (row: SessionRow | undefined, now: Date): row is SessionRow =>
    row !== undefined && row.status === 'active' && now.getTime() - row.lastSeenAt.getTime() <= idleMs;

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    let mustChangePassword = false;
    let passwordExpired = false;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const id = hashToken(token);
      const now = ctx.clock.now();
      let row: SessionRow | undefined = cache?.get(id);
      if (row && !usable(row, now)) {
        cache!.dropSession(id);
        row = undefined;
      }
      if (!row) {
        const generation = cache?.generation ?? 0;
        const readAt = performance.now();
        row = (await sessionLookup.execute({ id }))[0];
        if (cache && usable(row, now)) cache.store(id, row, generation, readAt);
      }
      if (usable(row, now)) {
        request.session = { id, csrfToken: row.csrfToken };
        request.actor = {
          userId: row.userId,
          username: row.username,
          displayName: row.displayName,
          role: row.role as Role,
          enterpriseId: row.enterpriseId,
          regionCode: row.regionCode,
        };
        mustChangePassword = row.mustChangePassword;
        passwordExpired = passwordAge(ctx.config.passwordMaxAgeDays, row.passwordChangedAt, now).expired;
        // A write at most once a minute per session (not one per request); the condition in the statement keeps
        // concurrent requests of the same session from all writing it.
        if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
          const touched = await ctx.db
            .update(sessions)
            .set({ lastSeenAt: now })
            .where(
              and(eq(sessions.id, id), lt(sessions.lastSeenAt, new Date(now.getTime() - TOUCH_EVERY_MS))),
            )
            .returning({ id: sessions.id });
          // Another request or process touched it first: its last_seen_at is unknown here, read it next time.
          if (touched.length > 0) cache?.touched(id, now);
          else cache?.dropSession(id);
        }
      } else {
        if (row) await ctx.db.delete(sessions).where(eq(sessions.id, id));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }

    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      const sent = typeof header === 'string' ? header : '';
      const expected = request.session ? request.session.csrfToken : (request.cookies[CSRF_COOKIE] ?? '');
      if (!sent || !expected || !timingSafeEqualStr(sent, expected)) throw new AppError('CSRF_FAILED');
    }

    if (mustChangePassword && !allowedBeforePasswordChange(request.method, request.routeOptions.url)) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
    // An expired password (docs/adr/0023-second-factor-and-password-ageing.md): the same few routes only.
    if (passwordExpired && !allowedBeforePasswordChange(request.method, request.routeOptions.url)) {
      throw new AppError('PASSWORD_EXPIRED');
    }
  });
}

/** Deletes sessions idle for longer than the timeout (called by a periodic job). */
export async function purgeIdleSessions(ctx: AppContext): Promise<void> {
  const cutoff = new Date(ctx.clock.now().getTime() - ctx.config.sessionIdleMinutes * 60_000);
  await ctx.db.delete(sessions).where(and(lt(sessions.lastSeenAt, cutoff)));
}
