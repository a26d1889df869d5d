import fc from 'fast-check';
import { can, EXPORT_POLICY, scope, type ExportAction, type ExportRecord } from './exchange';
import type { Actor } from './index';
import { matches } from './scope';
import { ALL_REGIONS, actorsOver, CITIES } from './policy-arbitraries.testkit';

/**
 * The exchange table against a reference model written independently of it (ADR 0032): the province exports
 * every approved filing, a city those of its city (by the filing's city; a filing without one is the
 * province's alone); both import quality scores; only the province imports recognitions.
 */
function reference(a: Actor, action: ExportAction, r: ExportRecord): boolean {
  const region = a.regionCode !== null && a.regionCode !== '' ? a.regionCode : undefined;
  switch (action) {
    case 'export.filings':
      return (
        a.role === 'province' || (a.role === 'city_reviewer' && region !== undefined && region === r.cityCode)
      );
    case 'export.import_quality':
      return a.role === 'province' || a.role === 'city_reviewer';
    case 'export.import_recognitions':
      return a.role === 'province';
  }
}

const arbActor = actorsOver(ALL_REGIONS, ['e-1', 'e-2', null]);
const arbRecord = fc.record<ExportRecord>({ cityCode: fc.constantFrom(...CITIES, null) });
const arbAction = fc.constantFrom(...(Object.keys(EXPORT_POLICY) as ExportAction[]));

describe('exchange policy against the reference model (property)', () => {
  it('agrees on every actor, action and filing', () => {
    fc.assert(
      fc.property(arbActor, arbAction, arbRecord, (a, action, r) => {
        expect(can(a, action, r)).toBe(reference(a, action, r));
      }),
      { numRuns: 5000 },
    );
  });

  it('scope(actor) holds for exactly the filings the actor may export', () => {
    fc.assert(
      fc.property(arbActor, arbRecord, (a, r) => {
        expect(matches(scope(a), r)).toBe(reference(a, 'export.filings', r));
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
