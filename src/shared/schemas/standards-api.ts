/**
 * Standards API contract (issue 12 items 1–3): the thresholds of each standard as data, their versions, the
 * per-campaign choice of standard, and a self-check through the standard that applies.
 *
 *   GET  /api/v1/standards                         gov roles → StandardListResponse
 *   GET  /api/v1/standards/:standardId             gov roles → StandardDetail (with every version)
 *   POST /api/v1/standards/:standardId/versions    province; NewStandardVersion → StandardDetail (audited)
 *   PUT  /api/v1/campaigns/:id/rule-overrides   province; RuleOverridesUpdate → RuleOverridesView (audited)
 *   POST /api/v1/standards/assess                  signed-in; AssessRequest → AssessResponse
 */
import { z } from './zod';

export const Verification = z.enum(['V', 'S']);

export const StandardParamView = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.enum(['amount', 'percent', 'count', 'years', 'score']),
  /** Value in force (current version). */
  value: z.string(),
  /** Built-in value (version 1). */
  builtIn: z.string(),
  corrected: z.boolean(),
  clause: z.string(),
  level: Verification,
  /** [S]: shown as 待核实. */
  toBeConfirmed: z.boolean(),
  note: z.string().nullable(),
});
export type StandardParamView = z.infer<typeof StandardParamView>;

export const StandardConditionView = z.object({
  key: z.string(),
  title: z.string(),
  clause: z.string(),
  level: Verification,
  atReview: z.string().nullable(),
  atReviewLevel: Verification.nullable(),
  note: z.string().nullable(),
});

export const StandardVersionView = z.object({
  version: z.number().int(),
  values: z.record(z.string(), z.string()),
  reason: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string().nullable(),
});

export const StandardSummary = z.object({
  id: z.string(),
  tier: z.enum(['tech-sme', 'innovative-sme', 'specialized-sme', 'little-giant']),
  tierName: z.string(),
  title: z.string(),
  documentNumber: z.string(),
  currentVersion: z.number().int(),
  correctedCount: z.number().int(),
  toBeConfirmedCount: z.number().int(),
});
export type StandardSummary = z.infer<typeof StandardSummary>;

export const StandardListResponse = z.object({ items: z.array(StandardSummary) });
export type StandardListResponse = z.infer<typeof StandardListResponse>;

export const StandardDetail = StandardSummary.extend({
  boundaryText: z.string(),
  params: z.array(StandardParamView),
  conditions: z.array(StandardConditionView),
  notes: z.array(z.string()),
  /** Newest first; version 1 (built-in) last. */
  versions: z.array(StandardVersionView),
  canEdit: z.boolean(),
});
export type StandardDetail = z.infer<typeof StandardDetail>;

export const NewStandardVersion = z.object({
  /** The version the form was loaded from (a newer one in between is a conflict). */
  expectedVersion: z.number().int().min(1),
  /** Every threshold to set (key → decimal string); keys left out keep their current value. */
  values: z.record(z.string(), z.string().trim()),
  reason: z
    .string({ error: '请填写修改原因（例如依据的文件和条款）' })
    .trim()
    .min(4, '请填写修改原因（至少 4 个字，例如依据的文件和条款）')
    .max(500, '修改原因不超过 500 字'),
});
export type NewStandardVersion = z.infer<typeof NewStandardVersion>;

export const RuleOverridesUpdate = z.object({
  /** e.g. { "little-giant:review": "little-giant-2022" }; an empty object clears every override. */
  overrides: z.record(z.string(), z.string()),
});
export type RuleOverridesUpdate = z.infer<typeof RuleOverridesUpdate>;

export const RuleOverridesView = z.object({
  campaignId: z.string(),
  overrides: z.record(z.string(), z.string()),
});
export type RuleOverridesView = z.infer<typeof RuleOverridesView>;

export const AssessRequest = z.object({
  tier: z.enum(['tech-sme', 'innovative-sme', 'specialized-sme', 'little-giant'], {
    error: '请选择梯度层级',
  }),
  track: z.enum(['first', 'review'], { error: '请选择首次申请或复核' }),
  /** ISO date of the application (default: today in Beijing time). */
  applicationDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '申请日期格式应为 YYYY-MM-DD')
    .optional(),
  /** The campaign whose overrides apply, if any. */
  campaignId: z.string().uuid('批次编号不正确').optional(),
  input: z.record(z.string(), z.unknown()),
});
export type AssessRequest = z.infer<typeof AssessRequest>;

export const AssessResponse = z.object({
  standardId: z.string(),
  version: z.number().int(),
  reason: z.string(),
  /** The standard's result (the engine's EngineResult for table standards; the 2022 shapes otherwise). */
  result: z.record(z.string(), z.unknown()),
});
export type AssessResponse = z.infer<typeof AssessResponse>;
