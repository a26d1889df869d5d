/** Filings: the filing, its sections, attachments and history, and the stored files they point to. */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ROLES } from '../../../shared/permissions';
import { FILING_KINDS, FILING_STATUSES } from '../../../shared/schemas/filing-api';
import { ENTERPRISE_HISTORY_ACTIONS, HISTORY_LEVELS } from '../../../shared/vocabulary';
import { REVIEW_ACTIONS } from '../../../shared/workflow';
import { createdAt, oneOf } from './common';
import { campaigns } from './campaigns';
import { enterprises } from './enterprises';

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
