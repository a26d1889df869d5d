import { describe, expect, it } from 'vitest';
import { evaluateStandard, LITTLE_GIANT_2026, SPECIALIZED_SME_2026, TECH_SME_2017 } from './index';
import { evaluateTable, validThreshold } from './evaluate';

const spec = {
  isSme: true,
  basicConditionsMet: true,
  holdsTechOrInnovativeTitle: true,
  nicheYears: 5,
  lastYear: {
    operatingRevenue: 3000,
    mainBusinessRevenue: 2700,
    totalAssets: 4000,
    totalLiabilities: 2000,
    rdExpense: 150,
  },
  yearBefore: { operatingRevenue: 2600, rdExpense: 130 },
  equityInvestmentTwoYears: 0,
  classOneIp: 2,
  ipExemption: { provincialAwardTop3: false, provincialRdInstitution: false },
  marketPositionConfirmed: true,
  qualityScores: [58, null],
  review: false,
};

const giant = {
  isSme: true,
  basicConditionsMet: true,
  holdsSpecializedTitle: true,
  nicheYears: 8,
  lastYear: {
    operatingRevenue: 12000,
    mainBusinessRevenue: 11500,
    totalAssets: 15000,
    totalLiabilities: 7000,
    rdExpense: 900,
  },
  yearBefore: { operatingRevenue: 11000, rdExpense: 800 },
  twoYearsBefore: { operatingRevenue: 10000 },
  classOneIp: 6,
  nationalAwardTop3: false,
  marketShare: 15,
  domesticTop3: false,
  fieldConfirmed: true,
  qualityScores: [70, null],
  review: false,
};

describe('rules engine: conditions as data', () => {
  it('explains each unmet condition with the figure, the threshold and the clause', () => {
    const r = evaluateStandard('specialized-sme-2026', {
      ...spec,
      lastYear: { ...spec.lastYear, operatingRevenue: 1499.99, mainBusinessRevenue: 1400, rdExpense: 100 },
    });
    expect(r.unmet).toEqual(['revenue']);
    expect(r.qualified).toBe(false);
    const c = r.conditions.find((x) => x.key === 'revenue')!;
    expect(c.clause).toBe('附件1（二）');
    expect(c.leaves[0]).toMatchObject({
      figure: '1499.99 万元',
      requirement: '≥ 1500 万元',
      status: 'unmet',
    });
    expect(c.explanation).toContain('上年度营业收入 1499.99 万元，要求 ≥ 1500 万元');
    expect(r.summary).toContain('结论：不符合专精特新中小企业认定标准');
  });

  it('decides ratios exactly (R&D 100 of revenue 3333.34 is under 3%, of 3333.33 is not)', () => {
    const at = (rev: number) =>
      evaluateStandard('specialized-sme-2026', {
        ...spec,
        lastYear: { ...spec.lastYear, operatingRevenue: rev, mainBusinessRevenue: rev, rdExpense: 100 },
      }).conditions.find((c) => c.key === 'rdIntensity')!;
    expect(at(3333.34).status).toBe('unmet');
    expect(at(3333.33).status).toBe('met');
    // Exactly 3%: 53.46 of 1782.00.
    const exact = evaluateStandard('specialized-sme-2026', {
      ...spec,
      yearBefore: { operatingRevenue: 1782, rdExpense: 53.46 },
    }).conditions.find((c) => c.key === 'rdIntensity')!;
    expect(exact.leaves[1]).toMatchObject({ figure: '3.00%', status: 'met' });
  });

  it('a missing figure makes a condition pending (not assessable yet), not unmet', () => {
    const r = evaluateStandard('specialized-sme-2026', {
      ...spec,
      qualityScores: [null, null],
      marketPositionConfirmed: undefined,
    });
    expect(r.status).toBe('evaluated');
    expect(r.unmet).toEqual([]);
    expect(r.pending).toEqual(['market', 'qualityScore']);
    expect(r.qualified).toBeNull();
  });

  it('a zero denominator is pending with a reason for the reviewer', () => {
    const r = evaluateStandard('specialized-sme-2026', {
      ...spec,
      lastYear: { ...spec.lastYear, totalAssets: 0 },
    });
    expect(r.pending).toContain('debtRatio');
    expect(r.summary).toContain('上年末资产总额为 0');
  });

  it('reports malformed input as field errors', () => {
    const r = evaluateStandard('specialized-sme-2026', {
      ...spec,
      nicheYears: 2.5,
      lastYear: { ...spec.lastYear, rdExpense: '1.234' },
    });
    expect(r.status).toBe('invalidInput');
    expect(r.errors.map((e) => e.path)).toEqual(['nicheYears', 'lastYear.rdExpense']);
    expect(r.qualified).toBeNull();
  });

  it('复核: score in either of the two years counts; the [S] rule is flagged 待核实', () => {
    const input = { ...spec, qualityScores: [45, 50] };
    expect(evaluateStandard('specialized-sme-2026', input).unmet).toEqual(['qualityScore']);
    const r = evaluateStandard('specialized-sme-2026', { ...input, review: true });
    expect(r.unmet).toEqual([]);
    expect(r.qualified).toBe(true);
    const q = r.conditions.find((c) => c.key === 'qualityScore')!;
    expect(q.toBeConfirmed).toBe(true);
    expect(q.explanation).toContain('待核实');
    // The first-application rule is [V]: no 待核实.
    const first = evaluateStandard('specialized-sme-2026', { ...spec }).conditions.find(
      (c) => c.key === 'qualityScore',
    )!;
    expect(first.toBeConfirmed).toBe(false);
  });

  it('小巨人 复核 does not assess growth; the option overrides the input flag', () => {
    const input = { ...giant, twoYearsBefore: { operatingRevenue: 11500 } };
    expect(evaluateStandard('little-giant-2026', input).unmet).toEqual(['growth']);
    const r = evaluateStandard('little-giant-2026', input, { review: true });
    expect(r.unmet).toEqual([]);
    expect(r.conditions.find((c) => c.key === 'growth')!.status).toBe('notAssessed');
    expect(r.review).toBe(true);
  });

  it('compound growth is exact at 1.05² = 1.1025', () => {
    const at = (y3: number) =>
      evaluateStandard('little-giant-2026', {
        ...giant,
        lastYear: { ...giant.lastYear, operatingRevenue: 11025 },
        twoYearsBefore: { operatingRevenue: y3 },
      }).conditions.find((c) => c.key === 'growth')!.status;
    expect(at(10000)).toBe('met');
    expect(at(10000.01)).toBe('unmet');
  });

  it('an administrator correction of a threshold changes the outcome, and the result records it', () => {
    const input = {
      ...giant,
      lastYear: { ...giant.lastYear, operatingRevenue: 5500, mainBusinessRevenue: 5400 },
      twoYearsBefore: { operatingRevenue: 4000 },
    };
    expect(evaluateStandard('little-giant-2026', input).qualified).toBe(true);
    const r = evaluateStandard('little-giant-2026', input, {
      params: { version: 2, values: { revenueMin: '6000' } },
    });
    expect(r.unmet).toEqual(['revenue']);
    expect(r.version).toBe(2);
    expect(r.thresholds.find((t) => t.key === 'revenueMin')).toMatchObject({
      value: '6000',
      display: '6000 万元',
      corrected: true,
    });
    expect(r.thresholds.find((t) => t.key === 'mainShareMin')).toMatchObject({
      value: '90',
      corrected: false,
    });
    expect(() =>
      evaluateStandard('little-giant-2026', input, { params: { version: 2, values: { revenueMin: '-1' } } }),
    ).toThrow();
  });

  it('validates threshold corrections by unit', () => {
    expect(validThreshold('1500', 'amount')).toBe(true);
    expect(validThreshold('1500.125', 'amount')).toBe(false);
    expect(validThreshold('3.5', 'count')).toBe(false);
    expect(validThreshold('2.5', 'percent')).toBe(true);
    expect(validThreshold('abc', 'score')).toBe(false);
  });

  it('every table is consistent: params, fields and bands referenced exist; [S] is explained', () => {
    for (const t of [TECH_SME_2017, SPECIALIZED_SME_2026, LITTLE_GIANT_2026]) {
      // Evaluating an empty input touches every declared check without throwing.
      const r = evaluateTable(t, {});
      expect(r.status).toBe('evaluated');
      expect(r.qualified).toBeNull();
      expect(new Set(t.params.map((p) => p.key)).size).toBe(t.params.length);
      expect(t.conditions.every((c) => c.clause.length > 0)).toBe(true);
    }
  });
});

describe('rules engine: scored standard (科技型, 115号 第七条)', () => {
  const tech = {
    employees: 50,
    techStaff: 10,
    salesRevenue: 3000,
    totalAssets: 2500,
    rdExpense: 120,
    totalCost: 2800,
    ip: { classOne: 0, classTwo: 1 },
    basicConditionsMet: true,
    direct: {},
  };

  it('takes the better R&D ratio; a tie goes to sales', () => {
    const bySales = evaluateStandard('tech-sme-2017', tech);
    expect(bySales.bases['rd']).toBe('sales');
    expect(bySales.indicators['rd']).toBe(30);
    const byCost = evaluateStandard('tech-sme-2017', { ...tech, totalCost: 400 }); // 30% of cost → 50
    expect(byCost.bases['rd']).toBe('cost');
    expect(byCost.indicators['rd']).toBe(50);
    const tie = evaluateStandard('tech-sme-2017', { ...tech, totalCost: 600 }); // 20% of cost → 30, 4% of sales → 30
    expect(tie.bases['rd']).toBe('sales');
  });

  it('a total ≥ 60 with a zero S&T-staff score does not qualify', () => {
    const r = evaluateStandard('tech-sme-2017', {
      ...tech,
      techStaff: 4,
      rdExpense: 180,
      ip: { classOne: 1, classTwo: 0 },
    });
    expect(r.indicators).toEqual({ techStaff: 0, rd: 50, ip: 30 });
    expect(r.total).toBe(80);
    expect(r.qualified).toBe(false);
    expect(r.unmet).toEqual(['score']);
  });

  it('a direct condition qualifies even when the figures are incomplete', () => {
    const r = evaluateStandard('tech-sme-2017', {
      ...tech,
      totalCost: undefined,
      rdExpense: undefined,
      direct: { highTech: true },
    });
    expect(r.total).toBeNull();
    expect(r.directConditions).toEqual(['highTech']);
    expect(r.qualified).toBe(true);
  });
});
