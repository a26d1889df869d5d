/**
 * The review queues: "待我审核" and the region's full list, with filters, keyset pagination and per-row actions.
 * Every query is ANDed with filingScope(actor) (the jurisdiction rule), so nothing outside the region leaks.
 *
 * Index use (checked with EXPLAIN in tests/integration/review/queue.test.ts; with few rows the planner prefers a
 * sequential scan, so the test disables it to see which index the planner would take at scale):
 *   county "mine": county_code = $1 AND status = 'county_review' ORDER BY submitted_at, id
 *       → Index Scan using filings_queue_county_idx (equality on both leading columns, then the sort order:
 *         the keyset condition (submitted_at, id) > ($2, $3) is an index condition, no sort node)
 *   city "mine":   city_code = $1 AND status = 'city_review'     → Index Scan using filings_queue_city_idx
 *   province "all" with a status filter: status = $1 → Index Scan using filings_queue_province_idx (its "mine" is
 *         empty: nothing in a filing's workflow waits for the province)
 *   region-wide lists of one campaign (批次, by default the current one): the filings_queue_*_campaign_idx
 *         indexes (region, campaign_id, status, submitted_at, id), so a part does not walk earlier years' rows
 * The view is split by status (one part per status) because `status IN (…)` cannot be read from these indexes in
 * submitted_at order: with it the planner sorted every pending row of the province for each page.
 *
 * A page is one prepared statement per shape (pageStatement, preparedPage; docs/adr/0034-queue-statements.md):
 * the parts, merged and cut to the page, then the campaign, contact and follow-up columns for the page's rows only.
 */
import { createHash } from 'node:crypto';
import { and, count, desc, eq, getTableColumns, inArray, or, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../../../shared/permissions';
import { can } from '../../../shared/permissions/can';
import { cityOf, findRegion, regionPath } from '../../../shared/regions';
import { SIZE_NAMES_ZH, type SmeSize } from '../../../shared/rules/sme-size-2011';
import {
  FILING_KIND_LABELS,
  FILING_STATUS_LABELS,
  type FilingKind,
  type FilingStatus,
} from '../../../shared/schemas/filing-api';
import type {
  CountsResponse,
  QueueCampaign,
  QueueQuery,
  QueueRow,
  QueueSort,
} from '../../../shared/schemas/review-api';
import { reviewActionsFor, type ReviewAction } from '../../../shared/workflow';
import type { Db, DbOrTx } from '../../db/client';
import { perDatabase } from '../../db/prepared';
import { campaigns, enterprises, filingHistory, filings } from '../../db/schema';
import { maskMobile } from '../../../shared/pii';
import { currentCampaignOf } from '../campaigns/service';
import { filingScope } from '../filings/scope';

export type FilingRow = typeof filings.$inferSelect;

/**
 * The columns a queue row, the export and the cursor need: every column but the large JSON documents. The
 * snapshot alone is ~10 KB per filing (the whole submission); reading it for every row of a page made a queue page
 * read, detoast, send and JSON-parse ~0.2–1.3 MB, and an export of 100,000 rows ~1 GB (bench/, docs/performance.md).
 */
const { snapshot: _snapshot, returnInfo: _returnInfo, ...FILING_COLUMNS } = getTableColumns(filings);

/** History actions whose reason the lists show while they are the filing's latest step (退回/不通过原因). */
const REASON_SQL = sql.raw(`'county_return', 'city_return', 'city_return_to_county', 'refuse'`);
/** The levels whose history rows are a department's handling (最后办理时间, 办理人). */
const DEPARTMENT_SQL = sql.raw(`'county', 'city', 'province'`);

export type QueueFilingRow = Omit<FilingRow, 'snapshot' | 'returnInfo'> & {
  campaignYear: number;
  campaignName: string;
  contactName: string | null;
  contactMobile: string | null;
  lastReason: string | null;
  handledAt: string | Date | null;
  handlerName: string | null;
};

/** The queue's query once the campaign filter is resolved to a campaign id (null: every campaign). */
export type QueueFilter = QueueQuery & { campaignId?: string | null };

/**
 * The statuses waiting at the caller's level ("待我审核"). Only county and city reviewers review filings one by one;
 * nothing in a filing's workflow waits for the province (it follows the counties' and cities' work in the
 * region-wide list, and the cities' lists on 各市名单), so its 待我审核 is empty (issue #16).
 */
export function pendingStatuses(actor: Actor): FilingStatus[] {
  switch (actor.role) {
    case 'county_reviewer':
      return ['county_review'];
    case 'city_reviewer':
      return ['city_review'];
    default:
      return [];
  }
}

/** Whether the filing waits at the caller's level and has not been opened there since it arrived. */
export function isUnviewed(
  actor: Actor,
  f: Pick<FilingRow, 'status' | 'countyViewedAt' | 'cityViewedAt' | 'submittedAt'>,
): boolean {
  if (actor.role === 'county_reviewer' && f.status === 'county_review') {
    // A resubmission arrives anew: a view before the (re)submission does not count.
    return f.countyViewedAt === null || (f.submittedAt !== null && f.countyViewedAt < f.submittedAt);
  }
  if (actor.role === 'city_reviewer' && f.status === 'city_review') return f.cityViewedAt === null;
  return false;
}

/** The review actions the caller may take on a filing now (the workflow table, then jurisdiction via can()). */
export function allowedReviewActions(
  actor: Actor,
  f: Pick<FilingRow, 'enterpriseId' | 'countyCode' | 'cityCode' | 'status'>,
): ReviewAction[] {
  const record = {
    enterpriseId: f.enterpriseId,
    countyCode: f.countyCode,
    cityCode: f.cityCode,
    status: f.status as FilingStatus,
  };
  return reviewActionsFor(record.status, actor.role).filter((a) => can(actor, a, record));
}

export function regionNameOf(countyCode: string | null): string | null {
  return countyCode ? (regionPath(countyCode) ?? countyCode) : null;
}

export function smeSizeLabel(size: string | null): string | null {
  if (!size) return null;
  const name = SIZE_NAMES_ZH[size as SmeSize];
  return name ? `${name}企业` : size;
}

export function toQueueRow(actor: Actor, f: QueueFilingRow): QueueRow {
  return {
    id: f.id,
    enterpriseName: f.enterpriseName,
    uscc: f.uscc,
    countyCode: f.countyCode,
    cityCode: f.cityCode,
    regionName: regionNameOf(f.countyCode),
    kind: f.kind as FilingKind,
    kindLabel: FILING_KIND_LABELS[f.kind as FilingKind] ?? f.kind,
    status: f.status as FilingStatus,
    statusLabel: FILING_STATUS_LABELS[f.status as FilingStatus] ?? f.status,
    statusVersion: f.statusVersion,
    submittedAt: f.submittedAt?.toISOString() ?? null,
    lastActionAt: f.lastActionAt.toISOString(),
    scoreTotal: f.scoreTotal,
    smeSize: f.smeSize,
    smeSizeLabel: smeSizeLabel(f.smeSize),
    directMet: f.directMet,
    qualified: f.qualified,
    industryCode: f.industryCode,
    campaignYear: f.campaignYear,
    campaignName: f.campaignName,
    contactName: f.contactName,
    contactMobileMasked: f.contactMobile ? maskMobile(f.contactMobile) : null,
    reason: f.lastReason,
    handledAt: f.handledAt === null ? null : new Date(f.handledAt).toISOString(),
    handlerName: f.handlerName,
    unviewed: isUnviewed(actor, f),
    allowedActions: allowedReviewActions(actor, f),
  };
}

// ------------------------------------------------------------------ cursor

interface Cursor {
  /** The sort the cursor belongs to. */
  s: QueueSort;
  /** The sort key of the last row: ISO time, or the score (−1 for none). */
  k: string | number;
  /** The id of the last row (tie-breaker). */
  i: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

const BAD_CURSOR = () => AppError.of('PAGE_CURSOR_INVALID', {}, { cursor: '翻页参数无效，请回到第一页' });

export function decodeCursor(raw: string, sort: QueueSort): Cursor {
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw BAD_CURSOR();
  }
  if (!c || typeof c !== 'object') throw BAD_CURSOR();
  const { s, k, i } = c as Record<string, unknown>;
  if (s !== sort || typeof i !== 'string' || !/^[0-9a-f-]{36}$/i.test(i)) throw BAD_CURSOR();
  if (sort === 'score_desc') {
    if (typeof k !== 'number' || !Number.isInteger(k)) throw BAD_CURSOR();
  } else if (typeof k !== 'string' || Number.isNaN(Date.parse(k))) {
    throw BAD_CURSOR();
  }
  return { s, k, i } as Cursor;
}

function cursorOf(sort: QueueSort, f: QueueFilingRow): Cursor {
  if (sort === 'score_desc') return { s: sort, k: f.scoreTotal ?? -1, i: f.id };
  return { s: sort, k: f.submittedAt!.toISOString(), i: f.id };
}

// ------------------------------------------------------------------ statements

/**
 * The values of a query, by placeholder name: only the filters that are present (their names are the statement's
 * shape, see pageStatement), already in the form the SQL compares (patterns escaped, days as instants).
 */
type Params = Record<string, unknown>;

/**
 * How a value enters a statement: `inline` binds the value itself (a statement built for one request: the export's
 * WHERE, EXPLAIN), `placeholder` a named placeholder (a statement prepared once per shape and executed with Params).
 */
type Bind = (name: string, params: Params) => unknown;
const inline: Bind = (name, params) => params[name];
const placeholder: Bind = (name) => sql.placeholder(name);

function paramsOf(q: QueueFilter, cursor: Cursor | null): Params {
  const p: Params = {};
  if (q.campaignId) p.campaignId = q.campaignId;
  if (q.kind) p.kind = q.kind;
  if (q.countyCode) p.countyCode = q.countyCode;
  if (q.industry) p.industry = `${escapeLike(q.industry.toUpperCase())}%`;
  if (q.smeSize) p.smeSize = q.smeSize;
  if (q.scoreMin !== undefined) p.scoreMin = q.scoreMin;
  if (q.scoreMax !== undefined) p.scoreMax = q.scoreMax;
  if (q.directMet) p.directMet = q.directMet === 'true';
  if (q.qualified) p.qualified = q.qualified === 'true';
  if (q.submittedFrom) p.submittedFrom = shanghaiDayStart(q.submittedFrom).toISOString();
  if (q.submittedTo) {
    p.submittedTo = new Date(shanghaiDayStart(q.submittedTo).getTime() + 24 * 3600_000).toISOString();
  }
  const text = q.q?.trim();
  if (text) {
    const upper = text.toUpperCase();
    p.name = `%${escapeLike(text)}%`;
    if (/^[0-9A-Z]{2,18}$/.test(upper)) p.uscc = `${escapeLike(upper)}%`;
  }
  if (cursor) {
    p.cursorKey = q.sort === 'score_desc' ? cursor.k : new Date(cursor.k as string).toISOString();
    p.cursorId = cursor.i;
  }
  return p;
}

/** The columns a sort reads, on `filings` or on the page's derived table. */
interface SortColumns {
  submittedAt: unknown;
  id: unknown;
  scoreTotal: unknown;
}

/** The score sort key: filings without a score sort last. */
const scoreKey = (t: SortColumns) => sql<number>`coalesce(${t.scoreTotal}, -1)`;

function orderOf(sort: QueueSort, t: SortColumns = filings): SQL[] {
  switch (sort) {
    case 'submitted_asc':
      return [sql`${t.submittedAt} asc`, sql`${t.id} asc`];
    case 'submitted_desc':
      return [sql`${t.submittedAt} desc`, sql`${t.id} desc`];
    case 'score_desc':
      return [sql`${scoreKey(t)} desc`, sql`${t.id} asc`];
  }
}

function afterCursor(sort: QueueSort, p: Params, bind: Bind): SQL {
  const id = bind('cursorId', p);
  const key = bind('cursorKey', p);
  switch (sort) {
    case 'submitted_asc':
      return sql`(${filings.submittedAt}, ${filings.id}) > (${key}::timestamptz, ${id}::uuid)`;
    case 'submitted_desc':
      return sql`(${filings.submittedAt}, ${filings.id}) < (${key}::timestamptz, ${id}::uuid)`;
    case 'score_desc':
      return or(
        sql`${scoreKey(filings)} < ${key}::int`,
        and(sql`${scoreKey(filings)} = ${key}::int`, sql`${filings.id} > ${id}::uuid`),
      )!;
  }
}

// ------------------------------------------------------------------ filters

/** Start of a calendar day in Asia/Shanghai. */
function shanghaiDayStart(ymd: string): Date {
  return new Date(`${ymd}T00:00:00+08:00`);
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** Checks that a county filter lies within the caller's region (a clear message rather than an empty list). */
function checkCountyFilter(actor: Actor, countyCode: string): void {
  const region = findRegion(countyCode);
  const bad = (message: string) => new AppError('VALIDATION_FAILED', message, { countyCode: message });
  if (!region || region.level !== 'county') throw bad('请选择江苏省的县（市、区）');
  if (actor.role === 'county_reviewer' && countyCode !== actor.regionCode) {
    throw bad('只能查询本县（市、区）的申报');
  }
  if (actor.role === 'city_reviewer' && cityOf(countyCode)?.code !== actor.regionCode) {
    throw bad('只能查询本设区市所辖县（市、区）的申报');
  }
}

/** Every status a submitted filing can have. */
const SUBMITTED_STATUSES: FilingStatus[] = [
  'county_review',
  'city_review',
  'approved',
  'returned',
  'refused',
  'withdrawn',
];

/** The statuses the view shows: the status filter, else the caller's pending ones (mine) or every submitted one. */
export function viewStatuses(actor: Actor, q: Pick<QueueQuery, 'scope' | 'status'>): FilingStatus[] {
  const base = q.scope === 'mine' ? pendingStatuses(actor) : SUBMITTED_STATUSES;
  if (!q.status) return base;
  return base.includes(q.status) ? [q.status] : [];
}

/** The filters' checks (400 with the field's message): county within the region, score and date ranges. */
function validateFilters(actor: Actor, q: QueueFilter): void {
  if (q.countyCode) checkCountyFilter(actor, q.countyCode);
  if (q.scoreMin !== undefined && q.scoreMax !== undefined && q.scoreMin > q.scoreMax) {
    const message = '最低分不能高于最高分';
    throw new AppError('VALIDATION_FAILED', message, { scoreMin: message });
  }
  if (q.submittedFrom && q.submittedTo && q.submittedFrom > q.submittedTo) {
    const message = '开始日期不能晚于结束日期';
    throw new AppError('VALIDATION_FAILED', message, { submittedFrom: message });
  }
}

/**
 * Scope, view and filters: filingScope(actor) (the jurisdiction rule, always), submitted only, the statuses, and
 * one condition per present value of `p`. Which conditions there are depends only on the actor, the statuses and
 * the names in `p`, never on the values (the prepared statements rely on it: see pageStatement).
 */
function whereOf(actor: Actor, statuses: FilingStatus[], p: Params, bind: Bind): SQL {
  const v = (name: string) => bind(name, p);
  const parts: (SQL | undefined)[] = [filingScope(actor), sql`${filings.submittedAt} is not null`];
  if ('campaignId' in p) parts.push(sql`${filings.campaignId} = ${v('campaignId')}::uuid`);
  parts.push(statuses.length === 1 ? eq(filings.status, statuses[0]!) : inArray(filings.status, statuses));
  if ('kind' in p) parts.push(sql`${filings.kind} = ${v('kind')}`);
  if ('countyCode' in p) parts.push(sql`${filings.countyCode} = ${v('countyCode')}`);
  if ('industry' in p) parts.push(sql`${filings.industryCode} like ${v('industry')}`);
  if ('smeSize' in p) parts.push(sql`${filings.smeSize} = ${v('smeSize')}`);
  if ('scoreMin' in p) parts.push(sql`${filings.scoreTotal} >= ${v('scoreMin')}::int`);
  if ('scoreMax' in p) parts.push(sql`${filings.scoreTotal} <= ${v('scoreMax')}::int`);
  if ('directMet' in p) parts.push(sql`${filings.directMet} = ${v('directMet')}::boolean`);
  if ('qualified' in p) parts.push(sql`${filings.qualified} = ${v('qualified')}::boolean`);
  if ('submittedFrom' in p) parts.push(sql`${filings.submittedAt} >= ${v('submittedFrom')}::timestamptz`);
  if ('submittedTo' in p) parts.push(sql`${filings.submittedAt} < ${v('submittedTo')}::timestamptz`);
  if ('name' in p) {
    const byName = sql`${filings.enterpriseName} ilike ${v('name')}`;
    parts.push('uscc' in p ? or(byName, sql`${filings.uscc} like ${v('uscc')}`) : byName);
  }
  return and(...parts)!;
}

/** The WHERE clause of the queue and the export: scope, view, filters (no cursor). Validates the filters. */
export function queueWhere(actor: Actor, q: QueueFilter): SQL {
  validateFilters(actor, q);
  return whereOf(actor, viewStatuses(actor, q), paramsOf(q, null), inline);
}

/**
 * A LIMIT written into the SQL text rather than bound (Drizzle binds a number): with `LIMIT $n` PostgreSQL cannot
 * cost a generic plan of a prepared statement, kept re-planning the province's six-part page for every execution
 * (custom plans only, ~13 ms each) and never reused a plan. The page's limit is part of its shape (preparedPage).
 */
function literalLimit(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new Error(`bad limit ${n}`);
  return sql.raw(String(n)) as unknown as number;
}

/**
 * The SELECT of one status of a keyset page (limit + 1 rows): an equality on `status` lets it read its queue index
 * in order (county_code|city_code, [campaign_id,] [kind,] status, submitted_at, id) and stop after limit + 1 rows;
 * an `IN (…)` over several statuses would have to sort every pending row of the region first.
 */
function partSelect(
  db: DbOrTx,
  actor: Actor,
  status: FilingStatus,
  sort: QueueSort,
  limit: number,
  p: Params,
  bind: Bind,
) {
  const where = whereOf(actor, [status], p, bind);
  return db
    .select(FILING_COLUMNS)
    .from(filings)
    .where('cursorId' in p ? and(where, afterCursor(sort, p, bind)) : where)
    .orderBy(...orderOf(sort))
    .limit(literalLimit(limit));
}

/** The per-status SELECTs of one keyset page, with the values inline. Exported for EXPLAIN. */
export function queueSelects(db: DbOrTx, actor: Actor, q: QueueFilter) {
  const cursor = q.cursor ? decodeCursor(q.cursor, q.sort) : null;
  validateFilters(actor, q); // also when the view is empty
  const p = paramsOf(q, cursor);
  return viewStatuses(actor, q).map((status) =>
    partSelect(db, actor, status, q.sort, q.limit + 1, p, inline),
  );
}

/**
 * One keyset page as one statement: the per-status parts (UNION ALL of ordered, limited index range reads), merged
 * and cut to limit + 1 rows, and only then joined to the campaign, the enterprise's contact and the two history
 * reads of the follow-up columns (a LATERAL backward read of filing_history_filing_idx each), so those are read for
 * the page's rows only, not for every part's rows.
 */
function pageStatement(
  db: DbOrTx,
  actor: Actor,
  statuses: FilingStatus[],
  sort: QueueSort,
  limit: number,
  p: Params,
  bind: Bind,
) {
  const parts = statuses.map((status) => partSelect(db, actor, status, sort, limit, p, bind));
  let rows;
  if (parts.length === 1) {
    rows = db.$with('queue_rows').as(parts[0]!);
  } else {
    const merged = db.$with('queue_parts').as(unionAll(parts[0]!, parts[1]!, ...parts.slice(2)));
    rows = db.$with('queue_rows').as(
      db
        .with(merged)
        .select()
        .from(merged)
        .orderBy(...orderOf(sort, merged))
        .limit(literalLimit(limit)),
    );
  }
  const lastStep = db
    .select({
      reason: sql<
        string | null
      >`case when ${filingHistory.action} in (${REASON_SQL}) then ${filingHistory.reason} end`.as(
        'last_reason',
      ),
    })
    .from(filingHistory)
    .where(eq(filingHistory.filingId, rows.id))
    .orderBy(desc(filingHistory.id))
    .limit(literalLimit(1))
    .as('last_step');
  const handled = db
    .select({ at: filingHistory.at, actorName: filingHistory.actorName })
    .from(filingHistory)
    .where(and(eq(filingHistory.filingId, rows.id), sql`${filingHistory.level} in (${DEPARTMENT_SQL})`))
    .orderBy(desc(filingHistory.id))
    .limit(literalLimit(1))
    .as('handled');
  const rowFields = Object.fromEntries(
    Object.keys(FILING_COLUMNS).map((k) => [k, rows[k as keyof typeof rows]]),
  ) as unknown as typeof FILING_COLUMNS;
  return db
    .with(rows)
    .select({
      ...rowFields,
      campaignYear: campaigns.year,
      campaignName: campaigns.name,
      contactName: enterprises.contactName,
      contactMobile: enterprises.contactMobile,
      lastReason: lastStep.reason,
      handledAt: handled.at,
      handlerName: handled.actorName,
    })
    .from(rows)
    .innerJoin(campaigns, eq(campaigns.id, rows.campaignId))
    .leftJoin(enterprises, eq(enterprises.id, rows.enterpriseId))
    .leftJoinLateral(lastStep, sql`true`)
    .leftJoinLateral(handled, sql`true`)
    .orderBy(...orderOf(sort, rows));
}

type PagePrepared = ReturnType<ReturnType<typeof pageStatement>['prepare']>;

/** At most this many statement shapes per database are kept (least recently used first out). */
const MAX_SHAPES = 500;
const pageStatements = perDatabase(() => new Map<string, PagePrepared>());

/**
 * The prepared statement of a page's shape: the actor's role and region (filingScope's inputs: statements are
 * never shared between regions), the statuses, the sort, the limit and the names of the present values (which conditions
 * there are; whereOf). Built and prepared on first use (one named statement on each pooled PostgreSQL connection),
 * then executed with the values.
 */
function preparedPage(
  db: DbOrTx,
  actor: Actor,
  statuses: FilingStatus[],
  sort: QueueSort,
  limit: number,
  p: Params,
) {
  const key = [
    actor.role,
    actor.regionCode ?? '',
    statuses.join(','),
    sort,
    limit,
    Object.keys(p).sort().join(','),
  ].join('|');
  const cache = pageStatements(db as Db);
  let statement = cache.get(key);
  if (statement) {
    cache.delete(key); // most recently used last
  } else {
    const name = `queue_${createHash('sha1').update(key).digest('hex').slice(0, 24)}`;
    statement = pageStatement(db, actor, statuses, sort, limit, p, placeholder).prepare(name);
    if (cache.size >= MAX_SHAPES) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, statement);
  return statement;
}

/** One keyset page of the queue: `limit` rows after the cursor, and the cursor of the next page. */
export async function queuePage(
  db: DbOrTx,
  actor: Actor,
  q: QueueFilter,
): Promise<{ rows: QueueFilingRow[]; nextCursor: string | null }> {
  const cursor = q.cursor ? decodeCursor(q.cursor, q.sort) : null;
  validateFilters(actor, q); // also when the view is empty
  const statuses = viewStatuses(actor, q);
  if (statuses.length === 0) return { rows: [], nextCursor: null };
  const p = paramsOf(q, cursor);
  const statement = preparedPage(db, actor, statuses, q.sort, q.limit + 1, p);
  const rows = (await statement.execute(p)) as QueueFilingRow[];
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: more && last ? encodeCursor(cursorOf(q.sort, last)) : null };
}

/** The same order as orderOf(), in JavaScript (uuid text order is its byte order). */
function compareRows(sort: QueueSort, a: QueueFilingRow, b: QueueFilingRow): number {
  const byId = a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  switch (sort) {
    case 'submitted_asc':
      return a.submittedAt!.getTime() - b.submittedAt!.getTime() || byId;
    case 'submitted_desc':
      return b.submittedAt!.getTime() - a.submittedAt!.getTime() || -byId;
    case 'score_desc':
      return (b.scoreTotal ?? -1) - (a.scoreTotal ?? -1) || byId;
  }
}

/**
 * Every matching row, in batches (constant memory for the export), in the view's order: a k-way merge of one keyset
 * stream per status. Each stream reads `batchSize` rows of its own queue index at a time and is read again only when
 * its rows have been used, so the export reads each row once (paging the merged view instead re-read up to
 * statuses × (batchSize + 1) rows per batch and kept a sixth of them for scope=all).
 */
export async function* queueBatches(
  db: DbOrTx,
  actor: Actor,
  q: QueueFilter,
  batchSize = 1000,
): AsyncGenerator<QueueFilingRow[]> {
  queueWhere(actor, q); // validates the filters
  const streams = viewStatuses(actor, q).map((status) => ({
    status,
    rows: [] as QueueFilingRow[],
    at: 0,
    cursor: q.cursor as string | undefined,
    done: false,
  }));
  let out: QueueFilingRow[] = [];
  for (;;) {
    let best: (typeof streams)[number] | undefined;
    for (const s of streams) {
      if (s.at >= s.rows.length && !s.done) {
        const page = await queuePage(db, actor, {
          ...q,
          status: s.status,
          limit: batchSize,
          ...(s.cursor ? { cursor: s.cursor } : {}),
        });
        s.rows = page.rows;
        s.at = 0;
        s.cursor = page.nextCursor ?? undefined;
        s.done = page.nextCursor === null;
      }
      if (s.at < s.rows.length && (!best || compareRows(q.sort, s.rows[s.at]!, best.rows[best.at]!) < 0))
        best = s;
    }
    if (!best) break;
    out.push(best.rows[best.at]!);
    best.at += 1;
    if (out.length >= batchSize) {
      yield out;
      out = [];
    }
  }
  if (out.length > 0) yield out;
}

/** The campaigns with what the 批次 filter and the current campaign's choice need: one prepared statement. */
const campaignStatement = perDatabase((db: Db) =>
  db
    .select({
      id: campaigns.id,
      year: campaigns.year,
      name: campaigns.name,
      filingOpensAt: campaigns.filingOpensAt,
      filingClosesAt: campaigns.filingClosesAt,
      listDeadline: campaigns.listDeadline,
    })
    .from(campaigns)
    .orderBy(desc(campaigns.year))
    .prepare('queue_campaigns'),
);

/** Every campaign (newest first) as the 批次 filter's options, marking the current one (findCurrentCampaign's). */
export async function queueCampaigns(db: DbOrTx, now: Date): Promise<(QueueCampaign & { id: string })[]> {
  const all = await campaignStatement(db as Db).execute();
  const current = currentCampaignOf(all, now);
  return all.map((c) => ({ id: c.id, year: c.year, name: c.name, current: c.id === current?.id }));
}

/**
 * Resolves the 批次 filter: a year → that campaign (400 when there is none), "all" → every campaign, absent → the
 * current campaign for the region-wide list and every campaign for 待我审核 (docs/adr/0020).
 */
export async function resolveCampaign(
  db: DbOrTx,
  now: Date,
  q: QueueQuery,
): Promise<{ filter: QueueFilter; campaign: QueueCampaign | null; campaigns: QueueCampaign[] }> {
  const options = await queueCampaigns(db, now);
  const campaignsOut = options.map(({ year, name, current }) => ({ year, name, current }));
  let chosen: (typeof options)[number] | undefined;
  if (q.campaign && q.campaign !== 'all') {
    chosen = options.find((c) => String(c.year) === q.campaign);
    if (!chosen) {
      const message = `没有 ${q.campaign} 年度的填报批次，请从列表中选择批次`;
      throw new AppError('VALIDATION_FAILED', message, { campaign: message });
    }
  } else if (!q.campaign && q.scope === 'all') {
    chosen = options.find((c) => c.current);
  }
  return {
    filter: { ...q, campaignId: chosen?.id ?? null },
    campaign: chosen ? { year: chosen.year, name: chosen.name, current: chosen.current } : null,
    campaigns: campaignsOut,
  };
}

export async function queueCounts(db: DbOrTx, actor: Actor): Promise<CountsResponse> {
  const rows = await db
    .select({
      status: filings.status,
      n: count(),
      unviewedCounty: sql<number>`count(*) filter (where ${filings.countyViewedAt} is null or ${filings.countyViewedAt} < ${filings.submittedAt})`,
      unviewedCity: sql<number>`count(*) filter (where ${filings.cityViewedAt} is null)`,
    })
    .from(filings)
    .where(and(filingScope(actor), inArray(filings.status, ['county_review', 'city_review'])))
    .groupBy(filings.status);
  const by = (s: string) => rows.find((r) => r.status === s);
  const countyPending = Number(by('county_review')?.n ?? 0);
  const cityPending = Number(by('city_review')?.n ?? 0);
  if (actor.role === 'county_reviewer') {
    const mineUnviewed = Number(by('county_review')?.unviewedCounty ?? 0);
    return { countyPending, cityPending, minePending: countyPending, mineUnviewed };
  }
  if (actor.role === 'city_reviewer') {
    const mineUnviewed = Number(by('city_review')?.unviewedCity ?? 0);
    return { countyPending, cityPending, minePending: cityPending, mineUnviewed };
  }
  // The province is not a review level: nothing waits for it or is "unviewed" by it.
  return { countyPending, cityPending, minePending: 0, mineUnviewed: 0 };
}
