import { describe, expect, it } from 'vitest';
import { RULES_2026_EFFECTIVE_FROM, selectStandard, STANDARD_TIERS } from './select';
import { STANDARDS } from '../standards';
import { tableById } from '../tables';

describe('selectStandard (rules-2026.md §1.1, §1.6)', () => {
  it('judges a 2025 application by the 2022 rules and a 2026-05 one by the 2026 rules', () => {
    for (const track of ['first', 'review'] as const) {
      expect(
        selectStandard({ tier: 'specialized-sme', track, applicationDate: '2025-06-10' }).standardId,
      ).toBe('specialized-sme-2022');
      expect(selectStandard({ tier: 'little-giant', track, applicationDate: '2025-06-10' }).standardId).toBe(
        'little-giant-2022',
      );
      expect(
        selectStandard({ tier: 'specialized-sme', track, applicationDate: '2026-05-12' }).standardId,
      ).toBe('specialized-sme-2026');
      expect(selectStandard({ tier: 'little-giant', track, applicationDate: '2026-05-12' }).standardId).toBe(
        'little-giant-2026',
      );
    }
  });

  it('switches exactly on 2026-04-01 (the effective date, not the publication date 2026-01-17)', () => {
    expect(RULES_2026_EFFECTIVE_FROM).toBe('2026-04-01');
    const at = (d: string) =>
      selectStandard({ tier: 'specialized-sme', track: 'first', applicationDate: d }).standardId;
    expect(at('2026-01-17')).toBe('specialized-sme-2022');
    expect(at('2026-03-31')).toBe('specialized-sme-2022');
    expect(at('2026-03-31T23:59:59+08:00')).toBe('specialized-sme-2022');
    expect(at('2026-04-01')).toBe('specialized-sme-2026');
  });

  it('keeps the 2022 创新型 standard after 2026-04-01 (第三十条) and 115号 for 科技型', () => {
    const inn = selectStandard({ tier: 'innovative-sme', track: 'first', applicationDate: '2026-05-12' });
    expect(inn.standardId).toBe('innovative-sme-2022');
    expect(inn.reason).toContain('第三十条');
    expect(
      selectStandard({ tier: 'tech-sme', track: 'first', applicationDate: '2026-06-01' }).standardId,
    ).toBe('tech-sme-2017');
  });

  it('lets a campaign judge the 2026 小巨人 复核 cohort by the 2022 rules, and only that track', () => {
    const overrides = { 'little-giant:review': 'little-giant-2022' } as const;
    const review = selectStandard({
      tier: 'little-giant',
      track: 'review',
      applicationDate: '2026-05-12',
      overrides,
    });
    expect(review.standardId).toBe('little-giant-2022');
    expect(review.reason).toContain('本批次设置');
    expect(
      selectStandard({ tier: 'little-giant', track: 'first', applicationDate: '2026-05-12', overrides })
        .standardId,
    ).toBe('little-giant-2026');
  });

  it('refuses an override of another tier and an invalid date', () => {
    expect(() =>
      selectStandard({
        tier: 'little-giant',
        track: 'review',
        applicationDate: '2026-05-12',
        overrides: { 'little-giant:review': 'specialized-sme-2022' },
      }),
    ).toThrow(/not a standard of tier/);
    expect(() => selectStandard({ tier: 'little-giant', track: 'first', applicationDate: 'soon' })).toThrow();
  });

  it('every id it can return is a known standard', () => {
    for (const id of Object.keys(STANDARD_TIERS)) {
      expect(STANDARDS.byId(id) ?? tableById(id), id).toBeDefined();
    }
  });
});
