/**
 * The statistics as an .xlsx, STREAMED (exceljs WorkbookWriter into the reply): sheet 1 the year's figures by
 * region with the total, sheet 2 the region's totals across years.
 */
import { PassThrough } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import type { RegionFigures, SummaryResponse, TrendResponse } from '../../../shared/schemas/statistics-api';
import { loadExcelJS } from '../../services/heavy-modules';

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
  const out = new PassThrough();
  const write = async () => {
    // exceljs is loaded on the first export, not at start-up (services/heavy-modules.ts).
    const ExcelJS = await loadExcelJS();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet(`${s.year}年度分地区统计`, {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = STATISTICS_COLUMNS.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for (const f of [...s.rows, { ...s.total, regionName: `${s.total.regionName}（合计）` }]) {
      sheet.addRow(STATISTICS_COLUMNS.map((c) => c.value(f))).commit();
    }
    sheet.commit();
    const trend = workbook.addWorksheet('历年趋势', { views: [{ state: 'frozen', ySplit: 1 }] });
    trend.columns = [
      { header: '年度', key: 'year', width: 8 },
      ...STATISTICS_COLUMNS.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width })),
    ];
    trend.getRow(1).font = { bold: true };
    trend.getRow(1).commit();
    for (const y of t.years) trend.addRow([y.year, ...STATISTICS_COLUMNS.map((c) => c.value(y))]).commit();
    trend.commit();
    await workbook.commit();
  };
  write().catch((err: unknown) => {
    log.error({ err }, 'statistics export failed part-way');
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return out;
}
