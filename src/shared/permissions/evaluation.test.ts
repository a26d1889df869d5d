import fc from 'fast-check';
import { can, EVALUATION_POLICY, scope, type EvaluationAction, type EvaluationRecord } from './evaluation';
import type { Actor } from './index';
import { matches } from './scope';
import { ALL_REGIONS, actorsOver, CITIES, COUNTIES } from './policy-arbitraries.testkit';

/**
 * The evaluation table against a reference model written independently of it (ADR 0032): a county reads its
 * county's evaluations, a city its city's, the province all; only the city of an evaluation corrects it and
 * only a city prepares; the administrators (三员分立) and enterprises nothing.
 */
function reference(a: Actor, action: EvaluationAction, r: EvaluationRecord): boolean {
  const region = a.regionCode !== null && a.regionCode !== '' ? a.regionCode : undefined;
  const countyOwn = a.role === 'county_reviewer' && region === r.countyCode;
  const cityOwn = a.role === 'city_reviewer' && region === r.cityCode;
  switch (action) {
    case 'evaluation.prepare':
      return a.role === 'city_reviewer';
    case 'evaluation.read':
      return countyOwn || cityOwn || a.role === 'province';
    case 'evaluation.correct':
      return cityOwn;
  }
}

const arbActor = actorsOver(ALL_REGIONS, ['e-1', 'e-2', null]);
const arbRecord = fc.record<EvaluationRecord>({
  countyCode: fc.constantFrom(...COUNTIES),
  cityCode: fc.constantFrom(...CITIES),
});
const arbAction = fc.constantFrom(...(Object.keys(EVALUATION_POLICY) as EvaluationAction[]));

describe('evaluation policy against the reference model (property)', () => {
  it('agrees on every actor, action and evaluation', () => {
    fc.assert(
      fc.property(arbActor, arbAction, arbRecord, (a, action, r) => {
        expect(can(a, action, r)).toBe(reference(a, action, r));
      }),
      { numRuns: 5000 },
    );
  });

  it('scope(actor) holds for exactly the evaluations the actor may read', () => {
    fc.assert(
      fc.property(arbActor, arbRecord, (a, r) => {
        expect(matches(scope(a), r)).toBe(reference(a, 'evaluation.read', r));
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses everything to nobody', () => {
    fc.assert(
      fc.property(arbAction, arbRecord, (action, r) => {
        expect(can(null, action, r)).toBe(false);
        expect(matches(scope(null), r)).toBe(false);
      }),
    );
  });
});
