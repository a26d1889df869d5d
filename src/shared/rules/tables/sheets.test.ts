import { describe, expect, it } from 'vitest';
import { evaluateInnovativeSme } from '../innovative-sme-2022';
import { evaluateLittleGiant } from '../little-giant-2022';
import { resolveSheetParams } from '../engine/evaluate';
import type { ThresholdUsed } from '../engine/types';
import { LITTLE_GIANT_2022_TABLE } from './little-giant-2022';
import type { SpecializedSmeResult } from '../specialized-sme-2022';
import { evaluateVersioned, sheetWithValues, STANDARD_SHEETS } from '../versioned';
import { evaluateInnovativeVersioned } from '../innovative-sme-2022';
import { evaluateLittleGiantVersioned } from '../little-giant-2022';

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

describe('2022 standards on the rules engine: corrections and the texts that quote them', () => {
  const spec2022 = {
    nicheYears: 10,
    lastYear: {
      operatingRevenue: 1100,
      mainBusinessRevenue: 1000,
      netProfit: 150,
      rdExpense: 600,
      totalAssets: 5000,
      totalLiabilities: 2000,
      employees: 100,
      rdEmployees: 30,
    },
    yearBefore: { mainBusinessRevenue: 900, rdExpense: 500 },
    twoYearsBefore: { mainBusinessRevenue: 800 },
    mainProductField: 'keyLink',
    digitalLevel: 3,
    quality: { ownBrand: true, qualitySystemCertified: true },
    intellectualProperty: [{ class: 'I', selfDeveloped: false, highValue: true, relatedToMainProduct: true }],
    rdInstitutionLevel: 'national',
    featurePoints: 15,
  };

  it('专精特新 2022 thresholds are a sheet: a corrected revenue floor changes the outcome and its text', () => {
    expect(STANDARD_SHEETS.some((s) => s.id === 'specialized-sme-2022')).toBe(true);
    const base = evaluateVersioned('specialized-sme-2022', spec2022) as unknown as SpecializedSmeResult;
    expect(base.qualified).toBe(true);
    expect(base.conditions.find((c) => c.id === 'revenue')!.text).toContain('1000万元以上');
    const r = evaluateVersioned('specialized-sme-2022', spec2022, {
      params: { version: 2, values: { revenueMin: '1200' } },
    }) as unknown as SpecializedSmeResult & { version: number; thresholds: ThresholdUsed[] };
    expect(r.qualified).toBe(false);
    expect(r.conditions.find((c) => c.id === 'revenue')).toMatchObject({ status: 'unmet' });
    expect(r.conditions.find((c) => c.id === 'revenue')!.text).toContain('1200万元以上');
    expect(r.version).toBe(2);
    expect(r.thresholds.find((t) => t.key === 'revenueMin')).toMatchObject({
      value: '1200',
      corrected: true,
    });
    // A band edge is a threshold too: R&D 600 of 1100 is band A by amount (≥ 500); at 700 it is band B (≥ 400).
    const banded = evaluateVersioned('specialized-sme-2022', spec2022, {
      params: { version: 3, values: { 'rdInvestment.A': '700', 'rdInvestment.ratio.A': '60' } },
    }) as unknown as SpecializedSmeResult;
    expect(banded.indicators.rdInvestment).toBe(8);
  });

  it('2022 小巨人 texts quote the corrected numbers, not the original ones', () => {
    const r = evaluateLittleGiantVersioned(giant2022, {
      version: 2,
      values: { debtRatioMax: '45', mainShareMin: '75', classOneIpMin: '3' },
    });
    const text = (id: string) => r.conditions.find((c) => c.id === id)!.text;
    expect(text('debtRatio')).toBe('截至上年末资产负债率不高于45%');
    expect(text('mainShare')).toBe('主营业务收入总额占营业收入总额比重不低于75%');
    expect(text('classOneIp')).toContain('拥有3项以上');
    expect(r.conditions.map((c) => c.text).join()).not.toContain('70%');
    expect(r.conditions.find((c) => c.id === 'debtRatio')!.status).toBe('unmet');
    // The standards page's condition texts follow the version in force as well.
    const sheet = sheetWithValues('little-giant-2022', { debtRatioMax: '45' })!;
    expect(sheet.conditions.find((c) => c.key === '精')!.title).toContain('不高于45%');
    expect(sheetWithValues('little-giant-2022', {})!.conditions.find((c) => c.key === '精')!.title).toContain(
      '不高于70%',
    );
  });
});

describe('resolved thresholds are shared per version, never mixed between versions', () => {
  it('returns one map per correction and keeps the built-in values apart', () => {
    const a = resolveSheetParams(LITTLE_GIANT_2022_TABLE, { debtRatioMax: '65', mainShareMin: '75' });
    const b = resolveSheetParams(LITTLE_GIANT_2022_TABLE, { mainShareMin: '75', debtRatioMax: '65' });
    expect(b).toBe(a);
    expect(resolveSheetParams(LITTLE_GIANT_2022_TABLE).get('debtRatioMax')!.value).toBe('70');
    const corrected = evaluateLittleGiantVersioned(giant2022, { version: 2, values: { debtRatioMax: '45' } });
    const builtIn = evaluateLittleGiantVersioned(giant2022);
    expect(corrected.conditions.find((c) => c.id === 'debtRatio')!.text).toContain('45%');
    expect(builtIn.conditions.find((c) => c.id === 'debtRatio')!.text).toContain('70%');
    expect(builtIn.thresholds.every((t) => !t.corrected)).toBe(true);
  });
});
