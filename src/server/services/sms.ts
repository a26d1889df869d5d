import type { Db } from '../db/client';
import { smsOutbox } from '../db/schema';

/**
 * SMS is the one outside service. Templates are Chinese and carry no secret beyond the code itself.
 * Each template's parameters are typed, so no caller can slip a password or token into a message.
 */
export const SMS_TEMPLATES = {
  register_code: (p: { code: string }) =>
    `【江苏省中小企业梯度培育平台】您正在注册企业账号，验证码 ${p.code}，5 分钟内有效。如非本人操作，请忽略本短信。`,
  reset_password_code: (p: { code: string }) =>
    `【江苏省中小企业梯度培育平台】您正在重置登录密码，验证码 ${p.code}，5 分钟内有效。请勿将验证码告诉他人。`,
  change_mobile_code: (p: { code: string }) =>
    `【江苏省中小企业梯度培育平台】您正在将本号码设为企业联系手机，验证码 ${p.code}，5 分钟内有效。`,
  username_reminder: (p: { username: string }) =>
    `【江苏省中小企业梯度培育平台】贵单位在本平台的登录用户名为：${p.username}。如非本单位操作，请联系当地工信部门。`,
  password_changed: () =>
    `【江苏省中小企业梯度培育平台】您的登录密码已修改，所有已登录的设备均已退出。如非本人操作，请立即重置密码。`,
  // Review notifications: no reason or details by SMS, only a prompt to log in and read them there, with the
  // address of the page that shows them (PUBLIC_BASE_URL + path; ADR 0021).
  filing_returned: (p: { kind: string; link: string }) =>
    `【江苏省中小企业梯度培育平台】贵单位提交的“${p.kind}”填报已被退回修改，请登录平台查看退回原因，按要求修改后重新提交：${p.link}`,
  filing_approved: (p: { kind: string; link: string }) =>
    `【江苏省中小企业梯度培育平台】贵单位提交的“${p.kind}”填报已审核通过，详情请登录平台查看：${p.link}`,
  filing_refused: (p: { kind: string; link: string }) =>
    `【江苏省中小企业梯度培育平台】贵单位提交的“${p.kind}”填报未通过审核，请登录平台查看原因：${p.link} 如有疑问，请联系当地工信部门。`,
  filing_transferred: (p: { kind: string; link: string }) =>
    `【江苏省中小企业梯度培育平台】贵单位提交的“${p.kind}”填报已转交其他县（市、区）工信部门审核，请登录平台查看详情：${p.link}`,
  review_digest: (p: { arrived: number; pending: number }) =>
    `【江苏省中小企业梯度培育平台】今日新到待审核 ${p.arrived} 件，当前共 ${p.pending} 件待审核，请登录平台及时处理。`,
  // The annual cycle (src/server/modules/cycle): update reminders, 清退 and appeal outcomes. No reasons by SMS.
  cycle_update_reminder: (p: { year: number; deadline: string; link: string }) =>
    `【江苏省中小企业梯度培育平台】贵企业为江苏省优质中小企业培育库在库企业，请于${p.deadline}前登录平台完成${p.year}年度“数据更新”，逾期未更新的将按规则清退出库：${p.link}`,
  cycle_clearance_proposed: (p: { year: number; link: string }) =>
    `【江苏省中小企业梯度培育平台】贵企业未按期完成${p.year}年度“数据更新”，已被列入拟清退名单。请尽快登录平台提交数据更新，设区市工信部门确认前提交的，不予清退：${p.link}`,
  cycle_cleared: (p: { appealUntil: string; link: string }) =>
    `【江苏省中小企业梯度培育平台】贵企业因未按期更新年度数据已被清退出优质中小企业培育库。如有异议，请于${p.appealUntil}前登录平台提交申诉：${p.link}`,
  cycle_appeal_decided: (p: { outcome: string; link: string }) =>
    `【江苏省中小企业梯度培育平台】贵企业的清退申诉已办结，结果：${p.outcome}。详情请登录平台查看：${p.link}`,
  recognition_announced: (p: { title: string; validTo: string }) =>
    `【江苏省中小企业梯度培育平台】祝贺！贵企业已被公告认定为“${p.title}”，有效期至${p.validTo}。请登录平台“我的认定”查看，并按要求每年完成数据更新。`,
  // A list outcome the enterprise may contest (excluded from a draft list, removed after an upheld objection):
  // no reason by SMS, only the list and the page to read it on.
  list_outcome: (p: { title: string; link: string }) =>
    `【江苏省中小企业梯度培育平台】贵企业在“${p.title}”中的状态有变化（未列入或被移出），请登录平台查看原因及咨询方式：${p.link}`,
  password_reset_by_admin: () =>
    `【江苏省中小企业梯度培育平台】您的登录密码已由系统管理员重置，所有已登录的设备均已退出。请使用管理员告知的新密码登录并尽快修改。`,
  // 系统管理 → 短信 → 发送测试短信: proves the gateway, signature and template map work end to end.
  sms_test: () =>
    `【江苏省中小企业梯度培育平台】这是一条测试短信，收到即表示本平台短信服务配置正确，无需回复。`,
  // The second factor at login (docs/adr/0023-second-factor-and-password-ageing.md).
  login_code: (p: { code: string }) =>
    `【江苏省中小企业梯度培育平台】您正在登录平台，验证码 ${p.code}，5 分钟内有效。请勿将验证码告诉他人；如非本人操作，请立即修改密码。`,
} as const;

export type SmsTemplate = keyof typeof SMS_TEMPLATES;
export type SmsParams<T extends SmsTemplate> = Parameters<(typeof SMS_TEMPLATES)[T]>[0];

/**
 * The named parameters of each template, in the order a provider that takes ordered parameters (Tencent Cloud)
 * receives them unless the template map says otherwise. Checked against SMS_TEMPLATES by the type below.
 */
export const SMS_TEMPLATE_PARAMS = {
  register_code: ['code'],
  reset_password_code: ['code'],
  change_mobile_code: ['code'],
  username_reminder: ['username'],
  password_changed: [],
  filing_returned: ['kind', 'link'],
  filing_approved: ['kind', 'link'],
  filing_refused: ['kind', 'link'],
  filing_transferred: ['kind', 'link'],
  review_digest: ['arrived', 'pending'],
  cycle_update_reminder: ['year', 'deadline', 'link'],
  cycle_clearance_proposed: ['year', 'link'],
  cycle_cleared: ['appealUntil', 'link'],
  cycle_appeal_decided: ['outcome', 'link'],
  recognition_announced: ['title', 'validTo'],
  list_outcome: ['title', 'link'],
  password_reset_by_admin: [],
  sms_test: [],
  login_code: ['code'],
} as const satisfies { [K in SmsTemplate]: readonly ParamName<K>[] };

type ParamName<K extends SmsTemplate> =
  SmsParams<K> extends undefined ? never : keyof NonNullable<SmsParams<K>>;

export const SMS_TEMPLATE_KEYS = Object.keys(SMS_TEMPLATES) as SmsTemplate[];

/** Templates whose parameters are secrets (verification codes): never stored or logged in clear. */
export const SECRET_SMS_TEMPLATES: readonly SmsTemplate[] = [
  'register_code',
  'reset_password_code',
  'change_mobile_code',
  'login_code',
];

/** The Chinese reference wording of a message (what the outbox and the admin page show). */
export function renderSms(template: SmsTemplate, params: Record<string, unknown> | undefined): string {
  const render = SMS_TEMPLATES[template] as (p: Record<string, unknown> | undefined) => string;
  return render(params);
}

/** Options of one send. Callers without options (verification codes, tests) send at once, with one retry. */
export interface SmsSendOptions {
  /** Sent by a job: the message row follows the job across its attempts (sms-sender.ts). */
  job?: { id: number; attempt: number; maxAttempts: number };
  /** Sends after the first retryable failure, at once (default 1; 0 for a job, which retries by itself). */
  retries?: number;
  /** Recorded with the message (e.g. 'test' for the administrator's test message). */
  purpose?: string;
}

export interface SmsSendResult {
  /** Our message id (sms_messages.id); null when nothing is recorded. */
  messageId: number | null;
  /** The gateway's request id (Aliyun RequestId/BizId, Tencent SerialNo, the HTTP gateway's id). */
  requestId: string | null;
}

/** What every caller uses (`ctx.sms`): throws SmsDeliveryError when the message could not be handed over. */
export interface SmsProvider {
  send<T extends SmsTemplate>(
    mobile: string,
    template: T,
    params: SmsParams<T>,
    opts?: SmsSendOptions,
  ): Promise<SmsSendResult>;
}

export type SmsProviderName = 'outbox' | 'aliyun' | 'tencent' | 'http';

/** One message as a gateway receives it. */
export interface SmsMessage {
  /** Our id, passed on where the gateway keeps it (Aliyun OutId, Tencent SessionContext, HTTP body). */
  id: number | null;
  mobile: string;
  template: SmsTemplate;
  params: Record<string, string | number>;
  /** The Chinese reference wording (what a free-text gateway sends). */
  body: string;
}

/** A transport to one SMS service: hands one message over, or throws SmsDeliveryError. */
export interface SmsGateway {
  readonly name: SmsProviderName;
  deliver(msg: SmsMessage): Promise<{ requestId: string | null; code: string }>;
}

/**
 * A failed hand-over. `retryable`: network errors, timeouts, throttling, the provider's own faults — trying
 * again later can succeed. Otherwise permanent: an invalid number, a template or signature not approved or not
 * mapped, bad credentials — trying again sends nothing and may cost money.
 */
export class SmsDeliveryError extends Error {
  constructor(
    readonly retryable: boolean,
    /** The provider's code (isv.BUSINESS_LIMIT_CONTROL, LimitExceeded.…, HTTP_503, NETWORK, TIMEOUT …). */
    readonly code: string,
    message: string,
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'SmsDeliveryError';
  }
}

/** The development default: messages go to the `sms_outbox` table, which the developer page and tests read. */
export class OutboxSmsProvider implements SmsGateway {
  readonly name = 'outbox' as const;
  constructor(private readonly db: Db) {}

  async deliver(msg: SmsMessage): Promise<{ requestId: string | null; code: string }> {
    const [row] = await this.db
      .insert(smsOutbox)
      .values({ mobile: msg.mobile, template: msg.template, body: msg.body })
      .returning({ id: smsOutbox.id });
    return { requestId: `outbox-${row!.id}`, code: 'OK' };
  }
}
