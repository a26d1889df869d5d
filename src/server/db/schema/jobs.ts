/** Background jobs (the transactional outbox), in-app notifications and SMS messages. */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { SMS_STATUSES } from '../../../shared/schemas/sms-api';
import { SMS_PURPOSES } from '../../../shared/vocabulary';
import { createdAt, oneOf } from './common';
import { users } from './accounts';

/**
 * Background jobs (SMS sending, digests, reminders): a transactional outbox. A job is inserted in the same
 * transaction as the change that causes it, so a review action and its notification commit together, and
 * sending happens afterwards, retried, never blocking or rolling back the action. Workers in any process
 * claim due jobs with FOR UPDATE SKIP LOCKED; `dedupe_key` makes "never sent twice" a database guarantee.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    dedupeKey: text('dedupe_key'),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('jobs_dedupe_uq').on(t.dedupeKey),
    index('jobs_due_idx')
      .on(t.runAt)
      .where(sql`done_at is null`),
  ],
);

/** The 消息中心: in-app messages to a user, with unread counts. */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** A path in the web app, e.g. /qiye/filings/<id>. */
    link: text('link'),
    /** Dedupe key: the same event never produces two messages (e.g. filing:<id>:returned:<historyId>). */
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.id),
    uniqueIndex('notifications_dedupe_uq').on(t.userId, t.dedupeKey),
    /** Reviewers look up what an enterprise was told about one event (notice-status.ts). */
    index('notifications_event_idx').on(t.dedupeKey),
  ],
);

/** The default SMS provider: an outbox that development and tests read. A real gateway would also log here. */
export const smsOutbox = pgTable(
  'sms_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    mobile: text('mobile').notNull(),
    template: text('template').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sms_outbox_mobile_idx').on(t.mobile, t.id)],
);

/**
 * Every SMS handed to the gateway (any provider, the outbox included): what was sent, to whom, the gateway's
 * request id and the final status. Verification codes are stored masked (the code never leaves sms_codes'
 * hash). A message sent by a job keeps one row across the job's attempts (job_id).
 *   status: sending → sent | retrying → … → sent | failed
 */
export const smsMessages = pgTable(
  'sms_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    provider: text('provider').notNull(),
    mobile: text('mobile').notNull(),
    template: text('template').notNull(),
    /** The Chinese reference wording, codes masked. */
    body: text('body').notNull(),
    /** code | notification | test */
    purpose: text('purpose').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    providerRequestId: text('provider_request_id'),
    /** The gateway's last answer code (OK, isv.BUSINESS_LIMIT_CONTROL, TIMEOUT …). */
    providerCode: text('provider_code'),
    lastError: text('last_error'),
    jobId: bigint('job_id', { mode: 'number' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    oneOf('sms_messages_purpose_ck', t.purpose, SMS_PURPOSES),
    oneOf('sms_messages_status_ck', t.status, SMS_STATUSES),

    uniqueIndex('sms_messages_job_uq').on(t.jobId),
    index('sms_messages_mobile_idx').on(t.mobile, t.id),
    index('sms_messages_status_idx').on(t.status, t.id),
  ],
);
