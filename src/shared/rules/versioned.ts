/**
 * One entry point for evaluating by a standard id with a version of its thresholds (administrator corrections are
 * stored as data on the server): table standards through the rules engine, 创新型 2022 through its evaluator with
 * the corrected thresholds. Every result carries `version` and `thresholds` (the values it used), so a stored
 * result never depends on later edits. Pure.
 */
import { sheetOf } from './engine/evaluate';
import type { StandardSheet, ThresholdUsed } from './engine/types';
import { STANDARDS } from './standards';
import { evaluateStandard, STANDARD_TABLES, tableById } from './tables';
import { evaluateInnovativeVersioned, INNOVATIVE_SME_2022_SHEET } from './tables/innovative-sme-2022';
import { evaluateLittleGiantVersioned, LITTLE_GIANT_2022_SHEET } from './tables/little-giant-2022';

/** Thresholds of one version: the version number and every corrected value (key → decimal string). */
export interface ParamVersion {
  version: number;
  values: Record<string, string>;
}

/** The standards whose thresholds are data (listed on the standards page), in ladder order. */
export const STANDARD_SHEETS: readonly StandardSheet[] = [
  sheetOf(STANDARD_TABLES.find((t) => t.id === 'tech-sme-2017')!),
  INNOVATIVE_SME_2022_SHEET,
  ...STANDARD_TABLES.filter((t) => t.id !== 'tech-sme-2017').map(sheetOf),
  LITTLE_GIANT_2022_SHEET,
];

export function sheetById(id: string): StandardSheet | undefined {
  return STANDARD_SHEETS.find((s) => s.id === id);
}

export type VersionedResult = { version: number; thresholds: ThresholdUsed[] } & Record<string, unknown>;

/**
 * Evaluate `input` by standard `id` with `params` (absent: built-in thresholds). Standards without a sheet (the
 * 2022 专精特新) evaluate with their built-in data, version 1 and no thresholds recorded.
 */
export function evaluateVersioned(
  id: string,
  input: unknown,
  options: { review?: boolean; params?: ParamVersion } = {},
): VersionedResult {
  if (tableById(id)) {
    return evaluateStandard(id, input, options) as unknown as VersionedResult;
  }
  if (id === INNOVATIVE_SME_2022_SHEET.id) {
    return evaluateInnovativeVersioned(input, options.params) as unknown as VersionedResult;
  }
  if (id === LITTLE_GIANT_2022_SHEET.id) {
    return evaluateLittleGiantVersioned(input, options.params) as unknown as VersionedResult;
  }
  const def = STANDARDS.byId(id);
  if (!def) throw new Error(`Unknown standard id ${id}`);
  return { ...(def.evaluate(input) as Record<string, unknown>), version: 1, thresholds: [] };
}
