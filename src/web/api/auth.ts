/** Typed calls of the account API (src/shared/schemas/auth.ts is the contract). */
import type {
  CaptchaResponse,
  ChangeMobileRequest,
  ChangeMobileSmsRequest,
  ChangePasswordRequest,
  LoginRequest,
  LoginSecondFactorRequest,
  LoginSmsRequest,
  MessageResponse,
  OutboxResponse,
  RecoverUsernameRequest,
  RegisterSmsRequest,
  ResetPasswordRequest,
  ResetSmsRequest,
  SessionResponse,
  SmsSentResponse,
  TotpConfirmRequest,
  TotpSetupRequest,
  TotpSetupResponse,
  UsccCheckRequest,
  UsccCheckResponse,
} from '../../shared/schemas/auth';
import { apiGet, apiPost, apiPostForm } from './client';

export const authApi = {
  session: () => apiGet<SessionResponse>('/api/v1/auth/session', { skipAuthRedirect: true }),
  captcha: () => apiGet<CaptchaResponse>('/api/v1/captcha', { skipAuthRedirect: true }),
  registerSmsCode: (body: RegisterSmsRequest) =>
    apiPost<SmsSentResponse>('/api/v1/auth/register/sms-code', body, { skipAuthRedirect: true }),
  usccCheck: (body: UsccCheckRequest) =>
    apiPost<UsccCheckResponse>('/api/v1/auth/register/uscc-check', body, { skipAuthRedirect: true }),
  /** multipart: the RegisterRequest fields + file "licence". */
  register: (form: FormData) =>
    apiPostForm<SessionResponse>('/api/v1/auth/register', form, { skipAuthRedirect: true }),
  login: (body: LoginRequest) =>
    apiPost<SessionResponse>('/api/v1/auth/login', body, { skipAuthRedirect: true }),
  loginSmsCode: (body: LoginSmsRequest) =>
    apiPost<SmsSentResponse>('/api/v1/auth/login/sms-code', body, { skipAuthRedirect: true }),
  loginSecondFactor: (body: LoginSecondFactorRequest) =>
    apiPost<SessionResponse>('/api/v1/auth/login/second-factor', body, { skipAuthRedirect: true }),
  totpSetup: (body: TotpSetupRequest) => apiPost<TotpSetupResponse>('/api/v1/account/totp/setup', body),
  totpConfirm: (body: TotpConfirmRequest) => apiPost<SessionResponse>('/api/v1/account/totp/confirm', body),
  logout: () => apiPost<void>('/api/v1/auth/logout', undefined, { skipAuthRedirect: true }),
  recoverUsername: (body: RecoverUsernameRequest) =>
    apiPost<MessageResponse>('/api/v1/auth/recover-username', body, { skipAuthRedirect: true }),
  resetSmsCode: (body: ResetSmsRequest) =>
    apiPost<MessageResponse>('/api/v1/auth/password-reset/sms-code', body, { skipAuthRedirect: true }),
  resetPassword: (body: ResetPasswordRequest) =>
    apiPost<MessageResponse>('/api/v1/auth/password-reset', body, { skipAuthRedirect: true }),
  changePassword: (body: ChangePasswordRequest) => apiPost<SessionResponse>('/api/v1/account/password', body),
  changeMobileSmsCode: (body: ChangeMobileSmsRequest) =>
    apiPost<SmsSentResponse>('/api/v1/account/mobile/sms-code', body),
  changeMobile: (body: ChangeMobileRequest) => apiPost<SessionResponse>('/api/v1/account/mobile', body),
  smsOutbox: (mobile?: string) =>
    apiGet<OutboxResponse>('/api/v1/dev/sms-outbox', { query: { mobile }, skipAuthRedirect: true }),
};
