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
 * The view is split by status (queueSelects) because `status IN (…)` cannot be read from these indexes in
 * submitted_at order: with it the planner sorted every pending row of the province for each page.
 */
import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  gte,
  ilike,
  inArray,
  like,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
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
import type { DbOrTx } from '../../db/client';
import { campaigns, enterprises, filings } from '../../db/schema';
import { maskMobile } from '../../../shared/pii';
import { findCurrentCampaign } from '../campaigns/service';
import { filingScope } from '../filings/scope';

export type FilingRow = typeof filings.$inferSelect;

/**
 * The columns a queue row, the export and the cursor need: every column but the large JSON documents. The
 * snapshot alone is ~10 KB per filing (the whole submission); reading it for every row of a page made a queue page
 * read, detoast, send and JSON-parse ~0.2–1.3 MB, and an export of 100,000 rows ~1 GB (bench/, docs/performance.md).
 */
const { snapshot: _snapshot, returnInfo: _returnInfo, ...FILING_COLUMNS } = getTableColumns(filings);

/** History actions whose reason the lists show while they are the filing's latest step (退回/不通过原因). */
const REASON_ACTIONS = sql.raw(`'county_return', 'city_return', 'city_return_to_county', 'refuse'`);
/** The levels whose history rows are a department's handling (最后办理时间, 办理人). */
const DEPARTMENT_LEVELS = sql.raw(`'county', 'city', 'province'`);

/**
 * A row of the lists: the filing's columns, its campaign, the enterprise's contact, and the follow-up columns read
 * from the filing's history (each a backward read of filing_history_filing_idx for the page's rows only).
 */
const QUEUE_COLUMNS = {
  ...FILING_COLUMNS,
  campaignYear: campaigns.year,
  campaignName: campaigns.name,
  contactName: enterprises.contactName,
  contactMobile: enterprises.contactMobile,
  lastReason: sql<string | null>`(select case when h.action in (${REASON_ACTIONS}) then h.reason end
    from filing_history h where h.filing_id = ${filings.id} order by h.id desc limit 1)`.as('last_reason'),
  handledAt: sql<string | null>`(select h.at from filing_history h
    where h.filing_id = ${filings.id} and h.level in (${DEPARTMENT_LEVELS}) order by h.id desc limit 1)`.as(
    'handled_at',
  ),
  handlerName: sql<string | null>`(select h.actor_name from filing_history h
    where h.filing_id = ${filings.id} and h.level in (${DEPARTMENT_LEVELS}) order by h.id desc limit 1)`.as(
    'handler_name',
  ),
};
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

const BAD_CURSOR = () =>
  new AppError('VALIDATION_FAILED', '翻页参数已失效，请回到第一页重新查询。', {
    cursor: '翻页参数无效，请回到第一页',
  });

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

/** The score sort key: filings without a score sort last. */
const SCORE_KEY = sql<number>`coalesce(${filings.scoreTotal}, -1)`;

function cursorOf(sort: QueueSort, f: QueueFilingRow): Cursor {
  if (sort === 'score_desc') return { s: sort, k: f.scoreTotal ?? -1, i: f.id };
  return { s: sort, k: f.submittedAt!.toISOString(), i: f.id };
}

function afterCursor(sort: QueueSort, c: Cursor): SQL {
  switch (sort) {
    case 'submitted_asc':
      return sql`(${filings.submittedAt}, ${filings.id}) > (${new Date(c.k as string).toISOString()}::timestamptz, ${c.i}::uuid)`;
    case 'submitted_desc':
      return sql`(${filings.submittedAt}, ${filings.id}) < (${new Date(c.k as string).toISOString()}::timestamptz, ${c.i}::uuid)`;
    case 'score_desc':
      return or(
        sql`${SCORE_KEY} < ${c.k as number}`,
        and(sql`${SCORE_KEY} = ${c.k as number}`, sql`${filings.id} > ${c.i}::uuid`),
      )!;
  }
}

function orderOf(sort: QueueSort): SQL[] {
  switch (sort) {
    case 'submitted_asc':
      return [asc(filings.submittedAt), asc(filings.id)];
    case 'submitted_desc':
      return [desc(filings.submittedAt), desc(filings.id)];
    case 'score_desc':
      return [sql`${SCORE_KEY} desc`, asc(filings.id)];
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

/** The WHERE clause of the queue and the export: scope, view, filters (no cursor). */
export function queueWhere(actor: Actor, q: QueueFilter): SQL {
  const parts: (SQL | undefined)[] = [filingScope(actor), sql`${filings.submittedAt} is not null`];
  if (q.campaignId) parts.push(eq(filings.campaignId, q.campaignId));
  const statuses = viewStatuses(actor, q);
  parts.push(statuses.length === 1 ? eq(filings.status, statuses[0]!) : inArray(filings.status, statuses));
  if (q.kind) parts.push(eq(filings.kind, q.kind));
  if (q.countyCode) {
    checkCountyFilter(actor, q.countyCode);
    parts.push(eq(filings.countyCode, q.countyCode));
  }
  if (q.industry) parts.push(like(filings.industryCode, `${escapeLike(q.industry.toUpperCase())}%`));
  if (q.smeSize) parts.push(eq(filings.smeSize, q.smeSize));
  if (q.scoreMin !== undefined && q.scoreMax !== undefined && q.scoreMin > q.scoreMax) {
    const message = '最低分不能高于最高分';
    throw new AppError('VALIDATION_FAILED', message, { scoreMin: message });
  }
  if (q.scoreMin !== undefined) parts.push(gte(filings.scoreTotal, q.scoreMin));
  if (q.scoreMax !== undefined) parts.push(lte(filings.scoreTotal, q.scoreMax));
  if (q.directMet) parts.push(eq(filings.directMet, q.directMet === 'true'));
  if (q.qualified) parts.push(eq(filings.qualified, q.qualified === 'true'));
  if (q.submittedFrom) parts.push(gte(filings.submittedAt, shanghaiDayStart(q.submittedFrom)));
  if (q.submittedTo) {
    const end = new Date(shanghaiDayStart(q.submittedTo).getTime() + 24 * 3600_000);
    parts.push(sql`${filings.submittedAt} < ${end.toISOString()}::timestamptz`);
  }
  if (q.submittedFrom && q.submittedTo && q.submittedFrom > q.submittedTo) {
    const message = '开始日期不能晚于结束日期';
    throw new AppError('VALIDATION_FAILED', message, { submittedFrom: message });
  }
  const text = q.q?.trim();
  if (text) {
    const upper = text.toUpperCase();
    const byName = ilike(filings.enterpriseName, `%${escapeLike(text)}%`);
    parts.push(
      /^[0-9A-Z]{2,18}$/.test(upper) ? or(byName, like(filings.uscc, `${escapeLike(upper)}%`)) : byName,
    );
  }
  return and(...parts)!;
}

/**
 * The SELECTs of one keyset page, one per status of the view (limit + 1 rows each). Splitting by status gives each
 * query an equality on `status`, so it reads its queue index in order (county_code|city_code, status,
 * submitted_at, id) and stops after limit + 1 rows; an `IN (…)` over several statuses would have to sort every
 * pending row of the region first. The page is the merge of the parts. Exported for EXPLAIN.
 */
export function queueSelects(db: DbOrTx, actor: Actor, q: QueueFilter) {
  const cursor = q.cursor ? decodeCursor(q.cursor, q.sort) : null;
  const statuses = viewStatuses(actor, q);
  queueWhere(actor, q); // validates the filters even when the view is empty
  return statuses.map((status) => {
    const where = queueWhere(actor, { ...q, status });
    return db
      .select(QUEUE_COLUMNS)
      .from(filings)
      .innerJoin(campaigns, eq(campaigns.id, filings.campaignId))
      .leftJoin(enterprises, eq(enterprises.id, filings.enterpriseId))
      .where(cursor ? and(where, afterCursor(q.sort, cursor)) : where)
      .orderBy(...orderOf(q.sort))
      .limit(q.limit + 1);
  });
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

/** One keyset page of the queue: `limit` rows after the cursor, and the cursor of the next page. */
export async function queuePage(
  db: DbOrTx,
  actor: Actor,
  q: QueueFilter,
): Promise<{ rows: QueueFilingRow[]; nextCursor: string | null }> {
  // One statement: the parts as a UNION ALL of parenthesised (… ORDER BY … LIMIT limit + 1) selects, each still an
  // index range read; one round trip instead of one per status (six for scope=all), merged here.
  const selects = queueSelects(db, actor, q);
  const fetched: QueueFilingRow[] =
    selects.length === 0
      ? []
      : selects.length === 1
        ? await selects[0]!
        : await unionAll(selects[0]!, selects[1]!, ...selects.slice(2));
  const rows = fetched.sort((a, b) => compareRows(q.sort, a, b));
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: more && last ? encodeCursor(cursorOf(q.sort, last)) : null };
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

/** Every campaign (newest first) as the 批次 filter's options, marking the current one. */
export async function queueCampaigns(db: DbOrTx, now: Date): Promise<(QueueCampaign & { id: string })[]> {
  const [all, current] = await Promise.all([
    db
      .select({ id: campaigns.id, year: campaigns.year, name: campaigns.name })
      .from(campaigns)
      .orderBy(desc(campaigns.year)),
    findCurrentCampaign(db, now),
  ]);
  return all.map((c) => ({ ...c, current: c.id === current?.id }));
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
