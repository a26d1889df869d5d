/**
 * The queue as an .xlsx, STREAMED: rows are read in keyset batches of 1000 and each batch is written as sheet XML
 * and deflated into the reply (services/xlsx.ts), so memory stays constant whatever the size.
 */
import type { PassThrough } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../../../shared/permissions';
import type { QueueQuery } from '../../../shared/schemas/review-api';
import { shanghaiStamp } from '../../../shared/time';
import type { DbOrTx } from '../../db/client';
import { shanghaiDate } from '../campaigns/service';
import { streamXlsx } from '../../services/xlsx';
import { queueBatches, toQueueRow, type QueueFilter } from './queue';

/**
 * Rows per keyset page of each status and per written batch. Small on purpose (issue #15): the export merges one
 * page per status, and a page of a rare status lives until its rows come up in the merged order; pages of 1,000
 * lived long enough to be promoted to V8's old generation, which grew by ~100 MB of garbage per export and
 * carried it into the next one (peak 283 MB, then 307 MB; with 200: 206 MB, then 233 MB — docs/performance.md).
 */
const EXPORT_BATCH = 200;

function shanghaiDateTime(at: Date | null): string {
  if (!at) return '';
  return shanghaiStamp(at);
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
  // Follow-up columns (issue #16 item 5), after the earlier ones so existing column positions stay put.
  { header: '批次', key: 'campaign', width: 14 },
  { header: '联系人', key: 'contactName', width: 12 },
  { header: '手机（脱敏）', key: 'contactMobile', width: 14 },
  { header: '退回/不通过原因', key: 'reason', width: 36 },
  { header: '最后办理时间', key: 'handledAt', width: 18 },
  { header: '办理人', key: 'handlerName', width: 22 },
];

/** The Chinese file name of an export, e.g. "优质中小企业申报清单_2023年度_20230301.xlsx". */
export function exportFileName(now: Date, scope: QueueQuery['scope'], campaignYear: number | null): string {
  const day = shanghaiDate(now).replaceAll('-', '');
  const year = campaignYear === null ? '' : `_${campaignYear}年度`;
  return `优质中小企业${scope === 'mine' ? '待审核' : '申报'}清单${year}_${day}.xlsx`;
}

/**
 * Starts writing the workbook into a stream and returns it at once (the caller sends it as the reply body).
 * A failure part-way destroys the stream, so the client sees an aborted download rather than a corrupt file.
 */
export function streamQueueXlsx(
  db: DbOrTx,
  actor: Actor,
  q: QueueFilter,
  log: FastifyBaseLogger,
  now: Date = new Date(),
): PassThrough {
  async function* rows() {
    let n = 0;
    for await (const batch of queueBatches(db, actor, q, EXPORT_BATCH)) {
      yield batch.map((f) => {
        const r = toQueueRow(actor, f);
        n += 1;
        const cells: Record<string, string | number | null> = {
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
          campaign: `${r.campaignYear}年度`,
          contactName: r.contactName ?? '',
          contactMobile: r.contactMobileMasked ?? '',
          reason: r.reason ?? '',
          handledAt: r.handledAt ? shanghaiDateTime(new Date(r.handledAt)) : '',
          handlerName: r.handlerName ?? '',
        };
        return EXPORT_COLUMNS.map((c) => cells[c.key]);
      });
    }
  }
  // The lean writer (services/xlsx.ts, issue #15): one string per row deflated into the reply, instead of
  // exceljs's objects per cell.
  return streamXlsx(
    () => ({
      sheets: [{ name: '审核清单', columns: EXPORT_COLUMNS, rows: rows() }],
      at: now,
    }),
    (err) => log.error({ err }, 'xlsx export failed part-way'),
  );
}
