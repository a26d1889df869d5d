import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import {
  GOV_ROLES,
  USER_STATUS_LABELS,
  CreateGovUserRequest,
  GovUserListQuery,
  ResetUserPasswordRequest,
  DisableUserRequest,
  type GovUserListResponse,
  type GovUserView,
} from '../../../shared/schemas/admin-api';
import { AppError, fieldError } from '../../../shared/errors';
import { ROLE_LABELS, type Actor, type GovRole } from '../../../shared/permissions';
import { countiesOf, findRegion, regionPath } from '../../../shared/regions';
import { maskMobile } from '../../../shared/pii';
import { passwordProblem } from '../../../shared/schemas/fields';
import type { z } from '../../../shared/schemas/zod';
import type { DbOrTx } from '../../db/client';
import { sessions, users } from '../../db/schema';
import { audit } from '../../plugins/audit';
import { endAllSessions } from '../../plugins/session';
import { rememberReplacedPassword } from '../../services/password-policy';
import { hashPassword } from '../../services/passwords';
import type { AppContext } from '../../types';
import { findUserByUsername, uniqueViolation } from '../auth/common';
import { clearLoginFailures } from '../auth/service';
import { enqueueSms } from '../notifications/sms-job';

type UserRow = typeof users.$inferSelect;

const USERNAME_TAKEN = '该用户名已被使用，请更换一个用户名';

/** Government accounts only: enterprise accounts are not managed here. */
const isGov = () => inArray(users.role, [...GOV_ROLES]);

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

async function activeSessionCounts(ctx: AppContext, userIds: string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const since = new Date(ctx.clock.now().getTime() - ctx.config.sessionIdleMinutes * 60_000);
  const rows = await ctx.db
    .select({ userId: sessions.userId, n: sql<number>`count(*)::int` })
    .from(sessions)
    .where(and(inArray(sessions.userId, userIds), gt(sessions.lastSeenAt, since)))
    .groupBy(sessions.userId);
  return new Map(rows.map((r) => [r.userId, r.n]));
}

function view(ctx: AppContext, u: UserRow, sessionsCount: number): GovUserView {
  const status = u.status === 'disabled' ? 'disabled' : 'active';
  const locked = u.lockedUntil && u.lockedUntil.getTime() > ctx.clock.now().getTime() ? u.lockedUntil : null;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as GovRole,
    roleLabel: ROLE_LABELS[u.role as GovRole] ?? u.role,
    regionCode: u.regionCode,
    regionName: u.regionCode ? (regionPath(u.regionCode) ?? null) : null,
    mobileMasked: maskMobile(u.mobile),
    status,
    statusLabel: USER_STATUS_LABELS[status],
    lockedUntil: locked ? locked.toISOString() : null,
    passwordChangedAt: u.passwordChangedAt.toISOString(),
    mustChangePassword: u.mustChangePassword,
    totpEnabled: u.totpSecret !== null,
    createdAt: u.createdAt.toISOString(),
    activeSessions: sessionsCount,
  };
}

export async function viewOf(ctx: AppContext, u: UserRow): Promise<GovUserView> {
  const counts = await activeSessionCounts(ctx, [u.id]);
  return view(ctx, u, counts.get(u.id) ?? 0);
}

/** A government account by id, or NOT_FOUND (enterprise accounts included). */
export async function getGovUser(db: DbOrTx, id: string): Promise<UserRow> {
  const [u] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, id), isGov()));
  if (!u) throw AppError.of('USER_NOT_FOUND');
  return u;
}

export async function getGovUserView(ctx: AppContext, id: string): Promise<GovUserView> {
  return viewOf(ctx, await getGovUser(ctx.db, id));
}

export async function listGovUsers(
  ctx: AppContext,
  q: z.output<typeof GovUserListQuery>,
): Promise<GovUserListResponse> {
  const where: (SQL | undefined)[] = [isGov()];
  if (q.role) where.push(eq(users.role, q.role));
  if (q.status) where.push(eq(users.status, q.status));
  if (q.regionCode && q.regionCode !== '320000') {
    const region = findRegion(q.regionCode);
    if (!region) throw fieldError({ regionCode: '地区代码不正确' });
    const codes =
      region.level === 'city' ? [region.code, ...countiesOf(region.code).map((c) => c.code)] : [region.code];
    where.push(inArray(users.regionCode, codes));
  }
  const text = q.q?.trim();
  if (text) {
    const pattern = `%${escapeLike(text)}%`;
    where.push(or(sql`${users.username} ilike ${pattern}`, sql`${users.displayName} ilike ${pattern}`));
  }
  if (q.cursor) {
    where.push(
      sql`(lower(${users.username}), ${users.id}) > (select lower(c.username), c.id from users c where c.id = ${q.cursor})`,
    );
  }
  const rows = await ctx.db
    .select()
    .from(users)
    .where(and(...where))
    .orderBy(asc(sql`lower(${users.username})`), asc(users.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const counts = await activeSessionCounts(
    ctx,
    page.map((u) => u.id),
  );
  const last = page[page.length - 1];
  return {
    items: page.map((u) => view(ctx, u, counts.get(u.id) ?? 0)),
    nextCursor: rows.length > q.limit && last ? last.id : null,
  };
}

export async function createGovUser(
  ctx: AppContext,
  request: FastifyRequest,
  body: z.output<typeof CreateGovUserRequest>,
): Promise<GovUserView> {
  if (await findUserByUsername(ctx.db, body.username)) throw fieldError({ username: USERNAME_TAKEN });
  const passwordHash = await hashPassword(body.password);
  const now = ctx.clock.now();
  let created: UserRow;
  try {
    created = await ctx.db.transaction(async (tx) => {
      const [u] = await tx
        .insert(users)
        .values({
          username: body.username,
          passwordHash,
          role: body.role,
          regionCode: body.regionCode,
          displayName: body.displayName,
          mobile: body.mobile ?? null,
          status: 'active',
          passwordChangedAt: now,
          // The administrator knows this password: the user must choose their own at first login.
          mustChangePassword: true,
          createdAt: now,
        })
        .returning();
      await audit(
        tx,
        request,
        {
          action: 'admin.user.create',
          targetType: 'user',
          targetId: u!.id,
          details: {
            username: u!.username,
            role: u!.role,
            regionCode: u!.regionCode,
            displayName: u!.displayName,
          },
        },
        now,
      );
      return u!;
    });
  } catch (err) {
    if (uniqueViolation(err) === 'users_username_uq') throw fieldError({ username: USERNAME_TAKEN });
    throw err;
  }
  return viewOf(ctx, created);
}

function notSelf(actor: Actor, target: UserRow, reason: 'OWN_ACCOUNT_DISABLE' | 'OWN_PASSWORD_RESET'): void {
  if (actor.userId === target.id) throw AppError.of(reason);
}

/** Disables an account: it cannot log in, and every session it has ends now. */
export async function disableGovUser(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  body: z.output<typeof DisableUserRequest>,
): Promise<GovUserView> {
  const now = ctx.clock.now();
  const user = await ctx.db.transaction(async (tx) => {
    const target = await getGovUser(tx, id);
    notSelf(actor, target, 'OWN_ACCOUNT_DISABLE');
    const [u] = await tx.update(users).set({ status: 'disabled' }).where(eq(users.id, target.id)).returning();
    await endAllSessions(tx, target.id);
    await audit(
      tx,
      request,
      {
        action: 'admin.user.disable',
        targetType: 'user',
        targetId: target.id,
        details: {
          username: target.username,
          previousStatus: target.status,
          ...(body.reason ? { reason: body.reason } : {}),
        },
      },
      now,
    );
    return u!;
  });
  return viewOf(ctx, user);
}

/**
 * Enables an account again. A lockout after failed logins stays: unlocking is the security administrator's
 * (三员分立, POST /api/v1/security/users/:id/unlock), so the system administrator cannot undo it by toggling.
 */
export async function enableGovUser(
  ctx: AppContext,
  request: FastifyRequest,
  id: string,
): Promise<GovUserView> {
  const now = ctx.clock.now();
  const user = await ctx.db.transaction(async (tx) => {
    const target = await getGovUser(tx, id);
    const [u] = await tx.update(users).set({ status: 'active' }).where(eq(users.id, target.id)).returning();
    await audit(
      tx,
      request,
      {
        action: 'admin.user.enable',
        targetType: 'user',
        targetId: target.id,
        details: { username: target.username, previousStatus: target.status },
      },
      now,
    );
    return u!;
  });
  return viewOf(ctx, user);
}

/**
 * Sets a new password chosen by the administrator (told to the user out of band): every session of the user
 * ends, a lockout is cleared, and the user gets an SMS (when a mobile is on file) that it happened.
 */
export async function resetGovUserPassword(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  body: z.output<typeof ResetUserPasswordRequest>,
): Promise<GovUserView> {
  const target = await getGovUser(ctx.db, id);
  notSelf(actor, target, 'OWN_PASSWORD_RESET');
  const weak = passwordProblem(body.password, target.username);
  if (weak) throw new AppError('VALIDATION_FAILED', weak, { password: weak });
  const passwordHash = await hashPassword(body.password);
  const now = ctx.clock.now();
  const user = await ctx.db.transaction(async (tx) => {
    await rememberReplacedPassword(tx, target.id, now);
    const [u] = await tx
      .update(users)
      .set({
        passwordHash,
        passwordChangedAt: now,
        failedLogins: 0,
        lockedUntil: null,
        // The administrator knows this password: the user must choose a new one at the next login.
        mustChangePassword: true,
      })
      .where(and(eq(users.id, target.id), isGov()))
      .returning();
    if (!u) throw AppError.of('USER_NOT_FOUND');
    await clearLoginFailures(tx, u.id);
    await endAllSessions(tx, u.id);
    await audit(
      tx,
      request,
      {
        action: 'admin.user.reset_password',
        targetType: 'user',
        targetId: u.id,
        details: { username: u.username },
      },
      now,
    );
    if (u.mobile) {
      await enqueueSms(tx, {
        mobile: u.mobile,
        template: 'password_reset_by_admin',
        params: undefined,
        dedupeKey: `sms:admin-reset:${u.id}:${now.getTime()}`,
        runAt: now,
      });
    }
    return u;
  });
  return viewOf(ctx, user);
}
