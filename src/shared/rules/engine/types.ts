/**
 * Rules as data: the declarative shape of an evaluation standard (see ./index.ts for the public API and
 * docs/adr/0015-rules-as-data.md for the decision). Pure types, no logic.
 */
import type { FieldError } from '../input';

/**
 * Verification level of a clause or a value (rules-2026.md §0): 'V' = an official page read or ≥ 2 independent
 * sources agree; 'S' = one secondary source, or inference. Every 'S' value is shown as 「待核实」.
 */
export type Verification = 'V' | 'S';

/** Unit of an input field or a threshold. 'percent' values are written in percent ("3" = 3%). */
export type ValueUnit = 'amount' | 'percent' | 'count' | 'years' | 'score';

/** One input field of a standard, read from the input object at `path` ("lastYear.rdExpense", "qualityScores.0"). */
export interface FieldDef {
  path: string;
  /** Chinese label shown in explanations and errors. */
  label: string;
  /** 'bool' for yes/no facts; the other units for numbers (amounts in 万元, at most two decimals). */
  unit: ValueUnit | 'bool';
  /**
   * When the field is absent or null: 'pending' (default; the condition cannot be assessed yet — 待确定),
   * 'false' (a yes/no fact not claimed) or 'zero' (an amount not declared).
   */
  whenMissing?: 'pending' | 'false' | 'zero';
}

/** A threshold of a standard: data an administrator may correct (a new version of the standard). */
export interface ParamDef {
  key: string;
  /** Chinese name, e.g. 「上年度营业收入下限」. */
  label: string;
  unit: ValueUnit;
  /** Decimal string in `unit` ("1500" = 1500万元; "3" = 3%). */
  value: string;
  /** The clause the value comes from, e.g. 「附件1（二）」. */
  clause: string;
  level: Verification;
  /** Why the level is what it is, or what is still to be confirmed. */
  note?: string;
}

/** A value computed from the input and compared with a threshold. */
export type Metric =
  | { type: 'field'; field: string }
  | { type: 'ratio'; num: string; den: string; label?: string }
  | { type: 'sum'; fields: string[]; label?: string }
  /**
   * Compound growth over `years` years from field `from` to field `to`: to ÷ from ≥ (1 + t)^years ⇔ growth ≥ t,
   * compared exactly (no roots are taken).
   */
  | { type: 'growth'; from: string; to: string; years: number; label?: string }
  /** The total score of a scored standard. */
  | { type: 'total' }
  /** The points of one indicator of a scored standard. */
  | { type: 'points'; indicator: string };

/** Comparison operator. 'gte'/'lte' include the threshold (「以上」「不低于」「不超过」); 'gt'/'lt' exclude it (「超过」). */
export type Op = 'gte' | 'gt' | 'lte' | 'lt';

/** A check: a tree of leaves (fact, comparison, direct condition) joined by all/any. */
export type Check =
  | { type: 'flag'; field: string }
  | {
      type: 'compare';
      metric: Metric;
      op: Op;
      /** The threshold: a parameter key of the standard, or a fixed literal in the same unit. */
      param?: string;
      literal?: { value: string; unit: ValueUnit };
    }
  | { type: 'all'; of: Check[] }
  | { type: 'any'; of: Check[] }
  /** Met when any direct condition (直通/直接确认) of the standard is met. */
  | { type: 'direct' };

/** One condition of a standard, as listed in the clause. */
export interface ConditionDef {
  /** Stable key, e.g. 'revenue' (the golden cases list unmet keys in table order). */
  key: string;
  /** Chinese statement of the condition. */
  title: string;
  clause: string;
  level: Verification;
  check: Check;
  /**
   * What counts as met at 复核 (re-review): another check, 'notAssessed' (the condition is skipped), or absent
   * (same check as a first application).
   */
  atReview?: Check | 'notAssessed';
  /** Level of the 复核 rule, when it differs from `level`. */
  atReviewLevel?: Verification;
  /** Chinese statement of the 复核 rule (for the standards page). */
  atReviewText?: string;
  note?: string;
}

/** One band (分档) of a scored indicator; the last band of a list has no threshold (catch-all). */
export interface BandDef {
  letter: string;
  points: number;
  text: string;
  /** Parameter key of the band's lower (atLeast) or upper (atMost) edge. */
  param?: string;
}

/** One way of measuring an indicator; an indicator with several bases takes the best (a tie: the first). */
export interface BasisDef {
  key: string;
  label: string;
  metric: Metric;
  direction: 'atLeast' | 'atMost';
  bands: BandDef[];
}

/** A scored indicator (评价指标). */
export interface IndicatorDef {
  key: string;
  name: string;
  max: number;
  clause: string;
  level: Verification;
  bases: BasisDef[];
}

/** A direct condition (直通 / 直接确认): met alone qualifies the scoring condition. */
export interface DirectDef {
  key: string;
  text: string;
  clause: string;
  level: Verification;
  check: Check;
}

/** Tier of the ladder a standard belongs to. */
export type Tier = 'tech-sme' | 'innovative-sme' | 'specialized-sme' | 'little-giant';

/** A standard as data. */
export interface StandardTable {
  id: string;
  tier: Tier;
  title: string;
  documentNumber: string;
  /** Built-in version of the table (administrator corrections are later versions, stored as data). */
  version: number;
  /** Where a value exactly on a band edge goes (bands only; conditions say it with their operator). */
  boundary: 'higher' | 'lower';
  /** Chinese statement of the boundary convention, with its basis. */
  boundaryText: string;
  fields: FieldDef[];
  params: ParamDef[];
  indicators: IndicatorDef[];
  direct: DirectDef[];
  conditions: ConditionDef[];
  /** Notes shown with the standard (sources, items still to be confirmed). */
  notes: string[];
}

/**
 * What the standards page lists and an administrator corrects: the thresholds and the conditions (with clause
 * and level) of one standard. For a table standard it is derived from the table (`sheetOf`).
 */
export interface StandardSheet {
  id: string;
  tier: Tier;
  title: string;
  documentNumber: string;
  /** Built-in version. */
  version: number;
  boundaryText: string;
  params: ParamDef[];
  conditions: {
    key: string;
    title: string;
    clause: string;
    level: Verification;
    /** What counts as met at 复核, when it differs (Chinese), with its level. */
    atReview?: string;
    atReviewLevel?: Verification;
    note?: string;
  }[];
  notes: string[];
}

export type ConditionStatus = 'met' | 'unmet' | 'pending' | 'notAssessed';

/** A threshold as used by one evaluation. */
export interface ThresholdUsed {
  key: string;
  label: string;
  unit: ValueUnit;
  value: string;
  /** e.g. 「1500 万元」「3%」. */
  display: string;
  clause: string;
  level: Verification;
  /** true when the value differs from the built-in one (an administrator's correction). */
  corrected: boolean;
}

/** The outcome of one leaf comparison, for explanations and the ladder view. */
export interface LeafOutcome {
  /** e.g. 「上年度营业收入」. */
  label: string;
  /** The figure, e.g. 「1400.00 万元」, or 「未填写」. */
  figure: string;
  /** e.g. 「≥ 1500 万元」. */
  requirement: string;
  status: ConditionStatus;
  param: string | null;
  toBeConfirmed: boolean;
}

export interface ConditionOutcome {
  key: string;
  title: string;
  clause: string;
  level: Verification;
  status: ConditionStatus;
  /** The comparisons and facts checked, in order. */
  leaves: LeafOutcome[];
  /** One Chinese sentence: the figures, the thresholds, the clause and the outcome. */
  explanation: string;
  /** The condition or a value it uses is [S]: 待核实. */
  toBeConfirmed: boolean;
}

export interface IndicatorOutcome {
  key: string;
  name: string;
  max: number;
  clause: string;
  level: Verification;
  /** The basis used (best of the bases), or null when none could be computed. */
  basis: string | null;
  band: string | null;
  points: number | null;
  figure: string | null;
  explanation: string;
}

/** The result of evaluating an input against a standard (the engine's one shape). */
export interface EngineResult {
  standardId: string;
  /** The version of the standard (thresholds) used; stored with the result, never recomputed. */
  version: number;
  title: string;
  documentNumber: string;
  status: 'evaluated' | 'invalidInput';
  errors: FieldError[];
  review: boolean;
  conditions: ConditionOutcome[];
  /** Keys of the conditions not met, in table order. */
  unmet: string[];
  /** Keys of the conditions that cannot be decided yet (data missing, reviewer confirmation pending). */
  pending: string[];
  indicators: Record<string, number | null>;
  indicatorDetails: IndicatorOutcome[];
  /** Basis chosen per indicator (e.g. rd → 'sales'). */
  bases: Record<string, string | null>;
  total: number | null;
  directConditions: string[];
  /** true: every condition met; false: one is not met; null: pending. */
  qualified: boolean | null;
  thresholds: ThresholdUsed[];
  boundary: string;
  summary: string;
}

/** Options of one evaluation. */
export interface EvaluateOptions {
  /** 复核 (re-review) instead of a first application; defaults to the input's `review` flag. */
  review?: boolean;
  /** Corrected thresholds (key → decimal string) and the version they make; absent = the built-in table. */
  params?: { version: number; values: Record<string, string> };
}
