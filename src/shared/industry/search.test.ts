import { INDUSTRY_DIVISIONS, lookupIndustry } from '../rules/industry-catalogue';
import classes from './gbt4754-2017.json' with { type: 'json' };
import { industryClassName, searchIndustries } from './search';

describe('searchIndustries', () => {
  it('finds the gear manufacturing class by a product word (issue 16: 齿轮)', () => {
    const found = searchIndustries('齿轮');
    expect(found[0]).toEqual({
      code: 'C3453',
      name: '齿轮及齿轮减、变速箱制造',
      level: '小类',
      division: 'C34 通用设备制造业',
    });
    // The 中类 comes after its 小类.
    expect(found.map((f) => f.code)).toContain('C345');
  });

  it('finds other products the enterprises of the demo make', () => {
    expect(searchIndustries('轴承').map((f) => f.code)).toEqual(expect.arrayContaining(['C3451', 'C3452']));
    expect(searchIndustries('锂离子电池')[0]!.code).toBe('C3841');
    expect(searchIndustries('集成电路设计')[0]!.code).toBe('I6520');
  });

  it('narrows with several words, matched in the class or its 大类 name', () => {
    expect(searchIndustries('通用设备 齿轮').map((f) => f.code)).toEqual(['C3453', 'C345']);
  });

  it('still finds 大类 by name and any level by code or its beginning, letter optional, full width accepted', () => {
    expect(searchIndustries('通用设备制造业')[0]).toMatchObject({ code: 'C34', level: '大类' });
    expect(searchIndustries('C345').map((f) => f.code)).toEqual(['C345', 'C3451', 'C3452', 'C3453', 'C3459']);
    expect(searchIndustries('３４５３').map((f) => f.code)).toEqual(['C3453']);
    expect(searchIndustries('c34', 3).map((f) => f.code)).toEqual(['C34', 'C341', 'C3411']);
  });

  it('gives nothing for nothing, and at most `limit` results', () => {
    expect(searchIndustries('  ')).toEqual([]);
    expect(searchIndustries('不存在的产品名称')).toEqual([]);
    expect(searchIndustries('制造', 5)).toHaveLength(5);
  });
});

describe('the GB/T 4754-2017 classes', () => {
  it('hold the standard’s 1380 小类, each under a 大类 the catalogue knows and with the right 门类 letter', () => {
    const entries = Object.entries(classes as Record<string, string>);
    expect(entries.filter(([c]) => c.length === 5)).toHaveLength(1380);
    for (const [code, name] of entries) {
      expect(name.length).toBeGreaterThan(0);
      const r = lookupIndustry(code);
      expect(r.ok, code).toBe(true);
      if (r.ok) expect(r.value.code).toBe(code);
      expect(INDUSTRY_DIVISIONS[code.slice(1, 3)], code).toBeDefined();
    }
  });

  it('name a code’s 中类 or 小类', () => {
    expect(industryClassName('C3453')).toBe('齿轮及齿轮减、变速箱制造');
    expect(industryClassName('c 345')).toBe('轴承、齿轮和传动部件制造');
    expect(industryClassName('C34')).toBeNull();
    expect(industryClassName('C9999')).toBeNull();
  });
});
