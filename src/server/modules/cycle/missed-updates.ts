/**
 * 「同一有效期内累计两次未更新的，取消认定」 (rules-2026.md §1.4 [S], one provincial source; ADR 0012): a province
 * setting, off by default. When it is on and a city confirms a 清退 (a missed annual update), every provincial title
 * of the enterprise whose validity period contains two or more missed update deadlines (confirmed clearances) is
 * revoked, in the same transaction, with an enterprise event. 小巨人 is a national title: MIIT decides, not here.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../../shared/permissions';
import { shanghaiDay } from '../../../shared/recognition';
import type { Tx } from '../../db/client';
import { campaigns, clearances, enterpriseEvents, recognitions } from '../../db/schema';
import { getProvinceSettings } from '../settings/service';

const PROVINCIAL_TITLES = ['innovative', 'provincial_specialized'];

export async function cancelTitlesAfterMissedUpdates(
  tx: Tx,
  enterpriseId: string,
  actor: Pick<Actor, 'userId' | 'displayName'>,
  now: Date,
): Promise<string[]> {
  const { cancelAfterTwoMissedUpdates } = await getProvinceSettings(tx);
  if (!cancelAfterTwoMissedUpdates) return [];
  const missed = await tx
    .select({ year: campaigns.year, deadline: campaigns.filingClosesAt })
    .from(clearances)
    .innerJoin(campaigns, eq(campaigns.id, clearances.campaignId))
    .where(and(eq(clearances.enterpriseId, enterpriseId), eq(clearances.status, 'confirmed')));
  const titles = await tx
    .select()
    .from(recognitions)
    .where(
      and(
        eq(recognitions.enterpriseId, enterpriseId),
        eq(recognitions.status, 'valid'),
        inArray(recognitions.kind, PROVINCIAL_TITLES),
      ),
    )
    .for('update');
  const revoked: string[] = [];
  for (const r of titles) {
    const within = missed.filter(
      (m) => m.deadline.getTime() >= r.validFrom.getTime() && m.deadline.getTime() <= r.validTo.getTime(),
    );
    if (within.length < 2 || r.validTo.getTime() < now.getTime()) continue;
    await tx.update(recognitions).set({ status: 'revoked' }).where(eq(recognitions.id, r.id));
    const years = within
      .map((m) => m.year)
      .sort()
      .join('、');
    await tx.insert(enterpriseEvents).values({
      enterpriseId,
      at: now,
      event: 'recognition_revoked',
      actorUserId: actor.userId,
      actorName: actor.displayName,
      reason: `${r.title}有效期（${shanghaiDay(r.validFrom)} 至 ${shanghaiDay(r.validTo)}）内累计两次未按期更新（${years}年度），按省级设置“两次未更新取消认定”（待核实）取消认定。`,
      details: {
        recognitionId: r.id,
        missedYears: within.map((m) => m.year),
        rule: 'cancelAfterTwoMissedUpdates',
      },
    });
    revoked.push(r.id);
  }
  return revoked;
}
