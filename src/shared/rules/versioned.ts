/**
 * One entry point for evaluating by a standard id with a version of its thresholds (administrator corrections are
 * stored as data on the server): every standard of the ladder is a table evaluated by the rules engine; the 2022
 * standards keep their stored result shapes (../innovative-sme-2022.ts etc.). Every result carries `version` and `thresholds` (the values it used), so a stored
 * result never depends on later edits. Pure.
 */
import { sheetOf } from './engine/evaluate';
import type { StandardSheet, ThresholdUsed } from './engine/types';
import { STANDARDS } from './standards';
import { evaluateStandard, STANDARD_TABLES, tableById } from './tables';
import { evaluateInnovativeVersioned } from './innovative-sme-2022';
import { INNOVATIVE_SME_2022_SHEET, INNOVATIVE_SME_2022_TABLE } from './tables/innovative-sme-2022';
import { evaluateLittleGiantVersioned } from './little-giant-2022';
import { LITTLE_GIANT_2022_SHEET, LITTLE_GIANT_2022_TABLE } from './tables/little-giant-2022';
import { evaluateSpecializedVersioned } from './specialized-sme-2022';
import { SPECIALIZED_SME_2022_SHEET, SPECIALIZED_SME_2022_TABLE } from './tables/specialized-sme-2022';

/** Thresholds of one version: the version number and every corrected value (key → decimal string). */
export interface ParamVersion {
  version: number;
  values: Record<string, string>;
}

/** The standards whose thresholds are data (listed on the standards page), in ladder order. */
export const STANDARD_SHEETS: readonly StandardSheet[] = [
  sheetOf(STANDARD_TABLES.find((t) => t.id === 'tech-sme-2017')!),
  INNOVATIVE_SME_2022_SHEET,
  ...STANDARD_TABLES.filter((t) => t.id !== 'tech-sme-2017').map((t) => sheetOf(t)),
  SPECIALIZED_SME_2022_SHEET,
  LITTLE_GIANT_2022_SHEET,
];

export function sheetById(id: string): StandardSheet | undefined {
  return STANDARD_SHEETS.find((s) => s.id === id);
}

const LADDER_TABLES = [
  ...STANDARD_TABLES,
  INNOVATIVE_SME_2022_TABLE,
  SPECIALIZED_SME_2022_TABLE,
  LITTLE_GIANT_2022_TABLE,
];

/**
 * The sheet of a standard with a version's corrected values: its condition texts quote the thresholds in force
 * (「不低于75%」 after 70% was corrected to 75%), not the built-in ones.
 */
export function sheetWithValues(id: string, values: Record<string, string>): StandardSheet | undefined {
  const table = LADDER_TABLES.find((t) => t.id === id);
  return table ? sheetOf(table, values) : sheetById(id);
}

export type VersionedResult = { version: number; thresholds: ThresholdUsed[] } & Record<string, unknown>;

/**
 * Evaluate `input` by standard `id` with `params` (absent: built-in thresholds). Every standard of the ladder has
 * a sheet; others (the SME size classification) evaluate with their built-in data, version 1, no thresholds.
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
  if (id === SPECIALIZED_SME_2022_SHEET.id) {
    return evaluateSpecializedVersioned(input, options.params) as unknown as VersionedResult;
  }
  if (id === LITTLE_GIANT_2022_SHEET.id) {
    return evaluateLittleGiantVersioned(input, options.params) as unknown as VersionedResult;
  }
  const def = STANDARDS.byId(id);
  if (!def) throw new Error(`Unknown standard id ${id}`);
  return { ...(def.evaluate(input) as Record<string, unknown>), version: 1, thresholds: [] };
}
