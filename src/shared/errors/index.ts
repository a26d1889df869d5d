/**
 * One error catalogue (architecture.md): stable codes, each with an HTTP status and a default message in
 * Chinese written for the person at the keyboard. Responses use one envelope:
 * `{ code, message, fieldErrors, requestId }`, where `fieldErrors` maps a field path ("contact.mobile",
 * "products.0.name") to the message shown beside that field.
 */
import { REASONS, renderReason, type ReasonCode, type ReasonParams } from './codes';

export { REASONS, type ReasonCode } from './codes';

export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: '提交的信息有误，请按标红字段的提示修改后重试。' },
  BAD_REQUEST: { status: 400, message: '请求格式不正确，请刷新页面后重试。' },
  UNAUTHENTICATED: { status: 401, message: '登录已过期或尚未登录，请重新登录。' },
  CSRF_FAILED: { status: 403, message: '页面已过期，请刷新页面后重试。' },
  FORBIDDEN: { status: 403, message: '您没有执行此操作的权限。' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '首次登录或密码被重置后，请先修改密码。' },
  PASSWORD_EXPIRED: { status: 403, message: '密码已过有效期，请先修改密码后再继续使用。' },
  SECOND_FACTOR_UNAVAILABLE: {
    status: 403,
    message:
      '该账号登录须使用第二因素（短信验证码或身份验证器），但尚未登记手机号或身份验证器。请联系安全管理员登记手机号后再登录。',
  },
  SECOND_FACTOR_INVALID: { status: 401, message: '验证码不正确，请核对后重新输入。' },
  LOGIN_STEP_EXPIRED: { status: 401, message: '登录步骤已超时（5 分钟），请重新输入用户名和密码。' },
  NOT_FOUND: { status: 404, message: '未找到该记录，或您无权查看。' },
  CONFLICT: { status: 409, message: '数据已被他人修改，请核对后重试。' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '上传的内容过大，请压缩或拆分后重试。' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的请求格式，请刷新页面后重试。' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试。' },
  ACCOUNT_LOCKED: {
    status: 423,
    message:
      '从当前网络连续登录失败次数过多，账号已锁定 15 分钟（仅限当前网络），请稍后再试或通过“忘记密码”重置。',
  },
  INVALID_CREDENTIALS: { status: 401, message: '用户名或密码错误。' },
  CAPTCHA_REQUIRED: { status: 400, message: '请输入图形验证码。' },
  WINDOW_CLOSED: { status: 409, message: '当前不在填报时间内，请留意工信部门的通知。' },
  APPEAL_WINDOW_CLOSED: {
    status: 409,
    message:
      '清退申诉期限已过，不能再提出申诉；如有疑问，请联系所在设区市工信部门，或在以后年度批次通过“新增入库”重新申请入库。',
  },
  CLEARANCE_PROPOSAL_EXPIRED: {
    status: 409,
    message: '该拟清退建议已超过有效期，已失效，不能再确认清退。',
  },
  INVALID_STATE: { status: 409, message: '当前状态下不能执行此操作，请刷新页面查看最新状态。' },
  SERVICE_UNAVAILABLE: { status: 503, message: '系统正在启动或维护，请稍后再试。' },
  SMS_UNAVAILABLE: { status: 503, message: '短信服务暂不可用，请稍后再试。' },
  INTERNAL: { status: 500, message: '系统出现错误，请稍后再试；如多次出现，请联系技术支持并提供请求编号。' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** The details a reason's template needs (any others are kept for logs and the audit). */
type ReasonArgs<R extends ReasonCode> = [ReasonParams<R>] extends [never]
  ? [details?: Record<string, unknown>, fieldErrors?: FieldErrors]
  : [details: Record<ReasonParams<R>, string | number> & Record<string, unknown>, fieldErrors?: FieldErrors];

export type FieldErrors = Record<string, string>;

export interface ErrorEnvelope {
  code: ErrorCode;
  message: string;
  fieldErrors: FieldErrors;
  requestId: string;
}

/** A failure the caller can act on. Thrown by services; the server's error handler renders the envelope. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fieldErrors: FieldErrors;
  readonly details: Record<string, unknown> | undefined;
  /** The reason code (REASONS), or the envelope code when the error was made from a bare code. */
  readonly reason: ReasonCode | ErrorCode;

  constructor(
    code: ErrorCode,
    message?: string,
    fieldErrors: FieldErrors = {},
    details?: Record<string, unknown>,
  ) {
    super(message ?? ERRORS[code].message);
    this.name = 'AppError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.fieldErrors = fieldErrors;
    this.details = details;
    this.reason = code;
  }

  /** The error of a catalogued reason: its envelope code, and its message filled from the details. */
  static of<R extends ReasonCode>(reason: R, ...[details, fieldErrors]: ReasonArgs<R>): AppError {
    // Typed so that every reason must name an envelope code of ERRORS.
    const entry: { code: ErrorCode; message: string } = REASONS[reason];
    const e = new AppError(entry.code, renderReason(entry.message, details), fieldErrors ?? {}, details);
    (e as { reason: ReasonCode | ErrorCode }).reason = reason;
    return e;
  }

  /** Shows the message beside these fields too (the form marks them red with the same text). */
  on(...fields: string[]): this {
    for (const f of fields) this.fieldErrors[f] = this.message;
    return this;
  }
}

/** A validation failure carrying every field's message at once. */
export function fieldError(fieldErrors: FieldErrors, message?: string): AppError {
  return new AppError('VALIDATION_FAILED', message, fieldErrors);
}
