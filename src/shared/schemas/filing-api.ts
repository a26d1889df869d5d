/**
 * The filing API contract (issue: enterprise filing — 新增入库 / 数据更新 in six sections). Shared by the
 * server's routes and the web app. Section CONTENTS are defined in src/shared/filing (schemas per section);
 * here a section's data travels as a JSON object.
 *
 * Endpoints (JSON unless noted; state-changing requests send x-csrf-token):
 *   GET    /api/v1/campaigns/current                       → CurrentCampaignResponse
 *   GET    /api/v1/filings                                 → FilingListResponse   (the enterprise's own filings)
 *   POST   /api/v1/filings                                 StartFilingRequest → 201 FilingDetail
 *   GET    /api/v1/filings/:id                             → FilingDetail
 *   PUT    /api/v1/filings/:id/sections/:section           SaveSectionRequest → SectionState
 *          (409 CONFLICT when baseVersion is not the stored version; the client then GETs the filing and shows both)
 *   POST   /api/v1/filings/:id/attachments   (multipart: field "slot", file "file") → 201 AttachmentView
 *   DELETE /api/v1/filings/:id/attachments/:attachmentId   → 204
 *   GET    /api/v1/files/:fileId[?download=1]              → the bytes (enterprise owner, or reviewers whose region covers it)
 *   POST   /api/v1/filings/:id/submit                      SubmitRequest → FilingDetail   (idempotent)
 *   POST   /api/v1/filings/:id/withdraw                    WithdrawRequest → FilingDetail
 *   GET    /api/v1/filings/:id/history                     → HistoryResponse
 *   GET    /api/v1/filings/:id/document.pdf                → application/pdf (申报书 of the submitted snapshot)
 *   GET    /api/v1/public/verify/:code                     → VerifyResponse (public, no login)
 */
import { FILING_KINDS, FILING_STATUSES, SECTION_KEYS } from './filing-vocab';
import { z } from './zod';

export {
  SECTION_KEYS,
  SECTION_LABELS,
  FILING_KINDS,
  FILING_KIND_LABELS,
  LADDER_SECTION_KEYS,
  TECH_SME_SECTION_KEYS,
  sectionKeysOf,
  FILING_STATUSES,
  FILING_STATUS_LABELS,
  type SectionKey,
  type FilingKind,
  type FilingStatus,
} from './filing-vocab';
export const SectionKeySchema = z.enum(SECTION_KEYS);

export const CampaignView = z.object({
  id: z.string(),
  year: z.number().int(),
  /** The last complete accounting year whose figures the filing reports (year − 1). */
  fiscalYear: z.number().int(),
  name: z.string(),
  kindsOpen: z.array(z.enum(FILING_KINDS)),
  filingOpensAt: z.string(),
  filingClosesAt: z.string(),
  countyReviewDeadline: z.string(),
  cityReviewDeadline: z.string(),
  listDeadline: z.string(),
  standardId: z.string(),
  /** Whether the filing window includes now (server time). */
  filingOpen: z.boolean(),
});
export type CampaignView = z.infer<typeof CampaignView>;

export const CurrentCampaignResponse = z.object({
  campaign: CampaignView.nullable(),
  /** Which kinds this enterprise may start now, and why not otherwise (Chinese). */
  canStart: z.record(z.enum(FILING_KINDS), z.object({ allowed: z.boolean(), reason: z.string().nullable() })),
  /** 在库 status of the enterprise: none | in_db | cleared. */
  dbStatus: z.string(),
});
export type CurrentCampaignResponse = z.infer<typeof CurrentCampaignResponse>;

export const FilingSummary = z.object({
  id: z.string(),
  kind: z.enum(FILING_KINDS),
  kindLabel: z.string(),
  status: z.enum(FILING_STATUSES),
  statusLabel: z.string(),
  campaignYear: z.number().int(),
  campaignName: z.string(),
  enterpriseName: z.string(),
  submittedAt: z.string().nullable(),
  lastActionAt: z.string(),
  scoreTotal: z.number().int().nullable(),
  /** Chinese, e.g. "苏州市昆山市工信部门" — who reviews (or will review) it. */
  reviewingDepartment: z.string().nullable(),
});
export type FilingSummary = z.infer<typeof FilingSummary>;

export const FilingListResponse = z.object({ items: z.array(FilingSummary) });
export type FilingListResponse = z.infer<typeof FilingListResponse>;

export const StartFilingRequest = z.object({ kind: z.enum(FILING_KINDS, { error: '请选择填报类型' }) });
export type StartFilingRequest = z.infer<typeof StartFilingRequest>;

export const SectionState = z.object({
  section: SectionKeySchema,
  data: z.record(z.string(), z.unknown()),
  version: z.number().int(),
  complete: z.boolean(),
  valid: z.boolean(),
  /** Field path within the section → Chinese message; shown beside each field, never blocks saving. */
  fieldErrors: z.record(z.string(), z.string()),
  updatedAt: z.string(),
});
export type SectionState = z.infer<typeof SectionState>;

export const AttachmentView = z.object({
  id: z.string(),
  slot: z.string(),
  fileId: z.string(),
  name: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

export const ReturnInfo = z.object({
  reason: z.string(),
  level: z.enum(['county', 'city']),
  at: z.string(),
  /** Sections to correct, with optional per-field comments (field path → comment). Empty = all sections. */
  sections: z.array(z.object({ section: SectionKeySchema, fields: z.record(z.string(), z.string()) })),
  /** Whom the return went to: the enterprise, or (the city's 退回县区) the county; departments only. */
  to: z.enum(['enterprise', 'county']).optional(),
});
export type ReturnInfo = z.infer<typeof ReturnInfo>;

export const FilingDetail = FilingSummary.extend({
  campaign: CampaignView,
  countyCode: z.string().nullable(),
  cityCode: z.string().nullable(),
  sections: z.record(SectionKeySchema, SectionState),
  attachments: z.array(AttachmentView),
  /** Sections the enterprise may edit now (all in a draft; only the marked ones after a return). */
  editableSections: z.array(SectionKeySchema),
  returnInfo: ReturnInfo.nullable(),
  /**
   * For the owner: the 营业执照 uploaded at registration, which the 附件 section offers as the licence attachment
   * (POST …/attachments/registration-licence); null when there is none, and for reviewers.
   */
  registrationLicence: z.object({ mimeType: z.string(), sizeBytes: z.number().int() }).nullable(),
  /** Actions the caller may take now: save, submit, withdraw, document. */
  allowedActions: z.array(z.enum(['save', 'submit', 'withdraw', 'document'])),
  /** For 数据更新: the last approved filing's sections, for comparison (null for 新增入库). */
  previous: z
    .object({
      filingId: z.string(),
      campaignYear: z.number().int(),
      sections: z.record(z.string(), z.unknown()),
    })
    .nullable(),
  /**
   * The thresholds in force of the standard the live self-assessment uses (科技型: tech-sme-2017), i.e. the
   * version the province last corrected (ADR 0015); null when the kind's self-assessment has no table standard.
   */
  ruleParams: z
    .object({
      standardId: z.string(),
      version: z.number().int(),
      values: z.record(z.string(), z.string()),
    })
    .nullable(),
  /** The frozen submission: standard id and result, present once submitted. */
  submission: z
    .object({
      standardId: z.string(),
      submittedAt: z.string(),
      verificationCode: z.string(),
      assessment: z.record(z.string(), z.unknown()),
    })
    .nullable(),
});
export type FilingDetail = z.infer<typeof FilingDetail>;

export const SaveSectionRequest = z.object({
  data: z.record(z.string(), z.unknown()),
  /** The version the edit started from; the save is refused with CONFLICT if someone saved in between. */
  baseVersion: z.number().int().min(0),
});
export type SaveSectionRequest = z.infer<typeof SaveSectionRequest>;

export const SubmitRequest = z.object({
  declarations: z.object({
    /** 真实性声明 */
    truthfulness: z.literal(true, { error: '请阅读并勾选真实性声明' }),
    /** 合规经营承诺 */
    compliance: z.literal(true, { error: '请阅读并勾选合规经营承诺' }),
  }),
  /** Unsaved edits, saved first in the same transaction (so FAQ 1.8 cannot happen). */
  pendingSections: z.array(SaveSectionRequest.extend({ section: SectionKeySchema })).default([]),
});
export type SubmitRequest = z.input<typeof SubmitRequest>;

export const WithdrawRequest = z.object({ reason: z.string().max(500).optional() });
export type WithdrawRequest = z.infer<typeof WithdrawRequest>;

export const HistoryItem = z.object({
  id: z.number(),
  at: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  level: z.string(),
  levelLabel: z.string(),
  actorName: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  reason: z.string().nullable(),
});
export type HistoryItem = z.infer<typeof HistoryItem>;
export const HistoryResponse = z.object({ items: z.array(HistoryItem) });
export type HistoryResponse = z.infer<typeof HistoryResponse>;

export const VerifyResponse = z.object({
  found: z.boolean(),
  /** Only what the printed document itself shows. */
  document: z
    .object({
      enterpriseName: z.string(),
      usccMasked: z.string(),
      kindLabel: z.string(),
      campaignName: z.string(),
      submittedAt: z.string(),
      scoreTotal: z.number().int().nullable(),
      /** SHA-256 of the snapshot, printed on the document. */
      digest: z.string(),
      statusLabel: z.string(),
    })
    .nullable(),
});
export type VerifyResponse = z.infer<typeof VerifyResponse>;
