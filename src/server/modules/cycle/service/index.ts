/**
 * The annual cycle on the server: reminders to update, who has not updated, 清退出库 and its appeal, and the
 * 复核 validity extension. The rules themselves are pure (src/shared/cycle); this file loads, scopes and writes.
 *
 * Jurisdiction: every query composes the policy's `enterpriseRegionScope` / `clearanceScope`
 * (permissions/sql.ts), so a record outside the caller's region is simply NOT_FOUND.
 */
export { type ClearanceRow, updatedIn, priorityAt } from './common';
export {
  enqueueCycleSchedule,
  scheduleCampaignReminders,
  type ReplannedJob,
  type ReplanResult,
  replanCampaignJobs,
} from './reminders';
export { recordUpdateObligations, hasObligations, sendReminders } from './obligations';
export { outstandingPage } from './outstanding';
export {
  proposeClearances,
  type ClearancePeriods,
  clearancePeriods,
  expiryOf,
  appealUntilOf,
  effectiveStatus,
  clearanceStatusFilter,
  noticeKey,
  clearanceView,
  listClearances,
  confirmClearances,
  appealClearance,
  decideAppeal,
} from './clearances';
export { rereviewStartRefusal, onRereviewApproved } from './rereview';
