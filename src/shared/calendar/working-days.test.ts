import { describe, expect, it } from 'vitest';
import { isWorkingDay, workingDaysBetween } from './working-days';

describe('working days (the 公示 dialog)', () => {
  it('counts Monday to Friday of an ordinary week', () => {
    // 2025-03-03 is a Monday.
    expect(workingDaysBetween('2025-03-03', '2025-03-09')).toEqual({
      calendarDays: 7,
      workingDays: 5,
      complete: true,
    });
  });

  it('leaves out statutory holidays and counts the weekend days worked in their place (调休)', () => {
    // 劳动节 2025: 1–5 May off, Sunday 27 April worked.
    expect(isWorkingDay('2025-04-27')).toEqual({ working: true, known: true });
    expect(isWorkingDay('2025-05-02')).toEqual({ working: false, known: true });
    expect(workingDaysBetween('2025-04-27', '2025-05-06').workingDays).toBe(5);
    // 清明 2026: 4–6 April (Saturday to Monday) off.
    expect(workingDaysBetween('2026-04-01', '2026-04-07')).toEqual({
      calendarDays: 7,
      workingDays: 4,
      complete: true,
    });
  });

  it('says when a year has no holiday table (counted Monday to Friday only)', () => {
    expect(workingDaysBetween('2030-01-07', '2030-01-13')).toEqual({
      calendarDays: 7,
      workingDays: 5,
      complete: false,
    });
  });

  it('is empty for an end before the start', () => {
    expect(workingDaysBetween('2025-05-06', '2025-05-01')).toEqual({
      calendarDays: 0,
      workingDays: 0,
      complete: true,
    });
  });
});
