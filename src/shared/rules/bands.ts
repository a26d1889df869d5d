/**
 * Band machinery shared by the evaluation standards: thresholds as data, compared exactly (BigInt rationals).
 * Pure: no I/O.
 */
import { compareRatios, makeRatio, parseAmount, percent, type Ratio } from '../money';

/**
 * Where a value exactly on a band edge goes. 'higher': into the higher-scoring band ("以上/以下含本数"; rules.md §1.2
 * "Boundary values" [S/UNVERIFIED], cases/README.md conventions). 'lower': into the lower-scoring band.
 */
export type BoundaryConvention = 'higher' | 'lower';

export type ThresholdUnit = 'percent' | 'amount' | 'count';

/** One option (选项) of an indicator. The last band of a list has no threshold (catch-all). */
export interface Band {
  letter: string;
  points: number;
  /** Threshold as a decimal string in the indicator's unit ("5" = 5% for percent, "500" = 500万元 for amount). */
  threshold?: string;
  /** Chinese text of the option as in the standard. */
  text: string;
  /** The option is [S]/[UNVERIFIED] in rules.md and must be confirmed against the original document. */
  toBeConfirmed?: boolean;
}

/** Convert a threshold literal to an exact ratio in the same unit as the values it is compared with. */
export function thresholdRatio(threshold: string, unit: ThresholdUnit): Ratio {
  const key = `${unit}:${threshold}`;
  const cached = thresholdCache.get(key);
  if (cached) return cached;
  let ratio: Ratio;
  if (unit === 'percent') ratio = percent(threshold);
  else {
    const r = parseAmount(threshold);
    if (!r.ok) throw new Error(`Invalid threshold ${threshold}`);
    ratio = makeRatio(r.cents, 100n);
  }
  thresholdCache.set(key, ratio);
  return ratio;
}

/** Threshold literals are few and immutable: parse each once. */
const thresholdCache = new Map<string, Ratio>();

/** Compares the value being banded with a threshold: negative, zero or positive. */
export type ThresholdComparator = (threshold: Ratio) => number;

/**
 * "Higher is better" bands (e.g. "5%以上 20; 3%–5% 15; …; 1%以下 0"), ordered best first: the first band whose
 * threshold the value reaches. With 'higher', value = threshold reaches it; with 'lower', it must exceed it.
 * `value` is either an exact ratio or a comparator (for values such as a CAGR that are not rational).
 */
export function pickBandAtLeast(
  value: Ratio | ThresholdComparator,
  bands: readonly Band[],
  unit: ThresholdUnit,
  boundary: BoundaryConvention,
): Band {
  const compare: ThresholdComparator = typeof value === 'function' ? value : (t) => compareRatios(value, t);
  for (const b of bands) {
    if (b.threshold === undefined) return b;
    const c = compare(thresholdRatio(b.threshold, unit));
    if (c > 0 || (c === 0 && boundary === 'higher')) return b;
  }
  return bands[bands.length - 1]!;
}

/**
 * "Lower is better" bands (e.g. debt ratio "55%以下 10; 55%–75% 5; 75%以上 0"), ordered best first: the first band whose
 * threshold the value does not exceed. With 'higher', value = threshold stays in the better band.
 */
export function pickBandAtMost(
  value: Ratio,
  bands: readonly Band[],
  unit: ThresholdUnit,
  boundary: BoundaryConvention,
): Band {
  for (const b of bands) {
    if (b.threshold === undefined) return b;
    const c = compareRatios(value, thresholdRatio(b.threshold, unit));
    if (c < 0 || (c === 0 && boundary === 'higher')) return b;
  }
  return bands[bands.length - 1]!;
}

/** Chinese rule text of a band list: "A. 5%以上 20分；B. 3%–5% 15分；…". */
export function bandsText(bands: readonly Band[]): string {
  return bands
    .map((b) => `${b.letter}. ${b.text} ${b.points}分${b.toBeConfirmed ? '（待确认）' : ''}`)
    .join('；');
}

export const BOUNDARY_TEXT_ZH: Record<BoundaryConvention, string> = {
  higher: '恰好等于分档临界值的，计入得分较高的一档',
  lower: '恰好等于分档临界值的，计入得分较低的一档',
};
