import { evaluateInnovativeSme } from '../rules/innovative-sme-2022';
import { assessFiling, highTechValidOn, innovativeSmeInputOf, type FilingContext } from './index';
import { sampleSections } from './fixtures';

const ctx: FilingContext = { campaignYear: 2023, asOf: '2023-03-01', kind: 'entry' };
type Obj = Record<string, unknown>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The sample without any direct condition (score path only). */
function scorePathSample(): Record<string, Obj> {
  const s = clone(sampleSections(ctx)) as Record<string, Obj>;
  s['recognitions'] = { ...s['recognitions'], highTech: { held: false, certificateNo: '', issueDate: '' } };
  return s;
}

const met = (a: ReturnType<typeof assessFiling>) => a.directConditions.filter((d) => d.met).map((d) => d.key);

describe('assessFiling on the realistic sample (昆山 precision machinery, campaign 2023)', () => {
  it('scores 90 by hand: IP 15, R&D 4.5% 15, growth 15.18% 20, debt 45% 10, field 10, main share 93.88% 20', () => {
    const a = assessFiling(scorePathSample(), ctx);
    expect(a.fiscalYear).toBe(2022);
    expect(a.standardId).toBe('innovative-sme-2022');
    expect(a.innovative.status).toBe('scored');
    expect(a.innovative.indicators).toEqual({
      ip: 15,
      rdRatio: 15,
      growth: 20,
      debtRatio: 10,
      field: 10,
      mainShare: 20,
    });
    expect(a.innovative.total).toBe(90);
    expect(a.innovative.categories).toEqual({ innovation: 30, growth: 30, specialization: 30 });
    expect(a.innovative.qualifiedByScore).toBe(true);
    expect(a.innovative.qualified).toBe(true);
    expect(a.innovative.directConditions).toEqual([]);
    expect(met(a)).toEqual([]);
    // exact ratios
    expect(a.ratios.rdShare).toEqual({ num: '9', den: '200', display: '4.50%' });
    expect(a.ratios.debtRatio).toEqual({ num: '9', den: '20', display: '45.00%' });
    expect(a.ratios.growth?.display).toBe('15.18%');
    expect(a.ratios.mainShare?.display).toBe('93.88%');
    // size: 工业, 186 人 (小型) and 8650 万元 (中型) → 小型
    expect(a.size?.size).toBe('small');
    expect(a.isSme).toBe(true);
    expect(a.warnings).toEqual([]);
    expect(a.ipItemCount).toBe(3);
  });

  it('is plain JSON (the server freezes it) and accepts a full ISO timestamp as asOf', () => {
    const a = assessFiling(sampleSections(ctx), ctx);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    expect(assessFiling(sampleSections(ctx), { ...ctx, asOf: '2023-03-01T09:30:00+08:00' })).toEqual(a);
  });

  it('innovativeSmeInputOf gives the engine input the assessment used', () => {
    const input = innovativeSmeInputOf(sampleSections(ctx), ctx);
    expect(input).toMatchObject({
      lastYear: { operatingRevenue: '8650.00', rdExpense: '389.25', mainBusinessRevenue: '8120.50' },
      yearBefore: { mainBusinessRevenue: '7050.00' },
      mainProductStrategicEmerging: true,
      direct: { validHonor: true, equityFinancing3Years: '0.00' },
    });
    expect((input['intellectualProperty'] as unknown[])[0]).toMatchObject({
      class: 'I',
      number: 'ZL201910123456.7',
    });
    expect(evaluateInnovativeSme(input)).toEqual(assessFiling(sampleSections(ctx), ctx).innovative);
  });

  it('the sample as shipped also meets the 高企 direct condition', () => {
    const a = assessFiling(sampleSections(ctx), ctx);
    expect(met(a)).toEqual(['validHonor']);
    expect(a.innovative.directConditions).toEqual(['validHonor']);
    expect(a.directConditions.find((d) => d.key === 'validHonor')?.evidence).toContain('GR202132001234');
  });

  it('a high-value class I patent lifts IP to 20; one transferred less than a year ago does not count', () => {
    const s = scorePathSample();
    const inn = s['innovation'] as { ipItems: Obj[] };
    inn.ipItems = [
      {
        category: '发明专利',
        number: 'ZL202210000001.1',
        name: '一种高价值专利',
        grantDate: '2022-01-10',
        acquisition: '受让',
        transferDate: '2022-03-02',
        relatedToMainProduct: true,
        highValueBasis: ['海外同族专利'],
      },
    ];
    const early = assessFiling(s, ctx); // 2022-03-02 + 1 year = 2023-03-02 > 2023-03-01
    expect(early.innovative.indicators.ip).toBe(0);
    expect(early.excludedIp).toHaveLength(1);
    expect(early.warnings.join()).toContain('未满 1 年');
    const onTheDay = assessFiling(s, { ...ctx, asOf: '2023-03-02' });
    expect(onTheDay.innovative.indicators.ip).toBe(20);
    expect(onTheDay.excludedIp).toEqual([]);
  });

  it('class II IP only reaches option D; IP unrelated to the main product does not count', () => {
    const s = scorePathSample();
    const inn = s['innovation'] as { ipItems: Obj[] };
    inn.ipItems = inn.ipItems.slice(1); // utility model + software copyright
    expect(assessFiling(s, ctx).innovative.indicators.ip).toBe(5);
    inn.ipItems = inn.ipItems.map((i) => ({ ...i, relatedToMainProduct: false }));
    expect(assessFiling(s, ctx).innovative.indicators.ip).toBe(0);
  });

  it('a main product outside the strategic emerging fields scores 5', () => {
    const s = scorePathSample();
    const rows = (s['products'] as { mainProducts: Obj[] }).mainProducts;
    rows[0] = { ...rows[0], strategicEmergingField: 'other' };
    expect(assessFiling(s, ctx).innovative.indicators.field).toBe(5);
  });
});

describe('direct conditions at the edges', () => {
  const withRec = (rec: Obj): Record<string, Obj> => {
    const s = scorePathSample();
    s['recognitions'] = { ...s['recognitions'], ...rec };
    return s;
  };

  it('高企: valid from the issue date for exactly 3 years', () => {
    expect(highTechValidOn('2020-03-01', '2023-02-28')).toBe(true);
    expect(highTechValidOn('2020-03-01', '2023-03-01')).toBe(false);
    expect(highTechValidOn('2020-03-01', '2020-03-01')).toBe(true);
    expect(highTechValidOn('2020-03-02', '2020-03-01')).toBe(false);
    expect(highTechValidOn('2020-02-29', '2023-02-28')).toBe(true);
    expect(highTechValidOn('2020-02-29', '2023-03-01')).toBe(false);
    const s = withRec({ highTech: { held: true, certificateNo: 'GR202032000001', issueDate: '2020-03-01' } });
    expect(met(assessFiling(s, { ...ctx, asOf: '2023-02-28' }))).toEqual(['validHonor']);
    const expired = assessFiling(s, { ...ctx, asOf: '2023-03-01' });
    expect(met(expired)).toEqual([]);
    expect(expired.directConditions[1]!.evidence).toContain('有效期');
  });

  it('知识产权优势/示范企业: valid while validUntil ≥ asOf; 国家级技术创新示范企业 counts when held', () => {
    const s = withRec({
      ipAdvantageOrDemo: { held: true, type: '知识产权示范企业', validUntil: '2023-03-01' },
    });
    expect(met(assessFiling(s, ctx))).toEqual(['validHonor']);
    expect(met(assessFiling(s, { ...ctx, asOf: '2023-03-02' }))).toEqual([]);
    const td = withRec({ techInnovationDemo: { held: true, year: 2019 } });
    expect(met(assessFiling(td, ctx))).toEqual(['validHonor']);
  });

  it('科技奖励: counts when year ≥ campaignYear − 3', () => {
    const award = (year: number) =>
      withRec({
        sciTechAwards: [{ level: 'provincial', name: '江苏省科学技术奖', grade: '三等奖', rank: 2, year }],
      });
    expect(met(assessFiling(award(2020), ctx))).toEqual(['sciTechAward']);
    expect(met(assessFiling(award(2019), ctx))).toEqual([]);
  });

  it('研发机构: 国家级 or 省级 only', () => {
    const s = scorePathSample();
    const inn = s['innovation'] as { rdInstitutions: Obj[] };
    expect(met(assessFiling(s, ctx))).toEqual([]); // 市级
    inn.rdInstitutions[0] = { ...inn.rdInstitutions[0], level: '省级' };
    expect(met(assessFiling(s, ctx))).toEqual(['rdInstitution']);
  });

  it('股权融资: the three years sum to ≥ 500 万元 (exactly 500 counts), derived from 经营情况', () => {
    const s = scorePathSample();
    const years = (s['operations'] as { years: Record<string, Obj> }).years;
    years['2020']!['equityFinancing'] = '200.00';
    years['2021']!['equityFinancing'] = '150.005'; // invalid: not counted
    years['2022']!['equityFinancing'] = '299.99';
    const below = assessFiling(s, ctx);
    expect(below.equityFinancing3Years).toBe('499.99');
    expect(met(below)).toEqual([]);
    years['2021']!['equityFinancing'] = '0.01';
    const edge = assessFiling(s, ctx);
    expect(edge.equityFinancing3Years).toBe('500.00');
    expect(met(edge)).toEqual(['equityFinancing']);
    expect(edge.innovative.directConditions).toEqual(['equityFinancing']);
  });
});

describe('warnings', () => {
  it('a large enterprise gets the 不符合入库条件 warning', () => {
    const s = scorePathSample();
    const years = (s['operations'] as { years: Record<string, Obj> }).years;
    years['2022'] = {
      ...years['2022'],
      employees: 1200,
      operatingRevenue: '52000.00',
      mainBusinessRevenue: '50000',
    };
    const a = assessFiling(s, ctx);
    expect(a.size?.size).toBe('large');
    expect(a.isSme).toBe(false);
    expect(a.warnings.join('\n')).toContain(
      '根据《中小企业划型标准规定》，贵企业属于大型企业，不符合入库条件',
    );
  });

  it('main revenue above revenue, R&D above revenue and growth above 200% are warned about', () => {
    const s = scorePathSample();
    const years = (s['operations'] as { years: Record<string, Obj> }).years;
    years['2022'] = { ...years['2022'], mainBusinessRevenue: '9000', rdExpense: '9100' };
    years['2021'] = { ...years['2021'], mainBusinessRevenue: '2000' };
    const a = assessFiling(s, ctx);
    const w = a.warnings.join('\n');
    expect(w).toContain('2022 年度主营业务收入大于营业收入');
    expect(w).toContain('2022 年度研发费用大于营业收入');
    expect(w).toContain('超过 200%');
    expect(a.ratios.growth?.display).toBe('350.00%');
  });

  it('liabilities above assets, and a credit code registered in another city than 注册地 (FAQ 1.7)', () => {
    const s = scorePathSample();
    const years = (s['operations'] as { years: Record<string, Obj> }).years;
    years['2022'] = { ...years['2022'], totalLiabilities: '9800.01' };
    s['basic'] = { ...s['basic'], uscc: '91320100MA1XY22B2W' };
    const w = assessFiling(s, ctx).warnings.join('\n');
    expect(w).toContain('2022 年末负债总额大于资产总额');
    expect(w).toContain('登记机关在南京市');
  });

  it('growth of exactly 200% is not warned about', () => {
    const s = scorePathSample();
    const years = (s['operations'] as { years: Record<string, Obj> }).years;
    years['2022'] = { ...years['2022'], mainBusinessRevenue: '6000' };
    years['2021'] = { ...years['2021'], mainBusinessRevenue: '2000' };
    expect(assessFiling(s, ctx).warnings.join()).not.toContain('200%');
  });
});

describe('incomplete input', () => {
  it('an empty filing does not throw and says what is missing', () => {
    const a = assessFiling({}, ctx);
    expect(a.size).toBeNull();
    expect(a.isSme).toBeNull();
    expect(a.ratios).toEqual({ rdShare: null, mainShare: null, growth: null, debtRatio: null });
    expect(a.innovative.total).toBeNull();
    expect(a.warnings[0]).toContain('2022 年度营业收入');
    expect(a.directConditions.every((d) => !d.met)).toBe(true);
  });

  it('computes what it can: ratios without products, size without R&D', () => {
    const s = scorePathSample();
    delete s['products'];
    const years = (s['operations'] as { years: Record<string, Obj> }).years;
    years['2022']!['rdExpense'] = '';
    const a = assessFiling(s, ctx);
    expect(a.ratios.rdShare).toBeNull();
    expect(a.ratios.debtRatio?.display).toBe('45.00%');
    expect(a.size?.size).toBe('small');
    expect(a.innovative.total).toBeNull();
    expect(a.innovative.indicators.debtRatio).toBe(10);
    expect(a.warnings[0]).toContain('2022 年度研发费用');
    expect(a.warnings[0]).toContain('主导产品所属领域');
  });

  it('garbage sections do not throw', () => {
    expect(() => assessFiling(null as never, ctx)).not.toThrow();
    expect(() =>
      assessFiling(
        { basic: 1, products: [], operations: { years: [] }, innovation: 'x', recognitions: null },
        ctx,
      ),
    ).not.toThrow();
  });

  it('zero revenue in the year before: growth cannot be computed (manual review)', () => {
    const s = scorePathSample();
    const years = (s['operations'] as { years: Record<string, Obj> }).years;
    years['2021'] = { ...years['2021'], mainBusinessRevenue: '0' };
    const a = assessFiling(s, ctx);
    expect(a.ratios.growth).toBeNull();
    expect(a.innovative.status).toBe('needsManualReview');
  });
});
