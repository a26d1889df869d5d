/**
 * 创新型中小企业名单 API contract (issue 6 items 2–3): the city's recommended list, 公示 (publicity) with public
 * objections, 公告 (announcement) creating recognitions, and the province's overview and exports. In Jiangsu the
 * 设区市 announces and files the list with the province (rules.md §3); lists are due 15 April.
 *
 * List status: draft → publicity → announced. Entry state: included | excluded (by the city in draft, with a
 * reason) | removed (an upheld objection, with the reason). Once in publicity the list is frozen: only an upheld
 * objection changes it.
 *
 * CITY (city_reviewer: its own city's lists; another city's list is 404 NOT_FOUND; province/admin may read):
 *   POST /api/v1/lists                                   CreateListRequest → ListDetail (201 created; 200 when the
 *        city's list for the campaign already exists — idempotent). Preselects every qualified evaluation.
 *   GET  /api/v1/lists?campaignId=                       → ListSummary[] (the caller's region)
 *   GET  /api/v1/lists/:id                               → ListDetail (entries with full credit codes)
 *   POST /api/v1/lists/:id/entries                       AddEntryRequest → ListDetail (draft: add a qualified evaluation)
 *   POST /api/v1/lists/:id/entries/:entryId              EntryActionRequest → ListDetail
 *        { action: 'exclude', reason } (reason mandatory) | { action: 'include' } — draft only
 *   POST /api/v1/lists/:id/publish-publicity             PublicityRequest → ListDetail (status publicity)
 *        start defaults to today, end to start + publicityDays − 1 (calendar days, Asia/Shanghai), where
 *        publicityDays is the province setting (GET /api/v1/settings/province; DEFAULT_PUBLICITY_DAYS without one)
 *   GET  /api/v1/lists/:id/objections                    → ObjectionView[] (with contact details: government only)
 *   POST /api/v1/lists/:id/objections/:objectionId/resolve   ResolveRequest → ObjectionView
 *        upheld: the entry becomes removed with the text as its reason; rejected: the entry stays.
 *   POST /api/v1/lists/:id/announce                      AnnounceRequest → ListDetail (status announced)
 *        only after the publicity period ended and with every objection resolved (409 INVALID_STATE otherwise).
 *        Each included enterprise gets a recognition 创新型中小企业 (validFrom = date, validTo = date + 3 years
 *        − 1 day), an enterprise_events row 'recognised' and a job 'notify.recognition'.
 *
 * PROVINCE (province, admin):
 *   GET  /api/v1/province/lists?campaignId=              → ProvinceOverview (every city, with counts)
 *   GET  /api/v1/province/lists/export.xlsx?campaignId=  → .xlsx streamed: 汇总 sheet + one sheet per city
 *   GET  /api/v1/province/lists/export.pdf?campaignId=   → PDF (A4, Chinese) of the same content
 *
 * PUBLIC (no login; never phone numbers, e-mails or full credit codes):
 *   GET  /api/v1/public/lists                            → PublicListSummary[] (publicity or announced, newest first)
 *   GET  /api/v1/public/lists/:id                        → PublicListDetail (draft lists: 404)
 *   POST /api/v1/public/objection-files                  multipart (file: PDF/JPG/PNG ≤ 5 MB) → PublicUploadResponse
 *        rate-limited per IP; returns a fileId to pass in `fileIds` (valid for 24 hours, one objection).
 *   POST /api/v1/public/lists/:id/objections             ObjectionRequest → ObjectionReceipt (201)
 *        captcha required (GET /api/v1/captcha), rate-limited per IP, only inside the publicity window
 *        (404 before it starts, 409 WINDOW_CLOSED after it ends). Like every POST, the public POSTs send the
 *        x-csrf-token header (double-submit: the csrf cookie set by GET /api/v1/auth/session).
 *        The receipt's trackingNo (YY + yyyymmdd + 6 characters, random) is stored with the objection.
 *   GET  /api/v1/public/objections/:trackingNo?phone=NNNN   → ObjectionLookup (the last 4 digits of the contact
 *        phone given with the objection; unknown number or wrong digits: the same 404; never contact details)
 *   Rate limits per IP: objections 5 / 10 min, uploads 10 / 10 min, public pages 120 / min, objection lookups
 *   30 / 10 min (429 RATE_LIMITED).
 *   `objectionContact` is the CITY's official contact text and is shown publicly as written.
 *
 * Job 'notify.recognition' (enqueued at announcement, one per recognition, dedupeKey
 * "recognition:<recognitionId>:announced"), payload { enterpriseId, recognitionId }: the in-app message and SMS to
 * the enterprise's users. No handler is registered yet (notifications module): until one is, the job worker marks
 * such jobs failed at once (PermanentJobError "no handler registered"); they stay in the table and can be re-run
 * by clearing done_at / last_error / attempts once the handler exists.
 */
import { z } from './zod';
import { calendarDay } from './fields';

/**
 * Default 公示 length in calendar days. Configurable per province: this constant is the platform default.
 * [UNVERIFIED] for Jiangsu: rules.md §3 found no Jiangsu rule; 广东 uses 5 days.
 */
export const DEFAULT_PUBLICITY_DAYS = 5;

export const LIST_STATUSES = ['draft', 'publicity', 'announced'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];
export const LIST_STATUS_LABELS: Record<ListStatus, string> = {
  draft: '草稿',
  publicity: '公示中',
  announced: '已公告',
};
export const ENTRY_STATES = ['included', 'excluded', 'removed'] as const;
export type EntryState = (typeof ENTRY_STATES)[number];
export const ENTRY_STATE_LABELS: Record<EntryState, string> = {
  included: '列入名单',
  excluded: '未列入（设区市调整）',
  removed: '已移出（异议成立）',
};
export const OBJECTION_STATUSES = ['open', 'upheld', 'rejected'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];
export const OBJECTION_STATUS_LABELS: Record<ObjectionStatus, string> = {
  open: '待处理',
  upheld: '异议成立',
  rejected: '异议不成立',
};

const ymd = (label: string) => calendarDay(label, '2023-04-03');
const reason = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(2, `请填写${label}（至少 2 个字）`)
    .max(1000, `${label}不能超过 1000 字`);

export const CreateListRequest = z.object({
  campaignId: z.string({ error: '请选择批次' }).uuid('请选择批次'),
  title: z.string().trim().min(2, '请填写名单标题').max(100, '名单标题不能超过 100 字').optional(),
  issuingDepartment: z.string().trim().min(2, '请填写发布单位').max(60, '发布单位不能超过 60 字').optional(),
});
export type CreateListRequest = z.infer<typeof CreateListRequest>;

export const AddEntryRequest = z.object({ evaluationId: z.string().uuid('请选择评价记录') });
export type AddEntryRequest = z.infer<typeof AddEntryRequest>;

export const EntryActionRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('exclude'), reason: reason('不列入名单的原因') }),
  z.object({ action: z.literal('include') }),
]);
export type EntryActionRequest = z.infer<typeof EntryActionRequest>;

export const PublicityRequest = z.object({
  start: ymd('公示开始日期').optional(),
  end: ymd('公示结束日期').optional(),
  objectionContact: z
    .string({ error: '请填写异议受理方式（联系部门、电话、地址）' })
    .trim()
    .min(5, '请填写异议受理方式（联系部门、电话、地址）')
    .max(500, '异议受理方式不能超过 500 字'),
});
export type PublicityRequest = z.infer<typeof PublicityRequest>;

export const ResolveRequest = z.object({
  outcome: z.enum(['upheld', 'rejected'], { error: '请选择处理结果（异议成立或不成立）' }),
  text: reason('处理意见'),
});
export type ResolveRequest = z.infer<typeof ResolveRequest>;

export const AnnounceRequest = z.object({
  documentNo: z
    .string({ error: '请填写公告文号' })
    .trim()
    .min(2, '请填写公告文号')
    .max(60, '公告文号不能超过 60 字'),
  date: ymd('公告日期'),
});
export type AnnounceRequest = z.infer<typeof AnnounceRequest>;

export const ListEntryView = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  evaluationId: z.string().nullable(),
  filingId: z.string().nullable(),
  enterpriseName: z.string(),
  uscc: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  scoreTotal: z.number().nullable(),
  qualified: z.boolean().nullable(),
  state: z.enum(ENTRY_STATES),
  stateLabel: z.string(),
  reason: z.string().nullable(),
  openObjections: z.number(),
});
export type ListEntryView = z.infer<typeof ListEntryView>;

export const ListCounts = z.object({
  included: z.number(),
  excluded: z.number(),
  removed: z.number(),
  objections: z.number(),
  openObjections: z.number(),
  upheld: z.number(),
  rejected: z.number(),
});
export type ListCounts = z.infer<typeof ListCounts>;

export const ListSummary = z.object({
  id: z.string(),
  campaignId: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  title: z.string(),
  issuingDepartment: z.string(),
  status: z.enum(LIST_STATUSES),
  statusLabel: z.string(),
  publicityStart: z.string().nullable(),
  publicityEnd: z.string().nullable(),
  documentNo: z.string().nullable(),
  announcedAt: z.string().nullable(),
  counts: ListCounts,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ListSummary = z.infer<typeof ListSummary>;

export const ListDetail = ListSummary.extend({
  objectionContact: z.string().nullable(),
  entries: z.array(ListEntryView),
  /** Actions the caller may take now (the web shows these buttons only). */
  allowed: z.object({
    editEntries: z.boolean(),
    publishPublicity: z.boolean(),
    resolveObjections: z.boolean(),
    announce: z.boolean(),
  }),
  /** Why announcing is not possible yet (Chinese), or null. */
  announceBlockedReason: z.string().nullable(),
  defaultPublicityDays: z.number(),
});
export type ListDetail = z.infer<typeof ListDetail>;

export const ObjectionView = z.object({
  id: z.string(),
  trackingNo: z.string(),
  listId: z.string(),
  entryId: z.string(),
  enterpriseName: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  contactEmail: z.string().nullable(),
  reason: z.string(),
  files: z.array(z.object({ id: z.string(), name: z.string(), sizeBytes: z.number() })),
  status: z.enum(OBJECTION_STATUSES),
  statusLabel: z.string(),
  outcome: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ObjectionView = z.infer<typeof ObjectionView>;

export const ProvinceCityRow = z.object({
  cityCode: z.string(),
  cityName: z.string(),
  list: ListSummary.nullable(),
});
export const ProvinceOverview = z.object({
  campaignId: z.string(),
  listDeadline: z.string(),
  cities: z.array(ProvinceCityRow),
  totals: ListCounts,
});
export type ProvinceOverview = z.infer<typeof ProvinceOverview>;

export const ProvinceQuery = z.object({ campaignId: z.string().uuid('请选择批次') });

// ------------------------------------------------------------------ public

export const PublicListSummary = z.object({
  id: z.string(),
  title: z.string(),
  cityName: z.string(),
  issuingDepartment: z.string(),
  status: z.enum(['publicity', 'announced']),
  statusLabel: z.string(),
  publicityStart: z.string().nullable(),
  publicityEnd: z.string().nullable(),
  announcedAt: z.string().nullable(),
  documentNo: z.string().nullable(),
  entryCount: z.number(),
});
export type PublicListSummary = z.infer<typeof PublicListSummary>;

export const PublicEntry = z.object({
  id: z.string(),
  enterpriseName: z.string(),
  countyName: z.string(),
  /** e.g. 91320583****92463X */
  maskedUscc: z.string(),
});
export type PublicEntry = z.infer<typeof PublicEntry>;

export const PublicListDetail = PublicListSummary.extend({
  entries: z.array(PublicEntry),
  objection: z.object({
    /** Whether objections are accepted now (inside the publicity window). */
    open: z.boolean(),
    /** How to object, as the city wrote it. */
    contact: z.string().nullable(),
    /** Chinese instructions. */
    instructions: z.string(),
  }),
});
export type PublicListDetail = z.infer<typeof PublicListDetail>;

export const ObjectionRequest = z.object({
  entryId: z.string({ error: '请选择提出异议的企业' }).uuid('请选择提出异议的企业'),
  contactName: z
    .string({ error: '请填写联系人姓名' })
    .trim()
    .min(2, '请填写联系人姓名')
    .max(30, '姓名不能超过 30 字'),
  contactPhone: z
    .string({ error: '请填写联系电话' })
    .trim()
    .regex(
      /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/,
      '请填写 11 位手机号码或带区号的固定电话，例如 13812345678 或 025-83780780',
    ),
  contactEmail: z.string().trim().email('邮箱格式不正确').max(100).optional().or(z.literal('')),
  reason: z
    .string({ error: '请填写异议理由' })
    .trim()
    .min(10, '请具体说明异议理由（至少 10 个字）')
    .max(2000, '异议理由不能超过 2000 字'),
  fileIds: z.array(z.string().uuid()).max(5, '最多上传 5 个附件').optional(),
  captchaId: z.string({ error: '请输入图形验证码' }).min(1, '请输入图形验证码'),
  captchaAnswer: z.string({ error: '请输入图形验证码' }).trim().min(1, '请输入图形验证码'),
});
export type ObjectionRequest = z.infer<typeof ObjectionRequest>;

export const ObjectionReceipt = z.object({
  trackingNo: z.string(),
  receivedAt: z.string(),
  message: z.string(),
});
export type ObjectionReceipt = z.infer<typeof ObjectionReceipt>;

/** What the objector sees when looking up a tracking number (受理中 / 异议成立 / 异议不成立). */
export const OBJECTION_LOOKUP_STATUS_LABELS: Record<ObjectionStatus, string> = {
  open: '受理中',
  upheld: '异议成立',
  rejected: '异议不成立',
};

export const ObjectionLookupParams = z.object({
  trackingNo: z.string().trim().min(1, '请填写受理编号').max(40, '受理编号格式不正确，请核对后重试'),
});
export const ObjectionLookupQuery = z.object({
  phone: z
    .string({ error: '请填写提交异议时所留联系电话的后 4 位' })
    .trim()
    .regex(/^\d{4}$/, '请填写提交异议时所留联系电话的后 4 位数字'),
});

/** GET /api/v1/public/objections/:trackingNo?phone=NNNN — never contact details. */
export const ObjectionLookup = z.object({
  trackingNo: z.string(),
  status: z.enum(OBJECTION_STATUSES),
  /** 受理中 | 异议成立 | 异议不成立 */
  statusLabel: z.string(),
  listTitle: z.string(),
  issuingDepartment: z.string(),
  /** The enterprise the objection is about (as publicised on the list). */
  enterpriseName: z.string(),
  submittedAt: z.string(),
  /** Set once resolved. */
  resolvedAt: z.string().nullable(),
  /** The city's outcome text, once resolved; null while 受理中. */
  outcome: z.string().nullable(),
  /** A Chinese sentence telling the objector where things stand and what to do. */
  message: z.string(),
});
export type ObjectionLookup = z.infer<typeof ObjectionLookup>;

export const PublicUploadResponse = z.object({
  fileId: z.string(),
  name: z.string(),
  sizeBytes: z.number(),
  mimeType: z.string(),
});
export type PublicUploadResponse = z.infer<typeof PublicUploadResponse>;

/** Public objection attachments: at most this size each. */
export const OBJECTION_FILE_MAX_BYTES = 5 * 1024 * 1024;
