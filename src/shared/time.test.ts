import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  shanghaiDate,
  shanghaiDateLabel,
  shanghaiDateTimeLabel,
  shanghaiDayEnd,
  shanghaiDayStart,
  shanghaiHour,
  shanghaiInstant,
  shanghaiStamp,
  shanghaiTime,
  shanghaiYear,
} from './time';

describe('Asia/Shanghai time helpers', () => {
  // 2023-12-31T16:30Z is 00:30 on 1 January 2024 in Shanghai: the day, the year and the hour all roll over.
  const newYearInShanghai = new Date('2023-12-31T16:30:00Z');
  const lastUtcMinuteBefore = new Date('2023-12-31T15:59:00Z');

  it('reads the calendar day, year, hour and time on the Shanghai clock', () => {
    expect(shanghaiDate(newYearInShanghai)).toBe('2024-01-01');
    expect(shanghaiYear(newYearInShanghai)).toBe(2024);
    expect(shanghaiHour(newYearInShanghai)).toBe(0);
    expect(shanghaiTime(newYearInShanghai)).toBe('00:30');
    expect(shanghaiDate(lastUtcMinuteBefore)).toBe('2023-12-31');
    expect(shanghaiYear(lastUtcMinuteBefore)).toBe(2023);
    expect(shanghaiHour(lastUtcMinuteBefore)).toBe(23);
    expect(shanghaiTime(lastUtcMinuteBefore)).toBe('23:59');
  });

  it('labels days and times in Chinese without leading zeros on month and day', () => {
    expect(shanghaiDateLabel(new Date('2023-03-24T09:05:00Z'))).toBe('2023年3月24日');
    expect(shanghaiDateTimeLabel(new Date('2023-03-24T09:05:00Z'))).toBe('2023年3月24日 17:05');
  });

  it('turns a wall-clock time of a Shanghai day into the instant', () => {
    expect(shanghaiInstant('2023-03-24', '09:00').toISOString()).toBe('2023-03-24T01:00:00.000Z');
    expect(shanghaiInstant('2023-03-24', '18:00:30').toISOString()).toBe('2023-03-24T10:00:30.000Z');
    expect(shanghaiInstant('2023-03-24').toISOString()).toBe('2023-03-23T16:00:00.000Z');
  });

  it('gives the first and the last millisecond of a Shanghai day', () => {
    expect(shanghaiDayStart('2024-01-01').toISOString()).toBe('2023-12-31T16:00:00.000Z');
    expect(shanghaiDayEnd('2024-03-24').toISOString()).toBe('2024-03-24T15:59:59.999Z');
    // The end is one millisecond before the next day's start, and still the same Shanghai day.
    expect(shanghaiDayEnd('2024-02-29').getTime() + 1).toBe(shanghaiDayStart('2024-03-01').getTime());
    expect(shanghaiDate(shanghaiDayEnd('2024-02-29'))).toBe('2024-02-29');
  });

  it('adds calendar days across month, year and leap-day boundaries', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addCalendarDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addCalendarDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addCalendarDays('2024-03-24', -7)).toBe('2024-03-17');
    expect(addCalendarDays('2024-03-24', 0)).toBe('2024-03-24');
  });

  it('round-trips: the Shanghai day of a day start is that day', () => {
    for (const day of ['2023-01-01', '2023-06-15', '2024-02-29', '2026-12-31']) {
      expect(shanghaiDate(shanghaiDayStart(day))).toBe(day);
      expect(shanghaiHour(shanghaiDayStart(day))).toBe(0);
    }
  });

  it('writes export stamps in Beijing time, sortable as text, with or without seconds', () => {
    const at = new Date('2026-03-01T16:00:05Z'); // already 2 March in Jiangsu
    expect(shanghaiStamp(at)).toBe('2026-03-02 00:00');
    expect(shanghaiStamp(at, { seconds: true })).toBe('2026-03-02 00:00:05');
    expect(shanghaiStamp(new Date('2025-12-31T15:59:59Z'), { seconds: true })).toBe('2025-12-31 23:59:59');
  });
});
