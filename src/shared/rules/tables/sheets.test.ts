import { describe, expect, it } from 'vitest';
import { evaluateInnovativeSme } from '../innovative-sme-2022';
import { evaluateLittleGiant } from '../little-giant-2022';
import { evaluateVersioned, STANDARD_SHEETS } from '../versioned';
import { evaluateInnovativeVersioned } from './innovative-sme-2022';
import { evaluateLittleGiantVersioned } from './little-giant-2022';

const giant2022 = {
  nicheYears: 5,
  lastYear: {
    operatingRevenue: 12000,
    mainBusinessRevenue: 11000,
    rdExpense: 600,
    totalAssets: 10000,
    totalLiabilities: 5000,
    employees: 300,
    rdEmployees: 60,
  },
  yearBefore: { operatingRevenue: 10000, mainBusinessRevenue: 9500, rdExpense: 500 },
  twoYearsBefore: { mainBusinessRevenue: 8000 },
  nationalMarketShare: 12,
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
};

const innovative = {
  intellectualProperty: [{ class: 'I', selfDeveloped: true, highValue: false, relatedToMainProduct: true }],
  lastYear: {
    operatingRevenue: 3000,
    rdExpense: 100,
    mainBusinessRevenue: 2000,
    totalAssets: 5000,
    totalLiabilities: 3000,
  },
  yearBefore: { mainBusinessRevenue: 1800 },
  mainProductStrategicEmerging: false,
  direct: {},
};

describe('2022 standards: thresholds as versioned data', () => {
  it('the built-in sheet reproduces the evaluator exactly', () => {
    const { version, thresholds, ...lg } = evaluateLittleGiantVersioned(giant2022);
    expect(lg).toEqual(evaluateLittleGiant(giant2022));
    expect(version).toBe(1);
    expect(thresholds.every((t) => !t.corrected)).toBe(true);
    const inn = evaluateInnovativeVersioned(innovative);
    expect({ ...inn, version: undefined, thresholds: undefined }).toEqual({
      ...evaluateInnovativeSme(innovative),
      version: undefined,
      thresholds: undefined,
    });
  });

  it('a corrected 小巨人 threshold changes the outcome and is recorded', () => {
    expect(evaluateLittleGiant(giant2022).qualified).toBe(true);
    const r = evaluateLittleGiantVersioned(giant2022, { version: 2, values: { classOneIpMin: '4' } });
    expect(r.qualified).toBe(false);
    expect(r.conditions.find((c) => c.id === 'ip')?.status ?? r.aspects['新']).toBe('unmet');
    expect(r.version).toBe(2);
    expect(r.thresholds.find((t) => t.key === 'classOneIpMin')).toMatchObject({
      value: '4',
      corrected: true,
    });
  });

  it('a corrected 创新型 floor changes qualifiedByScore', () => {
    const base = evaluateInnovativeVersioned(innovative);
    expect(base.total).toBe(70);
    expect(base.qualifiedByScore).toBe(true);
    const r = evaluateInnovativeVersioned(innovative, { version: 2, values: { totalFloor: '71' } });
    expect(r.qualifiedByScore).toBe(false);
    expect(r.explanation.floors[0]!.floor).toBe(71);
    // A band edge moved: R&D 100 of 3000 (3.33%) is band B at 3%, band C when B starts at 3.5%.
    const banded = evaluateInnovativeVersioned(innovative, { version: 3, values: { 'rdRatio.B': '3.5' } });
    expect(banded.indicators.rdRatio).toBe(10);
  });

  it('every sheet is evaluable by id and refuses unknown threshold keys', () => {
    for (const s of STANDARD_SHEETS) {
      expect(() => evaluateVersioned(s.id, {})).not.toThrow();
      expect(() => evaluateVersioned(s.id, {}, { params: { version: 2, values: { nope: '1' } } })).toThrow(
        /Unknown parameter/,
      );
    }
    expect(() => evaluateVersioned('nope', {})).toThrow(/Unknown standard/);
  });
});
