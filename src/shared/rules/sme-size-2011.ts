/**
 * 中小企业划型 (工信部联企业〔2011〕300号; 统计上大中小微型企业划分办法(2017) table), rules.md §4.
 * Pure: no I/O. Thresholds live in ./sme-size-2011.data.ts.
 */
import { parseAmount, parseCount } from '../money';
import { lookupIndustry, type IndustryCode } from './industry-catalogue';
import {
  SME_SIZE_2011_NEEDS_DETAIL,
  SME_SIZE_2011_ROWS,
  SME_SIZE_2011_UNSUPPORTED,
  type SizeIndicator,
  type SizeRow,
} from './sme-size-2011.data';

export type SmeSize = 'large' | 'medium' | 'small' | 'micro';

/** Size level: 1 = large … 4 = micro. */
export type SizeLevel = 1 | 2 | 3 | 4;

const SIZES: Record<SizeLevel, SmeSize> = { 1: 'large', 2: 'medium', 3: 'small', 4: 'micro' };
export const SIZE_NAMES_ZH: Record<SmeSize, string> = {
  large: '大型',
  medium: '中型',
  small: '小型',
  micro: '微型',
};
export const INDICATOR_NAMES_ZH: Record<SizeIndicator, string> = {
  employees: '从业人员',
  revenue: '营业收入',
  assets: '资产总额',
};
const UNITS_ZH: Record<SizeIndicator, string> = { employees: '人', revenue: '万元', assets: '万元' };

export interface SmeSizeInput {
  /** GB/T 4754-2017 code: 门类 letter + 2 to 4 digits, e.g. "C3911". */
  industry: string;
  /** 从业人员 (year-end 社保缴费人数), persons. */
  employees?: number | string;
  /** 营业收入, 万元. */
  revenue?: number | string;
  /** 资产总额, 万元. */
  assets?: number | string;
}

export interface SizeIndicatorResult {
  indicator: SizeIndicator;
  /** Canonical value: integer string for employees, "1234.56" for money. */
  value: string;
  level: SizeLevel;
  size: SmeSize;
}

export interface SmeSizeError {
  field: keyof SmeSizeInput;
  message: string;
}

export type SmeSizeResult =
  | {
      ok: true;
      standardId: 'sme-size-2011';
      size: SmeSize;
      isSme: boolean;
      /** The indicator(s) whose level decided the class (the ones at the maximum level). */
      decidedBy: SizeIndicator[];
      perIndicator: SizeIndicatorResult[];
      industryRow: { id: string; name: string };
      industry: IndustryCode;
      byAnalogy: boolean;
      /** Chinese explanation for the person filing or reviewing. */
      explanation: string;
    }
  | { ok: false; standardId: 'sme-size-2011'; errors: SmeSizeError[] };

/**
 * Find the size row of an industry code: the longest matching scope prefix wins (e.g. K7010 → K701, F5123 → F51).
 */
export function findSizeRow(code: string): SizeRow | null {
  let best: SizeRow | null = null;
  let bestLen = -1;
  for (const row of SME_SIZE_2011_ROWS) {
    for (const scope of row.scopes) {
      if (code.startsWith(scope) && scope.length > bestLen) {
        best = row;
        bestLen = scope.length;
      }
    }
  }
  return best;
}

function cents(v: string): bigint {
  const r = parseAmount(v);
  if (!r.ok) throw new Error(`bad threshold ${v}`);
  return r.cents;
}

/**
 * Per-indicator level: 1 if value ≥ the 大型 lower bound, 2 if ≥ 中型, 3 if ≥ 小型, else 4 (微型).
 * Bounds are inclusive lower bounds, as in the 2017 statistical table (大型 X≥1000, 中型 300≤X<1000, …).
 */
export function indicatorLevel(
  value: bigint,
  th: { large: string; medium: string; small: string },
): SizeLevel {
  if (value >= cents(th.large)) return 1;
  if (value >= cents(th.medium)) return 2;
  if (value >= cents(th.small)) return 3;
  return 4;
}

/**
 * Classify an enterprise's size (300号, rules.md §4): "大型、中型和小型企业须同时满足所列指标的下限，否则下划一档；
 * 微型企业只须满足所列指标中的一项即可". Implemented as a level per indicator (1 = large … 4 = micro) and
 * class = the maximum level (the smallest class) over the row's indicators. Only indicators of the row are used.
 */
export function classifySmeSize(input: SmeSizeInput): SmeSizeResult {
  const errors: SmeSizeError[] = [];
  const ind = lookupIndustry(input?.industry ?? '');
  if (!ind.ok)
    return { ok: false, standardId: 'sme-size-2011', errors: [{ field: 'industry', message: ind.message }] };
  const code = ind.value.code;
  const unsupported = SME_SIZE_2011_UNSUPPORTED.find((u) => code.startsWith(u.scope));
  if (unsupported)
    return {
      ok: false,
      standardId: 'sme-size-2011',
      errors: [{ field: 'industry', message: unsupported.message }],
    };
  const needsDetail = SME_SIZE_2011_NEEDS_DETAIL.find((u) => code === u.scope);
  if (needsDetail)
    return {
      ok: false,
      standardId: 'sme-size-2011',
      errors: [{ field: 'industry', message: needsDetail.message }],
    };
  const row = findSizeRow(code);
  if (!row) {
    return {
      ok: false,
      standardId: 'sme-size-2011',
      errors: [{ field: 'industry', message: `行业代码 ${code} 没有对应的划型标准，请核对行业代码` }],
    };
  }

  const per: SizeIndicatorResult[] = [];
  for (const key of ['employees', 'revenue', 'assets'] as const) {
    const th = row.indicators[key];
    if (!th) continue;
    const raw = input[key];
    if (raw === undefined || raw === null || raw === '') {
      errors.push({
        field: key,
        message: `${row.name}按${INDICATOR_NAMES_ZH[key]}划型，请填写${INDICATOR_NAMES_ZH[key]}（${UNITS_ZH[key]}）`,
      });
      continue;
    }
    let value: bigint;
    let canonical: string;
    if (key === 'employees') {
      const r = parseCount(raw);
      if (!r.ok) {
        errors.push({ field: key, message: `从业人员：${r.message}` });
        continue;
      }
      value = BigInt(r.value) * 100n;
      canonical = String(r.value);
    } else {
      const r = parseAmount(raw, { allowNegative: false });
      if (!r.ok) {
        errors.push({ field: key, message: `${INDICATOR_NAMES_ZH[key]}：${r.message}` });
        continue;
      }
      value = r.cents;
      canonical = r.value;
    }
    const level = indicatorLevel(value, th);
    per.push({ indicator: key, value: canonical, level, size: SIZES[level] });
  }
  if (errors.length > 0) return { ok: false, standardId: 'sme-size-2011', errors };

  const maxLevel = Math.max(...per.map((p) => p.level)) as SizeLevel;
  const size = SIZES[maxLevel];
  const decidedBy = per.filter((p) => p.level === maxLevel).map((p) => p.indicator);
  const parts = per.map(
    (p) =>
      `${INDICATOR_NAMES_ZH[p.indicator]} ${p.value}${UNITS_ZH[p.indicator]}达到${SIZE_NAMES_ZH[p.size]}标准`,
  );
  let explanation =
    `按${row.name}标准（工信部联企业〔2011〕300号）：${parts.join('；')}。` +
    `大型、中型和小型须同时满足所列指标的下限，否则下划一档，因此划为${SIZE_NAMES_ZH[size]}企业` +
    `（由${decidedBy.map((d) => INDICATOR_NAMES_ZH[d]).join('、')}决定）。`;
  explanation += size === 'large' ? '大型企业不属于中小企业，不能入库。' : '属于中小企业。';
  if (row.byAnalogy && row.note) explanation += row.note;

  return {
    ok: true,
    standardId: 'sme-size-2011',
    size,
    isSme: size !== 'large',
    decidedBy,
    perIndicator: per,
    industryRow: { id: row.id, name: row.name },
    industry: ind.value,
    byAnalogy: row.byAnalogy === true,
    explanation,
  };
}
