/**
 * The server's use of the shared filing rules (src/shared/filing): one place that adapts them to what the
 * filing service needs (normalised data, "section.field" error keys, the denormalised assessment columns).
 */
import {
  assessFiling,
  assessTechSmeFiling,
  attachmentSlotKeys,
  emptySections,
  enterpriseActions,
  prefillFromPrevious,
  regionOf,
  slotOf,
  validateSection,
  validateSubmission,
  type FilingAssessment,
  type FilingContext,
} from '../../../shared/filing';
import {
  SECTION_KEYS,
  SECTION_LABELS,
  type FilingStatus,
  type SectionKey,
} from '../../../shared/schemas/filing-api';

export type RuleCtx = FilingContext;
export type Sections = Record<SectionKey, Record<string, unknown>>;

export interface SectionCheck {
  data: Record<string, unknown>;
  complete: boolean;
  valid: boolean;
  fieldErrors: Record<string, string>;
}

/** Validates one section; `data` is what to store (canonical where valid, as typed where not). */
export function checkSection(section: SectionKey, data: unknown, ctx: RuleCtx): SectionCheck {
  const v = validateSection(section, data, ctx);
  const stored = section === 'attachments' ? ((data ?? {}) as Record<string, unknown>) : v.normalized;
  return { data: stored, complete: v.complete, valid: v.valid, fieldErrors: v.fieldErrors };
}

/**
 * The 附件 section judged with the whole filing (a 直通条件 needs only last year's audit report but also its proof; an
 * IP row needs the certificates) — what submission will check, so the form shows the same thing.
 */
export function checkAttachmentsSection(sections: Sections, ctx: RuleCtx): SectionCheck {
  const v = validateSubmission(sections, ctx).sections.attachments;
  return {
    data: sections.attachments ?? {},
    complete: v.complete,
    valid: v.valid,
    fieldErrors: v.fieldErrors,
  };
}

/** The whole filing's check for submission, with field errors keyed "section.field" and the incomplete sections. */
export function checkSubmission(
  sections: Sections,
  ctx: RuleCtx,
): { fieldErrors: Record<string, string>; incompleteSections: SectionKey[] } {
  const result = validateSubmission(sections, ctx);
  const fieldErrors: Record<string, string> = {};
  const incompleteSections: SectionKey[] = [];
  for (const key of SECTION_KEYS) {
    const v = result.sections[key];
    if (!v.complete) incompleteSections.push(key);
    for (const [field, message] of Object.entries(v.fieldErrors)) fieldErrors[`${key}.${field}`] = message;
  }
  return { fieldErrors, incompleteSections };
}

/** The 注册地 of the filing, with the field path its error belongs to. */
export function regionCodes(basic: unknown): { countyCode: string; cityCode: string; field: string } | null {
  const r = regionOf(basic);
  return r ? { ...r, field: 'basic.countyCode' } : null;
}

export interface Assessed {
  assessment: Record<string, unknown>;
  /** The standard that judged the filing (frozen with the snapshot). */
  standardId: string;
  scoreTotal: number | null;
  directMet: boolean;
  qualified: boolean | null;
  smeSize: string | null;
  industryCode: string | null;
  enterpriseName: string | null;
  uscc: string | null;
}

/**
 * The self-assessment frozen at submission, and the columns the review queues sort and filter on. `standardId` is
 * the campaign's 创新型 standard (the 科技型 self-evaluation has its own, see ./standard.ts).
 */
export function assess(
  sections: Sections,
  ctx: RuleCtx,
  standardId: string,
  /** The thresholds in force of the 科技型 table (the version the province last corrected). */
  params?: { version: number; values: Record<string, string> },
): Assessed {
  const basic = sections.basic;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
  const named = {
    industryCode: str(basic['industryCode']),
    enterpriseName: str(basic['enterpriseName']),
    uscc: str(basic['uscc']),
  };
  if (ctx.kind === 'tech_sme') {
    const t = assessTechSmeFiling(sections, ctx, params ? { params } : {});
    return {
      assessment: JSON.parse(JSON.stringify(t)) as Record<string, unknown>,
      standardId: t.standardId,
      scoreTotal: t.result.total,
      directMet: t.result.directConditions.length > 0,
      qualified: t.result.qualified,
      smeSize: null,
      ...named,
    };
  }
  const a: FilingAssessment = assessFiling(sections, ctx);
  return {
    assessment: JSON.parse(JSON.stringify(a)) as Record<string, unknown>,
    standardId,
    scoreTotal: a.innovative.total,
    directMet: a.directConditions.some((d) => d.met),
    qualified: a.innovative.qualified,
    smeSize: a.size?.size ?? null,
    ...named,
  };
}

/** 新增入库: blank sections with what the account already knows (enterprise name, credit code, contact). */
export function prefillEntry(
  enterprise: {
    name: string;
    uscc: string;
    contactName: string;
    contactMobile: string;
    countyCode: string | null;
  },
  ctx: RuleCtx,
): Sections {
  const s = emptySections(ctx);
  s.basic = {
    ...s.basic,
    enterpriseName: enterprise.name,
    uscc: enterprise.uscc,
    countyCode: enterprise.countyCode ?? '',
    contact: {
      ...(s.basic['contact'] as Record<string, unknown>),
      name: enterprise.contactName,
      mobile: enterprise.contactMobile,
    },
  };
  return s;
}

/** 数据更新: from the last approved filing's sections; the account's name and credit code stay authoritative. */
export function prefillUpdate(
  previous: Sections,
  ctx: RuleCtx,
  enterprise: { name: string; uscc: string },
): Sections {
  const s = prefillFromPrevious(previous, ctx);
  s.basic = { ...s.basic, enterpriseName: enterprise.name, uscc: enterprise.uscc };
  return s;
}

export function slotKeys(ctx: RuleCtx): string[] {
  return attachmentSlotKeys(ctx);
}

/** The formats a slot accepts ('pdf', 'jpg', 'png'), or null for an unknown slot. */
export function slotAccepts(slotKey: string): string[] | null {
  return slotOf(slotKey)?.accept ?? null;
}

/** "审计报告（2022 年度）" for "auditReport:2022". */
export function attachmentSlotLabel(slotKey: string): string {
  const slot = slotOf(slotKey);
  if (!slot) return slotKey;
  const year = slotKey.split(':')[1];
  return year ? `${slot.label}（${year} 年度）` : slot.label;
}

export function allowedEnterpriseActions(
  status: FilingStatus,
  opts: { countyActed: boolean; everSubmitted: boolean },
): ('save' | 'submit' | 'withdraw' | 'document')[] {
  return enterpriseActions(status, opts);
}

export { SECTION_LABELS };
