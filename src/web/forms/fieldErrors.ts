/**
 * Server (and client-side Zod) field errors → antd Form. `fieldErrors` maps a dotted path
 * ("contactMobile", "products.0.name") to the message shown beside that field.
 */
import type { FormInstance } from 'antd';
import type { FieldErrors } from '../../shared/errors';
import { ApiError } from '../api/client';

export type NamePathSegment = string | number;

/** "products.0.name" → ["products", 0, "name"]. */
export function toNamePath(key: string): NamePathSegment[] {
  return key.split('.').map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
}

export interface FieldErrorPlan {
  /** Errors that belong to a field present in the form. */
  fields: { name: NamePathSegment[]; errors: string[] }[];
  /** Errors for fields the form does not show (the caller puts them in an Alert). */
  unplaced: FieldErrors;
}

/**
 * Decides where each message goes. `registered` are the form's field paths joined with "."; `aliases` send
 * a hidden field's error to a visible one (captchaId → captchaAnswer). One message per field: the first.
 */
export function planFieldErrors(
  fieldErrors: FieldErrors,
  registered: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): FieldErrorPlan {
  const known = new Set(registered);
  const seen = new Set<string>();
  const fields: FieldErrorPlan['fields'] = [];
  const unplaced: FieldErrors = {};
  for (const [rawKey, message] of Object.entries(fieldErrors)) {
    const key = aliases[rawKey] ?? rawKey;
    if (known.has(key)) {
      if (seen.has(key)) continue;
      seen.add(key);
      fields.push({ name: toNamePath(key), errors: [message] });
    } else if (!(key in unplaced)) {
      unplaced[key] = message;
    }
  }
  return { fields, unplaced };
}

/** The usual aliases: hidden captchaId errors show at the captcha input. */
export const DEFAULT_FIELD_ALIASES: Readonly<Record<string, string>> = { captchaId: 'captchaAnswer' };

/**
 * Shows every field error next to its field (form.setFields) and returns the ones no field could show.
 * Accepts an ApiError, a fieldErrors map, or anything else (then nothing is applied).
 */
export function applyFieldErrors(
  form: FormInstance,
  source: ApiError | FieldErrors | unknown,
  aliases: Readonly<Record<string, string>> = DEFAULT_FIELD_ALIASES,
): FieldErrors {
  const fieldErrors: FieldErrors =
    source instanceof ApiError ? source.fieldErrors : isFieldErrors(source) ? source : {};
  const registered = form.getFieldsError().map((f) => f.name.map(String).join('.'));
  const plan = planFieldErrors(fieldErrors, registered, aliases);
  if (plan.fields.length > 0) form.setFields(plan.fields);
  return plan.unplaced;
}

function isFieldErrors(v: unknown): v is FieldErrors {
  return (
    !!v &&
    typeof v === 'object' &&
    !(v instanceof Error) &&
    Object.values(v).every((x) => typeof x === 'string')
  );
}

/**
 * Labels of the fields with errors, in form order, without duplicates — for summaries such as
 * "以下信息需修正后才能获取验证码：用户名、联系手机".
 */
export function erroredLabels(fieldErrors: FieldErrors, labels: Readonly<Record<string, string>>): string[] {
  const order = Object.keys(labels);
  const keys = Object.keys(fieldErrors).sort((a, b) => rank(order, a) - rank(order, b));
  const out: string[] = [];
  for (const key of keys) {
    const label = labels[key] ?? labels[key.split('.')[0] ?? ''] ?? (key === '_' ? '其他信息' : key);
    if (!out.includes(label)) out.push(label);
  }
  return out;
}

function rank(order: string[], key: string): number {
  const i = order.indexOf(key.split('.')[0] ?? key);
  return i < 0 ? order.length : i;
}
