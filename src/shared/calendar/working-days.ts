/**
 * Working days in mainland China (issue 16 minor: the 公示 dialog shows how many working days the chosen dates
 * cover). A working day is Monday to Friday, except the statutory holidays, plus the weekend days worked in their
 * place (调休上班), as the State Council's annual notices (国务院办公厅关于部分节假日安排的通知) set them. Years
 * without a notice in the table count Monday to Friday only, and say so (`complete: false`).
 */

/**
 * Days off (holidays and the weekdays shifted into them) and weekend days worked, per year. Sources: the State
 * Council's notices for 2024 (issued 2023-10-25), 2025 (2024-11-12) and 2026 (2025-11-04, checked line by line:
 * 元旦 1–3 Jan, 4 Jan worked; 春节 15–23 Feb, 14 and 28 Feb worked; 清明 4–6 Apr; 劳动节 1–5 May, 9 May worked;
 * 端午 19–21 Jun; 中秋 25–27 Sep; 国庆 1–7 Oct, 20 Sep and 10 Oct worked). Add each new year when its notice
 * appears (usually in November); until then its days count Monday to Friday and the page says so.
 */
const CALENDAR: Record<number, { off: string[]; worked: string[] }> = {
  2024: {
    off: [
      '01-01',
      ...range('02-10', '02-17'),
      ...range('04-04', '04-06'),
      ...range('05-01', '05-05'),
      '06-10',
      ...range('09-15', '09-17'),
      ...range('10-01', '10-07'),
    ],
    worked: ['02-04', '02-18', '04-07', '04-28', '05-11', '09-14', '09-29', '10-12'],
  },
  2025: {
    off: [
      '01-01',
      ...range('01-28', '02-04'),
      ...range('04-04', '04-06'),
      ...range('05-01', '05-05'),
      ...range('05-31', '06-02'),
      ...range('10-01', '10-08'),
    ],
    worked: ['01-26', '02-08', '04-27', '09-28', '10-11'],
  },
  2026: {
    off: [
      ...range('01-01', '01-03'),
      ...range('02-15', '02-23'),
      ...range('04-04', '04-06'),
      ...range('05-01', '05-05'),
      ...range('06-19', '06-21'),
      ...range('09-25', '09-27'),
      ...range('10-01', '10-07'),
    ],
    worked: ['01-04', '02-14', '02-28', '05-09', '09-20', '10-10'],
  },
};

/** 'MM-DD' days from `from` to `to` inclusive, within one (non-leap-sensitive) stretch of a year. */
function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`2001-${from}T00:00:00Z`); ; d = new Date(d.getTime() + 86_400_000)) {
    const md = d.toISOString().slice(5, 10);
    out.push(md);
    if (md === to) return out;
  }
}

const DAY_MS = 86_400_000;

/** Whether `day` ('YYYY-MM-DD') is a working day; `known` is false when the year's holidays are not in the table. */
export function isWorkingDay(day: string): { working: boolean; known: boolean } {
  const year = Number(day.slice(0, 4));
  const md = day.slice(5, 10);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const cal = CALENDAR[year];
  if (cal?.worked.includes(md)) return { working: true, known: true };
  if (cal?.off.includes(md)) return { working: false, known: true };
  return { working: weekday !== 0 && weekday !== 6, known: cal !== undefined };
}

/**
 * The calendar days and working days from `start` to `end` ('YYYY-MM-DD', both included). `complete` is false when
 * some year in the period has no holiday table (its days are counted Monday to Friday).
 */
export function workingDaysBetween(
  start: string,
  end: string,
): { calendarDays: number; workingDays: number; complete: boolean } {
  const a = Date.parse(`${start}T00:00:00Z`);
  const b = Date.parse(`${end}T00:00:00Z`);
  if (!Number.isFinite(a) || !Number.isFinite(b) || b < a) {
    return { calendarDays: 0, workingDays: 0, complete: true };
  }
  let workingDays = 0;
  let complete = true;
  for (let t = a; t <= b; t += DAY_MS) {
    const d = isWorkingDay(new Date(t).toISOString().slice(0, 10));
    if (d.working) workingDays++;
    if (!d.known) complete = false;
  }
  return { calendarDays: Math.round((b - a) / DAY_MS) + 1, workingDays, complete };
}
