/** The yearly cycle: 清退 clearances and update obligations. */
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { APPEAL_STATUSES, OBLIGATION_REASONS, STORED_CLEARANCE_STATUSES } from '../../../shared/vocabulary';
import { createdAt, oneOf } from './common';
import { campaigns } from './campaigns';
import { enterprises } from './enterprises';

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
