import {
  addDays,
  daysBetween,
  daysLeft,
  endOfShanghaiDay,
  isCalendarDay,
  isValid,
  startOfShanghaiDay,
  validityState,
  validTo,
} from './validity';

/** An injected clock: tests never read the system time. */
const clock = (iso: string) => ({ now: () => new Date(iso) });

describe('validTo', () => {
  it('is from + 3 years − 1 day', () => {
    expect(validTo('2023-04-10')).toBe('2026-04-09');
    expect(validTo('2023-01-01')).toBe('2025-12-31');
    expect(validTo('2023-03-01')).toBe('2026-02-28');
  });
  it('handles 29 February and leap years', () => {
    expect(validTo('2024-02-29')).toBe('2027-02-28');
    expect(validTo('2025-03-01')).toBe('2028-02-29');
  });
  it('accepts a Date, taken in Asia/Shanghai', () => {
    // 2023-04-09T18:00Z is 2023-04-10 02:00 in Shanghai.
    expect(validTo(new Date('2023-04-09T18:00:00Z'))).toBe('2026-04-09');
  });
  it('supports other lengths', () => {
    expect(validTo('2023-04-10', 1)).toBe('2024-04-09');
  });
  it('rejects impossible days', () => {
    expect(() => validTo('2023-02-29')).toThrow();
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2023-13-01')).toBe(false);
  });
});

describe('isValid / daysLeft with an injected clock', () => {
  const r = { validFrom: '2023-04-10', validTo: validTo('2023-04-10'), status: 'valid' };

  it('is valid on the first and the last day, not before or after', () => {
    expect(isValid(r, clock('2023-04-09T23:59:59+08:00').now())).toBe(false);
    expect(isValid(r, clock('2023-04-10T00:00:00+08:00').now())).toBe(true);
    expect(isValid(r, clock('2026-04-09T23:59:59+08:00').now())).toBe(true);
    expect(isValid(r, clock('2026-04-10T00:00:00+08:00').now())).toBe(false);
  });

  it('uses the Shanghai calendar day, not UTC', () => {
    // 2026-04-09T16:30Z is already 2026-04-10 00:30 in Shanghai: expired.
    expect(isValid(r, clock('2026-04-09T16:30:00Z').now())).toBe(false);
    expect(validityState(r, clock('2026-04-09T16:30:00Z').now())).toBe('expired');
  });

  it('a revoked recognition is never valid', () => {
    expect(isValid({ ...r, status: 'revoked' }, '2024-01-01')).toBe(false);
    expect(validityState({ ...r, status: 'revoked' }, '2024-01-01')).toBe('revoked');
    expect(daysLeft({ ...r, status: 'revoked' }, '2024-01-01')).toBe(0);
  });

  it('counts the days left including today', () => {
    expect(daysLeft(r, '2026-04-09')).toBe(1);
    expect(daysLeft(r, '2026-04-08')).toBe(2);
    expect(daysLeft(r, '2026-04-10')).toBe(0);
    expect(daysLeft(r, '2023-04-10')).toBe(daysBetween('2023-04-10', '2026-04-09') + 1);
    expect(daysLeft(r, '2023-04-10')).toBe(1096); // 2024 is a leap year
    expect(daysLeft(r, '2023-01-01')).toBe(1096); // before the start: the whole period
    expect(validityState(r, '2023-01-01')).toBe('not_yet');
  });

  it('accepts timestamps stored by the database (start/end of a Shanghai day)', () => {
    const stored = { validFrom: startOfShanghaiDay('2023-04-10'), validTo: endOfShanghaiDay('2026-04-09') };
    expect(isValid(stored, new Date('2026-04-09T15:59:59.999Z'))).toBe(true);
    expect(isValid(stored, new Date('2026-04-09T16:00:00Z'))).toBe(false);
    expect(addDays('2023-04-10', 5)).toBe('2023-04-15');
  });
});

describe('maskUscc', () => {
  it('hides positions 9–12 of a credit code', async () => {
    const { maskUscc } = await import('./mask');
    expect(maskUscc('91320583135792463X')).toBe('91320583****92463X');
    expect(maskUscc('91320583135792463X')).toHaveLength(18);
    expect(maskUscc('ABC')).toBe('***');
  });
});
