/**
 * 系统管理 → 短信 (issue 11, item 1): the messages the platform handed to its SMS gateway and a test message.
 * Administrators only (others: FORBIDDEN). Numbers are always masked (138****5678); verification codes are
 * stored masked, so no code is ever shown.
 *
 *   GET  /api/v1/admin/sms?status&cursor&limit → SmsMessageListResponse (newest first, keyset)
 *   POST /api/v1/admin/sms/test  SmsTestRequest → SmsTestResponse (sent at once; audited admin.sms.test)
 */
import { mobile } from './fields';
import { z } from './zod';

export const SMS_STATUSES = ['sending', 'retrying', 'sent', 'failed'] as const;
export const SMS_STATUS_LABELS: Record<(typeof SMS_STATUSES)[number], string> = {
  sending: '发送中',
  retrying: '等待重试',
  sent: '已提交网关',
  failed: '发送失败',
};

export const SMS_PROVIDER_LABELS: Record<string, string> = {
  outbox: '开发发件箱（不实际发送）',
  aliyun: '阿里云短信',
  tencent: '腾讯云短信',
  http: '政务短信平台（HTTP）',
};

export const SMS_PURPOSE_LABELS: Record<string, string> = {
  code: '验证码',
  notification: '通知',
  test: '测试短信',
};

export const SMS_TEMPLATE_LABELS: Record<string, string> = {
  register_code: '注册验证码',
  reset_password_code: '重置密码验证码',
  change_mobile_code: '更换手机验证码',
  login_code: '登录验证码',
  username_reminder: '找回用户名',
  password_changed: '密码已修改',
  filing_returned: '填报退回',
  filing_approved: '审核通过',
  filing_refused: '审核不通过',
  filing_transferred: '转交审核',
  review_digest: '待审核日报',
  cycle_update_reminder: '年度更新提醒',
  cycle_clearance_proposed: '拟清退通知',
  cycle_cleared: '清退通知',
  cycle_appeal_decided: '申诉办结',
  recognition_announced: '认定公告',
  list_outcome: '名单未列入或移出',
  password_reset_by_admin: '管理员重置密码',
  sms_test: '测试短信',
};

export const SmsMessageListQuery = z.object({
  status: z.enum(SMS_STATUSES, { error: '状态不正确' }).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, '分页参数不正确，请刷新页面后重试')
    .optional(),
  limit: z.coerce.number().int().min(1, '每页至少 1 条').max(100, '每页最多 100 条').default(50),
});
export type SmsMessageListQuery = z.input<typeof SmsMessageListQuery>;

export const SmsMessageView = z.object({
  id: z.number().int(),
  provider: z.string(),
  mobileMasked: z.string(),
  template: z.string(),
  /** The Chinese reference wording (codes masked). */
  body: z.string(),
  purpose: z.string(),
  status: z.enum(SMS_STATUSES),
  attempts: z.number().int(),
  providerRequestId: z.string().nullable(),
  providerCode: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type SmsMessageView = z.infer<typeof SmsMessageView>;

export const SmsMessageListResponse = z.object({
  /** The configured gateway (SMS_PROVIDER) and signature. */
  provider: z.string(),
  signName: z.string(),
  items: z.array(SmsMessageView),
  nextCursor: z.string().nullable(),
});
export type SmsMessageListResponse = z.infer<typeof SmsMessageListResponse>;

export const SmsTestRequest = z.object({ mobile });
export type SmsTestRequest = z.input<typeof SmsTestRequest>;

export const SmsTestResponse = z.object({
  sent: z.boolean(),
  message: z.string(),
  item: SmsMessageView,
});
export type SmsTestResponse = z.infer<typeof SmsTestResponse>;
