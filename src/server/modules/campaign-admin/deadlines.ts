import { eq } from 'drizzle-orm';
import { findRegion } from '../../../shared/regions';
import type { DbOrTx } from '../../db/client';
import { campaignExtensions, campaigns } from '../../db/schema';

type Campaign = typeof campaigns.$inferSelect;
export type CampaignExtension = typeof campaignExtensions.$inferSelect;

export interface EffectiveDeadline {
  deadline: Date;
  baseDeadline: Date;
  extended: boolean;
  reason: string | null;
}

export interface EffectiveDeadlines {
  county: EffectiveDeadline;
  city: EffectiveDeadline;
}

function pick(base: Date, ext: CampaignExtension | undefined): EffectiveDeadline {
  // An extension only ever moves a deadline later: if the campaign's own deadline was moved past it since,
  // the campaign's applies.
  if (ext && ext.deadline.getTime() > base.getTime()) {
    return { deadline: ext.deadline, baseDeadline: base, extended: true, reason: ext.reason };
  }
  return { deadline: base, baseDeadline: base, extended: false, reason: null };
}

/**
 * The review deadlines that apply in a region (pure): for a county-level unit, its own county extension and
 * its city's city extension; for a 设区市, its city extension (the county deadline is the campaign's); for the
 * province, the campaign's own deadlines.
 */
export function resolveDeadlines(
  campaign: Pick<Campaign, 'countyReviewDeadline' | 'cityReviewDeadline'>,
  extensions: readonly CampaignExtension[],
  regionCode: string,
): EffectiveDeadlines {
  const region = findRegion(regionCode);
  const ext = (code: string | undefined, level: 'county' | 'city') =>
    code ? extensions.find((e) => e.regionCode === code && e.level === level) : undefined;
  const countyCode = region?.level === 'county' ? region.code : undefined;
  const cityCode =
    region?.level === 'county' ? region.cityCode : region?.level === 'city' ? region.code : undefined;
  return {
    county: pick(campaign.countyReviewDeadline, ext(countyCode, 'county')),
    city: pick(campaign.cityReviewDeadline, ext(cityCode, 'city')),
  };
}

export async function listExtensions(db: DbOrTx, campaignId: string): Promise<CampaignExtension[]> {
  return db.select().from(campaignExtensions).where(eq(campaignExtensions.campaignId, campaignId));
}

/**
 * The review deadlines of a filing's region in its campaign, extensions applied. For the review module's
 * deadline guard: `withinDeadline(now, (await effectiveDeadlinesFor(tx, campaign, filing.countyCode)).county.deadline)`.
 */
export async function effectiveDeadlinesFor(
  db: DbOrTx,
  campaign: Campaign,
  regionCode: string | null,
): Promise<EffectiveDeadlines> {
  return resolveDeadlines(campaign, await listExtensions(db, campaign.id), regionCode ?? '320000');
}
