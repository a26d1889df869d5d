import { maskMobile } from '../../../../shared/pii';
import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../../../shared/errors';
import type { Actor } from '../../../../shared/permissions';
import { findRegion, isWithin, regionPath } from '../../../../shared/regions';
import { type OutstandingQuery, type OutstandingResponse } from '../../../../shared/schemas/cycle-api';
import { FILING_STATUS_LABELS, type FilingStatus } from '../../../../shared/schemas/filing-api';
import { enterprises, filings } from '../../../db/schema';
import type { AppContext } from '../../../types';
import { enterpriseRegionScope } from '../../../permissions/sql';
import { ENTERPRISE_ID, priorityAt, updatedIn } from './common';
import { hasObligations, obligatedIn } from './obligations';
import { getCampaign } from '../../campaigns/repository';

// ---------------------------------------------------------------------------------------------------------
// Who has not updated

export function decodeCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  if (!/^[0-9a-f-]{36}$/i.test(cursor)) throw AppError.of('PAGE_CURSOR_BAD');
  return cursor;
}

/** Checks an optional county filter against the actor's region (outside it: NOT_FOUND, like the record). */
function countyFilter(actor: Actor, countyCode: string | undefined): SQL | undefined {
  if (!countyCode) return undefined;
  const region = findRegion(countyCode);
  if (!region || region.level !== 'county' || !actor.regionCode || !isWithin(countyCode, actor.regionCode)) {
    throw AppError.of('REGION_NOT_FOUND');
  }
  return eq(enterprises.countyCode, countyCode);
}

export async function outstandingPage(
  ctx: AppContext,
  actor: Actor,
  campaignId: string,
  q: OutstandingQuery,
): Promise<OutstandingResponse> {
  const campaign = await getCampaign(ctx.db, campaignId);
  const now = ctx.clock.now();
  const after = decodeCursor(q.cursor);
  // Campaigns with recorded obligations: who owed an update when the campaign opened (does not drift with
  // today's database status). Older campaigns: today's 在库 enterprises, priority as of now.
  const recorded = await hasObligations(ctx.db, campaign.id);
  const base = and(
    recorded ? obligatedIn(campaign.id) : eq(enterprises.dbStatus, 'in_db'),
    enterpriseRegionScope(actor),
    countyFilter(actor, q.countyCode),
  );
  const priority = recorded ? obligatedIn(campaign.id, true) : priorityAt(now);
  const filter = and(
    base,
    sql`not ${updatedIn(campaign.id)}`,
    q.priority === undefined ? undefined : q.priority ? priority : sql`not ${priority}`,
  );
  const rows = await ctx.db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      uscc: enterprises.uscc,
      countyCode: enterprises.countyCode,
      contactName: enterprises.contactName,
      contactMobile: enterprises.contactMobile,
      priority,
      updateStatus: sql<
        string | null
      >`(select f.status from ${filings} f where f.enterprise_id = ${ENTERPRISE_ID} and f.campaign_id = ${campaign.id} and f.kind = 'update')`,
    })
    .from(enterprises)
    .where(and(filter, after ? gt(enterprises.id, after) : undefined))
    .orderBy(asc(enterprises.id))
    .limit(q.limit + 1);
  const [totals] = await ctx.db
    .select({
      obligated: sql<number>`count(*)::int`,
      updated: sql<number>`count(*) filter (where ${updatedIn(campaign.id)})::int`,
    })
    .from(enterprises)
    .where(and(base, q.priority === undefined ? undefined : q.priority ? priority : sql`not ${priority}`));
  const page = rows.slice(0, q.limit);
  const obligated = totals?.obligated ?? 0;
  const updated = totals?.updated ?? 0;
  return {
    totals: { obligated, updated, outstanding: obligated - updated },
    items: page.map((r) => ({
      enterpriseId: r.id,
      enterpriseName: r.name,
      uscc: r.uscc,
      countyCode: r.countyCode,
      regionName: r.countyCode ? (regionPath(r.countyCode) ?? null) : null,
      priority: r.priority,
      contactName: r.contactName,
      contactMobile: maskMobile(r.contactMobile),
      updateStatus: r.updateStatus ?? 'none',
      updateStatusLabel: r.updateStatus
        ? `数据更新：${FILING_STATUS_LABELS[r.updateStatus as FilingStatus] ?? r.updateStatus}`
        : '未开始数据更新',
    })),
    nextCursor: rows.length > q.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}
