/**
 * Showing a submitted section read-only: values by dotted path, formatted by the field's kind (amounts with
 * thousands separators, options by label, yes/no), and the concrete field paths a reviewer can mark when
 * returning a filing ("years.2022.rdExpense", "mainProducts.0.name"). Pure: unit-tested in Node.
 */
import { SECTION_FIELDS, fieldDef, type FieldDef } from '../../../../shared/filing/fields';
import { formatAmount } from '../../../../shared/money';
import { regionPath } from '../../../../shared/regions';
import type { SectionKey } from '../../../../shared/schemas/filing-api';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value at a dotted path ("contact.mobile", "years.2022.rdExpense", "mainProducts.0.name"). */
export function getPath(data: unknown, path: string): unknown {
  let cur: unknown = data;
  for (const seg of path.split('.')) {
    if (Array.isArray(cur) && /^\d+$/.test(seg)) cur = cur[Number(seg)];
    else if (isObj(cur)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

export function isEmptyValue(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** A field's value for reading: "1,234.56 万元", "是", the option's label, "苏州市昆山市"; "—" when empty. */
export function formatValue(def: FieldDef | undefined, v: unknown): string {
  if (isEmptyValue(v)) return '—';
  const unit = def?.unit ? ` ${def.unit}` : '';
  switch (def?.kind) {
    case 'amount': {
      if (typeof v === 'string' || typeof v === 'number') {
        try {
          return `${formatAmount(v)}${unit}`;
        } catch {
          return `${String(v)}${unit}`;
        }
      }
      return String(v);
    }
    case 'bool':
      return v === true || v === 'true' ? '是' : v === false || v === 'false' ? '否' : String(v);
    case 'percent':
      return `${String(v)}%`;
    case 'select':
      return def.options?.find((o) => o.value === v)?.label ?? String(v);
    case 'multiselect':
      return Array.isArray(v)
        ? v.map((x) => def.options?.find((o) => o.value === x)?.label ?? String(x)).join('、')
        : String(v);
    case 'region':
      return typeof v === 'string' ? (regionPath(v) ?? v) : String(v);
    case 'count':
    case 'year':
      return `${String(v)}${unit}`;
    default:
      if (typeof v === 'string' && /^32\d{4}$/.test(v) && regionPath(v)) return regionPath(v)!;
      if (Array.isArray(v)) return v.map(String).join('、');
      if (isObj(v)) return JSON.stringify(v);
      return `${String(v)}${unit}`;
  }
}

/** Format a value at a concrete path of a section (the definition is looked up by its generic path). */
export function formatAt(section: SectionKey, path: string, v: unknown): string {
  return formatValue(fieldDef(section, path), v);
}

export interface ConcreteField {
  /** Concrete dotted path, e.g. "years.2022.rdExpense". */
  path: string;
  /** Chinese label with the year or row, e.g. "2022年 研发费用", "主导产品第1行：产品名称". */
  label: string;
}

const listLabel = (section: SectionKey, listPath: string): string =>
  SECTION_FIELDS[section].find((f) => f.path === listPath)?.label ?? listPath;

/** The fiscal years present in 经营情况, ascending. */
export function yearsOf(data: unknown): string[] {
  const years = getPath(data, 'years');
  return isObj(years)
    ? Object.keys(years)
        .filter((y) => /^\d{4}$/.test(y))
        .sort()
    : [];
}

/** Row count of a list field. */
export function rowsOf(data: unknown, listPath: string): number {
  const v = getPath(data, listPath);
  return Array.isArray(v) ? v.length : 0;
}

/** The label of a concrete path (for comments and diffs). */
export function concreteLabel(section: SectionKey, path: string): string {
  const def = fieldDef(section, path);
  const segs = path.split('.');
  if (segs[0] === 'years' && segs.length === 3) return `${segs[1]}年 ${def?.label ?? segs[2]}`;
  const rowIdx = segs.findIndex((s) => /^\d+$/.test(s));
  if (rowIdx > 0) {
    const list = segs.slice(0, rowIdx).join('.');
    return `${listLabel(section, list)}第${Number(segs[rowIdx]) + 1}行：${def?.label ?? segs.slice(rowIdx + 1).join('.')}`;
  }
  return def?.label ?? path;
}

/**
 * The fields of a section a reviewer may mark, as concrete paths: plain fields as they are, year fields once
 * per year filed, list columns once per row (and the whole list). Derived fields are left out.
 */
export function concreteFields(section: SectionKey, data: unknown): ConcreteField[] {
  const out: ConcreteField[] = [];
  const years = yearsOf(data);
  for (const def of SECTION_FIELDS[section]) {
    if (def.kind === 'derived') continue;
    const segs = def.path.split('.');
    const star = segs.indexOf('*');
    if (star < 0) {
      out.push({ path: def.path, label: def.label });
      continue;
    }
    const head = segs.slice(0, star).join('.');
    const tail = segs.slice(star + 1).join('.');
    if (head === 'years') {
      for (const y of years) out.push({ path: `years.${y}.${tail}`, label: `${y}年 ${def.label}` });
    } else {
      const n = rowsOf(data, head);
      for (let i = 0; i < n; i++) {
        out.push({
          path: `${head}.${i}.${tail}`,
          label: `${listLabel(section, head)}第${i + 1}行：${def.label}`,
        });
      }
    }
  }
  return out;
}

/** Plain (non-list, non-year) field definitions of a section, in form order. */
export function plainFields(section: SectionKey): FieldDef[] {
  return SECTION_FIELDS[section].filter((d) => !d.path.includes('*') && d.kind !== 'list');
}

/** The list fields of a section with their column definitions. */
export function listFields(section: SectionKey): { list: FieldDef; columns: FieldDef[] }[] {
  return SECTION_FIELDS[section]
    .filter((d) => d.kind === 'list')
    .map((list) => ({
      list,
      columns: SECTION_FIELDS[section].filter((d) => d.path.startsWith(`${list.path}.*.`)),
    }));
}

/** The year field definitions of 经营情况 ("years.*.x"). */
export function yearFields(section: SectionKey): FieldDef[] {
  return SECTION_FIELDS[section].filter((d) => d.path.startsWith('years.*.'));
}
