/**
 * The queue's SQL: the cursor, the filters (values by name, checks, the WHERE of the queue and the export), the
 * sort, and the statement of one keyset page (pageStatement), built either with the values inline (EXPLAIN, the
 * export's WHERE) or with named placeholders (the prepared statement of a shape; queue.ts, docs/adr/0034).
 */
import { and, desc, eq, getTableColumns, inArray, or, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../../../shared/permissions';
import { cityOf, findRegion } from '../../../shared/regions';
import type { FilingStatus } from '../../../shared/schemas/filing-api';
import type { QueueQuery, QueueSort } from '../../../shared/schemas/review-api';
import { shanghaiDayStart } from '../../../shared/time';
import type { DbOrTx } from '../../db/client';
import { campaigns, enterprises, filingHistory, filings } from '../../db/schema';
import { filingScope } from '../filings/scope';
import { pendingStatuses, QUEUE_FILING_KEYS, type QueueFilingRow, type QueueFilter } from './queue-rows';

/**
 * The columns a queue row, the export and the cursor need (QUEUE_FILING_KEYS; issue #15: 19 of the filing's 40
 * columns, so a page maps, sends and parses half as many values), never the large JSON documents. The snapshot alone is ~10 KB per filing (the whole submission); reading it for every row of a page made a queue page
 * read, detoast, send and JSON-parse ~0.2–1.3 MB, and an export of 100,000 rows ~1 GB (bench/, docs/performance.md).
 */
const ALL = getTableColumns(filings);
const FILING_COLUMNS = Object.fromEntries(QUEUE_FILING_KEYS.map((k) => [k, ALL[k]])) as Pick<
  typeof ALL,
  (typeof QUEUE_FILING_KEYS)[number]
>;

/** History actions whose reason the lists show while they are the filing's latest step (退回/不通过原因). */
const REASON_SQL = sql.raw(`'county_return', 'city_return', 'city_return_to_county', 'refuse'`);
/** The levels whose history rows are a department's handling (最后办理时间, 办理人). */
const DEPARTMENT_SQL = sql.raw(`'county', 'city', 'province'`);

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

export function cursorOf(sort: QueueSort, f: QueueFilingRow): Cursor {
  if (sort === 'score_desc') return { s: sort, k: f.scoreTotal ?? -1, i: f.id };
  return { s: sort, k: f.submittedAt!.toISOString(), i: f.id };
}

// ------------------------------------------------------------------ statements

/**
 * The values of a query, by placeholder name: only the filters that are present (their names are the statement's
 * shape, see pageStatement), already in the form the SQL compares (patterns escaped, days as instants).
 */
export type Params = Record<string, unknown>;

/**
 * How a value enters a statement: `inline` binds the value itself (a statement built for one request: the export's
 * WHERE, EXPLAIN), `placeholder` a named placeholder (a statement prepared once per shape and executed with Params).
 */
export type Bind = (name: string, params: Params) => unknown;
const inline: Bind = (name, params) => params[name];
export const placeholder: Bind = (name) => sql.placeholder(name);

export function paramsOf(q: QueueFilter, cursor: Cursor | null): Params {
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

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** Checks that a county filter lies within the caller's region (a clear message rather than an empty list). */
function checkCountyFilter(actor: Actor, countyCode: string): void {
  const region = findRegion(countyCode);
  if (!region || region.level !== 'county') throw AppError.of('COUNTY_NOT_IN_JIANGSU').on('countyCode');
  if (actor.role === 'county_reviewer' && countyCode !== actor.regionCode) {
    throw AppError.of('QUEUE_COUNTY_OUTSIDE_COUNTY').on('countyCode');
  }
  if (actor.role === 'city_reviewer' && cityOf(countyCode)?.code !== actor.regionCode) {
    throw AppError.of('QUEUE_COUNTY_OUTSIDE_CITY').on('countyCode');
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
export function validateFilters(actor: Actor, q: QueueFilter): void {
  if (q.countyCode) checkCountyFilter(actor, q.countyCode);
  if (q.scoreMin !== undefined && q.scoreMax !== undefined && q.scoreMin > q.scoreMax) {
    throw AppError.of('QUEUE_SCORE_RANGE').on('scoreMin');
  }
  if (q.submittedFrom && q.submittedTo && q.submittedFrom > q.submittedTo) {
    throw AppError.of('QUEUE_DATE_RANGE').on('submittedFrom');
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
export function pageStatement(
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
