import { cancelTitlesAfterMissedUpdates } from '../missed-updates';
import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import {
  appealDeadline,
  clearanceProposals,
  proposalExpiresAt,
  clearanceOpensAt,
} from '../../../../shared/cycle';
import { AppError } from '../../../../shared/errors';
import type { Actor } from '../../../../shared/permissions';
import { regionPath } from '../../../../shared/regions';
import {
  APPEAL_STATUS_LABELS,
  CLEARANCE_NOTICE_EVENTS,
  CLEARANCE_NOTICE_LABELS,
  CLEARANCE_STATUS_LABELS,
  CYCLE_JOB_KINDS,
  type ClearanceNoticeEvent,
  type ClearanceStatus,
  type ClearanceView,
} from '../../../../shared/schemas/cycle-api';
import type { DbOrTx } from '../../../db/client';
import {
  campaigns,
  clearances,
  enterpriseEvents,
  enterprises,
  filings,
  jobs,
  notifications,
  users,
} from '../../../db/schema';
import { enqueue } from '../../../services/jobs';
import type { AppContext } from '../../../types';
import { shanghaiDateLabel } from '../../../../shared/time';
import { noticeStatuses } from '../../notifications/notice-status';
import { getProvinceSettings } from '../../settings/service';
import { clearanceScope, enterpriseRegionScope } from '../../../permissions/sql';
import { type ClearanceRow, updatedIn } from './common';
import { decodeCursor } from './outstanding';
import { getCampaign } from '../../campaigns/repository';

// ---------------------------------------------------------------------------------------------------------
// 清退出库

interface Who {
  userId: string | null;
  name: string;
}

export const SYSTEM: Who = { userId: null, name: '系统' };

/**
 * Computes the proposals (src/shared/cycle clearanceProposals) for the enterprises in the actor's region (the
 * whole province for the system) and stores the new ones as `proposed`, with an enterprise event each.
 * Idempotent: an enterprise already proposed in the campaign (in any state) is left alone.
 */
export async function proposeClearances(
  ctx: AppContext,
  actor: Actor | null,
  campaignId: string,
  graceDaysArg?: number,
): Promise<{ opensAt: Date; created: number; total: number; unrouted: number }> {
  const campaign = await getCampaign(ctx.db, campaignId);
  const settings = await getProvinceSettings(ctx.db);
  const graceDays = graceDaysArg ?? settings.clearanceGraceDays;
  const now = ctx.clock.now();
  const expiresAt = proposalExpiresAt(now, settings.proposalExpiryDays);
  const opensAt = clearanceOpensAt(campaign, graceDays);
  if (now.getTime() < opensAt.getTime()) {
    throw AppError.of('CLEARANCE_GRACE_NOT_OVER', { graceDays, opensAt: shanghaiDateLabel(opensAt) });
  }
  const scope = actor ? enterpriseRegionScope(actor) : sql`true`;
  const ents = await ctx.db
    .select({
      id: enterprises.id,
      dbStatus: enterprises.dbStatus,
      countyCode: enterprises.countyCode,
      cityCode: enterprises.cityCode,
    })
    .from(enterprises)
    .where(and(eq(enterprises.dbStatus, 'in_db'), scope));
  const fs = await ctx.db
    .select({ enterpriseId: filings.enterpriseId, kind: filings.kind, status: filings.status })
    .from(filings)
    .innerJoin(enterprises, eq(enterprises.id, filings.enterpriseId))
    .where(
      and(
        eq(filings.campaignId, campaign.id),
        eq(enterprises.dbStatus, 'in_db'),
        scope,
        inArray(filings.kind, ['update', 'entry']),
      ),
    );
  const { proposals, unrouted } = clearanceProposals({
    campaign,
    now,
    enterprises: ents,
    filings: fs,
    graceDays,
  });
  const who: Who = actor ? { userId: actor.userId, name: actor.displayName } : SYSTEM;
  let created = 0;
  for (let i = 0; i < proposals.length; i += 500) {
    const chunk = proposals.slice(i, i + 500);
    await ctx.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(clearances)
        .values(
          chunk.map((p) => ({
            campaignId: campaign.id,
            ...p,
            status: 'proposed',
            expiresAt,
            createdAt: now,
          })),
        )
        .onConflictDoNothing({ target: [clearances.campaignId, clearances.enterpriseId] })
        .returning({ id: clearances.id, enterpriseId: clearances.enterpriseId, reason: clearances.reason });
      if (inserted.length > 0) {
        await tx.insert(enterpriseEvents).values(
          inserted.map((c) => ({
            enterpriseId: c.enterpriseId,
            at: now,
            event: 'clearance_proposed',
            actorUserId: who.userId,
            actorName: who.name,
            reason: c.reason,
            details: { campaignId: campaign.id, clearanceId: c.id },
          })),
        );
        // The enterprise is told (in-app and SMS) and may still update: the city's confirmation then cancels.
        await tx
          .insert(jobs)
          .values(
            inserted.map((c) => ({
              kind: CYCLE_JOB_KINDS.notify,
              payload: { clearanceId: c.id, event: 'proposed' },
              dedupeKey: `${CYCLE_JOB_KINDS.notify}:${c.id}:proposed`,
              runAt: now,
            })),
          )
          .onConflictDoNothing({ target: jobs.dedupeKey });
      }
      created += inserted.length;
    });
  }
  const [t] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(clearances)
    .where(and(eq(clearances.campaignId, campaign.id), actor ? clearanceScope(actor) : undefined));
  return { opensAt, created, total: t?.n ?? 0, unrouted: unrouted.length };
}

const clearanceSelect = {
  c: clearances,
  enterpriseName: enterprises.name,
  uscc: enterprises.uscc,
  campaignYear: campaigns.year,
};

type JoinedClearance = { c: ClearanceRow; enterpriseName: string; uscc: string; campaignYear: number };

/** What a clearance's state depends on besides its row: the time and the province's periods (ADR 0021). */
export interface ClearancePeriods {
  now: Date;
  appealWindowDays: number;
  proposalExpiryDays: number;
}

export async function clearancePeriods(ctx: AppContext, db: DbOrTx = ctx.db): Promise<ClearancePeriods> {
  const s = await getProvinceSettings(db);
  return {
    now: ctx.clock.now(),
    appealWindowDays: s.appealWindowDays,
    proposalExpiryDays: s.proposalExpiryDays,
  };
}

/** The last instant a proposal may be confirmed: fixed when it was made; older rows from the setting. */
export function expiryOf(c: ClearanceRow, p: ClearancePeriods): Date {
  return c.expiresAt ?? proposalExpiresAt(c.createdAt, p.proposalExpiryDays);
}

/** The last instant the enterprise may appeal: fixed at confirmation; older rows from the setting. */
export function appealUntilOf(c: ClearanceRow, p: ClearancePeriods): Date | null {
  if (c.appealUntil) return c.appealUntil;
  return c.confirmedAt ? appealDeadline(c.confirmedAt, p.appealWindowDays) : null;
}

/** The status shown: a stored `proposed` past its expiry is `expired` (已失效). */
export function effectiveStatus(c: ClearanceRow, p: ClearancePeriods): ClearanceStatus {
  if (c.status === 'proposed' && p.now.getTime() > expiryOf(c, p).getTime()) return 'expired';
  return c.status as ClearanceStatus;
}

/**
 * The SQL of "stored as proposed, and (not) expired at now" (rows without expires_at: from the setting). Over the
 * unaliased `clearances` table; the statistics count expired proposals with it as 已失效.
 */
export function proposalLive(p: Pick<ClearancePeriods, 'now' | 'proposalExpiryDays'>, live: boolean): SQL {
  // End of the Asia/Shanghai day `created day + N`, as the migration backfills it.
  const fallback = sql`(((((${clearances.createdAt} at time zone 'UTC') + interval '8 hours')::date + ${p.proposalExpiryDays + 1}::int)::timestamp - interval '8 hours' - interval '1 millisecond') at time zone 'UTC')`;
  const expiry = sql`coalesce(${clearances.expiresAt}, ${fallback})`;
  return and(
    eq(clearances.status, 'proposed'),
    live
      ? sql`${expiry} >= ${p.now.toISOString()}::timestamptz`
      : sql`${expiry} < ${p.now.toISOString()}::timestamptz`,
  )!;
}

/** The filter of a status as shown (`expired` and `proposed` split the stored `proposed` rows by their expiry). */
export function clearanceStatusFilter(
  status: ClearanceStatus | undefined,
  p: ClearancePeriods,
): SQL | undefined {
  if (!status) return undefined;
  if (status === 'proposed') return proposalLive(p, true);
  if (status === 'expired') return proposalLive(p, false);
  return eq(clearances.status, status);
}

export function noticeKey(clearanceId: string, event: ClearanceNoticeEvent): string {
  return `clearance:${clearanceId}:${event}`;
}

type Notices = ClearanceView['notices'];

export function clearanceView(r: JoinedClearance, p: ClearancePeriods, notices: Notices = []): ClearanceView {
  const c = r.c;
  const status = effectiveStatus(c, p);
  const appealUntil = appealUntilOf(c, p);
  return {
    id: c.id,
    campaignId: c.campaignId,
    campaignYear: r.campaignYear,
    enterpriseId: c.enterpriseId,
    enterpriseName: r.enterpriseName,
    uscc: r.uscc,
    countyCode: c.countyCode,
    cityCode: c.cityCode,
    regionName: regionPath(c.countyCode) ?? null,
    status,
    statusLabel: CLEARANCE_STATUS_LABELS[status] ?? c.status,
    reason: c.reason,
    confirmedAt: c.confirmedAt?.toISOString() ?? null,
    appealStatus: c.appealStatus,
    appealStatusLabel: c.appealStatus ? (APPEAL_STATUS_LABELS[c.appealStatus] ?? c.appealStatus) : null,
    appealReason: c.appealReason,
    appealedAt: c.appealedAt?.toISOString() ?? null,
    appealDecision: c.appealDecision,
    appealDecidedAt: c.appealDecidedAt?.toISOString() ?? null,
    expiresAt: c.status === 'proposed' ? expiryOf(c, p).toISOString() : null,
    appealUntil: appealUntil?.toISOString() ?? null,
    appealOpen:
      c.status === 'confirmed' &&
      !c.appealStatus &&
      appealUntil !== null &&
      p.now.getTime() <= appealUntil.getTime(),
    notices,
  };
}

/** The notices of each clearance (newest step first), for the government's list. */
async function noticesOf(db: DbOrTx, ids: string[]): Promise<Map<string, Notices>> {
  const keys = ids.flatMap((id) => CLEARANCE_NOTICE_EVENTS.map((e) => noticeKey(id, e)));
  const st = await noticeStatuses(db, keys);
  const out = new Map<string, Notices>();
  for (const id of ids) {
    const list: Notices = [];
    for (const event of [...CLEARANCE_NOTICE_EVENTS].reverse()) {
      const n = st.get(noticeKey(id, event));
      if (!n || (n.messages === 0 && !n.sms)) continue;
      list.push({ event, eventLabel: CLEARANCE_NOTICE_LABELS[event], ...n });
    }
    out.set(id, list);
  }
  return out;
}

export async function listClearances(
  db: DbOrTx,
  actor: Actor,
  periods: ClearancePeriods,
  where: SQL | undefined,
  cursor: string | undefined,
  limit: number,
): Promise<{ items: ClearanceView[]; nextCursor: string | null }> {
  const after = decodeCursor(cursor);
  const rows = await db
    .select(clearanceSelect)
    .from(clearances)
    .innerJoin(enterprises, eq(enterprises.id, clearances.enterpriseId))
    .innerJoin(campaigns, eq(campaigns.id, clearances.campaignId))
    .where(and(clearanceScope(actor), where, after ? gt(clearances.id, after) : undefined))
    .orderBy(asc(clearances.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  // Reviewers see what the enterprise was told; the enterprise sees its own messages in 消息中心.
  const notices =
    actor.role === 'enterprise'
      ? new Map<string, Notices>()
      : await noticesOf(
          db,
          page.map((r) => r.c.id),
        );
  return {
    items: page.map((r) => clearanceView(r, periods, notices.get(r.c.id) ?? [])),
    nextCursor: rows.length > limit ? (page[page.length - 1]?.c.id ?? null) : null,
  };
}

async function scopedClearance(tx: DbOrTx, actor: Actor, id: string, lock = false) {
  const q = tx
    .select(clearanceSelect)
    .from(clearances)
    .innerJoin(enterprises, eq(enterprises.id, clearances.enterpriseId))
    .innerJoin(campaigns, eq(campaigns.id, clearances.campaignId))
    .where(and(eq(clearances.id, id), clearanceScope(actor)));
  const [row] = lock ? await q.for('update', { of: clearances }) : await q;
  if (!row) throw AppError.of('CLEARANCE_NOT_FOUND');
  return row;
}

async function enqueueClearanceNotice(tx: DbOrTx, clearanceId: string, event: ClearanceNoticeEvent) {
  await enqueue(tx, {
    kind: CYCLE_JOB_KINDS.notify,
    payload: { clearanceId, event },
    dedupeKey: `${CYCLE_JOB_KINDS.notify}:${clearanceId}:${event}`,
  });
}

/**
 * The city confirms selected proposals: each becomes `confirmed`, the enterprise `cleared`, with an enterprise
 * event and a notice. A proposal whose enterprise has updated since (or is no longer 在库) is cancelled instead.
 * An id outside the city (or unknown) fails the whole request with NOT_FOUND; a repeat is reported as `already`.
 */
export async function confirmClearances(ctx: AppContext, actor: Actor, campaignId: string, ids: string[]) {
  const campaign = await getCampaign(ctx.db, campaignId);
  const periods = await clearancePeriods(ctx);
  const now = periods.now;
  const unique = [...new Set(ids)];
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select({
        c: clearances,
        dbStatus: enterprises.dbStatus,
        updated: sql<boolean>`${updatedIn(campaign.id)}`,
      })
      .from(clearances)
      .innerJoin(enterprises, eq(enterprises.id, clearances.enterpriseId))
      .where(
        and(inArray(clearances.id, unique), eq(clearances.campaignId, campaign.id), clearanceScope(actor)),
      )
      .for('update', { of: clearances });
    if (rows.length !== unique.length) {
      throw AppError.of('CLEARANCES_NOT_FOUND');
    }
    // A lapsed proposal cannot be executed (ADR 0021): the whole request is refused, nothing is confirmed.
    const expired = rows.filter((r) => effectiveStatus(r.c, periods) === 'expired');
    if (expired.length > 0) {
      const names = await tx
        .select({ name: enterprises.name })
        .from(enterprises)
        .where(
          inArray(
            enterprises.id,
            expired.map((r) => r.c.enterpriseId),
          ),
        );
      const first = expired[0]!.c;
      throw AppError.of('PROPOSALS_EXPIRED', {
        count: expired.length,
        days: periods.proposalExpiryDays,
        expiredOn: shanghaiDateLabel(expiryOf(first, periods)),
        names: names.map((n) => n.name).join('、'),
        expired: expired.map((r) => r.c.id),
      });
    }
    const out = {
      confirmed: [] as string[],
      already: [] as string[],
      cancelled: [] as { id: string; reason: string }[],
    };
    for (const r of rows) {
      const c = r.c;
      if (c.status !== 'proposed') {
        if (c.status === 'confirmed') out.already.push(c.id);
        else
          out.cancelled.push({
            id: c.id,
            reason: `该记录当前状态为“${CLEARANCE_STATUS_LABELS[c.status as 'proposed'] ?? c.status}”，不能确认清退。`,
          });
        continue;
      }
      if (r.updated || r.dbStatus !== 'in_db') {
        const why = r.updated ? '企业已于清退建议后提交数据更新' : '企业已不在库';
        await tx
          .update(clearances)
          .set({ status: 'cancelled', appealDecision: null })
          .where(eq(clearances.id, c.id));
        out.cancelled.push({ id: c.id, reason: `${why}，清退建议已撤销。` });
        continue;
      }
      await tx
        .update(clearances)
        .set({
          status: 'confirmed',
          confirmedBy: actor.userId,
          confirmedAt: now,
          appealUntil: appealDeadline(now, periods.appealWindowDays),
        })
        .where(eq(clearances.id, c.id));
      await tx
        .update(enterprises)
        .set({ dbStatus: 'cleared', updatedAt: now })
        .where(eq(enterprises.id, c.enterpriseId));
      await tx.insert(enterpriseEvents).values({
        enterpriseId: c.enterpriseId,
        at: now,
        event: 'cleared',
        actorUserId: actor.userId,
        actorName: actor.displayName,
        reason: c.reason,
        details: { campaignId: campaign.id, clearanceId: c.id },
      });
      await enqueueClearanceNotice(tx, c.id, 'cleared');
      // The 2026 rule (a setting, off by default): two missed updates within a title's validity cancel it.
      await cancelTitlesAfterMissedUpdates(tx, c.enterpriseId, actor, now);
      out.confirmed.push(c.id);
    }
    return out;
  });
}

/** The cleared enterprise appeals, once, with a reason; the city's reviewers are told in-app. */
export async function appealClearance(ctx: AppContext, actor: Actor, id: string, reason: string) {
  const periods = await clearancePeriods(ctx);
  const now = periods.now;
  return ctx.db.transaction(async (tx) => {
    const row = await scopedClearance(tx, actor, id, true);
    const c = row.c;
    if (c.appealStatus) throw AppError.of('APPEAL_ALREADY_FILED');
    if (c.status !== 'confirmed') throw AppError.of('APPEAL_NOT_CONFIRMED');
    const until = appealUntilOf(c, periods);
    if (until && now.getTime() > until.getTime()) {
      throw AppError.of('APPEAL_DEADLINE_PASSED', {
        clearedOn: shanghaiDateLabel(c.confirmedAt ?? until),
        until: shanghaiDateLabel(until),
      });
    }
    await tx
      .update(clearances)
      .set({ appealStatus: 'pending', appealReason: reason, appealedAt: now })
      .where(eq(clearances.id, c.id));
    await tx.insert(enterpriseEvents).values({
      enterpriseId: c.enterpriseId,
      at: now,
      event: 'appeal_filed',
      actorUserId: actor.userId,
      actorName: actor.displayName,
      reason,
      details: { clearanceId: c.id },
    });
    const reviewers = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(eq(users.role, 'city_reviewer'), eq(users.regionCode, c.cityCode), eq(users.status, 'active')),
      );
    if (reviewers.length > 0) {
      await tx
        .insert(notifications)
        .values(
          reviewers.map((u) => ({
            userId: u.id,
            title: `清退申诉待处理：${row.enterpriseName}`,
            body: `${row.enterpriseName}对${row.campaignYear}年度清退出库提出申诉，请及时复查并作出决定。申诉理由：${reason}`,
            link: `/gov/cycle?campaignId=${c.campaignId}`,
            dedupeKey: `clearance:${c.id}:appeal`,
            createdAt: now,
          })),
        )
        .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] });
    }
    return clearanceView(
      { ...row, c: { ...c, appealStatus: 'pending', appealReason: reason, appealedAt: now } },
      periods,
    );
  });
}

/** The city decides an appeal: upheld → reinstated (在库 again); rejected → stays cleared. Both notify. */
export async function decideAppeal(
  ctx: AppContext,
  actor: Actor,
  id: string,
  decision: 'upheld' | 'rejected',
  reason: string,
) {
  const periods = await clearancePeriods(ctx);
  const now = periods.now;
  return ctx.db.transaction(async (tx) => {
    const row = await scopedClearance(tx, actor, id, true);
    const c = row.c;
    if (c.appealStatus !== 'pending') throw AppError.of('NO_PENDING_APPEAL');
    const set = {
      appealStatus: decision,
      appealDecision: reason,
      appealDecidedBy: actor.userId,
      appealDecidedAt: now,
      ...(decision === 'upheld' ? { status: 'reinstated' } : {}),
    };
    await tx.update(clearances).set(set).where(eq(clearances.id, c.id));
    if (decision === 'upheld') {
      await tx
        .update(enterprises)
        .set({ dbStatus: 'in_db', updatedAt: now })
        .where(and(eq(enterprises.id, c.enterpriseId), eq(enterprises.dbStatus, 'cleared')));
    }
    await tx.insert(enterpriseEvents).values({
      enterpriseId: c.enterpriseId,
      at: now,
      event: decision === 'upheld' ? 'reinstated' : 'appeal_rejected',
      actorUserId: actor.userId,
      actorName: actor.displayName,
      reason,
      details: { clearanceId: c.id },
    });
    await enqueueClearanceNotice(tx, c.id, decision === 'upheld' ? 'appeal_upheld' : 'appeal_rejected');
    const notices = await noticesOf(tx, [c.id]);
    return clearanceView({ ...row, c: { ...c, ...set } }, periods, notices.get(c.id) ?? []);
  });
}
