/**
 * Plain (Zod-free) readers for rule inputs that arrive as parsed JSON or form data. Each reader records a Chinese
 * message with the field path when the value is unusable. Pure: no I/O.
 */
import { parseAmount, parseCount, type Cents } from '../money';

export interface FieldError {
  /** Dotted path of the field, e.g. "lastYear.operatingRevenue". */
  path: string;
  message: string;
}

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Read a sub-object; records an error and returns {} when absent or not an object. */
export function readObj(
  o: Obj,
  key: string,
  path: string,
  label: string,
  errors: FieldError[],
  required = true,
): Obj {
  const v = o[key];
  if (isObj(v)) return v;
  if (v === undefined && !required) return {};
  errors.push({ path, message: `请填写“${label}”各项数据` });
  return {};
}

/** Read a 万元 amount. Returns null (and records an error) when missing or invalid. */
export function readAmount(
  o: Obj,
  key: string,
  path: string,
  label: string,
  errors: FieldError[],
  opts: { required?: boolean; allowNegative?: boolean; defaultZero?: boolean; unit?: string } = {},
): Cents | null {
  const v = o[key];
  const unit = opts.unit ?? '万元';
  if (v === undefined || v === null || v === '') {
    if (opts.defaultZero) return 0n;
    if (opts.required ?? true) errors.push({ path, message: `请填写“${label}”（单位：${unit}）` });
    return null;
  }
  if (typeof v !== 'number' && typeof v !== 'string') {
    errors.push({ path, message: `“${label}”应为数字（单位：${unit}），例如 12.5` });
    return null;
  }
  const r = parseAmount(v, { allowNegative: opts.allowNegative ?? false });
  if (!r.ok) {
    const message = opts.unit
      ? r.message.replace('（单位：万元），例如 1234.56', `（单位：${unit}），例如 12.5`)
      : r.message;
    errors.push({ path, message: `“${label}”：${message}` });
    return null;
  }
  return r.cents;
}

/** Read a non-negative integer count. */
export function readCount(
  o: Obj,
  key: string,
  path: string,
  label: string,
  errors: FieldError[],
  opts: { required?: boolean; defaultZero?: boolean } = {},
): number | null {
  const v = o[key];
  if (v === undefined || v === null || v === '') {
    if (opts.defaultZero) return 0;
    if (opts.required ?? true) errors.push({ path, message: `请填写“${label}”（整数）` });
    return null;
  }
  if (typeof v !== 'number' && typeof v !== 'string') {
    errors.push({ path, message: `“${label}”应为不小于 0 的整数` });
    return null;
  }
  const r = parseCount(v);
  if (!r.ok) {
    errors.push({ path, message: `“${label}”：${r.message}` });
    return null;
  }
  return r.value;
}

/** Read a boolean; missing means `fallback` (false by default) unless required. */
export function readBool(
  o: Obj,
  key: string,
  path: string,
  label: string,
  errors: FieldError[],
  opts: { required?: boolean; fallback?: boolean } = {},
): boolean {
  const v = o[key];
  if (typeof v === 'boolean') return v;
  if (v === undefined || v === null) {
    if (opts.required) errors.push({ path, message: `请选择“${label}”（是/否）` });
    return opts.fallback ?? false;
  }
  errors.push({ path, message: `“${label}”只能选择“是”或“否”` });
  return opts.fallback ?? false;
}

/** Read a reviewer-confirmed boolean: true / false, or null = pending (待审核确认). */
export function readPending(
  o: Obj,
  key: string,
  path: string,
  label: string,
  errors: FieldError[],
): boolean | null {
  const v = o[key];
  if (typeof v === 'boolean') return v;
  if (v === undefined || v === null) return null;
  errors.push({ path, message: `“${label}”只能为“是”“否”或留空（待审核确认）` });
  return null;
}

/** Read one of a fixed set of string values. */
export function readEnum<T extends string>(
  o: Obj,
  key: string,
  path: string,
  label: string,
  values: readonly T[],
  errors: FieldError[],
  fallback: T,
): T {
  const v = o[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
  errors.push({ path, message: `“${label}”的取值不正确，请从选项中选择` });
  return fallback;
}
