import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { ROLES } from '../../shared/permissions';
import { USER_STATUSES } from '../../shared/schemas/admin-api';
import { EXTENSION_LEVELS } from '../../shared/schemas/campaign-admin-api';
import { FILING_KINDS, FILING_STATUSES } from '../../shared/schemas/filing-api';
import { ENTRY_STATES, LIST_STATUSES, OBJECTION_STATUSES } from '../../shared/schemas/lists-api';
import { SMS_STATUSES } from '../../shared/schemas/sms-api';
import {
  APPEAL_STATUSES,
  DB_STATUSES,
  ENTERPRISE_EVENTS,
  ENTERPRISE_HISTORY_ACTIONS,
  HISTORY_LEVELS,
  LIST_KINDS,
  OBLIGATION_REASONS,
  QUALITY_SOURCE_TYPES,
  RECOGNITION_KINDS,
  RECOGNITION_SOURCES,
  RECOGNITION_STATUSES,
  SMS_PURPOSES,
  STORED_CLEARANCE_STATUSES,
} from '../../shared/vocabulary';
import { REVIEW_ACTIONS } from '../../shared/workflow';

/*
 * Database conventions (docs/domain/database.md): snake_case columns, uuid primary keys for business
 * records, bigserial for append-only logs, timestamptz everywhere, money as numeric(16,2) (never float),
 * region codes as 6-digit text (GB/T 2260 / 统计用区划代码).
 */

/**
 * A CHECK constraint holding a closed-vocabulary column to the code's list of values (ADR 0033). The list comes
 * from src/shared, so the constraint and the TypeScript unions cannot drift apart without a migration. A null
 * passes (`null in (…)` is not false); nullability is the column's own `notNull()`.
 */
function oneOf(name: string, column: AnyPgColumn, values: readonly string[]) {
  for (const v of values)
    if (!/^[a-z0-9_.-]+$/.test(v)) throw new Error(`Vocabulary value not allowed: ${v}`);
  return check(name, sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`);
}

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** An enterprise (organisation), identified by its unified social credit code. */
export const enterprises = pgTable(
  'enterprises',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    uscc: text('uscc').notNull(),
    contactName: text('contact_name').notNull(),
    contactMobile: text('contact_mobile').notNull(),
    licenceFileId: uuid('licence_file_id'),
    /** 注册地 county-level code; set from the filing's 基本情况, correctable by an administrator. */
    countyCode: text('county_code'),
    cityCode: text('city_code'),
    /** 在库 status: none (never entered), in_db, cleared (清退出库). */
    dbStatus: text('db_status').notNull().default('none'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    oneOf('enterprises_db_status_ck', t.dbStatus, DB_STATUSES),

    uniqueIndex('enterprises_uscc_uq').on(t.uscc),
    index('enterprises_county_idx').on(t.countyCode),
    // Statistics per city and county, by database status.
    index('enterprises_region_status_idx').on(t.cityCode, t.countyCode, t.dbStatus),
    // The public registry's substring search (name / partial credit code ILIKE '%…%', ≥ 3 characters):
    // trigram GIN indexes (pg_trgm, migration 0009; loaded on PGlite by openDatabase()).
    index('enterprises_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('enterprises_uscc_trgm_idx').using('gin', t.uscc.op('gin_trgm_ops')),
  ],
);

/** Platform users: enterprise accounts and government accounts (role bound to a region). */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** enterprise | county_reviewer | city_reviewer | province | admin */
    role: text('role').notNull(),
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    /** Government users: the county, city or province (320000) they act for. */
    regionCode: text('region_code'),
    displayName: text('display_name').notNull(),
    mobile: text('mobile'),
    status: text('status').notNull().default('active'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when an administrator creates or resets the account: the first login must choose a new password. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /**
     * The TOTP secret (docs/adr/0023-second-factor-and-password-ageing.md), AES-256-GCM encrypted under a key
     * derived from TOTP_ENCRYPTION_KEY or SMS_CODE_PEPPER; never returned by any API once confirmed.
     */
    totpSecret: text('totp_secret'),
    /** A secret shown for enrolment, waiting for its first code (encrypted the same way). */
    totpPendingSecret: text('totp_pending_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The RFC 6238 time step of the last accepted code: a code is accepted once. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [
    oneOf('users_role_ck', t.role, ROLES),
    oneOf('users_status_ck', t.status, USER_STATUSES),

    // Usernames are unique regardless of case, so "Acme" and "acme" cannot both exist.
    uniqueIndex('users_username_uq').on(sql`lower(${t.username})`),
    index('users_enterprise_idx').on(t.enterpriseId),
  ],
);

/**
 * Hashes of the passwords a user had (the newest five are kept): a new password may not repeat any of them
 * (GB/T 22239 8.1.4.1 a, docs/adr/0023-second-factor-and-password-ageing.md).
 */
export const passwordHistory = pgTable(
  'password_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    passwordHash: text('password_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('password_history_user_idx').on(t.userId, t.id)],
);

/**
 * A login whose password was right and whose second factor is awaited: the token (its SHA-256 is the id) is
 * handed to the client for step 2, valid 5 minutes from the address that gave the password.
 */
export const loginChallenges = pgTable(
  'login_challenges',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_challenges_user_idx').on(t.userId)],
);

/**
 * Failed logins per account AND source address (docs/adr/0018-account-safety.md): 5 in a row from one address
 * lock that account from that address only, so nobody elsewhere can lock the real owner out. The account-wide
 * count that asks for a captcha stays on `users.failed_logins`; `users.locked_until` mirrors the latest lock
 * for the administrators' user list.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    failures: integer('failures').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('login_failures_user_source_uq').on(t.userId, t.source)],
);

/** Server-side sessions, so several app processes can serve one user. The cookie holds a token; we store its hash. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(), // sha256(token), hex
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Image captchas, stored so any app process can check them. Single use, short-lived. */
export const captchas = pgTable('captchas', {
  id: uuid('id').primaryKey().defaultRandom(),
  answer: text('answer').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: createdAt(),
});

/** SMS verification codes: hashed, 5 minutes, 5 tries. */
export const smsCodes = pgTable(
  'sms_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mobile: text('mobile').notNull(),
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    ip: text('ip'),
    createdAt: createdAt(),
  },
  (t) => [
    index('sms_codes_mobile_idx').on(t.mobile, t.createdAt),
    index('sms_codes_ip_idx').on(t.ip, t.createdAt),
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

/** Stored files (licence images, attachments). Bytes live in the storage backend under `storageKey`. */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    storageKey: text('storage_key').notNull(),
    enterpriseId: uuid('enterprise_id'),
    purpose: text('purpose').notNull(),
    originalName: text('original_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('files_enterprise_idx').on(t.enterpriseId)],
);

/** Append-only audit log of account events, views and actions. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    action: text('action').notNull(),
    userId: uuid('user_id'),
    username: text('username'),
    role: text('role'),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    success: boolean('success').notNull().default(true),
    details: jsonb('details').$type<Record<string, unknown>>(),
    /**
     * Tamper evidence (issue 17, ADR 0031): `mac` = HMAC-SHA256(AUDIT_HMAC_KEY, the row's id and content), written
     * with the row, no lock; a background sealer (services/audit-chain.ts) later chains committed rows: `seq` (the
     * chain order, assigned at sealing, unique), `prev_hash` (the hash of the previous sealed row of the same
     * `chain`, the row's Asia/Shanghai day) and `hash` = HMAC-SHA256(prev_hash + the canonical content). Unsealed:
     * `seq` null. Rows of ADR 0017/0027 have a hash and no mac (chains `YYYY-MM-DD#NN` or the bare day, seq = id);
     * rows written before the chain existed have neither.
     */
    chain: text('chain'),
    prevHash: text('prev_hash'),
    hash: text('hash'),
    mac: text('mac'),
    seq: bigint('seq', { mode: 'number' }),
  },
  (t) => [
    index('audit_events_at_idx').on(t.at),
    index('audit_events_chain_idx').on(t.chain, t.seq),
    uniqueIndex('audit_events_seq_idx').on(t.seq),
    index('audit_events_unsealed_idx')
      .on(t.id)
      .where(sql`${t.seq} is null`),
    index('audit_events_user_idx').on(t.userId, t.at),
    index('audit_events_action_idx').on(t.action, t.at),
  ],
);

/**
 * A yearly round (批次). Until the review issue brings campaign management, one is configured with the 2023
 * notice's pattern; the server enforces the filing window.
 */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    /** Filing kinds open in this campaign: entry (新增入库), update (数据更新), rereview (复核). */
    kindsOpen: jsonb('kinds_open').$type<string[]>().notNull(),
    filingOpensAt: timestamp('filing_opens_at', { withTimezone: true }).notNull(),
    filingClosesAt: timestamp('filing_closes_at', { withTimezone: true }).notNull(),
    countyReviewDeadline: timestamp('county_review_deadline', { withTimezone: true }).notNull(),
    cityReviewDeadline: timestamp('city_review_deadline', { withTimezone: true }).notNull(),
    listDeadline: timestamp('list_deadline', { withTimezone: true }).notNull(),
    /** The 创新型 standard that scores this campaign's filings (e.g. innovative-sme-2022). */
    standardId: text('standard_id').notNull(),
    /**
     * Per-campaign choice of standard by tier and track, overriding the choice by date (src/shared/rules/engine/
     * select.ts), e.g. { "little-giant:review": "little-giant-2022" } for the 2026 小巨人 复核 cohort.
     */
    ruleOverrides: jsonb('rule_overrides').$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('campaigns_year_uq').on(t.year)],
);

/**
 * One filing of a kind per enterprise per campaign. `status` is the column for querying; `filing_history`
 * is the record. Denormalised columns (name, credit code, industry, size, score) serve the review queues.
 */
export const filings = pgTable(
  'filings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    kind: text('kind').notNull(),
    /** draft | county_review | city_review | approved | returned | refused | withdrawn */
    status: text('status').notNull().default('draft'),
    /** Bumped on every status change: two concurrent actions on one filing cannot both win. */
    statusVersion: integer('status_version').notNull().default(0),
    countyCode: text('county_code'),
    cityCode: text('city_code'),
    enterpriseName: text('enterprise_name').notNull(),
    uscc: text('uscc').notNull(),
    industryCode: text('industry_code'),
    smeSize: text('sme_size'),
    scoreTotal: integer('score_total'),
    directMet: boolean('direct_met'),
    qualified: boolean('qualified'),
    standardId: text('standard_id'),
    /** The frozen data, standard and result at submission (what reviewers and the 申报书 show). */
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>(),
    /** When returned: the reason, the sections and fields to correct with comments. */
    returnInfo: jsonb('return_info').$type<Record<string, unknown>>(),
    /** Printed on the 申报书; the public verification page looks it up. */
    verificationCode: text('verification_code'),
    /**
     * The code the NEXT submission will carry, given out when the 自评表 is printed before it (so the signed
     * 自评表 and the 申报书 share one code); moved to verification_code by the submission.
     */
    pendingVerificationCode: text('pending_verification_code'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** First opened by a reviewer of that level since it arrived there (unviewed filings are bold in queues). */
    countyViewedAt: timestamp('county_viewed_at', { withTimezone: true }),
    cityViewedAt: timestamp('city_viewed_at', { withTimezone: true }),
    lastActionAt: timestamp('last_action_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    oneOf('filings_kind_ck', t.kind, FILING_KINDS),
    oneOf('filings_status_ck', t.status, FILING_STATUSES),

    uniqueIndex('filings_one_per_kind_uq').on(t.enterpriseId, t.campaignId, t.kind),
    uniqueIndex('filings_verification_uq').on(t.verificationCode),
    uniqueIndex('filings_pending_verification_uq').on(t.pendingVerificationCode),
    index('filings_enterprise_idx').on(t.enterpriseId, t.createdAt),
    index('filings_queue_county_idx').on(t.countyCode, t.status, t.submittedAt, t.id),
    index('filings_queue_city_idx').on(t.cityCode, t.status, t.submittedAt, t.id),
    index('filings_queue_province_idx').on(t.status, t.submittedAt, t.id),
    // Region-wide lists filtered on the kind (only 数据更新 / only 入库申请), oldest or newest first: the kind
    // before the status keeps each per-status part of the queue an ordered index range read (issue #7).
    index('filings_queue_county_kind_idx').on(t.countyCode, t.kind, t.status, t.submittedAt, t.id),
    index('filings_queue_city_kind_idx').on(t.cityCode, t.kind, t.status, t.submittedAt, t.id),
    // Region-wide lists of one campaign (批次; the current one unless another is chosen, ADR 0020): the campaign
    // before the status, so each per-status part reads only that campaign's rows in order instead of walking the
    // earlier years' approved filings first (ADR 0034).
    index('filings_queue_county_campaign_idx').on(t.countyCode, t.campaignId, t.status, t.submittedAt, t.id),
    index('filings_queue_city_campaign_idx').on(t.cityCode, t.campaignId, t.status, t.submittedAt, t.id),
    index('filings_queue_province_campaign_idx').on(t.campaignId, t.status, t.submittedAt, t.id),
    index('filings_uscc_idx').on(t.uscc),
    index('filings_campaign_idx').on(t.campaignId, t.status),
    // Statistics: filings by campaign, region, kind and status answered from the index alone.
    index('filings_stats_idx').on(t.campaignId, t.cityCode, t.countyCode, t.kind, t.status),
    // The file-access check for reviewers: "is this file listed in a submitted snapshot?"
    index('filings_snapshot_attachments_idx').using(
      'gin',
      sql`(${t.snapshot} -> 'attachments') jsonb_path_ops`,
    ),
  ],
);

/**
 * The sections of a filing as the enterprise typed them: saved even when incomplete or invalid.
 * `version` implements optimistic concurrency: a save names the version it started from.
 */
export const filingSections = pgTable(
  'filing_sections',
  {
    filingId: uuid('filing_id')
      .notNull()
      .references(() => filings.id, { onDelete: 'cascade' }),
    section: text('section').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    version: integer('version').notNull().default(0),
    complete: boolean('complete').notNull().default(false),
    valid: boolean('valid').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [uniqueIndex('filing_sections_pk').on(t.filingId, t.section)],
);

/** Attachments of a filing, by named slot; several files per slot. */
export const filingAttachments = pgTable(
  'filing_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    filingId: uuid('filing_id')
      .notNull()
      .references(() => filings.id, { onDelete: 'cascade' }),
    slot: text('slot').notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('filing_attachments_filing_idx').on(t.filingId, t.slot),
    // The file-access check asks "which filing attaches this file?".
    index('filing_attachments_file_idx').on(t.fileId),
  ],
);

/** The append-only history of a filing: who did what, at which level, when, from which status to which, and why. */
export const filingHistory = pgTable(
  'filing_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    filingId: uuid('filing_id')
      .notNull()
      .references(() => filings.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    action: text('action').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorRole: text('actor_role'),
    actorName: text('actor_name'),
    /** enterprise | county | city | province | system */
    level: text('level').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    reason: text('reason'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [
    oneOf('filing_history_action_ck', t.action, [...ENTERPRISE_HISTORY_ACTIONS, ...REVIEW_ACTIONS]),
    oneOf('filing_history_level_ck', t.level, HISTORY_LEVELS),
    oneOf('filing_history_actor_role_ck', t.actorRole, ROLES),
    oneOf('filing_history_from_status_ck', t.fromStatus, FILING_STATUSES),
    oneOf('filing_history_to_status_ck', t.toStatus, FILING_STATUSES),

    index('filing_history_filing_idx').on(t.filingId, t.id),
    // 已转出: a county's (or city's) transfers out, looked up by the county the filing left (ADR 0020).
    index('filing_history_transfer_from_idx')
      .on(sql`(${t.details} ->> 'fromCountyCode')`)
      .where(sql`${t.action} = 'transfer'`),
  ],
);

/** Per-region extensions of a campaign's review deadlines (county or city level). */
export const campaignExtensions = pgTable(
  'campaign_extensions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    regionCode: text('region_code').notNull(),
    /** county | city */
    level: text('level').notNull(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    oneOf('campaign_extensions_level_ck', t.level, EXTENSION_LEVELS),
    uniqueIndex('campaign_extensions_uq').on(t.campaignId, t.regionCode, t.level),
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

/**
 * The 创新型中小企业 evaluation of an approved filing: the rules engine's result on the (possibly corrected)
 * input. Every reviewer correction is kept with both versions in `evaluation_corrections`.
 */
export const evaluations = pgTable(
  'evaluations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    filingId: uuid('filing_id')
      .notNull()
      .references(() => filings.id),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    countyCode: text('county_code').notNull(),
    cityCode: text('city_code').notNull(),
    standardId: text('standard_id').notNull(),
    /** The version of the standard's thresholds used (standard_versions; 1 = built-in). Never changes. */
    standardVersion: integer('standard_version').notNull().default(1),
    /** The corrected threshold values of that version (key → decimal string); {} = the built-in values. */
    thresholds: jsonb('thresholds').$type<Record<string, string>>().notNull().default({}),
    input: jsonb('input').$type<Record<string, unknown>>().notNull(),
    result: jsonb('result').$type<Record<string, unknown>>().notNull(),
    scoreTotal: integer('score_total'),
    qualified: boolean('qualified'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('evaluations_filing_uq').on(t.filingId),
    index('evaluations_city_idx').on(t.cityCode, t.campaignId),
  ],
);

export const evaluationCorrections = pgTable(
  'evaluation_corrections',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name'),
    reason: text('reason').notNull(),
    /** Field path → { before, after }. */
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull(),
    inputBefore: jsonb('input_before').$type<Record<string, unknown>>().notNull(),
    resultBefore: jsonb('result_before').$type<Record<string, unknown>>().notNull(),
    resultAfter: jsonb('result_after').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('evaluation_corrections_eval_idx').on(t.evaluationId, t.id)],
);

/**
 * A city's list of 创新型中小企业 for a campaign: draft → publicity (公示, objections open) → announced (公告).
 */
export const recognitionLists = pgTable(
  'recognition_lists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    cityCode: text('city_code').notNull(),
    /** innovative (创新型中小企业); other kinds later. */
    kind: text('kind').notNull().default('innovative'),
    title: text('title').notNull(),
    issuingDepartment: text('issuing_department').notNull(),
    /** draft | publicity | announced */
    status: text('status').notNull().default('draft'),
    publicityStart: timestamp('publicity_start', { withTimezone: true }),
    publicityEnd: timestamp('publicity_end', { withTimezone: true }),
    /** How to object: contact, address, phone — shown on the public page. */
    objectionContact: text('objection_contact'),
    documentNo: text('document_no'),
    announcedAt: timestamp('announced_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    oneOf('recognition_lists_kind_ck', t.kind, LIST_KINDS),
    oneOf('recognition_lists_status_ck', t.status, LIST_STATUSES),

    uniqueIndex('recognition_lists_city_uq').on(t.campaignId, t.cityCode, t.kind),
    index('recognition_lists_status_idx').on(t.status, t.publicityStart),
  ],
);

export const recognitionListEntries = pgTable(
  'recognition_list_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listId: uuid('list_id')
      .notNull()
      .references(() => recognitionLists.id, { onDelete: 'cascade' }),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    filingId: uuid('filing_id').references(() => filings.id),
    evaluationId: uuid('evaluation_id').references(() => evaluations.id),
    enterpriseName: text('enterprise_name').notNull(),
    uscc: text('uscc').notNull(),
    countyCode: text('county_code').notNull(),
    /** included | excluded (by the city, with a reason) | removed (after an upheld objection, with the reason) */
    state: text('state').notNull().default('included'),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [
    oneOf('recognition_list_entries_state_ck', t.state, ENTRY_STATES),
    uniqueIndex('recognition_list_entries_uq').on(t.listId, t.enterpriseId),
  ],
);

/** Objections filed by the public during publicity, tracked and resolved by the city. */
export const objections = pgTable(
  'objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listId: uuid('list_id')
      .notNull()
      .references(() => recognitionLists.id),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => recognitionListEntries.id),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    contactEmail: text('contact_email'),
    reason: text('reason').notNull(),
    fileIds: jsonb('file_ids').$type<string[]>().notNull().default([]),
    /** open | upheld | rejected */
    status: text('status').notNull().default('open'),
    outcome: text('outcome'),
    resolvedBy: uuid('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    ip: text('ip'),
    /** Tracking number given to the objector (e.g. YY20261127A3F9K2), to look up the outcome without login. */
    trackingNo: text('tracking_no'),
    createdAt: createdAt(),
  },
  (t) => [
    oneOf('objections_status_ck', t.status, OBJECTION_STATUSES),

    index('objections_list_idx').on(t.listId, t.status),
    uniqueIndex('objections_tracking_uq').on(t.trackingNo),
  ],
);

/**
 * Recognitions an enterprise holds: 创新型 (from an announced list), 省级专精特新 / 国家级小巨人 (imported lists),
 * or honours declared in 已认定事项. Valid from–to; 复核 extends the validity.
 */
export const recognitions = pgTable(
  'recognitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    /** innovative | tech_sme (科技型中小企业, one year) | provincial_specialized | little_giant | declared */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    /** announcement | import | declared | rereview | evaluation (an approved 科技型 self-evaluation) */
    source: text('source').notNull(),
    listId: uuid('list_id').references(() => recognitionLists.id),
    /** The approved filing that granted it (科技型中小企业). */
    filingId: uuid('filing_id').references(() => filings.id),
    issuer: text('issuer').notNull(),
    documentNo: text('document_no'),
    /** 科技型中小企业 入库登记编号, recorded by the approving department. */
    registrationNo: text('registration_no'),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validTo: timestamp('valid_to', { withTimezone: true }).notNull(),
    /** valid | revoked */
    status: text('status').notNull().default('valid'),
    createdAt: createdAt(),
  },
  (t) => [
    oneOf('recognitions_kind_ck', t.kind, RECOGNITION_KINDS),
    oneOf('recognitions_source_ck', t.source, RECOGNITION_SOURCES),
    oneOf('recognitions_status_ck', t.status, RECOGNITION_STATUSES),

    index('recognitions_enterprise_idx').on(t.enterpriseId, t.kind, t.validTo),
    index('recognitions_valid_idx').on(t.kind, t.validTo),
    // One 登记编号 names one registration.
    uniqueIndex('recognitions_registration_no_uq')
      .on(t.kind, t.registrationNo)
      .where(sql`registration_no is not null`),
  ],
);

/**
 * The public registry's holders (issue #15, ADR 0027): one row per recognition the registry may show (status valid,
 * from an announced, imported or re-reviewed list), with its enterprise's name and credit code copied in, so a
 * lookup is one trigram index scan over holders only, with no join. Maintained by triggers in the same transaction
 * as every write to `recognitions` and to an enterprise's name or code (migration 0018); never written by the
 * application. The validity dates are filtered at query time (a row stays while the recognition is valid in status).
 */
export const registryEntries = pgTable(
  'registry_entries',
  {
    recognitionId: uuid('recognition_id')
      .primaryKey()
      .references(() => recognitions.id, { onDelete: 'cascade' }),
    enterpriseId: uuid('enterprise_id').notNull(),
    name: text('name').notNull(),
    uscc: text('uscc').notNull(),
    title: text('title').notNull(),
    issuer: text('issuer').notNull(),
    documentNo: text('document_no'),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validTo: timestamp('valid_to', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('registry_entries_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('registry_entries_uscc_trgm_idx').using('gin', t.uscc.op('gin_trgm_ops')),
    index('registry_entries_uscc_idx').on(t.uscc),
    index('registry_entries_enterprise_idx').on(t.enterpriseId),
  ],
);

/**
 * 中小企业专精特新发展（质量）评价得分: computed by the national platform (工信厅企业〔2024〕75号), never here. One score per
 * enterprise and year, entered by the province or a city, or imported (数据交换), with its source; the 2026 专精特新
 * (≥ 50) and 小巨人 (≥ 60) checks read it. Each change is an enterprise event and an audit row.
 */
export const qualityScores = pgTable(
  'quality_scores',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    /** The evaluation year (本年度). */
    year: integer('year').notNull(),
    /** 0–100, two decimals at most. */
    score: numeric('score', { precision: 5, scale: 2 }).notNull(),
    /** entry (entered by a department) | import (数据交换) */
    sourceType: text('source_type').notNull(),
    /** Where the figure comes from (Chinese), e.g. 「优质中小企业梯度培育平台 2026-05-20 查询」. */
    source: text('source').notNull(),
    enteredBy: uuid('entered_by'),
    enteredByName: text('entered_by_name'),
    /** The region of the department that entered it (city code or 320000). */
    enteredRegion: text('entered_region'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    oneOf('quality_scores_source_type_ck', t.sourceType, QUALITY_SOURCE_TYPES),
    uniqueIndex('quality_scores_uq').on(t.enterpriseId, t.year),
  ],
);

/** History of an enterprise's database status (在库 / 已清退) and recognitions: the enterprise record. */
export const enterpriseEvents = pgTable(
  'enterprise_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** entered | updated | clearance_proposed | cleared | appeal_filed | reinstated | recognised | recognition_extended | recognition_revoked | region_corrected */
    event: text('event').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name'),
    reason: text('reason'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [
    oneOf('enterprise_events_event_ck', t.event, ENTERPRISE_EVENTS),
    index('enterprise_events_enterprise_idx').on(t.enterpriseId, t.id),
  ],
);

/** 清退出库: proposed by the system after the deadline and grace period, confirmed by the city, appealable. */
export const clearances = pgTable(
  'clearances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    cityCode: text('city_code').notNull(),
    countyCode: text('county_code').notNull(),
    /** proposed | confirmed | cancelled | reinstated */
    status: text('status').notNull().default('proposed'),
    reason: text('reason').notNull(),
    confirmedBy: uuid('confirmed_by'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    appealReason: text('appeal_reason'),
    appealedAt: timestamp('appealed_at', { withTimezone: true }),
    /** null | pending | upheld (reinstated) | rejected */
    appealStatus: text('appeal_status'),
    appealDecision: text('appeal_decision'),
    appealDecidedBy: uuid('appeal_decided_by'),
    appealDecidedAt: timestamp('appeal_decided_at', { withTimezone: true }),
    /** The last instant the proposal may be confirmed, fixed when it is made (ADR 0021); null: from the setting. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** The last instant the enterprise may appeal, fixed at confirmation and told to it (ADR 0021). */
    appealUntil: timestamp('appeal_until', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    oneOf('clearances_status_ck', t.status, STORED_CLEARANCE_STATUSES),
    oneOf('clearances_appeal_status_ck', t.appealStatus, APPEAL_STATUSES),

    uniqueIndex('clearances_uq').on(t.campaignId, t.enterpriseId),
    index('clearances_city_idx').on(t.cityCode, t.status),
    index('clearances_campaign_city_idx').on(t.campaignId, t.cityCode, t.status, t.id),
  ],
);

/**
 * Settings a province's department may change (one row per province code). Absent row = platform defaults.
 */
/**
 * Administrator corrections of a standard's thresholds (rules as data, ADR 0015): each row is a new version with
 * the complete set of corrected values; the highest version is in force for new evaluations. Rows are never
 * updated or deleted, so this table is also the history. Version 1 is the built-in table and has no row.
 */
export const standardVersions = pgTable(
  'standard_versions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    standardId: text('standard_id').notNull(),
    version: integer('version').notNull(),
    /** Every threshold that differs from the built-in value (key → decimal string). */
    values: jsonb('values').$type<Record<string, string>>().notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('standard_versions_uq').on(t.standardId, t.version)],
);

export const provinceSettings = pgTable('province_settings', {
  provinceCode: text('province_code').primaryKey(),
  /** Default length of a 公示 in calendar days. */
  publicityDays: integer('publicity_days').notNull().default(5),
  /** Days after the update deadline before clearance is proposed. */
  clearanceGraceDays: integer('clearance_grace_days').notNull().default(15),
  /** Days after a 清退 is confirmed in which the enterprise may appeal (ADR 0021). */
  appealWindowDays: integer('appeal_window_days').notNull().default(30),
  /** Days a 拟清退 proposal may be confirmed; afterwards it is 已失效 (ADR 0021). */
  proposalExpiryDays: integer('proposal_expiry_days').notNull().default(60),
  /** The annual 数据更新 deadline (month-day, 'MM-DD') for campaigns from 2026 (2号: 每年5月31日前). */
  updateDeadline: text('update_deadline').notNull().default('05-31'),
  /** 「同一有效期内累计两次未更新的，取消认定」 [S: one provincial source]: off until confirmed. */
  cancelAfterTwoMissedUpdates: boolean('cancel_after_two_missed_updates').notNull().default(false),
  /**
   * County and city reviewers log in with a second factor too, where the platform asks for one at all
   * (production, or SECOND_FACTOR=on). The security administrator's policy; on unless turned off.
   */
  secondFactorReviewers: boolean('second_factor_reviewers').notNull().default(true),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Who owed a 数据更新 in a campaign, recorded when the campaign opens, so that the completion rate of past
 * years does not drift with today's database status.
 */
export const updateObligations = pgTable(
  'update_obligations',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    cityCode: text('city_code').notNull(),
    countyCode: text('county_code').notNull(),
    /** in_db | innovative | specialised — the strongest reason the enterprise had to update. */
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    oneOf('update_obligations_reason_ck', t.reason, OBLIGATION_REASONS),

    uniqueIndex('update_obligations_pk').on(t.campaignId, t.enterpriseId),
    index('update_obligations_region_idx').on(t.campaignId, t.cityCode, t.countyCode),
  ],
);

/**
 * Fixed-window request counters shared by every app process (the store behind @fastify/rate-limit).
 */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limit_hits_reset_idx').on(t.resetAt)],
);
