import { MSG_TOO_MANY_DECIMALS } from '../money';
import { validateSection, emptyIpRow, emptySections, type FilingContext } from './index';
import { sampleSections } from './fixtures';

const ctx: FilingContext = { campaignYear: 2023, asOf: '2023-03-01', kind: 'entry' };
const sample = () => sampleSections(ctx);
type Obj = Record<string, unknown>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('基本情况 basic', () => {
  it('accepts the sample as complete and valid, deriving cityCode', () => {
    const r = validateSection('basic', sample().basic, ctx);
    expect(r.fieldErrors).toEqual({});
    expect(r).toMatchObject({ complete: true, valid: true });
    expect(r.normalized).toMatchObject({
      countyCode: '320583',
      cityCode: '320500',
      uscc: '91320583135792463X',
    });
  });

  it('an empty section is incomplete but valid, with a 请填写 message per required field', () => {
    const r = validateSection('basic', emptySections(ctx).basic, ctx);
    expect(r).toMatchObject({ complete: false, valid: true });
    expect(r.fieldErrors['enterpriseName']).toBe('请填写企业名称');
    expect(r.fieldErrors['legalRepresentative.mobile']).toContain('请填写');
    expect(r.fieldErrors['countyCode']).toContain('请填写');
    expect(r.fieldErrors['contact.phone']).toBeUndefined();
  });

  it('normalises the credit code (full width, lower case, spaces) and rejects a wrong check character', () => {
    const b = sample().basic;
    const ok = validateSection('basic', { ...b, uscc: ' ９１３２０５８３１３５７９２４６３ｘ ' }, ctx);
    expect(ok.valid).toBe(true);
    expect(ok.normalized['uscc']).toBe('91320583135792463X');
    const bad = validateSection('basic', { ...b, uscc: '91320500608123455K' }, ctx);
    expect(bad.valid).toBe(false);
    expect(bad.fieldErrors['uscc']).toContain('校验位');
    expect(bad.normalized['uscc']).toBe('91320500608123455K');
  });

  it('registered capital: commas, full-width digits and spaces are normalised; a third decimal gets the money message', () => {
    const b = sample().basic;
    const cases: [string, string][] = [
      ['1,234.56', '1234.56'],
      ['１２３４.５', '1234.50'],
      [' 1 234.56 ', '1234.56'],
      ['3000', '3000.00'],
    ];
    for (const [input, out] of cases) {
      const r = validateSection('basic', { ...b, registeredCapital: input }, ctx);
      expect(r.fieldErrors['registeredCapital']).toBeUndefined();
      expect(r.normalized['registeredCapital']).toBe(out);
    }
    const r = validateSection('basic', { ...b, registeredCapital: '1234.567' }, ctx);
    expect(r.valid).toBe(false);
    expect(r.fieldErrors['registeredCapital']).toBe(MSG_TOO_MANY_DECIMALS);
    expect(r.normalized['registeredCapital']).toBe('1234.567'); // kept as typed
  });

  it('注册地 must be a county-level code (a city code or an unknown code is refused); dev zones are accepted', () => {
    const b = sample().basic;
    expect(validateSection('basic', { ...b, countyCode: '320500' }, ctx).fieldErrors['countyCode']).toContain(
      '县（市、区）',
    );
    expect(validateSection('basic', { ...b, countyCode: '329999' }, ctx).valid).toBe(false);
    const sip = validateSection('basic', { ...b, countyCode: '320576' }, ctx);
    expect(sip.valid).toBe(true);
    expect(sip.normalized['cityCode']).toBe('320500');
  });

  it('warns (not errors) when the credit code was registered in another city than 注册地', () => {
    const b = { ...sample().basic, uscc: '91320100MA1XY22B2W' }; // 南京 registration authority
    const r = validateSection('basic', b, ctx);
    expect(r.valid).toBe(true);
    expect(r.complete).toBe(true);
    expect(r.warnings?.['countyCode']).toContain('南京市');
    const same = validateSection('basic', { ...b, uscc: '91320500608123455J' }, ctx);
    expect(same.warnings?.['countyCode']).toBeUndefined();
  });

  it('checks industry code, mobiles, postcode, dates and text lengths', () => {
    const b = sample().basic as Obj;
    const r = validateSection(
      'basic',
      {
        ...b,
        industryCode: 'A39',
        postcode: '21530',
        establishedDate: '2024-01-01',
        mainBusiness: '字'.repeat(501),
        legalRepresentative: { name: '周建国', mobile: '12345' },
        contact: { ...(b['contact'] as Obj), email: 'not-an-email' },
      },
      ctx,
    );
    expect(r.valid).toBe(false);
    expect(r.fieldErrors['industryCode']).toContain('C39');
    expect(r.fieldErrors['postcode']).toContain('6 位');
    expect(r.fieldErrors['establishedDate']).toContain('不能晚于今天');
    expect(r.fieldErrors['mainBusiness']).toContain('500');
    expect(r.fieldErrors['legalRepresentative.mobile']).toContain('11 位');
    expect(r.fieldErrors['contact.email']).toContain('邮箱');
    const deeper = validateSection('basic', { ...b, industryCode: 'c3911' }, ctx);
    expect(deeper.normalized['industryCode']).toBe('C3911');
    const div = validateSection('basic', { ...b, industryCode: '34' }, ctx);
    expect(div.normalized['industryCode']).toBe('C34');
  });

  it('accepts dates written with slashes and normalises them', () => {
    const r = validateSection('basic', { ...sample().basic, establishedDate: '2012/6/8' }, ctx);
    expect(r.normalized['establishedDate']).toBe('2012-06-08');
    expect(validateSection('basic', { ...sample().basic, establishedDate: '2021-02-30' }, ctx).valid).toBe(
      false,
    );
  });

  it('requires a stock code only when listed', () => {
    const b = sample().basic;
    expect(
      validateSection('basic', { ...b, listingStatus: 'listed' }, ctx).fieldErrors['stockCode'],
    ).toContain('请填写');
    expect(
      validateSection('basic', { ...b, listingStatus: 'bogus' }, ctx).fieldErrors['listingStatus'],
    ).toContain('选项');
  });
});

describe('产品信息 products', () => {
  it('complete sample', () => {
    const r = validateSection('products', sample().products, ctx);
    expect(r).toMatchObject({ complete: true, valid: true, fieldErrors: {} });
  });

  it('needs at least one main product', () => {
    const r = validateSection('products', { mainProducts: [] }, ctx);
    expect(r).toMatchObject({ complete: false, valid: true });
    expect(r.fieldErrors['mainProducts']).toContain('至少填写 1 条');
  });

  it('validates each row with indexed paths', () => {
    const rows = clone(sample().products['mainProducts']) as Obj[];
    rows[1] = {
      ...rows[1],
      strategicEmergingField: '10',
      salesRevenue: '1,23.4',
      marketShareNational: '120',
    };
    const r = validateSection('products', { mainProducts: rows }, ctx);
    expect(r.valid).toBe(false);
    expect(r.fieldErrors['mainProducts.1.strategicEmergingField']).toContain('选项');
    expect(r.fieldErrors['mainProducts.1.salesRevenue']).toContain('千位分隔符');
    expect(r.fieldErrors['mainProducts.1.marketShareNational']).toContain('0 至 100');
  });

  it('normalises amounts and percentages', () => {
    const rows = clone(sample().products['mainProducts']) as Obj[];
    rows[0] = { ...rows[0], salesRevenue: '6,230', marketShareNational: '3.2%' };
    const r = validateSection('products', { mainProducts: rows }, ctx);
    const out = (r.normalized['mainProducts'] as Obj[])[0]!;
    expect(out['salesRevenue']).toBe('6230.00');
    expect(out['marketShareNational']).toBe('3.20');
  });
});

describe('经营情况 operations', () => {
  const ops = () => clone(sample().operations) as { years: Record<string, Obj> };

  it('complete sample, keyed by the three fiscal years', () => {
    const r = validateSection('operations', sample().operations, ctx);
    expect(r).toMatchObject({ complete: true, valid: true, fieldErrors: {} });
    expect(Object.keys(r.normalized['years'] as Obj)).toEqual(['2020', '2021', '2022']);
  });

  it('the earliest year is optional; the last two years need revenue, main revenue, R&D, assets, liabilities, employees', () => {
    const o = ops();
    o.years['2020'] = {};
    delete o.years['2021']!['rdExpense'];
    o.years['2022']!['employees'] = '';
    const r = validateSection('operations', o, ctx);
    expect(r).toMatchObject({ complete: false, valid: true });
    expect(Object.keys(r.fieldErrors).sort()).toEqual(['years.2021.rdExpense', 'years.2022.employees']);
    expect(r.fieldErrors['years.2021.rdExpense']).toContain('万元');
  });

  it('normalises amounts and counts', () => {
    const o = ops();
    o.years['2022'] = {
      ...o.years['2022'],
      operatingRevenue: '8,650',
      rdExpense: '３８９.２５',
      totalAssets: ' 9 800.00 ',
      employees: '１８６',
    };
    const r = validateSection('operations', o, ctx);
    expect(r.valid).toBe(true);
    const y = (r.normalized['years'] as Record<string, Obj>)['2022']!;
    expect(y).toMatchObject({
      operatingRevenue: '8650.00',
      rdExpense: '389.25',
      totalAssets: '9800.00',
      employees: 186,
    });
  });

  it('negative amounts are errors except profits; a third decimal gets the money message', () => {
    const o = ops();
    o.years['2022'] = {
      ...o.years['2022'],
      rdExpense: '-1',
      netProfit: '-12.50',
      operatingRevenue: '8650.001',
    };
    const r = validateSection('operations', o, ctx);
    expect(r.fieldErrors['years.2022.rdExpense']).toContain('不能为负数');
    expect(r.fieldErrors['years.2022.netProfit']).toBeUndefined();
    expect(r.fieldErrors['years.2022.operatingRevenue']).toBe(MSG_TOO_MANY_DECIMALS);
  });

  it('R&D staff above employees is an error; main revenue above revenue only a warning', () => {
    const o = ops();
    o.years['2022'] = { ...o.years['2022'], rdStaff: 200, mainBusinessRevenue: '9000' };
    const r = validateSection('operations', o, ctx);
    expect(r.fieldErrors['years.2022.rdStaff']).toContain('不能多于从业人员');
    expect(r.fieldErrors['years.2022.mainBusinessRevenue']).toBeUndefined();
    expect(r.warnings?.['years.2022.mainBusinessRevenue']).toContain('主营业务收入大于营业收入');
  });

  it('counts must be whole numbers', () => {
    const o = ops();
    o.years['2022'] = { ...o.years['2022'], employees: '186.5' };
    expect(validateSection('operations', o, ctx).fieldErrors['years.2022.employees']).toContain('整数');
  });
});

describe('创新研发 innovation', () => {
  const inn = () => clone(sample().innovation) as { ipItems: Obj[]; rdInstitutions: Obj[] } & Obj;

  it('complete sample; no IP at all is also complete', () => {
    expect(validateSection('innovation', sample().innovation, ctx)).toMatchObject({
      complete: true,
      valid: true,
    });
    expect(validateSection('innovation', { ipItems: [], rdInstitutions: [] }, ctx).complete).toBe(true);
  });

  it('a new IP row answers no required question: 获得方式 and 与主导产品相关 are asked for in Chinese', () => {
    const row = emptyIpRow();
    expect(row['acquisition']).toBe('');
    expect(row['relatedToMainProduct']).toBeNull();
    const r = validateSection('innovation', { ipItems: [row], rdInstitutions: [] }, ctx);
    expect(r).toMatchObject({ complete: false, valid: true });
    expect(r.fieldErrors['ipItems.0.acquisition']).toBe('请选择获得方式');
    expect(r.fieldErrors['ipItems.0.relatedToMainProduct']).toContain('请选择');
    // Blank 获得方式 does not make 受让日期 required before the enterprise has said how the item was obtained.
    expect(r.fieldErrors['ipItems.0.transferDate']).toBeUndefined();
    // Answering 自主研发 on a complete row clears the message.
    const done = {
      ...row,
      category: '发明专利',
      number: 'ZL202110123456.7',
      name: '一种隔膜的制备方法',
      grantDate: '2022-04-12',
      acquisition: '自主研发',
      relatedToMainProduct: true,
    };
    const ok = validateSection('innovation', { ipItems: [done], rdInstitutions: [] }, ctx);
    expect(ok.fieldErrors['ipItems.0.acquisition']).toBeUndefined();
    expect(ok.complete).toBe(true);
  });

  it('transfer date required when not self-developed', () => {
    const i = inn();
    i.ipItems[0] = { ...i.ipItems[0], acquisition: '受让', transferDate: '' };
    const r = validateSection('innovation', i, ctx);
    expect(r).toMatchObject({ complete: false, valid: true });
    expect(r.fieldErrors['ipItems.0.transferDate']).toContain('请选择');
  });

  it('high-value basis only for class I; unknown category, duplicate numbers and future dates are errors', () => {
    const i = inn();
    i.ipItems[1] = { ...i.ipItems[1], highValueBasis: ['质押融资'] };
    i.ipItems[2] = { ...i.ipItems[2], category: '商标', number: 'zl201910123456.7', grantDate: '2024-01-01' };
    const r = validateSection('innovation', i, ctx);
    expect(r.valid).toBe(false);
    expect(r.fieldErrors['ipItems.1.highValueBasis']).toContain('Ⅰ类');
    expect(r.fieldErrors['ipItems.2.category']).toContain('选项');
    expect(r.fieldErrors['ipItems.2.number']).toContain('重复');
    expect(r.fieldErrors['ipItems.2.grantDate']).toContain('不能晚于今天');
  });

  it('R&D institution rows need all fields and a known level', () => {
    const i = inn();
    i.rdInstitutions.push({ name: '某某研究院', level: '部级' });
    const r = validateSection('innovation', i, ctx);
    expect(r.fieldErrors['rdInstitutions.1.level']).toContain('选项');
    expect(r.fieldErrors['rdInstitutions.1.certifiedBy']).toContain('请填写');
  });
});

describe('已认定事项 recognitions', () => {
  const rec = () => clone(sample().recognitions) as Record<string, Obj> & { sciTechAwards: Obj[] };

  it('complete sample; the empty section is complete too', () => {
    expect(validateSection('recognitions', sample().recognitions, ctx)).toMatchObject({
      complete: true,
      valid: true,
    });
    expect(validateSection('recognitions', emptySections(ctx).recognitions, ctx).complete).toBe(true);
  });

  it('a held honour needs its details; the certificate format is a warning only', () => {
    const r0 = rec();
    r0['highTech'] = { held: true, certificateNo: '', issueDate: '' };
    const r = validateSection('recognitions', r0, ctx);
    expect(r.complete).toBe(false);
    expect(r.fieldErrors['highTech.certificateNo']).toContain('请填写');
    const r1 = rec();
    r1['highTech'] = { held: true, certificateNo: 'ABC123', issueDate: '2021-11-30' };
    const w = validateSection('recognitions', r1, ctx);
    expect(w.valid).toBe(true);
    expect(w.warnings?.['highTech.certificateNo']).toContain('GR');
  });

  it('award rows: level, rank ≥ 1, year not in the future', () => {
    const r0 = rec();
    r0.sciTechAwards = [{ level: 'city', name: '某奖', grade: '一等奖', rank: 0, year: 2030 }];
    const r = validateSection('recognitions', r0, ctx);
    expect(r.fieldErrors['sciTechAwards.0.level']).toContain('选项');
    expect(r.fieldErrors['sciTechAwards.0.rank']).toContain('1 至 99');
    expect(r.fieldErrors['sciTechAwards.0.year']).toContain('2023');
  });

  it('drops a sent 近三年新增股权融资 (it is derived from 经营情况)', () => {
    const r = validateSection('recognitions', { ...rec(), equityFinancing3Years: '9999' }, ctx);
    expect(r.normalized['equityFinancing3Years']).toBeUndefined();
    expect(r.valid).toBe(true);
  });
});

describe('garbage', () => {
  it('wrong types become field errors, never exceptions', () => {
    for (const section of [
      'basic',
      'products',
      'operations',
      'innovation',
      'recognitions',
      'attachments',
    ] as const) {
      for (const data of [null, 42, 'x', [], { years: 5, mainProducts: 'a', ipItems: {}, highTech: [] }]) {
        const r = validateSection(section, data, ctx);
        expect(typeof r.complete).toBe('boolean');
        expect(r.normalized).toBeTypeOf('object');
      }
    }
    const r = validateSection('basic', { enterpriseName: { x: 1 }, contact: 'me' }, ctx);
    expect(r.fieldErrors['enterpriseName']).toContain('文字');
    expect(r.fieldErrors['contact']).toContain('格式不正确');
  });
});
