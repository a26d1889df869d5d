import fc from 'fast-check';
import { USCC_ALPHABET, normalizeUscc, orgCodeCheckChar, usccCheckChar, validateUscc } from './uscc';

describe('validateUscc', () => {
  it.each([
    '91320500608123455J',
    '91320100MA1XY22B2W',
    '91320200MA1N3K7PX6',
    '91320583135792463X',
    '913201001000001470',
    '91320100100000024Y',
    '91320594780268314T',
    '91320594MA1NHMCA0T',
  ])('accepts the rules.md vector %s', (code) => {
    const r = validateUscc(code);
    expect(r.valid).toBe(true);
    expect(r.acceptedForFiling).toBe(true);
    expect(r.errors).toEqual([]);
    expect(r.orgCodeCheckOk).toBe(true);
  });

  it('rejects a wrong check character and says which one is expected', () => {
    const r = validateUscc('91320500608123455K');
    expect(r.valid).toBe(false);
    expect(r.checkCharExpected).toBe('J');
    expect(r.errors.map((e) => e.code)).toEqual(['checkChar']);
    expect(r.errors[0]!.message).toContain('校验位');
  });

  it('reports the registration-authority region, not the county', () => {
    const r = validateUscc('91320594MA1NHMCA0T');
    expect(r.registrationAuthorityRegionCode).toBe('320594');
  });

  it('warns, but stays valid, when the GB 11714 check fails', () => {
    const r = validateUscc('91320500608123456M');
    expect(r.valid).toBe(true);
    expect(r.orgCodeCheckOk).toBe(false);
    expect(r.warnings.map((w) => w.code)).toContain('orgCodeCheck');
    expect(r.acceptedForFiling).toBe(true);
  });

  it('explains that 个体工商户 and 农民专业合作社 are not enterprises for this platform', () => {
    const r92 = validateUscc('92320500608123455F');
    expect(r92.valid).toBe(true);
    expect(r92.isEnterprise).toBe(false);
    expect(r92.acceptedForFiling).toBe(false);
    expect(r92.errors[0]!.message).toContain('个体工商户');
    const r93 = validateUscc('93320500608123455C');
    expect(r93.errors[0]!.message).toContain('农民专业合作社');
  });

  it('warns for a code registered outside Jiangsu', () => {
    const r = validateUscc('91130600738737199K');
    expect(r.valid).toBe(true);
    expect(r.warnings.map((w) => w.code)).toContain('notJiangsu');
  });

  it.each([
    ['', 'empty'],
    ['9132050060812345', 'length'],
    ['91320500608I23455J', 'format'],
    ['91A20500608123455J', 'format'],
  ])('rejects %j with a %s error in Chinese', (code, kind) => {
    const r = validateUscc(code);
    expect(r.valid).toBe(false);
    expect(r.errors[0]!.code).toBe(kind);
    expect(r.errors[0]!.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('names the forbidden letters', () => {
    expect(validateUscc('91320500608I23455J').errors[0]!.message).toContain('I');
  });

  it('normalises full-width, lower case and spaces', () => {
    expect(normalizeUscc(' ９１３２０５００６０８１２３４５５ｊ ')).toBe('91320500608123455J');
    expect(validateUscc('9132 0500 6081 2345 5j').valid).toBe(true);
  });
});

describe('check characters', () => {
  it('computes the §5.2 examples', () => {
    expect(usccCheckChar('91320500608123455')).toBe('J');
    expect(usccCheckChar('91320100100000147')).toBe('0');
    expect(orgCodeCheckChar('60812345')).toBe('5');
    expect(orgCodeCheckChar('59467239')).toBe('9');
    expect(orgCodeCheckChar('MA1N3K7P')).toBe('X');
  });

  it('any 17 characters plus their check character validate; any other 18th character does not', () => {
    const ch = fc.constantFrom(...USCC_ALPHABET.split(''));
    const digit = fc.constantFrom(...'0123456789'.split(''));
    fc.assert(
      fc.property(
        fc.array(ch, { minLength: 2, maxLength: 2 }),
        fc.array(digit, { minLength: 6, maxLength: 6 }),
        fc.array(ch, { minLength: 9, maxLength: 9 }),
        ch,
        (a, b, c, other) => {
          const first17 = [...a, ...b, ...c].join('');
          const check = usccCheckChar(first17)!;
          expect(validateUscc(first17 + check).valid).toBe(true);
          if (other !== check) expect(validateUscc(first17 + other).valid).toBe(false);
        },
      ),
    );
  });
});

describe('normalizeUscc', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const once = normalizeUscc(s);
        expect(normalizeUscc(once)).toBe(once);
      }),
    );
  });
  it('is idempotent on full-width input', () => {
    const fw = fc.constantFrom(...'０１２３４５６７８９ＡＢＣｘｙｚ　 -'.split(''));
    fc.assert(
      fc.property(fc.array(fw, { maxLength: 20 }), (chars) => {
        const once = normalizeUscc(chars.join(''));
        expect(normalizeUscc(once)).toBe(once);
        expect(once).not.toMatch(/[\uff00-\uffef\s]/);
      }),
    );
  });
});
