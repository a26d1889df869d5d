/**
 * Exact money and ratio arithmetic for the rules engine.
 *
 * Amounts are 万元 (10,000 CNY) with at most two decimals (rules.md §7.3 "unit 万元"; the golden-case
 * conventions in domain/cases/README.md: "Money has at most two decimals (万元). Ratios are compared exactly").
 * At the edges an amount is a canonical decimal string such as "1234.56"; inside, it is a BigInt count of
 * hundredths ("cents" of 万元, i.e. 100 CNY). Binary floating point never decides anything here.
 *
 * Pure module: no I/O, no Node built-ins; used by the browser and the server.
 */

/** An amount in hundredths of 万元 (e.g. "1234.56" → 123456n). */
export type Cents = bigint;

/** Result of parsing a user- or file-supplied amount. */
export type AmountResult = { ok: true; value: string; cents: Cents } | { ok: false; message: string };

/** Result of parsing a headcount (从业人员, 研发人员). */
export type IntegerResult = { ok: true; value: number } | { ok: false; message: string };

/** An exact non-negative-denominator rational number: num / den with den > 0, reduced. */
export interface Ratio {
  num: bigint;
  den: bigint;
}

export const MSG_TOO_MANY_DECIMALS = '金额最多保留两位小数（单位：万元），例如 1234.56';
export const MSG_AMOUNT_EMPTY = '请填写金额（单位：万元），例如 1234.56';
export const MSG_AMOUNT_INVALID = '金额格式不正确，请只填写数字（单位：万元），例如 1234.56';
export const MSG_AMOUNT_NEGATIVE = '金额不能为负数，请填写 0 或正数（单位：万元）';
export const MSG_AMOUNT_EXPONENT = '金额请用普通数字书写，不要使用科学计数法（例如 1e5），例如 100000';
export const MSG_AMOUNT_GROUPING =
  '千位分隔符位置不正确，请每三位数字用一个逗号分隔，例如 1,234.56，或直接填写 1234.56';

/**
 * Map full-width characters (digits, dot, minus, plus, comma) to half-width and remove every kind of space.
 * Source: common practice for Chinese input methods; rules.md §5.1 asks the same normalisation for codes.
 */
export function toHalfWidth(input: string): string {
  let out = '';
  for (const ch of input) {
    const code = ch.codePointAt(0)!;
    if (code === 0x3000) {
      out += ' ';
    } else if (code >= 0xff01 && code <= 0xff5e) {
      out += String.fromCodePoint(code - 0xfee0);
    } else if (code === 0x2212) {
      out += '-';
    } else {
      out += ch;
    }
  }
  return out;
}

function stripSpaces(s: string): string {
  return s.replace(/[\s\u00a0\u3000]+/g, '');
}

/** Options for {@link parseAmount}. */
export interface ParseAmountOptions {
  /** Allow negative amounts (net profit may be negative). Default true. */
  allowNegative?: boolean;
}

/**
 * Parse a 万元 amount exactly.
 *
 * Accepts a decimal string or a JS number (golden-case inputs such as 53.46 are converted with String(n) and then
 * parsed digit by digit, so 53.46 is exactly 5346 hundredths). Trims, removes spaces, maps full-width digits, dot,
 * minus and comma (，) to half-width, accepts correctly placed thousands separators. At most two decimals
 * (extra trailing zeros such as "1.230" are accepted because the value is still exact); a third significant decimal
 * is rejected with {@link MSG_TOO_MANY_DECIMALS}. NaN, Infinity and exponent forms are rejected.
 *
 * Clause: cases/README.md "Money has at most two decimals (万元)"; rules.md §7.3 unit 万元.
 */
export function parseAmount(input: string | number, options: ParseAmountOptions = {}): AmountResult {
  const allowNegative = options.allowNegative ?? true;
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, message: MSG_AMOUNT_INVALID };
    text = String(input);
  } else if (typeof input === 'string') {
    text = input;
  } else {
    return { ok: false, message: MSG_AMOUNT_INVALID };
  }
  let s = stripSpaces(toHalfWidth(text));
  if (s === '') return { ok: false, message: MSG_AMOUNT_EMPTY };
  if (/[eE]/.test(s)) return { ok: false, message: MSG_AMOUNT_EXPONENT };
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s.startsWith('-');
    s = s.slice(1);
  }
  const m = /^([0-9,]+)(?:\.([0-9]+))?$/.exec(s);
  if (!m) return { ok: false, message: MSG_AMOUNT_INVALID };
  let intPart = m[1]!;
  const fracRaw = m[2] ?? '';
  if (intPart.includes(',')) {
    if (!/^[0-9]{1,3}(,[0-9]{3})+$/.test(intPart)) return { ok: false, message: MSG_AMOUNT_GROUPING };
    intPart = intPart.replace(/,/g, '');
  }
  if (fracRaw.length > 2 && /[1-9]/.test(fracRaw.slice(2))) {
    return { ok: false, message: MSG_TOO_MANY_DECIMALS };
  }
  const frac = (fracRaw.slice(0, 2) + '00').slice(0, 2);
  let cents = BigInt(intPart) * 100n + BigInt(frac);
  if (negative) cents = -cents;
  if (cents < 0n && !allowNegative) return { ok: false, message: MSG_AMOUNT_NEGATIVE };
  return { ok: true, value: centsToAmount(cents), cents };
}

/** Canonical string of an amount in hundredths: "1234.56", "-0.50", "0.00" (never "-0.00"). */
export function centsToAmount(cents: Cents): string {
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  const int = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${neg ? '-' : ''}${int.toString()}.${frac}`;
}

/** Parse a canonical (or any accepted) amount, throwing on invalid input: for amounts already validated. */
export function amountToCents(value: string | number): Cents {
  const r = parseAmount(value);
  if (!r.ok) throw new Error(`Invalid amount ${JSON.stringify(value)}: ${r.message}`);
  return r.cents;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Format an amount with thousands separators and two decimals: "1234567.8" → "1,234,567.80". */
export function formatAmount(value: string | number | Cents): string {
  const cents = typeof value === 'bigint' ? value : amountToCents(value);
  const canonical = centsToAmount(cents);
  const neg = canonical.startsWith('-');
  const [int, frac] = (neg ? canonical.slice(1) : canonical).split('.') as [string, string];
  return `${neg ? '-' : ''}${groupThousands(int)}.${frac}`;
}

/** a + b on amounts; returns the canonical string. */
export function addAmounts(a: string | number, b: string | number): string {
  return centsToAmount(amountToCents(a) + amountToCents(b));
}

/** a − b on amounts; returns the canonical string. */
export function subAmounts(a: string | number, b: string | number): string {
  return centsToAmount(amountToCents(a) - amountToCents(b));
}

/** Compare two amounts exactly: -1, 0 or 1. */
export function compareAmounts(a: string | number, b: string | number): -1 | 0 | 1 {
  const d = amountToCents(a) - amountToCents(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    [x, y] = [y, x % y];
  }
  return x;
}

/** Build a reduced ratio num/den (den must be non-zero; the sign moves to the numerator). */
export function makeRatio(num: bigint, den: bigint): Ratio {
  if (den === 0n) throw new Error('Ratio denominator must not be zero');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

/** Ratio of two amounts in hundredths, or null when the denominator is zero (cannot be computed). */
export function ratioOf(numerator: Cents, denominator: Cents): Ratio | null {
  return denominator === 0n ? null : makeRatio(numerator, denominator);
}

/**
 * A percentage written as a decimal string ("5", "2.5", "-1") as an exact ratio: "5" → 1/20.
 * Used to write band thresholds as data.
 */
export function percent(p: string): Ratio {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(p);
  if (!m) throw new Error(`Invalid percent literal ${p}`);
  const frac = m[3] ?? '';
  const scale = 10n ** BigInt(frac.length);
  const n = BigInt(m[2]! + frac) * (m[1] ? -1n : 1n);
  return makeRatio(n, scale * 100n);
}

/** Exact comparison of two ratios by cross-multiplication: -1, 0 or 1. */
export function compareRatios(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** a − b on ratios. */
export function subRatios(a: Ratio, b: Ratio): Ratio {
  return makeRatio(a.num * b.den - b.num * a.den, a.den * b.den);
}

/** a + b on ratios. */
export function addRatios(a: Ratio, b: Ratio): Ratio {
  return makeRatio(a.num * b.den + b.num * a.den, a.den * b.den);
}

/** Divide n by d (d > 0) rounding half away from zero ("四舍五入"), exactly. */
export function divRoundHalfUp(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new Error('divisor must be positive');
  const neg = n < 0n;
  const a = neg ? -n : n;
  const q = (a * 2n + d) / (2n * d);
  return neg ? -q : q;
}

/**
 * Display a ratio as a percentage with two decimals, rounded half up (away from zero) exactly:
 * 1/3 → "33.33%", 1/20 → "5.00%", 2/3 → "66.67%".
 */
export function formatPercent(r: Ratio): string {
  const hundredthsOfPercent = divRoundHalfUp(r.num * 10000n, r.den);
  return `${centsToAmount(hundredthsOfPercent)}%`;
}

/** A ratio with its exact value and its display string, as used in explanations. */
export interface RatioView {
  num: string;
  den: string;
  display: string;
}

/** JSON-friendly view of a ratio (BigInt parts as strings). */
export function ratioView(r: Ratio): RatioView {
  return { num: r.num.toString(), den: r.den.toString(), display: formatPercent(r) };
}

export const MSG_COUNT_EMPTY = '请填写人数（整数），例如 120';
export const MSG_COUNT_INVALID = '人数必须是不小于 0 的整数，例如 120';

/**
 * Parse a headcount (从业人员 / 研发人员, rules.md §7.3): a non-negative integer, accepting full-width digits,
 * spaces and correctly placed thousands separators. Numbers must be safe integers.
 */
export function parseCount(input: string | number): IntegerResult {
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input) || input < 0) return { ok: false, message: MSG_COUNT_INVALID };
    return { ok: true, value: input };
  }
  if (typeof input !== 'string') return { ok: false, message: MSG_COUNT_INVALID };
  const s = stripSpaces(toHalfWidth(input));
  if (s === '') return { ok: false, message: MSG_COUNT_EMPTY };
  let digits = s.startsWith('+') ? s.slice(1) : s;
  if (digits.includes(',')) {
    if (!/^[0-9]{1,3}(,[0-9]{3})+$/.test(digits)) return { ok: false, message: MSG_COUNT_INVALID };
    digits = digits.replace(/,/g, '');
  }
  if (!/^[0-9]+$/.test(digits)) return { ok: false, message: MSG_COUNT_INVALID };
  const n = Number(digits);
  if (!Number.isSafeInteger(n)) return { ok: false, message: MSG_COUNT_INVALID };
  return { ok: true, value: n };
}
