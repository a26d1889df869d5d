/**
 * Section validation, submission check, empty and prefilled sections, region of a filing, enterprise actions.
 * Used by the server (save, submit) and the browser (the form). Never throws on any input. Pure: no I/O.
 */
import { findRegion } from '../regions';
import { toHalfWidth } from '../money';
import { SECTION_KEYS, sectionKeysOf, type FilingStatus, type SectionKey } from '../schemas/filing-vocab';
import { checkAttachments, type AttachmentFacts } from './attachments';
import { assessFiling } from './assess';
import { isObj } from './read';
import {
  fiscalYears,
  OPERATION_AMOUNTS,
  readBasic,
  readInnovation,
  readOperations,
  readProducts,
  readRecognitions,
  type SectionRead,
} from './sections';
import { emptyTechSmeSection, readTechSme, techSmeDirectClaimed } from './tech-sme';
import { normalizeContext, type FilingContext, type SectionValidation } from './types';

const READERS: Record<
  Exclude<SectionKey, 'attachments'>,
  (data: unknown, ctx: { campaignYear: number; asOf: string }) => SectionRead<unknown>
> = {
  basic: readBasic,
  products: readProducts,
  operations: readOperations,
  innovation: readInnovation,
  recognitions: readRecognitions,
  techSme: readTechSme,
};

/** A section this kind of filing does not have: nothing to fill. */
const NOT_USED: SectionValidation = { complete: true, valid: true, fieldErrors: {}, normalized: {} };

function toValidation(r: SectionRead<unknown>): SectionValidation {
  return {
    complete: r.complete,
    valid: r.valid,
    fieldErrors: r.fieldErrors,
    normalized: r.normalized,
    warnings: r.warnings,
  };
}

const BROKEN: SectionValidation = {
  complete: false,
  valid: false,
  fieldErrors: { _: '本部分数据无法识别，请重新填写后保存' },
  normalized: {},
};

/**
 * Validate one section's data. 附件: the data may be {}; completeness comes from ctx.attachments against the
 * required slots (without the other sections the score path is assumed: audit reports for the last two years; the
 * 知识产权证书 and 直通条件证明 slots are judged only by {@link validateSubmission}).
 */
export function validateSection(
  section: SectionKey,
  data: unknown,
  context: FilingContext,
): SectionValidation {
  try {
    const ctx = normalizeContext(context);
    if (!sectionKeysOf(ctx.kind).includes(section)) return { ...NOT_USED, normalized: {} };
    if (section === 'attachments') return checkAttachments(ctx);
    const reader = READERS[section];
    if (!reader) {
      return { ...BROKEN, fieldErrors: { _: `未知的填报部分“${String(section)}”` } };
    }
    return toValidation(reader(data, { campaignYear: ctx.campaignYear, asOf: ctx.asOf }));
  } catch {
    return { ...BROKEN, fieldErrors: { ...BROKEN.fieldErrors } };
  }
}

/**
 * Validate a whole filing for submission: every section must be complete (valid, required fields filled, required
 * files uploaded). The 附件 section is checked against the assessment (直通条件 → only last year's audit report,
 * plus the 直通条件证明; any IP row → 知识产权证书).
 */
export function validateSubmission(
  sections: Partial<Record<SectionKey, unknown>>,
  context: FilingContext,
): { ok: boolean; sections: Record<SectionKey, SectionValidation> } {
  const ctx = normalizeContext(context);
  const src = (isObj(sections) ? sections : {}) as Partial<Record<SectionKey, unknown>>;
  const out = {} as Record<SectionKey, SectionValidation>;
  for (const key of SECTION_KEYS) {
    if (key !== 'attachments') out[key] = validateSection(key, src[key], ctx);
  }
  let facts: AttachmentFacts | undefined;
  try {
    facts = attachmentFacts(src, ctx);
  } catch {
    facts = undefined;
  }
  try {
    out.attachments = checkAttachments(ctx, facts);
  } catch {
    out.attachments = { ...BROKEN, fieldErrors: { ...BROKEN.fieldErrors } };
  }
  return { ok: SECTION_KEYS.every((k) => out[k].complete), sections: out };
}

/**
 * What the 附件 rules need from a filing: the IP rows (科技型: the Ⅰ类 + Ⅱ类 counts) and whether a direct condition
 * is met (科技型: claimed). Throws on broken input (callers catch).
 */
export function attachmentFacts(
  sections: Partial<Record<SectionKey, unknown>>,
  context: FilingContext,
): AttachmentFacts {
  const ctx = normalizeContext(context);
  if (ctx.kind !== 'tech_sme') return assessFiling(sections, ctx);
  const p = readTechSme(sections.techSme, ctx).parsed;
  return {
    ipItemCount: (p.ipClassI ?? 0) + (p.ipClassII ?? 0),
    directConditions: [{ met: techSmeDirectClaimed(p) }],
  };
}

function emptyYear(): Record<string, unknown> {
  const y: Record<string, unknown> = {};
  for (const f of OPERATION_AMOUNTS) y[f] = '';
  y['employees'] = '';
  y['rdStaff'] = '';
  y['auditReportNo'] = '';
  return y;
}

export function emptyProductRow(): Record<string, unknown> {
  return {
    name: '',
    category: '',
    strategicEmergingField: '',
    salesRevenue: '',
    marketShareNational: '',
    ownBrand: false,
    description: '',
  };
}

/**
 * A new 知识产权 row: every required question unanswered. 获得方式 (自主研发 or 受让…) and 与主导产品相关 decide the
 * item's score, so nothing is preselected — the enterprise states them and the required check asks until it does.
 */
export function emptyIpRow(): Record<string, unknown> {
  return {
    category: '',
    number: '',
    name: '',
    grantDate: '',
    acquisition: '',
    transferDate: '',
    relatedToMainProduct: null,
    highValueBasis: [],
  };
}

/** Blank sections in the shapes the readers expect (the 主导产品 list starts with one empty row). */
export function emptySections(ctx: FilingContext): Record<SectionKey, Record<string, unknown>> {
  const years: Record<string, unknown> = {};
  for (const y of fiscalYears(ctx.campaignYear)) years[String(y)] = emptyYear();
  return {
    basic: {
      enterpriseName: '',
      uscc: '',
      establishedDate: '',
      registeredCapital: '',
      countyCode: '',
      cityCode: '',
      address: '',
      postcode: '',
      legalRepresentative: { name: '', mobile: '' },
      contact: { name: '', title: '', mobile: '', phone: '', email: '' },
      registrationType: '',
      industryCode: '',
      listingStatus: 'none',
      stockCode: '',
      nicheYears: '',
      mainBusiness: '',
    },
    products: { mainProducts: [emptyProductRow()] },
    operations: { years },
    innovation: {
      ipItems: [],
      rdInstitutions: [],
      standardsParticipation: '',
      digitalLevel: '',
      qualityItems: [],
    },
    recognitions: {
      highTech: { held: false, certificateNo: '', issueDate: '' },
      techInnovationDemo: { held: false, year: '' },
      ipAdvantageOrDemo: { held: false, type: '', validUntil: '' },
      sciTechAwards: [],
      makerChina: { rank: 'none', year: '' },
      otherHonours: [],
    },
    techSme: emptyTechSmeSection(),
    attachments: {},
  };
}

/**
 * 数据更新: start from the last approved filing. Basic info, products, IP, R&D institutions and recognitions are
 * carried over (normalised); of the operations, the years that the new filing also reports are kept and the new
 * fiscal year is empty. Attachments are not carried over (new files are needed every year).
 */
export function prefillFromPrevious(
  previous: Partial<Record<SectionKey, unknown>>,
  context: FilingContext,
): Record<SectionKey, Record<string, unknown>> {
  const ctx = normalizeContext(context);
  const base = emptySections(ctx);
  const prev = (isObj(previous) ? previous : {}) as Partial<Record<SectionKey, unknown>>;
  const rctx = { campaignYear: ctx.campaignYear, asOf: ctx.asOf };
  const carry = (key: Exclude<SectionKey, 'attachments'>): void => {
    if (!isObj(prev[key])) return;
    try {
      base[key] = READERS[key](prev[key], rctx).normalized;
    } catch {
      // keep the empty section
    }
  };
  carry('basic');
  carry('products');
  carry('innovation');
  carry('recognitions');
  carry('operations');
  if (isObj(prev.products) && Array.isArray(base.products['mainProducts'])) {
    if ((base.products['mainProducts'] as unknown[]).length === 0)
      base.products['mainProducts'] = [emptyProductRow()];
  }
  return base;
}

/** 注册地 of a filing from its 基本情况: a known county-level code (incl. 开发区) and its 设区市; else null. */
export function regionOf(basic: unknown): { countyCode: string; cityCode: string } | null {
  if (!isObj(basic)) return null;
  const raw = basic['countyCode'];
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const code = toHalfWidth(String(raw)).replace(/\s+/g, '');
  const region = findRegion(code);
  if (!region || region.level !== 'county') return null;
  return { countyCode: region.code, cityCode: region.cityCode };
}

export type EnterpriseAction = 'save' | 'submit' | 'withdraw' | 'document';

/**
 * What the enterprise may do with its filing now: draft → save, submit; returned → save, submit, document;
 * county_review → withdraw (only before the county has acted), document; city_review / approved / refused → document;
 * withdrawn → save, submit, document: taking a filing back is a way to correct it, not the end of the
 * enterprise's year (there is one filing of a kind per campaign, so a final withdrawal would bar it).
 */
export function enterpriseActions(
  status: FilingStatus,
  opts: { countyActed: boolean; everSubmitted: boolean },
): EnterpriseAction[] {
  switch (status) {
    case 'draft':
      return ['save', 'submit'];
    case 'returned':
      return ['save', 'submit', 'document'];
    case 'county_review':
      return opts.countyActed ? ['document'] : ['withdraw', 'document'];
    case 'city_review':
    case 'approved':
    case 'refused':
      return ['document'];
    case 'withdrawn':
      return opts.everSubmitted ? ['save', 'submit', 'document'] : ['save', 'submit'];
    default:
      return [];
  }
}
