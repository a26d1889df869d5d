/**
 * Subject: 创新型评价 (evaluations). Placed by county and city. The city of the evaluation prepares and corrects
 * them; the departments whose region covers one read it (a county its county, a city its city, the province all).
 */
import type { Actor } from './index';
import { DEPARTMENTS, decide, type Rule } from './rule';
import { matches, regionScope, type Scope } from './scope';

export interface EvaluationRecord {
  countyCode: string;
  cityCode: string;
}

const READERS = DEPARTMENTS;

export const EVALUATION_POLICY = {
  /** Create the missing evaluations of the approved filings in the actor's city. */
  'evaluation.prepare': { roles: ['city_reviewer'] },
  'evaluation.read': {
    roles: READERS,
    when: (a: Actor, r: EvaluationRecord) => matches(scope(a), r),
  },
  /** Correct an evaluation (人工复核): the city of the evaluation only (the province reads). */
  'evaluation.correct': {
    roles: ['city_reviewer'],
    when: (a: Actor, r: EvaluationRecord) => matches(regionScope(a, ['city_reviewer'], ['cityCode']), r),
  },
} as const satisfies Record<string, Rule<EvaluationRecord>>;

export type EvaluationAction = keyof typeof EVALUATION_POLICY;

/** The evaluations (and the approved filings to evaluate) the actor reaches: the SQL twin of 'evaluation.read'. */
export function scope(actor: Actor | null): Scope {
  return regionScope(actor, READERS, ['countyCode', 'cityCode']);
}

export function can(actor: Actor | null, action: EvaluationAction, record: EvaluationRecord): boolean {
  return decide<EvaluationRecord>(EVALUATION_POLICY[action], actor, record);
}
