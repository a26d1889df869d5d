import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import {
  REMINDER_STAGES,
  reminderSchedule,
  remindersToSchedule,
  clearanceOpensAt,
  type ReminderStage,
} from '../../../../shared/cycle';
import { CYCLE_JOB_KINDS } from '../../../../shared/schemas/cycle-api';
import type { DbOrTx } from '../../../db/client';
import { jobs } from '../../../db/schema';
import { enqueue } from '../../../services/jobs';
import type { AppContext } from '../../../types';
import { getProvinceSettings } from '../../settings/service';
import { type Campaign } from './common';
import { getCampaign } from '../../campaigns/repository';

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
  const campaign = await getCampaign(ctx.db, campaignId);
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
