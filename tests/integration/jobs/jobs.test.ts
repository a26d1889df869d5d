import Fastify from 'fastify';
import { eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../../../src/server/db/client';
import { jobs } from '../../../src/server/db/schema';
import { ManualClock } from '../../../src/server/services/clock';
import {
  backoffMs,
  enqueue,
  JOB_LOCK_MS,
  PermanentJobError,
  registerJobHandler,
  runDueJobs,
  startJobWorker,
} from '../../../src/server/services/jobs';
import type { AppContext } from '../../../src/server/types';
import { createTestApp, type TestApp } from '../../helpers/test-app';

const START = '2023-03-01T09:00:00+08:00';
let t: TestApp;
let clock: ManualClock;

beforeAll(async () => {
  clock = new ManualClock(START);
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

async function job(id: number) {
  const [row] = await t.ctx.db.select().from(jobs).where(eq(jobs.id, id));
  return row!;
}

describe('enqueue', () => {
  it('writes nothing when the surrounding transaction rolls back', async () => {
    await expect(
      t.ctx.db.transaction(async (tx) => {
        await enqueue(tx, { kind: 'test.rollback', payload: { n: 1 }, dedupeKey: 'test.rollback:1' });
        throw new Error('the review action failed');
      }),
    ).rejects.toThrow('the review action failed');
    expect(await t.ctx.db.select().from(jobs).where(eq(jobs.kind, 'test.rollback'))).toHaveLength(0);
    // …and the dedupe key is still free.
    expect(
      await enqueue(t.ctx.db, { kind: 'test.rollback', payload: {}, dedupeKey: 'test.rollback:1' }),
    ).not.toBeNull();
  });

  it('does nothing for a dedupe key that exists already (ON CONFLICT DO NOTHING)', async () => {
    const first = await enqueue(t.ctx.db, {
      kind: 'test.dedupe',
      payload: { v: 1 },
      dedupeKey: 'test.dedupe:a',
    });
    const second = await t.ctx.db.transaction((tx) =>
      enqueue(tx, { kind: 'test.dedupe', payload: { v: 2 }, dedupeKey: 'test.dedupe:a' }),
    );
    expect(first).toEqual(expect.any(Number));
    expect(second).toBeNull();
    const rows = await t.ctx.db.select().from(jobs).where(eq(jobs.kind, 'test.dedupe'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toEqual({ v: 1 });
    // Jobs without a key are never deduplicated.
    await enqueue(t.ctx.db, { kind: 'test.dedupe', payload: {} });
    await enqueue(t.ctx.db, { kind: 'test.dedupe', payload: {} });
    expect(await t.ctx.db.select().from(jobs).where(eq(jobs.kind, 'test.dedupe'))).toHaveLength(3);
    registerJobHandler('test.dedupe', async () => undefined);
    await runDueJobs(t.ctx);
  });
});

describe('runDueJobs', () => {
  it('runs a job once, passing its payload, and marks it done', async () => {
    const seen: unknown[] = [];
    registerJobHandler('test.once', async (_ctx, payload, info) => {
      seen.push({ payload, attempt: info.attempt });
    });
    const id = (await enqueue(t.ctx.db, { kind: 'test.once', payload: { hello: '世界' } }))!;
    const r = await runDueJobs(t.ctx);
    expect(r).toMatchObject({ ran: 1, succeeded: 1, failed: 0 });
    expect(seen).toEqual([{ payload: { hello: '世界' }, attempt: 1 }]);
    expect(await job(id)).toMatchObject({
      attempts: 1,
      lastError: null,
      lockedUntil: null,
      doneAt: clock.now(),
    });
    expect((await runDueJobs(t.ctx)).ran).toBe(0);
  });

  it('waits for runAt by the injected clock', async () => {
    let runs = 0;
    registerJobHandler('test.scheduled', async () => {
      runs += 1;
    });
    await enqueue(t.ctx.db, {
      kind: 'test.scheduled',
      payload: {},
      runAt: new Date(clock.now().getTime() + 60 * 60_000),
    });
    await runDueJobs(t.ctx);
    expect(runs).toBe(0);
    clock.advance(60 * 60_000 - 1);
    await runDueJobs(t.ctx);
    expect(runs).toBe(0);
    clock.advance(1);
    await runDueJobs(t.ctx);
    expect(runs).toBe(1);
  });

  it('retries a failing handler with exponential backoff, then succeeds', async () => {
    let calls = 0;
    registerJobHandler('test.flaky', async () => {
      calls += 1;
      if (calls <= 2) throw new Error(`gateway timeout #${calls}`);
    });
    const id = (await enqueue(t.ctx.db, { kind: 'test.flaky', payload: {} }))!;

    const r1 = await runDueJobs(t.ctx);
    expect(r1).toMatchObject({ ran: 1, failed: 1, gaveUp: 0 });
    let row = await job(id);
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain('gateway timeout #1');
    expect(row.doneAt).toBeNull();
    expect(row.lockedUntil).toBeNull();
    expect(row.runAt.getTime()).toBe(clock.now().getTime() + backoffMs(1));
    expect(backoffMs(1)).toBe(30_000);

    // Not before its time.
    clock.advance(backoffMs(1) - 1);
    expect((await runDueJobs(t.ctx)).ran).toBe(0);
    clock.advance(1);
    expect(await runDueJobs(t.ctx)).toMatchObject({ ran: 1, failed: 1 });
    row = await job(id);
    expect(row.attempts).toBe(2);
    expect(row.lastError).toContain('gateway timeout #2');
    // The second delay is twice the first.
    expect(row.runAt.getTime()).toBe(clock.now().getTime() + backoffMs(2));
    expect(backoffMs(2)).toBe(2 * backoffMs(1));

    clock.advance(backoffMs(2));
    expect(await runDueJobs(t.ctx)).toMatchObject({ ran: 1, succeeded: 1 });
    row = await job(id);
    expect(row).toMatchObject({ attempts: 3, lastError: null });
    expect(row.doneAt).not.toBeNull();
    expect(calls).toBe(3);
  });

  it('gives up after maxAttempts, keeping the last error', async () => {
    let calls = 0;
    registerJobHandler('test.broken', async () => {
      calls += 1;
      throw new Error(`still broken (${calls})`);
    });
    const id = (await enqueue(t.ctx.db, { kind: 'test.broken', payload: {}, maxAttempts: 3 }))!;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const r = await runDueJobs(t.ctx);
      expect(r).toMatchObject({ ran: 1, failed: 1, gaveUp: attempt === 3 ? 1 : 0 });
      clock.advance(backoffMs(attempt));
    }
    const row = await job(id);
    expect(row.attempts).toBe(3);
    expect(row.doneAt).not.toBeNull();
    expect(row.lastError).toContain('still broken (3)');
    clock.advance(24 * 60 * 60_000);
    expect((await runDueJobs(t.ctx)).ran).toBe(0);
    expect(calls).toBe(3);
  });

  it('gives up at once on a permanent error or an unknown kind', async () => {
    registerJobHandler('test.permanent', async () => {
      throw new PermanentJobError('record gone');
    });
    const a = (await enqueue(t.ctx.db, { kind: 'test.permanent', payload: {} }))!;
    const b = (await enqueue(t.ctx.db, { kind: 'test.nobody-handles-this', payload: {} }))!;
    expect(await runDueJobs(t.ctx)).toMatchObject({ ran: 2, gaveUp: 2 });
    expect(await job(a)).toMatchObject({ attempts: 1, lastError: expect.stringContaining('record gone') });
    expect((await job(a)).doneAt).not.toBeNull();
    expect((await job(b)).lastError).toContain('no handler registered');
  });

  it('runs again a job whose worker died, once its lock has expired', async () => {
    let runs = 0;
    registerJobHandler('test.crashed', async () => {
      runs += 1;
    });
    const id = (await enqueue(t.ctx.db, { kind: 'test.crashed', payload: {} }))!;
    // A worker claimed it (attempt 1) and its process died before finishing.
    await t.ctx.db
      .update(jobs)
      .set({ attempts: 1, lockedUntil: new Date(clock.now().getTime() + JOB_LOCK_MS) })
      .where(eq(jobs.id, id));
    expect((await runDueJobs(t.ctx)).ran).toBe(0);
    clock.advance(JOB_LOCK_MS + 1);
    expect((await runDueJobs(t.ctx)).ran).toBe(1);
    expect(runs).toBe(1);
    expect(await job(id)).toMatchObject({ attempts: 2, lastError: null });
  });

  it('picks up, in the same call, jobs that a handler enqueues for now', async () => {
    const order: string[] = [];
    registerJobHandler('test.parent', async (ctx) => {
      order.push('parent');
      await enqueue(ctx.db, { kind: 'test.child', payload: {}, dedupeKey: 'test.child:1' });
    });
    registerJobHandler('test.child', async () => {
      order.push('child');
    });
    await enqueue(t.ctx.db, { kind: 'test.parent', payload: {} });
    expect(await runDueJobs(t.ctx)).toMatchObject({ ran: 2, succeeded: 2 });
    expect(order).toEqual(['parent', 'child']);
  });

  it('respects the limit', async () => {
    registerJobHandler('test.limit', async () => undefined);
    for (let i = 0; i < 5; i++) await enqueue(t.ctx.db, { kind: 'test.limit', payload: { i } });
    expect((await runDueJobs(t.ctx, { limit: 3, batchSize: 2 })).ran).toBe(3);
    expect((await runDueJobs(t.ctx, { limit: 3 })).ran).toBe(2);
  });
});

describe('two workers at once', () => {
  const APP_NAME = 'jobs-test-worker';

  /**
   * On PostgreSQL, two pools of their own on the test database, as two app processes would have; on PGlite,
   * the one connection (its queries are serialised, so "concurrent" runs interleave between statements).
   */
  async function workers(): Promise<{ a: AppContext; b: AppContext; close: () => Promise<void> }> {
    const url = process.env.TEST_DATABASE_URL;
    if (t.ctx.database.kind !== 'postgres' || !url)
      return { a: t.ctx, b: t.ctx, close: async () => undefined };
    const [row] = await t.ctx.database.query<{ name: string }>('select current_database() as name');
    const u = new URL(url);
    u.pathname = `/${row!.name}`;
    u.searchParams.set('application_name', APP_NAME);
    const open = () => openDatabase({ databaseUrl: u.toString(), poolSize: 2, skipMigrations: true });
    const dbs: Database[] = [await open(), await open()];
    return {
      a: { ...t.ctx, database: dbs[0]!, db: dbs[0]!.db },
      b: { ...t.ctx, database: dbs[1]!, db: dbs[1]!.db },
      close: async () => {
        for (const d of dbs) await d.close();
        // pool.end() resolves before the server has seen every connection go; wait for them, so that dropping
        // the test database afterwards does not kill a closing connection.
        for (let i = 0; i < 100; i++) {
          const [c] = await t.ctx.database.query<{ n: number }>(
            'select count(*)::int as n from pg_stat_activity where application_name = $1',
            [APP_NAME],
          );
          if (c!.n === 0) break;
          await new Promise((r) => setTimeout(r, 20));
        }
      },
    };
  }

  it('never run the same job twice', async () => {
    const runs = new Map<string, number>();
    registerJobHandler('test.concurrent', async (_ctx, payload) => {
      const key = String(payload.n);
      runs.set(key, (runs.get(key) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 5));
    });
    const N = 60;
    await t.ctx.db.transaction(async (tx) => {
      for (let n = 0; n < N; n++) await enqueue(tx, { kind: 'test.concurrent', payload: { n } });
    });
    const w = await workers();
    try {
      const results = await Promise.all([
        runDueJobs(w.a, { limit: 1000, batchSize: 3 }),
        runDueJobs(w.b, { limit: 1000, batchSize: 3 }),
        runDueJobs(w.a, { limit: 1000, batchSize: 2 }),
        runDueJobs(w.b, { limit: 1000, batchSize: 2 }),
      ]);
      expect(results.reduce((s, r) => s + r.ran, 0)).toBe(N);
      expect(runs.size).toBe(N);
      expect([...runs.values()].every((c) => c === 1)).toBe(true);
      const rows = await t.ctx.db.select().from(jobs).where(eq(jobs.kind, 'test.concurrent'));
      expect(rows.every((j) => j.doneAt !== null && j.attempts === 1)).toBe(true);
    } finally {
      await w.close();
    }
  });
});

describe('startJobWorker', () => {
  it('polls for due jobs once ready and stops when the app closes', async () => {
    let runs = 0;
    registerJobHandler('test.worker', async () => {
      runs += 1;
    });
    const app = Fastify({ logger: false });
    app.decorate('ctx', t.ctx);
    startJobWorker(app, { intervalMs: 20 });
    await app.ready();
    await enqueue(t.ctx.db, { kind: 'test.worker', payload: {} });
    const until = Date.now() + 5000;
    while (runs === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(runs).toBe(1);
    await app.close();
    await enqueue(t.ctx.db, { kind: 'test.worker', payload: {} });
    await new Promise((r) => setTimeout(r, 100));
    expect(runs).toBe(1);
    expect((await runDueJobs(t.ctx)).ran).toBe(1);
  });
});
