/**
 * The annual cycle on the server: reminders to update, who has not updated, 清退出库 and its appeal, and the
 * 复核 validity extension. The rules themselves are pure (src/shared/cycle); this file loads, scopes and writes.
 *
 * Jurisdiction: every query composes `enterpriseRegionScope` / `clearanceScope`, so a record outside the
 * caller's region is simply NOT_FOUND.
 */
import { cancelTitlesAfterMissedUpdates } from './missed-updates';
import { maskMobile } from '../../../shared/pii';
import { and, asc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import {
  appealDeadline,
  clearanceProposals,
  extendedValidTo,
  proposalExpiresAt,
  PRIORITY_RECOGNITION_KINDS,
  REMINDER_STAGES,
  reminderSchedule,
  remindersToSchedule,
  clearanceOpensAt,
  rereviewRefusal,
  UPDATED_STATUSES,
  type ReminderStage,
} from '../../../shared/cycle';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../../../shared/permissions';
import { endOfShanghaiDay } from '../../../shared/recognition/validity';
import { findRegion, isWithin, regionPath } from '../../../shared/regions';
import {
  APPEAL_STATUS_LABELS,
  CLEARANCE_NOTICE_EVENTS,
  CLEARANCE_NOTICE_LABELS,
  CLEARANCE_STATUS_LABELS,
  CYCLE_JOB_KINDS,
  type ClearanceNoticeEvent,
  type ClearanceStatus,
  type ClearanceView,
  type OutstandingQuery,
  type OutstandingResponse,
} from '../../../shared/schemas/cycle-api';
import { FILING_STATUS_LABELS, type FilingStatus } from '../../../shared/schemas/filing-api';
import type { DbOrTx } from '../../db/client';
import {
  campaigns,
  clearances,
  enterpriseEvents,
  enterprises,
  filings,
  jobs,
  notifications,
  recognitions,
  updateObligations,
  users,
} from '../../db/schema';
import { enqueue } from '../../services/jobs';
import type { AppContext } from '../../types';
import { shanghaiDateLabel } from '../../../shared/time';
import { regionScope } from '../filings/scope';
import { noticeStatuses } from '../notifications/notice-status';
import { getProvinceSettings } from '../settings/service';

const BATCH = 1000;
const STATUS_LIST = sql.raw(UPDATED_STATUSES.map((s) => `'${s}'`).join(','));
const PRIORITY_KINDS = sql.raw(PRIORITY_RECOGNITION_KINDS.map((k) => `'${k}'`).join(','));
/** Always table-qualified: drizzle renders a bare column unqualified in single-table selects, which a subquery would capture. */
const ENTERPRISE_ID = sql.raw('"enterprises"."id"');

export type ClearanceRow = typeof clearances.$inferSelect;

type Campaign = typeof campaigns.$inferSelect;

export async function loadCampaign(db: DbOrTx, id: string): Promise<Campaign> {
  const [c] = await db.select().from(campaigns).where(eq(campaigns.id, id));
  if (!c) throw new AppError('NOT_FOUND', '未找到该批次。');
  return c;
}

/** Enterprises whose registered region the (government) actor covers; enterprises see none here. */
export function enterpriseRegionScope(actor: Actor): SQL {
  return regionScope(actor, { countyCode: enterprises.countyCode, cityCode: enterprises.cityCode });
}

/** Clearances the actor may see: its region's, or (an enterprise) its own. */
export function clearanceScope(actor: Actor): SQL {
  return regionScope(actor, {
    enterpriseId: clearances.enterpriseId,
    countyCode: clearances.countyCode,
    cityCode: clearances.cityCode,
  });
}

/** The enterprise (row of `enterprises`) has fulfilled its update obligation in the campaign. */
export function updatedIn(campaignId: string): SQL {
  return sql`exists (select 1 from ${filings} f where f.enterprise_id = ${ENTERPRISE_ID} and f.campaign_id = ${campaignId}
    and ((f.kind = 'update' and f.status in (${STATUS_LIST})) or (f.kind = 'entry' and f.status = 'approved')))`;
}

/** The enterprise holds a valid 创新型 / 专精特新 recognition at `now`. */
export function priorityAt(now: Date): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${recognitions} r where r.enterprise_id = ${ENTERPRISE_ID}
    and r.kind in (${PRIORITY_KINDS}) and r.status = 'valid' and r.valid_from <= ${now.toISOString()}::timestamptz and r.valid_to >= ${now.toISOString()}::timestamptz)`;
}

// ---------------------------------------------------------------------------------------------------------
// Reminders

/** Enqueues the cycle.schedule job of a campaign (call in the transaction that creates or opens it). */
export async function enqueueCycleSchedule(tx: DbOrTx, campaignId: string): Promise<void> {
  await enqueue(tx, {
    kind: CYCLE_JOB_KINDS.schedule,
    payload: { campaignId },
    dedupeKey: `${CYCLE_JOB_KINDS.schedule}:${campaignId}`,
  });
}

/**
 * Enqueues one cycle.remind job per reminder instant still worth sending (dedupe `remind:<campaign>:<stage>`,
 * so calling this again changes nothing), and the system's clearance proposal at the end of the grace period.
 */
export async function scheduleCampaignReminders(
  ctx: AppContext,
  campaignId: string,
): Promise<{ stage: ReminderStage; at: Date; created: boolean }[]> {
  const campaign = await loadCampaign(ctx.db, campaignId);
  const due = remindersToSchedule(campaign, ctx.clock.now());
  const { clearanceGraceDays: graceDays } = await getProvinceSettings(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const out: { stage: ReminderStage; at: Date; created: boolean }[] = [];
    for (const r of due) {
      const id = await enqueue(tx, {
        kind: CYCLE_JOB_KINDS.remind,
        payload: { campaignId, stage: r.stage },
        dedupeKey: `remind:${campaignId}:${r.stage}`,
        runAt: r.at,
      });
      out.push({ stage: r.stage, at: r.at, created: id !== null });
    }
    // Who owes a 数据更新 this year, recorded when the filing window opens (at once when it already has).
    await enqueue(tx, {
      kind: CYCLE_JOB_KINDS.obligations,
      payload: { campaignId },
      dedupeKey: `obligations:${campaignId}`,
      runAt: campaign.filingOpensAt,
    });
    await enqueue(tx, {
      kind: CYCLE_JOB_KINDS.propose,
      payload: { campaignId },
      dedupeKey: `propose:${campaignId}`,
      runAt: clearanceOpensAt(campaign, graceDays),
    });
    return out;
  });
}

export interface ReplannedJob {
  dedupeKey: string;
  from: string | null;
  to: string | null;
}

export interface ReplanResult {
  /** Pending jobs given a new run time. */
  moved: ReplannedJob[];
  /** Pending reminders dropped: their new time had passed at the edit, or the new window has no such stage. */
  cancelled: ReplannedJob[];
  /** Reminders the new window gains (a stage a shorter window had left out), created for their future time. */
  added: ReplannedJob[];
}

/**
 * Re-plans a campaign's not-yet-run cycle jobs after its filing window changed. Call in the transaction that
 * writes the new dates, with the campaign as it now is, so the edit and its jobs commit or roll back together.
 *
 *   reminders     pending and never attempted, whose instant the edit changes: moved to the new instant when
 *                 that is still in the future; otherwise deleted (a reminder is not sent retroactively; deleting
 *                 frees its dedupe key, so a later edit that brings the stage back into the future schedules it
 *                 again). A stage the new window gains gets a job when its instant is in the future. A reminder
 *                 whose instant is unchanged keeps its job (even one due and waiting for a worker), and one
 *                 already attempted (running, or retrying after a partly sent batch) is left to finish.
 *   obligations   pending: due at the new opening, even when that has passed (it must run).
 *   propose       pending (the original job and any a handler re-queued for a longer grace period): due at the
 *                 new end of the grace period.
 *
 * Jobs already done stay done: a reminder is never sent twice (the per-enterprise dedupe keys guarantee it as
 * well). A campaign whose cycle.schedule job has not run yet has no such jobs: nothing to do, that job plans
 * from the new dates. Rows are locked (FOR UPDATE) so a worker cannot claim one while it is being changed.
 */
export async function replanCampaignJobs(
  tx: DbOrTx,
  campaign: Pick<Campaign, 'id' | 'filingOpensAt' | 'filingClosesAt'>,
  now: Date,
): Promise<ReplanResult> {
  const id = campaign.id;
  const remindKey = (stage: ReminderStage) => `remind:${id}:${stage}`;
  const obligationsKey = `obligations:${id}`;
  const proposeKey = `propose:${id}`;
  const rows = await tx
    .select()
    .from(jobs)
    .where(
      or(
        inArray(jobs.dedupeKey, [...REMINDER_STAGES.map(remindKey), obligationsKey, proposeKey]),
        and(
          eq(jobs.kind, CYCLE_JOB_KINDS.propose),
          isNull(jobs.doneAt),
          sql`${jobs.payload}->>'campaignId' = ${id}`,
        ),
      ),
    )
    .orderBy(asc(jobs.id))
    .for('update');
  const result: ReplanResult = { moved: [], cancelled: [], added: [] };
  if (rows.length === 0) return result;

  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const move = async (row: (typeof rows)[number], to: Date) => {
    if (row.runAt.getTime() === to.getTime()) return;
    await tx.update(jobs).set({ runAt: to }).where(eq(jobs.id, row.id));
    result.moved.push({ dedupeKey: row.dedupeKey!, from: iso(row.runAt), to: iso(to) });
  };

  // Reminders: each stage's instant under the new window.
  const planned = new Map(reminderSchedule(campaign).map((r) => [remindKey(r.stage), r.at]));
  const open = now.getTime() <= campaign.filingClosesAt.getTime();
  const byKey = new Map(rows.map((r) => [r.dedupeKey, r]));
  for (const stage of REMINDER_STAGES) {
    const key = remindKey(stage);
    const row = byKey.get(key);
    const at = planned.get(key);
    const ahead = at !== undefined && open && at.getTime() > now.getTime();
    if (row) {
      // Done, started, or not moved by this edit (e.g. the opening reminder when only the deadline changed).
      if (row.doneAt || row.attempts > 0 || (at && at.getTime() === row.runAt.getTime())) continue;
      if (ahead) await move(row, at);
      else {
        await tx.delete(jobs).where(eq(jobs.id, row.id));
        result.cancelled.push({ dedupeKey: key, from: iso(row.runAt), to: null });
      }
    } else if (ahead) {
      const created = await enqueue(tx, {
        kind: CYCLE_JOB_KINDS.remind,
        payload: { campaignId: id, stage },
        dedupeKey: key,
        runAt: at,
      });
      if (created !== null) result.added.push({ dedupeKey: key, from: null, to: iso(at) });
    }
  }

  const obligations = byKey.get(obligationsKey);
  if (obligations && !obligations.doneAt) await move(obligations, campaign.filingOpensAt);

  const { clearanceGraceDays } = await getProvinceSettings(tx);
  const proposeAt = clearanceOpensAt(campaign, clearanceGraceDays);
  for (const row of rows) {
    if (row.kind === CYCLE_JOB_KINDS.propose && !row.doneAt) await move(row, proposeAt);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Update obligations

const SPECIALISED_KINDS = sql.raw(
  PRIORITY_RECOGNITION_KINDS.filter((k) => k !== 'innovative')
    .map((k) => `'${k}'`)
    .join(','),
);

/**
 * Records who owes a 数据更新 in the campaign, as the campaign opens: every enterprise 在库 now, or holding a
 * 创新型 / 专精特新 recognition valid at the opening, with the strongest reason (specialised > innovative >
 * in_db). One INSERT … SELECT, ON CONFLICT DO NOTHING: running it again adds no duplicate. Enterprises without a
 * registered region, or whose 新增入库 was already approved in this campaign, owe nothing. Returns the rows added.
 */
export async function recordUpdateObligations(
  db: DbOrTx,
  campaignId: string,
  opts: { now?: Date } = {},
): Promise<number> {
  const campaign = await loadCampaign(db, campaignId);
  const asOf = campaign.filingOpensAt.toISOString();
  const now = (opts.now ?? new Date()).toISOString();
  const held = (kinds: SQL) =>
    sql`exists (select 1 from ${recognitions} r where r.enterprise_id = e.id and r.kind in (${kinds})
      and r.status = 'valid' and r.valid_from <= ${asOf}::timestamptz and r.valid_to >= ${asOf}::timestamptz)`;
  const result = await db.execute(sql`
    insert into ${updateObligations} (campaign_id, enterprise_id, city_code, county_code, reason, created_at)
    select ${campaign.id}::uuid, e.id, e.city_code, e.county_code,
      case when ${held(SPECIALISED_KINDS)} then 'specialised'
           when ${held(sql.raw("'innovative'"))} then 'innovative'
           else 'in_db' end,
      ${now}::timestamptz
    from ${enterprises} e
    where e.city_code is not null and e.county_code is not null
      and (e.db_status = 'in_db' or ${held(PRIORITY_KINDS)})
      and not exists (select 1 from ${filings} f where f.enterprise_id = e.id and f.campaign_id = ${campaign.id}
        and f.kind = 'entry' and f.status = 'approved')
    on conflict (campaign_id, enterprise_id) do nothing
    returning enterprise_id`);
  const r = result as unknown as { rows?: unknown[]; length?: number };
  return Array.isArray(result) ? result.length : (r.rows?.length ?? 0);
}

/** Whether the campaign has recorded obligations (campaigns opened before they were recorded have none). */
export async function hasObligations(db: DbOrTx, campaignId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(updateObligations)
    .where(eq(updateObligations.campaignId, campaignId))
    .limit(1);
  return row !== undefined;
}

/** The enterprise (row of `enterprises`) owed a 数据更新 in the campaign; priority: for a recognition. */
function obligatedIn(campaignId: string, priorityOnly = false): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${updateObligations} o where o.campaign_id = ${campaignId}
    and o.enterprise_id = ${ENTERPRISE_ID}${priorityOnly ? sql` and o.reason <> 'in_db'` : sql``})`;
}

function reminderMessage(campaign: Campaign, stage: ReminderStage, priority: boolean) {
  const deadline = shanghaiDateLabel(campaign.filingClosesAt);
  const lead =
    stage === 'opening'
      ? `${campaign.name}企业填报已开始。`
      : stage === 'before_1d'
        ? `${campaign.name}企业填报将于明天（${deadline}）截止。`
        : stage === 'before_7d'
          ? `${campaign.name}企业填报将于 7 天后（${deadline}）截止。`
          : `${campaign.name}企业填报时间已过半。`;
  const duty = priority
    ? '贵企业为已认定的创新型或专精特新中小企业，必须及时更新年度数据。'
    : '贵企业为优质中小企业培育库在库企业，须按要求更新年度数据。';
  return {
    title: `请于${deadline}前完成${campaign.year}年度数据更新`,
    body: `${lead}${duty}请登录平台，在“我的填报”中选择“数据更新”并于${deadline}前提交；逾期未更新的在库企业，将按规则清退出库。`,
  };
}

/**
 * cycle.remind: every in-database enterprise of the caller-less (province-wide) campaign that has not yet
 * updated gets an in-app message (to each active user) and an SMS job, both deduplicated by
 * `remind:<campaign>:<stage>:<enterprise>`: running the job twice sends nothing twice. Keyset batches of 1000.
 */
export async function sendReminders(
  ctx: AppContext,
  campaignId: string,
  stage: ReminderStage,
): Promise<number> {
  const [campaign] = await ctx.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign) return 0;
  const now = ctx.clock.now();
  if (now.getTime() > campaign.filingClosesAt.getTime()) return 0; // stale: the window has closed
  let after = '00000000-0000-0000-0000-000000000000';
  let sent = 0;
  for (;;) {
    const batch = await ctx.db
      .select({
        id: enterprises.id,
        mobile: enterprises.contactMobile,
        priority: priorityAt(now),
      })
      .from(enterprises)
      .where(
        and(eq(enterprises.dbStatus, 'in_db'), gt(enterprises.id, after), sql`not ${updatedIn(campaignId)}`),
      )
      .orderBy(asc(enterprises.id))
      .limit(BATCH);
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;
    const members = await ctx.db
      .select({ id: users.id, enterpriseId: users.enterpriseId })
      .from(users)
      .where(
        and(
          inArray(
            users.enterpriseId,
            batch.map((b) => b.id),
          ),
          eq(users.status, 'active'),
        ),
      );
    const deadline = shanghaiDateLabel(campaign.filingClosesAt);
    await ctx.db.transaction(async (tx) => {
      const byId = new Map(batch.map((b) => [b.id, b]));
      const messages = members.flatMap((m) => {
        const e = m.enterpriseId ? byId.get(m.enterpriseId) : undefined;
        if (!e) return [];
        return [
          {
            userId: m.id,
            ...reminderMessage(campaign, stage, e.priority),
            link: '/qiye/filings',
            dedupeKey: `remind:${campaignId}:${stage}:${e.id}`,
            createdAt: now,
          },
        ];
      });
      if (messages.length > 0) {
        await tx
          .insert(notifications)
          .values(messages)
          .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] });
      }
      const sms = batch
        .filter((b) => /^1\d{10}$/.test(b.mobile))
        .map((b) => ({
          kind: CYCLE_JOB_KINDS.sms,
          payload: {
            mobile: b.mobile,
            template: 'cycle_update_reminder',
            params: { year: campaign.year, deadline },
          },
          dedupeKey: `remind:${campaignId}:${stage}:${b.id}`,
          runAt: new Date(0),
        }));
      if (sms.length > 0) await tx.insert(jobs).values(sms).onConflictDoNothing({ target: jobs.dedupeKey });
    });
    sent += batch.length;
  }
  return sent;
}

// ---------------------------------------------------------------------------------------------------------
// Who has not updated

function decodeCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  if (!/^[0-9a-f-]{36}$/i.test(cursor)) throw new AppError('BAD_REQUEST', '翻页参数无效，请回到第一页。');
  return cursor;
}

/** Checks an optional county filter against the actor's region (outside it: NOT_FOUND, like the record). */
function countyFilter(actor: Actor, countyCode: string | undefined): SQL | undefined {
  if (!countyCode) return undefined;
  const region = findRegion(countyCode);
  if (!region || region.level !== 'county' || !actor.regionCode || !isWithin(countyCode, actor.regionCode)) {
    throw new AppError('NOT_FOUND', '未找到该地区，或不在您的管辖范围内。');
  }
  return eq(enterprises.countyCode, countyCode);
}

export async function outstandingPage(
  ctx: AppContext,
  actor: Actor,
  campaignId: string,
  q: OutstandingQuery,
): Promise<OutstandingResponse> {
  const campaign = await loadCampaign(ctx.db, campaignId);
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

// ---------------------------------------------------------------------------------------------------------
// 清退出库

interface Who {
  userId: string | null;
  name: string;
}

const SYSTEM: Who = { userId: null, name: '系统' };

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
  const campaign = await loadCampaign(ctx.db, campaignId);
  const settings = await getProvinceSettings(ctx.db);
  const graceDays = graceDaysArg ?? settings.clearanceGraceDays;
  const now = ctx.clock.now();
  const expiresAt = proposalExpiresAt(now, settings.proposalExpiryDays);
  const opensAt = clearanceOpensAt(campaign, graceDays);
  if (now.getTime() < opensAt.getTime()) {
    throw new AppError(
      'INVALID_STATE',
      `数据更新截止后 ${graceDays} 天宽限期未满，${shanghaiDateLabel(opensAt)}起方可提出清退建议。`,
    );
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

/** The SQL of "stored as proposed, and (not) expired at now" (rows without expires_at: from the setting). */
function proposalLive(p: ClearancePeriods, live: boolean): SQL {
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
  if (!row) throw new AppError('NOT_FOUND', '未找到该清退记录，或不在您的管辖范围内。');
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
  const campaign = await loadCampaign(ctx.db, campaignId);
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
      throw new AppError('NOT_FOUND', '所选记录中有未找到或不在您管辖范围内的清退建议，请刷新后重试。');
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
      throw new AppError(
        'CLEARANCE_PROPOSAL_EXPIRED',
        `所选记录中有 ${expired.length} 条拟清退建议已超过有效期（提出后 ${periods.proposalExpiryDays} 天内确认，${shanghaiDateLabel(expiryOf(first, periods))}止）而失效，不能确认清退：${names.map((n) => n.name).join('、')}。请取消勾选后重试；这些企业将在下一年度数据更新中重新核查。`,
        {},
        { expired: expired.map((r) => r.c.id) },
      );
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
    if (c.appealStatus) throw new AppError('INVALID_STATE', '每次清退只能申诉一次，贵企业已提交过申诉。');
    if (c.status !== 'confirmed') throw new AppError('INVALID_STATE', '只有已确认的清退可以申诉。');
    const until = appealUntilOf(c, periods);
    if (until && now.getTime() > until.getTime()) {
      throw new AppError(
        'APPEAL_WINDOW_CLOSED',
        `清退申诉期限已过：贵企业于${shanghaiDateLabel(c.confirmedAt ?? until)}被清退，申诉须在${shanghaiDateLabel(until)}（含当日）前提出，现已不能申诉。如有疑问，请联系所在设区市工信部门；也可在以后年度批次通过“新增入库”重新申请入库。`,
      );
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
    if (c.appealStatus !== 'pending') throw new AppError('INVALID_STATE', '该清退没有待处理的申诉。');
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
  const fromDay = new Date(rec.validTo.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
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

function shanghaiYear(at: Date): number {
  return Number(new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 4));
}
