/**
 * Province settings API contract (issue 6): what the province's department may change without a release.
 *
 *   GET /api/v1/settings/province   county/city reviewers, province, admin → ProvinceSettings
 *   PUT /api/v1/settings/province   province, admin; ProvinceSettingsUpdate → ProvinceSettings (audited)
 *
 * `updatedAt` is null while the platform defaults apply (nobody has saved the settings yet).
 *   publicityDays       default length of a 公示 in calendar days (the list's default publicity end)
 *   clearanceGraceDays  days after the 数据更新 deadline before 清退 is proposed
 */
import { z } from './zod';

export const PROVINCE_SETTINGS_LIMITS = {
  publicityDays: { min: 5, max: 30, default: 5 },
  clearanceGraceDays: { min: 0, max: 90, default: 15 },
} as const;

const P = PROVINCE_SETTINGS_LIMITS.publicityDays;
const G = PROVINCE_SETTINGS_LIMITS.clearanceGraceDays;

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

export const ProvinceSettings = z.object({
  publicityDays,
  clearanceGraceDays,
  /** ISO time of the last change; null while the platform defaults apply. */
  updatedAt: z.string().nullable(),
});
export type ProvinceSettings = z.infer<typeof ProvinceSettings>;

/** The PUT body: the two settings (the `updatedAt` the form loaded may be sent back; it is ignored). */
export const ProvinceSettingsUpdate = z.object({
  publicityDays,
  clearanceGraceDays,
  updatedAt: z.string().nullable().optional(),
});
export type ProvinceSettingsUpdate = z.infer<typeof ProvinceSettingsUpdate>;
