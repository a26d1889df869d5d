/**
 * The account API contract (issue: platform foundation and enterprise accounts), shared by the server's
 * routes and the web app's forms, so both give the same Chinese message for the same mistake.
 *
 * Endpoints (all JSON unless noted; every state-changing request sends the `x-csrf-token` header):
 *   GET  /api/v1/auth/session                    → SessionResponse (also sets the CSRF cookie)
 *   GET  /api/v1/captcha                         → CaptchaResponse
 *   POST /api/v1/auth/register/sms-code          RegisterSmsRequest → SmsSentResponse
 *        (validates the whole form + captcha first; fieldErrors name every field that blocks sending)
 *   POST /api/v1/auth/register  (multipart)      RegisterFields + smsCode + file "licence" → 201 SessionResponse
 *   POST /api/v1/auth/login                      LoginRequest → SessionResponse
 *        (code CAPTCHA_REQUIRED once a captcha is needed; ACCOUNT_LOCKED after 5 failures in a row)
 *   POST /api/v1/auth/logout                     → 204
 *   POST /api/v1/auth/recover-username           RecoverUsernameRequest → MessageResponse (same answer either way)
 *   POST /api/v1/auth/password-reset/sms-code    ResetSmsRequest → MessageResponse (same answer either way)
 *   POST /api/v1/auth/password-reset             ResetPasswordRequest → MessageResponse
 *   POST /api/v1/account/password                ChangePasswordRequest → SessionResponse
 *   POST /api/v1/account/mobile/sms-code         ChangeMobileSmsRequest → SmsSentResponse
 *   POST /api/v1/account/mobile                  ChangeMobileRequest → SessionResponse
 *   GET  /api/v1/dev/sms-outbox?mobile=          → OutboxResponse   (development and test modes only)
 *   GET  /api/v1/test/captcha/:id                → { answer }       (test mode only)
 */
import { ROLES } from '../permissions';
import {
  captchaAnswer,
  enterpriseUscc,
  mobile,
  password,
  passwordNotFromUsername,
  smsCode,
  text,
  toHalfWidth,
  username,
} from './fields';
import { z } from './zod';

export const CaptchaResponse = z.object({ captchaId: z.string(), svg: z.string() });
export type CaptchaResponse = z.infer<typeof CaptchaResponse>;

const captcha = {
  captchaId: z.string({ error: '请刷新图形验证码' }).uuid('请刷新图形验证码'),
  captchaAnswer,
};

const passwordPair = {
  password,
  passwordConfirm: z.string({ error: '请再次输入密码' }).min(1, '请再次输入密码'),
};

function samePasswords<T extends { password: string; passwordConfirm: string }>(
  v: T,
  ctx: z.RefinementCtx,
): void {
  if (v.password !== v.passwordConfirm) {
    ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: '两次输入的密码不一致，请重新输入' });
  }
}

function samePasswordsNotFromUsername(
  v: { password: string; passwordConfirm: string; username: string },
  ctx: z.RefinementCtx,
): void {
  samePasswords(v, ctx);
  passwordNotFromUsername(v, ctx);
}

/** The registration form's own fields (besides captcha, SMS code and the licence file). */
export const RegisterFieldsShape = {
  username,
  ...passwordPair,
  enterpriseName: text('企业名称', 100),
  uscc: enterpriseUscc,
  contactName: text('联系人姓名', 30),
  contactMobile: mobile,
};
export const RegisterFields = z.object(RegisterFieldsShape).superRefine(samePasswordsNotFromUsername);
export type RegisterFields = z.input<typeof RegisterFields>;

export const RegisterSmsRequest = z
  .object({ ...RegisterFieldsShape, ...captcha })
  .superRefine(samePasswordsNotFromUsername);
export type RegisterSmsRequest = z.input<typeof RegisterSmsRequest>;

export const RegisterRequest = z
  .object({ ...RegisterFieldsShape, smsCode })
  .superRefine(samePasswordsNotFromUsername);
export type RegisterRequest = z.input<typeof RegisterRequest>;

/** Registration: is this credit code registered already? Asked when the field loses focus, before any captcha. */
export const UsccCheckRequest = z.object({ uscc: enterpriseUscc });
export type UsccCheckRequest = z.input<typeof UsccCheckRequest>;
export const UsccCheckResponse = z.object({
  /** Whether an account exists for the enterprise with this code: nothing else about it is told. */
  registered: z.boolean(),
  /** What to do when registered (the username-recovery path); absent otherwise. */
  message: z.string().optional(),
});
export type UsccCheckResponse = z.infer<typeof UsccCheckResponse>;

export const SmsSentResponse = z.object({
  /** The masked mobile the code went to, e.g. 138****5678. */
  sentTo: z.string(),
  /** Seconds before another code may be requested. */
  resendAfterSeconds: z.number().int(),
  message: z.string(),
});
export type SmsSentResponse = z.infer<typeof SmsSentResponse>;

export const LoginRequest = z.object({
  username: z.string({ error: '请输入用户名' }).trim().min(1, '请输入用户名').max(64, '用户名不正确'),
  password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(128, '密码不正确'),
  captchaId: z.string().uuid().optional(),
  captchaAnswer: z.string().max(10).optional(),
});
export type LoginRequest = z.input<typeof LoginRequest>;

export const RecoverUsernameRequest = z.object({ uscc: enterpriseUscc, mobile, ...captcha });
export type RecoverUsernameRequest = z.input<typeof RecoverUsernameRequest>;

export const ResetSmsRequest = z.object({ username, ...captcha });
export type ResetSmsRequest = z.input<typeof ResetSmsRequest>;

export const ResetPasswordRequest = z
  .object({ username, smsCode, ...passwordPair })
  .superRefine(samePasswordsNotFromUsername);
export type ResetPasswordRequest = z.input<typeof ResetPasswordRequest>;

export const ChangePasswordRequest = z
  .object({
    currentPassword: z.string({ error: '请输入当前密码' }).min(1, '请输入当前密码'),
    ...passwordPair,
  })
  .superRefine(samePasswords);
export type ChangePasswordRequest = z.input<typeof ChangePasswordRequest>;

export const ChangeMobileSmsRequest = z.object({ mobile, ...captcha });
export type ChangeMobileSmsRequest = z.input<typeof ChangeMobileSmsRequest>;

export const ChangeMobileRequest = z.object({ mobile, smsCode });
export type ChangeMobileRequest = z.input<typeof ChangeMobileRequest>;

/** A 6-digit code of the second factor at login (from the SMS or the authenticator app). */
export const otpCode = z
  .string({ error: '请输入 6 位验证码' })
  .transform(toHalfWidth)
  .pipe(
    z
      .string()
      .trim()
      .min(1, '请输入 6 位验证码')
      .regex(/^\d{6}$/, '验证码为 6 位数字'),
  );

export const SECOND_FACTOR_METHODS = ['totp', 'sms'] as const;
export type SecondFactorMethod = (typeof SECOND_FACTOR_METHODS)[number];

const loginToken = z
  .string({ error: '登录步骤已超时，请重新输入用户名和密码' })
  .regex(/^[A-Za-z0-9_-]{20,100}$/, '登录步骤已超时，请重新输入用户名和密码');

/** Login step 2: send the SMS code of the second factor to the registered mobile. */
export const LoginSmsRequest = z.object({ token: loginToken });
export type LoginSmsRequest = z.input<typeof LoginSmsRequest>;

/** Login step 2: the code of the chosen second factor. */
export const LoginSecondFactorRequest = z.object({
  token: loginToken,
  method: z.enum(SECOND_FACTOR_METHODS, { error: '请选择验证方式（短信验证码或身份验证器）' }),
  code: otpCode,
});
export type LoginSecondFactorRequest = z.input<typeof LoginSecondFactorRequest>;

/** Account settings: a new authenticator secret (the current password proves the person at the keyboard). */
export const TotpSetupRequest = z.object({
  currentPassword: z.string({ error: '请输入当前密码' }).min(1, '请输入当前密码').max(128, '密码不正确'),
});
export type TotpSetupRequest = z.input<typeof TotpSetupRequest>;

/** The new secret, shown this once (QR code and text); it is never returned again. */
export const TotpSetupResponse = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  /** data:image/png;base64,… of the otpauth:// URI. */
  qrDataUrl: z.string(),
});
export type TotpSetupResponse = z.infer<typeof TotpSetupResponse>;

export const TotpConfirmRequest = z.object({ code: otpCode });
export type TotpConfirmRequest = z.input<typeof TotpConfirmRequest>;

export const MessageResponse = z.object({ message: z.string() });
export type MessageResponse = z.infer<typeof MessageResponse>;

export const RoleSchema = z.enum(ROLES);

export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  roleLabel: z.string(),
  regionCode: z.string().nullable(),
  /** e.g. 苏州市昆山市 */
  regionName: z.string().nullable(),
  enterprise: z
    .object({
      id: z.string(),
      name: z.string(),
      uscc: z.string(),
      contactName: z.string(),
      contactMobileMasked: z.string(),
    })
    .nullable(),
  /**
   * Set for an account an administrator created or whose password an administrator reset: until the user
   * changes the password, every API except the session, changing the password and logging out answers 403
   * PASSWORD_CHANGE_REQUIRED, and the web app shows only the change-password page.
   */
  mustChangePassword: z.boolean(),
  /** The password is older than the maximum age: it must be changed before anything else (403 PASSWORD_EXPIRED). */
  passwordExpired: z.boolean(),
  /** When the password expires (null: passwords do not expire). */
  passwordExpiresAt: z.string().nullable(),
  /** Days left, set in the last 7 days before the expiry (the warning shown after login). */
  passwordExpiryWarningDays: z.number().int().nullable(),
  secondFactor: z.object({
    /** An authenticator app is enrolled (asked at every login). */
    totpEnabled: z.boolean(),
    /** The platform's policy asks this account for a second factor at login. */
    required: z.boolean(),
  }),
});
export type UserView = z.infer<typeof UserView>;

export const SessionResponse = z.object({
  user: UserView.nullable(),
  csrfToken: z.string(),
  mode: z.enum(['development', 'production', 'test']),
  /** Show the 演示环境 banner. */
  demo: z.boolean(),
  limits: z.object({ licenceMaxBytes: z.number().int(), attachmentMaxBytes: z.number().int() }),
  sessionIdleMinutes: z.number().int(),
  /**
   * Login step 1 succeeded but a second factor is awaited (user stays null, no session yet): send `token` with
   * the code to POST /api/v1/auth/login/second-factor within `expiresInSeconds`.
   */
  secondFactor: z
    .object({
      token: z.string(),
      methods: z.array(z.enum(SECOND_FACTOR_METHODS)),
      /** The registered mobile, masked (when SMS is offered). */
      mobileMasked: z.string().nullable(),
      expiresInSeconds: z.number().int(),
    })
    .optional(),
});
export type SessionResponse = z.infer<typeof SessionResponse>;

export const OutboxResponse = z.object({
  messages: z.array(
    z.object({ id: z.number(), mobile: z.string(), body: z.string(), createdAt: z.string() }),
  ),
});
export type OutboxResponse = z.infer<typeof OutboxResponse>;
