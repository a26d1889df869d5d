import { describe, expect, it } from 'vitest';
import { AUTO, overrideRows, overridesOf, overridesText } from '../../../src/web/pages/gov/batches/overrides';

describe('批次适用的评价标准 (province form)', () => {
  it('offers the tiers with more than one standard, each track, the date rule first', () => {
    const rows = overrideRows();
    expect(rows.map((r) => r.key)).toEqual([
      'specialized-sme:first',
      'specialized-sme:review',
      'little-giant:first',
      'little-giant:review',
    ]);
    const giantReview = rows.find((r) => r.key === 'little-giant:review')!;
    expect(giantReview.label).toBe('专精特新“小巨人”企业 · 复核');
    expect(giantReview.options.map((o) => o.value)).toEqual([AUTO, 'little-giant-2022', 'little-giant-2026']);
    expect(giantReview.options[1]!.label).toContain('工信部企业〔2022〕63号');
  });

  it('saves only the rows set to a standard, and says them in Chinese', () => {
    const chosen = { 'little-giant:review': 'little-giant-2022', 'little-giant:first': AUTO };
    expect(overridesOf(chosen)).toEqual({ 'little-giant:review': 'little-giant-2022' });
    expect(overridesOf({ 'little-giant:review': AUTO })).toEqual({});
    expect(overridesText({ 'little-giant:review': 'little-giant-2022' })).toEqual([
      expect.stringMatching(/^专精特新“小巨人”企业 · 复核：.*2022/),
    ]);
  });
});
