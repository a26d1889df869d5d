/**
 * The session cache's rules (docs/adr/0036-session-cache.md) without a database: nothing is served or kept while
 * the notification stream is down, a lookup that began before an invalidation does not store, rows age out, the
 * least recently used row goes first, and a user's notification drops every session of that user.
 */
import { SessionCache, type SessionRow } from '../../../src/server/plugins/session-cache';

function row(userId: string): SessionRow {
  return {
    lastSeenAt: new Date('2026-03-01T09:00:00+08:00'),
    csrfToken: 'csrf',
    userId,
    username: `u_${userId}`,
    displayName: '测试',
    role: 'county_reviewer',
    enterpriseId: null,
    regionCode: '320583',
    status: 'active',
    mustChangePassword: false,
    passwordChangedAt: new Date('2026-01-01T00:00:00+08:00'),
  };
}

describe('SessionCache', () => {
  it('serves and keeps nothing until the stream is up, and forgets everything when it goes down', () => {
    const cache = new SessionCache(10, 30_000);
    cache.store('s1', row('u1'), cache.generation, 0);
    expect(cache.get('s1', 1)).toBeUndefined();
    expect(cache.size).toBe(0);
    cache.up();
    cache.store('s1', row('u1'), cache.generation, 0);
    expect(cache.get('s1', 1)?.userId).toBe('u1');
    cache.down();
    expect(cache.size).toBe(0);
    cache.store('s1', row('u1'), cache.generation, 0);
    expect(cache.get('s1', 1)).toBeUndefined();
  });

  it('a lookup that began before a notification, a drop or a reconnection does not store its row', () => {
    const cache = new SessionCache(10, 30_000);
    cache.up();
    for (const invalidate of [
      () => cache.notified('session_changed', 'other'),
      () => cache.notified('user_changed', 'someone'),
      () => cache.dropSession('s1'),
      () => cache.up(),
    ]) {
      const generation = cache.generation;
      invalidate();
      cache.store('s1', row('u1'), generation, 0);
      expect(cache.get('s1', 1)).toBeUndefined();
    }
    const generation = cache.generation;
    cache.store('s1', row('u1'), generation, 0);
    expect(cache.get('s1', 1)).toBeDefined();
  });

  it('a row is used for at most its maximum age after its read began', () => {
    const cache = new SessionCache(10, 30_000);
    cache.up();
    cache.store('s1', row('u1'), cache.generation, 1_000);
    expect(cache.get('s1', 31_000)).toBeDefined();
    expect(cache.get('s1', 31_001)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('holds at most its capacity, dropping the least recently used', () => {
    const cache = new SessionCache(2, 30_000);
    cache.up();
    cache.store('s1', row('u1'), cache.generation, 0);
    cache.store('s2', row('u2'), cache.generation, 0);
    expect(cache.get('s1', 1)).toBeDefined(); // s2 is now the least recently used
    cache.store('s3', row('u3'), cache.generation, 0);
    expect(cache.size).toBe(2);
    expect(cache.get('s2', 1)).toBeUndefined();
    expect(cache.get('s1', 1)).toBeDefined();
    expect(cache.get('s3', 1)).toBeDefined();
  });

  it('a user’s notification drops all of that user’s sessions and no one else’s; a session’s only that one', () => {
    const cache = new SessionCache(10, 30_000);
    cache.up();
    cache.store('a1', row('a'), cache.generation, 0);
    cache.store('a2', row('a'), cache.generation, 0);
    cache.store('b1', row('b'), cache.generation, 0);
    cache.notified('user_changed', 'a');
    expect(cache.get('a1', 1)).toBeUndefined();
    expect(cache.get('a2', 1)).toBeUndefined();
    expect(cache.get('b1', 1)).toBeDefined();
    cache.store('b2', row('b'), cache.generation, 0);
    cache.notified('session_changed', 'b1');
    expect(cache.get('b1', 1)).toBeUndefined();
    expect(cache.get('b2', 1)).toBeDefined();
  });

  it('a touch by this process moves the cached last_seen_at', () => {
    const cache = new SessionCache(10, 30_000);
    cache.up();
    cache.store('s1', row('u1'), cache.generation, 0);
    const later = new Date('2026-03-01T09:05:00+08:00');
    cache.touched('s1', later);
    expect(cache.get('s1', 1)?.lastSeenAt).toEqual(later);
  });
});
