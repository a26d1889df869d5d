import { and, eq, sql } from 'drizzle-orm';
import { extendedValidTo, rereviewRefusal } from '../../../../shared/cycle';
import { endOfShanghaiDay } from '../../../../shared/recognition/validity';
import type { DbOrTx } from '../../../db/client';
import { campaigns, enterpriseEvents, enterprises, filings, recognitions } from '../../../db/schema';
import { type Campaign } from './common';
import { SYSTEM } from './clearances';
import { shanghaiDate, shanghaiYear } from '../../../../shared/time';

// ---------------------------------------------------------------------------------------------------------
// 复核

/**
 * Whether the enterprise may start a 复核 filing in the campaign (null) or why not; the campaigns module's
 * startChecks asks it for kind 'rereview'.
 */
export async function rereviewStartRefusal(
  db: DbOrTx,
  enterpriseId: string,
  campaign: Pick<Campaign, 'year'>,
): Promise<string | null> {
  const [e] = await db
    .select({ dbStatus: enterprises.dbStatus })
    .from(enterprises)
    .where(eq(enterprises.id, enterpriseId));
  const recs = await db
    .select()
    .from(recognitions)
    .where(and(eq(recognitions.enterpriseId, enterpriseId), eq(recognitions.kind, 'innovative')));
  return rereviewRefusal(e?.dbStatus ?? 'none', recs, campaign.year);
}

/**
 * After the city approves a 'rereview' filing (call inside the approval transaction): the enterprise's 创新型
 * recognition expiring in the campaign's year gets validTo + 3 years, with an enterprise event
 * 'recognition_extended'. Idempotent (a second call for the same filing does nothing). Returns the recognition
 * extended, or null when there was nothing to extend.
 */
export async function onRereviewApproved(
  tx: DbOrTx,
  filingId: string,
  now: Date = new Date(),
  actor: { userId: string | null; name: string } = SYSTEM,
): Promise<{ recognitionId: string; fromValidTo: string; toValidTo: string } | null> {
  const [f] = await tx
    .select({ filing: filings, year: campaigns.year })
    .from(filings)
    .innerJoin(campaigns, eq(campaigns.id, filings.campaignId))
    .where(eq(filings.id, filingId));
  if (!f || f.filing.kind !== 'rereview' || f.filing.status !== 'approved') return null;
  const done = await tx
    .select({ id: enterpriseEvents.id })
    .from(enterpriseEvents)
    .where(
      and(
        eq(enterpriseEvents.enterpriseId, f.filing.enterpriseId),
        eq(enterpriseEvents.event, 'recognition_extended'),
        sql`${enterpriseEvents.details}->>'filingId' = ${filingId}`,
      ),
    );
  if (done.length > 0) return null;
  const recs = await tx
    .select()
    .from(recognitions)
    .where(
      and(
        eq(recognitions.enterpriseId, f.filing.enterpriseId),
        eq(recognitions.kind, 'innovative'),
        eq(recognitions.status, 'valid'),
      ),
    )
    .orderBy(sql`${recognitions.validTo} desc`);
  const rec = recs.find((r) => shanghaiYear(r.validTo) === f.year);
  if (!rec) return null;
  const fromDay = shanghaiDate(rec.validTo);
  const toDay = extendedValidTo(rec.validTo);
  await tx
    .update(recognitions)
    .set({ validTo: endOfShanghaiDay(toDay) })
    .where(eq(recognitions.id, rec.id));
  await tx.insert(enterpriseEvents).values({
    enterpriseId: f.filing.enterpriseId,
    at: now,
    event: 'recognition_extended',
    actorUserId: actor.userId,
    actorName: actor.name,
    reason: `${f.year}年度复核通过，创新型中小企业有效期由${fromDay}延至${toDay}。`,
    details: { filingId, recognitionId: rec.id, fromValidTo: fromDay, toValidTo: toDay },
  });
  return { recognitionId: rec.id, fromValidTo: fromDay, toValidTo: toDay };
}
