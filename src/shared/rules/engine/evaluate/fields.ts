import { makeRatio, parseAmount, parseCount, percent, type Ratio } from '../../../money';
import { isObj, type FieldError } from '../../input';
import { readIpItems, type IpItem } from '../../ip';
import type { FieldDef, Op, StandardTable, ValueUnit } from '../types';

/**
 * A field value: a boolean, an exact number in natural units (percent fields as fractions), an enum value, a list
 * of IP items, or null (pending).
 */
export type Value = boolean | Ratio | string | IpItem[] | null;

export function isRatio(v: Value | undefined): v is Ratio {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const UNIT_SUFFIX: Record<ValueUnit, string> = {
  amount: ' 万元',
  percent: '%',
  count: '',
  years: ' 年',
  score: ' 分',
};

export const OP_TEXT: Record<Op, string> = { gte: '≥ ', gt: '> ', lte: '≤ ', lt: '< ' };

export const TO_BE_CONFIRMED_ZH = '待核实';

/** A threshold literal in its unit as an exact value in natural units ("3" percent → 3/100). */
export function thresholdValue(value: string, unit: ValueUnit): Ratio {
  if (unit === 'percent') return percent(value);
  const r = parseAmount(value);
  if (!r.ok) throw new Error(`Invalid threshold ${value}`);
  return makeRatio(r.cents, 100n);
}

/** A threshold as people read it: 「1500 万元」「3%」「3 年」「50 分」. */
export function displayThreshold(value: string, unit: ValueUnit): string {
  return `${value}${UNIT_SUFFIX[unit]}`;
}

/** Whether a decimal string is a valid threshold of `unit` (non-negative; counts and years are integers). */
export function validThreshold(value: string, unit: ValueUnit): boolean {
  if (!/^\d+(\.\d{1,4})?$/.test(value)) return false;
  if ((unit === 'count' || unit === 'years') && value.includes('.')) return false;
  if (unit === 'amount' || unit === 'score') return /^\d+(\.\d{1,2})?$/.test(value);
  return true;
}

export function getPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const part of path.split('.')) {
    if (cur === null || cur === undefined) return undefined;
    if (Array.isArray(cur)) cur = cur[Number(part)];
    else if (typeof cur === 'object') cur = (cur as Record<string, unknown>)[part];
    else return undefined;
  }
  return cur;
}

/** Read every declared field; invalid values are errors, absent ones follow `whenMissing`. */
export function readFields(
  table: StandardTable,
  raw: unknown,
): { values: Map<string, Value>; errors: FieldError[] } {
  const values = new Map<string, Value>();
  const errors: FieldError[] = [];
  if (table.inputLabel && !isObj(raw)) {
    errors.push({ path: '', message: `请填写${table.inputLabel}所需的数据` });
  }
  for (const f of table.fields) values.set(f.path, readField(f, getPath(raw, f.path), errors));
  return { values, errors };
}

const REQUIRED_HINT: Record<FieldDef['unit'], string> = {
  amount: '（单位：万元）',
  percent: '（单位：%）',
  count: '（整数）',
  years: '（整数）',
  score: '（单位：分）',
  bool: '（是/否）',
  enum: '',
  ipList: '',
};

function readField(f: FieldDef, v: unknown, errors: FieldError[]): Value {
  if (f.unit === 'ipList') return readIpItems(v, f.path, errors);
  if (v === undefined || v === null || v === '') {
    if (f.unit === 'enum' && f.default !== undefined) return f.default;
    if (f.required) {
      errors.push({
        path: f.path,
        message: `${f.unit === 'bool' || f.unit === 'enum' ? '请选择' : '请填写'}“${f.label}”${REQUIRED_HINT[f.unit]}`,
      });
      return null;
    }
    if (f.whenMissing === 'false') return false;
    if (f.whenMissing === 'zero') return makeRatio(0n, 1n);
    return null;
  }
  if (f.unit === 'enum') {
    if (typeof v === 'string' && (f.values ?? []).includes(v)) return v;
    errors.push({ path: f.path, message: `“${f.label}”的取值不正确，请从选项中选择` });
    return null;
  }
  if (f.unit === 'bool') {
    if (typeof v === 'boolean') return v;
    errors.push({ path: f.path, message: `“${f.label}”只能选择“是”或“否”` });
    return null;
  }
  if (typeof v !== 'number' && typeof v !== 'string') {
    errors.push({ path: f.path, message: `“${f.label}”应为数字` });
    return null;
  }
  if (f.unit === 'count' || f.unit === 'years') {
    const r = parseCount(v);
    if (!r.ok || (f.max !== undefined && r.value > f.max)) {
      errors.push({
        path: f.path,
        message:
          f.invalidText ?? `“${f.label}”：${r.ok ? `不能大于 ${f.max}` : r.message.replace('人数', '数量')}`,
      });
      return null;
    }
    return makeRatio(BigInt(r.value), 1n);
  }
  const r = parseAmount(v, { allowNegative: f.allowNegative ?? false });
  if (!r.ok) {
    const unit = f.unit === 'amount' ? '' : `（单位：${f.unit === 'percent' ? '%' : '分'}）`;
    errors.push({ path: f.path, message: `“${f.label}”${unit}：${r.message}` });
    return null;
  }
  if (
    f.max !== undefined &&
    (r.cents > BigInt(f.max) * 100n || (f.unit === 'score' && r.cents % 100n !== 0n))
  ) {
    errors.push({ path: f.path, message: f.invalidText ?? `“${f.label}”不能大于 ${f.max}` });
    return null;
  }
  return f.unit === 'percent' ? makeRatio(r.cents, 10000n) : makeRatio(r.cents, 100n);
}

/** Resolve the thresholds: built-in values with an administrator's corrections applied. */
