/**
 * Campaign management (issue 5, item 7): the province sets up each year's round (批次) and extends review
 * deadlines per region. Shared by the server's routes and the web app's forms (same Chinese messages).
 *
 * Endpoints (JSON; state-changing requests send x-csrf-token; management is for province and admin only —
 * other roles get FORBIDDEN):
 *   GET    /api/v1/campaigns                                    → CampaignListResponse (newest year first)
 *   POST   /api/v1/campaigns                  CampaignInput     → 201 CampaignAdminView
 *   GET    /api/v1/campaigns/:id                                → CampaignAdminView
 *   PATCH  /api/v1/campaigns/:id              CampaignPatch     → CampaignAdminView
 *   PUT    /api/v1/campaigns/:id/extensions   ExtensionInput    → ExtensionView (creates or replaces the
 *          extension of that region and level; the level follows from the code: county-level or 设区市)
 *   DELETE /api/v1/campaigns/:id/extensions/:extensionId        → 204
 * Every logged-in user:
 *   GET    /api/v1/campaigns/:id/deadlines?regionCode=          → EffectiveDeadlinesResponse
 *          (`:id` may be `current`; regionCode defaults to the caller's own county / region; an enterprise
 *          reads its own county only, a reviewer its own region (a city reviewer also its counties), the
 *          province and admin any region — otherwise NOT_FOUND)
 * Every change is audited (campaign.create, campaign.update, campaign.extension.set, campaign.extension.delete).
 */
import { STANDARDS } from '../rules/standards';
import { CampaignView, FILING_KINDS } from './filing-api';
import { text } from './fields';
import { z } from './zod';

/** The 创新型 standards a campaign may score with. */
export const CAMPAIGN_STANDARD_IDS = STANDARDS.list()
  .filter((s) => s.kind === 'innovative-sme')
  .map((s) => s.id);

export const CAMPAIGN_DATE_FIELDS = [
  'filingOpensAt',
  'filingClosesAt',
  'countyReviewDeadline',
  'cityReviewDeadline',
  'listDeadline',
] as const;
export type CampaignDateField = (typeof CAMPAIGN_DATE_FIELDS)[number];

export const CAMPAIGN_DATE_LABELS: Record<CampaignDateField, string> = {
  filingOpensAt: '企业填报开始时间',
  filingClosesAt: '企业填报截止时间',
  countyReviewDeadline: '县区审核截止时间',
  cityReviewDeadline: '设区市审核截止时间',
  listDeadline: '名单报送截止时间',
};

/** An instant with its time zone, e.g. 2024-03-24T23:59:59+08:00 or …Z. */
function instant(label: string) {
  return z.iso.datetime({ offset: true, error: `请填写${label}（含日期和时间）` });
}

const fields = {
  year: z
    .number({ error: '请填写年度' })
    .int('年度须为整数，例如 2024')
    .min(2020, '年度须在 2020 至 2100 之间')
    .max(2100, '年度须在 2020 至 2100 之间'),
  name: text('批次名称', 100),
  kindsOpen: z
    .array(z.enum(FILING_KINDS, { error: '填报类型不正确' }), { error: '请选择开放的填报类型' })
    .min(1, '请至少开放一类填报')
    .transform((kinds) => [...new Set(kinds)]),
  filingOpensAt: instant(CAMPAIGN_DATE_LABELS.filingOpensAt),
  filingClosesAt: instant(CAMPAIGN_DATE_LABELS.filingClosesAt),
  countyReviewDeadline: instant(CAMPAIGN_DATE_LABELS.countyReviewDeadline),
  cityReviewDeadline: instant(CAMPAIGN_DATE_LABELS.cityReviewDeadline),
  listDeadline: instant(CAMPAIGN_DATE_LABELS.listDeadline),
  standardId: z.enum(CAMPAIGN_STANDARD_IDS as [string, ...string[]], { error: '请选择评价标准' }),
};

/**
 * The order of a campaign's dates: opens < closes ≤ county deadline ≤ city deadline ≤ list deadline. Returns
 * every problem at once, each on the later field of the pair.
 */
export function campaignDateProblems(v: Record<CampaignDateField, string | Date>): Record<string, string> {
  const t = (f: CampaignDateField) => new Date(v[f]).getTime();
  const out: Record<string, string> = {};
  if (!(t('filingOpensAt') < t('filingClosesAt'))) out.filingClosesAt = '企业填报截止时间须晚于填报开始时间';
  if (t('countyReviewDeadline') < t('filingClosesAt'))
    out.countyReviewDeadline = '县区审核截止时间不能早于企业填报截止时间';
  if (t('cityReviewDeadline') < t('countyReviewDeadline'))
    out.cityReviewDeadline = '设区市审核截止时间不能早于县区审核截止时间';
  if (t('listDeadline') < t('cityReviewDeadline'))
    out.listDeadline = '名单报送截止时间不能早于设区市审核截止时间';
  return out;
}

function orderedDates(v: Record<CampaignDateField, string>, ctx: z.RefinementCtx): void {
  for (const [path, message] of Object.entries(campaignDateProblems(v))) {
    ctx.addIssue({ code: 'custom', path: [path], message });
  }
}

/** Create a campaign. The name defaults to "<year>年度优质中小企业入库培育和创新型中小企业评价". */
export const CampaignInput = z.object({ ...fields, name: fields.name.optional() }).superRefine(orderedDates);
export type CampaignInput = z.input<typeof CampaignInput>;

/** Change some fields; the merged campaign is checked again (date order, unique year). */
export const CampaignPatch = z
  .object(fields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: '请至少修改一项', path: ['_'] });
export type CampaignPatch = z.input<typeof CampaignPatch>;

export const EXTENSION_LEVELS = ['county', 'city'] as const;
export type ExtensionLevel = (typeof EXTENSION_LEVELS)[number];
export const EXTENSION_LEVEL_LABELS: Record<ExtensionLevel, string> = {
  county: '县区审核',
  city: '设区市审核',
};

export const ExtensionInput = z.object({
  /** A county-level code (development zones included) extends the county review; a 设区市 code the city review. */
  regionCode: z
    .string({ error: '请选择延期的地区' })
    .regex(/^32\d{4}$/, '请选择江苏省内的县（市、区）或设区市'),
  deadline: instant('延期后的审核截止时间'),
  reason: text('延期原因', 200),
});
export type ExtensionInput = z.input<typeof ExtensionInput>;

export const ExtensionView = z.object({
  id: z.string(),
  campaignId: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  level: z.enum(EXTENSION_LEVELS),
  levelLabel: z.string(),
  deadline: z.string(),
  /** The campaign's own deadline of that level. */
  baseDeadline: z.string(),
  reason: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type ExtensionView = z.infer<typeof ExtensionView>;

export const CampaignAdminView = CampaignView.extend({
  createdAt: z.string(),
  /** Filings of any status in this campaign (year and standard cannot change once there are some). */
  filingCount: z.number().int(),
  extensions: z.array(ExtensionView),
  /**
   * The standards this campaign uses instead of the date rule, per 层级:申请类型 (e.g. the 2026 复核 of the 小巨人
   * cohort by the 2022 rules: { "little-giant:review": "little-giant-2022" }); set by the province (ADR 0015).
   */
  ruleOverrides: z.record(z.string(), z.string()),
});
export type CampaignAdminView = z.infer<typeof CampaignAdminView>;

export const CampaignListResponse = z.object({
  items: z.array(CampaignAdminView),
  /** The campaign the enterprise portal shows now, if any. */
  currentId: z.string().nullable(),
  standards: z.array(z.object({ id: z.string(), title: z.string() })),
});
export type CampaignListResponse = z.infer<typeof CampaignListResponse>;

export const CampaignIdParams = z.object({ id: z.string().uuid('批次编号不正确') });
export const ExtensionIdParams = z.object({
  id: z.string().uuid('批次编号不正确'),
  extensionId: z.string().uuid('延期记录编号不正确'),
});
export const DeadlinesParams = z.object({
  id: z.union([z.literal('current'), z.string().uuid('批次编号不正确')]),
});
export const DeadlinesQuery = z.object({
  regionCode: z
    .string()
    .regex(/^\d{6}$/, '地区代码不正确')
    .optional(),
});

export const DeadlineView = z.object({
  /** The deadline that applies to the region (an extension when later than the campaign's). */
  deadline: z.string(),
  baseDeadline: z.string(),
  extended: z.boolean(),
  reason: z.string().nullable(),
  /** Whether the deadline has passed (server time). */
  passed: z.boolean(),
});
export type DeadlineView = z.infer<typeof DeadlineView>;

export const EffectiveDeadlinesResponse = z.object({
  campaignId: z.string(),
  campaignName: z.string(),
  year: z.number().int(),
  regionCode: z.string(),
  /** e.g. 苏州市昆山市 */
  regionName: z.string(),
  regionLevel: z.enum(['province', 'city', 'county']),
  filingOpensAt: z.string(),
  filingClosesAt: z.string(),
  filingOpen: z.boolean(),
  /** For a county: its own (possibly extended) county deadline; for a city or the province: the campaign's. */
  countyReview: DeadlineView,
  /** For a county or city: the city's (possibly extended) deadline; for the province: the campaign's. */
  cityReview: DeadlineView,
  listDeadline: z.string(),
  /** Server time, so countdowns do not depend on the browser's clock. */
  serverTime: z.string(),
});
export type EffectiveDeadlinesResponse = z.infer<typeof EffectiveDeadlinesResponse>;
