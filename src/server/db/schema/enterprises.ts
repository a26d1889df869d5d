/** Enterprises and their record: the organisation, its history of database status and recognitions, its 质量评价得分. */
import {
  bigserial,
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
import { DB_STATUSES, ENTERPRISE_EVENTS, QUALITY_SOURCE_TYPES } from '../../../shared/vocabulary';
import { createdAt, oneOf } from './common';

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
