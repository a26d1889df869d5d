/**
 * 专精特新"小巨人"企业认定 (工信部企业〔2022〕63号 附件3), rules.md §2.3: the result shape of the check (stored
 * evaluations and the review pages read it). The standard itself is data (./tables/little-giant-2022.ts)
 * evaluated by the rules engine (./engine): numeric conditions exactly, "≥/≤" inclusive as the texts say
 * 不低于/以上; judgement items (链, 品, governance, certification, …) are reviewer-confirmed inputs: true / false /
 * null = pending. Pure: no I/O.
 */
import { evaluateTable } from './engine/evaluate';
import type { EngineResult, StandardTable, ThresholdUsed } from './engine/types';
import type { GrowthFormula } from './growth';
import type { FieldError } from './input';
import type { ConditionStatus } from './specialized-sme-2022';
import { LITTLE_GIANT_2022_TABLE } from './tables/little-giant-2022';

export const LITTLE_GIANT_2022_ID = 'little-giant-2022' as const;

type AmountInput = number | string;

export type LittleGiantAspect = 'precondition' | '专' | '精' | '特' | '新' | '链' | '品';

/** Input of the 小巨人 check. Amounts in 万元. Reviewer items: true / false / null (pending). */
export interface LittleGiantInput {
  nicheYears: number;
  lastYear: {
    operatingRevenue: AmountInput;
    mainBusinessRevenue: AmountInput;
    rdExpense: AmountInput;
    totalAssets: AmountInput;
    totalLiabilities: AmountInput;
    employees: number;
    rdEmployees: number;
  };
  yearBefore: { operatingRevenue: AmountInput; mainBusinessRevenue: AmountInput; rdExpense: AmountInput };
  twoYearsBefore: { mainBusinessRevenue: AmountInput };
  equityFinancing2Years?: AmountInput;
  /** 主导产品全国细分市场占有率, percent with at most 2 decimals (12.5 = 12.5%). */
  nationalMarketShare: AmountInput;
  /** 与主导产品相关的Ⅰ类知识产权数量. */
  classOneIpCount: number;
  reviewer?: {
    isSpecializedSme?: boolean | null;
    strategyAndGovernance?: boolean | null;
    coreBusinessInfoSystem?: boolean | null;
    certification?: boolean | null;
    ownBrand?: boolean | null;
    rdInstitution?: boolean | null;
    ipAppliedWithBenefit?: boolean | null;
    chain?: boolean | null;
    product?: boolean | null;
  };
  direct?: { nationalAwardTop3?: boolean; makerChinaTop50?: boolean };
}

export interface LittleGiantCondition {
  id: string;
  aspect: LittleGiantAspect;
  text: string;
  status: ConditionStatus;
  /** 'auto': computed from data; 'reviewer': confirmed by a reviewer. */
  source: 'auto' | 'reviewer';
  detail: string;
  toBeConfirmed?: boolean;
}

export interface LittleGiantResult {
  standardId: typeof LITTLE_GIANT_2022_ID;
  status: 'evaluated' | 'invalidInput';
  errors: FieldError[];
  conditions: LittleGiantCondition[];
  aspects: Record<LittleGiantAspect, ConditionStatus>;
  /** true when every aspect is met; false when any is unmet; null while items are pending. */
  qualified: boolean | null;
  summary: string;
}

export interface LittleGiantOptions {
  growthFormula?: GrowthFormula;
  /** Corrected thresholds (an administrator's version of the standard); default the built-in ones. */
  params?: { version: number; values: Record<string, string> };
}

/** The standard as data (./tables/little-giant-2022.ts). */
export const LITTLE_GIANT_2022 = LITTLE_GIANT_2022_TABLE;

function tableWith(formula: GrowthFormula): StandardTable {
  if (formula === 'arithmeticMean') return LITTLE_GIANT_2022_TABLE;
  // The same table with the compound rate instead of the mean of the two yearly rates.
  return JSON.parse(
    JSON.stringify(LITTLE_GIANT_2022_TABLE).replace('"formula":"mean"', '"formula":"cagr"'),
  ) as StandardTable;
}

/** Evaluate the 小巨人 conditions (rules.md §2.3) with the rules engine. */
export function evaluateLittleGiant(raw: unknown, options: LittleGiantOptions = {}): LittleGiantResult {
  const table = tableWith(options.growthFormula ?? 'arithmeticMean');
  return littleGiantView(
    evaluateTable(table, raw, { review: false, ...(options.params ? { params: options.params } : {}) }),
  );
}

/** Evaluate with a version of the thresholds; the result records the version and the thresholds it used. */
export function evaluateLittleGiantVersioned(
  raw: unknown,
  params?: { version: number; values: Record<string, string> },
): LittleGiantResult & { version: number; thresholds: ThresholdUsed[] } {
  const r = evaluateTable(LITTLE_GIANT_2022_TABLE, raw, { review: false, ...(params ? { params } : {}) });
  return { ...littleGiantView(r), version: r.version, thresholds: r.thresholds };
}

const REVIEWER_DETAIL: Record<ConditionStatus, string> = {
  pending: '待审核人员确认',
  met: '审核人员已确认满足',
  unmet: '审核人员确认不满足',
};

function littleGiantView(r: EngineResult): LittleGiantResult {
  const invalid = r.status === 'invalidInput';
  const conditions: LittleGiantCondition[] = r.items.map((i) => {
    const status: ConditionStatus = i.status === 'notAssessed' ? 'met' : i.status;
    return {
      id: i.key,
      aspect: i.condition as LittleGiantAspect,
      text: i.title,
      status,
      source: i.source,
      detail:
        i.source === 'reviewer'
          ? REVIEWER_DETAIL[status]
          : i.key === 'innovationDirect'
            ? status === 'met'
              ? '满足创新直通条件，无需再满足一般性条件'
              : '未满足创新直通条件'
            : i.detail,
      ...(i.toBeConfirmed ? { toBeConfirmed: true } : {}),
    };
  });
  const aspects = Object.fromEntries(
    r.conditions.map((c) => [c.key, c.status === 'notAssessed' ? 'met' : c.status]),
  ) as Record<LittleGiantAspect, ConditionStatus>;
  const qualified = invalid ? null : r.qualified;
  const names: Record<ConditionStatus, string> = { met: '满足', unmet: '不满足', pending: '待确认' };
  const summary = invalid
    ? `填报数据有 ${r.errors.length} 处需要修改：${r.errors.map((e) => e.message).join('；')}`
    : `${(Object.keys(aspects) as LittleGiantAspect[]).map((a) => `${a === 'precondition' ? '前提条件' : `“${a}”`}：${names[aspects[a]]}`).join('；')}。结论：${
        qualified === true
          ? '符合专精特新“小巨人”认定条件'
          : qualified === false
            ? '不符合专精特新“小巨人”认定条件'
            : '有待确认事项，请审核人员确认后再作结论'
      }。`;
  return {
    standardId: LITTLE_GIANT_2022_ID,
    status: invalid ? 'invalidInput' : 'evaluated',
    errors: r.errors,
    conditions,
    aspects,
    qualified,
    summary,
  };
}
