/**
 * Administration (issue 5, item 8): government accounts, the audit log browser and the review units. Shared by
 * the server's routes and the web app. Every endpoint is for the `admin` role only (others: FORBIDDEN); a user
 * id that is not a government account is NOT_FOUND. Every action is audited (admin.user.create,
 * admin.user.disable, admin.user.enable, admin.user.reset_password, admin.audit.search).
 *
 * Endpoints (JSON; state-changing requests send x-csrf-token):
 *   GET  /api/v1/admin/users?role&regionCode&status&q&cursor&limit → GovUserListResponse (by username, keyset)
 *   POST /api/v1/admin/users                 CreateGovUserRequest  → 201 GovUserView
 *   GET  /api/v1/admin/users/:id                                   → GovUserView
 *   POST /api/v1/admin/users/:id/disable     DisableUserRequest    → GovUserView (ends their sessions)
 *   POST /api/v1/admin/users/:id/enable                            → GovUserView (also clears a lockout)
 *   POST /api/v1/admin/users/:id/reset-password  ResetUserPasswordRequest → GovUserView (ends their sessions)
 *   GET  /api/v1/admin/audit?action&userId&username&from&to&targetType&targetId&success&cursor&limit
 *                                                                  → AuditListResponse (newest first, keyset)
 *   GET  /api/v1/admin/review-units                                → ReviewUnitsResponse
 *
 * An account created here, or whose password is reset here, has `mustChangePassword` set: until its user changes
 * the password, every API but the session, changing the password and logging out answers 403
 * PASSWORD_CHANGE_REQUIRED (the administrator knows the password; only the user should).
 *
 * Review units: every county-level unit is a review unit, development zones (功能区, kind dev_zone) included
 * (ADR 0004). There is no switch to take a zone out: an enterprise registered in a zone is reviewed by it.
 */
import type { GovRole } from '../permissions';
import { cityOf, findRegion } from '../regions';
import { mobile, password, passwordNotFromUsername, text, toHalfWidth, username } from './fields';
import { z } from './zod';

export const GOV_ROLES = [
  'county_reviewer',
  'city_reviewer',
  'province',
  'admin',
  'security_admin',
  'audit_admin',
] as const satisfies readonly GovRole[];
export const GovRoleSchema = z.enum(GOV_ROLES, { error: '请选择角色' });

export const USER_STATUSES = ['active', 'disabled'] as const;
export const USER_STATUS_LABELS: Record<(typeof USER_STATUSES)[number], string> = {
  active: '正常',
  disabled: '已停用',
};

/**
 * The region a government role must be bound to, or a Chinese message: a county reviewer to a county-level unit
 * (development zones included), a city reviewer to a 设区市, the province and admin to 江苏省 (320000).
 */
export function regionProblemForRole(role: GovRole, regionCode: string): string | null {
  const region = findRegion(regionCode);
  switch (role) {
    case 'county_reviewer':
      return region?.level === 'county' ? null : '县（市、区）工信部门账号须选择一个县（市、区）或开发区';
    case 'city_reviewer':
      return region?.level === 'city' ? null : '设区市工信部门账号须选择一个设区市';
    case 'province':
    case 'admin':
    case 'security_admin':
    case 'audit_admin':
      return regionCode === '320000' ? null : '省工信厅和管理员账号的所属地区须为江苏省（320000）';
  }
}

const passwordPair = {
  password,
  passwordConfirm: z.string({ error: '请再次输入密码' }).min(1, '请再次输入密码'),
};

function samePasswords(v: { password: string; passwordConfirm: string }, ctx: z.RefinementCtx): void {
  if (v.password !== v.passwordConfirm) {
    ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: '两次输入的密码不一致，请重新输入' });
  }
}

/** An optional mobile: empty means none. */
const optionalMobile = z.preprocess(
  (v) => (typeof v === 'string' && toHalfWidth(v) === '' ? undefined : v),
  mobile.optional(),
);

export const CreateGovUserRequest = z
  .object({
    username,
    displayName: text('姓名或科室名称', 50),
    role: GovRoleSchema,
    regionCode: z.string({ error: '请选择所属地区' }).regex(/^\d{6}$/, '请选择所属地区'),
    mobile: optionalMobile,
    /** The initial password, told to the user by the administrator; it follows the password policy. */
    ...passwordPair,
  })
  .superRefine((v, ctx) => {
    samePasswords(v, ctx);
    passwordNotFromUsername(v, ctx);
    const problem = regionProblemForRole(v.role, v.regionCode);
    if (problem) ctx.addIssue({ code: 'custom', path: ['regionCode'], message: problem });
  });
export type CreateGovUserRequest = z.input<typeof CreateGovUserRequest>;

export const DisableUserRequest = z.object({
  reason: text('停用原因', 200).optional(),
});
export type DisableUserRequest = z.input<typeof DisableUserRequest>;

export const ResetUserPasswordRequest = z.object(passwordPair).superRefine(samePasswords);
export type ResetUserPasswordRequest = z.input<typeof ResetUserPasswordRequest>;

export const UserIdParams = z.object({ id: z.string().uuid('用户编号不正确') });

const limit = z.coerce.number().int().min(1, '每页至少 1 条').max(200, '每页最多 200 条').default(50);

export const GovUserListQuery = z.object({
  role: GovRoleSchema.optional(),
  /** A 设区市 code also lists its counties' accounts; 320000 lists all. */
  regionCode: z
    .string()
    .regex(/^\d{6}$/, '地区代码不正确')
    .optional(),
  status: z.enum(USER_STATUSES, { error: '状态不正确' }).optional(),
  /** Part of the username or the name. */
  q: z.string().max(64, '关键字不能超过 64 个字').optional(),
  /** nextCursor of the previous page. */
  cursor: z.string().uuid('分页参数不正确，请刷新页面后重试').optional(),
  limit,
});
export type GovUserListQuery = z.input<typeof GovUserListQuery>;

export const GovUserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: GovRoleSchema,
  roleLabel: z.string(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  mobileMasked: z.string().nullable(),
  status: z.enum(USER_STATUSES),
  statusLabel: z.string(),
  /** Locked after failed logins until this time (null when not locked). */
  lockedUntil: z.string().nullable(),
  passwordChangedAt: z.string(),
  /** Created or reset by an administrator and not yet changed by the user. */
  mustChangePassword: z.boolean(),
  /** An authenticator app is enrolled (the security administrator may reset it). */
  totpEnabled: z.boolean(),
  createdAt: z.string(),
  activeSessions: z.number().int(),
});

/** The security administrator's login policy (docs/adr/0023-second-factor-and-password-ageing.md). */
export const SecurityPolicy = z.object({
  /** The platform asks for a second factor (production, or SECOND_FACTOR=on). */
  secondFactorEnabled: z.boolean(),
  /** Administrators and the province always; county and city reviewers when this is on. */
  secondFactorReviewers: z.boolean(),
  /** PASSWORD_MAX_AGE_DAYS (0: no expiry). */
  passwordMaxAgeDays: z.number().int(),
  /** A new password may not repeat any of this many last passwords. */
  passwordHistory: z.number().int(),
});
export type SecurityPolicy = z.infer<typeof SecurityPolicy>;

export const SecurityPolicyUpdate = z.object({
  secondFactorReviewers: z.boolean({ error: '请选择县区、设区市审核员登录是否须使用第二因素' }),
});
export type SecurityPolicyUpdate = z.input<typeof SecurityPolicyUpdate>;
export type GovUserView = z.infer<typeof GovUserView>;

export const GovUserListResponse = z.object({
  items: z.array(GovUserView),
  nextCursor: z.string().nullable(),
});
export type GovUserListResponse = z.infer<typeof GovUserListResponse>;

const instant = (label: string) => z.iso.datetime({ offset: true, error: `${label}须为带时区的日期时间` });

export const AuditQuery = z
  .object({
    /** Exact action (login.success), or a prefix ending in * (login.*). */
    action: z
      .string()
      .regex(/^[a-z_.]+\*?$/, '操作类型不正确')
      .max(64)
      .optional(),
    userId: z.string().uuid('用户编号不正确').optional(),
    /** Exact username, case-insensitive. */
    username: z.string().max(64).optional(),
    /** Inclusive. */
    from: instant('开始时间').optional(),
    /** Exclusive. */
    to: instant('结束时间').optional(),
    targetType: z.string().max(40).optional(),
    targetId: z.string().max(100).optional(),
    success: z
      .enum(['true', 'false'], { error: '结果不正确' })
      .transform((v) => v === 'true')
      .optional(),
    cursor: z
      .string()
      .regex(/^\d{1,18}$/, '分页参数不正确，请刷新页面后重试')
      .optional(),
    limit,
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && new Date(v.from).getTime() >= new Date(v.to).getTime()) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: '结束时间须晚于开始时间' });
    }
  });
export type AuditQuery = z.input<typeof AuditQuery>;

/** The Excel export of the audit log: a period (both ends required) and the list's filters. */
export const AuditExportQuery = z
  .object({
    action: AuditQuery.shape.action,
    userId: AuditQuery.shape.userId,
    username: AuditQuery.shape.username,
    /** Inclusive. */
    from: instant('开始时间'),
    /** Exclusive. */
    to: instant('结束时间'),
    targetType: AuditQuery.shape.targetType,
    targetId: AuditQuery.shape.targetId,
    success: AuditQuery.shape.success,
  })
  .superRefine((v, ctx) => {
    if (new Date(v.from).getTime() >= new Date(v.to).getTime()) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: '结束时间须晚于开始时间' });
    }
  });
export type AuditExportQuery = z.input<typeof AuditExportQuery>;

export const AuditEventView = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  success: z.boolean(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  /** Chinese label of the action (issue 16 item 11). */
  actionLabel: z.string(),
  /** The user's display name, when the user still exists. */
  userDisplayName: z.string().nullable(),
  /** Chinese name of the target type and the target's name (enterprise, user, file, campaign …), when known. */
  targetTypeLabel: z.string().nullable(),
  targetName: z.string().nullable(),
});
export type AuditEventView = z.infer<typeof AuditEventView>;

export const AuditListResponse = z.object({
  items: z.array(AuditEventView),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type AuditListResponse = z.infer<typeof AuditListResponse>;

export const COUNTY_KIND_LABELS = {
  district: '市辖区',
  county_city: '县级市',
  county: '县',
  dev_zone: '开发区（功能区）',
} as const;

export const ReviewUnitView = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['district', 'county_city', 'county', 'dev_zone']),
  kindLabel: z.string(),
  devZone: z.boolean(),
  /** Always true: every county-level unit, development zones included, reviews its enterprises' filings. */
  reviewUnit: z.boolean(),
  /** Active county reviewer accounts of the unit. */
  reviewerCount: z.number().int(),
  disabledReviewerCount: z.number().int(),
});
export type ReviewUnitView = z.infer<typeof ReviewUnitView>;

export const ReviewUnitsResponse = z.object({
  cities: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      /** Active city reviewer accounts. */
      reviewerCount: z.number().int(),
      disabledReviewerCount: z.number().int(),
      units: z.array(ReviewUnitView),
    }),
  ),
  totals: z.object({
    cities: z.number().int(),
    units: z.number().int(),
    devZones: z.number().int(),
    /** Review units with no active reviewer account yet. */
    unitsWithoutReviewer: z.number().int(),
  }),
});
export type ReviewUnitsResponse = z.infer<typeof ReviewUnitsResponse>;

/** Whether a region code lies within another (itself, a county of a city, anything in the province). */
export function regionWithin(code: string, scope: string): boolean {
  if (code === scope || scope === '320000') return true;
  return cityOf(code)?.code === scope;
}
