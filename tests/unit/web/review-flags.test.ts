import { describe, expect, it } from 'vitest';
import { FLAG_LIST_COLLAPSE_AT, flagSummary } from '../../../src/web/pages/gov/reviews/flags';
import type { DataQualityFlag } from '../../../src/shared/schemas/review-api';

const flag = (code: DataQualityFlag['code'], i: number): DataQualityFlag => ({
  code,
  message: `第 ${i} 项`,
  section: 'operations',
  path: `years.${2020 + i}.rdExpense`,
});

describe('data-quality flag list (issue 16 item 3)', () => {
  it('shows a short list whole', () => {
    const few = Array.from({ length: FLAG_LIST_COLLAPSE_AT - 1 }, (_, i) => flag('year_figure_differs', i));
    expect(flagSummary(few)).toBeNull();
  });

  it('collapses a long list into one line per kind with its count', () => {
    const many = [
      ...Array.from({ length: 14 }, (_, i) => flag('year_figure_differs', i)),
      flag('main_revenue_above_revenue', 1),
      flag('year_figure_differs', 15),
    ];
    expect(flagSummary(many)).toEqual(['与往年已通过的填报不一致：15 项', '主营业务收入大于营业收入：1 项']);
  });
});
