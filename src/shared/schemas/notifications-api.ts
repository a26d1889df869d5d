/**
 * The 消息中心 API contract and the payloads of the notification jobs (issue 5, item 6), shared by the server
 * and the web app.
 *
 * Endpoints (JSON; every logged-in user, own messages only — another user's message is NOT_FOUND):
 *   GET  /api/v1/notifications?cursor=&limit=&unread=   → NotificationListResponse (newest first, keyset cursor)
 *   GET  /api/v1/notifications/unread-count              → UnreadCountResponse
 *   POST /api/v1/notifications/:id/read                  → MarkReadResponse (idempotent)
 *   POST /api/v1/notifications/read-all                  → ReadAllResponse
 *   POST /api/v1/test/jobs/run                           → RunJobsResponse (test mode only: runs due jobs now)
 *
 * Jobs (src/server/services/jobs.ts; enqueue them in the transaction of the change that causes them):
 *   notify.filing    NotifyFilingPayload, dedupeKey notifyFilingDedupeKey(historyId) = notify:<historyId>
 *                    → in-app messages to the enterprise's users (+ an SMS job to its contact mobile for
 *                      returned / approved / refused / transferred), and for arrivals in a reviewer queue
 *                      (county_approved → the city's reviewers; returned_to_county, transferred → the
 *                      county's reviewers) in-app messages to those reviewers plus a daily digest job each.
 *   digest.reviewer  DigestReviewerPayload, dedupe per user per day → "今日新到待审核 N 件" (in-app, and SMS when
 *                    the reviewer has a mobile).
 *   sms.send         SmsJobPayload {mobile, template, params} → one SMS through the configured provider (notification
 *                    and annual-cycle templates; never verification codes). The one SMS job contract: the cycle
 *                    module's former cycle.sms kind is only still run for jobs queued before it was retired.
 */
import { REVIEW_ACTIONS } from '../workflow';
import { z } from './zod';

/** What a notify.filing job tells (the handler's plans and the dedupe keys of its messages). */
export const NOTIFY_FILING_EVENTS = [
  'returned',
  'approved',
  'refused',
  'transferred',
  'county_approved',
  'returned_to_county',
] as const;
export type NotifyFilingEvent = (typeof NOTIFY_FILING_EVENTS)[number];

export const JOB_KINDS = {
  notifyFiling: 'notify.filing',
  digestReviewer: 'digest.reviewer',
  smsSend: 'sms.send',
} as const;

/**
 * What happened to the filing, as the `event` of a notify.filing job: the review action of its filing_history
 * row, or `region_corrected` (an administrator moved the enterprise, and its filing waiting for county review,
 * to another county).
 */
export const NOTIFY_FILING_ACTIONS = [...REVIEW_ACTIONS, 'region_corrected'] as const;
export type NotifyFilingAction = (typeof NOTIFY_FILING_ACTIONS)[number];

/** What the notify.filing handler tells for each action; `region_corrected` is told like a transfer. */
export const REVIEW_ACTION_EVENTS: Record<NotifyFilingAction, NotifyFilingEvent> = {
  county_approve: 'county_approved',
  county_return: 'returned',
  city_approve: 'approved',
  city_return: 'returned',
  city_return_to_county: 'returned_to_county',
  refuse: 'refused',
  transfer: 'transferred',
  region_corrected: 'transferred',
};

/**
 * The payload of a 'notify.filing' job, enqueued by the review module (src/server/modules/review/notify.ts) in
 * the same transaction as the review action and its filing_history row (dedupe key `notify:<historyId>`, runAt
 * the app clock's now). Actor, level, from/to status, reason and details (returnInfo sections, transfer
 * counties) are read from the history row, so the payload stays small; whom to tell is the handler's decision.
 */
export const NotifyFilingPayload = z.object({
  filingId: z.string().uuid(),
  event: z.enum(NOTIFY_FILING_ACTIONS),
  /** The filing_history row of the action (its reason is shown in the in-app message). */
  historyId: z.coerce.number().int().positive(),
  /**
   * The region whose queue the filing arrived in: the new county for transferred, the county for
   * returned_to_county, the city for county_approved. Optional: a transfer's history row names its new county
   * (details.toCountyCode); otherwise the filing's county (or city) when the job runs.
   */
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
export type NotifyFilingPayload = z.input<typeof NotifyFilingPayload>;

/** The dedupe key of a 'notify.filing' job: one job per history row (the review module uses the same). */
export function notifyFilingDedupeKey(historyId: number): string {
  return `notify:${historyId}`;
}

export const DigestReviewerPayload = z.object({
  userId: z.string().uuid(),
  /** The digest day in Asia/Shanghai, YYYY-MM-DD: arrivals after the previous day's cut-off up to this day's. */
  day: z.iso.date(),
});
export type DigestReviewerPayload = z.infer<typeof DigestReviewerPayload>;

export const NotificationView = z.object({
  id: z.number().int(),
  title: z.string(),
  body: z.string(),
  /** A path in the web app, e.g. /qiye/filings/<id> or /gov/reviews/<id>. */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationListQuery = z.object({
  /** nextCursor of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, '分页参数不正确，请刷新页面后重试')
    .optional(),
  limit: z.coerce.number().int().min(1, '每页至少 1 条').max(100, '每页最多 100 条').default(20),
  /** Only unread messages. */
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type NotificationListQuery = z.input<typeof NotificationListQuery>;

export const NotificationListResponse = z.object({
  items: z.array(NotificationView),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
  unreadCount: z.number().int(),
});
export type NotificationListResponse = z.infer<typeof NotificationListResponse>;

export const UnreadCountResponse = z.object({ count: z.number().int() });
export type UnreadCountResponse = z.infer<typeof UnreadCountResponse>;

export const NotificationIdParams = z.object({
  id: z.string().regex(/^\d{1,18}$/, '消息编号不正确'),
});

export const MarkReadResponse = z.object({ item: NotificationView, unreadCount: z.number().int() });
export type MarkReadResponse = z.infer<typeof MarkReadResponse>;

export const ReadAllResponse = z.object({ updated: z.number().int(), unreadCount: z.number().int() });
export type ReadAllResponse = z.infer<typeof ReadAllResponse>;

export const RunJobsResponse = z.object({
  ran: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  gaveUp: z.number().int(),
});
export type RunJobsResponse = z.infer<typeof RunJobsResponse>;
