/**
 * Statistics for counties, cities and the province (issue 6, item 8).
 *
 *   GET /api/v1/statistics/summary?year&regionCode → SummaryResponse: one row per child region of `regionCode`
 *       (province → the 13 cities; city → its counties; county → itself) plus the total, for the campaign of `year`
 *   GET /api/v1/statistics/trend?regionCode         → TrendResponse: the region's totals for every campaign year
 *   GET /api/v1/statistics/export.xlsx?year&regionCode → both as an .xlsx (streamed)
 *
 * `regionCode` defaults to the caller's region and must lie within it (otherwise NOT_FOUND). Government roles only.
 *
 * Definitions (per region, by the enterprise's registered region; filings by the filing's live region):
 *   registeredEnterprises  enterprises registered on the platform by the end of `year`
 *   inDb                   enterprises 在库 now (current status, not historical)
 *   filings                the campaign's filings (drafts included) by status and by kind
 *   approvals              of those, approved by the city, by kind
 *   announcedInnovative    entries (included) of the campaign's announced 创新型中小企业 lists
 *   clearances             the campaign's 清退 records by state as shown at the time of the request: `proposed` 拟清退
 *                          still open, `expired` 已失效 (a 拟清退 the city did not confirm within its period, ADR 0021;
 *                          never stored), `confirmed` 已清退, `cancelled` 已撤销, `reinstated` 申诉成立、恢复在库
 *   update                 obligated: enterprises that had to file a 数据更新 in the campaign (在库 now and not entered
 *                          in this campaign, or with a 数据更新 filing or a 清退 record in it); updated: of those, with a
 *                          数据更新 submitted or approved; rate = updated ÷ obligated (null when nobody was obligated)
 */
import { FILING_KINDS, FILING_STATUSES } from './filing-api';
import { z } from './zod';

const regionCode = z.string().regex(/^\d{6}$/, '地区代码应为 6 位数字');

export const SummaryQuery = z.object({
  year: z.coerce.number().int().min(2000, '年度不正确').max(2100, '年度不正确'),
  regionCode: regionCode.optional(),
});
export const TrendQuery = z.object({ regionCode: regionCode.optional() });

const counts = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<T[number], z.ZodNumber>);

export const RegionFigures = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  registeredEnterprises: z.number().int(),
  inDb: z.number().int(),
  filings: z.object({
    total: z.number().int(),
    byStatus: counts(FILING_STATUSES),
    byKind: counts(FILING_KINDS),
  }),
  approvals: z.object({ total: z.number().int(), byKind: counts(FILING_KINDS) }),
  announcedInnovative: z.number().int(),
  clearances: z.object({
    proposed: z.number().int(),
    expired: z.number().int(),
    confirmed: z.number().int(),
    cancelled: z.number().int(),
    reinstated: z.number().int(),
  }),
  update: z.object({ obligated: z.number().int(), updated: z.number().int(), rate: z.number().nullable() }),
});
export type RegionFigures = z.infer<typeof RegionFigures>;

export const SummaryResponse = z.object({
  year: z.number().int(),
  /** Null when no campaign exists for the year (then every campaign figure is 0). */
  campaignId: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  rows: z.array(RegionFigures),
  total: RegionFigures,
});
export type SummaryResponse = z.infer<typeof SummaryResponse>;

export const TrendResponse = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  years: z.array(RegionFigures.extend({ year: z.number().int(), campaignId: z.string() })),
});
export type TrendResponse = z.infer<typeof TrendResponse>;
