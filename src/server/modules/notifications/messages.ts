/**
 * In-app messages: one row per user, deduplicated per user and event key, so a job that runs again writes nothing
 * twice. Shared by every notification job (filings, recognitions, list outcomes, the annual cycle).
 */
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { notifications, users } from '../../db/schema';

export interface Message {
  title: string;
  body: string;
  link: string;
  dedupeKey: string;
}

/** Writes the message to each of the users (none: nothing). */
export async function insertMessages(tx: DbOrTx, userIds: string[], m: Message, now: Date): Promise<void> {
  if (userIds.length === 0) return;
  await tx
    .insert(notifications)
    .values(userIds.map((userId) => ({ userId, ...m, createdAt: now })))
    .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] });
}

/** Writes the message to every active user of the enterprise. */
export async function messageEnterprise(
  tx: DbOrTx,
  enterpriseId: string,
  m: Message,
  now: Date,
): Promise<void> {
  const members = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.enterpriseId, enterpriseId), eq(users.status, 'active')));
  await insertMessages(
    tx,
    members.map((u) => u.id),
    m,
    now,
  );
}
