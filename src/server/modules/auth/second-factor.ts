import crypto from 'node:crypto';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, REASONS } from '../../../shared/errors';
import type { Role } from '../../../shared/permissions';
import type { LoginSecondFactorRequest, SecondFactorMethod } from '../../../shared/schemas/auth';
import { maskMobile } from '../../../shared/pii';
import type { z } from '../../../shared/schemas/zod';
import type { DbOrTx } from '../../db/client';
import { loginChallenges, provinceSettings, users } from '../../db/schema';
import { audit } from '../../plugins/audit';
import { endSession, hashToken } from '../../plugins/session';
import { checkSmsCode, consumeSmsCode, issueSmsCode, type IssuedCode } from '../../services/sms-codes';
import { checkTotp, decryptSecret } from '../../services/totp';
import type { AppContext } from '../../types';
import { PROVINCE_CODE } from '../settings/service';
import {
  activeLock,
  completeLogin,
  lockedError,
  recordLoginFailure,
  refuseDisabled,
  refuseLocked,
  sourceOf,
} from './service';

/**
 * The second factor at login (GB/T 22239 8.1.4.1 d; docs/adr/0023-second-factor-and-password-ageing.md).
 * Where the platform asks for one (production, or SECOND_FACTOR=on), administrators and the province always
 * give one, county and city reviewers when the security administrator's policy says so (on by default).
 * Anyone who enrolled an authenticator app is asked for it at every login, in every mode.
 */
export const ALWAYS_SECOND_FACTOR: readonly Role[] = ['admin', 'security_admin', 'audit_admin', 'province'];
export const REVIEWER_ROLES: readonly Role[] = ['county_reviewer', 'city_reviewer'];
export const CHALLENGE_TTL_MS = 5 * 60_000;

type UserRow = typeof users.$inferSelect;

export interface SecondFactorChallenge {
  token: string;
  methods: SecondFactorMethod[];
  mobileMasked: string | null;
  expiresInSeconds: number;
}

/** The security administrator's policy: reviewers too (default on). */
export async function secondFactorForReviewers(db: DbOrTx): Promise<boolean> {
  const [row] = await db
    .select({ v: provinceSettings.secondFactorReviewers })
    .from(provinceSettings)
    .where(eq(provinceSettings.provinceCode, PROVINCE_CODE));
  return row?.v ?? true;
}

/** Whether the policy asks this role for a second factor at login. */
export async function secondFactorRequired(ctx: AppContext, db: DbOrTx, role: string): Promise<boolean> {
  if (!ctx.config.secondFactor) return false;
  if (ALWAYS_SECOND_FACTOR.includes(role as Role)) return true;
  if (REVIEWER_ROLES.includes(role as Role)) return secondFactorForReviewers(db);
  return false;
}

function methodsOf(user: UserRow): SecondFactorMethod[] {
  return [...(user.totpSecret ? (['totp'] as const) : []), ...(user.mobile ? (['sms'] as const) : [])];
}

/**
 * After a right password: when a second factor is due, ends any current session, records a 5-minute challenge
 * for this address and returns its token (no session yet). Null when the password alone logs in.
 */
export async function startSecondFactor(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  user: UserRow,
  source: string,
): Promise<SecondFactorChallenge | null> {
  const required = await secondFactorRequired(ctx, ctx.db, user.role);
  if (!required && !user.totpSecret) return null;
  const now = ctx.clock.now();
  const methods = methodsOf(user);
  if (methods.length === 0) {
    await audit(
      ctx.db,
      request,
      {
        action: 'login.failure',
        success: false,
        userId: user.id,
        username: user.username,
        role: user.role,
        details: { reason: 'no_second_factor', source },
      },
      now,
    );
    throw new AppError('SECOND_FACTOR_UNAVAILABLE');
  }
  // Whoever was signed in on this browser is signed out: the next session is this user's, or none.
  if (request.session) await endSession(ctx, request, reply);
  const token = crypto.randomBytes(32).toString('base64url');
  await ctx.db.transaction(async (tx) => {
    await tx
      .delete(loginChallenges)
      .where(
        and(
          eq(loginChallenges.userId, user.id),
          or(eq(loginChallenges.source, source), lt(loginChallenges.expiresAt, now)),
        ),
      );
    await tx.insert(loginChallenges).values({
      id: hashToken(token),
      userId: user.id,
      source,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
    });
    await audit(
      tx,
      request,
      {
        action: 'login.password_ok',
        userId: user.id,
        username: user.username,
        role: user.role,
        details: { secondFactor: methods, source },
      },
      now,
    );
  });
  return {
    token,
    methods,
    mobileMasked: user.mobile ? maskMobile(user.mobile) : null,
    expiresInSeconds: CHALLENGE_TTL_MS / 1000,
  };
}

/** The challenge of a token from this address, and its user; LOGIN_STEP_EXPIRED otherwise. */
async function challengeOf(ctx: AppContext, request: FastifyRequest, token: string) {
  const now = ctx.clock.now();
  const source = sourceOf(request);
  const [row] = await ctx.db
    .select({ challenge: loginChallenges, user: users })
    .from(loginChallenges)
    .innerJoin(users, eq(users.id, loginChallenges.userId))
    .where(eq(loginChallenges.id, hashToken(token)));
  if (!row || row.challenge.source !== source || row.challenge.expiresAt.getTime() <= now.getTime()) {
    if (row && row.challenge.expiresAt.getTime() <= now.getTime()) {
      await ctx.db.delete(loginChallenges).where(eq(loginChallenges.id, row.challenge.id));
    }
    throw new AppError('LOGIN_STEP_EXPIRED');
  }
  if (row.user.status !== 'active') {
    await ctx.db.delete(loginChallenges).where(eq(loginChallenges.id, row.challenge.id));
    await refuseDisabled(ctx, request, row.user);
  }
  const lock = await activeLock(ctx, row.user.id, source);
  if (lock) {
    await ctx.db.delete(loginChallenges).where(eq(loginChallenges.id, row.challenge.id));
    await refuseLocked(ctx, request, row.user, source, lock);
  }
  return { challengeId: row.challenge.id, user: row.user, source };
}

const loginPurpose = (userId: string) => `login:${userId}`;

const USED = REASONS.TOTP_CODE_USED.message;

/** Login step 2: an SMS code to the registered mobile (the SMS sending limits apply). */
export async function sendLoginCode(
  ctx: AppContext,
  request: FastifyRequest,
  token: string,
): Promise<IssuedCode> {
  const { user } = await challengeOf(ctx, request, token);
  if (!user.mobile) throw AppError.of('SECOND_FACTOR_NO_MOBILE').on('method');
  return issueSmsCode(ctx, {
    mobile: user.mobile,
    purpose: loginPurpose(user.id),
    template: 'login_code',
    ip: request.ip,
  });
}

/**
 * Login step 2: checks the code of the chosen factor. A wrong code counts like a wrong password (captcha at the
 * next password step after 3, lock of this address after 5, which also drops the challenge); a right one starts
 * the session. A TOTP code is accepted once (the matched time step is kept).
 */
export async function verifySecondFactor(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  body: z.output<typeof LoginSecondFactorRequest>,
): Promise<{ userId: string; csrfToken: string }> {
  const { challengeId, user, source } = await challengeOf(ctx, request, body.token);
  const now = ctx.clock.now();
  let problem: string | null = null;
  let consume: ((tx: DbOrTx) => Promise<void>) | null = null;
  if (body.method === 'totp') {
    if (!user.totpSecret) throw AppError.of('SECOND_FACTOR_NO_TOTP').on('method');
    const step = await checkTotp(
      decryptSecret(ctx.config.totpKey, user.totpSecret),
      body.code,
      now,
      user.totpLastStep,
    );
    if (step === null) problem = '验证码不正确或已使用，请输入身份验证器上当前显示的 6 位数字';
    else {
      consume = async (tx) => {
        // Two requests with the same code: only the first moves the step on.
        const moved = await tx
          .update(users)
          .set({ totpLastStep: step })
          .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
          .returning({ id: users.id });
        if (moved.length === 0) throw AppError.of('TOTP_CODE_USED').on('code');
      };
    }
  } else {
    if (!user.mobile) throw AppError.of('SECOND_FACTOR_NO_MOBILE').on('method');
    const checked = await checkSmsCode(ctx, {
      mobile: user.mobile,
      purpose: loginPurpose(user.id),
      code: body.code,
    });
    if (!checked.ok) problem = checked.message;
    else consume = (tx) => consumeSmsCode(tx, checked.id, now);
  }

  if (problem !== null || !consume) {
    const { lockedUntil } = await recordLoginFailure(ctx, request, {
      user,
      username: user.username,
      source,
      failuresBefore: user.failedLogins,
      reason: 'wrong_second_factor',
      details: { method: body.method },
    });
    const message = problem ?? USED;
    if (lockedUntil) {
      await ctx.db.delete(loginChallenges).where(eq(loginChallenges.id, challengeId));
      throw lockedError(lockedUntil, false, { code: message });
    }
    throw new AppError('SECOND_FACTOR_INVALID', message, { code: message });
  }

  const step2 = consume;
  return completeLogin(ctx, request, reply, user, source, {
    details: { secondFactor: body.method },
    inTx: async (tx) => {
      const gone = await tx
        .delete(loginChallenges)
        .where(eq(loginChallenges.id, challengeId))
        .returning({ id: loginChallenges.id });
      if (gone.length === 0) throw new AppError('LOGIN_STEP_EXPIRED');
      await step2(tx);
    },
  });
}
