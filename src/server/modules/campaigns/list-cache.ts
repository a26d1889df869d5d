/**
 * The campaigns as the review queue's 批次 filter and its current-campaign choice need them, kept in the process
 * (issue #15, docs/adr/0035-queue-one-round-trip.md), so a queue page is one statement after the session lookup.
 *
 * Campaigns change a few times a year, through this module's and campaign-admin's services. Every write to
 * `campaigns` in this process calls campaignsChanged() once it has committed, which drops the list at once (the
 * writer's next page, and the tests, see the change). Other processes (a second server process, the CLI, the data
 * generator, an operator's SQL) cannot reach this process's list: for them the list lives at most
 * CAMPAIGN_LIST_TTL_MS and is then read again. Which campaign is current is not cached: it depends on the
 * request's time and is chosen from the list per request (currentCampaignOf).
 */
import { desc } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { perDatabase } from '../../db/prepared';
import { campaigns } from '../../db/schema';

/** How long a list read in this process is used when no write in this process has dropped it. */
export const CAMPAIGN_LIST_TTL_MS = 10_000;

/** Every campaign, newest year first, with what the 批次 filter and the current campaign's choice read. */
const listStatement = perDatabase((db: Db) =>
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
    .prepare('campaign_list'),
);

export type CampaignListRow = Awaited<ReturnType<ReturnType<typeof listStatement>['execute']>>[number];

/** Bumped by every committed write to `campaigns` in this process: a list read before it is not used. */
let generation = 0;

interface Slot {
  /** The last list read, when it was read (performance.now() at the read's start) and under which generation. */
  list?: { rows: readonly CampaignListRow[]; readAt: number; generation: number };
  /** A read under way (concurrent requests on a miss share it). */
  reading?: { promise: Promise<readonly CampaignListRow[]>; generation: number };
}

const slots = perDatabase((): Slot => ({}));

/**
 * The campaigns (newest first): the process's copy while it is fresh, else one read of the table. `reread`: read
 * the table whatever the copy's age (a year asked for that the copy lacks may have been created elsewhere since).
 */
export async function campaignList(db: DbOrTx, reread = false): Promise<readonly CampaignListRow[]> {
  const slot = slots(db as Db);
  const now = performance.now();
  const { list, reading } = slot;
  const fresh = list && list.generation === generation && now - list.readAt < CAMPAIGN_LIST_TTL_MS;
  if (fresh && !reread) return list.rows;
  if (!reread && reading && reading.generation === generation) return reading.promise;
  const readGeneration = generation;
  const promise = listStatement(db as Db)
    .execute()
    .then((rows) => {
      // A write committed during the read may or may not be in it: keep the rows only if none was.
      if (readGeneration === generation) slot.list = { rows, readAt: now, generation: readGeneration };
      return rows as readonly CampaignListRow[];
    })
    .finally(() => {
      if (slot.reading?.promise === promise) slot.reading = undefined;
    });
  slot.reading = { promise, generation: readGeneration };
  return promise;
}

/**
 * Drops the process's campaign lists (of every database). Call it after a write to `campaigns` has committed (after
 * the transaction, not inside it: a list read between the write and the commit would still see the old rows).
 */
export function campaignsChanged(): void {
  generation += 1;
}
