import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { fieldDef, SECTION_FIELDS, standardTitleOf, type TechSmeAssessment } from '../../../shared/filing';
import { regionPath, reviewingDepartments } from '../../../shared/regions';
import { SIZE_NAMES_ZH, type SmeSize } from '../../../shared/rules/sme-size-2011';
import { standardById } from '../../../shared/rules/standards';
import { AppError } from '../../../shared/errors';
import {
  FILING_KIND_LABELS,
  FILING_STATUS_LABELS,
  sectionKeysOf,
  SECTION_LABELS,
  type FilingKind,
  type FilingStatus,
  type SectionKey,
  type VerifyResponse,
} from '../../../shared/schemas/filing-api';
import { filings } from '../../db/schema';
import {
  assertFontInstalled,
  renderApplicationPdf,
  type ApplicationDocument,
  type DocumentRow,
  type DocumentSection,
} from '../../services/application-pdf';
import type { AppContext } from '../../types';
import { shanghaiDateTimeLabel } from '../campaigns/service';
import { type FilingRow } from './repository';
import { attachmentSlotLabel } from './rules';
import { canonicalJson, snapshotDigest, snapshotOf, type Snapshot } from './service';
import { getCampaign } from '../campaigns/repository';

const DOCUMENT_TITLES: Record<FilingKind, string> = {
  entry: '江苏省优质中小企业入库培育申报书',
  update: '江苏省优质中小企业数据更新表',
  rereview: '江苏省创新型中小企业复核申请表',
  tech_sme: '科技型中小企业评价信息表',
};

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function formatValue(section: SectionKey, path: string, value: unknown): string {
  const def = fieldDef(section, path);
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) {
    return value.map((v) => def?.options?.find((o) => o.value === v)?.label ?? String(v)).join('、');
  }
  const text = String(value);
  if (def?.kind === 'region') return regionPath(text) ? `${regionPath(text)}（${text}）` : text;
  const option = def?.options?.find((o) => o.value === text);
  if (option) return option.label;
  return def?.unit ? `${text} ${def.unit}` : text;
}

const generic = (path: string) =>
  path
    .split('.')
    .map((seg) => (/^\d+$/.test(seg) ? '*' : seg))
    .join('.');

/** An object's entries in the form's order (SECTION_FIELDS), fiscal years ascending; unknown keys last. */
function orderedEntries(
  section: SectionKey,
  path: string,
  value: Record<string, unknown>,
): [string, unknown][] {
  const defs = SECTION_FIELDS[section] ?? [];
  const rank = (key: string): number => {
    if (/^\d+$/.test(key)) return Number(key);
    const g = generic(path ? `${path}.${key}` : key);
    const i = defs.findIndex((d) => d.path === g || d.path.startsWith(`${g}.`));
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return Object.entries(value).sort(([a], [b]) => rank(a) - rank(b));
}

/** Turns a section's stored data into labelled rows (labels from the shared SECTION_FIELDS). */
export function sectionRows(section: SectionKey, data: unknown): DocumentRow[] {
  const rows: DocumentRow[] = [];
  const walk = (value: unknown, path: string, prefix: string) => {
    const def = path ? fieldDef(section, path) : undefined;
    if (Array.isArray(value)) {
      if (value.length === 0 || value.every((v) => !isObj(v))) {
        rows.push({
          label: `${prefix}${def?.label ?? path}`,
          value: value.length ? formatValue(section, path, value) : '无',
        });
        return;
      }
      value.forEach((item, i) => walk(item, `${path}.${i}`, `${prefix}${def?.label ?? path} ${i + 1} · `));
      return;
    }
    if (isObj(value)) {
      for (const [key, v] of orderedEntries(section, path, value)) {
        const next = path ? `${path}.${key}` : key;
        const yearPrefix = /^\d{4}$/.test(key) ? `${key} 年度 · ` : '';
        walk(v, next, `${prefix}${yearPrefix}`);
      }
      return;
    }
    if (section === 'basic' && path === 'cityCode') return;
    rows.push({ label: `${prefix}${def?.label ?? path}`, value: formatValue(section, path, value) });
  };
  walk(data, '', '');
  return rows;
}

interface AssessmentJson {
  size?: { size?: SmeSize } | null;
  innovative?: {
    total?: number | null;
    partialTotal?: number;
    qualified?: boolean | null;
    categories?: Record<string, number | null>;
    explanation?: {
      indicators?: { name: string; points: number | null; maxPoints: number }[];
      summary?: string;
    };
  };
  directConditions?: { label: string; met: boolean; evidence: string }[];
}

/** 科技型中小企业评价 (115号): the engine's result frozen at submission. */
function techSmeRows(a: TechSmeAssessment): {
  summary: DocumentRow[];
  scores: ApplicationDocument['scoreRows'];
} {
  const r = a.result;
  const summary: DocumentRow[] = [
    { label: '综合评价得分', value: r.total === null ? '待补全数据' : `${r.total} 分` },
    {
      label: '自评结论',
      value:
        r.qualified === true
          ? '符合科技型中小企业评价条件'
          : r.qualified === false
            ? '暂不符合'
            : '待审核部门核定',
    },
    ...r.conditions.map((c) => ({ label: `${c.title}（${c.clause}）`, value: c.explanation })),
  ];
  const scores = r.indicatorDetails.map((i) => ({
    name: i.name,
    points: i.points === null ? '—' : String(i.points),
    max: String(i.max),
  }));
  return { summary, scores };
}

function assessmentRows(assessment: AssessmentJson): {
  summary: DocumentRow[];
  scores: ApplicationDocument['scoreRows'];
} {
  if ((assessment as { kind?: string }).kind === 'tech_sme') {
    return techSmeRows(assessment as unknown as TechSmeAssessment);
  }
  const inn = assessment.innovative ?? {};
  const summary: DocumentRow[] = [
    {
      label: '评价总分',
      value: inn.total === null || inn.total === undefined ? '待人工核定' : `${inn.total} 分`,
    },
    {
      label: '自评结论',
      value:
        inn.qualified === true
          ? '符合创新型中小企业评价条件'
          : inn.qualified === false
            ? '暂不符合'
            : '待审核部门核定',
    },
    {
      label: '企业规模（划型）',
      value: assessment.size?.size ? (SIZE_NAMES_ZH[assessment.size.size] ?? '') : '无法判定',
    },
  ];
  for (const d of assessment.directConditions ?? []) {
    summary.push({
      label: `直通条件：${d.label}`,
      value: `${d.met ? '满足' : '不满足'}${d.evidence ? `（${d.evidence}）` : ''}`,
    });
  }
  if (inn.explanation?.summary) summary.push({ label: '说明', value: inn.explanation.summary });
  const scores = (inn.explanation?.indicators ?? []).map((i) => ({
    name: i.name,
    points: i.points === null ? '—' : String(i.points),
    max: String(i.maxPoints),
  }));
  return { summary, scores };
}

/**
 * The verification address printed (and put in the QR code). In production it is PUBLIC_BASE_URL; in
 * development and test the address the page was served from (`origin`), so a phone on the developer's network
 * opens the same server rather than its own localhost.
 */
export function publicVerifyUrl(ctx: AppContext, code: string, origin?: string): string {
  const base = ctx.config.mode !== 'production' && origin ? origin : ctx.config.publicBaseUrl;
  return `${base.replace(/\/+$/, '')}/verify/${code}`;
}

/** The address a request was served from (`http://192.168.1.20:3000`), when its Host header is a plain host. */
export function servedFrom(request: FastifyRequest): string | undefined {
  const host = request.host;
  if (!host || !/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:]+\](:\d{1,5})?$/.test(host)) return undefined;
  return `${request.protocol}://${host}`;
}

/** The short digest of a self-assessment (standard and result), printed on the 自评表 and on the 申报书. */
export function assessmentDigest(standardId: string, assessment: unknown): string {
  const hex = crypto
    .createHash('sha256')
    .update(canonicalJson({ standardId, assessment }))
    .digest('hex')
    .slice(0, 16)
    .toUpperCase();
  return hex.match(/.{4}/g)!.join('-');
}

/** The parts both documents print: the enterprise block and the self-assessment, from one set of sections. */
export function commonDocumentParts(
  sections: Snapshot['sections'],
  assessment: Record<string, unknown>,
  standardId: string,
  countyCode: string,
  filing: FilingRow,
) {
  const kind = filing.kind as FilingKind;
  const departments = reviewingDepartments(countyCode);
  const { summary, scores } = assessmentRows(assessment as AssessmentJson);
  const standard = standardById(standardId);
  const basic = sections.basic ?? {};
  return {
    kindLabel: FILING_KIND_LABELS[kind] ?? filing.kind,
    enterpriseName: String(basic['enterpriseName'] ?? filing.enterpriseName),
    uscc: String(basic['uscc'] ?? filing.uscc),
    regionLabel: regionPath(countyCode) ?? countyCode,
    reviewingDepartment: departments ? `${departments.county.name}、${departments.city.name}` : '',
    assessmentDigest: assessmentDigest(standardId, assessment),
    standardId,
    standardTitle: standard ? `${standard.title}（${standard.documentNumber}）` : standardTitleOf(standardId),
    scoreRows: scores,
    scoreSummary: summary,
  };
}

/**
 * Rendered documents by filing and snapshot digest. The document depends only on the snapshot (and the campaign's
 * name), so a repeated download (the enterprise printing, each reviewer opening it) is not rendered again.
 */
const rendered = new Map<string, { data: Buffer; fileName: string }>();
const RENDERED_MAX = 32;

/** The 申报书 of the SUBMITTED snapshot (never the draft). */
export async function applicationPdf(
  ctx: AppContext,
  filing: FilingRow,
  origin?: string,
): Promise<{ data: Buffer; fileName: string }> {
  const snapshot = snapshotOf(filing);
  if (!snapshot) throw AppError.of('DOCUMENT_NOT_SUBMITTED');
  assertFontInstalled();
  const verifyUrl = publicVerifyUrl(ctx, snapshot.verificationCode, origin);
  const key = `${filing.id}:${snapshotDigest(snapshot)}:${verifyUrl}`;
  const cached = rendered.get(key);
  if (cached) return cached;
  const result = await renderDocument(ctx, filing, snapshot, verifyUrl);
  rendered.set(key, result);
  if (rendered.size > RENDERED_MAX) rendered.delete(rendered.keys().next().value!);
  return result;
}

async function renderDocument(
  ctx: AppContext,
  filing: FilingRow,
  snapshot: Snapshot,
  verifyUrl: string,
): Promise<{ data: Buffer; fileName: string }> {
  const campaign = await getCampaign(ctx.db, filing.campaignId);
  const kind = filing.kind as FilingKind;
  const sections: DocumentSection[] = sectionKeysOf(kind)
    .filter((k) => k !== 'attachments')
    .map((k) => ({
      title: SECTION_LABELS[k],
      rows: sectionRows(k, snapshot.sections[k] ?? {}),
    }));
  const doc: ApplicationDocument = {
    ...commonDocumentParts(
      snapshot.sections,
      snapshot.assessment,
      snapshot.standardId,
      snapshot.countyCode,
      filing,
    ),
    noun: '申报书',
    title: DOCUMENT_TITLES[kind] ?? DOCUMENT_TITLES.entry,
    campaignName: `${campaign.name}（报告年度 ${snapshot.fiscalYear} 年）`,
    timeLabel: '提交时间',
    submittedAtLabel: shanghaiDateTimeLabel(new Date(snapshot.submittedAt)),
    verificationCode: snapshot.verificationCode,
    verifyUrl,
    digest: snapshotDigest(snapshot),
    sections,
    attachments: snapshot.attachments.map((a) => ({
      label: attachmentSlotLabel(a.slot),
      value: `${a.name}（${(a.sizeBytes / 1024).toFixed(0)} KB，SHA-256 ${a.sha256.slice(0, 16)}…）`,
    })),
  };
  const data = await renderApplicationPdf(doc);
  return { data, fileName: `${doc.title}-${doc.enterpriseName}-${snapshot.verificationCode}.pdf` };
}

/** 9132********12345X: the first 4 and the last 6 characters of the credit code. */
export function maskUscc(uscc: string): string {
  if (uscc.length < 10) return '*'.repeat(uscc.length);
  return `${uscc.slice(0, 4)}${'*'.repeat(uscc.length - 10)}${uscc.slice(-6)}`;
}

/** Public verification of a printed 申报书: only what the document itself shows, credit code masked. */
export async function verifyDocument(ctx: AppContext, rawCode: string): Promise<VerifyResponse> {
  const code = rawCode.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[A-Z0-9]{12}$/.test(code)) return { found: false, document: null };
  const filing = await unscopedFindByVerificationCode(ctx, code);
  const snapshot = filing ? snapshotOf(filing) : null;
  if (!filing || !snapshot) return { found: false, document: null };
  const campaign = await getCampaign(ctx.db, filing.campaignId);
  const basic = snapshot.sections.basic ?? {};
  return {
    found: true,
    document: {
      enterpriseName: String(basic['enterpriseName'] ?? filing.enterpriseName),
      usccMasked: maskUscc(String(basic['uscc'] ?? filing.uscc)),
      kindLabel: FILING_KIND_LABELS[filing.kind as FilingKind] ?? filing.kind,
      campaignName: campaign.name,
      submittedAt: snapshot.submittedAt,
      scoreTotal: filing.scoreTotal,
      digest: snapshotDigest(snapshot),
      statusLabel: FILING_STATUS_LABELS[filing.status as FilingStatus] ?? filing.status,
    },
  };
}

/** Public lookup by verification code: deliberately outside filingScope (the code is the capability). */
async function unscopedFindByVerificationCode(ctx: AppContext, code: string): Promise<FilingRow | undefined> {
  const [row] = await ctx.db.select().from(filings).where(eq(filings.verificationCode, code)).limit(1);
  return row;
}

export type { Snapshot };
