import { and, eq, gt, isNull } from 'drizzle-orm';
import svgCaptcha from 'svg-captcha';
import { AppError } from '../../shared/errors';
import { captchas } from '../db/schema';
import type { AppContext } from '../types';

export const CAPTCHA_TTL_MS = 5 * 60_000;

export const CAPTCHA_MESSAGES = {
  wrong: '图形验证码不正确，请看清新的图片后重新输入',
  expired: '图形验证码已失效，请点击图片换一张后重新输入',
  missing: '请输入图形验证码',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Creates an image captcha; the answer is stored lower-cased with a 5-minute expiry. */
export async function createCaptcha(ctx: AppContext): Promise<{ captchaId: string; svg: string }> {
  const c = svgCaptcha.create({ size: 4, noise: 2, color: true, ignoreChars: '0oO1iIlLqg9' });
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .insert(captchas)
    .values({
      answer: c.text.toLowerCase(),
      expiresAt: new Date(now.getTime() + CAPTCHA_TTL_MS),
      createdAt: now,
    })
    .returning({ id: captchas.id });
  return { captchaId: row!.id, svg: c.data };
}

export type CaptchaResult = 'ok' | 'wrong' | 'expired';

/**
 * Checks an answer and burns the captcha whatever the outcome (single use: a wrong answer needs a new image).
 * The burn is one atomic UPDATE, so two concurrent requests cannot both use one captcha.
 */
export async function checkCaptcha(
  ctx: AppContext,
  captchaId: string,
  answer: string,
): Promise<CaptchaResult> {
  if (!UUID.test(captchaId)) return 'expired';
  const now = ctx.clock.now();
  const rows = await ctx.db
    .update(captchas)
    .set({ usedAt: now })
    .where(and(eq(captchas.id, captchaId), isNull(captchas.usedAt), gt(captchas.expiresAt, now)))
    .returning({ answer: captchas.answer });
  const row = rows[0];
  if (!row) return 'expired';
  return row.answer === answer.trim().toLowerCase() ? 'ok' : 'wrong';
}

/** The field error for a failed captcha, or null when it was right. */
export function captchaProblem(result: CaptchaResult): string | null {
  if (result === 'ok') return null;
  return result === 'wrong' ? CAPTCHA_MESSAGES.wrong : CAPTCHA_MESSAGES.expired;
}

/** Checks the captcha and throws a validation error (fieldErrors.captchaAnswer) when it fails. */
export async function requireCaptcha(ctx: AppContext, captchaId: string, answer: string): Promise<void> {
  const problem = captchaProblem(await checkCaptcha(ctx, captchaId, answer));
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { captchaAnswer: problem });
}
