/**
 * Dates as people in Jiangsu read them: Asia/Shanghai, UTC+8 all year (no daylight saving, so a fixed offset is
 * exact). Shared by the server and the browser.
 */

/** Asia/Shanghai's offset from UTC. */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** 'YYYY-MM-DD' of an instant in Asia/Shanghai (no daylight saving, so a fixed offset is exact). */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** "2023年3月24日" of an instant in Asia/Shanghai. */
export function shanghaiDateLabel(at: Date): string {
  const [y, m, d] = shanghaiDate(at).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** "2023年3月24日 17:05" of an instant in Asia/Shanghai. */
export function shanghaiDateTimeLabel(at: Date): string {
  const iso = new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${shanghaiDateLabel(at)} ${iso.slice(11, 16)}`;
}

/** The year of an instant in Asia/Shanghai (2023-12-31T16:00Z is already 2024 there). */
export function shanghaiYear(at: Date): number {
  return Number(shanghaiDate(at).slice(0, 4));
}

/** The hour (0–23) of an instant on the clock in Asia/Shanghai. */
export function shanghaiHour(at: Date): number {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).getUTCHours();
}

/** "17:05": the time of an instant on the clock in Asia/Shanghai (24-hour, minutes). */
export function shanghaiTime(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16);
}

/**
 * "2026-03-02 09:00" (or "2026-03-02 09:00:05" with `seconds`): an instant in Asia/Shanghai as exports and logs
 * write it, sortable as text.
 */
export function shanghaiStamp(at: Date, opts: { seconds?: boolean } = {}): string {
  const iso = new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return iso.slice(0, opts.seconds ? 19 : 16).replace('T', ' ');
}

/**
 * The instant a wall-clock time ('HH:mm' or 'HH:mm:ss', default midnight) of a calendar day ('YYYY-MM-DD') happens
 * in Asia/Shanghai: `shanghaiInstant('2023-03-24', '09:00')` is 2023-03-24T01:00:00Z.
 */
export function shanghaiInstant(day: string, time = '00:00'): Date {
  return new Date(`${day}T${time.length === 5 ? `${time}:00` : time}+08:00`);
}

/** The first instant of a calendar day ('YYYY-MM-DD') in Asia/Shanghai. */
export function shanghaiDayStart(day: string): Date {
  return shanghaiInstant(day);
}

/** The last millisecond of a calendar day ('YYYY-MM-DD') in Asia/Shanghai: deadlines and periods include their whole last day. */
export function shanghaiDayEnd(day: string): Date {
  return new Date(shanghaiDayStart(day).getTime() + DAY_MS - 1);
}

/** A calendar day ('YYYY-MM-DD') plus `n` days (n may be negative); calendar arithmetic, no time zone involved. */
export function addCalendarDays(day: string, n: number): string {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() + n * DAY_MS).toISOString().slice(0, 10);
}
