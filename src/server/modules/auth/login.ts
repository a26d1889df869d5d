import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERRORS } from '../../../shared/errors';
import type { LoginRequest } from '../../../shared/schemas/auth';
import type { z } from '../../../shared/schemas/zod';
import { auditEvents, loginFailures } from '../../db/schema';
import { captchaProblem, checkCaptcha, CAPTCHA_MESSAGES } from '../../services/captcha';
import { dummyPasswordHash, verifyPassword } from '../../services/passwords';
import type { AppContext } from '../../types';
import { findUserByUsername } from './common';
import { startSecondFactor, type SecondFactorChallenge } from './second-factor';
import {
  CAPTCHA_AFTER_FAILURES,
  completeLogin,
  LOCK_MS,
  lockedError,
  recordLoginFailure,
  refuseDisabled,
  refuseLocked,
  sourceOf,
} from './service';

const WRONG_PASSWORD = ERRORS.INVALID_CREDENTIALS.message;

type LoginInput = z.output<typeof LoginRequest>;

/** Failures in a row for a username nobody has, from the audit log (so unknown names behave like real ones). */
async function recentUnknownFailures(ctx: AppContext, username: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - LOCK_MS);
  const [r] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.action, 'login.failure'),
        isNull(auditEvents.userId),
        sql`lower(${auditEvents.username}) = lower(${username})`,
        gt(auditEvents.at, since),
      ),
    );
  return r?.n ?? 0;
}

/**
 * Logs a user in. Unknown usernames cost one argon2 verification too (dummy hash), so timing does not reveal
 * them; after 3 failures in a row on the account (from anywhere) a captcha is required; after 5 in a row from
 * one address the account is locked for 15 minutes from THAT address only (docs/adr/0018-account-safety.md),
 * so the owner elsewhere still logs in (with the captcha), and 忘记密码 by SMS stays open everywhere.
 */
export async function login(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  body: LoginInput,
): Promise<{ userId: string; csrfToken: string } | { challenge: SecondFactorChallenge }> {
  const now = ctx.clock.now();
  const source = sourceOf(request);
  const user = await findUserByUsername(ctx.db, body.username);
  const [fromHere] = user
    ? await ctx.db
        .select()
        .from(loginFailures)
        .where(and(eq(loginFailures.userId, user.id), eq(loginFailures.source, source)))
    : [];

  if (user && fromHere?.lockedUntil && fromHere.lockedUntil.getTime() > now.getTime()) {
    await refuseLocked(ctx, request, user, source, fromHere.lockedUntil);
  }

  const failures = user ? user.failedLogins : await recentUnknownFailures(ctx, body.username, now);
  if (failures >= CAPTCHA_AFTER_FAILURES) {
    if (!body.captchaId || !body.captchaAnswer) {
      throw AppError.of('LOGIN_CAPTCHA_REQUIRED', {}, { captchaAnswer: CAPTCHA_MESSAGES.missing });
    }
    const problem = captchaProblem(await checkCaptcha(ctx, body.captchaId, body.captchaAnswer));
    if (problem) throw new AppError('CAPTCHA_REQUIRED', problem, { captchaAnswer: problem });
  }

  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), body.password);
  if (!user || !ok) {
    const { count, lockedUntil } = await recordLoginFailure(ctx, request, {
      user: user ?? null,
      username: body.username,
      source,
      failuresBefore: failures,
      reason: user ? 'wrong_password' : 'unknown_user',
    });
    if (lockedUntil) throw lockedError(lockedUntil, true, { password: WRONG_PASSWORD });
    if (count >= CAPTCHA_AFTER_FAILURES) {
      throw AppError.of(
        'LOGIN_WRONG_PASSWORD_CAPTCHA',
        { wrongPassword: WRONG_PASSWORD },
        {
          password: WRONG_PASSWORD,
          captchaAnswer: CAPTCHA_MESSAGES.missing,
        },
      );
    }
    throw new AppError('INVALID_CREDENTIALS', undefined, { password: WRONG_PASSWORD });
  }

  if (user.status !== 'active') await refuseDisabled(ctx, request, user);

  // The password was right; a second factor may still be awaited (docs/adr/0023-second-factor-and-password-ageing.md).
  const challenge = await startSecondFactor(ctx, request, reply, user, source);
  if (challenge) return { challenge };
  return { ...(await completeLogin(ctx, request, reply, user, source, {})) };
}
