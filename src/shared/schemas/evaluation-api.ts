/**
 * 创新型中小企业评价 API contract (issue 6 item 1). Shared by the server's routes and the web console.
 *
 * An evaluation is the rules engine's result (the filing's recorded standard, e.g. innovative-sme-2022) on the
 * input derived from the SUBMITTED snapshot of a filing the city has approved (status approved). One evaluation
 * per filing, created lazily (the list endpoints create the missing ones in the caller's region) or on demand
 * with `prepare`. A city reviewer may correct the input with a mandatory reason; the score is recomputed and both
 * versions are kept (`corrections`, newest last), `version` + 1.
 *
 * Who: city_reviewer (its city; may correct), province / admin (all of Jiangsu, read-only), county_reviewer (its
 * county, read-only). Enterprises 403, anonymous 401. Anything outside the caller's region is 404 NOT_FOUND.
 *
 * Endpoints (JSON; state-changing requests send x-csrf-token):
 *   POST /api/v1/evaluation/campaigns/:campaignId/prepare            → PrepareResponse
 *        city reviewer only: creates the missing evaluations of its city's approved filings (idempotent).
 *   GET  /api/v1/evaluation/campaigns/:campaignId/evaluations        EvaluationListQuery → EvaluationListResponse
 *        filters: qualified=true|false|pending, minScore, maxScore (inclusive), countyCode; sorted by score desc.
 *   GET  /api/v1/evaluation/evaluations/:id                           → EvaluationDetail
 *        (input, result with the explained breakdown, corrections history, correctable field paths)
 *   POST /api/v1/evaluation/evaluations/:id/corrections               CorrectionRequest → EvaluationDetail
 *        city reviewer of the evaluation's city only. 400 VALIDATION_FAILED (fieldErrors "reason",
 *        "changes.<path>"), 409 CONFLICT when expectedVersion is not the current version (someone else corrected
 *        it first: reload and retry), 409 INVALID_STATE once the city's list is in publicity or announced.
 *
 * Correctable paths (`changes` keys) and values:
 *   lastYear.operatingRevenue | lastYear.rdExpense | lastYear.mainBusinessRevenue | lastYear.totalAssets |
 *   lastYear.totalLiabilities | yearBefore.mainBusinessRevenue            amount in 万元, string "1234.56"
 *   direct.equityFinancing3Years                                          amount in 万元
 *   mainProductStrategicEmerging | direct.sciTechAwardWithin3Years | direct.validHonor |
 *   direct.provincialRdInstitution                                        boolean
 *   intellectualProperty.<n>.relatedToMainProduct | .selfDeveloped | .highValue   boolean
 *   intellectualProperty.<n>.class                                        "I" | "II"
 *   intellectualProperty.<n>.excluded   boolean: true leaves the item out of the evaluation (e.g. 证书已失效)
 */
import { z } from './zod';

export const EVALUATION_AMOUNT_PATHS = [
  'lastYear.operatingRevenue',
  'lastYear.rdExpense',
  'lastYear.mainBusinessRevenue',
  'lastYear.totalAssets',
  'lastYear.totalLiabilities',
  'yearBefore.mainBusinessRevenue',
  'direct.equityFinancing3Years',
] as const;

export const EVALUATION_BOOLEAN_PATHS = [
  'mainProductStrategicEmerging',
  'direct.sciTechAwardWithin3Years',
  'direct.validHonor',
  'direct.provincialRdInstitution',
] as const;

export const EVALUATION_IP_FIELDS = [
  'relatedToMainProduct',
  'selfDeveloped',
  'highValue',
  'class',
  'excluded',
] as const;

/** Chinese labels of the correctable paths (IP items: "第 n 项知识产权·<label>"). */
export const EVALUATION_PATH_LABELS: Record<string, string> = {
  'lastYear.operatingRevenue': '上年度营业收入（万元）',
  'lastYear.rdExpense': '上年度研发费用总额（万元）',
  'lastYear.mainBusinessRevenue': '上年度主营业务收入（万元）',
  'lastYear.totalAssets': '上年末资产总额（万元）',
  'lastYear.totalLiabilities': '上年末负债总额（万元）',
  'yearBefore.mainBusinessRevenue': '上上年度主营业务收入（万元）',
  'direct.equityFinancing3Years': '近三年新增股权融资总额（万元）',
  mainProductStrategicEmerging: '主导产品属于《战略性新兴产业分类》',
  'direct.sciTechAwardWithin3Years': '近三年内获得国家级、省级科技奖励',
  'direct.validHonor': '有效期内的高新技术企业等荣誉',
  'direct.provincialRdInstitution': '拥有经认定的省部级以上研发机构',
  relatedToMainProduct: '与主导产品相关',
  selfDeveloped: '自主研发',
  highValue: 'Ⅰ类高价值知识产权',
  class: '知识产权类别（Ⅰ类/Ⅱ类）',
  excluded: '不计入评价（如证书已失效）',
};

export const QUALIFIED_FILTERS = ['true', 'false', 'pending'] as const;

export const EvaluationListQuery = z.object({
  qualified: z.enum(QUALIFIED_FILTERS).optional(),
  minScore: z.coerce.number().int().min(0).max(100).optional(),
  maxScore: z.coerce.number().int().min(0).max(100).optional(),
  countyCode: z
    .string()
    .regex(/^\d{6}$/, '请选择县（市、区）')
    .optional(),
});
export type EvaluationListQuery = z.infer<typeof EvaluationListQuery>;

export const EvaluationSummary = z.object({
  id: z.string(),
  filingId: z.string(),
  campaignId: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  uscc: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  cityCode: z.string(),
  standardId: z.string(),
  /** The version of the standard's thresholds the evaluation used (1 = built-in); never changes. */
  standardVersion: z.number().int(),
  scoreTotal: z.number().nullable(),
  /** Category scores: innovation (创新能力), growth (成长性), specialization (专业化). */
  categories: z.record(z.string(), z.number().nullable()),
  directConditions: z.array(z.string()),
  /** true qualified, false not, null pending manual review. */
  qualified: z.boolean().nullable(),
  qualifiedLabel: z.string(),
  corrected: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
});
export type EvaluationSummary = z.infer<typeof EvaluationSummary>;

export const EvaluationListResponse = z.object({
  items: z.array(EvaluationSummary),
  counts: z.object({
    total: z.number(),
    qualified: z.number(),
    notQualified: z.number(),
    pending: z.number(),
  }),
});
export type EvaluationListResponse = z.infer<typeof EvaluationListResponse>;

export const PrepareResponse = z.object({
  created: z.number(),
  total: z.number(),
});
export type PrepareResponse = z.infer<typeof PrepareResponse>;

export const CorrectionView = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string().nullable(),
  reason: z.string(),
  /** path → { before, after, label } */
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown(), label: z.string() })),
  inputBefore: z.record(z.string(), z.unknown()),
  resultBefore: z.record(z.string(), z.unknown()),
  resultAfter: z.record(z.string(), z.unknown()),
  scoreBefore: z.number().nullable(),
  scoreAfter: z.number().nullable(),
  qualifiedBefore: z.boolean().nullable(),
  qualifiedAfter: z.boolean().nullable(),
});
export type CorrectionView = z.infer<typeof CorrectionView>;

export const EvaluationDetail = EvaluationSummary.extend({
  /** The rules engine input (innovative-sme-2022 golden-case shape; IP items carry name/number for display). */
  input: z.record(z.string(), z.unknown()),
  /** The InnovativeSmeResult (src/shared/rules/innovative-sme-2022.ts), explanation included. */
  result: z.record(z.string(), z.unknown()),
  corrections: z.array(CorrectionView),
  /** The paths `changes` may name for this evaluation, with Chinese labels. */
  correctablePaths: z.array(
    z.object({ path: z.string(), label: z.string(), kind: z.enum(['amount', 'boolean', 'ipClass']) }),
  ),
  /** Whether the caller may correct it now. */
  canCorrect: z.boolean(),
});
export type EvaluationDetail = z.infer<typeof EvaluationDetail>;

export const CorrectionRequest = z.object({
  changes: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .refine((c) => Object.keys(c).length > 0, { error: '请至少修改一项数据' }),
  reason: z
    .string({ error: '请填写修正原因' })
    .trim()
    .min(2, '请填写修正原因（至少 2 个字）')
    .max(500, '修正原因不能超过 500 字'),
  /** The version the reviewer saw (optimistic concurrency). */
  expectedVersion: z.number().int().min(1),
});
export type CorrectionRequest = z.infer<typeof CorrectionRequest>;
