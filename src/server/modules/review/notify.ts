import {
  JOB_KINDS,
  notifyFilingDedupeKey,
  type NotifyFilingAction,
} from '../../../shared/schemas/notifications-api';
import type { Tx } from '../../db/client';
import { jobs } from '../../db/schema';

/**
 * Inserts the `notify.filing` job (its contract: NotifyFilingPayload in shared/schemas/notifications-api.ts)
 * INSIDE the caller's transaction (transactional outbox): the job commits with the action or not at all.
 * `dedupeKey = notify:<historyId>` makes a second insert for the same event a no-op. `runAt` is the app clock's
 * now, so workers that read the injected clock see the job as due.
 */
export async function enqueueFilingNotification(
  tx: Tx,
  payload: { filingId: string; event: NotifyFilingAction; historyId: number },
  runAt: Date,
): Promise<void> {
  await tx
    .insert(jobs)
    .values({
      kind: JOB_KINDS.notifyFiling,
      payload: { ...payload },
      dedupeKey: notifyFilingDedupeKey(payload.historyId),
      runAt,
      createdAt: runAt,
    })
    .onConflictDoNothing();
}
