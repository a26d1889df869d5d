/**
 * The government review API contract (issue 5: county → city review). Shared by the server's routes and the
 * web console. Every endpoint is for government users only (county_reviewer, city_reviewer, province, admin);
 * an enterprise gets 403, anonymous 401. Jurisdiction: every list and every single-record load is ANDed with
 * the filing scope, so a filing outside the caller's region is "not found" (404) everywhere, including export.
 *
 * Endpoints (JSON unless noted; state-changing requests send x-csrf-token):
 *   GET  /api/v1/review/queue            QueueQuery → QueueResponse
 *        scope=mine (default, "待我审核": county → county_review of its county; city → city_review of its city;
 *        province/admin → both review statuses in Jiangsu) or scope=all (every submitted filing of the region).
 *        Keyset pagination: pass `nextCursor` back as `cursor` with the SAME filters and sort; no page numbers.
 *   GET  /api/v1/review/counts           → CountsResponse (pending counts for the menu badges)
 *   GET  /api/v1/review/export.xlsx      QueueQuery (cursor/limit ignored) → the .xlsx, streamed
 *        (Content-Disposition with a Chinese file name per RFC 5987; audited as review.export)
 *   GET  /api/v1/review/filings/:id      → ReviewDetail (marks the filing viewed at the caller's level; audited
 *        as filing.view)
 *   POST /api/v1/review/filings/:id/actions   ActionRequest → ActionResponse
 *        400 VALIDATION_FAILED (fieldErrors.reason / returnSections / toCountyCode), 403 FORBIDDEN,
 *        404 NOT_FOUND, 409 CONFLICT (expectedStatusVersion is stale: "该申报已被他人处理，请刷新查看最新状态"),
 *        409 INVALID_STATE (the action is not allowed in the current status), 409 WINDOW_CLOSED (review
 *        deadline passed; the message names the deadline). A repeat of the caller's own last action with
 *        expectedStatusVersion exactly one behind answers 200 with the current state and changes nothing.
 *   POST /api/v1/review/batch            BatchRequest → BatchResponse (per-item results; each item its own
 *        transaction, so one bad item does not roll back the others)
 *   POST /api/v1/review/enterprises/:id/region   RegionCorrectionRequest → RegionCorrectionResponse
 *        (administrator only; audited; filings in county review move with the enterprise)
 *
 * In-page preview of attachments: GET /api/v1/files/:fileId (see filing-api.ts), which enforces the region.
 */
import { SIZE_NAMES_ZH } from '../rules/sme-size-2011';
import { REVIEW_ACTIONS } from '../workflow';
import { FILING_KINDS, FILING_STATUSES, ReturnInfo, SectionKeySchema } from './filing-api';
import { z } from './zod';
import { calendarDay } from './fields';

export { SIZE_NAMES_ZH as SME_SIZE_LABELS };

export const ReviewActionSchema = z.enum(REVIEW_ACTIONS, { error: '请选择审核操作' });

export const QUEUE_SCOPES = ['mine', 'all'] as const;
export const QUEUE_SORTS = ['submitted_asc', 'submitted_desc', 'score_desc'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export const QUEUE_SORT_LABELS: Record<QueueSort, string> = {
  submitted_asc: '提交时间（早→晚）',
  submitted_desc: '提交时间（晚→早）',
  score_desc: '自评总分（高→低）',
};
export const SME_SIZES = ['large', 'medium', 'small', 'micro'] as const;

const ymd = (label: string) => calendarDay(label, '2023-03-01');
const bool = z.enum(['true', 'false']);

/** Query of the queue and the export. Dates are calendar days in Asia/Shanghai, both ends inclusive. */
export const QueueQuery = z.object({
  scope: z.enum(QUEUE_SCOPES).default('mine'),
  kind: z.enum(FILING_KINDS).optional(),
  status: z.enum(FILING_STATUSES).optional(),
  /** A county-level code within the caller's region. */
  countyCode: z
    .string()
    .regex(/^32\d{4}$/, '请选择江苏省的县（市、区）')
    .optional(),
  /** Prefix of the 国民经济行业 code, e.g. "C" or "C34". */
  industry: z
    .string()
    .regex(/^[A-Za-z]\d{0,4}$/, '行业代码请填写门类字母加数字，例如 C34')
    .optional(),
  smeSize: z.enum(SME_SIZES).optional(),
  scoreMin: z.coerce.number().int().min(0).max(100).optional(),
  scoreMax: z.coerce.number().int().min(0).max(100).optional(),
  directMet: bool.optional(),
  qualified: bool.optional(),
  submittedFrom: ymd('提交日期（起）').optional(),
  submittedTo: ymd('提交日期（止）').optional(),
  /** Enterprise name substring, or a prefix of the credit code. */
  q: z.string().trim().max(60, '查询内容不能超过 60 个字').optional(),
  sort: z.enum(QUEUE_SORTS).default('submitted_asc'),
  /** Opaque: the previous page's nextCursor. */
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /**
   * 批次（年度）: a campaign's year, or "all" for every campaign. Absent: the current campaign in the region-wide
   * list (scope=all), every campaign in 待我审核 (a filing left pending from an earlier campaign still waits).
   */
  campaign: z
    .string()
    .regex(/^(all|\d{4})$/, '请选择批次（年度），例如 2026')
    .optional(),
});
export type QueueQuery = z.infer<typeof QueueQuery>;
export type QueueQueryInput = z.input<typeof QueueQuery>;

export const QueueRow = z.object({
  id: z.string(),
  enterpriseName: z.string(),
  uscc: z.string(),
  countyCode: z.string().nullable(),
  cityCode: z.string().nullable(),
  /** "苏州市昆山市" */
  regionName: z.string().nullable(),
  kind: z.enum(FILING_KINDS),
  kindLabel: z.string(),
  status: z.enum(FILING_STATUSES),
  statusLabel: z.string(),
  statusVersion: z.number().int(),
  submittedAt: z.string().nullable(),
  lastActionAt: z.string(),
  scoreTotal: z.number().int().nullable(),
  smeSize: z.string().nullable(),
  smeSizeLabel: z.string().nullable(),
  directMet: z.boolean().nullable(),
  qualified: z.boolean().nullable(),
  industryCode: z.string().nullable(),
  /** 批次: the campaign's year and name. */
  campaignYear: z.number().int(),
  campaignName: z.string(),
  /** The enterprise's contact (its account's 联系人, who receives the platform's SMS). */
  contactName: z.string().nullable(),
  /** Masked (138****5678): lists and exports never carry a whole mobile number (issue #17). */
  contactMobileMasked: z.string().nullable(),
  /** The reason of the last return (to the enterprise or the county) or refusal, while that is the state. */
  reason: z.string().nullable(),
  /** The last action of a department (county, city, province) and who took it; null before any. */
  handledAt: z.string().nullable(),
  handlerName: z.string().nullable(),
  /** Not yet opened at the caller's level since it arrived there: show in bold. */
  unviewed: z.boolean(),
  /** Review actions the caller may take now. */
  allowedActions: z.array(ReviewActionSchema),
});
export type QueueRow = z.infer<typeof QueueRow>;

export const QueueCampaign = z.object({
  year: z.number().int(),
  name: z.string(),
  /** The current campaign (the region-wide list's default). */
  current: z.boolean(),
});
export type QueueCampaign = z.infer<typeof QueueCampaign>;

export const QueueResponse = z.object({
  items: z.array(QueueRow),
  /** The campaign the list shows (null: every campaign). */
  campaign: QueueCampaign.nullable(),
  /** Every campaign, newest first: the 批次 filter's options. */
  campaigns: z.array(QueueCampaign),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type QueueResponse = z.infer<typeof QueueResponse>;

export const CountsResponse = z.object({
  /** Filings waiting for county review within the caller's region. */
  countyPending: z.number().int(),
  /** Filings waiting for city review within the caller's region. */
  cityPending: z.number().int(),
  /** Waiting at the caller's own level ("待我审核"). */
  minePending: z.number().int(),
  /** Of those, not yet opened at the caller's level. */
  mineUnviewed: z.number().int(),
});
export type CountsResponse = z.infer<typeof CountsResponse>;

export const FieldChange = z.object({
  section: SectionKeySchema,
  /** Dotted path within the section, e.g. "years.2022.rdExpense". */
  path: z.string(),
  /** Chinese field label (with the year or row number when the path has one). */
  label: z.string(),
  previous: z.unknown(),
  current: z.unknown(),
  changed: z.boolean(),
});
export type FieldChange = z.infer<typeof FieldChange>;

export const DataQualityFlag = z.object({
  code: z.enum([
    'main_revenue_above_revenue',
    'rd_above_revenue',
    'growth_above_200',
    'not_sme',
    'non_enterprise_uscc',
    'year_figure_differs',
  ]),
  /** Chinese, for the reviewer. */
  message: z.string(),
  section: SectionKeySchema.nullable(),
  path: z.string().nullable(),
});
export type DataQualityFlag = z.infer<typeof DataQualityFlag>;

export const ReviewHistoryItem = z.object({
  id: z.number(),
  at: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  level: z.string(),
  levelLabel: z.string(),
  actorName: z.string().nullable(),
  fromStatus: z.string().nullable(),
  fromStatusLabel: z.string().nullable(),
  toStatus: z.string().nullable(),
  toStatusLabel: z.string().nullable(),
  reason: z.string().nullable(),
  /** Transfers: the counties; returns: the marked sections. */
  details: z.record(z.string(), z.unknown()).nullable(),
  /**
   * What the enterprise was told about this step (issue 16 item 7): in-app messages written and the SMS's state
   * from sms_messages (masked number). null: the step sends the enterprise nothing.
   */
  notice: z
    .object({
      messages: z.number(),
      sms: z
        .object({
          status: z.string(),
          statusLabel: z.string(),
          mobile: z.string().nullable(),
          sentAt: z.string().nullable(),
        })
        .nullable(),
    })
    .nullable()
    .optional(),
});
export type ReviewHistoryItem = z.infer<typeof ReviewHistoryItem>;

export const ReviewAttachment = z.object({
  slot: z.string(),
  slotLabel: z.string(),
  fileId: z.string(),
  name: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  /** GET this for the in-page preview (inline); add ?download=1 to download. */
  url: z.string(),
});

export const DeadlineView = z.object({
  level: z.enum(['county', 'city']),
  /** The effective deadline (the campaign's, or the region's extension). */
  at: z.string(),
  /** "2023年3月28日" */
  label: z.string(),
  extended: z.boolean(),
  passed: z.boolean(),
});

export const ReviewDetail = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  uscc: z.string(),
  kind: z.enum(FILING_KINDS),
  kindLabel: z.string(),
  status: z.enum(FILING_STATUSES),
  statusLabel: z.string(),
  /** Send back as expectedStatusVersion with an action. */
  statusVersion: z.number().int(),
  countyCode: z.string().nullable(),
  cityCode: z.string().nullable(),
  regionName: z.string().nullable(),
  campaign: z.object({ id: z.string(), year: z.number().int(), name: z.string() }),
  submittedAt: z.string().nullable(),
  lastActionAt: z.string(),
  verificationCode: z.string().nullable(),
  scoreTotal: z.number().int().nullable(),
  smeSize: z.string().nullable(),
  smeSizeLabel: z.string().nullable(),
  directMet: z.boolean().nullable(),
  qualified: z.boolean().nullable(),
  /** The submitted snapshot, read-only. */
  sections: z.record(SectionKeySchema, z.record(z.string(), z.unknown())),
  attachments: z.array(ReviewAttachment),
  /** The self-assessment frozen at submission, with the id of the standard that scored it. */
  assessment: z.object({
    standardId: z.string(),
    fiscalYear: z.number().int().nullable(),
    result: z.record(z.string(), z.unknown()),
  }),
  /** 数据更新: field-level comparison with the enterprise's last approved filing (null otherwise). */
  comparison: z
    .object({
      previousFilingId: z.string(),
      previousCampaignYear: z.number().int(),
      /** Changes among the fields both filings hold (经营情况: only the years both filings cover). */
      changedCount: z.number().int(),
      fields: z.array(FieldChange),
      /** 经营情况 years only the earlier filing covers (no longer filed) and only this filing covers (new). */
      droppedYears: z.array(z.string()),
      newYears: z.array(z.string()),
      /** The figures of those years, shown apart (never counted as changes). */
      apartFields: z.array(FieldChange),
    })
    .nullable(),
  flags: z.array(DataQualityFlag),
  history: z.array(ReviewHistoryItem),
  returnInfo: ReturnInfo.nullable(),
  /** After a return and resubmission: what changed between the returned and the new submission. */
  resubmission: z
    .object({
      resubmittedAt: z.string(),
      returnInfo: ReturnInfo.nullable(),
      changedSections: z.array(SectionKeySchema),
      fields: z.array(FieldChange),
    })
    .nullable(),
  /** The review deadline that governs the caller's level now (null when none applies). */
  deadline: DeadlineView.nullable(),
  allowedActions: z.array(ReviewActionSchema),
  /** Not yet opened at the caller's level before this request. */
  firstView: z.boolean(),
});
export type ReviewDetail = z.infer<typeof ReviewDetail>;

export const ActionRequest = z.object({
  action: ReviewActionSchema,
  reason: z.string().max(500, '原因不能超过 500 个字').optional(),
  /** The statusVersion the reviewer saw; a stale value is refused with 409 CONFLICT. */
  expectedStatusVersion: z.number({ error: '缺少状态版本，请刷新页面后重试' }).int().min(0),
  /** Returns only: the sections to correct, with per-field comments (field path → comment). */
  returnSections: z
    .array(
      z.object({
        section: SectionKeySchema,
        fields: z.record(z.string().max(200), z.string().max(500, '意见不能超过 500 个字')).default({}),
      }),
    )
    .max(6)
    .optional(),
  /** Transfers only: the county-level unit that should review the filing instead. */
  toCountyCode: z.string().max(6).optional(),
  /** 科技型中小企业评价, city approval only: the 入库登记编号 to record (8–30 digits or letters). */
  registrationNo: z.string().max(60, '登记编号不能超过 30 位').optional(),
});
export type ActionRequest = z.input<typeof ActionRequest>;

export const ActionResponse = z.object({
  id: z.string(),
  status: z.enum(FILING_STATUSES),
  statusLabel: z.string(),
  statusVersion: z.number().int(),
  countyCode: z.string().nullable(),
  cityCode: z.string().nullable(),
  /** The history row written (or, for an idempotent repeat, the one written the first time). */
  historyId: z.number().nullable(),
  /** True when the request repeated the caller's own last action and nothing was written. */
  repeated: z.boolean(),
  allowedActions: z.array(ReviewActionSchema),
});
export type ActionResponse = z.infer<typeof ActionResponse>;

export const BatchRequest = z.object({
  action: z.enum(['county_approve', 'city_approve'], { error: '批量操作只支持审核通过' }),
  ids: z.array(z.string().max(64)).min(1, '请至少选择一条申报').max(500, '一次最多批量处理 500 条'),
});
export type BatchRequest = z.infer<typeof BatchRequest>;

export const BatchResponse = z.object({
  okCount: z.number().int(),
  failedCount: z.number().int(),
  results: z.array(
    z.object({
      id: z.string(),
      ok: z.boolean(),
      code: z.string().optional(),
      message: z.string().optional(),
      status: z.enum(FILING_STATUSES).optional(),
    }),
  ),
});
export type BatchResponse = z.infer<typeof BatchResponse>;

export const RegionCorrectionRequest = z.object({
  countyCode: z.string({ error: '请选择县（市、区）' }).regex(/^32\d{4}$/, '请选择江苏省的县（市、区）'),
  reason: z.string({ error: '请填写更正原因' }).max(500, '原因不能超过 500 个字'),
});
export type RegionCorrectionRequest = z.infer<typeof RegionCorrectionRequest>;

export const RegionCorrectionResponse = z.object({
  enterpriseId: z.string(),
  countyCode: z.string(),
  cityCode: z.string(),
  regionName: z.string(),
  /** Filings in county review moved to the new county (each with a history row). */
  movedFilingIds: z.array(z.string()),
  /** Drafts and returned filings whose 基本情况 注册地 now shows the corrected region. */
  updatedOpenFilings: z.number().int(),
});
export type RegionCorrectionResponse = z.infer<typeof RegionCorrectionResponse>;

/**
 * 已转出 (ADR 0020): a filing that was transferred out of the caller's county (or, by the province, out of its
 * city) and is now reviewed elsewhere. The losing department keeps what it had seen — who, what, when, where to —
 * and the history up to the transfer; never the submission's content or files, nor what happened afterwards.
 */
export const TransferredOutItem = z.object({
  id: z.string(),
  enterpriseName: z.string(),
  uscc: z.string(),
  kind: z.enum(FILING_KINDS),
  kindLabel: z.string(),
  campaignYear: z.number().int(),
  /** Always "已转出". */
  statusLabel: z.string(),
  transferredAt: z.string(),
  fromRegion: z.string().nullable(),
  toRegion: z.string().nullable(),
  reason: z.string().nullable(),
  /** Who transferred it (a county, city or province reviewer, or the administrator's region correction). */
  actorName: z.string().nullable(),
});
export type TransferredOutItem = z.infer<typeof TransferredOutItem>;

export const TransferredOutResponse = z.object({ items: z.array(TransferredOutItem) });
export type TransferredOutResponse = z.infer<typeof TransferredOutResponse>;

export const TransferredOutDetail = TransferredOutItem.extend({
  /** The history as it stood when the filing left, ending with the transfer. */
  history: z.array(ReviewHistoryItem),
});
export type TransferredOutDetail = z.infer<typeof TransferredOutDetail>;
