import fc from 'fast-check';
import type { Actor } from './index';
import { can, LIST_POLICY, scope, type ListAction, type ListRecord } from './list';
import { matches } from './scope';
import { ALL_REGIONS, actorsOver, CITIES } from './policy-arbitraries.testkit';

/**
 * The list table against a reference model written independently of it (ADR 0032): a city creates lists and
 * manages its own; the province reads every list and keeps the provincial summary; nobody else touches them.
 */
function reference(a: Actor, action: ListAction, r: ListRecord): boolean {
  const region = a.regionCode !== null && a.regionCode !== '' ? a.regionCode : undefined;
  const cityOwn = a.role === 'city_reviewer' && region === r.cityCode;
  switch (action) {
    case 'list.create':
      return a.role === 'city_reviewer';
    case 'list.read':
      return cityOwn || a.role === 'province';
    case 'list.manage':
      return cityOwn;
    case 'list.summary':
      return a.role === 'province';
  }
}

const arbActor = actorsOver(ALL_REGIONS, ['e-1', 'e-2', null]);
const arbRecord = fc.record<ListRecord>({ cityCode: fc.constantFrom(...CITIES) });
const arbAction = fc.constantFrom(...(Object.keys(LIST_POLICY) as ListAction[]));

describe('list policy against the reference model (property)', () => {
  it('agrees on every actor, action and list', () => {
    fc.assert(
      fc.property(arbActor, arbAction, arbRecord, (a, action, r) => {
        expect(can(a, action, r)).toBe(reference(a, action, r));
      }),
      { numRuns: 5000 },
    );
  });

  it('scope(actor) holds for exactly the lists the actor may read', () => {
    fc.assert(
      fc.property(arbActor, arbRecord, (a, r) => {
        expect(matches(scope(a), r)).toBe(reference(a, 'list.read', r));
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
