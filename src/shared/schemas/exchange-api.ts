/**
 * Exchange with the national platform (issue 6, item 9). Layout documented in docs/exchange.md (version v3; v2 selectable).
 *
 *   GET  /api/v1/exchange/filings.csv?campaignId   province/admin (all) or city (its city): approved filings,
 *                                                  CSV UTF-8 with BOM, streamed
 *   GET  /api/v1/exchange/filings.xlsx?campaignId  the same columns as .xlsx, streamed
 *   POST /api/v1/exchange/recognitions/import      province/admin; multipart `file` (.xlsx or .csv) with columns
 *                                                  企业名称, 统一社会信用代码, 称号, 批次/文号, 认定日期, 有效期至
 *                                                  → ImportResponse (every row validated first; idempotent)
 */
import { z } from './zod';

/** The layout of new exports (docs/exchange.md). v2 stays selectable with `?layout=v2` (ADR 0030). */
export const EXCHANGE_LAYOUT_VERSION = 'v3';
export const EXCHANGE_LAYOUT_VERSIONS = ['v2', 'v3'] as const;
export type ExchangeLayoutVersion = (typeof EXCHANGE_LAYOUT_VERSIONS)[number];

export const ExchangeExportQuery = z.object({
  campaignId: z.uuid({ message: '批次编号格式不正确' }),
  layout: z
    .enum(EXCHANGE_LAYOUT_VERSIONS, { message: '数据格式版本只能是 v2 或 v3' })
    .default(EXCHANGE_LAYOUT_VERSION),
});

export const IMPORT_COLUMNS = [
  '企业名称',
  '统一社会信用代码',
  '称号',
  '批次/文号',
  '认定日期',
  '有效期至',
] as const;

export const ImportRowIssue = z.object({ row: z.number().int(), message: z.string() });
export const ImportResponse = z.object({
  /** Data rows read (header excluded). */
  rows: z.number().int(),
  /** Recognitions added. */
  created: z.number().int(),
  /** Recognitions already present from an earlier import whose validity or title changed. */
  updated: z.number().int(),
  /** Rows identical to an earlier import (nothing to do). */
  unchanged: z.number().int(),
  /** Rows not imported, with the row number in the file (the header is row 1) and the reason. */
  errors: z.array(ImportRowIssue),
  /** Imported rows with something to check (e.g. the name differs from the registered one). */
  warnings: z.array(ImportRowIssue),
});
export type ImportResponse = z.infer<typeof ImportResponse>;
