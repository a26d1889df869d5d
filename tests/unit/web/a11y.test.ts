import { describe, expect, it } from 'vitest';
import { largeTextKey, readLargeText, writeLargeText } from '../../../src/web/a11y/largeText';
import { acceptAttr } from '../../../src/web/pages/qiye/filing/model';

function memory() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  };
}

describe('大字模式 remembered per user on the device', () => {
  it('is off by default and remembers each user separately', () => {
    const s = memory();
    expect(readLargeText(s, 'u1')).toBe(false);
    writeLargeText(s, 'u1', true);
    expect(readLargeText(s, 'u1')).toBe(true);
    expect(readLargeText(s, 'u2')).toBe(false);
    writeLargeText(s, 'u1', false);
    expect(readLargeText(s, 'u1')).toBe(false);
    expect(s.map.get(largeTextKey('u1'))).toBe('0');
  });

  it('a user without a choice of their own inherits the choice made before login', () => {
    const s = memory();
    writeLargeText(s, null, true);
    expect(readLargeText(s, null)).toBe(true);
    expect(readLargeText(s, 'u1')).toBe(true);
    writeLargeText(s, 'u1', false);
    expect(readLargeText(s, 'u1')).toBe(false); // the user's own choice wins
  });

  it('storage that throws (private mode) means the default size', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(readLargeText(broken, 'u1')).toBe(false);
    expect(() => writeLargeText(broken, 'u1', true)).not.toThrow();
  });
});

describe('upload accept attribute', () => {
  it('offers the camera (image MIME types) where a slot takes pictures, and only PDFs where it does not', () => {
    const licence = acceptAttr('businessLicense').split(',');
    expect(licence).toEqual(expect.arrayContaining(['.jpg', 'image/jpeg', '.png', 'image/png']));
    const audit = acceptAttr('auditReport:2022').split(',');
    expect(audit).toEqual(['.pdf', 'application/pdf']);
  });
});
