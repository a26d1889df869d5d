/**
 * Rules engine — public API (rules as data; docs/adr/0015-rules-as-data.md, docs/domain/scoring.md).
 *
 * A standard is a declarative table (`StandardTable`, ./types.ts): its input fields, its thresholds (`params`,
 * each with the clause it comes from and its verification level 'V' | 'S'), scored indicators with bands, direct
 * conditions, and the conditions (each with clause, level, the check, and what counts as met at 复核). One exact
 * evaluator (`evaluateTable`) computes the outcome and the Chinese explanation; no floating point decides anything.
 *
 * Use:
 *   import { selectStandard, evaluateStandard } from 'src/shared/rules/engine';
 *   const { standardId } = selectStandard({ tier: 'specialized-sme', track: 'first', applicationDate: '2026-05-10' });
 *   const result = evaluateStandard(standardId, input, { review: false, params });   // → EngineResult
 *
 * - `selectStandard({ tier, track, applicationDate, overrides })` (./select.ts) → { standardId, reason }.
 *   Tiers: 'tech-sme' | 'innovative-sme' | 'specialized-sme' | 'little-giant'; tracks 'first' | 'review'.
 *   Before 2026-04-01 → 2022 standards; from then → 2026 for 专精特新/小巨人; 创新型 keeps 2022; 科技型 is 2017.
 *   A campaign's `overrides` ({ 'little-giant:review': 'little-giant-2022' }) wins.
 * - `evaluateStandard(id, input, options)` for the table standards: 'tech-sme-2017', 'specialized-sme-2026',
 *   'little-giant-2026' (input shapes: the golden-case formats in ../shared/domain/cases/README.md, beside the
 *   repository). The 2022 standards are tables too (../tables/*-2022.ts), evaluated by the same engine; their
 *   result shapes (stored evaluations read them) come from ../innovative-sme-2022.ts etc.
 *   (`evaluateVersioned(id, input, { params })` in ../versioned.ts evaluates any of them with a version).
 * - `EngineResult`: `conditions[]` (key, title, clause, level, status met|unmet|pending|notAssessed, `leaves[]`
 *   with figure and requirement, `explanation` in Chinese, `toBeConfirmed` = 待核实), `unmet`, `pending`,
 *   `qualified` (true | false | null = pending), `indicators`/`total`/`directConditions` for scored standards,
 *   `thresholds` (every threshold used, with clause, level and whether an administrator corrected it), `version`,
 *   `summary` (Chinese).
 * - Thresholds an administrator corrected: `options.params = { version, values: { key: '1600' } }`; the result
 *   records the version and the thresholds used, so a stored result never changes when the table is edited later.
 * - `paramsOf(table)` lists the thresholds for the standards page; `validThreshold(value, unit)` checks a correction.
 */
export * from './types';
export * from './select';
export {
  evaluateTable,
  resolveParams,
  thresholdValue,
  displayThreshold,
  validThreshold,
  TO_BE_CONFIRMED_ZH,
} from './evaluate';
export {
  STANDARD_TABLES,
  tableById,
  evaluateStandard,
  techSmeCaseView,
  TECH_SME_2017,
  SPECIALIZED_SME_2026,
  LITTLE_GIANT_2026,
} from '../tables';
