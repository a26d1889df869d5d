/**
 * The standards written as data (rules as data), by id. See ../engine/index.ts for the public API.
 */
import { evaluateTable } from '../engine/evaluate';
import type { EngineResult, EvaluateOptions, StandardTable } from '../engine/types';
import { LITTLE_GIANT_2026 } from './little-giant-2026';
import { SPECIALIZED_SME_2026 } from './specialized-sme-2026';
import { TECH_SME_2017 } from './tech-sme-2017';

export { TECH_SME_2017, SPECIALIZED_SME_2026, LITTLE_GIANT_2026 };

/** Every standard table, in ladder order. */
export const STANDARD_TABLES: readonly StandardTable[] = [
  TECH_SME_2017,
  SPECIALIZED_SME_2026,
  LITTLE_GIANT_2026,
];

export function tableById(id: string): StandardTable | undefined {
  return STANDARD_TABLES.find((t) => t.id === id);
}

/** Evaluate with the table of this id; throws for an unknown id. */
export function evaluateStandard(id: string, input: unknown, options: EvaluateOptions = {}): EngineResult {
  const t = tableById(id);
  if (!t) throw new Error(`Unknown standard table ${id}`);
  return evaluateTable(t, input, options);
}

/** The golden-case view of a 科技型 result (domain/cases/README.md `tech-sme-2017`). */
export function techSmeCaseView(r: EngineResult): EngineResult & { sizeOk: boolean; rdBasis: string | null } {
  return {
    ...r,
    sizeOk: r.conditions.find((c) => c.key === 'size')?.status === 'met',
    rdBasis: r.bases['rd'] ?? null,
  };
}
