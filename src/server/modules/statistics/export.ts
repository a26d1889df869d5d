/**
 * The statistics as an .xlsx, STREAMED (services/xlsx.ts into the reply): sheet 1 the year's figures by region with
 * the total, sheet 2 the region's totals across years.
 */
import type { PassThrough } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import type { RegionFigures, SummaryResponse, TrendResponse } from '../../../shared/schemas/statistics-api';
import { streamXlsx } from '../../services/xlsx';

/** Header → value of a row. Stable order: the web page and the test read it. */
export const STATISTICS_COLUMNS: {
  header: string;
  width: number;
  value: (f: RegionFigures) => string | number;
}[] = [
  { header: '地区代码', width: 10, value: (f) => f.regionCode },
  { header: '地区', width: 16, value: (f) => f.regionName },
  { header: '注册企业数', width: 10, value: (f) => f.registeredEnterprises },
  { header: '当前在库企业数', width: 12, value: (f) => f.inDb },
  { header: '填报总数', width: 10, value: (f) => f.filings.total },
  { header: '新增入库填报', width: 12, value: (f) => f.filings.byKind.entry },
  { header: '数据更新填报', width: 12, value: (f) => f.filings.byKind.update },
  { header: '复核申请填报', width: 12, value: (f) => f.filings.byKind.rereview },
  { header: '草稿', width: 8, value: (f) => f.filings.byStatus.draft },
  { header: '待县区审核', width: 10, value: (f) => f.filings.byStatus.county_review },
  { header: '待设区市审核', width: 12, value: (f) => f.filings.byStatus.city_review },
  { header: '已通过', width: 8, value: (f) => f.filings.byStatus.approved },
  { header: '已退回', width: 8, value: (f) => f.filings.byStatus.returned },
  { header: '未通过', width: 8, value: (f) => f.filings.byStatus.refused },
  { header: '已撤回', width: 8, value: (f) => f.filings.byStatus.withdrawn },
  { header: '审核通过（新增入库）', width: 16, value: (f) => f.approvals.byKind.entry },
  { header: '审核通过（数据更新）', width: 16, value: (f) => f.approvals.byKind.update },
  { header: '审核通过（复核）', width: 14, value: (f) => f.approvals.byKind.rereview },
  { header: '公告创新型中小企业数', width: 18, value: (f) => f.announcedInnovative },
  { header: '拟清退', width: 8, value: (f) => f.clearances.proposed },
  { header: '拟清退已失效', width: 12, value: (f) => f.clearances.expired },
  { header: '已清退', width: 8, value: (f) => f.clearances.confirmed },
  { header: '申诉恢复在库', width: 12, value: (f) => f.clearances.reinstated },
  { header: '应更新企业数', width: 12, value: (f) => f.update.obligated },
  { header: '已更新企业数', width: 12, value: (f) => f.update.updated },
  {
    header: '更新完成率',
    width: 10,
    value: (f) => (f.update.rate === null ? '' : `${(f.update.rate * 100).toFixed(2)}%`),
  },
];

export function streamStatisticsXlsx(
  s: SummaryResponse,
  t: TrendResponse,
  log: FastifyBaseLogger,
): PassThrough {
  const columns = STATISTICS_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  const regions = [...s.rows, { ...s.total, regionName: `${s.total.regionName}（合计）` }];
  return streamXlsx(
    () => ({
      sheets: [
        {
          name: `${s.year}年度分地区统计`,
          columns,
          rows: regions.map((f) => STATISTICS_COLUMNS.map((c) => c.value(f))),
        },
        {
          name: '历年趋势',
          columns: [{ header: '年度', width: 8 }, ...columns],
          rows: t.years.map((y) => [y.year, ...STATISTICS_COLUMNS.map((c) => c.value(y))]),
        },
      ],
    }),
    (err) => log.error({ err }, 'statistics export failed part-way'),
  );
}
