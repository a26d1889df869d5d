import { standardLabel } from '../../../src/shared/rules/standards';
import { recognitionSourceLabel } from '../../../src/shared/schemas/registry-api';

// Issue 16 minors: internal ids are never shown to people (评价标准 on the review and evaluation pages, 来源 on 我的认定).
describe('labels shown instead of internal ids', () => {
  it('names the evaluation standard by its title and document number', () => {
    const label = standardLabel('innovative-sme-2022');
    expect(label).toContain('创新型中小企业评价标准');
    expect(label).toContain('工信部企业〔2022〕63号');
    expect(label).not.toContain('innovative-sme-2022');
    expect(standardLabel('no-such-standard')).toBe('其他评价标准');
  });

  it('names where a recognition came from', () => {
    expect(recognitionSourceLabel('announcement')).toBe('名单公告');
    expect(recognitionSourceLabel('evaluation')).toBe('评价认定');
    expect(recognitionSourceLabel('import')).toBe('历史数据导入');
    expect(recognitionSourceLabel('whatever')).toBe('其他');
  });
});
