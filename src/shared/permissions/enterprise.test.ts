import fc from 'fast-check';
import {
  can,
  ENTERPRISE_POLICY,
  scope,
  writeScope,
  type EnterpriseAction,
  type EnterpriseRecord,
} from './enterprise';
import type { Actor } from './index';
import { matches } from './scope';
import { ALL_REGIONS, actorsOver, CITIES, COUNTIES } from './policy-arbitraries.testkit';

/**
 * The enterprise table against a reference model written independently of it (ADR 0032): the enterprise its
 * own pages; the departments an enterprise their region covers (its record, its quality score, its masked
 * numbers); the province enters any quality score, a city those of its city; an enterprise placed nowhere is
 * the province's alone.
 */
function reference(a: Actor, action: EnterpriseAction, r: EnterpriseRecord): boolean {
  const region = a.regionCode !== null && a.regionCode !== '' ? a.regionCode : undefined;
  const countyOwn = a.role === 'county_reviewer' && region !== undefined && region === r.countyCode;
  const cityOwn = a.role === 'city_reviewer' && region !== undefined && region === r.cityCode;
  switch (action) {
    case 'enterprise.own':
      return a.role === 'enterprise' && a.enterpriseId !== null && a.enterpriseId === r.enterpriseId;
    case 'enterprise.read':
    case 'quality.read':
    case 'pii.reveal':
      return countyOwn || cityOwn || a.role === 'province';
    case 'quality.write':
      return cityOwn || a.role === 'province';
  }
}

const ENTERPRISES = ['e-1', 'e-2', 'e-3'];

const arbActor = actorsOver(ALL_REGIONS, [...ENTERPRISES, null]);
const arbRecord = fc.record<EnterpriseRecord>({
  enterpriseId: fc.constantFrom(...ENTERPRISES),
  countyCode: fc.constantFrom(...COUNTIES, null),
  cityCode: fc.constantFrom(...CITIES, null),
});
const arbAction = fc.constantFrom(...(Object.keys(ENTERPRISE_POLICY) as EnterpriseAction[]));

describe('enterprise policy against the reference model (property)', () => {
  it('agrees on every actor, action and enterprise', () => {
    fc.assert(
      fc.property(arbActor, arbAction, arbRecord, (a, action, r) => {
        expect(can(a, action, r)).toBe(reference(a, action, r));
      }),
      { numRuns: 5000 },
    );
  });

  it('scope(actor) holds for exactly the enterprises the departments read; writeScope for the scores they enter', () => {
    fc.assert(
      fc.property(arbActor, arbRecord, (a, r) => {
        expect(matches(scope(a), r)).toBe(reference(a, 'enterprise.read', r));
        expect(matches(writeScope(a), r)).toBe(reference(a, 'quality.write', r));
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses everything to nobody', () => {
    fc.assert(
      fc.property(arbAction, arbRecord, (action, r) => {
        expect(can(null, action, r)).toBe(false);
        expect(matches(scope(null), r)).toBe(false);
        expect(matches(writeScope(null), r)).toBe(false);
      }),
    );
  });
});
