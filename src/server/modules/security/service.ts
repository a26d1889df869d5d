import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../../../shared/permissions';
import type { GovUserView } from '../../../shared/schemas/admin-api';
import { users } from '../../db/schema';
import { audit } from '../../plugins/audit';
import { endAllSessions } from '../../plugins/session';
import type { AppContext } from '../../types';
import { getGovUser, viewOf } from '../admin/users';
import { clearLoginFailures } from '../auth/service';

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
    if (target.id === actor.userId)
      throw new AppError('INVALID_STATE', '不能在此结束自己的登录，请使用“退出”。');
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
