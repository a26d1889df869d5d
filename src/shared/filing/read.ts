/**
 * Tolerant readers for filing-section data as it arrives from the form or the API (parsed JSON of any shape).
 * Never throw: every unusable value becomes a Chinese field error with its dotted path ("years.2022.rdExpense",
 * "mainProducts.0.name"). Pure: no I/O, no Node built-ins.
 *
 * Convention for the two kinds of problems:
 * - a required field left empty → `missing` (the section is incomplete; the message says "请填写…");
 * - a value that is present but wrong → `invalid` (the section is not valid; the message says what to enter).
 * The normalised output keeps the user's raw input for an invalid value, so nothing typed is lost on save.
 */
import { parseAmount, parseCount, toHalfWidth } from '../money';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** Collects field errors and warnings while a section is read. */
export class Collector {
  readonly fieldErrors: Record<string, string> = {};
  readonly warnings: Record<string, string> = {};
  incomplete = false;
  invalid = false;

  missing(path: string, message: string): void {
    this.incomplete = true;
    if (!(path in this.fieldErrors)) this.fieldErrors[path] = message;
  }

  bad(path: string, message: string): void {
    this.invalid = true;
    // A wrong value outranks a "please fill in" message on the same path.
    this.fieldErrors[path] = message;
  }

  warn(path: string, message: string): void {
    if (!(path in this.warnings)) this.warnings[path] = message;
  }
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** The value stored for an invalid input: the raw value when JSON-friendly, else null. */
export function keepRaw(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  if (typeof v === 'bigint' || typeof v === 'function' || typeof v === 'symbol') return null;
  return v;
}

/** Control characters become spaces; the text is trimmed (names stay as typed otherwise). */
function cleanText(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    out += (code < 0x20 && code !== 0x0a && code !== 0x09) || code === 0x7f ? ' ' : ch;
  }
  return out.trim();
}

export interface TextOpts {
  required?: boolean;
  max?: number;
  /** Normalise full-width ASCII and remove all spaces (codes, phone numbers, e-mail). */
  compact?: boolean;
  upper?: boolean;
  pattern?: RegExp;
  patternMessage?: string;
}

/** Read a text field. Returns the cleaned text, or null when empty or invalid. */
export function readText(
  o: Obj,
  key: string,
  path: string,
  label: string,
  c: Collector,
  out: Obj,
  opts: TextOpts = {},
): string | null {
  const p = join(path, key);
  const v = o[key];
  if (isBlank(v)) {
    out[key] = '';
    if (opts.required) c.missing(p, `请填写${label}`);
    return null;
  }
  if (typeof v !== 'string' && typeof v !== 'number') {
    out[key] = '';
    c.bad(p, `${label}应为文字，请重新填写`);
    return null;
  }
  let s = cleanText(String(v));
  if (opts.compact) s = toHalfWidth(s).replace(/[\s\u00a0\u3000]+/g, '');
  if (opts.upper) s = s.toUpperCase();
  out[key] = s;
  if (opts.max !== undefined && [...s].length > opts.max) {
    c.bad(p, `${label}不能超过 ${opts.max} 个字，当前 ${[...s].length} 个字，请精简`);
    return null;
  }
  if (opts.pattern && !opts.pattern.test(s)) {
    c.bad(p, opts.patternMessage ?? `${label}格式不正确，请重新填写`);
    return null;
  }
  return s;
}

export interface AmountOpts {
  required?: boolean;
  allowNegative?: boolean;
}

/** Read a 万元 amount; stores the canonical string ("1234.56") or the raw input when invalid. */
export function readAmountField(
  o: Obj,
  key: string,
  path: string,
  label: string,
  c: Collector,
  out: Obj,
  opts: AmountOpts = {},
): string | null {
  const p = join(path, key);
  const v = o[key];
  if (isBlank(v)) {
    out[key] = '';
    if (opts.required) c.missing(p, `请填写${label}（单位：万元），例如 1234.56`);
    return null;
  }
  if (typeof v !== 'string' && typeof v !== 'number') {
    out[key] = '';
    c.bad(p, `${label}请填写数字（单位：万元），例如 1234.56`);
    return null;
  }
  const r = parseAmount(v, { allowNegative: opts.allowNegative ?? false });
  if (!r.ok) {
    out[key] = keepRaw(v);
    c.bad(p, r.message);
    return null;
  }
  out[key] = r.value;
  return r.value;
}

/** Read a percentage 0–100 with at most two decimals; canonical "12.50". */
export function readPercentField(
  o: Obj,
  key: string,
  path: string,
  label: string,
  c: Collector,
  out: Obj,
  opts: { required?: boolean } = {},
): string | null {
  const p = join(path, key);
  const v = o[key];
  const msg = `${label}请填写 0 至 100 之间的数字（单位：%），最多两位小数，例如 12.5`;
  if (isBlank(v)) {
    out[key] = '';
    if (opts.required) c.missing(p, `请填写${label}（单位：%），例如 12.5`);
    return null;
  }
  if (typeof v !== 'string' && typeof v !== 'number') {
    out[key] = '';
    c.bad(p, msg);
    return null;
  }
  const s = typeof v === 'string' ? v.replace(/[%％]\s*$/, '') : v;
  const r = parseAmount(s, { allowNegative: false });
  if (!r.ok || r.cents > 10000n) {
    out[key] = keepRaw(v);
    c.bad(p, msg);
    return null;
  }
  out[key] = r.value;
  return r.value;
}

/** Read a non-negative integer (人, 年, 项); stores a number. */
export function readCountField(
  o: Obj,
  key: string,
  path: string,
  label: string,
  c: Collector,
  out: Obj,
  opts: { required?: boolean; unit?: string; min?: number; max?: number } = {},
): number | null {
  const p = join(path, key);
  const v = o[key];
  const unit = opts.unit ?? '人';
  if (isBlank(v)) {
    out[key] = '';
    if (opts.required) c.missing(p, `请填写${label}（单位：${unit}，整数）`);
    return null;
  }
  if (typeof v !== 'string' && typeof v !== 'number') {
    out[key] = '';
    c.bad(p, `${label}请填写不小于 0 的整数（单位：${unit}）`);
    return null;
  }
  const r = parseCount(v);
  if (!r.ok) {
    out[key] = keepRaw(v);
    c.bad(p, `${label}请填写不小于 0 的整数（单位：${unit}），例如 120`);
    return null;
  }
  if ((opts.min !== undefined && r.value < opts.min) || (opts.max !== undefined && r.value > opts.max)) {
    out[key] = r.value;
    c.bad(p, `${label}应在 ${opts.min ?? 0} 至 ${opts.max ?? '∞'} 之间（单位：${unit}），请核对`);
    return null;
  }
  out[key] = r.value;
  return r.value;
}

/** Whether 'YYYY-MM-DD' is a real calendar date. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days;
}

/** Normalise "2021/3/5", "2021.03.05", "２０２１-３-５" to "2021-03-05"; null when not a real date. */
export function normalizeDate(input: string): string | null {
  const s = toHalfWidth(input).replace(/[\s\u00a0\u3000]+/g, '');
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** Read a date 'YYYY-MM-DD'. `notAfter` (ISO) rejects future dates. */
export function readDateField(
  o: Obj,
  key: string,
  path: string,
  label: string,
  c: Collector,
  out: Obj,
  opts: { required?: boolean; notAfter?: string } = {},
): string | null {
  const p = join(path, key);
  const v = o[key];
  if (isBlank(v)) {
    out[key] = '';
    if (opts.required) c.missing(p, `请选择${label}（格式：年-月-日，例如 2021-03-05）`);
    return null;
  }
  const d = typeof v === 'string' ? normalizeDate(v) : null;
  if (d === null) {
    out[key] = typeof v === 'string' ? v : '';
    c.bad(p, `${label}格式不正确，请按“年-月-日”填写，例如 2021-03-05`);
    return null;
  }
  out[key] = d;
  if (opts.notAfter && isIsoDate(opts.notAfter) && d > opts.notAfter) {
    c.bad(p, `${label}不能晚于今天（${opts.notAfter}），请核对`);
    return null;
  }
  return d;
}

/** Read a 4-digit year between 1949 and `maxYear`; stores a number. */
export function readYearField(
  o: Obj,
  key: string,
  path: string,
  label: string,
  c: Collector,
  out: Obj,
  opts: { required?: boolean; maxYear: number },
): number | null {
  const p = join(path, key);
  const v = o[key];
  if (isBlank(v)) {
    out[key] = '';
    if (opts.required) c.missing(p, `请填写${label}（4 位年份，例如 2022）`);
    return null;
  }
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? toHalfWidth(v).trim() : '';
  const m = /^(\d{4})年?$/.exec(s);
  const y = m ? Number(m[1]) : NaN;
  if (!m || y < 1949 || y > opts.maxYear) {
    out[key] = keepRaw(v);
    c.bad(p, `${label}请填写 1949 至 ${opts.maxYear} 之间的 4 位年份，例如 2022`);
    return null;
  }
  out[key] = y;
  return y;
}

/** Read one value of a fixed list. */
export function readEnumField<T extends string>(
  o: Obj,
  key: string,
  path: string,
  label: string,
  values: readonly T[],
  c: Collector,
  out: Obj,
  opts: { required?: boolean } = {},
): T | null {
  const p = join(path, key);
  const v = o[key];
  if (isBlank(v)) {
    out[key] = '';
    if (opts.required) c.missing(p, `请选择${label}`);
    return null;
  }
  const s = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : null;
  if (s === null || !(values as readonly string[]).includes(s)) {
    out[key] = typeof v === 'string' ? v : '';
    c.bad(p, `${label}的取值不正确，请从下拉选项中选择`);
    return null;
  }
  out[key] = s;
  return s as T;
}

/** Read a yes/no field. Missing → `fallback` (or a "please choose" message when required). */
export function readBoolField(
  o: Obj,
  key: string,
  path: string,
  label: string,
  c: Collector,
  out: Obj,
  opts: { required?: boolean; fallback?: boolean } = {},
): boolean | null {
  const p = join(path, key);
  const v = o[key];
  if (typeof v === 'boolean') {
    out[key] = v;
    return v;
  }
  if (v === 'true' || v === '是') {
    out[key] = true;
    return true;
  }
  if (v === 'false' || v === '否') {
    out[key] = false;
    return false;
  }
  if (isBlank(v)) {
    if (opts.required) {
      out[key] = null;
      c.missing(p, `请选择${label}（是/否）`);
      return null;
    }
    const f = opts.fallback ?? false;
    out[key] = f;
    return f;
  }
  out[key] = null;
  c.bad(p, `${label}只能选择“是”或“否”`);
  return null;
}

/** Read a multi-select of a fixed list (array of strings; duplicates removed, order of the list kept). */
export function readMultiField<T extends string>(
  o: Obj,
  key: string,
  path: string,
  label: string,
  values: readonly T[],
  c: Collector,
  out: Obj,
): T[] {
  const p = join(path, key);
  const v = o[key];
  if (isBlank(v)) {
    out[key] = [];
    return [];
  }
  if (!Array.isArray(v)) {
    out[key] = [];
    c.bad(p, `${label}请从选项中勾选`);
    return [];
  }
  const picked = values.filter((x) => v.includes(x));
  if (v.some((x) => typeof x !== 'string' || !(values as readonly string[]).includes(x))) {
    c.bad(p, `${label}含有不在选项中的值，请重新勾选`);
  }
  out[key] = picked;
  return picked;
}

/** Read a sub-object; a wrong type is an error, missing gives {}. */
export function readObjField(o: Obj, key: string, path: string, label: string, c: Collector): Obj {
  const v = o[key];
  if (isObj(v)) return v;
  if (!isBlank(v)) c.bad(join(path, key), `${label}数据格式不正确，请重新填写`);
  return {};
}

/** Read a list of rows; each row read by `row`. Non-object rows are errors. */
export function readRows<T>(
  o: Obj,
  key: string,
  label: string,
  c: Collector,
  out: Obj,
  row: (r: Obj, path: string, out: Obj, index: number) => T,
  opts: { min?: number; max?: number } = {},
): T[] {
  const v = o[key];
  const rowsOut: Obj[] = [];
  out[key] = rowsOut;
  const parsed: T[] = [];
  if (isBlank(v)) {
    if (opts.min) c.missing(key, `请至少填写 ${opts.min} 条${label}`);
    return parsed;
  }
  if (!Array.isArray(v)) {
    c.bad(key, `${label}数据格式不正确，请重新填写`);
    return parsed;
  }
  if (opts.min && v.length < opts.min) c.missing(key, `请至少填写 ${opts.min} 条${label}`);
  if (opts.max !== undefined && v.length > opts.max) {
    c.bad(key, `${label}最多填写 ${opts.max} 条，请删减`);
  }
  v.slice(0, opts.max ?? v.length).forEach((item: unknown, i) => {
    const path = `${key}.${i}`;
    const rOut: Obj = {};
    rowsOut.push(rOut);
    if (!isObj(item)) {
      c.bad(path, `第 ${i + 1} 条${label}数据格式不正确，请删除后重新填写`);
      return;
    }
    parsed.push(row(item, path, rOut, i));
  });
  return parsed;
}
