/**
 * 创新型中小企业评价 (《优质中小企业梯度培育管理暂行办法》工信部企业〔2022〕63号 附件1), rules.md §1: the result
 * shape of the evaluation (stored evaluations, the review pages and the 申报书 read it). The standard itself is
 * data (./tables/innovative-sme-2022.ts) evaluated by the rules engine (./engine). Pure: no I/O.
 */
import type { RatioView } from '../money';
import { BOUNDARY_TEXT_ZH, type BoundaryConvention } from './bands';
import { evaluateTable, indicatorRules, renderText, resolveParams } from './engine/evaluate';
import type { EngineResult, StandardTable, ThresholdUsed } from './engine/types';
import type { FieldError } from './input';
import type { IpItem } from './ip';
import { INNOVATIVE_SME_2022_TABLE } from './tables/innovative-sme-2022';

export const INNOVATIVE_SME_2022_ID = 'innovative-sme-2022' as const;

export type AmountInput = number | string;

/** Input shape: exactly the golden-case shape of cases/README.md (`innovative-sme-2022`). Amounts in 万元. */
export interface InnovativeSmeInput {
  intellectualProperty: IpItem[];
  lastYear: {
    operatingRevenue: AmountInput;
    rdExpense: AmountInput;
    mainBusinessRevenue: AmountInput;
    totalAssets: AmountInput;
    totalLiabilities: AmountInput;
  };
  yearBefore: { mainBusinessRevenue: AmountInput };
  mainProductStrategicEmerging: boolean;
  /** Missing keys mean false / 0. */
  direct?: {
    sciTechAwardWithin3Years?: boolean;
    validHonor?: boolean;
    provincialRdInstitution?: boolean;
    equityFinancing3Years?: AmountInput;
  };
}

export type InnovativeIndicatorKey = 'ip' | 'rdRatio' | 'growth' | 'debtRatio' | 'field' | 'mainShare';
export type InnovativeCategoryKey = 'innovation' | 'growth' | 'specialization';
export type InnovativeDirectKey = 'sciTechAward' | 'validHonor' | 'rdInstitution' | 'equityFinancing';

/** The standard as data (./tables/innovative-sme-2022.ts). */
export const INNOVATIVE_SME_2022 = INNOVATIVE_SME_2022_TABLE;

export interface IndicatorExplanation {
  key: InnovativeIndicatorKey;
  name: string;
  category: InnovativeCategoryKey;
  maxPoints: number;
  /** The inputs used, with Chinese labels; amounts as canonical strings (万元). */
  inputs: { label: string; value: string }[];
  /** Exact ratio (num/den as strings) and its display percent, for ratio indicators. */
  ratio: RatioView | null;
  band: string | null;
  points: number | null;
  /** The rule text in Chinese. */
  rule: string;
  /** Chinese sentence describing the outcome, or why it cannot be computed. */
  note: string;
}

export interface FloorCheck {
  key: 'total' | InnovativeCategoryKey;
  name: string;
  floor: number;
  score: number | null;
  met: boolean | null;
  /** Chinese sentence: met, or how many points are missing. */
  message: string;
}

export type ScoringStatus = 'scored' | 'needsManualReview' | 'invalidInput';

export interface InnovativeSmeResult {
  standardId: typeof INNOVATIVE_SME_2022_ID;
  status: ScoringStatus;
  /** Chinese reasons for manual review (status 'needsManualReview'). */
  reviewReasons: string[];
  /** Input errors with field paths (status 'invalidInput'). */
  errors: FieldError[];
  /** Chinese warnings on suspicious but scorable data. */
  warnings: string[];
  /** Total score; null unless every indicator could be computed. */
  total: number | null;
  /** Sum of the indicators that could be computed (for display during manual review; never a qualifying score). */
  partialTotal: number;
  categories: Record<InnovativeCategoryKey, number | null>;
  indicators: Record<InnovativeIndicatorKey, number | null>;
  qualifiedByScore: boolean | null;
  directConditions: InnovativeDirectKey[];
  /** true: qualified (score path or any direct condition); false: not; null: pending manual review. */
  qualified: boolean | null;
  explanation: {
    indicators: IndicatorExplanation[];
    floors: FloorCheck[];
    directConditions: { key: InnovativeDirectKey; text: string; met: boolean }[];
    boundary: string;
    summary: string;
  };
}

export interface InnovativeSmeOptions {
  /** Override the boundary convention of the standard (default: the standard's 'higher'). */
  boundary?: BoundaryConvention;
  /** Corrected thresholds (an administrator's version of the standard); default the built-in ones. */
  params?: { version: number; values: Record<string, string> };
}

/**
 * Evaluate an enterprise against 63号文 附件1 (rules.md §1) with the rules engine and the table
 * (./tables/innovative-sme-2022.ts), in the result shape stored evaluations and the review pages read.
 * - Score path: total ≥ 60, innovation ≥ 20, growth ≥ 15, specialization ≥ 15 (thresholds are data).
 * - Direct path: any of the four direct conditions.
 * - Uncomputable ratios (a zero denominator, 主营业务收入 > 营业收入) → points null, status 'needsManualReview',
 *   total null, qualifiedByScore null; qualified is true only through a direct condition (and never while the
 *   figures are impossible).
 */
export function evaluateInnovativeSme(raw: unknown, options: InnovativeSmeOptions = {}): InnovativeSmeResult {
  const table = options.boundary
    ? { ...INNOVATIVE_SME_2022_TABLE, boundary: options.boundary }
    : INNOVATIVE_SME_2022_TABLE;
  const r = evaluateTable(table, raw, {
    review: false,
    ...(options.params ? { params: options.params } : {}),
  });
  return innovativeView(r, table);
}

/** Evaluate with a version of the thresholds; the result records the version and the thresholds it used. */
export function evaluateInnovativeVersioned(
  raw: unknown,
  params?: { version: number; values: Record<string, string> },
): InnovativeSmeResult & { version: number; thresholds: ThresholdUsed[] } {
  const r = evaluateTable(INNOVATIVE_SME_2022_TABLE, raw, { review: false, ...(params ? { params } : {}) });
  return { ...innovativeView(r, INNOVATIVE_SME_2022_TABLE), version: r.version, thresholds: r.thresholds };
}

function innovativeView(r: EngineResult, table: StandardTable): InnovativeSmeResult {
  const invalid = r.status === 'invalidInput';
  const param = (k: string): number => Number(r.thresholds.find((t) => t.key === k)!.value);
  const status: ScoringStatus = invalid
    ? 'invalidInput'
    : r.reasons.length > 0
      ? 'needsManualReview'
      : 'scored';
  const complete = status === 'scored';
  const byScore = r.items.find((i) => i.key === 'byScore');
  const qualifiedByScore = !complete || !byScore ? null : byScore.status === 'met';
  const resolved = resolveParams(table, Object.fromEntries(r.thresholds.map((t) => [t.key, t.value])));
  const rules = indicatorRules(table, resolved);
  const boundary = BOUNDARY_TEXT_ZH[table.boundary];
  const indicators = r.indicatorDetails.map((d): IndicatorExplanation => {
    const isRatio = table.indicators.find((i) => i.key === d.key)!.bases.some((b) => b.metric);
    return {
      key: d.key as InnovativeIndicatorKey,
      name: d.name,
      category: d.category as InnovativeCategoryKey,
      maxPoints: d.max,
      inputs: d.inputs,
      ratio: d.points === null ? null : d.ratio,
      band: d.band,
      points: d.points,
      rule: `${d.name}：${rules[d.key]}${isRatio ? `（${boundary}）` : ''}`,
      note:
        d.points === null
          ? (d.reason ?? '数据未填写完整，无法计算')
          : `${d.ratio ? `计算结果为 ${d.ratio.display}，` : ''}属于 ${d.band} 档（${d.bandText}），得 ${d.points} 分`,
    };
  });
  const categories = {} as Record<InnovativeCategoryKey, number | null>;
  for (const c of table.categories!) categories[c.key as InnovativeCategoryKey] = r.categories[c.key] ?? null;
  const total = complete ? r.total : null;
  const floors: FloorCheck[] = [
    { key: 'total' as const, name: '评价总分', floor: param('totalFloor'), score: total },
    ...table.categories!.map((c) => ({
      key: c.key as InnovativeCategoryKey,
      name: `${c.name}指标得分`,
      floor: param(`floor.${c.key}`),
      score: complete ? categories[c.key as InnovativeCategoryKey] : null,
    })),
  ].map((f) => {
    if (f.score === null) {
      return {
        ...f,
        met: null,
        message: `${f.name}暂无法确定（需人工审核或补全数据），要求不低于 ${f.floor} 分`,
      };
    }
    const met = f.score >= f.floor;
    return {
      ...f,
      met,
      message: met
        ? `${f.name} ${f.score} 分，达到不低于 ${f.floor} 分的要求`
        : `${f.name} ${f.score} 分，低于 ${f.floor} 分的要求，还差 ${f.floor - f.score} 分`,
    };
  });
  const directList = table.direct.map((d) => ({
    key: d.key as InnovativeDirectKey,
    text: renderText(d.text, resolved),
    met: !invalid && r.directConditions.includes(d.key),
  }));
  const directConditions = directList.filter((d) => d.met).map((d) => d.key);
  const qualified = invalid ? null : r.qualified;
  let summary: string;
  if (invalid) {
    summary = `填报数据有 ${r.errors.length} 处需要修改，修改后才能评分：${r.errors.map((e) => e.message).join('；')}`;
  } else {
    const scorePart = complete
      ? `评价得分 ${total} 分（创新能力 ${categories.innovation} 分、成长性 ${categories.growth} 分、专业化 ${categories.specialization} 分），${
          qualifiedByScore
            ? '满足评分条件'
            : `未满足评分条件：${floors
                .filter((f) => !f.met)
                .map((f) => f.message)
                .join('；')}`
        }`
      : `部分指标无法计算，需人工审核：${r.reasons.join('；')}`;
    const directPart =
      directConditions.length > 0
        ? `满足直通条件：${directList
            .filter((c) => c.met)
            .map((c) => c.text)
            .join('；')}`
        : '未满足直通条件';
    const verdict =
      qualified === true
        ? '符合创新型中小企业评价标准'
        : qualified === false
          ? '不符合创新型中小企业评价标准'
          : '是否符合标准待人工审核后确定';
    summary = `${scorePart}。${directPart}。结论：${verdict}。`;
  }
  return {
    standardId: INNOVATIVE_SME_2022_ID,
    status,
    reviewReasons: invalid ? [] : r.reasons,
    errors: r.errors,
    warnings: r.warnings,
    total,
    partialTotal: r.totalRange.min,
    categories,
    indicators: Object.fromEntries(indicators.map((e) => [e.key, e.points])) as Record<
      InnovativeIndicatorKey,
      number | null
    >,
    qualifiedByScore,
    directConditions,
    qualified,
    explanation: { indicators, floors, directConditions: directList, boundary, summary },
  };
}
