/**
 * Shared types of the filing domain. Pure.
 */
import type { FilingKind } from '../schemas/filing-api';

export interface FilingContext {
  campaignYear: number;
  /** ISO date 'YYYY-MM-DD': today (server time at save/submit; the browser's date in the live self-assessment). */
  asOf: string;
  kind: FilingKind;
  /** The files uploaded so far (slot keys such as 'auditReport:2022'); drives the 附件 section's completeness. */
  attachments?: { slot: string }[];
}

export interface SectionValidation {
  /** valid, and every required field filled (for 附件: every required file uploaded). Submission needs all complete. */
  complete: boolean;
  /** No value that was entered is wrong (missing values do not make a section invalid). */
  valid: boolean;
  /**
   * Field path → Chinese message saying what to do. Paths are dotted: "uscc", "contact.mobile",
   * "years.2022.rdExpense", "mainProducts.0.name", for 附件 the slot key "auditReport:2021". Contains both wrong values
   * and missing required values ("请填写…"). Never blocks saving.
   */
  fieldErrors: Record<string, string>;
  /**
   * The data to store: known fields only, amounts canonical ("1234.56"), counts as numbers, dates 'YYYY-MM-DD',
   * codes upper-case half-width. A value that is wrong is kept as typed, so nothing is lost on save.
   */
  normalized: Record<string, unknown>;
  /** Field path → Chinese warning (suspicious but allowed, e.g. 注册地 in another city than the credit code). */
  warnings?: Record<string, string>;
}

/**
 * The context with `asOf` cut to its date part (a full ISO timestamp is accepted; date comparisons are on
 * 'YYYY-MM-DD' strings). The server should pass the date in Asia/Shanghai.
 */
export function normalizeContext<T extends { asOf: string }>(ctx: T): T {
  const asOf = typeof ctx?.asOf === 'string' ? ctx.asOf.trim().slice(0, 10) : '';
  return asOf === ctx?.asOf ? ctx : { ...ctx, asOf };
}
