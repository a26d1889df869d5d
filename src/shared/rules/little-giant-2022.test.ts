import { evaluateLittleGiant, type LittleGiantInput } from './little-giant-2022';

const ok = (): LittleGiantInput => ({
  nicheYears: 5,
  lastYear: {
    operatingRevenue: 20000,
    mainBusinessRevenue: 18000,
    rdExpense: 1000,
    totalAssets: 10000,
    totalLiabilities: 5000,
    employees: 200,
    rdEmployees: 40,
  },
  yearBefore: { operatingRevenue: 16000, mainBusinessRevenue: 15000, rdExpense: 800 },
  twoYearsBefore: { mainBusinessRevenue: 12000 },
  nationalMarketShare: '12.5',
  classOneIpCount: 3,
  reviewer: {
    isSpecializedSme: true,
    strategyAndGovernance: true,
    coreBusinessInfoSystem: true,
    certification: true,
    ownBrand: true,
    rdInstitution: true,
    ipAppliedWithBenefit: true,
    chain: true,
    product: true,
  },
});

describe('evaluateLittleGiant', () => {
  it('meets every aspect', () => {
    const r = evaluateLittleGiant(ok());
    expect(r.qualified).toBe(true);
    expect(Object.values(r.aspects).every((s) => s === 'met')).toBe(true);
    expect(r.summary).toContain('符合');
  });

  it('lists reviewer items as pending when not yet confirmed, with Chinese text', () => {
    const input = ok();
    input.reviewer = {};
    const r = evaluateLittleGiant(input);
    expect(r.qualified).toBeNull();
    const chain = r.conditions.find((c) => c.id === 'chain')!;
    expect(chain).toMatchObject({ aspect: '链', status: 'pending', source: 'reviewer', toBeConfirmed: true });
    expect(chain.detail).toBe('待审核人员确认');
    expect(r.aspects['品']).toBe('pending');
    expect(r.summary).toContain('待确认');
  });

  it('an unmet numeric condition makes the result false even with pending items', () => {
    const input = ok();
    input.reviewer = { ...input.reviewer, chain: null };
    input.lastYear.totalLiabilities = 7000.01;
    const r = evaluateLittleGiant(input);
    expect(r.aspects['精']).toBe('unmet');
    expect(r.qualified).toBe(false);
    expect(r.conditions.find((c) => c.id === 'debtRatio')!.detail).toContain('70.00%');
  });

  it('rejects invalid reviewer values', () => {
    const input = ok() as unknown as { reviewer: Record<string, unknown> };
    input.reviewer.chain = 'yes';
    const r = evaluateLittleGiant(input);
    expect(r.status).toBe('invalidInput');
    expect(r.errors[0]!.path).toBe('reviewer.chain');
  });
});
