/**
 * What an enterprise was told about a step (issue 16 item 7): the in-app messages written under the event's dedupe
 * key and the SMS enqueued under `sms:<key>`, with its state from sms_messages (the job's row, ADR 0021). Reviewers
 * see this beside the filing and the clearance, so "was the enterprise told?" has an answer on the page.
 */
import { inArray, sql } from 'drizzle-orm';
import { maskMobile } from '../../../shared/pii';
import type { DbOrTx } from '../../db/client';
import { jobs, notifications, smsMessages } from '../../db/schema';

export const SMS_STATUS_LABELS: Record<string, string> = {
  queued: '待发送',
  sending: '发送中',
  retrying: '发送失败，将自动重试',
  sent: '已发送',
  failed: '发送失败',
};

export interface NoticeStatus {
  /** In-app messages written (one per active user of the enterprise). */
  messages: number;
  /** null: no SMS was due (no valid mobile). */
  sms: { status: string; statusLabel: string; mobile: string | null; sentAt: string | null } | null;
}

/** The notice status of each event key (e.g. `clearance:<id>:cleared`, `filing:<id>:returned:<historyId>`). */
export async function noticeStatuses(db: DbOrTx, keys: string[]): Promise<Map<string, NoticeStatus>> {
  const out = new Map<string, NoticeStatus>();
  if (keys.length === 0) return out;
  const counts = await db
    .select({ key: notifications.dedupeKey, n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(inArray(notifications.dedupeKey, keys))
    .groupBy(notifications.dedupeKey);
  const sms = await db
    .select({
      key: jobs.dedupeKey,
      payload: jobs.payload,
      doneAt: jobs.doneAt,
      jobError: jobs.lastError,
      status: smsMessages.status,
      mobile: smsMessages.mobile,
      sentAt: smsMessages.sentAt,
    })
    .from(jobs)
    .leftJoin(smsMessages, sql`${smsMessages.jobId} = ${jobs.id}`)
    .where(
      inArray(
        jobs.dedupeKey,
        keys.map((k) => `sms:${k}`),
      ),
    );
  for (const k of keys) out.set(k, { messages: 0, sms: null });
  for (const c of counts) if (c.key) out.get(c.key)!.messages = c.n;
  for (const s of sms) {
    const key = s.key!.slice('sms:'.length);
    const status = s.status ?? (s.doneAt && s.jobError ? 'failed' : 'queued');
    const mobile = s.mobile ?? (typeof s.payload.mobile === 'string' ? s.payload.mobile : null);
    out.get(key)!.sms = {
      status,
      statusLabel: SMS_STATUS_LABELS[status] ?? status,
      mobile: maskMobile(mobile),
      sentAt: s.sentAt?.toISOString() ?? null,
    };
  }
  return out;
}

/**
 * What the enterprise was told about each step of a filing, by history id: its in-app messages
 * (`filing:<id>:<event>:<historyId>`) and SMS (`sms:` + that key). Steps without any are absent.
 */
export async function filingNoticeStatuses(db: DbOrTx, filingId: string): Promise<Map<number, NoticeStatus>> {
  const prefix = `filing:${filingId}:`;
  const rows = await db
    .selectDistinct({ key: notifications.dedupeKey })
    .from(notifications)
    .where(sql`${notifications.dedupeKey} like ${`${prefix}%`}`);
  const smsRows = await db
    .select({ key: jobs.dedupeKey })
    .from(jobs)
    .where(sql`${jobs.dedupeKey} like ${`sms:${prefix}%`}`);
  const keys = new Set<string>([
    ...rows.flatMap((r) => (r.key ? [r.key] : [])),
    ...smsRows.flatMap((r) => (r.key ? [r.key.slice('sms:'.length)] : [])),
  ]);
  const st = await noticeStatuses(db, [...keys]);
  const out = new Map<number, NoticeStatus>();
  for (const [key, status] of st) {
    const historyId = Number(key.slice(key.lastIndexOf(':') + 1));
    if (Number.isInteger(historyId)) out.set(historyId, status);
  }
  return out;
}
