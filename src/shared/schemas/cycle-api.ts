/**
 * The annual cycle API (issue 6, items 6–7): update reminders, who has not updated, 清退出库 with appeal.
 *
 * Endpoints (JSON; region-scoped — a record outside the caller's region is NOT_FOUND):
 *   POST /api/v1/cycle/campaigns/:id/schedule             province/admin → ScheduleResponse (idempotent)
 *   GET  /api/v1/cycle/campaigns/:id/outstanding          county/city/province/admin; OutstandingQuery
 *                                                        → OutstandingResponse (keyset by enterprise id)
 *   POST /api/v1/cycle/campaigns/:id/clearance/propose    city/province/admin; ProposeRequest → ProposeResponse
 *   GET  /api/v1/cycle/campaigns/:id/clearances           county/city/province/admin; ClearanceListQuery
 *   POST /api/v1/cycle/campaigns/:id/clearances/confirm   city; ConfirmRequest → ConfirmResponse
 *   GET  /api/v1/cycle/clearances/mine                    enterprise → ClearanceListResponse
 *   POST /api/v1/cycle/clearances/:id/appeal              the cleared enterprise; AppealRequest (once)
 *   POST /api/v1/cycle/clearances/:id/decide              city; DecideRequest → ClearanceView
 *
 * Jobs: cycle.schedule {campaignId} → one cycle.remind {campaignId, stage} per reminder instant, dedupe
 * `remind:<campaignId>:<stage>`; cycle.remind → per enterprise an in-app message and an sms.send job, both with
 * the dedupe key `remind:<campaignId>:<stage>:<enterpriseId>`; cycle.notify {clearanceId, event} → the
 * enterprise's in-app message and SMS (an sms.send job) about a 清退 or an appeal decision; cycle.propose
 * {campaignId} (due at the end of the province's grace period, GET /api/v1/settings/province) → the system's
 * province-wide clearance proposal; cycle.obligations {campaignId} (due at the opening, dedupe
 * `obligations:<campaignId>`) → the campaign's update_obligations rows (who owed a 数据更新 when it opened).
 */
import { REMINDER_STAGES } from '../cycle';
import { z } from './zod';

export const CYCLE_JOB_KINDS = {
  schedule: 'cycle.schedule',
  remind: 'cycle.remind',
  notify: 'cycle.notify',
  /** The system's clearance proposal, due when the grace period after the filing deadline ends. */
  propose: 'cycle.propose',
  /** Records the campaign's update obligations (update_obligations), due when the filing window opens. */
  obligations: 'cycle.obligations',
} as const;

export const CampaignIdParams = z.object({ id: z.uuid({ message: '批次编号格式不正确' }) });
export const ClearanceIdParams = z.object({ id: z.uuid({ message: '清退记录编号格式不正确' }) });

export const ScheduleResponse = z.object({
  campaignId: z.string(),
  reminders: z.array(
    z.object({
      stage: z.enum(REMINDER_STAGES),
      stageLabel: z.string(),
      at: z.string(),
      created: z.boolean(),
    }),
  ),
});
export type ScheduleResponse = z.infer<typeof ScheduleResponse>;

const boolParam = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const OutstandingQuery = z.object({
  /** Narrow to one county within the caller's region. */
  countyCode: z
    .string()
    .regex(/^\d{6}$/, '地区代码应为 6 位数字')
    .optional(),
  priority: boolParam,
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type OutstandingQuery = z.infer<typeof OutstandingQuery>;

export const OutstandingItem = z.object({
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  uscc: z.string(),
  countyCode: z.string().nullable(),
  regionName: z.string().nullable(),
  /** Holds a valid 创新型 / 专精特新 recognition: must update. */
  priority: z.boolean(),
  contactName: z.string(),
  /** 138****5678 */
  contactMobile: z.string().nullable(),
  /** The state of its 数据更新 in this campaign: none (not started), draft, returned, refused, withdrawn. */
  updateStatus: z.string(),
  updateStatusLabel: z.string(),
});
export const OutstandingResponse = z.object({
  /** In the caller's region (and filters): obligated, updated, outstanding. */
  totals: z.object({ obligated: z.number(), updated: z.number(), outstanding: z.number() }),
  items: z.array(OutstandingItem),
  nextCursor: z.string().nullable(),
});
export type OutstandingResponse = z.infer<typeof OutstandingResponse>;

export const ProposeRequest = z.object({
  /** Days after the filing deadline (default: the province setting clearanceGraceDays, 15 without one). */
  graceDays: z.number().int().min(0).max(180).optional(),
});
export const ProposeResponse = z.object({
  opensAt: z.string(),
  /** New proposals made by this call (0 on a repeat). */
  created: z.number(),
  /** Proposals of this campaign in the caller's region, all states. */
  total: z.number(),
  /** In-database enterprises with no registered region (cannot be routed to a city). */
  unrouted: z.number(),
});

/**
 * `expired` is never stored: a `proposed` row past its expiry (ADR 0021) is shown, filtered and refused as 已失效.
 */
export const CLEARANCE_STATUSES = ['proposed', 'expired', 'confirmed', 'cancelled', 'reinstated'] as const;
export type ClearanceStatus = (typeof CLEARANCE_STATUSES)[number];
export const CLEARANCE_STATUS_LABELS: Record<ClearanceStatus, string> = {
  proposed: '拟清退',
  expired: '已失效',
  confirmed: '已清退',
  cancelled: '已撤销',
  reinstated: '申诉成立，已恢复在库',
};
export const APPEAL_STATUS_LABELS: Record<string, string> = {
  pending: '申诉待处理',
  upheld: '申诉成立',
  rejected: '申诉不成立',
};

export const ClearanceListQuery = z.object({
  status: z.enum(CLEARANCE_STATUSES).optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ClearanceView = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignYear: z.number(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  uscc: z.string(),
  countyCode: z.string(),
  cityCode: z.string(),
  regionName: z.string().nullable(),
  status: z.enum(CLEARANCE_STATUSES),
  statusLabel: z.string(),
  reason: z.string(),
  confirmedAt: z.string().nullable(),
  appealStatus: z.string().nullable(),
  appealStatusLabel: z.string().nullable(),
  appealReason: z.string().nullable(),
  appealedAt: z.string().nullable(),
  appealDecision: z.string().nullable(),
  appealDecidedAt: z.string().nullable(),
  /** Proposals: the last instant the city may confirm it (afterwards 已失效). */
  expiresAt: z.string().nullable(),
  /** Confirmed clearances: the last instant the enterprise may appeal. */
  appealUntil: z.string().nullable(),
  /** The enterprise may appeal now (confirmed, not yet appealed, within the window). */
  appealOpen: z.boolean(),
  /** What the enterprise was told about this clearance (in-app message and SMS), newest step first. */
  notices: z.array(
    z.object({
      event: z.string(),
      eventLabel: z.string(),
      /** In-app messages written (one per active user of the enterprise). */
      messages: z.number(),
      /** The SMS: null when none was due (no mobile); else its state from sms_messages. */
      sms: z
        .object({
          status: z.string(),
          statusLabel: z.string(),
          mobile: z.string().nullable(),
          sentAt: z.string().nullable(),
        })
        .nullable(),
    }),
  ),
});
export type ClearanceView = z.infer<typeof ClearanceView>;
/** The in-app message and SMS events of a clearance (cycle.notify); the dedupe key is `clearance:<id>:<event>`. */
export const CLEARANCE_NOTICE_EVENTS = ['proposed', 'cleared', 'appeal_upheld', 'appeal_rejected'] as const;
export type ClearanceNoticeEvent = (typeof CLEARANCE_NOTICE_EVENTS)[number];
export const CLEARANCE_NOTICE_LABELS: Record<ClearanceNoticeEvent, string> = {
  proposed: '拟清退通知',
  cleared: '清退通知',
  appeal_upheld: '申诉结果通知（成立）',
  appeal_rejected: '申诉结果通知（不成立）',
};

export const ClearanceListResponse = z.object({
  items: z.array(ClearanceView),
  nextCursor: z.string().nullable(),
});

export const ConfirmRequest = z.object({
  ids: z
    .array(z.uuid({ message: '清退记录编号格式不正确' }))
    .min(1, '请选择要确认清退的企业')
    .max(1000),
});
export const ConfirmResponse = z.object({
  confirmed: z.array(z.string()),
  /** Already confirmed (a repeat). */
  already: z.array(z.string()),
  /** Not confirmed: the enterprise updated since the proposal, or is no longer 在库 (proposal cancelled). */
  cancelled: z.array(z.object({ id: z.string(), reason: z.string() })),
});

const reasonText = z.string().trim().min(5, '请填写理由（至少 5 个字）').max(2000, '理由不能超过 2000 字');
export const AppealRequest = z.object({ reason: reasonText });
export const DecideRequest = z.object({
  decision: z.enum(['upheld', 'rejected'], { message: '请选择申诉是否成立' }),
  reason: reasonText,
});
