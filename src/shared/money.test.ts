import fc from 'fast-check';
import {
  MSG_TOO_MANY_DECIMALS,
  addAmounts,
  centsToAmount,
  compareAmounts,
  compareRatios,
  formatAmount,
  formatPercent,
  makeRatio,
  parseAmount,
  parseCount,
  percent,
  ratioOf,
  subAmounts,
} from './money';

describe('parseAmount', () => {
  it.each([
    ['1234.56', '1234.56', 123456n],
    ['  1234.5 ', '1234.50', 123450n],
    ['1,234.56', '1234.56', 123456n],
    ['1，234，567.8', '1234567.80', 123456780n],
    ['１２３４．５６', '1234.56', 123456n],
    ['－１２．３', '-12.30', -1230n],
    ['1 234', '1234.00', 123400n],
    ['+7', '7.00', 700n],
    ['0', '0.00', 0n],
    ['-0', '0.00', 0n],
    ['1.230', '1.23', 123n],
  ])('parses %j exactly', (input, value, cents) => {
    expect(parseAmount(input)).toEqual({ ok: true, value, cents });
  });

  it('converts JSON numbers through their decimal string', () => {
    expect(parseAmount(53.46)).toEqual({ ok: true, value: '53.46', cents: 5346n });
    expect(parseAmount(1069.2)).toEqual({ ok: true, value: '1069.20', cents: 106920n });
    expect(parseAmount(0.1 + 0.2)).toEqual({ ok: false, message: MSG_TOO_MANY_DECIMALS });
  });

  it('rejects a third decimal with the Chinese message', () => {
    expect(parseAmount('1234.567')).toEqual({
      ok: false,
      message: '金额最多保留两位小数（单位：万元），例如 1234.56',
    });
  });

  it.each([['abc'], ['1.2.3'], ['1,23'], ['12,3456'], ['1e5'], [''], ['  '], ['--1'], ['.5']])(
    'rejects %j',
    (input) => {
      const r = parseAmount(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/[\u4e00-\u9fff]/);
    },
  );

  it('rejects NaN, Infinity and exponent numbers', () => {
    expect(parseAmount(Number.NaN).ok).toBe(false);
    expect(parseAmount(Number.POSITIVE_INFINITY).ok).toBe(false);
    expect(parseAmount(1e21).ok).toBe(false);
    expect(parseAmount(1e-7).ok).toBe(false);
  });

  it('rejects negatives when asked to', () => {
    expect(parseAmount('-1', { allowNegative: false }).ok).toBe(false);
    expect(parseAmount('-1').ok).toBe(true);
  });
});

describe('formatting and arithmetic', () => {
  it('formats with thousands separators', () => {
    expect(formatAmount('1234567.8')).toBe('1,234,567.80');
    expect(formatAmount(-1234.5)).toBe('-1,234.50');
    expect(formatAmount(5n)).toBe('0.05');
    expect(formatAmount('999')).toBe('999.00');
  });

  it('adds, subtracts and compares exactly', () => {
    expect(addAmounts('0.1', '0.2')).toBe('0.30');
    expect(subAmounts('1000', '0.01')).toBe('999.99');
    expect(compareAmounts('53.46', 53.46)).toBe(0);
    expect(compareAmounts('1,000.00', '999.99')).toBe(1);
    expect(compareAmounts('-1', '0')).toBe(-1);
    expect(centsToAmount(-5n)).toBe('-0.05');
  });

  it('round-trips parseAmount(formatAmount(x)) for any cents', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (cents) => {
        const r = parseAmount(formatAmount(cents));
        expect(r).toEqual({ ok: true, value: centsToAmount(cents), cents });
      }),
    );
  });

  it('parses any canonical amount back to itself (idempotent)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), (cents) => {
        const s = centsToAmount(cents);
        const r = parseAmount(s);
        expect(r.ok && r.value).toBe(s);
      }),
    );
  });
});

describe('ratios', () => {
  it('compares 53.46 / 1069.20 as exactly 5%', () => {
    const r = ratioOf(5346n, 106920n)!;
    expect(compareRatios(r, percent('5'))).toBe(0);
    expect(r).toEqual({ num: 1n, den: 20n });
    expect(formatPercent(r)).toBe('5.00%');
    // The float computation would say otherwise: this is why floats never decide a band.
    expect(53.46 / 1069.2 >= 0.05).toBe(false);
  });

  it('returns null for a zero denominator', () => {
    expect(ratioOf(1n, 0n)).toBeNull();
    expect(() => makeRatio(1n, 0n)).toThrow();
  });

  it.each([
    [1n, 3n, '33.33%'],
    [2n, 3n, '66.67%'],
    [1n, 8n, '12.50%'],
    [1n, 80000n, '0.00%'],
    [1n, 20000n, '0.01%'],
    [-1n, 20000n, '-0.01%'],
    [-2n, 3n, '-66.67%'],
    [5n, 2n, '250.00%'],
  ])('formats %s/%s as %s (half up)', (n, d, s) => {
    expect(formatPercent(makeRatio(n, d))).toBe(s);
  });

  it('percent literals are exact', () => {
    expect(percent('2.5')).toEqual({ num: 1n, den: 40n });
    expect(percent('-1')).toEqual({ num: -1n, den: 100n });
  });
});

describe('parseCount', () => {
  it.each([
    [120, 120],
    ['1,200', 1200],
    ['１２０', 120],
    [' 7 ', 7],
    [0, 0],
  ])('parses %j', (input, value) => {
    expect(parseCount(input)).toEqual({ ok: true, value });
  });
  it.each([[-1], [1.5], ['1.5'], ['abc'], [''], [Number.NaN], ['-3']])('rejects %j', (input) => {
    const r = parseCount(input);
    expect(r.ok).toBe(false);
  });
});
