/** Recognition lists (名单), their entries and objections, the recognitions they grant and the registry. */
import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ENTRY_STATES, LIST_STATUSES, OBJECTION_STATUSES } from '../../../shared/schemas/lists-api';
import {
  LIST_KINDS,
  RECOGNITION_KINDS,
  RECOGNITION_SOURCES,
  RECOGNITION_STATUSES,
} from '../../../shared/vocabulary';
import { createdAt, oneOf } from './common';
import { campaigns } from './campaigns';
import { enterprises } from './enterprises';
import { filings } from './filings';
import { evaluations } from './review';

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
