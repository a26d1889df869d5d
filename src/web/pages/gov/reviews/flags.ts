import type { DataQualityFlag } from '../../../../shared/schemas/review-api';

export const FLAG_KIND_LABELS: Record<DataQualityFlag['code'], string> = {
  main_revenue_above_revenue: '主营业务收入大于营业收入',
  rd_above_revenue: '研发费用大于营业收入',
  growth_above_200: '主营业务收入增长率超过 200%',
  not_sme: '不属于中小企业',
  non_enterprise_uscc: '信用代码不是企业代码',
  year_figure_differs: '与往年已通过的填报不一致',
};

/** Lists shorter than this are shown whole; longer ones as a summary by kind that expands (issue 16 item 3). */
export const FLAG_LIST_COLLAPSE_AT = 6;

/** A long list's summary: one line per kind with its count, in the order the kinds first appear; null when short. */
export function flagSummary(flags: DataQualityFlag[]): string[] | null {
  if (flags.length < FLAG_LIST_COLLAPSE_AT) return null;
  const counts = new Map<DataQualityFlag['code'], number>();
  for (const f of flags) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return [...counts].map(([code, n]) => `${FLAG_KIND_LABELS[code] ?? code}：${n} 项`);
}
