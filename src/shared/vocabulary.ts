/**
 * Closed vocabularies of stored columns that had no exported list elsewhere (ADR 0033). The database schema builds
 * a CHECK constraint from each of these and from the lists that already live beside their API schemas
 * (ROLES, FILING_STATUSES, LIST_STATUSES …), so a value the code does not know cannot be stored. Adding a value
 * here therefore needs a migration (`npm run db:generate`).
 *
 * A leaf module: it imports nothing, so the database schema can import it without pulling in anything else.
 */

/** enterprises.db_status — 在库 status: never entered, 在库, 清退出库. */
export const DB_STATUSES = ['none', 'in_db', 'cleared'] as const;
export type DbStatus = (typeof DB_STATUSES)[number];

/** filing_history.level — who acted: the enterprise, a review level, or the system. */
export const HISTORY_LEVELS = ['enterprise', 'county', 'city', 'province', 'system'] as const;
export type HistoryLevel = (typeof HISTORY_LEVELS)[number];

/** filing_history.action — the enterprise's own steps; the review steps are REVIEW_ACTIONS (shared/workflow). */
export const ENTERPRISE_HISTORY_ACTIONS = ['create', 'submit', 'resubmit', 'withdraw'] as const;

/** recognitions.kind — 创新型, 科技型中小企业, 省级专精特新, 国家级小巨人, honours declared in 已认定事项. */
export const RECOGNITION_KINDS = [
  'innovative',
  'tech_sme',
  'provincial_specialized',
  'little_giant',
  'declared',
] as const;
export type RecognitionKind = (typeof RECOGNITION_KINDS)[number];

/** recognitions.source — an announced list, a 数据交换 import, a declaration, a 复核, an approved self-evaluation. */
export const RECOGNITION_SOURCES = ['announcement', 'import', 'declared', 'rereview', 'evaluation'] as const;
export type RecognitionSource = (typeof RECOGNITION_SOURCES)[number];

/** recognitions.status */
export const RECOGNITION_STATUSES = ['valid', 'revoked'] as const;

/** recognition_lists.kind — 创新型中小企业 lists only, for now. */
export const LIST_KINDS = ['innovative'] as const;

/** quality_scores.source_type — entered by a department, or imported (数据交换). */
export const QUALITY_SOURCE_TYPES = ['entry', 'import'] as const;
export type QualitySourceType = (typeof QUALITY_SOURCE_TYPES)[number];

/** enterprise_events.event — the enterprise record's events (records module labels them). */
export const ENTERPRISE_EVENTS = [
  'entered',
  'updated',
  'clearance_proposed',
  'cleared',
  'appeal_filed',
  'reinstated',
  'appeal_rejected',
  'recognised',
  'recognition_extended',
  'recognition_revoked',
  'region_corrected',
  'quality_score_set',
] as const;
export type EnterpriseEvent = (typeof ENTERPRISE_EVENTS)[number];

/**
 * clearances.status as stored. The API's CLEARANCE_STATUSES adds `expired`, which is never stored: a `proposed`
 * row past its expiry is shown as 已失效 (ADR 0021).
 */
export const STORED_CLEARANCE_STATUSES = ['proposed', 'confirmed', 'cancelled', 'reinstated'] as const;

/** clearances.appeal_status (null: no appeal). */
export const APPEAL_STATUSES = ['pending', 'upheld', 'rejected'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** update_obligations.reason — the strongest reason an enterprise owed a 数据更新. */
export const OBLIGATION_REASONS = ['in_db', 'innovative', 'specialised'] as const;

/** sms_messages.purpose — a verification code, a notification, the administrator's test message. */
export const SMS_PURPOSES = ['code', 'notification', 'test'] as const;
