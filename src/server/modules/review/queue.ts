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
 * The 批次 filter is resolved from the process's campaign list (campaigns/list-cache.ts), so after the session
 * lookup a page is one round trip (docs/adr/0035-queue-one-round-trip.md).
 *
 * Files: queue-rows.ts (what a row is and how it is shown), queue-sql.ts (cursor, filters, WHERE, the page
 * statement), this file (the prepared pages, the export's batches, the 批次 filter, the counts).
 */
import { createHash } from 'node:crypto';
import { and, count, inArray, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../../../shared/permissions';
import type { FilingStatus } from '../../../shared/schemas/filing-api';
import type {
  CountsResponse,
  QueueCampaign,
  QueueQuery,
  QueueSort,
} from '../../../shared/schemas/review-api';
import type { Db, DbOrTx } from '../../db/client';
import { perDatabase } from '../../db/prepared';
import { filings } from '../../db/schema';
import { campaignList } from '../campaigns/list-cache';
import { currentCampaignOf } from '../campaigns/service';
import { filingScope } from '../filings/scope';
import type { QueueFilingRow, QueueFilter } from './queue-rows';
import {
  cursorOf,
  decodeCursor,
  encodeCursor,
  pageStatement,
  paramsOf,
  placeholder,
  queueWhere,
  validateFilters,
  viewStatuses,
  type Params,
} from './queue-sql';

export {
  allowedReviewActions,
  isUnviewed,
  pendingStatuses,
  regionNameOf,
  smeSizeLabel,
  toQueueRow,
  type FilingRow,
  type QueueFilingRow,
  type QueueFilter,
} from './queue-rows';
export { decodeCursor, encodeCursor, queueSelects, queueWhere, viewStatuses } from './queue-sql';

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

/**
 * Every campaign (newest first) as the 批次 filter's options, marking the current one (findCurrentCampaign's), from
 * the process's campaign list (campaigns/list-cache.ts: no round trip while it is fresh; docs/adr/0035).
 * `reread`: read the table whatever the list's age.
 */
export async function queueCampaigns(
  db: DbOrTx,
  now: Date,
  reread = false,
): Promise<(QueueCampaign & { id: string })[]> {
  const all = await campaignList(db, reread);
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
  let options = await queueCampaigns(db, now);
  let chosen: (typeof options)[number] | undefined;
  if (q.campaign && q.campaign !== 'all') {
    chosen = options.find((c) => String(c.year) === q.campaign);
    if (!chosen) {
      // The process's list may predate a campaign created by another process: read the table before a 400.
      options = await queueCampaigns(db, now, true);
      chosen = options.find((c) => String(c.year) === q.campaign);
    }
    if (!chosen) {
      throw AppError.of('QUEUE_CAMPAIGN_UNKNOWN', { year: q.campaign }).on('campaign');
    }
  } else if (!q.campaign && q.scope === 'all') {
    chosen = options.find((c) => c.current);
  }
  const campaignsOut = options.map(({ year, name, current }) => ({ year, name, current }));
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
