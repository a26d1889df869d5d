import { formatShanghai } from '../../components/Countdown';

/**
 * A calendar date in Chinese: "2024-04-03" → "2024年4月3日"; an ISO instant (the API's publicity and
 * announcement times) → its date in Asia/Shanghai.
 */
export function ymdText(value: string | null | undefined): string {
  if (!value) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
  return formatShanghai(value, false);
}

/** The deadline of a publicity: the API's end instant, or the end of a plain date (Asia/Shanghai). */
export function publicityDeadline(end: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(end) ? `${end}T23:59:59+08:00` : end;
}
