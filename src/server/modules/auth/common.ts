import { eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { AppError, REASONS, type FieldErrors } from '../../../shared/errors';
import type { AppConfig } from '../../config';
import type { DbOrTx } from '../../db/client';
import { enterprises, users } from '../../db/schema';

/** Chinese labels of the account forms' fields, for messages that name the fields to fix. */
export const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  password: '密码',
  passwordConfirm: '确认密码',
  currentPassword: '当前密码',
  enterpriseName: '企业名称',
  uscc: '统一社会信用代码',
  contactName: '联系人姓名',
  contactMobile: '联系手机',
  mobile: '手机号码',
  captchaId: '图形验证码',
  captchaAnswer: '图形验证码',
  smsCode: '短信验证码',
  licence: '营业执照',
};

/** "用户名、统一社会信用代码" for the fields in `fieldErrors`, in form order, each once. */
export function fieldList(fieldErrors: FieldErrors): string {
  const labels = Object.keys(fieldErrors).map((k) => FIELD_LABELS[k.split('.')[0] ?? ''] ?? '其他信息');
  return [...new Set(labels)].join('、');
}

export const USCC_TAKEN = REASONS.USCC_TAKEN.message;
export const USERNAME_TAKEN = REASONS.USERNAME_TAKEN.message;

export async function findUserByUsername(tx: DbOrTx, username: string) {
  const rows = await tx
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`)
    .limit(1);
  return rows[0];
}

export async function usernameTaken(tx: DbOrTx, username: string): Promise<boolean> {
  return (await findUserByUsername(tx, username)) !== undefined;
}

export async function usccRegistered(tx: DbOrTx, uscc: string): Promise<boolean> {
  const rows = await tx
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(eq(enterprises.uscc, uscc))
    .limit(1);
  return rows.length > 0;
}
export { uniqueViolation } from '../../db/errors';

export function userAgentOf(request: FastifyRequest): string {
  return String(request.headers['user-agent'] ?? '').slice(0, 300);
}

/**
 * Per-IP route limits (@fastify/rate-limit, counted in the database for every process) in front of the SMS limits.
 * `max` is a number, or read from the configuration of the app serving the request.
 */
function limited(max: number | ((config: AppConfig) => number), what: string) {
  return {
    rateLimit: {
      max: typeof max === 'number' ? max : (request: FastifyRequest) => max(request.server.ctx.config),
      timeWindow: 60_000,
      errorResponseBuilder: (_req: FastifyRequest, ctx: { ttl: number }) =>
        AppError.of('TOO_FREQUENT', { what, seconds: Math.max(1, Math.ceil(ctx.ttl / 1000)) }),
    },
  };
}
export const LOGIN_RATE_LIMIT = limited((config) => config.loginLimitPerMinute, '登录尝试');
export const SMS_RATE_LIMIT = limited(20, '获取短信或提交验证码');
/** The credit-code check on blur answers only registered or not, and only 10 times a minute per address (ADR 0029). */
export const USCC_CHECK_RATE_LIMIT = limited(10, '查询统一社会信用代码');
