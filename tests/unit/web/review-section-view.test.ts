import { describe, expect, it } from 'vitest';
import { sampleSections } from '../../../src/shared/filing/fixtures';
import {
  concreteFields,
  concreteLabel,
  formatAt,
  getPath,
  yearsOf,
} from '../../../src/web/pages/gov/reviews/sectionView';

const s = sampleSections({ campaignYear: 2023 });

describe('review page: sections read-only', () => {
  it('reads values by dotted path, through arrays', () => {
    expect(getPath(s.basic, 'contact.mobile')).toBe('13812345678');
    expect(getPath(s.products, 'mainProducts.1.name')).toBe('车铣复合加工中心');
    expect(getPath(s.basic, 'contact.nothing.deeper')).toBeUndefined();
  });

  it('formats amounts with thousands separators and units, options by label, yes/no, regions', () => {
    expect(formatAt('operations', 'years.2022.operatingRevenue', '8650')).toBe('8,650.00 万元');
    expect(formatAt('basic', 'registeredCapital', '3000.00')).toBe('3,000.00 万元');
    expect(formatAt('products', 'mainProducts.0.ownBrand', true)).toBe('是');
    expect(formatAt('basic', 'countyCode', '320583')).toBe('苏州市昆山市');
    expect(formatAt('basic', 'registrationType', '173')).toContain('私营有限责任公司');
    expect(formatAt('basic', 'stockCode', '')).toBe('—');
    expect(formatAt('products', 'mainProducts.0.marketShareNational', '3.20')).toBe('3.20%');
  });

  it('lists the fields a reviewer can mark, with years and rows expanded', () => {
    expect(yearsOf(s.operations)).toEqual(['2020', '2021', '2022']);
    const ops = concreteFields('operations', s.operations);
    expect(ops).toContainEqual({ path: 'years.2022.rdExpense', label: '2022年 研发费用' });
    const products = concreteFields('products', s.products);
    expect(products).toContainEqual({ path: 'mainProducts.1.name', label: '主导产品第2行：产品名称' });
    const basic = concreteFields('basic', s.basic);
    expect(basic).toContainEqual({ path: 'contact.mobile', label: '联系人手机' });
    expect(basic.some((f) => f.path === 'cityCode')).toBe(false); // derived
  });

  it('labels concrete paths for comments and diffs', () => {
    expect(concreteLabel('operations', 'years.2021.totalAssets')).toBe('2021年 资产总额');
    expect(concreteLabel('products', 'mainProducts.0.salesRevenue')).toBe('主导产品第1行：上年度销售收入');
    expect(concreteLabel('basic', 'contact.mobile')).toBe('联系人手机');
  });
});
