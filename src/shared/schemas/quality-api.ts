/**
 * 中小企业专精特新发展（质量）评价得分 API (issue 12 item 4). The score is computed by the national platform
 * (工信厅企业〔2024〕75号), never here: it is entered by the province or a city, or imported (数据交换), per
 * enterprise and year, with its source. The 2026 专精特新 (≥ 50) and 小巨人 (≥ 60) checks read it.
 *
 *   GET  /api/v1/quality-scores?year=&q=              county/city/province/admin (own region) → QualityScoreListResponse
 *   PUT  /api/v1/quality-scores                        city (own city) / province / admin; SaveQualityScoreRequest → QualityScoreView
 *   POST /api/v1/exchange/quality-scores/import        city (own city) / province / admin; multipart file → QualityImportResponse
 */
import { parseAmount } from '../money';
import { z } from './zod';

export const QUALITY_IMPORT_COLUMNS = ['企业名称', '统一社会信用代码', '年度', '得分', '来源'] as const;

export const QUALITY_SOURCE_TYPE_LABELS: Record<'entry' | 'import', string> = {
  entry: '录入',
  import: '数据交换导入',
};

/** A score as stored: 0–100 with at most two decimals, canonical ("56.50"); exact, never a float. */
export function parseQualityScore(v: unknown): { ok: true; value: string } | { ok: false; message: string } {
  const msg = '评价得分请填写 0 至 100 之间的数字，最多两位小数，例如 56.5';
  if (typeof v !== 'string' && typeof v !== 'number') return { ok: false, message: msg };
  if (typeof v === 'string' && v.trim() === '') return { ok: false, message: '请填写评价得分' };
  const r = parseAmount(v, { allowNegative: false });
  if (!r.ok || r.cents > 10000n) return { ok: false, message: msg };
  return { ok: true, value: r.value };
}

const year = z
  .number({ error: '请填写评价年度，例如 2026' })
  .int('评价年度请填写四位年份，例如 2026')
  .min(2020, '评价年度不能早于 2020 年')
  .max(2100, '评价年度不正确');

export const SaveQualityScoreRequest = z.object({
  uscc: z.string({ error: '请填写统一社会信用代码' }).min(1, '请填写统一社会信用代码').max(40),
  year,
  score: z.union([z.string().max(20), z.number()], { error: '请填写评价得分' }),
  source: z
    .string({ error: '请填写得分来源' })
    .trim()
    .min(2, '请填写得分来源，例如“优质中小企业梯度培育平台 2026-05-20 查询”')
    .max(200, '得分来源不能超过 200 个字'),
});
export type SaveQualityScoreRequest = z.input<typeof SaveQualityScoreRequest>;

export const QualityScoreView = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  uscc: z.string(),
  cityCode: z.string().nullable(),
  countyCode: z.string().nullable(),
  year: z.number().int(),
  /** Canonical decimal string, e.g. "56.50". */
  score: z.string(),
  sourceType: z.enum(['entry', 'import']),
  sourceTypeLabel: z.string(),
  source: z.string(),
  enteredByName: z.string().nullable(),
  updatedAt: z.string(),
});
export type QualityScoreView = z.infer<typeof QualityScoreView>;

export const QualityScoreListQuery = z.object({
  year: z.coerce.number().int().min(2020).max(2100).optional(),
  /** Part of the name or credit code (at least 2 characters). */
  q: z.string().trim().max(60).optional(),
});

export const QualityScoreListResponse = z.object({ items: z.array(QualityScoreView) });
export type QualityScoreListResponse = z.infer<typeof QualityScoreListResponse>;

export const QualityImportResponse = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), message: z.string() })),
  warnings: z.array(z.object({ row: z.number().int(), message: z.string() })),
});
export type QualityImportResponse = z.infer<typeof QualityImportResponse>;
