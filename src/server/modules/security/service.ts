import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../../../shared/permissions';
import type { GovUserView, SecurityPolicy, SecurityPolicyUpdate } from '../../../shared/schemas/admin-api';
import { provinceSettings, users } from '../../db/schema';
import { audit } from '../../plugins/audit';
import { endAllSessions } from '../../plugins/session';
import type { AppContext } from '../../types';
import { getGovUser, viewOf } from '../admin/users';
import { secondFactorForReviewers } from '../auth/second-factor';
import { clearLoginFailures } from '../auth/service';
import { PROVINCE_CODE } from '../settings/service';
import { PASSWORD_HISTORY } from '../../services/password-policy';

/** Lifts every lockout after failed logins (per account and per address); the user's password is unchanged. */
export async function unlockUser(ctx: AppContext, request: FastifyRequest, id: string): Promise<GovUserView> {
  const now = ctx.clock.now();
  const user = await ctx.db.transaction(async (tx) => {
    const target = await getGovUser(tx, id);
    const [u] = await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null })
      .where(eq(users.id, target.id))
      .returning();
    await clearLoginFailures(tx, target.id);
    await audit(
      tx,
      request,
      {
        action: 'security.user.unlock',
        targetType: 'user',
        targetId: target.id,
        details: { username: target.username },
      },
      now,
    );
    return u!;
  });
  return viewOf(ctx, user);
}

/** Ends every session of a user now (a lost laptop, a suspected intrusion). */
export async function endUserSessions(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
): Promise<GovUserView> {
  const now = ctx.clock.now();
  const user = await ctx.db.transaction(async (tx) => {
    const target = await getGovUser(tx, id);
    if (target.id === actor.userId) throw AppError.of('OWN_SESSION');
    await endAllSessions(tx, target.id);
    await audit(
      tx,
      request,
      {
        action: 'security.user.end_sessions',
        targetType: 'user',
        targetId: target.id,
        details: { username: target.username },
      },
      now,
    );
    return target;
  });
  return viewOf(ctx, user);
}

/**
 * Removes a user's authenticator app (a lost or replaced phone): the user logs in with an SMS code where one is
 * due, and may enrol a new app. Every session of the user ends, so a thief holding one is out too.
 */
export async function resetSecondFactor(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
): Promise<GovUserView> {
  const now = ctx.clock.now();
  const user = await ctx.db.transaction(async (tx) => {
    const target = await getGovUser(tx, id);
    if (target.id === actor.userId) throw AppError.of('OWN_SECOND_FACTOR');
    const [u] = await tx
      .update(users)
      .set({ totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null })
      .where(eq(users.id, target.id))
      .returning();
    await endAllSessions(tx, target.id);
    await audit(
      tx,
      request,
      {
        action: 'security.user.reset_second_factor',
        targetType: 'user',
        targetId: target.id,
        details: { username: target.username, hadTotp: target.totpSecret !== null },
      },
      now,
    );
    return u!;
  });
  return viewOf(ctx, user);
}

export async function getSecurityPolicy(ctx: AppContext): Promise<SecurityPolicy> {
  return {
    secondFactorEnabled: ctx.config.secondFactor,
    secondFactorReviewers: await secondFactorForReviewers(ctx.db),
    passwordMaxAgeDays: ctx.config.passwordMaxAgeDays,
    passwordHistory: PASSWORD_HISTORY,
  };
}

/** The security administrator turns the second factor of county and city reviewers on or off (audited). */
export async function saveSecurityPolicy(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  body: SecurityPolicyUpdate,
): Promise<SecurityPolicy> {
  const now = ctx.clock.now();
  const before = await getSecurityPolicy(ctx);
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(provinceSettings)
      .values({
        provinceCode: PROVINCE_CODE,
        secondFactorReviewers: body.secondFactorReviewers,
        updatedBy: actor.userId,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: provinceSettings.provinceCode,
        set: { secondFactorReviewers: body.secondFactorReviewers, updatedBy: actor.userId, updatedAt: now },
      });
    await audit(
      tx,
      request,
      {
        action: 'security.policy.update',
        targetType: 'province_settings',
        targetId: PROVINCE_CODE,
        details: {
          before: { secondFactorReviewers: before.secondFactorReviewers },
          after: { secondFactorReviewers: body.secondFactorReviewers },
        },
      },
      now,
    );
  });
  return getSecurityPolicy(ctx);
}
