import fc from 'fast-check';
import { centsToAmount } from '../money';
import {
  SPECIALIZED_SME_2022,
  evaluateSpecializedSme,
  type SpecializedSmeInput,
} from './specialized-sme-2022';
import { averageGrowth } from './growth';
import { percent } from '../money';

const top = (): SpecializedSmeInput => ({
  nicheYears: 10,
  lastYear: {
    operatingRevenue: 5000,
    mainBusinessRevenue: 4500,
    netProfit: 600,
    rdExpense: 600,
    totalAssets: 5000,
    totalLiabilities: 2000,
    employees: 100,
    rdEmployees: 30,
  },
  yearBefore: { mainBusinessRevenue: 3600, rdExpense: 500 },
  twoYearsBefore: { mainBusinessRevenue: 3000 },
  mainProductField: 'keyLink',
  digitalLevel: 3,
  quality: { ownBrand: true, qualitySystemCertified: true },
  intellectualProperty: [{ class: 'I', highValue: true, relatedToMainProduct: true }],
  rdInstitutionLevel: 'national',
  featurePoints: 15,
});

describe('evaluateSpecializedSme', () => {
  it('scores 100 at every top option and meets all four conditions', () => {
    const r = evaluateSpecializedSme(top());
    expect(r.total).toBe(100);
    expect(r.status).toBe('scored');
    expect(r.conditions.map((c) => c.status)).toEqual(['met', 'met', 'met', 'met']);
    expect(r.qualified).toBe(true);
    expect(r.explanation.indicators).toHaveLength(13);
  });

  it('keeps 特色化 pending (null) and bounds the total', () => {
    const r = evaluateSpecializedSme({ ...top(), featurePoints: null });
    expect(r.indicators.feature).toBeNull();
    expect(r.total).toBeNull();
    expect(r.totalRange).toEqual({ min: 85, max: 100 });
    expect(r.qualifiedByScore).toBe(true);
    expect(r.reviewReasons.join()).toContain('特色化');
  });

  it('marks the [S] options toBeConfirmed in data and in explanations', () => {
    const net = SPECIALIZED_SME_2022.indicators.find((i) => i.key === 'netProfitMargin')!;
    expect(net.level).toBe('S');
    expect(net.bases[0]!.bands.every((b) => b.level === 'S')).toBe(true);
    const share = SPECIALIZED_SME_2022.indicators.find((i) => i.key === 'mainShare')!;
    expect(share.level).toBe('V');
    expect(share.bases[0]!.bands.some((b) => b.level === 'S')).toBe(false);
    const r = evaluateSpecializedSme(top());
    expect(r.explanation.indicators.find((e) => e.key === 'rdInstitution')!.toBeConfirmed).toBe(true);
    expect(r.explanation.indicators.find((e) => e.key === 'mainShare')!.toBeConfirmed).toBe(false);
  });

  it('indicator 11 takes the higher band of amount and ratio', () => {
    const input = top();
    input.lastYear.rdExpense = 150;
    input.lastYear.operatingRevenue = 1500;
    const r = evaluateSpecializedSme(input);
    expect(r.indicators.rdInvestment).toBe(10);
    expect(r.explanation.indicators.find((e) => e.key === 'rdInvestment')!.note).toContain('取较高档');
  });

  it('the growth formula is configurable: arithmetic mean vs CAGR', () => {
    // 0% then +21%: mean 10.5% -> 10 points; CAGR = sqrt(1.21) - 1 = 10% exactly -> 10 points.
    const input = top();
    input.lastYear.mainBusinessRevenue = 1210;
    input.lastYear.operatingRevenue = 1300;
    input.yearBefore.mainBusinessRevenue = 1000;
    input.twoYearsBefore.mainBusinessRevenue = 1000;
    expect(evaluateSpecializedSme(input).indicators.avgGrowth).toBe(10);
    expect(evaluateSpecializedSme(input, { growthFormula: 'cagr' }).indicators.avgGrowth).toBe(10);
    // +20% then -10%: mean 5% -> 4 points; CAGR sqrt(1.08)-1 = 3.92% -> 2 points.
    input.lastYear.mainBusinessRevenue = 1080;
    input.yearBefore.mainBusinessRevenue = 1200;
    expect(evaluateSpecializedSme(input).indicators.avgGrowth).toBe(4);
    expect(evaluateSpecializedSme(input, { growthFormula: 'cagr' }).indicators.avgGrowth).toBe(2);
  });

  it('rejects out-of-range reviewer points and bad enums', () => {
    const r = evaluateSpecializedSme({ ...top(), featurePoints: 16, rdInstitutionLevel: 'galactic' });
    expect(r.status).toBe('invalidInput');
    expect(r.errors.map((e) => e.path)).toEqual(['rdInstitutionLevel', 'featurePoints']);
  });

  it('total is the sum of indicators and within 0..100 (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 8n }),
        fc.bigInt({ min: 0n, max: 10n ** 8n }),
        fc.bigInt({ min: -(10n ** 7n), max: 10n ** 7n }),
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 0, max: 40 }),
        (rev, rd, profit, feature, years) => {
          const input = top();
          input.lastYear.operatingRevenue = centsToAmount(rev);
          input.lastYear.rdExpense = centsToAmount(rd);
          input.lastYear.netProfit = centsToAmount(profit);
          input.featurePoints = feature;
          input.nicheYears = years;
          const r = evaluateSpecializedSme(input);
          const sum = Object.values(r.indicators).reduce<number>((a, b) => a + (b ?? 0), 0);
          expect(r.total).toBe(sum);
          const cats = Object.values(r.categories).reduce<number>((a, b) => a + (b ?? 0), 0);
          expect(cats).toBe(sum);
          expect(sum).toBeGreaterThanOrEqual(0);
          expect(sum).toBeLessThanOrEqual(100);
        },
      ),
    );
  });
});

describe('averageGrowth', () => {
  it('arithmetic mean is exact', () => {
    const g = averageGrowth(116600n, 110000n, 100000n, 'arithmeticMean');
    expect(g.ok && g.display).toBe('8.00%');
    expect(g.ok && g.compare(percent('8'))).toBe(0);
  });
  it('CAGR compares exactly by squaring and displays rounded', () => {
    const g = averageGrowth(121000n, 0n, 100000n, 'cagr');
    expect(g.ok && g.compare(percent('10'))).toBe(0);
    expect(g.ok && g.display).toBe('10.00%');
    const h = averageGrowth(200000n, 0n, 100000n, 'cagr');
    expect(h.ok && h.display).toBe('41.42%');
  });
  it('cannot divide by zero', () => {
    expect(averageGrowth(1n, 0n, 1n, 'arithmeticMean').ok).toBe(false);
    expect(averageGrowth(1n, 1n, 0n, 'cagr').ok).toBe(false);
  });
});
