/** Roles of the platform. Government roles are bound to a region (county, city, or the province 320000). */
export const ROLES = [
  'enterprise',
  'county_reviewer',
  'city_reviewer',
  'province',
  'admin',
  'security_admin',
  'audit_admin',
] as const;
export type Role = (typeof ROLES)[number];
export type GovRole = Exclude<Role, 'enterprise'>;

export const ROLE_LABELS: Record<Role, string> = {
  enterprise: '企业用户',
  county_reviewer: '县（市、区）工信部门',
  city_reviewer: '设区市工信部门',
  province: '省工信厅',
  admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
};

/**
 * 三员分立 (GB/T 22239-2019 8.1.4.2): three administrators, none of whom reads filings or business data.
 *   admin          系统管理员: department accounts, review units, campaigns' technical settings — no audit log;
 *   security_admin 安全管理员: password and lockout policy, unlocks, ending sessions, resetting second factors;
 *   audit_admin    审计管理员: reads, searches and exports the audit log (the other two's actions included),
 *                  changes nothing.
 */
export const ADMIN_ROLES = ['admin', 'security_admin', 'audit_admin'] as const satisfies readonly Role[];
export function isAdminRole(role: Role): boolean {
  return (ADMIN_ROLES as readonly Role[]).includes(role);
}

/** The person behind a request, resolved once per request from the session. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  /** Enterprise users: their enterprise. */
  enterpriseId: string | null;
  /** Government users: the region they act for. */
  regionCode: string | null;
}

export function isGovRole(role: Role): role is GovRole {
  return role !== 'enterprise';
}
