import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Actor } from '../../../shared/permissions';
import type { DbOrTx } from '../../db/client';
import {
  campaigns,
  enterprises,
  filingAttachments,
  filingHistory,
  filings,
  filingSections,
  files,
} from '../../db/schema';
import { filingScope } from './scope';

export type FilingRow = typeof filings.$inferSelect;
export type SectionRow = typeof filingSections.$inferSelect;
export type HistoryRow = typeof filingHistory.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: string): boolean => UUID.test(id);

/**
 * A filing the actor may see (filingScope), optionally locked: `update` for state changes (a double click files
 * once), `no key update` for content writes (section saves, attachments: they queue behind each other and a
 * submit in progress). Undefined when missing or out of scope.
 */
export async function findScopedFiling(
  db: DbOrTx,
  actor: Actor | null,
  id: string,
  lock?: 'update' | 'no key update',
): Promise<FilingRow | undefined> {
  if (!isUuid(id)) return undefined;
  const q = db
    .select()
    .from(filings)
    .where(and(eq(filings.id, id), filingScope(actor)));
  const rows = await (lock ? q.for(lock) : q);
  return rows[0];
}

/**
 * The section save's read, in ONE statement: the filing the actor may see (filingScope), locked FOR NO KEY
 * UPDATE, its campaign, and the slots of its attachments (what the section rules need). Undefined when missing or
 * out of scope. (Before issue #7: three statements.)
 *
 * The lock is the one the save's later write of filings.updated_at needs, taken from the start (issue 16 item 9):
 * FOR SHARE let two saves both hold the row and then both wait for the exclusive lock — a deadlock. Writers on
 * one filing now queue on its row (a submit's FOR UPDATE waits for them, they wait for it); foreign-key checks
 * (KEY SHARE) are not blocked.
 */
export async function findFilingForSave(db: DbOrTx, actor: Actor | null, id: string) {
  if (!isUuid(id)) return undefined;
  const rows = await db
    .select({
      filing: filings,
      campaign: campaigns,
      // filing_attachments.file_id is a NOT NULL foreign key to files: no join needed for the slots.
      slots: sql<
        string[]
      >`coalesce((select array_agg(fa.slot order by fa.created_at, fa.id) from ${filingAttachments} fa where fa.filing_id = ${filings.id}), '{}'::text[])`,
    })
    .from(filings)
    .innerJoin(campaigns, eq(campaigns.id, filings.campaignId))
    .where(and(eq(filings.id, id), filingScope(actor)))
    .for('no key update', { of: filings });
  return rows[0];
}

export async function listScopedFilings(db: DbOrTx, actor: Actor) {
  return db
    .select({ filing: filings, campaign: campaigns })
    .from(filings)
    .innerJoin(campaigns, eq(campaigns.id, filings.campaignId))
    .where(filingScope(actor))
    .orderBy(desc(filings.createdAt), desc(filings.id));
}

export async function loadSections(db: DbOrTx, filingId: string): Promise<SectionRow[]> {
  return db.select().from(filingSections).where(eq(filingSections.filingId, filingId));
}

export async function loadAttachments(db: DbOrTx, filingId: string) {
  return db
    .select({ attachment: filingAttachments, file: files })
    .from(filingAttachments)
    .innerJoin(files, eq(files.id, filingAttachments.fileId))
    .where(eq(filingAttachments.filingId, filingId))
    .orderBy(asc(filingAttachments.createdAt), asc(filingAttachments.id));
}

export async function loadHistory(db: DbOrTx, filingId: string): Promise<HistoryRow[]> {
  return db
    .select()
    .from(filingHistory)
    .where(eq(filingHistory.filingId, filingId))
    .orderBy(asc(filingHistory.id));
}

/** Whether the county (or the city) has acted on the filing since its last (re)submission. */
export function reviewerActedSinceSubmission(history: HistoryRow[]): boolean {
  let lastSubmit = -1;
  history.forEach((h, i) => {
    if (h.action === 'submit' || h.action === 'resubmit') lastSubmit = i;
  });
  if (lastSubmit < 0) return false;
  return history
    .slice(lastSubmit + 1)
    .some((h) => h.level === 'county' || h.level === 'city' || h.level === 'province');
}

/** The enterprise's last APPROVED filing (any kind) of an earlier campaign: the base of a 数据更新. */
export async function findLastApproved(db: DbOrTx, enterpriseId: string, beforeCampaignYear: number) {
  const rows = await db
    .select({ filing: filings, campaign: campaigns })
    .from(filings)
    .innerJoin(campaigns, eq(campaigns.id, filings.campaignId))
    .where(
      and(
        eq(filings.enterpriseId, enterpriseId),
        inArray(filings.status, ['approved']),
        // A 科技型 self-evaluation has other sections: never the base of a 数据更新 (ADR 0012).
        ne(filings.kind, 'tech_sme'),
      ),
    )
    .orderBy(desc(campaigns.year), desc(filings.submittedAt));
  return rows.find((r) => r.campaign.year < beforeCampaignYear) ?? rows[0];
}

/** The business licence the enterprise uploaded when it registered (a cleaned JPG or PNG), or null. */
export async function registrationLicenceOf(
  db: DbOrTx,
  enterpriseId: string,
): Promise<typeof files.$inferSelect | null> {
  const [row] = await db
    .select({ file: files })
    .from(enterprises)
    .innerJoin(files, eq(files.id, enterprises.licenceFileId))
    .where(and(eq(enterprises.id, enterpriseId), eq(files.enterpriseId, enterpriseId)))
    .limit(1);
  return row?.file ?? null;
}
