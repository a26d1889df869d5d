import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createScratchDatabase,
  REPO_ROOT,
  spawnServer,
  type ScratchDatabase,
  type ServerProcess,
} from '../../helpers/scale-env';

/*
 * The production build (issue #11): `npm run build` compiles the server to dist/server/, and `npm start` with
 * APP_MODE=production runs that JavaScript with no tsx anywhere in the process tree. On PGlite (no
 * TEST_DATABASE_URL) the compiled server migrates a fresh embedded database; on PostgreSQL a scratch database —
 * both through the SQL migrations copied beside the compiled code.
 */

const serverUrl = process.env.TEST_DATABASE_URL;
const PEPPER = 'compiled-build-test-pepper-0123456789';
/** The server's own node process (not npm, not the `sh -c` npm runs it through). */
const SERVER_NODE = /^(\S*\/)?node scripts\/start\.mjs main/;

/** Command lines (and NODE_OPTIONS) of every process in the process group `pgid`. */
function processGroup(pgid: number): { pid: number; cmdline: string; nodeOptions: string }[] {
  const out: { pid: number; cmdline: string; nodeOptions: string }[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name "(…)": state ppid pgrp …
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const environ = fs.readFileSync(`/proc/${name}/environ`, 'utf8').split('\0');
      out.push({
        pid: Number(name),
        cmdline: fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim(),
        nodeOptions: environ.find((e) => e.startsWith('NODE_OPTIONS=')) ?? '',
      });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

describe('the compiled production build', () => {
  let dataDir: string;
  let db: ScratchDatabase | undefined;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    // What `npm run build` does for the server (the web half is vite's, covered by the journeys).
    execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: REPO_ROOT, stdio: 'pipe' });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sme-compiled-'));
    if (serverUrl) db = await createScratchDatabase(serverUrl, 'compiled');
  });

  afterAll(async () => {
    await server?.kill();
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function productionEnv(): Record<string, string> {
    return {
      APP_MODE: 'production',
      DATA_DIR: dataDir,
      SMS_CODE_PEPPER: PEPPER,
      // No SMS gateway in this test: the dry-run switch keeps messages in the outbox table.
      SMS_ALLOW_OUTBOX_IN_PRODUCTION: 'true',
      LOG_LEVEL: 'warn',
      ...(db ? { DATABASE_URL: db.url } : {}),
    };
  }

  it('wrote the server entries and the SQL migrations into dist/server', () => {
    const out = path.join(REPO_ROOT, 'dist/server');
    expect(fs.existsSync(path.join(out, 'main.js'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'cli.js'))).toBe(true);
    const sql = fs
      .readdirSync(path.join(REPO_ROOT, 'src/server/db/migrations'))
      .filter((f) => f.endsWith('.sql'));
    expect(sql.length).toBeGreaterThan(0);
    expect(fs.readdirSync(path.join(out, 'migrations')).filter((f) => f.endsWith('.sql'))).toEqual(sql);
    // No TypeScript loader is referenced by the compiled code.
    for (const f of fs.readdirSync(out).filter((n) => n.endsWith('.js'))) {
      expect(fs.readFileSync(path.join(out, f), 'utf8')).not.toMatch(/from ["']tsx|import\(["']tsx/);
    }
  });

  it('refuses to start in production without the required settings, naming the missing one', async () => {
    const { SMS_CODE_PEPPER: _omitted, ...env } = productionEnv();
    const p = await spawnServer(env, { waitReady: false, command: ['npm', 'start'] });
    const code = await p.exited;
    expect(code).not.toBe(0);
    expect(p.output()).toContain('SMS_CODE_PEPPER');
    // Nor without an SMS gateway (SMS_PROVIDER), unless it is a declared dry run.
    const { SMS_ALLOW_OUTBOX_IN_PRODUCTION: _dryRun, ...noGateway } = productionEnv();
    const q = await spawnServer(noGateway, { waitReady: false, command: ['npm', 'start'] });
    expect(await q.exited).not.toBe(0);
    expect(q.output()).toContain('SMS_PROVIDER');
  });

  it('`npm start` in production runs dist/server/main.js with no tsx in the process tree', async () => {
    server = await spawnServer(productionEnv(), { command: ['npm', 'start'] });
    const health = await fetch(`${server.baseUrl}/api/health`);
    expect(health.status).toBe(200);

    const group = processGroup(server.child.pid!);
    const node = group.find((p) => SERVER_NODE.test(p.cmdline));
    expect(node, JSON.stringify(group)).toBeDefined();
    for (const p of group) {
      expect(p.cmdline).not.toMatch(/tsx/);
      expect(p.nodeOptions).not.toMatch(/tsx/);
    }
    // Production really: no demo data, no developer outbox.
    const outbox = await fetch(`${server.baseUrl}/api/v1/dev/sms`);
    expect(outbox.status).toBe(404);
  });

  it('shuts down gracefully on SIGTERM (what systemd sends): exit 0, the data directory lock released', async () => {
    const p = server!;
    const node = processGroup(p.child.pid!).find((x) => SERVER_NODE.test(x.cmdline))!;
    process.kill(node.pid, 'SIGTERM');
    expect(await p.exited).toBe(0);
    await expect(fetch(`${p.baseUrl}/api/health`)).rejects.toThrow();
    if (!db) expect(fs.existsSync(path.join(dataDir, 'platform.lock'))).toBe(false);
    server = undefined;
  });
});
