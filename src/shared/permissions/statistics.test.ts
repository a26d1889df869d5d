import fc from 'fast-check';
import type { Actor } from './index';
import {
  can,
  ownRegion,
  STATISTICS_POLICY,
  type StatisticsAction,
  type StatisticsRecord,
} from './statistics';
import { actorsOver, CITIES } from './policy-arbitraries.testkit';

/**
 * The statistics table against a reference model written independently of it (ADR 0032), over a small
 * hand-written map of Jiangsu: the province reads any region of Jiangsu, a city itself and its counties, a
 * county itself; an unknown code, an account without a region, enterprises and administrators nothing.
 */
const PROVINCE = '320000';
const CITY_OF: Record<string, string> = {
  '320583': '320500',
  '320509': '320500',
  '320102': '320100',
  '320115': '320100',
  '320214': '320200',
};
const KNOWN = new Set([PROVINCE, ...CITIES, ...Object.keys(CITY_OF)]);

function within(code: string, own: string): boolean {
  if (!KNOWN.has(code) || !KNOWN.has(own)) return false;
  return code === own || own === PROVINCE || CITY_OF[code] === own;
}

function reference(a: Actor, action: StatisticsAction, r: StatisticsRecord): boolean {
  switch (action) {
    case 'statistics.read': {
      if (a.role === 'province') return within(r.regionCode, PROVINCE);
      if (a.role !== 'county_reviewer' && a.role !== 'city_reviewer') return false;
      return a.regionCode !== null && a.regionCode !== '' && within(r.regionCode, a.regionCode);
    }
  }
}

/** Codes asked about: the map's regions, an unknown Jiangsu-looking code, another province's. */
const ASKED = [PROVINCE, ...CITIES, ...Object.keys(CITY_OF), '329999', '110000'];

const arbActor = actorsOver([...Object.keys(CITY_OF), ...CITIES, PROVINCE, '', null], ['e-1', null]);
const arbRecord = fc.record<StatisticsRecord>({ regionCode: fc.constantFrom(...ASKED) });
const arbAction = fc.constantFrom(...(Object.keys(STATISTICS_POLICY) as StatisticsAction[]));

describe('statistics policy against the reference model (property)', () => {
  it('agrees on every actor and region asked about', () => {
    fc.assert(
      fc.property(arbActor, arbAction, arbRecord, (a, action, r) => {
        expect(can(a, action, r)).toBe(reference(a, action, r));
      }),
      { numRuns: 5000 },
    );
  });

  it('ownRegion(actor), the figures by default, is a region the actor may read, or null for those who read none', () => {
    fc.assert(
      fc.property(arbActor, (a) => {
        const own = ownRegion(a);
        const readsAny = ASKED.some((code) => reference(a, 'statistics.read', { regionCode: code }));
        if (own === null || own === '') expect(readsAny).toBe(false);
        else expect(reference(a, 'statistics.read', { regionCode: own })).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses everything to nobody', () => {
    fc.assert(
      fc.property(arbAction, arbRecord, (action, r) => {
        expect(can(null, action, r)).toBe(false);
      }),
    );
  });
});
