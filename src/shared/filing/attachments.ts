/**
 * 附件 (attachments) of a filing: the slots, which are required, and the completeness of the 附件 section
 * (rules.md §7.6, 广东 2026 evidence list [S], typical nationwide). The section's own data may be {}: completeness
 * comes from the uploaded files (ctx.attachments) against the required slots. Pure: no I/O.
 */
import type { FilingKind } from '../schemas/filing-api';

export type AttachmentFormat = 'pdf' | 'jpg' | 'png';

/** What the attachment rules need to know about the filing (a subset of FilingContext / FilingAssessment). */
export interface AttachmentContext {
  campaignYear: number;
  asOf: string;
  kind: FilingKind;
  attachments?: { slot: string }[];
}

export interface AttachmentFacts {
  /** Number of 知识产权 rows filed. */
  ipItemCount: number;
  /** Direct conditions (直通条件) met. */
  directConditions: { met: boolean }[];
}

export interface AttachmentSlot {
  key: string;
  label: string;
  /** What to upload (Chinese). */
  help: string;
  accept: AttachmentFormat[];
  /** Whether the slot is required; for a per-year slot, whether any year of it is required. */
  required(ctx: AttachmentContext, assessment?: AttachmentFacts): boolean;
  /** One upload per fiscal year: slot keys are `${key}:${year}`. */
  perYear?: boolean;
}

const anyDirect = (a?: AttachmentFacts): boolean => a?.directConditions.some((d) => d.met) ?? false;

/**
 * The fiscal years for which an audit report is required: the last two (score path); only the last one when a direct
 * condition is met (rules.md §7.6: "直通 path → last year; score path → last 2 years"). Without an assessment the
 * score path is assumed (the stricter requirement).
 */
export function requiredAuditYears(
  ctx: { campaignYear: number; kind?: FilingKind },
  assessment?: AttachmentFacts,
): number[] {
  // 科技型中小企业 is evaluated on the last accounting year only (国科发政〔2017〕115号 第七条).
  if (ctx.kind === 'tech_sme') return [ctx.campaignYear - 1];
  return anyDirect(assessment) ? [ctx.campaignYear - 1] : [ctx.campaignYear - 1, ctx.campaignYear - 2];
}

const isTechSme = (ctx: AttachmentContext) => ctx.kind === 'tech_sme';

export const ATTACHMENT_SLOTS: AttachmentSlot[] = [
  {
    key: 'businessLicense',
    label: '营业执照',
    help: '上传营业执照（副本）扫描件或照片，须清晰完整，支持 PDF、JPG、PNG',
    accept: ['pdf', 'jpg', 'png'],
    required: () => true,
  },
  {
    key: 'auditReport',
    label: '审计报告',
    help:
      '上传会计师事务所出具的年度审计报告（PDF），须在财政部注册会计师统一监管平台备案并列示主营业务收入，否则另附会计师事务所专项说明。' +
      '按评分条件申报的须上传最近两个年度；满足直通条件的上传上一年度即可',
    accept: ['pdf'],
    required: () => true,
    perYear: true,
  },
  {
    key: 'socialSecurity',
    label: '社保缴费证明',
    help: '上传上年 12 月社保缴费人数证明（社保部门出具，PDF 或图片）；合并报表企业须含母公司及子公司',
    accept: ['pdf', 'jpg', 'png'],
    required: () => true,
  },
  {
    key: 'ipCertificates',
    label: '知识产权证书',
    help: '上传所填知识产权的证书（可合并为一个 PDF）；高价值知识产权请一并上传证明材料。填写了知识产权的必须上传',
    accept: ['pdf', 'jpg', 'png'],
    required: (_ctx, a) => (a?.ipItemCount ?? 0) > 0,
  },
  {
    key: 'directProof',
    label: '直通条件证明',
    help: '满足直通条件（科技型中小企业为直接确认条件）的，上传获奖证书、有效期内的高新技术企业等证书、研发机构认定文件、主导制定的标准，或股权融资证明（投资协议、银行到账凭证、合格投资者证明）',
    accept: ['pdf', 'jpg', 'png'],
    required: (_ctx, a) => anyDirect(a),
  },
  {
    key: 'selfAssessment',
    label: '自评表（签字盖章）',
    help: '打印系统生成的自评表，经法定代表人签字并加盖企业公章后扫描为 PDF 上传（含真实性声明）；科技型中小企业评价选填',
    accept: ['pdf'],
    required: (ctx) => !isTechSme(ctx),
  },
  {
    key: 'other',
    label: '其他材料',
    help: '其他需要说明的材料，例如主导产品所属领域说明（不超过 500 字）、会计师事务所专项说明（选填）',
    accept: ['pdf', 'jpg', 'png'],
    required: () => false,
  },
];

/** Every slot key the filing may use, per-year slots expanded: e.g. auditReport:2022, auditReport:2021. */
export function attachmentSlotKeys(ctx: { campaignYear: number }): string[] {
  const keys: string[] = [];
  for (const slot of ATTACHMENT_SLOTS) {
    if (slot.perYear) {
      for (const y of [ctx.campaignYear - 1, ctx.campaignYear - 2]) keys.push(`${slot.key}:${y}`);
    } else keys.push(slot.key);
  }
  return keys;
}

/** The slot keys required now (per-year slots expanded to the required years). */
export function requiredSlotKeys(ctx: AttachmentContext, assessment?: AttachmentFacts): string[] {
  const keys: string[] = [];
  for (const slot of ATTACHMENT_SLOTS) {
    if (!slot.required(ctx, assessment)) continue;
    if (slot.perYear) {
      for (const y of requiredAuditYears(ctx, assessment)) keys.push(`${slot.key}:${y}`);
    } else keys.push(slot.key);
  }
  return keys;
}

/** The slot definition of a slot key ("auditReport:2022" → the auditReport slot), or undefined. */
export function slotOf(slotKey: string): AttachmentSlot | undefined {
  const [base, year] = slotKey.split(':');
  const slot = ATTACHMENT_SLOTS.find((s) => s.key === base);
  if (!slot) return undefined;
  if (slot.perYear ? !/^\d{4}$/.test(year ?? '') : year !== undefined) return undefined;
  return slot;
}

function missingMessage(slotKey: string): string {
  const [base, year] = slotKey.split(':');
  if (base === 'auditReport') return `请上传 ${year} 年度审计报告`;
  const slot = ATTACHMENT_SLOTS.find((s) => s.key === base);
  return `请上传${slot?.label ?? '附件'}`;
}

/** Completeness of the 附件 section: every required slot has at least one uploaded file. */
export function checkAttachments(
  ctx: AttachmentContext,
  assessment?: AttachmentFacts,
): {
  complete: boolean;
  valid: boolean;
  fieldErrors: Record<string, string>;
  normalized: Record<string, unknown>;
} {
  const uploaded = new Set(
    (Array.isArray(ctx.attachments) ? ctx.attachments : [])
      .map((a) => (a && typeof a === 'object' && typeof a.slot === 'string' ? a.slot : null))
      .filter((s): s is string => s !== null),
  );
  const fieldErrors: Record<string, string> = {};
  for (const key of requiredSlotKeys(ctx, assessment)) {
    if (!uploaded.has(key)) fieldErrors[key] = missingMessage(key);
  }
  const complete = Object.keys(fieldErrors).length === 0;
  return { complete, valid: true, fieldErrors, normalized: {} };
}
