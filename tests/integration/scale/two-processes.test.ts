import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { S3Storage } from '../../../src/server/services/storage-s3';
import { makeUscc, multipart, registerFields } from '../../helpers/accounts';
import { pngBuffer } from '../../helpers/images';
import {
  createScratchDatabase,
  HttpClient,
  spawnServer,
  startLocalS3,
  type LocalS3,
  type ScratchDatabase,
  type ServerProcess,
} from '../../helpers/scale-env';

/*
 * Several app processes (docs/adr/0008-several-processes.md). On PostgreSQL (TEST_DATABASE_URL set) two real
 * server processes share one database and one object store, and everything a user or a worker does on one
 * is seen by the other. On PGlite the guarantee is the opposite one: a second process on the same data
 * directory is refused, because the embedded database would silently lose data.
 */

const serverUrl = process.env.TEST_DATABASE_URL;
const PEPPER = 'scale-test-pepper-shared-by-both-processes';

if (serverUrl) {
  describe('two app processes on one PostgreSQL database and one object store', () => {
    let s3: LocalS3;
    let db: ScratchDatabase;
    let sql: pg.Client;
    let p1: ServerProcess;
    let p2: ServerProcess;

    beforeAll(async () => {
      s3 = await startLocalS3();
      db = await createScratchDatabase(serverUrl, 'twoproc');
      const env = {
        DATABASE_URL: db.url,
        DB_POOL_SIZE: '4',
        SMS_CODE_PEPPER: PEPPER,
        ...s3.env,
      };
      // Both start at once on an empty database: one migrates under the advisory lock, the other waits.
      [p1, p2] = await Promise.all([spawnServer(env), spawnServer(env)]);
      sql = new pg.Client({ connectionString: db.url });
      await sql.connect();
    });

    afterAll(async () => {
      await Promise.all([p1?.kill(), p2?.kill()]);
      await sql?.end();
      await db?.drop();
      await s3?.close();
    });

    it('started both processes on the freshly migrated database', async () => {
      const { rows } = await sql.query<{ n: number }>(
        'select count(*)::int as n from drizzle.__drizzle_migrations',
      );
      const migrations = fs
        .readdirSync(path.resolve(import.meta.dirname, '../../../src/server/db/migrations'))
        .filter((f) => f.endsWith('.sql'));
      // Each migration applied once although two processes ran the migrator.
      expect(rows[0]!.n).toBe(migrations.length);
      for (const p of [p1, p2]) expect((await fetch(`${p.baseUrl}/api/health`)).status).toBe(200);
    });

    it('shares sessions: a login on process 1 works on process 2, and a logout on 2 ends it on 1', async () => {
      const username = `twoproc_${Date.now()}`;
      const factory = await new HttpClient(p1.baseUrl).post('/api/v1/test/factory/enterprise-user', {
        username,
        password: 'Qiye#Lvse2024',
        enterpriseName: '苏州双进程测试有限公司',
        uscc: makeUscc(990_001),
        mobile: '13912340001',
        countyCode: '320583',
        cityCode: '320500',
      });
      expect(factory.status).toBe(201);

      const on1 = new HttpClient(p1.baseUrl);
      const login = await on1.post('/api/v1/auth/login', { username, password: 'Qiye#Lvse2024' });
      expect(login.status).toBe(200);
      expect(on1.cookies.get('sid')).toBeTruthy();

      const on2 = on1.on(p2.baseUrl);
      const session2 = (await (await on2.get('/api/v1/auth/session')).json()) as {
        user: { username: string } | null;
      };
      expect(session2.user?.username).toBe(username);

      // The same browser logs out on process 2 (CSRF token of the session, checked there too) …
      const staleCookies = new Map(on1.cookies);
      const logout = await on2.post('/api/v1/auth/logout');
      expect(logout.status).toBe(204);
      // … and the old session cookie, replayed on process 1, is no longer a session.
      const replay = new HttpClient(p1.baseUrl);
      for (const [k, v] of staleCookies) replay.cookies.set(k, v);
      const after = (await (await replay.get('/api/v1/auth/session')).json()) as { user: unknown };
      expect(after.user).toBeNull();
    });

    it('shares rate limits: hits split across both processes reach the limit at the same total as on one', async () => {
      // The registry allows 30 queries per IP per minute.
      const url = `/api/v1/public/registry?q=${encodeURIComponent('双进程限流测试')}`;
      const statuses: number[] = [];
      const remaining: string[] = [];
      for (let i = 0; i < 30; i++) {
        const res = await fetch(`${(i % 2 === 0 ? p1 : p2).baseUrl}${url}`);
        statuses.push(res.status);
        remaining.push(res.headers.get('x-ratelimit-remaining') ?? '');
        await res.arrayBuffer();
      }
      expect(statuses.every((s) => s === 200)).toBe(true);
      // One counter: the remaining allowance falls by one per hit, whichever process answers.
      expect(remaining).toEqual(Array.from({ length: 30 }, (_, i) => String(29 - i)));
      for (const p of [p1, p2]) {
        const res = await fetch(`${p.baseUrl}${url}`);
        expect(res.status).toBe(429);
        const body = (await res.json()) as { code: string; message: string };
        expect(body.code).toBe('RATE_LIMITED');
        expect(body.message).toMatch(/^查询过于频繁，请在 \d+ 秒后再试。$/);
      }
      const { rows } = await sql.query<{ count: number }>(
        `select count from rate_limit_hits where key like 'GET /api/v1/public/registry|%'`,
      );
      expect(rows).toEqual([{ count: 32 }]);
    });

    it('shares files: a licence uploaded through process 1 downloads through process 2', async () => {
      const browser = new HttpClient(p1.baseUrl);
      const fields = registerFields();
      // The captcha is made on process 2 and answered on process 1: captchas are rows too.
      const on2 = browser.on(p2.baseUrl);
      const { captchaId } = (await (await on2.get('/api/v1/captcha')).json()) as { captchaId: string };
      const { answer } = (await (await on2.get(`/api/v1/test/captcha/${captchaId}`)).json()) as {
        answer: string;
      };
      const codeRes = await browser.post('/api/v1/auth/register/sms-code', {
        ...fields,
        captchaId,
        captchaAnswer: answer,
      });
      expect(codeRes.status).toBe(200);
      const { rows: sms } = await sql.query<{ body: string }>(
        'select body from sms_outbox where mobile = $1 order by id desc limit 1',
        [fields.contactMobile],
      );
      const smsCode = /验证码 (\d{6})/.exec(sms[0]!.body)![1]!;

      const licence = await pngBuffer(200, 150);
      const { payload, headers } = multipart({ ...fields, smsCode }, { data: licence });
      const reg = await browser.request('POST', '/api/v1/auth/register', {
        raw: payload,
        contentType: headers['content-type'],
      });
      expect(reg.status).toBe(201);

      const { rows: fileRows } = await sql.query<{ id: string; storage_key: string }>(
        `select f.id, f.storage_key from files f join users u on u.enterprise_id = f.enterprise_id
          where u.username = $1 and f.purpose = 'licence'`,
        [fields.username],
      );
      expect(fileRows).toHaveLength(1);
      // The stored licence is the normalised image the server wrote to the object store (not to disk).
      const storage = new S3Storage(s3.config);
      let stored: Buffer;
      try {
        stored = await storage.get(fileRows[0]!.storage_key);
      } finally {
        storage.destroy();
      }
      expect(stored.length).toBeGreaterThan(0);

      const download = await browser.on(p2.baseUrl).get(`/api/v1/files/${fileRows[0]!.id}?download=1`);
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(stored)).toBe(true);
    });

    it('shares jobs: workers of both processes running at once send each SMS exactly once', async () => {
      const n = 60;
      const mobiles = Array.from({ length: n }, (_, i) => `1361234${String(i).padStart(4, '0')}`);
      for (const [i, mobile] of mobiles.entries()) {
        await sql.query(
          `insert into jobs (kind, payload, dedupe_key, run_at) values ('sms.send', $1, $2, 'epoch')`,
          [
            JSON.stringify({ mobile, template: 'review_digest', params: { arrived: i, pending: n } }),
            `scale:digest:${mobile}`,
          ],
        );
      }
      const run = async (p: ServerProcess) => {
        const c = new HttpClient(p.baseUrl);
        let ran = 0;
        for (;;) {
          const res = await c.post('/api/v1/test/jobs/run');
          expect(res.status).toBe(200);
          const r = (await res.json()) as { ran: number; failed: number };
          expect(r.failed).toBe(0);
          if (r.ran === 0) return ran;
          ran += r.ran;
        }
      };
      // Both workers claim from the same table at the same time, several callers per process.
      const counts = await Promise.all([run(p1), run(p2), run(p1), run(p2)]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(n);

      const { rows: sent } = await sql.query<{ mobile: string; n: number }>(
        `select mobile, count(*)::int as n from sms_outbox where mobile = any($1) group by mobile`,
        [mobiles],
      );
      expect(sent).toHaveLength(n);
      expect(sent.every((r) => r.n === 1)).toBe(true);
      const { rows: jobRows } = await sql.query<{ done: number; once: number }>(
        `select count(*) filter (where done_at is not null and last_error is null)::int as done,
                count(*) filter (where attempts = 1)::int as once
           from jobs where dedupe_key like 'scale:digest:%'`,
      );
      expect(jobRows[0]).toEqual({ done: n, once: n });
    });
  });
} else {
  describe('a second process on the same PGlite data directory', () => {
    let dataDir: string;
    let first: ServerProcess | undefined;
    let second: ServerProcess | undefined;
    beforeAll(() => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sme-twoproc-'));
    });
    afterAll(async () => {
      await second?.kill();
      await first?.kill();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('is refused with exit code 2 and a message in Chinese and English, and the first keeps serving', async () => {
      first = await spawnServer({ DATA_DIR: dataDir });
      second = await spawnServer({ DATA_DIR: dataDir }, { waitReady: false });
      expect(await second.exited).toBe(2);
      expect(second.output()).toContain(`正被另一个进程（PID`);
      expect(second.output()).toContain('嵌入式数据库只允许一个进程打开同一目录');
      expect(second.output()).toContain('is in use by another process');
      expect(second.output()).toContain('DATABASE_URL');
      const health = await fetch(`${first.baseUrl}/api/health`);
      expect(health.status).toBe(200);
      // The refused process did not take the lock over: it still names the first process.
      expect(fs.readFileSync(path.join(dataDir, 'platform.lock'), 'utf8')).toContain(String(first.child.pid));
    }, 180_000);
  });
}
