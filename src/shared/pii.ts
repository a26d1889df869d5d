/**
 * Personal information shown to people (issue 17 item 5, ADR 0025): THE mobile mask, used by every list, export,
 * log line, SMS view and audit row. A whole number is shown only through the audited reveal. Pure; shared by the
 * server and the browser.
 */

/** A mainland mobile number as the platform stores it (11 digits, 1[3-9]…). */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** Any mobile number inside a longer text, not part of a longer digit run (log lines, messages). */
const MOBILE_IN_TEXT = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/**
 * Masks a mobile for display: 13812345678 → 138****5678. Anything that is not an 11-character number is
 * masked whole (no digits shown); blank → null.
 */
export function maskMobile(mobile: string): string;
export function maskMobile(mobile: string | null | undefined): string | null;
export function maskMobile(mobile: string | null | undefined): string | null {
  if (mobile === null || mobile === undefined) return null;
  const m = mobile.trim();
  if (m === '') return null;
  return m.length === 11 ? `${m.slice(0, 3)}****${m.slice(7)}` : '****';
}

/**
 * Masks a phone number a person gave (an objector's 联系电话): a mobile as 138****5678, a landline keeps its area
 * code and last 4 digits (025-****0780); anything else fully masked.
 */
export function maskPhone(phone: string): string {
  const p = phone.trim().replace(/\s/g, '');
  if (MOBILE_PATTERN.test(p)) return maskMobile(p);
  const landline = /^(0\d{2,3})-?\d{3,4}(\d{4})$/.exec(p);
  return landline ? `${landline[1]}-****${landline[2]}` : '****';
}

/** Every mobile number inside a text masked (138****5678): for log lines and free text. */
export function maskMobilesInText(text: string): string {
  return text.replace(MOBILE_IN_TEXT, (m) => `${m.slice(0, 3)}****${m.slice(7)}`);
}

/** Keys whose values are personal numbers wherever they appear in filing data or records. */
const PII_KEYS = new Set(['mobile', 'contactMobile', 'phone']);

/** Whether a dotted field path ("contact.mobile", "legalRepresentative.mobile") names a personal number. */
export function isPiiPath(path: string): boolean {
  const last = path.split('.').pop() ?? '';
  return PII_KEYS.has(last);
}

/**
 * The value of a personal-number field masked for display: a mobile as 138****5678, a landline (contact.phone)
 * that is not a mobile stays as it is (an office number, not a person's).
 */
export function maskPiiValue(path: string, value: unknown): unknown {
  if (typeof value !== 'string' || !isPiiPath(path)) return value;
  const compact = value.replace(/[\s-]/g, '');
  if (path.endsWith('phone') && !MOBILE_PATTERN.test(compact)) return value;
  return maskMobile(compact) ?? value;
}

/**
 * A copy of a JSON value (a filing section, a record) with every personal-number field masked, at any depth
 * ("contact.mobile", "legalRepresentative.mobile", lists of contacts).
 */
export function maskPiiDeep<T>(value: T, path = ''): T {
  if (Array.isArray(value)) {
    return value.map((v, i) => maskPiiDeep(v, path ? `${path}.${i}` : String(i))) as T;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = maskPiiDeep(v, path ? `${path}.${k}` : k);
    }
    return out as T;
  }
  return maskPiiValue(path, value) as T;
}
