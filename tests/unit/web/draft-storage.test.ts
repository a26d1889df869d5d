import { describe, expect, it } from 'vitest';
import {
  DRAFT_MAX_AGE_MS,
  draftStorageKey,
  loadDraft,
  parseDraft,
  sanitizeDraft,
  saveDraft,
  serializeDraft,
  type DraftStorage,
} from '../../../src/web/forms/draftStorage';

function memoryStorage(): DraftStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const NOW = Date.UTC(2026, 1, 20, 2, 0, 0);

describe('sanitizeDraft', () => {
  it('never keeps passwords, codes, captcha answers or files', () => {
    const out = sanitizeDraft({
      username: 'qiye_demo',
      password: 'Secret12!',
      passwordConfirm: 'Secret12!',
      currentPassword: 'x',
      smsCode: '123456',
      captchaId: 'id',
      captchaAnswer: 'ab12',
      licence: new Blob(['x']),
      enterpriseName: '示范公司',
      products: [{ name: '产品', file: new Blob(['y']) }],
      nested: { csrfToken: 't', note: '备注' },
      when: new Date(),
      fn: () => 1,
      n: Number.NaN,
    });
    expect(out).toEqual({
      username: 'qiye_demo',
      enterpriseName: '示范公司',
      products: [{ name: '产品' }],
      nested: { note: '备注' },
    });
  });

  it('drops the keys the caller omits', () => {
    expect(sanitizeDraft({ a: '1', b: '2' }, ['b'])).toEqual({ a: '1' });
  });
});

describe('serialize / parse', () => {
  it('round-trips', () => {
    const raw = serializeDraft({ enterpriseName: '示范公司', password: 'x' }, NOW);
    expect(raw).not.toContain('password');
    expect(parseDraft(raw, NOW + 1000)).toEqual({
      v: 1,
      savedAt: NOW,
      values: { enterpriseName: '示范公司' },
    });
  });

  it('rejects stale, future, foreign and broken data', () => {
    const raw = serializeDraft({ a: 'x' }, NOW);
    expect(parseDraft(raw, NOW + DRAFT_MAX_AGE_MS + 1)).toBeNull();
    expect(parseDraft(raw, NOW - 10 * 60_000)).toBeNull();
    expect(parseDraft('{"v":2,"savedAt":1,"values":{}}', NOW)).toBeNull();
    expect(parseDraft('not json', NOW)).toBeNull();
    expect(parseDraft('[1,2]', NOW)).toBeNull();
    expect(parseDraft(null, NOW)).toBeNull();
  });
});

describe('loadDraft / saveDraft', () => {
  it('saves and restores form values under a prefixed key', () => {
    const s = memoryStorage();
    expect(saveDraft(s, 'register', { uscc: '913205837031234530', password: 'p' }, NOW)).toBe(true);
    expect([...s.data.keys()]).toEqual([draftStorageKey('register')]);
    expect(loadDraft(s, 'register', NOW + 5000)?.values).toEqual({ uscc: '913205837031234530' });
  });

  it('removes the entry when nothing worth keeping is left', () => {
    const s = memoryStorage();
    saveDraft(s, 'register', { uscc: 'x' }, NOW);
    saveDraft(s, 'register', { uscc: '  ', password: 'only a secret' }, NOW);
    expect(s.data.size).toBe(0);
    expect(loadDraft(s, 'register', NOW)).toBeNull();
  });

  it('removes a stale draft when reading it', () => {
    const s = memoryStorage();
    saveDraft(s, 'register', { uscc: 'x' }, NOW);
    expect(loadDraft(s, 'register', NOW + DRAFT_MAX_AGE_MS + 1)).toBeNull();
    expect(s.data.size).toBe(0);
  });

  it('survives storage that throws (private mode, quota)', () => {
    const broken: DraftStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(saveDraft(broken, 'k', { a: 'x' }, NOW)).toBe(false);
    expect(loadDraft(broken, 'k', NOW)).toBeNull();
    expect(loadDraft(null, 'k', NOW)).toBeNull();
  });
});
