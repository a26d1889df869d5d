/** Evaluations of approved filings and the city's corrections of them. */
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
import { createdAt } from './common';
import { campaigns } from './campaigns';
import { enterprises } from './enterprises';
import { filings } from './filings';

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
