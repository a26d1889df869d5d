import fc from 'fast-check';
import { FILING_STATUSES, type FilingStatus } from '../schemas/filing-api';
import { REVIEW_ACTIONS } from '../workflow';
import { can, type FilingAction, type FilingRecord } from './can';
import { ROLES, type Actor, type Role } from './index';

const KS = '320583';
const WJ = '320509';
const SZ = '320500';
const NJ_COUNTY = '320115';
const NJ = '320100';

function actor(role: Role, regionCode: string | null, enterpriseId: string | null = null): Actor {
  return { userId: 'u', username: 'u', displayName: 'u', role, regionCode, enterpriseId };
}

const filing = (over: Partial<FilingRecord> = {}): FilingRecord => ({
  enterpriseId: 'e-ks',
  countyCode: KS,
  cityCode: SZ,
  status: 'county_review',
  ...over,
});

describe('can(): jurisdiction', () => {
  it('lets the enterprise read its own filing only', () => {
    expect(can(actor('enterprise', null, 'e-ks'), 'read', filing())).toBe(true);
    expect(can(actor('enterprise', null, 'e-wj'), 'read', filing())).toBe(false);
    expect(can(null, 'read', filing())).toBe(false);
  });

  it('lets the county of the filing read it, not the neighbouring county', () => {
    expect(can(actor('county_reviewer', KS), 'read', filing())).toBe(true);
    expect(can(actor('county_reviewer', WJ), 'read', filing())).toBe(false);
  });

  it('lets the city of the filing read it, not another city', () => {
    expect(can(actor('city_reviewer', SZ), 'read', filing())).toBe(true);
    expect(can(actor('city_reviewer', NJ), 'read', filing())).toBe(false);
  });

  it('hides unsubmitted drafts from every government user', () => {
    expect(can(actor('province', '320000'), 'read', filing({ status: 'draft' }))).toBe(false);
    expect(can(actor('county_reviewer', KS), 'read', filing({ status: 'draft' }))).toBe(false);
    expect(can(actor('enterprise', null, 'e-ks'), 'read', filing({ status: 'draft' }))).toBe(true);
  });

  it('lets the province read everything submitted', () => {
    expect(can(actor('province', '320000'), 'read', filing({ countyCode: NJ_COUNTY, cityCode: NJ }))).toBe(
      true,
    );
  });

  it('lets none of the three administrators read or export a filing (三员分立)', () => {
    for (const role of ['admin', 'security_admin', 'audit_admin'] as const) {
      for (const action of ['read', 'export', 'transfer'] as const) {
        expect(can(actor(role, '320000'), action, filing())).toBe(false);
      }
    }
  });
});

describe('can(): the status table', () => {
  it('gives the county approve/return/refuse/transfer at county_review, and nothing at city_review', () => {
    const county = actor('county_reviewer', KS);
    for (const a of ['county_approve', 'county_return', 'refuse', 'transfer'] as const) {
      expect(can(county, a, filing())).toBe(true);
    }
    expect(can(county, 'city_approve', filing())).toBe(false);
    expect(can(county, 'county_approve', filing({ status: 'city_review' }))).toBe(false);
  });

  it('gives the city approve/return/return-to-county/refuse at city_review only', () => {
    const city = actor('city_reviewer', SZ);
    for (const a of ['city_approve', 'city_return', 'city_return_to_county', 'refuse'] as const) {
      expect(can(city, a, filing({ status: 'city_review' }))).toBe(true);
      expect(can(city, a, filing({ status: 'approved' }))).toBe(false);
    }
    expect(can(city, 'county_approve', filing())).toBe(false);
  });

  it('lets the enterprise edit only drafts and returned filings, and withdraw only before the county acts', () => {
    const ent = actor('enterprise', null, 'e-ks');
    expect(can(ent, 'edit', filing({ status: 'draft' }))).toBe(true);
    expect(can(ent, 'edit', filing({ status: 'returned' }))).toBe(true);
    expect(can(ent, 'edit', filing({ status: 'county_review' }))).toBe(false);
    expect(can(ent, 'edit', filing({ status: 'withdrawn' }))).toBe(true);
    expect(can(ent, 'withdraw', filing({ status: 'county_review' }))).toBe(true);
    expect(can(ent, 'withdraw', filing({ status: 'city_review' }))).toBe(false);
    expect(can(ent, 'county_approve', filing())).toBe(false);
  });
});

/** A deliberately simple reference model written independently of the table, for the property test. */
function reference(a: Actor, action: FilingAction, r: FilingRecord): boolean {
  const inRegion =
    (a.role === 'enterprise' && a.enterpriseId !== null && a.enterpriseId === r.enterpriseId) ||
    (a.role === 'county_reviewer' && a.regionCode !== null && a.regionCode === r.countyCode) ||
    (a.role === 'city_reviewer' && a.regionCode !== null && a.regionCode === r.cityCode) ||
    a.role === 'province';
  if (!inRegion) return false;
  const s = r.status;
  const gov = a.role !== 'enterprise';
  if (gov && s === 'draft') return false;
  const rules: Record<FilingAction, boolean> = {
    read: true,
    edit: a.role === 'enterprise' && ['draft', 'returned', 'withdrawn'].includes(s),
    submit: a.role === 'enterprise' && ['draft', 'returned', 'withdrawn'].includes(s),
    withdraw: a.role === 'enterprise' && s === 'county_review',
    export: gov,
    county_approve: a.role === 'county_reviewer' && s === 'county_review',
    county_return: a.role === 'county_reviewer' && s === 'county_review',
    city_approve: a.role === 'city_reviewer' && s === 'city_review',
    city_return: a.role === 'city_reviewer' && s === 'city_review',
    city_return_to_county: a.role === 'city_reviewer' && s === 'city_review',
    refuse:
      (a.role === 'county_reviewer' && s === 'county_review') ||
      (a.role === 'city_reviewer' && s === 'city_review'),
    transfer: gov && s === 'county_review',
  };
  return rules[action];
}

describe('can() against the reference model (property)', () => {
  const regions = [KS, WJ, SZ, NJ, NJ_COUNTY, '320000', null];
  const enterprises = ['e-ks', 'e-wj'];
  const arbActor = fc.record({
    userId: fc.constant('u'),
    username: fc.constant('u'),
    displayName: fc.constant('u'),
    role: fc.constantFrom(...ROLES),
    regionCode: fc.constantFrom(...regions),
    enterpriseId: fc.constantFrom(...enterprises, null),
  });
  const arbRecord = fc.record({
    enterpriseId: fc.constantFrom(...enterprises),
    countyCode: fc.constantFrom(KS, WJ, NJ_COUNTY, null),
    cityCode: fc.constantFrom(SZ, NJ, null),
    status: fc.constantFrom<FilingStatus>(...FILING_STATUSES),
  });
  const arbAction = fc.constantFrom<FilingAction>(
    'read',
    'edit',
    'submit',
    'withdraw',
    'export',
    ...REVIEW_ACTIONS,
  );

  it('agrees on every actor, action and record', () => {
    fc.assert(
      fc.property(arbActor, arbAction, arbRecord, (a, action, r) => {
        expect(can(a, action, r)).toBe(reference(a, action, r));
      }),
      { numRuns: 5000 },
    );
  });
});
