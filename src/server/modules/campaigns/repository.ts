import { eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import type { DbOrTx } from '../../db/client';
import { campaigns } from '../../db/schema';
import { isUuid } from '../filings/repository';

export type CampaignRow = typeof campaigns.$inferSelect;

export interface CampaignLoadOptions {
  /** Locks the row (`FOR UPDATE`) until the transaction ends: for a read that is followed by a write of it. */
  forUpdate?: boolean;
}

/**
 * The one place a campaign is loaded by id. Null when there is no such campaign, including for an id that is not a
 * UUID (PostgreSQL would refuse to compare it and the request would end as a 500).
 */
export async function findCampaign(
  db: DbOrTx,
  id: string,
  options: CampaignLoadOptions = {},
): Promise<CampaignRow | null> {
  if (!isUuid(id)) return null;
  const query = db.select().from(campaigns).where(eq(campaigns.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** The campaign, or the catalogue's 404 `CAMPAIGN_NOT_FOUND` (未找到该填报批次…). */
export async function getCampaign(
  db: DbOrTx,
  id: string,
  options: CampaignLoadOptions = {},
): Promise<CampaignRow> {
  const row = await findCampaign(db, id, options);
  if (!row) throw AppError.of('CAMPAIGN_NOT_FOUND');
  return row;
}
