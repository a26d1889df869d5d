import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { S3Config } from '../../src/server/config';

/*
 * What the scale tests need around the app: a local S3-compatible server (s3rver), scratch PostgreSQL databases,
 * and real server processes (`node --import tsx src/server/main.ts`).
 */

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

interface S3rverInstance {
  run(): Promise<{ port: number; address: string }>;
  close(): Promise<void>;
}
type S3rverCtor = new (opts: Record<string, unknown>) => S3rverInstance;

export interface LocalS3 {
  /** STORAGE_DRIVER=s3 settings for an app process. */
  env: Record<string, string>;
  config: S3Config;
  close(): Promise<void>;
}

/** An s3rver on a free loopback port with one empty bucket; its files live in a temporary directory. */
export async function startLocalS3(bucket = 'sme-files'): Promise<LocalS3> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverCtor;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sme-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  const config: S3Config = {
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    bucket,
    // s3rver's fixed credentials.
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    prefix: 'platform/',
  };
  return {
    config,
    env: {
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: config.endpoint!,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: config.accessKeyId,
      S3_SECRET_ACCESS_KEY: config.secretAccessKey,
      S3_PREFIX: 'platform',
    },
    close: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on TEST_DATABASE_URL's server (the app migrates it when it starts). */
export async function createScratchDatabase(serverUrl: string, tag = 'scale'): Promise<ScratchDatabase> {
  const name = `sme_${tag}_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    name,
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** Kills the whole process group (tsx runs the server in a child of node). */
  kill(): Promise<void>;
}

/**
 * Spawns `node --import tsx src/server/main.ts` (or `command`, e.g. `npm start` of the compiled build) in its own
 * process group with APP_MODE=test and the given env.
 * With `waitReady` (default) resolves once /api/health answers, or rejects with the process output.
 */
export async function spawnServer(
  env: Record<string, string>,
  opts: { waitReady?: boolean; timeoutMs?: number; command?: [string, ...string[]] } = {},
): Promise<ServerProcess> {
  const port = Number(env.PORT ?? (await freePort()));
  const [cmd, ...argv] = opts.command ?? [process.execPath, '--import', 'tsx', 'src/server/main.ts'];
  const child = spawn(cmd, argv, {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      TZ: 'Asia/Shanghai',
      APP_MODE: 'test',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'off',
      WEB_DIST_DIR: path.join(os.tmpdir(), 'sme-no-web'),
      ...env,
      PORT: String(port),
    },
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => (done = true));
  const proc: ServerProcess = {
    child,
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => out,
    exited,
    kill: async () => {
      if (done || child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    },
  };
  if (opts.waitReady === false) return proc;
  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (done) throw new Error(`server exited before it was ready:\n${out}`);
    try {
      const res = await fetch(`${proc.baseUrl}/api/health`);
      if (res.ok) return proc;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await proc.kill();
  throw new Error(`server not ready in time:\n${out}`);
}

/** A browser-like HTTP client of a real server: keeps cookies, sends the CSRF header like the web app. */
export class HttpClient {
  readonly cookies = new Map<string, string>();
  constructor(public baseUrl: string) {}

  /** The same browser (cookies) talking to another process. */
  on(baseUrl: string): HttpClient {
    const c = new HttpClient(baseUrl);
    for (const [k, v] of this.cookies) c.cookies.set(k, v);
    return c;
  }

  private keep(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired =
        value === '' ||
        attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) ||
        attrs.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now());
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(
    method: string,
    url: string,
    body?: { json?: unknown; raw?: Buffer; contentType?: string },
  ): Promise<Response> {
    if (method !== 'GET' && !this.cookies.has('csrf')) await this.request('GET', '/api/v1/auth/session');
    const headers: Record<string, string> = { 'user-agent': 'vitest-scale' };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && this.cookies.get('csrf')) headers['x-csrf-token'] = this.cookies.get('csrf')!;
    let payload: string | Uint8Array | undefined;
    if (body?.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body?.raw) {
      headers['content-type'] = body.contentType ?? 'application/octet-stream';
      payload = new Uint8Array(body.raw);
    }
    const res = await fetch(`${this.baseUrl}${url}`, { method, headers, body: payload ?? null });
    this.keep(res);
    return res;
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, json: unknown = {}) {
    return this.request('POST', url, { json });
  }
}
