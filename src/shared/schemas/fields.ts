import { z } from './zod';
import { validateUscc } from '../rules/uscc';
import { guessablePasswordProblem } from '../rules/password-policy';

/** Full-width ASCII (Ｕ+FF01–FF5E) and the ideographic space to half-width; then trim. */
export function toHalfWidth(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

export const USERNAME_RULE = '用户名为 4–32 位字母、数字或下划线，以字母开头';
export const username = z
  .string({ error: '请输入用户名' })
  .transform(toHalfWidth)
  .pipe(
    z
      .string()
      .min(1, '请输入用户名')
      .regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, USERNAME_RULE),
  );

export const PASSWORD_RULE = '密码至少 8 位，且须包含大写字母、小写字母、数字、符号中的至少三类';
/** Which of the four character classes a password uses. */
export function passwordClasses(pw: string): number {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length;
}
/** Why `pw` may not be chosen (length, character classes, common or derived from `username`), or null. */
export function passwordProblem(pw: string, username?: string | null): string | null {
  if (pw.length < 8) return PASSWORD_RULE;
  if (pw.length > 64) return '密码不能超过 64 位';
  if (passwordClasses(pw) < 3) return PASSWORD_RULE;
  return guessablePasswordProblem(pw, username);
}

/** For a form holding both: the password may not contain the username (checked on `password`). */
export function passwordNotFromUsername(
  v: { password: string; username: string },
  ctx: z.RefinementCtx,
): void {
  const problem = passwordProblem(v.password, v.username);
  if (problem && !passwordProblem(v.password))
    ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
}
export const password = z
  .string({ error: '请输入密码' })
  .min(1, '请输入密码')
  .superRefine((pw, ctx) => {
    const problem = passwordProblem(pw);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const MOBILE_RULE = '请输入 11 位中国大陆手机号码，例如 13812345678';
export const mobile = z
  .string({ error: '请输入手机号码' })
  .transform((s) => toHalfWidth(s).replace(/[\s-]/g, ''))
  .pipe(
    z
      .string()
      .min(1, '请输入手机号码')
      .regex(/^1[3-9]\d{9}$/, MOBILE_RULE),
  );

export const smsCode = z
  .string({ error: '请输入短信验证码' })
  .transform(toHalfWidth)
  .pipe(
    z
      .string()
      .min(1, '请输入短信验证码')
      .regex(/^\d{6}$/, '短信验证码为 6 位数字'),
  );

export const captchaAnswer = z
  .string({ error: '请输入图形验证码' })
  .transform(toHalfWidth)
  .pipe(z.string().min(1, '请输入图形验证码').max(10, '图形验证码不正确'));

/** Plain text without control characters; length-limited. Script fragments are stored as text and escaped on output. */
export function text(label: string, max: number) {
  return (
    z
      .string({ error: `请输入${label}` })
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .transform((s) => s.replace(/[\u0000-\u001f\u007f]/g, '').trim())
      .pipe(z.string().min(1, `请输入${label}`).max(max, `${label}不能超过 ${max} 个字`))
  );
}

/**
 * 统一社会信用代码 of an enterprise: normalised (trim, full-width → half-width, upper case), MOD 31 checked,
 * prefix 91 required (GB 32100-2015; rules.md §5). The output is the normalised code.
 */
export const enterpriseUscc = z.string({ error: '请填写统一社会信用代码' }).transform((s, ctx) => {
  const r = validateUscc(s);
  if (!r.acceptedForFiling) {
    ctx.addIssue({
      code: 'custom',
      message: r.errors[0]?.message ?? '统一社会信用代码不正确，请对照营业执照核对',
    });
    return z.NEVER;
  }
  return r.normalized;
});

/**
 * A calendar day 'YYYY-MM-DD' that exists (2026-02-30 and 2026-13-45 are refused, 2024-02-29 is accepted),
 * so no date mapping downstream ever meets an invalid time value.
 */
export function calendarDay(label: string, example = '2023-03-01') {
  const rule = `${label}请按“年-月-日”填写真实存在的日期，例如 ${example}`;
  return z.string({ error: `请填写${label}` }).pipe(z.iso.date({ error: rule }));
}
