/**
 * Zod → antd Form: the browser validates with the SAME schemas as the server (src/shared/schemas), so both
 * give the same Chinese message for the same mistake.
 */
import type { FormRule } from 'antd';
import type { FieldErrors } from '../../shared/errors';
import { issuesToFieldErrors, z } from '../../shared/schemas/zod';

type AnyObjectSchema = z.ZodObject<z.ZodRawShape>;

/**
 * The message for one field, or null. The field's own schema runs first; then the whole object (for
 * cross-field refinements such as "两次输入的密码不一致"), which Zod only runs when every field is valid.
 */
export function fieldProblem(
  schema: AnyObjectSchema,
  field: string,
  value: unknown,
  allValues: Record<string, unknown> = {},
): string | null {
  const own = schema.shape[field] as z.ZodType | undefined;
  if (own) {
    const r = own.safeParse(value);
    if (!r.success) return r.error.issues[0]?.message ?? '格式不正确';
  }
  const whole = schema.safeParse({ ...allValues, [field]: value });
  if (!whole.success) {
    const issue = whole.error.issues.find((i) => i.path.map(String).join('.') === field);
    if (issue) return issue.message;
  }
  return null;
}

/** An antd rule that validates one field with the shared schema. */
export function zodRule(schema: AnyObjectSchema, field: string): FormRule {
  return (form) => ({
    validator: async (_rule, value: unknown) => {
      const problem = fieldProblem(
        schema,
        field,
        value,
        form.getFieldsValue(true) as Record<string, unknown>,
      );
      if (problem) throw new Error(problem);
    },
  });
}

/** An antd rule from a single shared field schema (e.g. `captchaAnswer`, `smsCode`). */
export function zodValueRule(schema: z.ZodType): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const r = schema.safeParse(value);
      if (!r.success) throw new Error(r.error.issues[0]?.message ?? '格式不正确');
    },
  };
}

export type ValidationResult<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

/** Validates a whole form with a shared schema: the parsed (normalised) data, or every field's message. */
export function validateWith<S extends z.ZodType>(schema: S, values: unknown): ValidationResult<z.output<S>> {
  const r = schema.safeParse(values);
  if (r.success) return { ok: true, data: r.data };
  return { ok: false, fieldErrors: issuesToFieldErrors(r.error.issues) };
}

/**
 * Message of the shared schemas' password-pair refinement (src/shared/schemas/auth.ts, `samePasswords`).
 * Zod runs that refinement only once every other field is valid, so the confirm field also checks it on its
 * own; tests/unit/web/zod-form.test.ts keeps this text equal to the shared schema's.
 */
export const PASSWORD_MISMATCH = '两次输入的密码不一致，请重新输入';

/** The confirm-password rule: same message as the server, shown as soon as both fields are typed. */
export function samePasswordRule(passwordField = 'password'): FormRule {
  return (form) => ({
    validator: async (_rule, value: unknown) => {
      const pw: unknown = form.getFieldValue(passwordField);
      if (typeof value === 'string' && value !== '' && typeof pw === 'string' && pw !== value) {
        throw new Error(PASSWORD_MISMATCH);
      }
    },
  });
}
