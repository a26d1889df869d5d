/**
 * Subject: administration (三员分立, GB/T 22239-2019 8.1.4.2), and the province's configuration. Role-only
 * actions: the records (accounts, the audit log, policies) carry no region.
 *   admin          系统管理员: department accounts, review units, SMS, campaigns' technical settings — no audit log;
 *   security_admin 安全管理员: password and lockout policy, unlocks, ending sessions, resetting second factors;
 *   audit_admin    审计管理员: reads, searches and exports the audit log, changes nothing.
 */
import type { Actor } from './index';
import { DEPARTMENTS, decide, type Rule } from './rule';
import { ROLES } from './index';

export const ADMIN_POLICY = {
  'account.read': { roles: ['admin', 'security_admin'] },
  /** Create, disable, enable department accounts. */
  'account.manage': { roles: ['admin'] },
  'account.reset_password': { roles: ['security_admin'] },
  /** Unlock, reset a second factor, end sessions, the password and lockout policy. */
  'security.manage': { roles: ['security_admin'] },
  'audit.read': { roles: ['audit_admin'] },
  'review_unit.read': { roles: ['admin'] },
  'sms.manage': { roles: ['admin'] },
  /** Campaigns: create, change, extend deadlines. */
  'campaign.manage': { roles: ['province', 'admin'] },
  'settings.read': { roles: DEPARTMENTS },
  'settings.write': { roles: ['province'] },
  'standard.read': { roles: DEPARTMENTS },
  /** New standard versions and a campaign's rule overrides. */
  'standard.edit': { roles: ['province'] },
  /** Every signed-in user: the message centre, the console home, one's own account settings. */
  'self.use': { roles: ROLES },
} as const satisfies Record<string, Rule<unknown>>;

export type AdminAction = keyof typeof ADMIN_POLICY;

export function can(actor: Actor | null, action: AdminAction): boolean {
  return decide<unknown>(ADMIN_POLICY[action], actor, undefined);
}
