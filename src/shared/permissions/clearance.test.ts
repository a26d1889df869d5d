import fc from 'fast-check';
import { can, CLEARANCE_POLICY, scope, type ClearanceAction, type ClearanceRecord } from './clearance';
import type { Actor } from './index';
import { matches } from './scope';
import { ALL_REGIONS, actorsOver, CITIES, COUNTIES } from './policy-arbitraries.testkit';

/**
 * The clearance table against a reference model written independently of it (ADR 0032): the departments read
 * their region's clearances; the city (and the province) proposes; the city of a clearance confirms it and
 * decides its appeal; the province or the system administrator schedules; the enterprise sees its own.
 */
function reference(a: Actor, action: ClearanceAction, r: ClearanceRecord): boolean {
  const region = a.regionCode !== null && a.regionCode !== '' ? a.regionCode : undefined;
  const countyOwn = a.role === 'county_reviewer' && region === r.countyCode;
  const cityOwn = a.role === 'city_reviewer' && region === r.cityCode;
  const ownEnterprise =
    a.role === 'enterprise' &&
    a.enterpriseId !== null &&
    a.enterpriseId !== '' &&
    a.enterpriseId === r.enterpriseId;
  switch (action) {
    case 'clearance.schedule':
      return a.role === 'province' || a.role === 'admin';
    case 'clearance.read':
      return countyOwn || cityOwn || a.role === 'province';
    case 'clearance.propose':
      return a.role === 'city_reviewer' || a.role === 'province';
    case 'clearance.confirm':
    case 'clearance.decide':
      return cityOwn;
    case 'clearance.own':
      return ownEnterprise;
  }
}

const ENTERPRISES = ['e-1', 'e-2', 'e-3'];

const arbActor = actorsOver(ALL_REGIONS, [...ENTERPRISES, '', null]);
const arbRecord = fc.record<ClearanceRecord>({
  enterpriseId: fc.constantFrom(...ENTERPRISES),
  countyCode: fc.constantFrom(...COUNTIES),
  cityCode: fc.constantFrom(...CITIES),
});
const arbAction = fc.constantFrom(...(Object.keys(CLEARANCE_POLICY) as ClearanceAction[]));

describe('clearance policy against the reference model (property)', () => {
  it('agrees on every actor, action and clearance', () => {
    fc.assert(
      fc.property(arbActor, arbAction, arbRecord, (a, action, r) => {
        expect(can(a, action, r)).toBe(reference(a, action, r));
      }),
      { numRuns: 5000 },
    );
  });

  it('scope(actor) holds for exactly the clearances the actor reads or owns', () => {
    fc.assert(
      fc.property(arbActor, arbRecord, (a, r) => {
        expect(matches(scope(a), r)).toBe(
          reference(a, 'clearance.read', r) || reference(a, 'clearance.own', r),
        );
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
