/**
 * The queue as an .xlsx, STREAMED: exceljs's streaming WorkbookWriter writes each row as it is committed into
 * the reply, and rows are read in keyset batches of 1000, so memory stays constant whatever the size.
 */
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../../../shared/permissions';
import type { QueueQuery } from '../../../shared/schemas/review-api';
import type { DbOrTx } from '../../db/client';
import { shanghaiDate } from '../campaigns/service';
import { loadExcelJS } from '../../services/heavy-modules';
import { queueBatches, toQueueRow } from './queue';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

function shanghaiDateTime(at: Date | null): string {
  if (!at) return '';
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

const yesNo = (v: boolean | null) => (v === null ? '' : v ? '是' : '否');

export const EXPORT_COLUMNS: { header: string; key: string; width: number }[] = [
  { header: '序号', key: 'no', width: 8 },
  { header: '企业名称', key: 'enterpriseName', width: 36 },
  { header: '统一社会信用代码', key: 'uscc', width: 22 },
  { header: '所在地区', key: 'regionName', width: 20 },
  { header: '县（市、区）代码', key: 'countyCode', width: 14 },
  { header: '填报类型', key: 'kind', width: 10 },
  { header: '审核状态', key: 'status', width: 14 },
  { header: '提交时间', key: 'submittedAt', width: 18 },
  { header: '自评总分', key: 'scoreTotal', width: 10 },
  { header: '企业规模', key: 'smeSize', width: 10 },
  { header: '满足直通条件', key: 'directMet', width: 12 },
  { header: '符合创新型中小企业标准', key: 'qualified', width: 20 },
  { header: '所属行业代码', key: 'industryCode', width: 12 },
];

/** The Chinese file name of an export, e.g. "优质中小企业审核清单_20230301.xlsx". */
export function exportFileName(now: Date, scope: QueueQuery['scope']): string {
  const day = shanghaiDate(now).replaceAll('-', '');
  return `优质中小企业${scope === 'mine' ? '待审核' : '申报'}清单_${day}.xlsx`;
}

/**
 * Starts writing the workbook into a stream and returns it at once (the caller sends it as the reply body).
 * A failure part-way destroys the stream, so the client sees an aborted download rather than a corrupt file.
 */
export function streamQueueXlsx(
  db: DbOrTx,
  actor: Actor,
  q: QueueQuery,
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
    const sheet = workbook.addWorksheet('审核清单', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = EXPORT_COLUMNS;
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    let n = 0;
    for await (const batch of queueBatches(db, actor, q, 1000)) {
      for (const f of batch) {
        const r = toQueueRow(actor, f);
        n += 1;
        sheet
          .addRow({
            no: n,
            enterpriseName: r.enterpriseName,
            uscc: r.uscc,
            regionName: r.regionName ?? '',
            countyCode: r.countyCode ?? '',
            kind: r.kindLabel,
            status: r.statusLabel,
            submittedAt: shanghaiDateTime(f.submittedAt),
            scoreTotal: r.scoreTotal,
            smeSize: r.smeSizeLabel ?? '',
            directMet: yesNo(r.directMet),
            qualified: yesNo(r.qualified),
            industryCode: r.industryCode ?? '',
          })
          .commit();
      }
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((err: unknown) => {
    log.error({ err }, 'xlsx export failed part-way');
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return out;
}
