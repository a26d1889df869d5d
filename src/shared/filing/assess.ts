/**
 * The self-assessment of a filing (live in the browser, frozen by the server at submission): the 创新型中小企业
 * evaluation (63号文 附件1, rules.md §1) on the filing's own data, the four 直通条件 detected from dates, the exact
 * ratios, the SME size class (300号, rules.md §4) and Chinese warnings. Never throws: incomplete input gives what
 * can be computed and says what is missing. Pure: no I/O.
 */
import { addAmounts, compareAmounts, parseAmount, ratioOf, ratioView, makeRatio, subRatios } from '../money';
import type { RatioView } from '../money';
import {
  evaluateInnovativeSme,
  INNOVATIVE_SME_2022_ID,
  type InnovativeDirectKey,
  type InnovativeSmeResult,
} from '../rules/innovative-sme-2022';
import { classifySmeSize, type SmeSizeResult } from '../rules/sme-size-2011';
import type { IpItem } from '../rules/ip';
import type { SectionKey } from '../schemas/filing-api';
import { normalizeContext, type FilingContext } from './types';
import {
  fiscalYears,
  readBasic,
  readInnovation,
  readOperations,
  readProducts,
  readRecognitions,
  type IpParsed,
  type YearParsed,
} from './sections';

export type SmeSizeOk = Extract<SmeSizeResult, { ok: true }>;

export interface DirectConditionView {
  key: InnovativeDirectKey;
  label: string;
  met: boolean;
  /** Chinese: what in the filing meets (or does not meet) the condition. */
  evidence: string;
}

export interface FilingAssessment {
  standardId: string;
  /** The last complete accounting year (campaignYear − 1). */
  fiscalYear: number;
  ratios: {
    /** 研发费用 ÷ 营业收入 (fiscal year). */
    rdShare: RatioView | null;
    /** 主营业务收入 ÷ 营业收入 (fiscal year). */
    mainShare: RatioView | null;
    /** (主营业务收入 − 上年主营业务收入) ÷ 上年主营业务收入. */
    growth: RatioView | null;
    /** 负债总额 ÷ 资产总额 (fiscal year end). */
    debtRatio: RatioView | null;
  };
  /** SME size class (300号); null when industry, employees, revenue or assets are missing or invalid. */
  size: SmeSizeOk | null;
  isSme: boolean | null;
  innovative: InnovativeSmeResult;
  directConditions: DirectConditionView[];
  /** Sum of the three years' 新增股权融资 (万元, canonical string): the derived 近三年新增股权融资总额. */
  equityFinancing3Years: string;
  /** Number of 知识产权 rows filed (drives the 知识产权证书 attachment). */
  ipItemCount: number;
  /** IP rows left out of the evaluation, with the reason (Chinese). */
  excludedIp: { index: number; reason: string }[];
  warnings: string[];
}

const DIRECT_LABELS: Record<InnovativeDirectKey, string> = {
  sciTechAward: '近三年内获得过国家级、省级科技奖励',
  validHonor:
    '获得高新技术企业、国家级技术创新示范企业、知识产权优势企业或知识产权示范企业等荣誉（均在有效期内）',
  rdInstitution: '拥有经认定的省部级以上研发机构',
  equityFinancing: '近三年新增股权融资总额（合格机构投资者的实缴额）500万元以上',
};

/** 'YYYY-MM-DD' plus n years, as a comparable string (Feb 29 + n → "YYYY-02-29", which sorts after Feb 28). */
export function plusYears(date: string, n: number): string {
  return `${Number(date.slice(0, 4)) + n}${date.slice(4)}`;
}

/**
 * 高新技术企业 certificate: valid 3 years from the issue date, i.e. on every day d with issueDate ≤ d < issueDate + 3
 * years (a certificate issued 2020-12-02 is valid through 2023-12-01).
 */
export function highTechValidOn(issueDate: string, asOf: string): boolean {
  return issueDate <= asOf && asOf < plusYears(issueDate, 3);
}

/**
 * Whether an IP item counts on `asOf`: IP obtained by transfer (受让、受赠、并购、其他) less than 1 year before asOf does
 * not count. [S] rules.md §1.3 "Exclusion: IP transferred in less than 1 year ago (转让未满1年) does not count" (a public
 * code repository). Transferred on 2022-03-01 → counts from 2023-03-01 on.
 */
export function ipExclusion(item: IpParsed, asOf: string): string | null {
  const n = item.index + 1;
  if (!item.ok) return `第 ${n} 条知识产权信息有误或未填完整，暂不计入评价`;
  if (item.acquisition !== '自主研发') {
    if (!item.transferDate) return `第 ${n} 条知识产权未填写受让日期，暂不计入评价`;
    if (plusYears(item.transferDate, 1) > asOf) {
      return `第 ${n} 条知识产权受让（获得）未满 1 年（${item.transferDate} 获得），按规定不计入评价`;
    }
  }
  return null;
}

const amountOk = (v: string | null | undefined): bigint | null => {
  if (v === null || v === undefined || v === '') return null;
  const r = parseAmount(v);
  return r.ok ? r.cents : null;
};

const ratio = (n: bigint | null, d: bigint | null): RatioView | null => {
  if (n === null || d === null) return null;
  const r = ratioOf(n, d);
  return r ? ratioView(r) : null;
};

/** An IP item as passed to the engine: the engine's fields plus display fields it ignores. */
export interface InnovativeIpItem extends IpItem {
  /** Row index in 创新研发 ipItems. */
  index: number;
  category: string;
  number: string;
  /** The IP item's name as filed (display only). */
  name?: string;
}

/**
 * The input of the 创新型中小企业 engine (rules/innovative-sme-2022.ts, golden-case shape) exactly as
 * {@link assessFiling} builds it from the sections: IP rows that count (transferred < 1 year and faulty rows left
 * out; each item carries index, category and number for display), the fiscal year's figures, the year before's main
 * revenue, the main product's field (omitted when not filled) and the four direct-condition flags / equity sum.
 */
export function innovativeSmeInputOf(
  sections: Partial<Record<SectionKey, unknown>>,
  context: FilingContext,
): Record<string, unknown> {
  return assess(sections, context).input;
}

/**
 * The self-assessment of a filing: 创新型 evaluation, 直通条件, exact ratios, SME size, warnings (Chinese).
 * Never throws; incomplete input gives what can be computed and a warning naming what is missing.
 */
export function assessFiling(
  sections: Partial<Record<SectionKey, unknown>>,
  context: FilingContext,
): FilingAssessment {
  return assess(sections, context).assessment;
}

function assess(
  sections: Partial<Record<SectionKey, unknown>>,
  context: FilingContext,
): { assessment: FilingAssessment; input: Record<string, unknown> } {
  const ctx = normalizeContext(context);
  const s = (sections && typeof sections === 'object' ? sections : {}) as Partial<
    Record<SectionKey, unknown>
  >;
  const rctx = { campaignYear: ctx.campaignYear, asOf: ctx.asOf };
  const basic = readBasic(s.basic, rctx);
  const products = readProducts(s.products, rctx);
  const ops = readOperations(s.operations, rctx);
  const innovation = readInnovation(s.innovation, rctx);
  const recog = readRecognitions(s.recognitions, rctx);
  const warnings: string[] = [];
  const [y3, y2, y1] = fiscalYears(ctx.campaignYear);
  const last: YearParsed = ops.parsed.years[String(y1)] ?? { employees: null, rdStaff: null };
  const before: YearParsed = ops.parsed.years[String(y2)] ?? { employees: null, rdStaff: null };

  // --- 直通条件 (rules.md §1.1 B)
  const awardFrom = ctx.campaignYear - 3;
  const award = recog.parsed.sciTechAwards.find(
    (a) => a.level !== null && a.year !== null && a.year >= awardFrom && a.name !== null,
  );
  const ht = recog.parsed.highTech;
  const htValid = ht.held && ht.issueDate !== null && highTechValidOn(ht.issueDate, ctx.asOf);
  const td = recog.parsed.techInnovationDemo;
  const tdValid = td.held && td.year !== null;
  const ipd = recog.parsed.ipAdvantageOrDemo;
  const ipdValid = ipd.held && ipd.validUntil !== null && ipd.validUntil >= ctx.asOf;
  const inst = innovation.parsed.rdInstitutions.find(
    (r) => r.ok && (r.level === '国家级' || r.level === '省级'),
  );
  let equity = '0.00';
  for (const y of [y3, y2, y1]) {
    const v = ops.parsed.years[String(y)]?.equityFinancing;
    if (v) equity = addAmounts(equity, v);
  }
  const equityMet = compareAmounts(equity, '500') >= 0;

  const honourEvidence: string[] = [];
  if (htValid)
    honourEvidence.push(`高新技术企业证书 ${ht.certificateNo ?? ''}（${ht.issueDate} 发证，有效期 3 年）`);
  if (tdValid) honourEvidence.push(`国家级技术创新示范企业（${td.year} 年认定）`);
  if (ipdValid) honourEvidence.push(`${ipd.type ?? '知识产权优势/示范企业'}（有效期至 ${ipd.validUntil}）`);
  let honourMissing = '未填报有效期内的高新技术企业等荣誉';
  if (ht.held && ht.issueDate && !htValid) {
    honourMissing = `高新技术企业证书（${ht.issueDate} 发证）在 ${ctx.asOf} 已超过 3 年有效期或尚未生效`;
  } else if (ipd.held && ipd.validUntil && !ipdValid) {
    honourMissing = `${ipd.type ?? '知识产权优势/示范企业'}有效期至 ${ipd.validUntil}，已过期`;
  }

  const directConditions: DirectConditionView[] = [
    {
      key: 'sciTechAward',
      label: DIRECT_LABELS.sciTechAward,
      met: award !== undefined,
      evidence: award
        ? `${award.year} 年获${award.level === 'national' ? '国家级' : '省级'}科技奖励“${award.name}”`
        : `未填报 ${awardFrom} 年以来的国家级、省级科技奖励`,
    },
    {
      key: 'validHonor',
      label: DIRECT_LABELS.validHonor,
      met: honourEvidence.length > 0,
      evidence: honourEvidence.length > 0 ? honourEvidence.join('；') : honourMissing,
    },
    {
      key: 'rdInstitution',
      label: DIRECT_LABELS.rdInstitution,
      met: inst !== undefined,
      evidence: inst ? `${inst.level}研发机构“${inst.name}”` : '未填报国家级或省级研发机构',
    },
    {
      key: 'equityFinancing',
      label: DIRECT_LABELS.equityFinancing,
      met: equityMet,
      evidence: `${y3}–${y1} 年新增股权融资合计 ${equity} 万元${equityMet ? '，达到' : '，未达到'} 500 万元`,
    },
  ];

  // --- Innovative-SME input (golden-case shape, rules/innovative-sme-2022.ts)
  const excludedIp: { index: number; reason: string }[] = [];
  const ip: InnovativeIpItem[] = [];
  for (const item of innovation.parsed.ipItems) {
    const reason = ipExclusion(item, ctx.asOf);
    if (reason) {
      excludedIp.push({ index: item.index, reason });
      continue;
    }
    ip.push({
      class: item.ipClass!,
      selfDeveloped: item.acquisition === '自主研发',
      highValue: item.ipClass === 'I' && item.highValueBasis.length > 0,
      relatedToMainProduct: item.relatedToMainProduct === true,
      index: item.index,
      category: item.category ?? '',
      number: item.number ?? '',
      ...(item.name ? { name: item.name } : {}),
    });
  }
  const mainProduct = products.parsed.mainProducts[0];
  const field = mainProduct?.strategicEmergingField ?? null;
  const lastYear: Record<string, string> = {};
  for (const k of [
    'operatingRevenue',
    'rdExpense',
    'mainBusinessRevenue',
    'totalAssets',
    'totalLiabilities',
  ] as const) {
    const v = last[k];
    if (v) lastYear[k] = v;
  }
  const input: Record<string, unknown> = {
    intellectualProperty: ip,
    lastYear,
    yearBefore: before.mainBusinessRevenue ? { mainBusinessRevenue: before.mainBusinessRevenue } : {},
    direct: {
      sciTechAwardWithin3Years: directConditions[0]!.met,
      validHonor: directConditions[1]!.met,
      provincialRdInstitution: directConditions[2]!.met,
      equityFinancing3Years: equity,
    },
  };
  if (field !== null) input['mainProductStrategicEmerging'] = field !== 'other';
  let innovative: InnovativeSmeResult;
  try {
    innovative = evaluateInnovativeSme(input);
  } catch {
    // The rules engine is meant never to throw; if it does, report rather than crash the form.
    innovative = evaluateInnovativeSme({});
    warnings.push('自评计算出现异常，请保存后联系技术支持（025-52686656）');
  }

  // --- Missing data, said plainly.
  const missing: string[] = [];
  const need = (v: unknown, label: string): void => {
    if (v === null || v === undefined || v === '') missing.push(label);
  };
  need(last.operatingRevenue, `${y1} 年度营业收入`);
  need(last.mainBusinessRevenue, `${y1} 年度主营业务收入`);
  need(last.rdExpense, `${y1} 年度研发费用`);
  need(last.totalAssets, `${y1} 年度资产总额`);
  need(last.totalLiabilities, `${y1} 年度负债总额`);
  need(last.employees, `${y1} 年度从业人员`);
  need(before.mainBusinessRevenue, `${y2} 年度主营业务收入`);
  need(field, '主导产品所属领域（产品信息）');
  need(basic.parsed.industryCode, '所属行业（基本情况）');
  if (missing.length > 0) {
    warnings.push(`以下数据尚未填写或填写有误，暂无法完成自评：${missing.join('、')}`);
  }

  // --- Ratios (exact).
  const opRev = amountOk(last.operatingRevenue);
  const mainRev = amountOk(last.mainBusinessRevenue);
  const rd = amountOk(last.rdExpense);
  const assets = amountOk(last.totalAssets);
  const liab = amountOk(last.totalLiabilities);
  const mainBefore = amountOk(before.mainBusinessRevenue);
  let growth: RatioView | null = null;
  if (mainRev !== null && mainBefore !== null && mainBefore !== 0n) {
    const g = subRatios(makeRatio(mainRev, mainBefore), makeRatio(1n, 1n));
    growth = ratioView(g);
    if (g.num * 100n > 200n * g.den) {
      warnings.push(
        `${y1} 年度主营业务收入增长率为 ${growth.display}，超过 200%，请核对两个年度的主营业务收入`,
      );
    }
  }
  const ratios = {
    rdShare: ratio(rd, opRev),
    mainShare: ratio(mainRev, opRev),
    growth,
    debtRatio: ratio(liab, assets),
  };

  // --- Consistency warnings (never errors).
  for (const y of [y3, y2, y1]) {
    const yp = ops.parsed.years[String(y)];
    const r = amountOk(yp?.operatingRevenue);
    const m = amountOk(yp?.mainBusinessRevenue);
    const d = amountOk(yp?.rdExpense);
    if (r !== null && m !== null && m > r) {
      warnings.push(`${y} 年度主营业务收入大于营业收入，主营业务收入应包含在营业收入之内，请核对财务报表`);
    }
    if (r !== null && d !== null && d > r) {
      warnings.push(`${y} 年度研发费用大于营业收入，请核对研发费用和营业收入`);
    }
    const as = amountOk(yp?.totalAssets);
    const li = amountOk(yp?.totalLiabilities);
    if (as !== null && li !== null && li > as) {
      warnings.push(`${y} 年末负债总额大于资产总额（资不抵债），资产负债率超过 100%，请核对资产负债表`);
    }
  }
  for (const w of Object.values(basic.warnings)) warnings.push(w);
  for (const e of excludedIp) warnings.push(e.reason);

  // --- SME size (300号).
  let size: SmeSizeOk | null = null;
  if (basic.parsed.industryCode && last.employees !== null && last.operatingRevenue && last.totalAssets) {
    const r = classifySmeSize({
      industry: basic.parsed.industryCode,
      employees: last.employees,
      revenue: last.operatingRevenue,
      assets: last.totalAssets,
    });
    if (r.ok) size = r;
    else warnings.push(...r.errors.map((e) => e.message));
  }
  if (size && !size.isSme) {
    warnings.push(
      '根据《中小企业划型标准规定》，贵企业属于大型企业，不符合入库条件。请核对所属行业、从业人员、营业收入和资产总额是否填写正确',
    );
  }

  const assessment: FilingAssessment = {
    standardId: innovative.standardId ?? INNOVATIVE_SME_2022_ID,
    fiscalYear: y1,
    ratios,
    size,
    isSme: size ? size.isSme : null,
    innovative,
    directConditions,
    equityFinancing3Years: equity,
    ipItemCount: innovation.parsed.ipItems.length,
    excludedIp,
    warnings: [...new Set(warnings)],
  };
  return { assessment, input };
}
