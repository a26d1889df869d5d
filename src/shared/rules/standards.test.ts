import { STANDARDS, createStandardRegistry, standardById, standardFor, type StandardDef } from './standards';
import { evaluateInnovativeSme } from './innovative-sme-2022';

const filing = {
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

const fake2026: StandardDef = {
  id: 'innovative-sme-2026',
  kind: 'innovative-sme',
  title: '测试用2026年标准',
  documentNumber: '测试〔2026〕1号',
  effectiveFrom: '2026-04-01',
  effectiveTo: null,
  evaluate: () => ({ total: 0, standardId: 'innovative-sme-2026' }),
};

describe('standards registry', () => {
  it('lists the 2022 standards with document numbers and periods', () => {
    expect(STANDARDS.list().map((s) => s.id)).toEqual([
      'sme-size-2011',
      'innovative-sme-2022',
      'specialized-sme-2022',
      'little-giant-2022',
      'tech-sme-2017',
      'specialized-sme-2026',
      'little-giant-2026',
    ]);
    expect(standardById('innovative-sme-2022')!.documentNumber).toBe('工信部企业〔2022〕63号');
    expect(standardById('sme-size-2011')!.documentNumber).toBe('工信部联企业〔2011〕300号');
  });

  it('picks the standard in force on a date', () => {
    expect(standardFor('innovative-sme', '2023-03-01')!.id).toBe('innovative-sme-2022');
    expect(standardFor('specialized-sme', '2023-03-01T10:00:00+08:00')!.id).toBe('specialized-sme-2022');
    expect(standardFor('specialized-sme', '2026-03-31')!.id).toBe('specialized-sme-2022');
    expect(standardFor('specialized-sme', '2026-04-01')!.id).toBe('specialized-sme-2026');
    expect(standardFor('little-giant', '2026-03-31')!.id).toBe('little-giant-2022');
    expect(standardFor('little-giant', '2026-04-01')!.id).toBe('little-giant-2026');
    expect(standardFor('tech-sme', '2026-06-01')!.id).toBe('tech-sme-2017');
    expect(standardFor('innovative-sme', '2021-12-31')).toBeUndefined();
    expect(() => standardFor('innovative-sme', 'yesterday')).toThrow();
  });

  it('registering a 2026 standard does not change scoring by id or for 2023 dates', () => {
    const before = STANDARDS.evaluate('innovative-sme-2022', filing);
    const reg = STANDARDS.register(fake2026);
    // The new standard applies from its own date only.
    expect(reg.standardFor('innovative-sme', '2026-04-01')!.id).toBe('innovative-sme-2026');
    expect(reg.standardFor('innovative-sme', '2023-03-01')!.id).toBe('innovative-sme-2022');
    expect(reg.standardFor('innovative-sme', '2026-03-31')!.id).toBe('innovative-sme-2022');
    expect(reg.byId('innovative-sme-2022')!.effectiveTo).toBe('2026-03-31');
    // Scoring by the recorded id is unchanged.
    const after = reg.evaluate('innovative-sme-2022', filing);
    expect(after).toEqual(before);
    expect((after as { total: number }).total).toBe(70);
    expect(after).toEqual(evaluateInnovativeSme(filing));
    // The default registry is untouched (registries are immutable).
    expect(STANDARDS.byId('innovative-sme-2026')).toBeUndefined();
    expect(STANDARDS.byId('innovative-sme-2022')!.effectiveTo).toBeNull();
  });

  it('rejects duplicate ids and overlapping periods of the same kind', () => {
    expect(() => STANDARDS.register({ ...fake2026, id: 'innovative-sme-2022' })).toThrow(/Duplicate/);
    expect(() =>
      createStandardRegistry([
        { ...fake2026, id: 'a', effectiveFrom: '2022-01-01', effectiveTo: '2023-12-31' },
        { ...fake2026, id: 'b', effectiveFrom: '2023-12-31', effectiveTo: null },
      ]),
    ).toThrow(/overlaps/);
    expect(() => STANDARDS.evaluate('nope', {})).toThrow(/Unknown/);
  });
});
