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
  /**
   * 'bool' for yes/no facts; 'enum' for one of `values`; 'ipList' for a list of IP items (../ip.ts); the other
   * units for numbers (amounts in 万元, at most two decimals).
   */
  unit: ValueUnit | 'bool' | 'enum' | 'ipList';
  /** Missing is an input error (the field must be filled in before anything is evaluated). */
  required?: boolean;
  /** An amount that may be negative (净利润). */
  allowNegative?: boolean;
  /** 'enum': the allowed values; a missing value takes `default` (or is pending without one). */
  values?: string[];
  default?: string;
  /** 'count'/'score': the largest allowed value (e.g. a level 1–4, points 0–15), with the error text. */
  max?: number;
  invalidText?: string;
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
  | {
      type: 'ratio';
      num: string;
      den: string;
      label?: string;
      /** Chinese reason when the denominator is 0 (the figure cannot be computed; a person decides). */
      zeroText?: string;
      /** A ratio above this percent is impossible data: not computed, a person decides (`reason`). */
      impossibleAbove?: { percent: string; reason: string };
    }
  /** The sum of the fields, or with `mean` their average. */
  | { type: 'sum'; fields: string[]; label?: string; mean?: boolean }
  /**
   * Compound growth over `years` years from field `from` to field `to`: to ÷ from ≥ (1 + t)^years ⇔ growth ≥ t,
   * compared exactly (no roots are taken).
   */
  | { type: 'growth'; from: string; to: string; years: number; label?: string; zeroText?: string }
  /** `a − b` (amounts), e.g. to see whether 主营业务收入 exceeds 营业收入. */
  | { type: 'diff'; a: string; b: string; label?: string }
  /**
   * Average growth over the two years from `fields` = [oldest, middle, latest]: the mean of the two yearly growth
   * rates ('mean', exact rational) or the compound rate ('cagr', compared without roots).
   */
  | { type: 'meanGrowth'; fields: [string, string, string]; formula: 'mean' | 'cagr'; label?: string }
  /** Number of items of a list field ('ipList') whose properties equal `where`. */
  | { type: 'count'; field: string; where: Record<string, unknown>; label?: string }
  /** Number of yes/no fields that are yes. */
  | { type: 'countTrue'; fields: string[]; label?: string }
  /**
   * The total score of a scored standard. `range`: with indicators still undecided, compare the lowest and highest
   * totals they allow (decided when both fall on the same side); otherwise undecided indicators make it pending.
   */
  | { type: 'total'; range?: boolean }
  /** The points of one category of indicators; pending while any indicator of the standard is undecided. */
  | { type: 'category'; key: string }
  /** The points of one indicator of a scored standard. */
  | { type: 'points'; indicator: string };

/** Comparison operator. 'gte'/'lte' include the threshold (「以上」「不低于」「不超过」); 'gt'/'lt' exclude it (「超过」). */
export type Op = 'gte' | 'gt' | 'lte' | 'lt';

/**
 * A named node of a check tree: an item of a condition as the clause lists it (its outcome is reported on its own,
 * e.g. 「资产负债率不高于70%」 within 「精细化」). `title` may quote thresholds as `{paramKey}`.
 */
export interface CheckMeta {
  key?: string;
  title?: string;
  /** Computed from figures ('auto') or confirmed by a reviewer ('reviewer'). */
  source?: 'auto' | 'reviewer';
  level?: Verification;
}

/** A check: a tree of leaves (fact, comparison, direct condition) joined by all/any. */
export type Check = CheckBody & CheckMeta;

type CheckBody =
  | { type: 'flag'; field: string }
  /** An 'enum' field equals `value`. */
  | { type: 'equals'; field: string; value: string }
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
  /**
   * 'pending': the condition guards the data's plausibility — when not met, a person decides (pending with the
   * condition's title as the reason), never an automatic refusal.
   */
  onUnmet?: 'pending';
  note?: string;
}

/** One band (分档) of a scored indicator; the last band of a list has no threshold (catch-all). */
export interface BandDef {
  letter: string;
  points: number;
  text: string;
  /** Parameter key of the band's lower (atLeast) or upper (atMost) edge. */
  param?: string;
  /** A fixed edge (not a threshold of policy, e.g. 「1项以上」), in the unit of the basis. */
  literal?: { value: string; unit: ValueUnit };
  /** An option chosen by a fact instead of an edge (a basis without metric): the first band whose check is met. */
  when?: Check;
  /** The option is [S]: 待核实. */
  level?: Verification;
}

/** One way of measuring an indicator; an indicator with several bases takes the best (a tie: the first). */
export interface BasisDef {
  key: string;
  label: string;
  /** Absent for an option basis (bands with `when`). */
  metric?: Metric;
  direction: 'atLeast' | 'atMost';
  bands: BandDef[];
  /** The points are the metric's value itself (e.g. points a reviewer enters), 0 … the indicator's maximum. */
  pointsFromValue?: boolean;
  /** A basis that cannot be computed (a zero denominator) is left out instead of holding the indicator. */
  optional?: boolean;
  /** Chinese rule text, when the bands alone do not say it. */
  rule?: string;
}

/** A scored indicator (评价指标). */
export interface IndicatorDef {
  key: string;
  name: string;
  max: number;
  clause: string;
  level: Verification;
  bases: BasisDef[];
  /** Category (一级指标) of the indicator, for category sums and floors. */
  category?: string;
  /** Number of the indicator in the clause. */
  no?: number;
  /** Chinese reason recorded while the indicator is undecided (e.g. points a reviewer has not entered yet). */
  pendingReason?: string;
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
  /** Categories (一级指标) of the indicators, in order. */
  categories?: { key: string; name: string; max: number }[];
  /** Chinese warnings on suspicious but usable data: shown when the check is not met. */
  warnings?: { check: Check; text: string }[];
  /** What the input is called when it is not an object at all: 「请填写{inputLabel}所需的数据」. */
  inputLabel?: string;
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
  category: string | null;
  /** The text of the band reached. */
  bandText: string | null;
  /** Each basis measured. */
  measured: BasisOutcome[];
  /** Why it could not be decided (a zero denominator, impossible data, points not entered), or null. */
  reason: string | null;
  /** The figures used (Chinese label and value), in the order the bases use them. */
  inputs: { label: string; value: string }[];
  /** The exact ratio of the basis used (or of the first basis with one), as num/den strings and display. */
  ratio: { num: string; den: string; display: string } | null;
  /** The indicator or its band is [S]: 待核实. */
  toBeConfirmed: boolean;
}

/** The outcome of a named node of a check tree (`CheckMeta`). */
export interface ItemOutcome {
  key: string;
  /** The condition the item belongs to. */
  condition: string;
  title: string;
  status: ConditionStatus;
  source: 'auto' | 'reviewer';
  leaves: LeafOutcome[];
  /** Chinese: the figures and requirements checked. */
  detail: string;
  toBeConfirmed: boolean;
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
  /** Lowest and highest totals the undecided indicators allow. */
  totalRange: { min: number; max: number };
  /** Points per category (null while one of its indicators is undecided). */
  categories: Record<string, number | null>;
  /** Named items of the conditions (`CheckMeta`), in order. */
  items: ItemOutcome[];
  /** Why a person must decide (zero denominators, impossible figures, points not entered), without repeats. */
  reasons: string[];
  /** Suspicious but usable data (Chinese). */
  warnings: string[];
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

/** Leaf outcome detail of an indicator basis (for explanations). */
export interface BasisOutcome {
  key: string;
  label: string;
  figure: string | null;
  band: string | null;
  points: number | null;
}
