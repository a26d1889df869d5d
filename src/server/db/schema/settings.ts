/** Province settings and the standards' threshold versions. */
import {
  bigserial,
  boolean,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt } from './common';

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

/**
 * Settings a province's department may change (one row per province code). Absent row = platform defaults.
 */
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
