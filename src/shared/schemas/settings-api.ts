/**
 * Province settings API contract (issue 6): what the province's department may change without a release.
 *
 *   GET /api/v1/settings/province   county/city reviewers, province, admin → ProvinceSettings
 *   PUT /api/v1/settings/province   province, admin; ProvinceSettingsUpdate → ProvinceSettings (audited)
 *
 * `updatedAt` is null while the platform defaults apply (nobody has saved the settings yet).
 *   publicityDays       default length of a 公示 in calendar days (the list's default publicity end)
 *   clearanceGraceDays  days after the 数据更新 deadline before 清退 is proposed
 *   appealWindowDays    days after a 清退 is confirmed in which the enterprise may appeal (ADR 0021; default 30)
 *   proposalExpiryDays  days a 拟清退 proposal may be confirmed; then it is 已失效 (ADR 0021; default 60)
 *   updateDeadline      the annual 数据更新 deadline ('MM-DD') of campaigns from 2026 (default 05-31, 2号 [V])
 *   cancelAfterTwoMissedUpdates  「同一有效期内累计两次未更新的，取消认定」: off by default, [S] 待核实
 */
import { DEFAULT_APPEAL_WINDOW_DAYS, DEFAULT_PROPOSAL_EXPIRY_DAYS } from '../cycle';
import { z } from './zod';

export const PROVINCE_SETTINGS_LIMITS = {
  publicityDays: { min: 5, max: 30, default: 5 },
  clearanceGraceDays: { min: 0, max: 90, default: 15 },
  appealWindowDays: { min: 7, max: 180, default: DEFAULT_APPEAL_WINDOW_DAYS },
  proposalExpiryDays: { min: 15, max: 365, default: DEFAULT_PROPOSAL_EXPIRY_DAYS },
} as const;

const P = PROVINCE_SETTINGS_LIMITS.publicityDays;
const G = PROVINCE_SETTINGS_LIMITS.clearanceGraceDays;
const A = PROVINCE_SETTINGS_LIMITS.appealWindowDays;
const X = PROVINCE_SETTINGS_LIMITS.proposalExpiryDays;

const publicityDays = z
  .number({ error: `请填写公示天数（${P.min}–${P.max} 天的整数）` })
  .int(`公示天数请填写 ${P.min}–${P.max} 之间的整数`)
  .min(P.min, `公示天数不能少于 ${P.min} 天，请填写 ${P.min}–${P.max} 之间的整数`)
  .max(P.max, `公示天数不能超过 ${P.max} 天，请填写 ${P.min}–${P.max} 之间的整数`);

const clearanceGraceDays = z
  .number({ error: `请填写清退宽限天数（${G.min}–${G.max} 天的整数）` })
  .int(`清退宽限天数请填写 ${G.min}–${G.max} 之间的整数`)
  .min(G.min, `清退宽限天数不能为负数，请填写 ${G.min}–${G.max} 之间的整数`)
  .max(G.max, `清退宽限天数不能超过 ${G.max} 天，请填写 ${G.min}–${G.max} 之间的整数`);

const appealWindowDays = z
  .number({ error: `请填写清退申诉期限（${A.min}–${A.max} 天的整数）` })
  .int(`清退申诉期限请填写 ${A.min}–${A.max} 之间的整数`)
  .min(A.min, `清退申诉期限不能少于 ${A.min} 天，请填写 ${A.min}–${A.max} 之间的整数`)
  .max(A.max, `清退申诉期限不能超过 ${A.max} 天，请填写 ${A.min}–${A.max} 之间的整数`);

const proposalExpiryDays = z
  .number({ error: `请填写拟清退建议有效期（${X.min}–${X.max} 天的整数）` })
  .int(`拟清退建议有效期请填写 ${X.min}–${X.max} 之间的整数`)
  .min(X.min, `拟清退建议有效期不能少于 ${X.min} 天，请填写 ${X.min}–${X.max} 之间的整数`)
  .max(X.max, `拟清退建议有效期不能超过 ${X.max} 天，请填写 ${X.min}–${X.max} 之间的整数`);

/** Default 数据更新 deadline from 2026 (工信部企业〔2026〕2号: 每年5月31日前; rules-2026.md §1.4 [V]). */
export const DEFAULT_UPDATE_DEADLINE = '05-31';

/** A month-day that exists in every year (no 29 February): 'MM-DD'. */
function validMonthDay(v: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

const updateDeadline = z
  .string({ error: '请填写年度数据更新截止日期（月-日，例如 05-31）' })
  .refine(validMonthDay, '年度数据更新截止日期请填写“月-日”，例如 05-31（不能为 2 月 29 日）');

const cancelAfterTwoMissedUpdates = z.boolean({ error: '请选择是否启用“两次未更新取消认定”' });

export const ProvinceSettings = z.object({
  publicityDays,
  clearanceGraceDays,
  appealWindowDays,
  proposalExpiryDays,
  updateDeadline,
  cancelAfterTwoMissedUpdates,
  /** ISO time of the last change; null while the platform defaults apply. */
  updatedAt: z.string().nullable(),
});
export type ProvinceSettings = z.infer<typeof ProvinceSettings>;

/** The PUT body: the settings (the 2026 ones and the two ADR 0021 periods may be left out: they keep their value) (the `updatedAt` the form loaded may be sent back; it is ignored). */
export const ProvinceSettingsUpdate = z.object({
  publicityDays,
  clearanceGraceDays,
  appealWindowDays: appealWindowDays.optional(),
  proposalExpiryDays: proposalExpiryDays.optional(),
  updateDeadline: updateDeadline.optional(),
  cancelAfterTwoMissedUpdates: cancelAfterTwoMissedUpdates.optional(),
  updatedAt: z.string().nullable().optional(),
});
export type ProvinceSettingsUpdate = z.infer<typeof ProvinceSettingsUpdate>;
