/**
 * The province's view of every city's list for a campaign (the 15 April report): an overview with counts, and
 * the same as a streamed .xlsx (汇总 sheet + one sheet per city with its included enterprises) or a PDF.
 */
import type { PassThrough } from 'node:stream';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { cities } from '../../../shared/regions';
import { shanghaiDay } from '../../../shared/recognition';
import type { ListCounts, ProvinceOverview } from '../../../shared/schemas/lists-api';
import type { DbOrTx } from '../../db/client';
import { evaluations, recognitionListEntries, recognitionLists } from '../../db/schema';
import { assertFontInstalled, useCjkFont } from '../../services/application-pdf';
import type { AppContext } from '../../types';
import { loadPdfKit } from '../../services/heavy-modules';
import { streamXlsx, type XlsxCell, type XlsxSheet } from '../../services/xlsx';
import { countyName } from '../evaluation/service';
import { countsOf, summaryOf } from './service';
import { getCampaign } from '../campaigns/repository';

const ZERO: ListCounts = {
  included: 0,
  excluded: 0,
  removed: 0,
  objections: 0,
  openObjections: 0,
  upheld: 0,
  rejected: 0,
};

export async function provinceOverview(ctx: AppContext, campaignId: string): Promise<ProvinceOverview> {
  const campaign = await getCampaign(ctx.db, campaignId);
  const lists = await ctx.db
    .select()
    .from(recognitionLists)
    .where(and(eq(recognitionLists.campaignId, campaign.id), eq(recognitionLists.kind, 'innovative')));
  const counts = await countsOf(
    ctx.db,
    lists.map((l) => l.id),
  );
  const byCity = new Map(lists.map((l) => [l.cityCode, l]));
  const totals = { ...ZERO };
  const rows = cities().map((c) => {
    const l = byCity.get(c.code);
    if (!l) return { cityCode: c.code, cityName: c.name, list: null };
    const n = counts.get(l.id)!;
    for (const k of Object.keys(totals) as (keyof ListCounts)[]) totals[k] += n[k];
    return { cityCode: c.code, cityName: c.name, list: summaryOf(l, n) };
  });
  return { campaignId: campaign.id, listDeadline: campaign.listDeadline.toISOString(), cities: rows, totals };
}

interface ExportEntry {
  enterpriseName: string;
  uscc: string;
  countyName: string;
  scoreTotal: number | null;
}

async function includedEntries(db: DbOrTx, listIds: string[]): Promise<Map<string, ExportEntry[]>> {
  const out = new Map<string, ExportEntry[]>();
  if (listIds.length === 0) return out;
  const rows = await db
    .select({ e: recognitionListEntries, score: evaluations.scoreTotal })
    .from(recognitionListEntries)
    .leftJoin(evaluations, eq(evaluations.id, recognitionListEntries.evaluationId))
    .where(and(inArray(recognitionListEntries.listId, listIds), eq(recognitionListEntries.state, 'included')))
    .orderBy(asc(recognitionListEntries.countyCode), asc(recognitionListEntries.enterpriseName));
  for (const r of rows) {
    const list = out.get(r.e.listId) ?? [];
    list.push({
      enterpriseName: r.e.enterpriseName,
      uscc: r.e.uscc,
      countyName: countyName(r.e.countyCode),
      scoreTotal: r.score ?? null,
    });
    out.set(r.e.listId, list);
  }
  return out;
}

function dateText(d: Date | null): string {
  return d ? shanghaiDay(d) : '';
}

export function exportBaseName(year: number): string {
  return `${year}年度创新型中小企业名单汇总`;
}

/** Streams the workbook: 汇总 first, then one sheet per city that has a list. */
export function streamProvinceXlsx(ctx: AppContext, campaignId: string, log: FastifyBaseLogger): PassThrough {
  const build = async () => {
    const overview = await provinceOverview(ctx, campaignId);
    const summaryRows: XlsxCell[][] = overview.cities.map((c) => {
      const l = c.list;
      return [
        c.cityName,
        l?.title ?? '（未报送）',
        l?.statusLabel ?? '',
        l?.publicityStart ? shanghaiDay(new Date(l.publicityStart)) : '',
        l?.publicityEnd ? shanghaiDay(new Date(l.publicityEnd)) : '',
        l?.documentNo ?? '',
        l?.announcedAt ? shanghaiDay(new Date(l.announcedAt)) : '',
        l?.counts.included ?? 0,
        l?.counts.excluded ?? 0,
        l?.counts.removed ?? 0,
        l?.counts.objections ?? 0,
        l?.counts.openObjections ?? 0,
      ];
    });
    const t = overview.totals;
    summaryRows.push([
      '合计',
      null,
      null,
      null,
      null,
      null,
      null,
      t.included,
      t.excluded,
      t.removed,
      t.objections,
      t.openObjections,
    ]);
    const summary: XlsxSheet = {
      name: '汇总',
      columns: [
        { header: '设区市', width: 12 },
        { header: '名单标题', width: 40 },
        { header: '状态', width: 10 },
        { header: '公示开始', width: 12 },
        { header: '公示结束', width: 12 },
        { header: '公告文号', width: 24 },
        { header: '公告日期', width: 12 },
        { header: '列入企业数', width: 10 },
        { header: '未列入数', width: 10 },
        { header: '异议移出数', width: 10 },
        { header: '异议件数', width: 10 },
        { header: '未处理异议', width: 10 },
      ],
      rows: summaryRows,
    };
    const withLists = overview.cities.filter((c) => c.list);
    const entries = await includedEntries(
      ctx.db,
      withLists.map((c) => c.list!.id),
    );
    const citySheets = withLists.map((c): XlsxSheet => ({
      name: c.cityName,
      columns: [
        { header: '序号', width: 8 },
        { header: '企业名称', width: 40 },
        { header: '统一社会信用代码', width: 22 },
        { header: '所在县（市、区）', width: 16 },
        { header: '评价得分', width: 10 },
      ],
      rows: (entries.get(c.list!.id) ?? []).map((e, i) => [
        i + 1,
        e.enterpriseName,
        e.uscc,
        e.countyName,
        e.scoreTotal,
      ]),
    }));
    return { sheets: [summary, ...citySheets], at: ctx.clock.now() };
  };
  return streamXlsx(build, (err) => log.error({ err }, 'province list export failed part-way'));
}

export async function renderProvincePdf(
  ctx: AppContext,
  campaignId: string,
): Promise<{ data: Buffer; year: number }> {
  const campaign = await getCampaign(ctx.db, campaignId);
  const overview = await provinceOverview(ctx, campaignId);
  const withLists = overview.cities.filter((c) => c.list);
  const entries = await includedEntries(
    ctx.db,
    withLists.map((c) => c.list!.id),
  );
  assertFontInstalled();
  const PDFDocument = await loadPdfKit();
  const M = 50;
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: M, bottom: M, left: M, right: M },
    info: { Title: exportBaseName(campaign.year), Author: '江苏省优质中小企业梯度培育平台' },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  useCjkFont(pdf);
  const width = pdf.page.width - M * 2;
  const bottom = () => pdf.page.height - M - 20;
  const ensure = (h: number) => {
    if (pdf.y + h > bottom()) pdf.addPage();
  };
  const row = (cells: string[], widths: number[], bold = false) => {
    const h = Math.max(...cells.map((c, i) => pdf.heightOfString(c || '—', { width: widths[i]! - 6 }))) + 6;
    ensure(h);
    const y = pdf.y;
    let x = M;
    cells.forEach((c, i) => {
      if (bold) pdf.rect(x, y, widths[i]!, h).fillAndStroke('#f3f5f8', '#c8ccd2');
      else pdf.rect(x, y, widths[i]!, h).stroke('#c8ccd2');
      pdf.fillColor('black').text(c || '—', x + 3, y + 3, { width: widths[i]! - 6 });
      x += widths[i]!;
    });
    pdf.x = M;
    pdf.y = y + h;
  };

  pdf.fontSize(16).text(exportBaseName(campaign.year), { align: 'center', width });
  pdf.moveDown(0.3);
  pdf
    .fontSize(9)
    .fillColor('#444')
    .text(`报送截止：${shanghaiDay(campaign.listDeadline)}\u3000导出时间：${shanghaiDay(ctx.clock.now())}`, {
      align: 'center',
      width,
    });
  pdf.fillColor('black').moveDown(0.8);
  pdf.fontSize(12).text('一、各设区市汇总', { width });
  pdf.moveDown(0.3).fontSize(9);
  const sw = [60, 150, 55, 105, 45, 45, 35];
  row(['设区市', '名单标题', '状态', '公告文号', '列入', '移出', '异议'], sw, true);
  for (const c of overview.cities) {
    const l = c.list;
    row(
      [
        c.cityName,
        l?.title ?? '（未报送）',
        l?.statusLabel ?? '',
        l?.documentNo ?? '',
        String(l?.counts.included ?? 0),
        String(l?.counts.removed ?? 0),
        String(l?.counts.objections ?? 0),
      ],
      sw,
    );
  }
  row(
    [
      '合计',
      '',
      '',
      '',
      String(overview.totals.included),
      String(overview.totals.removed),
      String(overview.totals.objections),
    ],
    sw,
    true,
  );

  const ew = [35, 210, 130, 90, 30];
  withLists.forEach((c, i) => {
    pdf.moveDown(0.8);
    ensure(60);
    pdf
      .fontSize(12)
      .text(
        `${['二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四'][i] ?? i + 2}、${c.list!.title}`,
        M,
        pdf.y,
        { width },
      );
    pdf
      .fontSize(9)
      .fillColor('#444')
      .text(
        `${c.list!.issuingDepartment}\u3000${c.list!.statusLabel}${c.list!.documentNo ? `\u3000${c.list!.documentNo}` : ''}`,
        { width },
      );
    pdf.fillColor('black').moveDown(0.3);
    row(['序号', '企业名称', '统一社会信用代码', '县（市、区）', '得分'], ew, true);
    (entries.get(c.list!.id) ?? []).forEach((e, n) => {
      row(
        [
          String(n + 1),
          e.enterpriseName,
          e.uscc,
          e.countyName,
          e.scoreTotal === null ? '' : String(e.scoreTotal),
        ],
        ew,
      );
    });
  });
  pdf.end();
  return { data: await done, year: campaign.year };
}

export { dateText };
