import type { ReviewAction } from '../../../shared/workflow';
import type { Tx } from '../../db/client';
import { jobs } from '../../db/schema';

/** The job kind the notifications worker handles for filing events. */
export const NOTIFY_FILING_JOB = 'notify.filing';

/**
 * Payload of a `notify.filing` job (the notifications module reads it):
 *   - filingId:  the filing concerned;
 *   - event:     what happened — a review action (county_approve, county_return, city_approve, city_return,
 *                city_return_to_county, refuse, transfer) or `region_corrected` (the province moved the
 *                enterprise, and with it the filing, to another county);
 *   - historyId: the filing_history row of the event: actor, level, from/to status, reason and details
 *                (returnInfo sections, transfer counties) are read from there, so the payload stays small.
 * Whom to tell (the enterprise on a return/refusal/approval, the next level's reviewers on a forward) is the
 * worker's decision.
 */
export interface FilingNotificationPayload {
  filingId: string;
  event: ReviewAction | 'region_corrected';
  historyId: number;
}

/**
 * Inserts the notification job INSIDE the caller's transaction (transactional outbox): the job commits with the
 * action or not at all. `dedupeKey = notify:<historyId>` makes a second insert for the same event a no-op.
 * `runAt` is the app clock's now, so workers that read the injected clock see the job as due.
 */
export async function enqueueFilingNotification(
  tx: Tx,
  payload: FilingNotificationPayload,
  runAt: Date,
): Promise<void> {
  await tx
    .insert(jobs)
    .values({
      kind: NOTIFY_FILING_JOB,
      payload: { ...payload },
      dedupeKey: `notify:${payload.historyId}`,
      runAt,
      createdAt: runAt,
    })
    .onConflictDoNothing();
}
