import { and, eq, gt, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../shared/errors';
import type {
  RecoverUsernameRequest,
  ResetPasswordRequest,
  ResetSmsRequest,
} from '../../../shared/schemas/auth';
import type { z } from '../../../shared/schemas/zod';
import { enterprises, loginFailures, sessions, users } from '../../db/schema';
import { audit } from '../../plugins/audit';
import { endAllSessions, startSession } from '../../plugins/session';
import { requireCaptcha } from '../../services/captcha';
import { PASSWORD_HISTORY, passwordReused, rememberReplacedPassword } from '../../services/password-policy';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../services/passwords';
import { beijingTime, checkSmsCode, consumeSmsCode, issueSmsCode } from '../../services/sms-codes';
import type { AppContext } from '../../types';
import type { DbOrTx } from '../../db/client';
import { enqueueSms } from '../notifications/sms-job';
import { findUserByUsername } from './common';

export const CAPTCHA_AFTER_FAILURES = 3;
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;

/** ACCOUNT_LOCKED until `until` (after a wrong password the message says so first). */
export function lockedError(
  until: Date,
  wrongPassword: boolean,
  fieldErrors?: Record<string, string>,
): AppError {
  return AppError.of(
    wrongPassword ? 'LOGIN_LOCKED_WRONG_PASSWORD' : 'LOGIN_LOCKED',
    { failures: LOCK_AFTER_FAILURES, until: beijingTime(until) },
    fieldErrors,
  );
}

/** The address a login comes from (the client's, behind a trusted proxy). */
export function sourceOf(request: FastifyRequest): string {
  return (request.ip || 'unknown').slice(0, 64);
}

/** Forgets every per-address failure count and lock of a user (a new password, an administrator's unlock). */
export async function clearLoginFailures(tx: DbOrTx, userId: string): Promise<void> {
  await tx.delete(loginFailures).where(eq(loginFailures.userId, userId));
}

type UserRow = typeof users.$inferSelect;

/** An account that is not active: audited, refused (after a right password or second factor). */
export async function refuseDisabled(
  ctx: AppContext,
  request: FastifyRequest,
  user: UserRow,
): Promise<never> {
  await audit(
    ctx.db,
    request,
    {
      action: 'login.failure',
      success: false,
      userId: user.id,
      username: user.username,
      role: user.role,
      details: { reason: 'disabled' },
    },
    ctx.clock.now(),
  );
  throw AppError.of('ACCOUNT_DISABLED');
}

/** The per-address lock of a user, when it is in force now. */
export async function activeLock(ctx: AppContext, userId: string, source: string): Promise<Date | null> {
  const [fromHere] = await ctx.db
    .select()
    .from(loginFailures)
    .where(and(eq(loginFailures.userId, userId), eq(loginFailures.source, source)));
  const until = fromHere?.lockedUntil;
  return until && until.getTime() > ctx.clock.now().getTime() ? until : null;
}

/** Refuses a login step from an address the account is locked from (audited). */
export async function refuseLocked(
  ctx: AppContext,
  request: FastifyRequest,
  user: UserRow,
  source: string,
  until: Date,
): Promise<never> {
  await audit(
    ctx.db,
    request,
    {
      action: 'login.locked',
      success: false,
      userId: user.id,
      username: user.username,
      role: user.role,
      details: { source },
    },
    ctx.clock.now(),
  );
  ctx.metrics.loginFailures.inc({ reason: 'locked' });
  throw lockedError(until, false);
}

/**
 * Counts a failed login step (a wrong password, or a wrong second-factor code): the account-wide count (captcha
 * after 3) and the count of this address (lock after 5 in a row), audited in one transaction.
 */
export async function recordLoginFailure(
  ctx: AppContext,
  request: FastifyRequest,
  opts: {
    user: UserRow | null;
    username: string;
    source: string;
    failuresBefore: number;
    reason: 'wrong_password' | 'unknown_user' | 'wrong_second_factor';
    details?: Record<string, unknown>;
  },
): Promise<{ count: number; lockedUntil: Date | null }> {
  const { user, source } = opts;
  const now = ctx.clock.now();
  let count = opts.failuresBefore + 1;
  let lockedUntil: Date | null = null;
  await ctx.db.transaction(async (tx) => {
    if (user) {
      const [u] = await tx
        .update(users)
        .set({ failedLogins: sql`${users.failedLogins} + 1` })
        .where(eq(users.id, user.id))
        .returning({ failedLogins: users.failedLogins });
      count = u!.failedLogins;
      // A count from this address older than the lock period starts again (failures "in a row" recently).
      const stale = new Date(now.getTime() - LOCK_MS).toISOString();
      const lockTo = new Date(now.getTime() + LOCK_MS).toISOString();
      const [f] = await tx
        .insert(loginFailures)
        .values({ userId: user.id, source, failures: 1, updatedAt: now })
        .onConflictDoUpdate({
          target: [loginFailures.userId, loginFailures.source],
          set: {
            failures: sql`case when ${loginFailures.updatedAt} < ${stale}::timestamptz or ${loginFailures.lockedUntil} is not null then 1 else ${loginFailures.failures} + 1 end`,
            lockedUntil: null,
            updatedAt: now,
          },
        })
        .returning({ failures: loginFailures.failures });
      if (f!.failures >= LOCK_AFTER_FAILURES) {
        lockedUntil = new Date(lockTo);
        await tx
          .update(loginFailures)
          .set({ lockedUntil })
          .where(and(eq(loginFailures.userId, user.id), eq(loginFailures.source, source)));
        // The administrators' user list shows the latest lock.
        await tx.update(users).set({ lockedUntil }).where(eq(users.id, user.id));
      }
    }
    await audit(
      tx,
      request,
      {
        action: 'login.failure',
        success: false,
        userId: user?.id ?? null,
        username: user?.username ?? opts.username.slice(0, 64),
        role: user?.role ?? null,
        details: { reason: opts.reason, failuresInARow: count, source, ...opts.details },
      },
      now,
    );
    if (lockedUntil) {
      await audit(
        tx,
        request,
        {
          action: 'account.locked',
          success: false,
          userId: user!.id,
          username: user!.username,
          role: user!.role,
          details: { until: (lockedUntil as Date).toISOString(), source },
        },
        now,
      );
    }
  });
  ctx.metrics.loginFailures.inc({ reason: opts.reason });
  if (lockedUntil) ctx.metrics.accountLockouts.inc();
  return { count, lockedUntil };
}

/**
 * The last step of every login: clears this address's failures, replaces any current session, audits the
 * success and starts the session. `inTx` runs first in the same transaction (consuming a code).
 */
export async function completeLogin(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  user: UserRow,
  source: string,
  opts: { details?: Record<string, unknown>; inTx?: (tx: DbOrTx) => Promise<void> },
): Promise<{ userId: string; csrfToken: string }> {
  const now = ctx.clock.now();
  // A new session replaces any current one (no fixation, no leftover row).
  const previous = request.session?.id;
  const csrfToken = await ctx.db.transaction(async (tx) => {
    if (opts.inTx) await opts.inTx(tx);
    await tx
      .delete(loginFailures)
      .where(and(eq(loginFailures.userId, user.id), eq(loginFailures.source, source)));
    // Locks on other addresses stay (whoever tried there still may not); the list shows the latest of them.
    const [other] = await tx
      .select({ until: sql<Date | null>`max(${loginFailures.lockedUntil})` })
      .from(loginFailures)
      .where(and(eq(loginFailures.userId, user.id), gt(loginFailures.lockedUntil, now)));
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: other?.until ? new Date(other.until) : null })
      .where(eq(users.id, user.id));
    if (previous) await tx.delete(sessions).where(eq(sessions.id, previous));
    await audit(
      tx,
      request,
      {
        action: 'login.success',
        userId: user.id,
        username: user.username,
        role: user.role,
        ...(opts.details ? { details: opts.details } : {}),
      },
      now,
    );
    return startSession(ctx, request, reply, user.id, tx);
  });
  return { userId: user.id, csrfToken };
}

export const RECOVER_USERNAME_ANSWER =
  '如果统一社会信用代码与联系手机和注册信息一致，用户名已通过短信发送至该联系手机，请注意查收。如未收到，请核对后重试，或联系当地工信部门。';

/** Forgot username (FAQ 1.1): the username goes by SMS to the registered contact mobile, never on screen. */
export async function recoverUsername(
  ctx: AppContext,
  request: FastifyRequest,
  body: z.output<typeof RecoverUsernameRequest>,
): Promise<{ message: string }> {
  await requireCaptcha(ctx, body.captchaId, body.captchaAnswer);
  const now = ctx.clock.now();
  const rows = await ctx.db
    .select({
      username: users.username,
      userId: users.id,
      contactMobile: enterprises.contactMobile,
      enterpriseId: enterprises.id,
    })
    .from(enterprises)
    .innerJoin(users, eq(users.enterpriseId, enterprises.id))
    .where(
      and(
        eq(enterprises.uscc, body.uscc),
        eq(enterprises.contactMobile, body.mobile),
        eq(users.role, 'enterprise'),
      ),
    )
    .limit(5);
  await ctx.db.transaction(async (tx) => {
    for (const r of rows) {
      await enqueueSms(tx, {
        mobile: r.contactMobile,
        template: 'username_reminder',
        params: { username: r.username },
        dedupeKey: `sms:username-reminder:${r.userId}:${now.getTime()}`,
      });
    }
    await audit(
      tx,
      request,
      {
        action: 'account.recover_username',
        success: rows.length > 0,
        userId: rows[0]?.userId ?? null,
        username: rows[0]?.username ?? null,
        targetType: 'enterprise',
        ...(rows[0] ? { targetId: rows[0].enterpriseId } : {}),
        details: { uscc: body.uscc, matched: rows.length > 0 },
      },
      now,
    );
  });
  return { message: RECOVER_USERNAME_ANSWER };
}

export const RESET_SMS_ANSWER =
  '如果该用户名已注册并留有联系手机，短信验证码已发送至该手机，5 分钟内有效。如未收到，请 1 分钟后重试，或联系当地工信部门。';

async function resetTarget(ctx: AppContext, username: string) {
  const user = await findUserByUsername(ctx.db, username);
  if (!user) return null;
  let mobile = user.mobile;
  if (user.enterpriseId) {
    const [e] = await ctx.db
      .select({ m: enterprises.contactMobile })
      .from(enterprises)
      .where(eq(enterprises.id, user.enterpriseId));
    mobile = e?.m ?? mobile;
  }
  return { user, mobile };
}

const resetPurpose = (userId: string) => `reset_password:${userId}`;

/** Reset step 1: a code to the registered mobile; the same answer whether or not the username exists. */
export async function sendResetCode(
  ctx: AppContext,
  request: FastifyRequest,
  body: z.output<typeof ResetSmsRequest>,
): Promise<{ message: string }> {
  await requireCaptcha(ctx, body.captchaId, body.captchaAnswer);
  const target = await resetTarget(ctx, body.username);
  if (target?.mobile) {
    try {
      await issueSmsCode(ctx, {
        mobile: target.mobile,
        purpose: resetPurpose(target.user.id),
        template: 'reset_password_code',
        ip: request.ip,
      });
    } catch (err) {
      // A limit hit must not reveal that the account exists: same answer, nothing sent.
      if (!(err instanceof AppError && err.code === 'RATE_LIMITED')) throw err;
      request.log.info('password reset code not sent: sending limit reached');
    }
  }
  return { message: RESET_SMS_ANSWER };
}

/** Reset step 2: new password; counters cleared; every session of the user ends; a notice by SMS. */
export async function resetPassword(
  ctx: AppContext,
  request: FastifyRequest,
  body: z.output<typeof ResetPasswordRequest>,
): Promise<{ message: string }> {
  const target = await resetTarget(ctx, body.username);
  if (!target?.mobile) {
    await verifyPassword(await dummyPasswordHash(), body.password);
    throw AppError.of('RESET_SMS_CODE_WRONG').on('smsCode');
  }
  const checked = await checkSmsCode(ctx, {
    mobile: target.mobile,
    purpose: resetPurpose(target.user.id),
    code: body.smsCode,
  });
  if (!checked.ok) throw new AppError('VALIDATION_FAILED', checked.message, { smsCode: checked.message });
  // The code stays valid (not consumed): the person may choose another password with it.
  if (await passwordReused(ctx.db, target.user.id, body.password)) {
    throw AppError.of('PASSWORD_REUSED', { count: PASSWORD_HISTORY }).on('password');
  }
  const passwordHash = await hashPassword(body.password);
  const now = ctx.clock.now();
  const mobile = target.mobile;
  await ctx.db.transaction(async (tx) => {
    await consumeSmsCode(tx, checked.id, now);
    await setChosenPassword(tx, target.user.id, passwordHash, now);
    await enqueueSms(tx, {
      mobile,
      template: 'password_changed',
      params: undefined,
      dedupeKey: `sms:password-changed:${target.user.id}:${now.getTime()}`,
    });
    await audit(
      tx,
      request,
      {
        action: 'account.password_reset',
        userId: target.user.id,
        username: target.user.username,
        role: target.user.role,
      },
      now,
    );
  });
  return { message: '密码已重置，所有已登录的设备均已退出。请使用新密码登录。' };
}

/**
 * Stores a password its holder chose (a change in account settings or a reset by SMS): clears failures, the
 * lock and any "change it first" left by an administrator, and ends every session of the user (the caller starts
 * a new one where the user stays signed in).
 */
export async function setChosenPassword(
  tx: DbOrTx,
  userId: string,
  passwordHash: string,
  now: Date,
): Promise<void> {
  await rememberReplacedPassword(tx, userId, now);
  await tx
    .update(users)
    .set({
      passwordHash,
      passwordChangedAt: now,
      failedLogins: 0,
      lockedUntil: null,
      mustChangePassword: false,
    })
    .where(eq(users.id, userId));
  await clearLoginFailures(tx, userId);
  await endAllSessions(tx, userId);
}
