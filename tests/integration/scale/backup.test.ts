import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../../../src/server/db/client';
import { enterprises, files } from '../../../src/server/db/schema';
import { findPgTool } from '../../../src/server/services/backup';
import { LocalDiskStorage, newStorageKey } from '../../../src/server/services/storage';
import { makeUscc } from '../../helpers/accounts';
import { createScratchDatabase, REPO_ROOT, type ScratchDatabase } from '../../helpers/scale-env';

/*
 * `npm run cli -- backup FILE` and `restore FILE`: a round trip on the embedded database (always) and on
 * PostgreSQL (when TEST_DATABASE_URL is set). Data is created, backed up, destroyed, restored, and is back:
 * rows and an uploaded file.
 */

const execFileP = promisify(execFile);

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], env: Record<string, string>): Promise<CliResult> {
  try {
    const { stdout, stderr } = await execFileP(
      process.execPath,
      ['--import', 'tsx', 'src/server/cli.ts', ...args],
      {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? os.tmpdir(),
          LOG_LEVEL: 'silent',
          ...env,
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

function expectOk(r: CliResult): void {
  if (r.code !== 0) throw new Error(`cli exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
}

interface Seeded {
  enterpriseId: string;
  fileId: string;
  storageKey: string;
  bytes: Buffer;
}

/** An enterprise with a licence file: a row in two tables and bytes in STORAGE_DIR. */
async function seed(database: Database, storageDir: string, n: number): Promise<Seeded> {
  const bytes = crypto.randomBytes(50_000);
  const storageKey = newStorageKey('licences');
  await new LocalDiskStorage(storageDir).put(storageKey, bytes);
  const [e] = await database.db
    .insert(enterprises)
    .values({
      name: '苏州备份恢复测试有限公司',
      uscc: makeUscc(n),
      contactName: '王备份',
      contactMobile: '13900001111',
      countyCode: '320583',
      cityCode: '320500',
    })
    .returning({ id: enterprises.id });
  const [f] = await database.db
    .insert(files)
    .values({
      storageKey,
      enterpriseId: e!.id,
      purpose: 'licence',
      originalName: '营业执照.png',
      mimeType: 'image/png',
      sizeBytes: bytes.length,
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    })
    .returning({ id: files.id });
  return { enterpriseId: e!.id, fileId: f!.id, storageKey, bytes };
}

/** The seeded rows and file are all there, unchanged. */
async function expectRestored(database: Database, storageDir: string, s: Seeded): Promise<void> {
  const [e] = await database.db.select().from(enterprises).where(eq(enterprises.id, s.enterpriseId));
  expect(e?.name).toBe('苏州备份恢复测试有限公司');
  const [f] = await database.db.select().from(files).where(eq(files.id, s.fileId));
  expect(f?.storageKey).toBe(s.storageKey);
  expect((await new LocalDiskStorage(storageDir).get(s.storageKey)).equals(s.bytes)).toBe(true);
  const rows = await database.query<{ n: number }>(
    `select count(*)::int as n from enterprises where name = '事后新增的企业'`,
  );
  expect(rows[0]!.n).toBe(0);
}

/** After the backup: the rows are changed and deleted, a later row is added, the file is gone. */
async function destroy(database: Database, storageDir: string, s: Seeded): Promise<void> {
  await database.db.delete(files).where(eq(files.id, s.fileId));
  await database.db
    .update(enterprises)
    .set({ name: '被改掉的名称' })
    .where(eq(enterprises.id, s.enterpriseId));
  await database.db.insert(enterprises).values({
    name: '事后新增的企业',
    uscc: makeUscc(880_002),
    contactName: '李',
    contactMobile: '13900002222',
  });
  await new LocalDiskStorage(storageDir).delete(s.storageKey);
}

describe('backup and restore on the embedded database (PGlite)', () => {
  let root: string;
  let env: Record<string, string>;
  let dataDir: string;
  let storageDir: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sme-backup-pglite-'));
    dataDir = path.join(root, 'data');
    storageDir = path.join(dataDir, 'files');
    env = { DATA_DIR: dataDir, APP_MODE: 'test' };
  });
  afterAll(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('round trip: data and files backed up, destroyed, restored into an empty data directory', async () => {
    let database = await openDatabase({ dataDir });
    const s = await seed(database, storageDir, 880_001);
    await database.close();

    const file = path.join(root, 'backups', 'sme.tar.gz');
    const b = await cli(['backup', file], env);
    expectOk(b);
    expect(b.stdout).toContain('已备份到');
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    expect(fs.existsSync(`${file}.files.tar.gz`)).toBe(true);

    database = await openDatabase({ dataDir });
    await destroy(database, storageDir, s);
    await database.close();

    // A restore over an existing database is refused without --force …
    const refused = await cli(['restore', file], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('恢复只写入空的数据目录');

    // … and refused while a process holds the data directory.
    database = await openDatabase({ dataDir });
    try {
      const locked = await cli(['restore', file, '--force'], env);
      expect(locked.code).toBe(2);
      expect(locked.stderr).toContain('正被另一个进程');
    } finally {
      await database.close();
    }

    // With the old database moved aside (--force), the backup comes back.
    const r = await cli(['restore', file, '--force'], env);
    expectOk(r);
    expect(r.stdout).toContain('原数据库目录已改名为');
    expect(fs.readdirSync(dataDir).some((d) => d.startsWith('pgdata.before-restore-'))).toBe(true);

    database = await openDatabase({ dataDir });
    try {
      await expectRestored(database, storageDir, s);
    } finally {
      await database.close();
    }
  }, 240_000);

  it('backup is refused while a process holds the data directory', async () => {
    const database = await openDatabase({ dataDir });
    try {
      const r = await cli(['backup', path.join(root, 'again.tar.gz')], env);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('嵌入式数据库只允许一个进程打开同一目录');
      expect(fs.existsSync(path.join(root, 'again.tar.gz'))).toBe(false);
    } finally {
      await database.close();
    }
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
  describe('backup and restore on PostgreSQL (pg_dump / pg_restore)', () => {
    let root: string;
    let scratch: ScratchDatabase;
    let env: Record<string, string>;
    let storageDir: string;
    beforeAll(async () => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'sme-backup-pg-'));
      storageDir = path.join(root, 'files');
      scratch = await createScratchDatabase(serverUrl, 'backup');
      env = {
        DATABASE_URL: scratch.url,
        STORAGE_DIR: storageDir,
        DATA_DIR: path.join(root, 'data'),
        APP_MODE: 'test',
      };
    });
    afterAll(async () => {
      await scratch?.drop();
      fs.rmSync(root, { recursive: true, force: true });
    });

    it('finds pg_dump and pg_restore', () => {
      expect(findPgTool('pg_dump')).toMatch(/pg_dump$/);
      expect(findPgTool('pg_restore', { PATH: '' })).toMatch(
        /^\/usr\/lib\/postgresql\/\d+\/bin\/pg_restore$/,
      );
    });

    it('round trip: data and files backed up, destroyed, restored with pg_restore --clean', async () => {
      let database = await openDatabase({ databaseUrl: scratch.url, poolSize: 2 });
      let s: Seeded;
      try {
        s = await seed(database, storageDir, 880_003);
      } finally {
        await database.close();
      }

      const file = path.join(root, 'sme.dump');
      const b = await cli(['backup', file], env);
      expectOk(b);
      expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('PGDMP');
      expect(fs.existsSync(`${file}.files.tar.gz`)).toBe(true);

      database = await openDatabase({ databaseUrl: scratch.url, poolSize: 2, skipMigrations: true });
      try {
        await destroy(database, storageDir, s);
      } finally {
        await database.close();
      }

      const r = await cli(['restore', file], env);
      expectOk(r);
      expect(r.stdout).toContain('数据库已从');

      database = await openDatabase({ databaseUrl: scratch.url, poolSize: 2 });
      try {
        await expectRestored(database, storageDir, s);
      } finally {
        await database.close();
      }
    }, 180_000);

    it('a missing backup file is a clear error', async () => {
      const r = await cli(['restore', path.join(root, 'nope.dump')], env);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('备份文件不存在');
    });
  });
}
