/**
 * Field-level comparison of filing sections (year-over-year for 数据更新, and "what changed" on resubmission).
 * Sections are flattened to dotted leaf paths ("years.2022.rdExpense", "mainProducts.0.name"); lists of plain
 * values (multi-selects) are one leaf.
 */
import { fieldDef, OPERATION_LABELS } from '../../../shared/filing';
import { SECTION_KEYS, SECTION_LABELS, type SectionKey } from '../../../shared/schemas/filing-api';
import type { FieldChange } from '../../../shared/schemas/review-api';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function flatten(
  value: unknown,
  prefix = '',
  out: Map<string, unknown> = new Map(),
): Map<string, unknown> {
  if (isObj(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(value) && value.some((v) => isObj(v) || Array.isArray(v))) {
    value.forEach((v, i) => flatten(v, prefix ? `${prefix}.${i}` : String(i), out));
  } else if (prefix) {
    out.set(prefix, value);
  }
  return out;
}

const blank = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Equal as filed: blanks are equal, numbers and numeric strings compare by value ("1000" = "1000.00"). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (blank(a) && blank(b)) return true;
  if (blank(a) || blank(b)) return false;
  const na = typeof a === 'number' || typeof a === 'string' ? Number(a) : NaN;
  const nb = typeof b === 'number' || typeof b === 'string' ? Number(b) : NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb) && String(a).trim() !== '' && String(b).trim() !== '')
    return na === nb;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A Chinese label for a concrete path: the field's label, with the year or the row number. */
export function fieldLabel(section: SectionKey, path: string): string {
  const def = fieldDef(section, path);
  const segs = path.split('.');
  const section_ = SECTION_LABELS[section];
  if (section === 'operations' && segs[0] === 'years' && segs[1]) {
    const key = segs[2] as keyof typeof OPERATION_LABELS | undefined;
    const name = def?.label ?? (key ? OPERATION_LABELS[key] : undefined) ?? segs.slice(2).join('.');
    return `${section_}：${segs[1]} 年度${name}`;
  }
  const rows = segs.filter((s) => /^\d+$/.test(s)).map((s) => `第 ${Number(s) + 1} 条`);
  const name = def?.label ?? path;
  return `${section_}：${rows.length ? `${rows.join('')}` : ''}${name}`;
}

/** Field-level changes from `previous` to `current` (all fields when `onlyChanged` is false). */
export function diffSections(
  previous: Partial<Record<SectionKey, unknown>>,
  current: Partial<Record<SectionKey, unknown>>,
  opts: { onlyChanged: boolean; sections?: readonly SectionKey[] },
): FieldChange[] {
  const out: FieldChange[] = [];
  for (const section of opts.sections ?? SECTION_KEYS) {
    const a = flatten(previous[section] ?? {});
    const b = flatten(current[section] ?? {});
    const paths = [...new Set([...a.keys(), ...b.keys()])];
    for (const path of paths) {
      const prev = a.get(path);
      const cur = b.get(path);
      const changed = !sameValue(prev, cur);
      if (opts.onlyChanged && !changed) continue;
      out.push({
        section,
        path,
        label: fieldLabel(section, path),
        previous: prev ?? null,
        current: cur ?? null,
        changed,
      });
    }
  }
  return out;
}
