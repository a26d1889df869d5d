/**
 * 专精特新中小企业认定 (工信部企业〔2022〕63号 附件2), rules.md §2.1–2.2: the result shape of the evaluation (stored
 * evaluations and the review pages read it). The standard itself is data (./tables/specialized-sme-2022.ts)
 * evaluated by the rules engine (./engine). Pure: no I/O.
 */
import type { RatioView } from '../money';
import { BOUNDARY_TEXT_ZH, type BoundaryConvention } from './bands';
import { evaluateTable, indicatorRules, renderText, resolveParams } from './engine/evaluate';
import type { EngineResult, StandardTable, ThresholdUsed } from './engine/types';
import { GROWTH_FORMULA_TEXT_ZH, type GrowthFormula } from './growth';
import type { FieldError } from './input';
import type { IpItem } from './ip';
import type { ScoringStatus } from './innovative-sme-2022';
import { SPECIALIZED_SME_2022_TABLE } from './tables/specialized-sme-2022';

export const SPECIALIZED_SME_2022_ID = 'specialized-sme-2022' as const;

type AmountInput = number | string;

export type MainProductField = 'keyLink' | 'sixBasics' | 'none';
export type RdInstitutionLevel = 'national' | 'provincial' | 'municipal' | 'belowMunicipal' | 'none';

/** Input of the 专精特新 evaluation. Amounts in 万元; counts in persons; years as full years (满N年). */
export interface SpecializedSmeInput {
  /** 从事特定细分市场年限 (full years, as at last year-end). */
  nicheYears: number;
  lastYear: {
    operatingRevenue: AmountInput;
    mainBusinessRevenue: AmountInput;
    netProfit: AmountInput;
    rdExpense: AmountInput;
    totalAssets: AmountInput;
    totalLiabilities: AmountInput;
    employees: number;
    rdEmployees: number;
  };
  yearBefore: { mainBusinessRevenue: AmountInput; rdExpense?: AmountInput };
  twoYearsBefore: { mainBusinessRevenue: AmountInput };
  /** 近2年新增股权融资总额（合格机构投资者实缴额）. Missing = 0. */
  equityFinancing2Years?: AmountInput;
  /** Indicator 4: 'keyLink' 补短板/锻长板/填空白取得实际成效; 'sixBasics' 工业"六基"/中华老字号/服务龙头企业; 'none'. */
  mainProductField: MainProductField;
  /** Indicator 5: 数字化水平等级 (1–4), 0 or null = not assessed. */
  digitalLevel?: number | null;
  /** Indicator 6 items. */
  quality?: {
    provincialQualityAward?: boolean;
    qualitySystemCertified?: boolean;
    ownBrand?: boolean;
    standardSetting?: boolean;
  };
  intellectualProperty: IpItem[];
  rdInstitutionLevel: RdInstitutionLevel;
  /** Indicator 9 (特色化, 15 points): reviewer-entered points 0..15; null = pending (待省级指标确定/审核). */
  featurePoints?: number | null;
  direct?: { provincialAwardTop3?: boolean; nationalAwardTop5?: boolean; makerChinaTop500?: boolean };
}

export type SpecializedIndicatorKey =
  | 'mainShare'
  | 'avgGrowth'
  | 'nicheYears'
  | 'mainProductField'
  | 'digitalLevel'
  | 'quality'
  | 'netProfitMargin'
  | 'debtRatio'
  | 'feature'
  | 'ip'
  | 'rdInvestment'
  | 'rdStaffRatio'
  | 'rdInstitution';

export type SpecializedCategoryKey = 'specialization' | 'refinement' | 'distinctiveness' | 'innovation';

/** Province-defined 特色化 indicators (indicator 9). Jiangsu: 苏工信中小〔2022〕496号, text not available [UNVERIFIED]. */
export const SPECIALIZED_FEATURE_INDICATORS: Readonly<
  Record<
    string,
    { defined: boolean; indicators: { name: string; max: number }[]; source: string; toBeConfirmed: true }
  >
> = {
  '320000': {
    defined: false,
    indicators: [],
    source: '苏工信中小〔2022〕496号（原文未获取，指标待确认）',
    toBeConfirmed: true,
  },
};

/** The standard as data (./tables/specialized-sme-2022.ts). */
export const SPECIALIZED_SME_2022 = SPECIALIZED_SME_2022_TABLE;

export type ConditionStatus = 'met' | 'unmet' | 'pending';

export interface ConditionResult {
  id: string;
  text: string;
  status: ConditionStatus;
  detail: string;
}

export interface SpecializedIndicatorExplanation {
  key: SpecializedIndicatorKey;
  no: number;
  name: string;
  category: SpecializedCategoryKey;
  maxPoints: number;
  inputs: { label: string; value: string }[];
  ratio: RatioView | null;
  display: string | null;
  band: string | null;
  points: number | null;
  rule: string;
  note: string;
  toBeConfirmed: boolean;
}

export type SpecializedDirectKey = 'sciTechAward' | 'rdAverage' | 'equityFinancing' | 'makerChina';

export interface SpecializedSmeResult {
  standardId: typeof SPECIALIZED_SME_2022_ID;
  status: ScoringStatus;
  reviewReasons: string[];
  errors: FieldError[];
  /** Total score; null while any indicator (e.g. 特色化) is pending. */
  total: number | null;
  /** Lowest and highest possible totals given pending indicators. */
  totalRange: { min: number; max: number };
  categories: Record<SpecializedCategoryKey, number | null>;
  indicators: Record<SpecializedIndicatorKey, number | null>;
  /** Score ≥ 60: true / false, or null when pending indicators could still change the outcome. */
  qualifiedByScore: boolean | null;
  directConditions: SpecializedDirectKey[];
  /** The four base conditions (1 细分市场年限, 2 研发投入, 3 营业收入或股权融资, 4 评分或直通). */
  conditions: ConditionResult[];
  /** All four conditions met: true; any unmet: false; otherwise null (pending). */
  qualified: boolean | null;
  explanation: {
    indicators: SpecializedIndicatorExplanation[];
    boundary: string;
    growthFormula: string;
    summary: string;
  };
}

export interface SpecializedSmeOptions {
  boundary?: BoundaryConvention;
  growthFormula?: GrowthFormula;
  /** Corrected thresholds (an administrator's version of the standard); default the built-in ones. */
  params?: { version: number; values: Record<string, string> };
}

/** The table with the options of one evaluation (boundary convention, growth formula). */
function tableWith(options: SpecializedSmeOptions): StandardTable {
  const t = SPECIALIZED_SME_2022_TABLE;
  const formula = options.growthFormula ?? 'arithmeticMean';
  if (!options.boundary && formula === 'arithmeticMean') return t;
  return {
    ...t,
    boundary: options.boundary ?? t.boundary,
    indicators: t.indicators.map((ind) => ({
      ...ind,
      bases: ind.bases.map((b) =>
        b.metric?.type === 'meanGrowth'
          ? { ...b, metric: { ...b.metric, formula: formula === 'cagr' ? 'cagr' : 'mean' } }
          : b,
      ),
    })),
  };
}

/**
 * Evaluate an enterprise against 63号文 附件2 (rules.md §2.1–2.2) with the rules engine. Score: the lowest and
 * highest totals the undecided indicators (特色化 points not entered yet) allow decide qualifiedByScore when both
 * are on the same side of 60.
 */
export function evaluateSpecializedSme(
  raw: unknown,
  options: SpecializedSmeOptions = {},
): SpecializedSmeResult {
  const table = tableWith(options);
  const r = evaluateTable(table, raw, {
    review: false,
    ...(options.params ? { params: options.params } : {}),
  });
  return specializedView(r, table, options.growthFormula ?? 'arithmeticMean');
}

/** Evaluate with a version of the thresholds; the result records the version and the thresholds it used. */
export function evaluateSpecializedVersioned(
  raw: unknown,
  params?: { version: number; values: Record<string, string> },
): SpecializedSmeResult & { version: number; thresholds: ThresholdUsed[] } {
  const r = evaluateTable(SPECIALIZED_SME_2022_TABLE, raw, { review: false, ...(params ? { params } : {}) });
  return {
    ...specializedView(r, SPECIALIZED_SME_2022_TABLE, 'arithmeticMean'),
    version: r.version,
    thresholds: r.thresholds,
  };
}

function specializedView(
  r: EngineResult,
  table: StandardTable,
  formula: GrowthFormula,
): SpecializedSmeResult {
  const invalid = r.status === 'invalidInput';
  const resolved = resolveParams(table, Object.fromEntries(r.thresholds.map((t) => [t.key, t.value])));
  const rules = indicatorRules(table, resolved);
  const boundary = BOUNDARY_TEXT_ZH[table.boundary];
  const indicators = r.indicatorDetails.map((d): SpecializedIndicatorExplanation => {
    const def = table.indicators.find((i) => i.key === d.key)!;
    const several = d.measured.length > 1;
    let note: string;
    if (d.points === null) note = d.reason ?? '数据未填写完整，无法计算';
    else if (several) {
      note = `${d.measured
        .map((m) =>
          m.points === null
            ? `${m.label}无法计算`
            : `${m.label}${m.figure ? ` ${m.figure}` : ''} 属于 ${m.band} 档（${m.points} 分）`,
        )
        .join('，')}，取较高档得 ${d.points} 分`;
    } else if (def.bases[0]!.pointsFromValue) note = `审核人员评定得 ${d.points} 分`;
    else {
      note = `${d.ratio ? `计算结果为 ${d.ratio.display}，` : ''}${d.band ? `属于 ${d.band} 档（${d.bandText}），` : ''}得 ${d.points} 分`;
    }
    return {
      key: d.key as SpecializedIndicatorKey,
      no: def.no!,
      name: d.name,
      category: d.category as SpecializedCategoryKey,
      maxPoints: d.max,
      inputs: d.inputs,
      ratio: d.ratio,
      display: d.ratio?.display ?? null,
      band: d.band,
      points: d.points,
      rule: def.bases[0]!.pointsFromValue
        ? `${d.name}：${rules[d.key]}`
        : `${d.name}：${rules[d.key]}（${boundary}）`,
      note,
      toBeConfirmed: d.toBeConfirmed,
    };
  });
  const status: ScoringStatus = invalid
    ? 'invalidInput'
    : r.reasons.length > 0
      ? 'needsManualReview'
      : 'scored';
  const byScore = r.items.find((i) => i.key === 'byScore');
  const qualifiedByScore =
    invalid || !byScore || byScore.status === 'pending' ? null : byScore.status === 'met';
  const conditions: ConditionResult[] = r.conditions.map((c) => ({
    id: c.key,
    text: c.title,
    status: c.status === 'notAssessed' ? 'met' : c.status,
    detail: c.leaves.map((l) => `${l.label} ${l.figure}，要求 ${l.requirement}`).join('；'),
  }));
  const qualified = invalid ? null : r.qualified;
  const summary = invalid
    ? `填报数据有 ${r.errors.length} 处需要修改：${r.errors.map((e) => e.message).join('；')}`
    : `${conditions.map((c) => `${c.text}：${c.status === 'met' ? '满足' : c.status === 'unmet' ? '不满足' : '待确定'}（${c.detail}）`).join('。')}。${
        r.directConditions.length > 0
          ? `满足直通条件：${table.direct
              .filter((d) => r.directConditions.includes(d.key))
              .map((d) => renderText(d.text, resolved))
              .join('；')}。`
          : ''
      }结论：${
        qualified === true
          ? '符合专精特新中小企业认定条件'
          : qualified === false
            ? '不符合专精特新中小企业认定条件'
            : '待审核确定'
      }。`;
  return {
    standardId: SPECIALIZED_SME_2022_ID,
    status,
    reviewReasons: invalid ? [] : r.reasons,
    errors: r.errors,
    total: r.total,
    totalRange: r.totalRange,
    categories: r.categories as Record<SpecializedCategoryKey, number | null>,
    indicators: Object.fromEntries(indicators.map((e) => [e.key, e.points])) as Record<
      SpecializedIndicatorKey,
      number | null
    >,
    qualifiedByScore,
    directConditions: r.directConditions as SpecializedDirectKey[],
    conditions,
    qualified,
    explanation: { indicators, boundary, growthFormula: GROWTH_FORMULA_TEXT_ZH[formula], summary },
  };
}
