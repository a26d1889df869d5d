import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROLE_LABELS, type Role } from '../../../shared/permissions';
import { regionPath } from '../../../shared/regions';
import { maskMobile } from '../../../shared/pii';
import type { SessionResponse, UserView } from '../../../shared/schemas/auth';
import type { DbOrTx } from '../../db/client';
import { enterprises, users } from '../../db/schema';
import { ensureCsrfCookie } from '../../plugins/session';
import { passwordAge } from '../../services/password-policy';
import type { AppContext } from '../../types';
import { secondFactorRequired } from './second-factor';

/** The signed-in user as the web app shows it (masked mobile, readable region, password age, second factor). */
export async function userView(ctx: AppContext, tx: DbOrTx, userId: string): Promise<UserView | null> {
  const rows = await tx
    .select({ user: users, enterprise: enterprises })
    .from(users)
    .leftJoin(enterprises, eq(enterprises.id, users.enterpriseId))
    .where(eq(users.id, userId))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  const { user, enterprise } = row;
  const role = user.role as Role;
  const age = passwordAge(ctx.config.passwordMaxAgeDays, user.passwordChangedAt, ctx.clock.now());
  const regionCode = enterprise ? (enterprise.countyCode ?? enterprise.cityCode) : user.regionCode;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role,
    roleLabel: ROLE_LABELS[role] ?? user.role,
    regionCode: regionCode ?? null,
    regionName: regionCode ? (regionPath(regionCode) ?? null) : null,
    enterprise: enterprise
      ? {
          id: enterprise.id,
          name: enterprise.name,
          uscc: enterprise.uscc,
          contactName: enterprise.contactName,
          contactMobileMasked: maskMobile(enterprise.contactMobile),
        }
      : null,
    mustChangePassword: user.mustChangePassword,
    passwordExpired: age.expired,
    passwordExpiresAt: age.expiresAt ? age.expiresAt.toISOString() : null,
    passwordExpiryWarningDays: age.warnDaysLeft,
    secondFactor: {
      totpEnabled: user.totpSecret !== null,
      required: await secondFactorRequired(ctx, tx, user.role),
    },
  };
}

/**
 * The session answer. After login / registration pass the new session's CSRF token; otherwise the current
 * session's (or the anonymous double-submit cookie, set when missing).
 */
export async function sessionResponse(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  fresh?: { userId: string; csrfToken: string },
  secondFactor?: SessionResponse['secondFactor'],
): Promise<SessionResponse> {
  const userId = fresh?.userId ?? request.actor?.userId ?? null;
  const csrfToken = fresh?.csrfToken ?? ensureCsrfCookie(ctx, request, reply);
  return {
    user: userId ? await userView(ctx, ctx.db, userId) : null,
    csrfToken,
    mode: ctx.config.mode,
    demo: ctx.config.demoData,
    limits: {
      licenceMaxBytes: ctx.config.licenceMaxBytes,
      attachmentMaxBytes: ctx.config.attachmentMaxBytes,
    },
    sessionIdleMinutes: ctx.config.sessionIdleMinutes,
    ...(secondFactor ? { secondFactor } : {}),
  };
}
