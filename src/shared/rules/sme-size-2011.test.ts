import { classifySmeSize, findSizeRow, indicatorLevel } from './sme-size-2011';
import { SME_SIZE_2011_ROWS } from './sme-size-2011.data';
import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS } from './industry-catalogue';

describe('classifySmeSize (300号)', () => {
  it('an industrial company with 1200 employees and 3亿 revenue is medium (rules.md §4 example)', () => {
    const r = classifySmeSize({ industry: 'C3911', employees: 1200, revenue: 30000, assets: 1 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.size).toBe('medium');
    expect(r.isSme).toBe(true);
    expect(r.decidedBy).toEqual(['revenue']);
    expect(r.perIndicator).toEqual([
      { indicator: 'employees', value: '1200', level: 1, size: 'large' },
      { indicator: 'revenue', value: '30000.00', level: 2, size: 'medium' },
    ]);
    expect(r.industryRow).toEqual({
      id: 'industry',
      name: '工业（采矿业，制造业，电力、热力、燃气及水生产和供应业）',
    });
    expect(r.explanation).toContain('中型');
  });

  it('C3911 with 1000 employees and 40000 revenue is large, not an SME', () => {
    const r = classifySmeSize({ industry: 'C3911', employees: 1000, revenue: 40000, assets: 50000 });
    expect(r).toMatchObject({ ok: true, size: 'large', isSme: false });
    if (r.ok) expect(r.explanation).toContain('不属于中小企业');
  });

  it('accepts string inputs with separators', () => {
    expect(
      classifySmeSize({ industry: 'F5123', employees: '30', revenue: '6,000', assets: '1000' }),
    ).toMatchObject({
      ok: true,
      size: 'medium',
    });
  });

  it('uses only the indicators of the row', () => {
    // Construction ignores employees, even when missing.
    expect(classifySmeSize({ industry: 'E4710', revenue: 300, assets: 300 })).toMatchObject({
      ok: true,
      size: 'small',
    });
  });

  it('reports missing and invalid inputs in Chinese', () => {
    const r = classifySmeSize({ industry: 'C3911', employees: 1.5, revenue: '12.345' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field)).toEqual(['employees', 'revenue']);
    expect(r.errors[1]!.message).toContain('两位小数');
  });

  it.each([
    ['J6610', '金融业'],
    ['S9100', '不是企业'],
    ['K70', '中类'],
    ['C51', '门类'],
  ])('refuses %s with a message about %s', (industry, text) => {
    const r = classifySmeSize({ industry, employees: 10, revenue: 10, assets: 10 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toContain(text);
  });

  it('maps every division except finance, public administration and international organisations to a row', () => {
    for (const div of Object.keys(INDUSTRY_DIVISIONS)) {
      const section = INDUSTRY_SECTIONS.find((s) => Number(div) >= s.from && Number(div) <= s.to)!;
      const code = `${section.letter}${div}${div === '70' ? '20' : ''}`;
      const row = findSizeRow(code);
      if (['J', 'S', 'T'].includes(section.letter)) continue;
      expect(row, code).not.toBeNull();
    }
  });

  it('every row: thresholds descend large > medium > small, and each threshold is the inclusive lower bound', () => {
    for (const row of SME_SIZE_2011_ROWS) {
      for (const th of Object.values(row.indicators)) {
        const [l, m, s] = [th.large, th.medium, th.small].map((x) => BigInt(x) * 100n) as [
          bigint,
          bigint,
          bigint,
        ];
        expect(l > m && m > s).toBe(true);
        expect(indicatorLevel(l, th)).toBe(1);
        expect(indicatorLevel(l - 1n, th)).toBe(2);
        expect(indicatorLevel(m, th)).toBe(2);
        expect(indicatorLevel(m - 1n, th)).toBe(3);
        expect(indicatorLevel(s, th)).toBe(3);
        expect(indicatorLevel(s - 1n, th)).toBe(4);
      }
    }
  });

  it('longest prefix wins: K7010 development, K7020 property management, K7030 other', () => {
    expect(findSizeRow('K7010')!.id).toBe('real-estate-development');
    expect(findSizeRow('K7020')!.id).toBe('property-management');
    expect(findSizeRow('K7030')!.id).toBe('other');
    expect(findSizeRow('F5123')!.id).toBe('wholesale');
  });
});
