import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../../../shared/errors';
import type { Actor } from '../../../../shared/permissions';
import { scope as exportScopeOf } from '../../../../shared/permissions/exchange';
import { regionPath } from '../../../../shared/regions';
import { SIZE_NAMES_ZH, type SmeSize } from '../../../../shared/rules/sme-size-2011';
import { type ExchangeLayoutVersion } from '../../../../shared/schemas/exchange-api';
import { FILING_KIND_LABELS, type FilingKind } from '../../../../shared/schemas/filing-api';
import { shanghaiStamp } from '../../../../shared/time';
import type { DbOrTx } from '../../../db/client';
import { filingSections, filings } from '../../../db/schema';
import { exportScope } from '../../../permissions/sql';
import type { Campaign } from '../../campaigns/service';
import { streamXlsx } from '../../../services/xlsx';

// ---------------------------------------------------------------------------------------------------------
// Export (layout v2 = v1 + the data check)

export interface ExportRow {
  layout: ExchangeLayoutVersion;
  filing: typeof filings.$inferSelect;
  campaign: Campaign;
  /** The operations data of the fiscal year (campaign year − 1), or an empty object. */
  ops: Record<string, unknown>;
}

type Cell = string | number | null;

export interface ExchangeColumn {
  /** Stable machine name (docs/exchange.md). */
  name: string;
  /** The Chinese header written in the file. */
  header: string;
  type: 'text' | 'integer' | 'decimal' | 'datetime' | 'boolean';
  value: (r: ExportRow) => Cell;
}

function shanghaiDateTime(at: Date | null): string | null {
  if (!at) return null;
  return shanghaiStamp(at);
}

const yesNo = (v: boolean | null) => (v === null ? null : v ? '是' : '否');

function decimal(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? Math.round(n * 100) / 100 : null;
}

function integer(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isInteger(n) ? n : null;
}

const op = (key: string) => (r: ExportRow) => decimal(r.ops[key]);
const opInt = (key: string) => (r: ExportRow) => integer(r.ops[key]);

/** Layout v1. Never reorder, rename or remove a column: add new ones in a new version (docs/exchange.md). */
export const EXCHANGE_COLUMNS_V1: ExchangeColumn[] = [
  { name: 'layout_version', header: '数据格式版本', type: 'text', value: (r) => r.layout },
  { name: 'campaign_year', header: '批次年度', type: 'integer', value: (r) => r.campaign.year },
  { name: 'fiscal_year', header: '数据所属年度', type: 'integer', value: (r) => r.campaign.year - 1 },
  {
    name: 'filing_kind',
    header: '填报类型',
    type: 'text',
    value: (r) => FILING_KIND_LABELS[r.filing.kind as FilingKind] ?? r.filing.kind,
  },
  { name: 'enterprise_name', header: '企业名称', type: 'text', value: (r) => r.filing.enterpriseName },
  { name: 'uscc', header: '统一社会信用代码', type: 'text', value: (r) => r.filing.uscc },
  { name: 'city_code', header: '设区市代码', type: 'text', value: (r) => r.filing.cityCode },
  { name: 'county_code', header: '县（市、区）代码', type: 'text', value: (r) => r.filing.countyCode },
  {
    name: 'region_name',
    header: '所在地区',
    type: 'text',
    value: (r) => (r.filing.countyCode ? (regionPath(r.filing.countyCode) ?? null) : null),
  },
  { name: 'industry_code', header: '所属行业代码', type: 'text', value: (r) => r.filing.industryCode },
  { name: 'sme_size', header: '企业规模', type: 'text', value: (r) => r.filing.smeSize },
  {
    name: 'score_total',
    header: '创新型中小企业评价得分',
    type: 'integer',
    value: (r) => r.filing.scoreTotal,
  },
  { name: 'direct_met', header: '满足直通条件', type: 'boolean', value: (r) => yesNo(r.filing.directMet) },
  {
    name: 'qualified',
    header: '符合创新型中小企业标准',
    type: 'boolean',
    value: (r) => yesNo(r.filing.qualified),
  },
  { name: 'operating_revenue', header: '营业收入（万元）', type: 'decimal', value: op('operatingRevenue') },
  {
    name: 'main_business_revenue',
    header: '主营业务收入（万元）',
    type: 'decimal',
    value: op('mainBusinessRevenue'),
  },
  { name: 'rd_expense', header: '研发费用（万元）', type: 'decimal', value: op('rdExpense') },
  { name: 'total_profit', header: '利润总额（万元）', type: 'decimal', value: op('totalProfit') },
  { name: 'net_profit', header: '净利润（万元）', type: 'decimal', value: op('netProfit') },
  { name: 'total_assets', header: '资产总额（万元）', type: 'decimal', value: op('totalAssets') },
  { name: 'total_liabilities', header: '负债总额（万元）', type: 'decimal', value: op('totalLiabilities') },
  { name: 'employees', header: '从业人员（人）', type: 'integer', value: opInt('employees') },
  { name: 'rd_staff', header: '研发人员（人）', type: 'integer', value: opInt('rdStaff') },
  {
    name: 'submitted_at',
    header: '提交时间',
    type: 'datetime',
    value: (r) => shanghaiDateTime(r.filing.submittedAt),
  },
  {
    name: 'approved_at',
    header: '审核通过时间',
    type: 'datetime',
    value: (r) => shanghaiDateTime(r.filing.lastActionAt),
  },
  {
    name: 'verification_code',
    header: '申报书核验码',
    type: 'text',
    value: (r) => r.filing.verificationCode,
  },
];

/**
 * The data check of a filing's frozen self-assessment (issue 16 item 4): 待人工复核 when an indicator could not be
 * scored from the figures (e.g. 主营业务收入 above 营业收入), 有提示 when the figures carry a warning, else 通过;
 * with the reasons, so the national platform never takes inconsistent figures unflagged.
 */
export function dataCheckOf(filing: { snapshot: unknown }): { check: string | null; notes: string | null } {
  const snapshot = filing.snapshot as { assessment?: Record<string, unknown> } | null;
  const a = snapshot?.assessment;
  if (!a) return { check: null, notes: null };
  const inn = (a['innovative'] ?? {}) as { status?: string; reviewReasons?: unknown };
  const reasons = Array.isArray(inn.reviewReasons) ? inn.reviewReasons.map(String) : [];
  const warnings = Array.isArray(a['warnings']) ? (a['warnings'] as unknown[]).map(String) : [];
  const notes = [...new Set([...reasons, ...warnings])];
  const check = inn.status === 'needsManualReview' ? '待人工复核' : warnings.length > 0 ? '有提示' : '通过';
  return { check, notes: notes.length > 0 ? notes.join('；') : null };
}

/** Layout v2 (the current one): v1's columns unchanged, then the data check and its reasons. */
export const EXCHANGE_COLUMNS_V2: ExchangeColumn[] = [
  ...EXCHANGE_COLUMNS_V1,
  { name: 'data_check', header: '数据核验', type: 'text', value: (r) => dataCheckOf(r.filing).check },
  {
    name: 'data_check_notes',
    header: '数据核验提示',
    type: 'text',
    value: (r) => dataCheckOf(r.filing).notes,
  },
];

/**
 * Layout v3 (the default, issue 16): v2's columns in the same order, but every coded column a person reads carries
 * its Chinese label — `sme_size` is 中型 / 小型 / 微型 instead of medium / small / micro (ADR 0030). Region and
 * industry codes are national standards (GB/T 2260, GB/T 4754) and stay codes.
 */
export const EXCHANGE_COLUMNS_V3: ExchangeColumn[] = EXCHANGE_COLUMNS_V2.map((c) =>
  c.name === 'sme_size'
    ? {
        ...c,
        value: (r: ExportRow) =>
          r.filing.smeSize === null ? null : (SIZE_NAMES_ZH[r.filing.smeSize as SmeSize] ?? r.filing.smeSize),
      }
    : c,
);

export const EXCHANGE_LAYOUTS: Record<ExchangeLayoutVersion, ExchangeColumn[]> = {
  v2: EXCHANGE_COLUMNS_V2,
  v3: EXCHANGE_COLUMNS_V3,
};

/**
 * The filings the actor may export ('export.filings', the policy's scope): the province everything, a city its
 * own. An account whose scope is empty (a city reviewer without its region) may not export at all (403).
 */
export function requireExportScope(actor: Actor): SQL {
  if (exportScopeOf(actor).kind === 'none') throw new AppError('FORBIDDEN');
  return exportScope(actor);
}

/** Approved filings of the campaign in scope, in keyset batches by id, with their operations section. */
async function* exportBatches(
  db: DbOrTx,
  campaign: Campaign,
  scope: SQL,
  layout: ExchangeLayoutVersion,
  size = 500,
): AsyncGenerator<ExportRow[]> {
  let after: string | null = null;
  const fiscal = String(campaign.year - 1);
  for (;;) {
    const rows = await db
      .select({ filing: filings, ops: filingSections.data })
      .from(filings)
      .leftJoin(
        filingSections,
        and(eq(filingSections.filingId, filings.id), eq(filingSections.section, 'operations')),
      )
      .where(
        and(
          eq(filings.campaignId, campaign.id),
          eq(filings.status, 'approved'),
          scope,
          after ? gt(filings.id, after) : undefined,
        ),
      )
      .orderBy(asc(filings.id))
      .limit(size);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.filing.id;
    yield rows.map((r) => {
      const years = (r.ops?.['years'] ?? {}) as Record<string, Record<string, unknown>>;
      return { layout, filing: r.filing, campaign, ops: years[fiscal] ?? {} };
    });
    if (rows.length < size) return;
  }
}

function csvCell(c: ExchangeColumn, v: Cell): string {
  if (v === null) return '';
  let s = String(v);
  // Text beginning with a formula character is prefixed so a spreadsheet shows it as text.
  if (c.type === 'text' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** CSV, UTF-8 with BOM (so Excel opens it as UTF-8), CRLF line ends, streamed batch by batch. */
export function streamExchangeCsv(
  db: DbOrTx,
  campaign: Campaign,
  scope: SQL,
  log: FastifyBaseLogger,
  layout: ExchangeLayoutVersion,
): PassThrough {
  const columns = EXCHANGE_LAYOUTS[layout];
  const out = new PassThrough();
  const write = async () => {
    out.write('\uFEFF' + columns.map((c) => csvCell({ ...c, type: 'integer' }, c.header)).join(',') + '\r\n');
    for await (const batch of exportBatches(db, campaign, scope, layout)) {
      const text = batch.map((r) => columns.map((c) => csvCell(c, c.value(r))).join(',') + '\r\n').join('');
      if (!out.write(text)) await once(out, 'drain');
    }
    out.end();
  };
  write().catch((err: unknown) => {
    log.error({ err }, 'csv export failed part-way');
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return out;
}

export function streamExchangeXlsx(
  db: DbOrTx,
  campaign: Campaign,
  scope: SQL,
  log: FastifyBaseLogger,
  layout: ExchangeLayoutVersion,
): PassThrough {
  const columns = EXCHANGE_LAYOUTS[layout];
  async function* rows(): AsyncGenerator<Cell[][]> {
    for await (const batch of exportBatches(db, campaign, scope, layout)) {
      yield batch.map((r) => columns.map((c) => c.value(r)));
    }
  }
  return streamXlsx(
    () => ({
      sheets: [
        {
          name: `填报数据_${layout}`,
          columns: columns.map((c) => ({ header: c.header, width: 16 })),
          rows: rows(),
        },
      ],
    }),
    (err) => log.error({ err }, 'xlsx export failed part-way'),
  );
}
