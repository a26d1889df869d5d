/**
 * 我的梯度 (issue 12 item 5): the enterprise's place on the 2026 ladder.
 *
 *   GET /api/v1/ladder   enterprise (its own) → LadderView
 *
 * Three tiers in order — 科技和创新型中小企业 (科技型 or 创新型), 专精特新中小企业, 专精特新"小巨人"企业 — each met,
 * not met or not yet assessable, with the standard that applies today (its Chinese name), every condition with its
 * clause, and for what is not met the figure and the threshold; then what is missing for the next tier.
 */
import { z } from './zod';

export const TIER_KEYS = ['tech-innovative', 'specialized', 'little-giant'] as const;
export type TierKey = (typeof TIER_KEYS)[number];

export const TIER_STATUSES = ['met', 'unmet', 'pending'] as const;
export type TierStatus = (typeof TIER_STATUSES)[number];

export const LeafView = z.object({
  label: z.string(),
  figure: z.string(),
  requirement: z.string(),
  status: z.string(),
});

export const ConditionView = z.object({
  key: z.string(),
  title: z.string(),
  clause: z.string(),
  /** met | unmet | pending | notAssessed */
  status: z.string(),
  statusLabel: z.string(),
  explanation: z.string(),
  /** The clause or a value it uses is from one secondary source: 待核实. */
  toBeConfirmed: z.boolean(),
  leaves: z.array(LeafView),
});
export type ConditionView = z.infer<typeof ConditionView>;

export const StandardAssessment = z.object({
  standardId: z.string(),
  /** Chinese name with the document number, e.g. 专精特新中小企业认定标准（工信部企业〔2026〕2号 附件1）. */
  standardTitle: z.string(),
  /** Why this standard applies (application date and track). */
  reason: z.string(),
  /** What the assessment is based on, e.g. 2026 年度新增入库（已通过）. */
  basis: z.string(),
  qualified: z.boolean().nullable(),
  total: z.number().nullable(),
  conditions: z.array(ConditionView),
  summary: z.string(),
});
export type StandardAssessment = z.infer<typeof StandardAssessment>;

export const TitleView = z.object({
  kind: z.string(),
  title: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  registrationNo: z.string().nullable(),
  documentNo: z.string().nullable(),
});

export const TierView = z.object({
  key: z.enum(TIER_KEYS),
  name: z.string(),
  status: z.enum(TIER_STATUSES),
  /** 已取得称号 / 符合条件（尚未取得称号） / 未达到 / 暂无法判断 */
  statusLabel: z.string(),
  held: z.boolean(),
  titles: z.array(TitleView),
  assessments: z.array(StandardAssessment),
  /** Why nothing could be assessed (no filing yet), or null. */
  note: z.string().nullable(),
});
export type TierView = z.infer<typeof TierView>;

export const MissingItem = z.object({
  standardTitle: z.string(),
  title: z.string(),
  clause: z.string(),
  status: z.enum(['unmet', 'pending']),
  /** e.g. 上年度营业收入：1400.00 万元，要求 ≥ 1500 万元 */
  detail: z.string(),
  toBeConfirmed: z.boolean(),
});
export type MissingItem = z.infer<typeof MissingItem>;

export const LadderView = z.object({
  asOf: z.string(),
  tiers: z.array(TierView),
  /** The first tier whose title is not held, and what stands between the enterprise and it. */
  next: z
    .object({
      key: z.enum(TIER_KEYS),
      name: z.string(),
      /** Chinese sentence: the conditions are met (apply), or how many are missing. */
      summary: z.string(),
      missing: z.array(MissingItem),
    })
    .nullable(),
  qualityScores: z.array(z.object({ year: z.number().int(), score: z.string(), source: z.string() })),
});
export type LadderView = z.infer<typeof LadderView>;
