/**
 * Validity periods of recognitions (创新型中小企业: 3 years, rules.md §1.4). Pure functions on calendar days in
 * Asia/Shanghai; "now" is always passed in (an injected clock), never read here. No I/O.
 *
 * Conventions:
 *   - A period runs from `validFrom` to `validTo`, both calendar days INCLUSIVE.
 *   - validTo(from) = from + 3 years − 1 day (announced 2023-04-10 → valid through 2026-04-09). A start on
 *     29 February ends on 28 February three years later (2024-02-29 → 2027-02-28).
 *   - A recognition is valid on a day when its status is 'valid' and validFrom ≤ day ≤ validTo.
 */

import { shanghaiDate, shanghaiDayEnd, shanghaiDayStart } from '../time';

export const RECOGNITION_VALIDITY_YEARS = 3;

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day as 'YYYY-MM-DD', a Date (taken in Asia/Shanghai) or a full ISO timestamp. */
export type DayLike = string | Date;

/** 'YYYY-MM-DD' of an instant in Asia/Shanghai: shared/time's shanghaiDate under the name this module's callers use. */
export const shanghaiDay: (at: Date) => string = shanghaiDate;

/** Normalises a day-like value to 'YYYY-MM-DD'; throws on anything else. */
export function toDay(d: DayLike): string {
  if (d instanceof Date) {
    if (Number.isNaN(d.getTime())) throw new Error('Invalid date');
    return shanghaiDay(d);
  }
  if (ISO_DAY.test(d)) {
    if (!isCalendarDay(d)) throw new Error(`Invalid calendar day: ${d}`);
    return d;
  }
  const parsed = new Date(d);
  if (Number.isNaN(parsed.getTime())) throw new Error(`Invalid date: ${d}`);
  return shanghaiDay(parsed);
}

/** Whether 'YYYY-MM-DD' is a real calendar day (2023-02-29 is not). */
export function isCalendarDay(day: string): boolean {
  if (!ISO_DAY.test(day)) return false;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

function dayNumber(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** `day` plus `n` calendar days (n may be negative). */
export function addDays(day: DayLike, n: number): string {
  return fromDayNumber(dayNumber(toDay(day)) + n);
}

/** Whole calendar days from `a` to `b` (b − a); negative when b is before a. */
export function daysBetween(a: DayLike, b: DayLike): number {
  return dayNumber(toDay(b)) - dayNumber(toDay(a));
}

/** The last valid day of a recognition that starts on `from`: from + `years` years − 1 day. */
export function validTo(from: DayLike, years: number = RECOGNITION_VALIDITY_YEARS): string {
  const day = toDay(from);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // Date.UTC rolls 29 Feb of a non-leap year over to 1 March; the day before is then 28 February.
  const end = Math.round(Date.UTC(y + years, m - 1, d) / DAY_MS) - 1;
  return fromDayNumber(end);
}

export interface ValidityLike {
  validFrom: DayLike;
  validTo: DayLike;
  /** 'valid' unless revoked; missing means 'valid'. */
  status?: string;
}

/** valid: in its period; not_yet: before validFrom; expired: after validTo; revoked: status revoked. */
export type ValidityState = 'valid' | 'not_yet' | 'expired' | 'revoked';

export const VALIDITY_STATE_LABELS: Record<ValidityState, string> = {
  valid: '有效',
  not_yet: '尚未生效',
  expired: '已过期',
  revoked: '已撤销',
};

export function validityState(r: ValidityLike, asOf: DayLike): ValidityState {
  if (r.status !== undefined && r.status !== 'valid') return 'revoked';
  const day = toDay(asOf);
  if (day < toDay(r.validFrom)) return 'not_yet';
  if (day > toDay(r.validTo)) return 'expired';
  return 'valid';
}

/** Whether the recognition is valid on `asOf` (status valid and validFrom ≤ asOf ≤ validTo). */
export function isValid(r: ValidityLike, asOf: DayLike): boolean {
  return validityState(r, asOf) === 'valid';
}

/**
 * Valid days left, counting `asOf` itself: 1 on the last valid day, 0 once expired or revoked; before validFrom,
 * the whole period's length.
 */
export function daysLeft(r: ValidityLike, asOf: DayLike): number {
  const state = validityState(r, asOf);
  if (state === 'expired' || state === 'revoked') return 0;
  const start = state === 'not_yet' ? toDay(r.validFrom) : toDay(asOf);
  return daysBetween(start, r.validTo) + 1;
}

/** The instant a calendar day starts in Asia/Shanghai. */
export function startOfShanghaiDay(day: DayLike): Date {
  return shanghaiDayStart(toDay(day));
}

/** The last millisecond of a calendar day in Asia/Shanghai (periods include their whole last day). */
export function endOfShanghaiDay(day: DayLike): Date {
  return shanghaiDayEnd(toDay(day));
}
