import { eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROLE_LABELS, type Role } from '../../../shared/permissions';
import { regionPath } from '../../../shared/regions';
import { maskMobile } from '../../../shared/pii';
import type { SessionResponse, UserView } from '../../../shared/schemas/auth';
import type { DbOrTx } from '../../db/client';
import { enterprises, users } from '../../db/schema';
import { ensureCsrfCookie } from '../../plugins/session';
import type { AppContext } from '../../types';

/** The signed-in user as the web app shows it (masked mobile, readable region). */
export async function userView(tx: DbOrTx, userId: string): Promise<UserView | null> {
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
): Promise<SessionResponse> {
  const userId = fresh?.userId ?? request.actor?.userId ?? null;
  const csrfToken = fresh?.csrfToken ?? ensureCsrfCookie(ctx, request, reply);
  return {
    user: userId ? await userView(ctx.db, userId) : null,
    csrfToken,
    mode: ctx.config.mode,
    demo: ctx.config.demoData,
    limits: {
      licenceMaxBytes: ctx.config.licenceMaxBytes,
      attachmentMaxBytes: ctx.config.attachmentMaxBytes,
    },
    sessionIdleMinutes: ctx.config.sessionIdleMinutes,
  };
}
