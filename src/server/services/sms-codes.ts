import crypto from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import { AppError } from '../../shared/errors';
import { maskMobile } from '../../shared/pii';
import type { DbOrTx } from '../db/client';
import { smsCodes } from '../db/schema';
import type { AppContext } from '../types';
import { SmsDeliveryError } from './sms';
import { shanghaiDate, shanghaiTime } from '../../shared/time';

export const SMS_CODE_TTL_MS = 5 * 60_000;
export const SMS_CODE_MAX_ATTEMPTS = 5;
export const SMS_RESEND_AFTER_SECONDS = 60;
export const SMS_PER_MOBILE_PER_DAY = 10;
export const SMS_PER_IP_PER_DAY = 30;
const DAY_MS = 24 * 60 * 60_000;

/**
 * Codes are stored as HMAC-SHA256 under a server pepper, bound to the row id, mobile and purpose, so a copy of
 * the table alone does not reveal codes. Every app process must share the pepper (SMS_CODE_PEPPER).
 */
const PEPPER = process.env.SMS_CODE_PEPPER || 'jiangsu-sme-platform/sms-code/v1';

export type SmsCodeTemplate = 'register_code' | 'reset_password_code' | 'change_mobile_code' | 'login_code';

function codeHash(id: string, mobile: string, purpose: string, code: string): string {
  return crypto.createHmac('sha256', PEPPER).update(`${id}\n${mobile}\n${purpose}\n${code}`).digest('hex');
}

/** 6 random digits from the CSPRNG. */
export function randomSmsCode(): string {
  return String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
}

/** "14:05" in China Standard Time (users read Beijing time); "3/25 14:05" with the date. */
export function beijingTime(d: Date, withDate = false): string {
  if (!withDate) return shanghaiTime(d);
  const [, m, day] = shanghaiDate(d).split('-');
  return `${Number(m)}/${Number(day)} ${shanghaiTime(d)}`;
}

/**
 * Sending limits, counted from the sms_codes table so they hold across app processes: one code a minute and ten
 * a day per mobile, thirty a day per IP. Throws RATE_LIMITED with a message saying when to retry.
 */
async function checkLimits(tx: DbOrTx, now: Date, mobile: string, ip: string): Promise<void> {
  const minuteAgo = new Date(now.getTime() - SMS_RESEND_AFTER_SECONDS * 1000);
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const [last] = await tx
    .select({ createdAt: smsCodes.createdAt })
    .from(smsCodes)
    .where(and(eq(smsCodes.mobile, mobile), gt(smsCodes.createdAt, minuteAgo)))
    .orderBy(desc(smsCodes.createdAt))
    .limit(1);
  if (last) {
    const wait = Math.max(
      1,
      Math.ceil((last.createdAt.getTime() + SMS_RESEND_AFTER_SECONDS * 1000 - now.getTime()) / 1000),
    );
    throw AppError.of('SMS_CODE_WAIT', { seconds: wait });
  }
  const mobileDay = await tx
    .select({ createdAt: smsCodes.createdAt })
    .from(smsCodes)
    .where(and(eq(smsCodes.mobile, mobile), gt(smsCodes.createdAt, dayAgo)))
    .orderBy(asc(smsCodes.createdAt))
    .limit(SMS_PER_MOBILE_PER_DAY);
  if (mobileDay.length >= SMS_PER_MOBILE_PER_DAY) {
    const retryAt = new Date(mobileDay[0]!.createdAt.getTime() + DAY_MS);
    throw AppError.of('SMS_CODE_MOBILE_DAILY_LIMIT', {
      limit: SMS_PER_MOBILE_PER_DAY,
      retryAt: beijingTime(retryAt, true),
    });
  }
  const ipDay = await tx
    .select({ createdAt: smsCodes.createdAt })
    .from(smsCodes)
    .where(and(eq(smsCodes.ip, ip), gt(smsCodes.createdAt, dayAgo)))
    .orderBy(asc(smsCodes.createdAt))
    .limit(SMS_PER_IP_PER_DAY);
  if (ipDay.length >= SMS_PER_IP_PER_DAY) {
    const retryAt = new Date(ipDay[0]!.createdAt.getTime() + DAY_MS);
    throw AppError.of('SMS_CODE_NETWORK_DAILY_LIMIT', { retryAt: beijingTime(retryAt, true) });
  }
}

export interface IssuedCode {
  sentTo: string;
  resendAfterSeconds: number;
  message: string;
}

/**
 * Issues a 6-digit code for (mobile, purpose) and sends it. The limit check and the insert run under a
 * per-mobile advisory lock, so two processes cannot both pass the one-a-minute check. Older live codes for the
 * same purpose are retired: only the newest code works.
 */
export async function issueSmsCode(
  ctx: AppContext,
  opts: { mobile: string; purpose: string; template: SmsCodeTemplate; ip: string },
): Promise<IssuedCode> {
  const now = ctx.clock.now();
  const code = randomSmsCode();
  const id = crypto.randomUUID();
  const retired = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sms:${opts.mobile}`}))`);
    await checkLimits(tx, now, opts.mobile, opts.ip);
    const older = await tx
      .update(smsCodes)
      .set({ consumedAt: now })
      .where(
        and(
          eq(smsCodes.mobile, opts.mobile),
          eq(smsCodes.purpose, opts.purpose),
          isNull(smsCodes.consumedAt),
        ),
      )
      .returning({ id: smsCodes.id });
    await tx.insert(smsCodes).values({
      id,
      mobile: opts.mobile,
      purpose: opts.purpose,
      codeHash: codeHash(id, opts.mobile, opts.purpose, code),
      expiresAt: new Date(now.getTime() + SMS_CODE_TTL_MS),
      ip: opts.ip,
      createdAt: now,
    });
    return older.map((r) => r.id);
  });
  try {
    await ctx.sms.send(opts.mobile, opts.template, { code });
  } catch (err) {
    if (!(err instanceof SmsDeliveryError)) throw err;
    await withdrawCode(ctx, id, retired, now);
    throw new AppError('SMS_UNAVAILABLE');
  }
  const sentTo = maskMobile(opts.mobile);
  return {
    sentTo,
    resendAfterSeconds: SMS_RESEND_AFTER_SECONDS,
    message: `短信验证码已发送至 ${sentTo}，5 分钟内有效。`,
  };
}

/**
 * A code the gateway did not take: its row goes (so it counts against no limit: the person may ask again at
 * once) and the codes it retired live again (the newest code the person received still works).
 */
async function withdrawCode(ctx: AppContext, id: string, retired: string[], retiredAt: Date): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.delete(smsCodes).where(eq(smsCodes.id, id));
    if (retired.length > 0) {
      await tx
        .update(smsCodes)
        .set({ consumedAt: null })
        .where(and(inArray(smsCodes.id, retired), eq(smsCodes.consumedAt, retiredAt)));
    }
  });
}

export const SMS_CODE_MESSAGES = {
  missing: '短信验证码已失效或未获取，请重新获取短信验证码',
  expired: '短信验证码已过期（有效期 5 分钟），请重新获取',
  dead: `短信验证码已输错 ${SMS_CODE_MAX_ATTEMPTS} 次，该验证码已失效，请重新获取`,
  used: '短信验证码已使用，请重新获取',
  wrong: (left: number) => `短信验证码不正确，还可再试 ${left} 次`,
} as const;

/**
 * Checks a code for (mobile, purpose) against the newest live code. Each check counts as a try, recorded
 * outside any business transaction so a rollback cannot undo it; after 5 tries the code is dead.
 * Returns the code's id (to consume inside the business transaction) or a field message.
 */
export async function checkSmsCode(
  ctx: AppContext,
  opts: { mobile: string; purpose: string; code: string },
): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .select()
    .from(smsCodes)
    .where(
      and(eq(smsCodes.mobile, opts.mobile), eq(smsCodes.purpose, opts.purpose), isNull(smsCodes.consumedAt)),
    )
    .orderBy(desc(smsCodes.createdAt))
    .limit(1);
  if (!row) return { ok: false, message: SMS_CODE_MESSAGES.missing };
  if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, message: SMS_CODE_MESSAGES.expired };
  const tried = await ctx.db
    .update(smsCodes)
    .set({ attempts: sql`${smsCodes.attempts} + 1` })
    .where(
      and(eq(smsCodes.id, row.id), lt(smsCodes.attempts, SMS_CODE_MAX_ATTEMPTS), isNull(smsCodes.consumedAt)),
    )
    .returning({ attempts: smsCodes.attempts });
  const attempts = tried[0]?.attempts;
  if (attempts === undefined) return { ok: false, message: SMS_CODE_MESSAGES.dead };
  const expected = Buffer.from(row.codeHash, 'hex');
  const actual = Buffer.from(codeHash(row.id, opts.mobile, opts.purpose, opts.code), 'hex');
  if (expected.length === actual.length && crypto.timingSafeEqual(expected, actual))
    return { ok: true, id: row.id };
  const left = SMS_CODE_MAX_ATTEMPTS - attempts;
  return { ok: false, message: left > 0 ? SMS_CODE_MESSAGES.wrong(left) : SMS_CODE_MESSAGES.dead };
}

/** Marks a checked code used, inside the business transaction; a code can be used once only. */
export async function consumeSmsCode(tx: DbOrTx, id: string, now: Date): Promise<void> {
  const rows = await tx
    .update(smsCodes)
    .set({ consumedAt: now })
    .where(and(eq(smsCodes.id, id), isNull(smsCodes.consumedAt)))
    .returning({ id: smsCodes.id });
  if (rows.length === 0) {
    throw new AppError('VALIDATION_FAILED', SMS_CODE_MESSAGES.used, { smsCode: SMS_CODE_MESSAGES.used });
  }
}
