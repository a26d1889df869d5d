import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../../src/server/app';
import { loadConfig, type AppConfig } from '../../src/server/config';
import { openDatabase, PGLITE_EXTENSIONS, type Database } from '../../src/server/db/client';
import { ManualClock } from '../../src/server/services/clock';
import type { AppContext } from '../../src/server/types';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: ManualClock;
  config: AppConfig;
  client(): TestClient;
  close(): Promise<void>;
}

/** A fresh database for one test file: a copy of the migrated template on PGlite or on the PostgreSQL server. */
async function freshDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const pgTemplate = inject('pgTemplate');
  const url = process.env.TEST_DATABASE_URL;
  if (pgTemplate && url) {
    const name = `sme_test_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${pgTemplate}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 5, skipMigrations: true });
    return {
      database,
      drop: async () => {
        await database.close();
        // pool.end() resolves before its connections are gone; dropping now would kill them mid-close (57P01).
        for (let i = 0; i < 100; i++) {
          const { rows } = await admin.query(
            'select count(*)::int as n from pg_stat_activity where datname = $1',
            [name],
          );
          if (rows[0].n === 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dump = fs.readFileSync(inject('pgliteTemplate'));
  const client = await PGlite.create({ loadDataDir: new Blob([dump]), extensions: PGLITE_EXTENSIONS });
  const database = await openDatabase({ pglite: client, skipMigrations: true });
  return { database, drop: () => database.close() };
}

export async function createTestApp(
  opts: {
    env?: Record<string, string>;
    clock?: ManualClock;
    logStream?: NodeJS.WritableStream;
    /** Settings the environment cannot give in test mode (e.g. secureCookies, production's). */
    config?: Partial<AppConfig>;
  } = {},
): Promise<TestApp> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sme-test-'));
  const config = loadConfig({
    APP_MODE: 'test',
    LOG_LEVEL: opts.logStream ? 'info' : 'silent',
    DATA_DIR: tmp,
    WEB_DIST_DIR: path.join(tmp, 'no-web'),
    ...opts.env,
  });
  Object.assign(config, opts.config);
  const { database, drop } = await freshDatabase();
  const clock = opts.clock ?? new ManualClock(new Date());
  const app = await buildApp(config, {
    database,
    clock,
    ...(opts.logStream ? { logStream: opts.logStream } : {}),
  });
  return {
    app,
    ctx: app.ctx,
    clock,
    config,
    client: () => new TestClient(app),
    close: async () => {
      await app.close();
      await drop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

type Json = Record<string, unknown> | unknown[];

/** A browser-like client over app.inject(): keeps cookies and sends the CSRF header like the web app does. */
export class TestClient {
  readonly cookies = new Map<string, string>();
  /** The client's address as the server sees it (light-my-request's default is 127.0.0.1). */
  remoteAddress: string | undefined;
  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keepCookies(res: LightMyRequestResponse): void {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0;
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  /** Fetches the session state, which also sets the CSRF cookie. */
  async session(): Promise<{ user: Record<string, unknown> | null; csrfToken: string }> {
    const res = await this.get('/api/v1/auth/session');
    return res.json();
  }

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    opts: { json?: Json; payload?: string | Buffer; headers?: Record<string, string> } = {},
  ): Promise<LightMyRequestResponse> {
    if (method !== 'GET' && !this.cookies.has('csrf')) await this.session();
    const headers: Record<string, string> = { 'user-agent': 'vitest', ...opts.headers };
    const cookie = this.cookieHeader();
    if (cookie) headers.cookie = cookie;
    if (method !== 'GET' && this.cookies.get('csrf') && !('x-csrf-token' in headers)) {
      headers['x-csrf-token'] = this.cookies.get('csrf')!;
    }
    const res = await this.app.inject({
      method,
      url,
      headers,
      ...(this.remoteAddress ? { remoteAddress: this.remoteAddress } : {}),
      ...(opts.json !== undefined ? { payload: opts.json as object } : {}),
      ...(opts.payload !== undefined ? { payload: opts.payload } : {}),
    });
    this.keepCookies(res);
    return res;
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, headers ? { headers } : {});
  }
  post(url: string, json?: Json, headers?: Record<string, string>) {
    return this.request('POST', url, { json: json ?? {}, ...(headers ? { headers } : {}) });
  }
  put(url: string, json?: Json) {
    return this.request('PUT', url, { json: json ?? {} });
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }
}
