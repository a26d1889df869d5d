import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestApp, type TestApp } from '../../helpers/test-app';

/*
 * /api/health is liveness (the process and its database answer); /api/ready is readiness: the database is
 * reachable, its schema carries every migration this build ships, and the file storage takes a write.
 */

describe('GET /api/ready', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is 200 with every check passed on a migrated database and writable storage, leaving no probe behind', async () => {
    const res = await t.client().get('/api/ready');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ready',
      checks: {
        database: { ok: true, message: '数据库可连接' },
        migrations: { ok: true, message: expect.stringMatching(/^数据库结构为最新（\d{4}_/) },
        storage: { ok: true, message: '文件存储可写' },
      },
    });
    const probes = path.join(t.config.storageDir, 'readiness');
    expect(fs.existsSync(probes) ? fs.readdirSync(probes) : []).toEqual([]);
    expect((await t.client().get('/api/health')).json()).toEqual({ status: 'ok' });
  });

  it('is 503 naming the migrations when the database lacks the newest one', async () => {
    const [last] = await t.ctx.database.query<{ id: number; hash: string; created_at: string }>(
      'select id, hash, created_at::text from drizzle.__drizzle_migrations order by created_at desc limit 1',
    );
    await t.ctx.database.query('delete from drizzle.__drizzle_migrations where id = $1', [last!.id]);
    try {
      const res = await t.client().get('/api/ready');
      expect(res.statusCode).toBe(503);
      expect(res.json().status).toBe('not_ready');
      expect(res.json().checks.migrations).toEqual({
        ok: false,
        message: expect.stringContaining('数据库结构落后于本版本'),
      });
      expect(res.json().checks.database.ok).toBe(true);
      // Liveness is unaffected: the process is alive, it just must not take traffic.
      expect((await t.client().get('/api/health')).statusCode).toBe(200);
    } finally {
      await t.ctx.database.query(
        'insert into drizzle.__drizzle_migrations (id, hash, created_at) values ($1, $2, $3::bigint)',
        [last!.id, last!.hash, last!.created_at],
      );
    }
    expect((await t.client().get('/api/ready')).statusCode).toBe(200);
  });
});

describe('GET /api/ready with storage that cannot be written', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sme-ready-'));
    // A regular file where the storage directory should be: nothing can be created below it.
    const blocker = path.join(dir, 'not-a-directory');
    fs.writeFileSync(blocker, 'x');
    t = await createTestApp({ env: { STORAGE_DIR: path.join(blocker, 'files') } });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is 503 naming the storage, with the database checks still passing', async () => {
    const res = await t.client().get('/api/ready');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({
      status: 'not_ready',
      checks: {
        database: { ok: true },
        migrations: { ok: true },
        storage: { ok: false, message: '文件存储不可写' },
      },
    });
  });
});
