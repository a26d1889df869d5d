import type { GovUserView } from '../../../../shared/schemas/admin-api';

/**
 * What the system administrator is told after enabling an account. Enabling does not unlock (三员分立, ADR 0024):
 * an account still locked after failed logins says so, and who can unlock it.
 */
export function enabledMessage(
  u: Pick<GovUserView, 'lockedUntil'>,
  now: Date,
): { type: 'success' | 'warning'; text: string } {
  if (u.lockedUntil && new Date(u.lockedUntil).getTime() > now.getTime()) {
    return {
      type: 'warning',
      text: '账号已启用，但仍因多次登录失败处于锁定中；如需立即解除，请联系安全管理员。',
    };
  }
  return { type: 'success', text: '账号已启用' };
}
