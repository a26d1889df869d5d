import { createDbRateLimitStore, pruneRateLimitHits } from '../../../src/server/services/rate-limit-store';
import { createTestApp, type TestApp } from '../../helpers/test-app';

/*
 * The rate-limit store over `rate_limit_hits` (PGlite and PostgreSQL): one atomic statement per hit, one
 * counter per route and client, windows that end, expired rows pruned.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

type Store = InstanceType<ReturnType<typeof createDbRateLimitStore>>;

function incr(store: Store, key: string, timeWindow: number): Promise<{ current: number; ttl: number }> {
  return new Promise((resolve, reject) =>
    store.incr(key, (err, res) => (err ? reject(err) : resolve(res!)), timeWindow, 10),
  );
}

function read(store: Store, key: string): Promise<{ current: number; ttl: number }> {
  return new Promise((resolve, reject) => store.read(key, (err, res) => (err ? reject(err) : resolve(res!))));
}

function routeStore(url: string, pruneProbability = 0): Store {
  const Store = createDbRateLimitStore(t.ctx.database, { pruneProbability });
  return new Store({}).child({ routeInfo: { method: 'POST', url } });
}

describe('the database rate-limit store', () => {
  it('keeps its counters in an UNLOGGED table: a hit writes no WAL, so its commit does not wait for the disk', async () => {
    const rows = await t.ctx.database.query<{ relpersistence: string }>(
      `select relpersistence from pg_class where oid = 'rate_limit_hits'::regclass`,
    );
    expect(rows).toEqual([{ relpersistence: 'u' }]);
  });

  it('counts hits in a window and reports the time left', async () => {
    const store = routeStore('/api/v1/a');
    const first = await incr(store, '10.0.0.1', 60_000);
    expect(first.current).toBe(1);
    expect(first.ttl).toBeGreaterThan(55_000);
    expect(first.ttl).toBeLessThanOrEqual(60_000);
    const second = await incr(store, '10.0.0.1', 60_000);
    expect(second.current).toBe(2);
    expect(second.ttl).toBeLessThanOrEqual(first.ttl);
    expect(await read(store, '10.0.0.1')).toMatchObject({ current: 2 });
    expect(await read(store, '10.0.0.9')).toEqual({ current: 0, ttl: 0 });
  });

  it('keeps one counter per route and per client', async () => {
    const a = routeStore('/api/v1/route-a');
    const b = routeStore('/api/v1/route-b');
    await incr(a, '10.0.0.2', 60_000);
    await incr(a, '10.0.0.2', 60_000);
    expect((await incr(b, '10.0.0.2', 60_000)).current).toBe(1);
    expect((await incr(a, '10.0.0.3', 60_000)).current).toBe(1);
    const rows = await t.ctx.database.query<{ key: string; count: number }>(
      `select key, count from rate_limit_hits where key like '%|10.0.0.2' order by key`,
    );
    expect(rows).toEqual([
      { key: 'POST /api/v1/route-a|10.0.0.2', count: 2 },
      { key: 'POST /api/v1/route-b|10.0.0.2', count: 1 },
    ]);
  });

  it('starts a new window once the old one has ended', async () => {
    const store = routeStore('/api/v1/short');
    await incr(store, '10.0.0.4', 2000);
    await incr(store, '10.0.0.4', 2000);
    expect((await incr(store, '10.0.0.4', 2000)).current).toBe(3);
    await new Promise((r) => setTimeout(r, 2200));
    const fresh = await incr(store, '10.0.0.4', 2000);
    expect(fresh.current).toBe(1);
    expect(fresh.ttl).toBeGreaterThan(0);
  });

  it('loses no hit when many arrive at once', async () => {
    const store = routeStore('/api/v1/burst');
    const results = await Promise.all(Array.from({ length: 40 }, () => incr(store, '10.0.0.5', 60_000)));
    expect(results.map((r) => r.current).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
  });

  it('prunes rows whose window ended more than a minute ago, and only those', async () => {
    await t.ctx.database.query(
      `insert into rate_limit_hits (key, count, reset_at) values
         ('old|1', 5, now() - interval '2 minutes'), ('old|2', 5, now() - interval '1 hour')`,
    );
    const live = routeStore('/api/v1/live');
    await incr(live, '10.0.0.6', 60_000);
    expect(await pruneRateLimitHits(t.ctx.database)).toBeGreaterThanOrEqual(2);
    const keys = (await t.ctx.database.query<{ key: string }>('select key from rate_limit_hits')).map(
      (r) => r.key,
    );
    expect(keys).not.toContain('old|1');
    expect(keys).toContain('POST /api/v1/live|10.0.0.6');
  });

  it('is the store the app uses: a limited route counts in the table', async () => {
    const client = t.client();
    for (let i = 0; i < 3; i++)
      await client.get(`/api/v1/public/registry?q=${encodeURIComponent('限流存储')}`);
    const rows = await t.ctx.database.query<{ count: number }>(
      `select count from rate_limit_hits where key like 'GET /api/v1/public/registry|%'`,
    );
    expect(rows).toEqual([{ count: 3 }]);
  });
});
