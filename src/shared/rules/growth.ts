/**
 * 近2年主营业务收入平均增长率 (average growth of main-business revenue over the last 2 years), rules.md §2.2 open
 * points [UNVERIFIED]: arithmetic mean of the two yearly growth rates (default) or CAGR, configurable.
 * Exact: the mean is a rational; the CAGR is compared with thresholds by squaring (no floating point). Pure.
 */
import {
  addRatios,
  compareRatios,
  centsToAmount,
  makeRatio,
  subRatios,
  ratioView,
  type Cents,
  type RatioView,
} from '../money';
import type { ThresholdComparator } from './bands';

export type GrowthFormula = 'arithmeticMean' | 'cagr';

export const GROWTH_FORMULA_TEXT_ZH: Record<GrowthFormula, string> = {
  arithmeticMean:
    '近2年平均增长率 =（上年度增长率 + 上上年度增长率）÷ 2，其中某年增长率 =（当年 − 前一年）÷ 前一年',
  cagr: '近2年平均增长率（复合增长率）= √(上年度 ÷ 上上上年度) − 1',
};

export type AverageGrowth =
  | {
      ok: true;
      /** Compare the growth rate with a threshold ratio: negative, zero, positive. */
      compare: ThresholdComparator;
      /** Exact rational value (arithmetic mean), or null for a CAGR (irrational in general). */
      ratio: RatioView | null;
      /** Display percent, 2 decimals, rounded half up exactly. */
      display: string;
    }
  | { ok: false; reason: string };

function isqrt(n: bigint): bigint {
  if (n < 0n) throw new Error('negative');
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x -= 1n;
  while ((x + 1n) * (x + 1n) <= n) x += 1n;
  return x;
}

/**
 * Average growth from three years of main-business revenue (y1 = 上年度, y2 = 上上年度, y3 = the year before that).
 * A zero denominator makes the rate uncomputable (manual review).
 */
export function averageGrowth(y1: Cents, y2: Cents, y3: Cents, formula: GrowthFormula): AverageGrowth {
  const one = makeRatio(1n, 1n);
  if (formula === 'arithmeticMean') {
    if (y2 === 0n || y3 === 0n) {
      return {
        ok: false,
        reason: `${y2 === 0n ? '上上年度' : '上上上年度'}主营业务收入为 0，无法计算近2年主营业务收入平均增长率，请审核人员人工认定`,
      };
    }
    const g1 = subRatios(makeRatio(y1, y2), one);
    const g2 = subRatios(makeRatio(y2, y3), one);
    const mean = addRatios(g1, g2);
    const avg = makeRatio(mean.num, mean.den * 2n);
    const view = ratioView(avg);
    return { ok: true, compare: (t) => compareRatios(avg, t), ratio: view, display: view.display };
  }
  if (y3 === 0n) {
    return { ok: false, reason: '上上上年度主营业务收入为 0，无法计算近2年复合增长率，请审核人员人工认定' };
  }
  if (y1 < 0n || y3 < 0n) return { ok: false, reason: '主营业务收入为负数，无法计算复合增长率，请核对数据' };
  // CAGR ≥ t  ⇔  √(y1/y3) ≥ 1 + t  ⇔  y1/y3 ≥ (1 + t)² (when 1 + t ≥ 0; otherwise always true).
  const compare: ThresholdComparator = (t) => {
    const base = addRatios(one, t);
    if (base.num < 0n) return 1;
    const sq = makeRatio(base.num * base.num, base.den * base.den);
    return compareRatios(makeRatio(y1, y3), sq);
  };
  // Display: round(√(y1/y3) · 10000) − 10000 hundredths of a percent, rounded half up exactly.
  const scaled4 = (y1 * 4n * 10n ** 8n) / y3;
  const rounded = (isqrt(scaled4) + 1n) / 2n - 10000n;
  return { ok: true, compare, ratio: null, display: `${centsToAmount(rounded)}%` };
}
