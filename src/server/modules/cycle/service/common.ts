import { sql, type SQL } from 'drizzle-orm';
import { PRIORITY_RECOGNITION_KINDS, UPDATED_STATUSES } from '../../../../shared/cycle';
import { campaigns, clearances, filings, recognitions } from '../../../db/schema';

export const BATCH = 1000;
const STATUS_LIST = sql.raw(UPDATED_STATUSES.map((s) => `'${s}'`).join(','));
export const PRIORITY_KINDS = sql.raw(PRIORITY_RECOGNITION_KINDS.map((k) => `'${k}'`).join(','));
/** Always table-qualified: drizzle renders a bare column unqualified in single-table selects, which a subquery would capture. */
export const ENTERPRISE_ID = sql.raw('"enterprises"."id"');

export type ClearanceRow = typeof clearances.$inferSelect;

export type Campaign = typeof campaigns.$inferSelect;

/** The enterprise (row of `enterprises`) has fulfilled its update obligation in the campaign. */
export function updatedIn(campaignId: string): SQL {
  return sql`exists (select 1 from ${filings} f where f.enterprise_id = ${ENTERPRISE_ID} and f.campaign_id = ${campaignId}
    and ((f.kind = 'update' and f.status in (${STATUS_LIST})) or (f.kind = 'entry' and f.status = 'approved')))`;
}

/** The enterprise holds a valid 创新型 / 专精特新 recognition at `now`. */
export function priorityAt(now: Date): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${recognitions} r where r.enterprise_id = ${ENTERPRISE_ID}
    and r.kind in (${PRIORITY_KINDS}) and r.status = 'valid' and r.valid_from <= ${now.toISOString()}::timestamptz and r.valid_to >= ${now.toISOString()}::timestamptz)`;
}
