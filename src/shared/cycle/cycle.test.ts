import {
  clearanceOpensAt,
  clearanceProposals,
  DEFAULT_CLEARANCE_GRACE_DAYS,
  extendedValidTo,
  reminderSchedule,
  remindersToSchedule,
  rereviewRefusal,
  updateObligations,
} from './index';

// The 2023 pattern: filing 2023-02-20 00:00 to 2023-03-24 23:59:59.999 (Asia/Shanghai).
const campaign = {
  year: 2023,
  filingOpensAt: new Date('2023-02-20T00:00:00+08:00'),
  filingClosesAt: new Date('2023-03-24T23:59:59.999+08:00'),
};

describe('reminderSchedule', () => {
  it('reminds at 09:00 Shanghai at the opening, halfway, 7 days and 1 day before the deadline', () => {
    expect(reminderSchedule(campaign).map((r) => [r.stage, r.at.toISOString()])).toEqual([
      ['opening', '2023-02-20T01:00:00.000Z'],
      ['halfway', '2023-03-08T01:00:00.000Z'],
      ['before_7d', '2023-03-17T01:00:00.000Z'],
      ['before_1d', '2023-03-23T01:00:00.000Z'],
    ]);
  });

  it('reminds at the opening itself when the window opens after 09:00', () => {
    const s = reminderSchedule({ ...campaign, filingOpensAt: new Date('2023-02-20T14:30:00+08:00') });
    expect(s[0]).toEqual({ stage: 'opening', at: new Date('2023-02-20T14:30:00+08:00') });
  });

  it('drops stages outside a short window', () => {
    const s = reminderSchedule({
      filingOpensAt: new Date('2023-03-20T00:00:00+08:00'),
      filingClosesAt: new Date('2023-03-24T23:59:59.999+08:00'),
    });
    expect(s.map((r) => r.stage)).toEqual(['opening', 'halfway', 'before_1d']);
    expect(
      reminderSchedule({ filingOpensAt: campaign.filingClosesAt, filingClosesAt: campaign.filingOpensAt }),
    ).toEqual([]);
  });

  it('a campaign scheduled late keeps the latest due reminder and the future ones; none after the deadline', () => {
    const now = new Date('2023-03-10T12:00:00+08:00');
    expect(remindersToSchedule(campaign, now).map((r) => r.stage)).toEqual([
      'halfway',
      'before_7d',
      'before_1d',
    ]);
    expect(remindersToSchedule(campaign, new Date('2023-03-25T00:00:00+08:00'))).toEqual([]);
  });
});

describe('updateObligations', () => {
  const asOf = new Date('2023-03-01T10:00:00+08:00');
  const ents = [
    { id: 'a', dbStatus: 'in_db', countyCode: '320583', cityCode: '320500' },
    { id: 'b', dbStatus: 'in_db', countyCode: '320583', cityCode: '320500' },
    { id: 'c', dbStatus: 'cleared', countyCode: '320583', cityCode: '320500' },
    { id: 'd', dbStatus: 'none', countyCode: '320583', cityCode: '320500' },
    { id: 'e', dbStatus: 'in_db', countyCode: '320583', cityCode: '320500' },
  ];
  const recs = [
    {
      enterpriseId: 'a',
      kind: 'innovative',
      validFrom: '2022-04-10',
      validTo: '2025-04-09',
      status: 'valid',
    },
    // expired
    {
      enterpriseId: 'b',
      kind: 'innovative',
      validFrom: '2019-04-10',
      validTo: '2022-04-09',
      status: 'valid',
    },
    // revoked
    {
      enterpriseId: 'e',
      kind: 'little_giant',
      validFrom: '2022-01-01',
      validTo: '2024-12-31',
      status: 'revoked',
    },
    // a declared honour does not make it priority
    { enterpriseId: 'b', kind: 'declared', validFrom: '2022-01-01', validTo: '2030-01-01', status: 'valid' },
  ];
  it('lists every in-database enterprise, priority when it holds a valid 创新型 / 专精特新 recognition', () => {
    expect(updateObligations(ents, recs, asOf)).toEqual([
      { enterpriseId: 'a', priority: true },
      { enterpriseId: 'b', priority: false },
      { enterpriseId: 'e', priority: false },
    ]);
    const spec = [
      {
        enterpriseId: 'e',
        kind: 'provincial_specialized',
        validFrom: '2022-01-01',
        validTo: '2024-12-31',
        status: 'valid',
      },
    ];
    expect(updateObligations(ents, spec, asOf).find((o) => o.enterpriseId === 'e')?.priority).toBe(true);
  });
});

describe('clearanceProposals', () => {
  const ents = [
    { id: 'none', dbStatus: 'in_db', countyCode: '320583', cityCode: '320500' },
    { id: 'draft', dbStatus: 'in_db', countyCode: '320583', cityCode: '320500' },
    { id: 'returned', dbStatus: 'in_db', countyCode: '320509', cityCode: '320500' },
    { id: 'submitted', dbStatus: 'in_db', countyCode: '320583', cityCode: '320500' },
    { id: 'approved', dbStatus: 'in_db', countyCode: '320583', cityCode: '320500' },
    { id: 'entered', dbStatus: 'in_db', countyCode: '320583', cityCode: '320500' },
    { id: 'cleared', dbStatus: 'cleared', countyCode: '320583', cityCode: '320500' },
    { id: 'noregion', dbStatus: 'in_db', countyCode: null, cityCode: null },
  ];
  const filings = [
    { enterpriseId: 'draft', kind: 'update', status: 'draft' },
    { enterpriseId: 'returned', kind: 'update', status: 'returned' },
    { enterpriseId: 'submitted', kind: 'update', status: 'county_review' },
    { enterpriseId: 'approved', kind: 'update', status: 'approved' },
    { enterpriseId: 'entered', kind: 'entry', status: 'approved' },
  ];
  const opens = clearanceOpensAt(campaign, DEFAULT_CLEARANCE_GRACE_DAYS);

  it('opens 15 days after the deadline day by default', () => {
    expect(opens.toISOString()).toBe('2023-04-08T16:00:00.000Z'); // 2023-04-09 00:00 Shanghai
    const before = clearanceProposals({
      campaign,
      now: new Date(opens.getTime() - 1),
      enterprises: ents,
      filings,
    });
    expect(before.proposals).toEqual([]);
  });

  it('proposes in-database enterprises without a submitted or approved update, with a Chinese reason', () => {
    const r = clearanceProposals({ campaign, now: opens, enterprises: ents, filings });
    expect(r.proposals.map((p) => p.enterpriseId)).toEqual(['none', 'draft', 'returned']);
    expect(r.unrouted).toEqual(['noregion']);
    expect(r.proposals[0]!.reason).toContain('2023年3月24日');
    expect(r.proposals[0]!.reason).toContain('15天宽限期');
  });

  it('takes a configurable grace period', () => {
    const now = new Date('2023-03-26T00:00:00+08:00');
    expect(clearanceProposals({ campaign, now, enterprises: ents, filings }).proposals).toEqual([]);
    const r = clearanceProposals({ campaign, now, enterprises: ents, filings, graceDays: 1 });
    expect(r.proposals).toHaveLength(3);
    expect(r.proposals[0]!.reason).toContain('1天宽限期');
  });
});

describe('复核', () => {
  const rec = (validTo: string, status = 'valid') => ({
    enterpriseId: 'a',
    kind: 'innovative',
    validFrom: '2020-04-10',
    validTo,
    status,
  });
  it('allows a 复核 only when a 创新型 recognition ends in the campaign year', () => {
    expect(rereviewRefusal('in_db', [rec('2023-04-09')], 2023)).toBeNull();
    expect(rereviewRefusal('in_db', [rec('2024-04-09')], 2023)).toContain('2023年到期');
    expect(rereviewRefusal('in_db', [rec('2023-04-09', 'revoked')], 2023)).not.toBeNull();
    expect(rereviewRefusal('cleared', [rec('2023-04-09')], 2023)).toContain('在库');
  });
  it('extends the validity by 3 years from the old last day', () => {
    expect(extendedValidTo('2023-04-09')).toBe('2026-04-09');
    expect(extendedValidTo('2024-02-29')).toBe('2027-02-28');
    expect(extendedValidTo(new Date('2023-04-09T23:59:59.999+08:00'))).toBe('2026-04-09');
  });
});
