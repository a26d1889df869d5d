/** Filing campaigns (填报批次) and their per-region deadline extensions. */
import { integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { EXTENSION_LEVELS } from '../../../shared/schemas/campaign-admin-api';
import { createdAt, oneOf } from './common';

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
