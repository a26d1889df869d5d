import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema';
import { acquireDirLock, type DirLock } from './dir-lock';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/**
 * Extensions every PGlite instance of the platform's database must load (the migrations create them, and the
 * registry's trigram indexes need pg_trgm for every write to `enterprises`): pass them to every PGlite.create()
 * on a platform data directory or dump (openDatabase, backup/restore, the tests' templates).
 */
export const PGLITE_EXTENSIONS = { pg_trgm };

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /**
   * Runs a statement with positional parameters and returns its rows (bulk work, COPY-free fast paths). With
   * `name`, PostgreSQL prepares it once per pooled connection (a hot path's fixed SQL); PGlite ignores the name.
   */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], name?: string): Promise<T[]>;
  /** Connections of this process (the /metrics pool gauge). */
  poolStats(): PoolStats;
  /**
   * Receives the notifications of NOTIFY_CHANNELS (the session cache's invalidations, migration 0026) and whether
   * they are being received: see NotificationHandlers. Returns a function that stops listening.
   */
  listen(handlers: NotificationHandlers): () => Promise<void>;
  close(): Promise<void>;
}

/** The channels the triggers of migration 0026 notify on (docs/adr/0036-session-cache.md). */
export const NOTIFY_CHANNELS = ['session_changed', 'user_changed'] as const;
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];

export interface NotificationHandlers {
  /** A notification committed by any process, this one included. */
  notify(channel: NotifyChannel, payload: string): void;
  /**
   * Listening (again): every notification committed from now on arrives. Until the first call, and between down()
   * and the next up(), notifications may be lost.
   */
  up(): void;
  /** The listening connection is gone (dropped, not answering); it is being reopened. */
  down(err: unknown): void;
}

/**
 * PostgreSQL: the pg pool's open connections, the idle ones, the queries waiting for a connection, and the pool's
 * size (DB_POOL_SIZE). PGlite: one connection inside the process; its own queue serialises queries and shows
 * neither idleness nor waiters, so only total and max are reported.
 */
export interface PoolStats {
  total: number;
  idle?: number;
  waiting?: number;
  max: number;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
  /** Tests pass a ready PGlite instance (loaded from a migrated template); it is closed with the database. */
  pglite?: PGlite;
  /** Skip migrations (the instance was loaded from an already migrated template). */
  skipMigrations?: boolean;
  /**
   * PostgreSQL: where the listening connection goes (DATABASE_LISTEN_URL); default `databaseUrl`. LISTEN needs a
   * session of its own: behind a pooler in transaction mode, point it at PostgreSQL directly.
   */
  listenUrl?: string;
}

/**
 * Opens the platform's database: a PostgreSQL server when `databaseUrl` is given, otherwise PGlite embedded
 * in `<dataDir>/pgdata`. PGlite is single-process: a second process on the same directory silently loses data,
 * so the directory is locked and a second process is refused with a clear message.
 */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    return openPostgres(
      opts.databaseUrl,
      opts.listenUrl ?? opts.databaseUrl,
      opts.poolSize ?? 10,
      !opts.skipMigrations,
    );
  }
  if (opts.pglite) return wrapPglite(opts.pglite, undefined, !opts.skipMigrations);
  if (!opts.dataDir) throw new Error('dataDir or databaseUrl is required');
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const lock = acquireDirLock(opts.dataDir);
  try {
    const client = await PGlite.create({
      dataDir: path.join(opts.dataDir, 'pgdata'),
      extensions: PGLITE_EXTENSIONS,
    });
    return await wrapPglite(client, lock, !opts.skipMigrations);
  } catch (err) {
    lock.release();
    throw err;
  }
}

async function wrapPglite(
  client: PGlite,
  lock: DirLock | undefined,
  runMigrations: boolean,
): Promise<Database> {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  if (runMigrations) await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR });
  // One backend in this process: it listens itself, so the triggers' notifications come back on the connection
  // that committed them, before the statement's promise resolves (PGlite calls its listeners as microtasks while
  // it reads the answer). There is no connection to lose: listening is up for the life of the instance.
  const handlers = new Set<NotificationHandlers>();
  for (const channel of NOTIFY_CHANNELS) {
    await client.listen(channel, (payload) => {
      for (const h of handlers) h.notify(channel, payload);
    });
  }
  return {
    db,
    kind: 'pglite',
    async query<T>(text: string, params: unknown[] = []) {
      const res = await client.query<T>(text, params);
      return res.rows;
    },
    poolStats: () => ({ total: 1, max: 1 }),
    listen(h) {
      handlers.add(h);
      h.up();
      return async () => {
        handlers.delete(h);
      };
    },
    async close() {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

async function openPostgres(
  url: string,
  listenUrl: string,
  poolSize: number,
  runMigrations: boolean,
): Promise<Database> {
  const handlers = new Set<NotificationHandlers>();
  const dispatch = (msg: pg.Notification) => {
    const channel = msg.channel as NotifyChannel;
    if (!NOTIFY_CHANNELS.includes(channel)) return;
    for (const h of handlers) h.notify(channel, msg.payload ?? '');
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // Every pooled connection listens too, so a write of this process reaches its handlers when its commit
    // answers (PostgreSQL sends a session its own notifications before the commit's ReadyForQuery; node-postgres
    // emits them before it resolves the query): this process never serves a session it has just ended or changed.
    // Other processes learn it through their listening connection (listenToPostgres), a moment later.
    onConnect: async (client: pg.ClientBase) => {
      client.on('notification', dispatch);
      await client.query(NOTIFY_CHANNELS.map((c) => `LISTEN ${c}`).join('; '));
    },
  });
  // An idle connection dropped by the server (restart, failover, DROP DATABASE in tests) must not crash the
  // process: the pool discards it and the next query opens a new one.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  if (runMigrations) {
    // Several app processes may start at once: one migrates, the others wait on the advisory lock.
    const conn = await pool.connect();
    try {
      await conn.query('SELECT pg_advisory_lock(727001)');
      await migratePg(drizzlePg(conn), { migrationsFolder: MIGRATIONS_DIR });
    } finally {
      await conn.query('SELECT pg_advisory_unlock(727001)').catch(() => undefined);
      conn.release();
    }
  }
  return {
    db,
    kind: 'postgres',
    async query<T>(text: string, params: unknown[] = [], name?: string) {
      const res = await pool.query(name ? { name, text, values: params } : { text, values: params });
      return res.rows as T[];
    },
    poolStats: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max: poolSize,
    }),
    listen(h) {
      handlers.add(h);
      const stop = listenToPostgres(listenUrl, dispatch, h);
      return async () => {
        handlers.delete(h);
        await stop();
      };
    },
    close: () => pool.end(),
  };
}

/** How often the listening connection is asked a trivial query, and how long it may take to answer. */
const LISTEN_PING_MS = 5_000;
const LISTEN_PING_TIMEOUT_MS = 5_000;
/** Reconnection delays of the listening connection: doubling from the first to the last. */
const LISTEN_RETRY_MS = [100, 200, 500, 1_000, 2_000, 5_000];

/**
 * One connection of its own that LISTENs on NOTIFY_CHANNELS, reopened whenever it is lost: `up()` once LISTEN has
 * answered, `down()` as soon as the connection errs, ends, or leaves a ping unanswered (a peer gone without a
 * word: the socket would otherwise look open until TCP gives up). Returns the function that closes it for good.
 */
function listenToPostgres(
  url: string,
  dispatch: (msg: pg.Notification) => void,
  h: NotificationHandlers,
): () => Promise<void> {
  let stopped = false;
  let client: pg.Client | undefined;
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let pingTimer: NodeJS.Timeout | undefined;

  const lost = (c: pg.Client, err: unknown) => {
    if (client !== c) return;
    client = undefined;
    clearInterval(pingTimer);
    h.down(err);
    c.removeAllListeners('notification');
    c.end().catch(() => undefined);
    if (stopped) return;
    const delay = LISTEN_RETRY_MS[Math.min(attempt, LISTEN_RETRY_MS.length - 1)]!;
    attempt += 1;
    retryTimer = setTimeout(open, delay);
    retryTimer.unref();
  };

  const open = () => {
    if (stopped) return;
    const c = new pg.Client({
      connectionString: url,
      keepAlive: true,
      application_name: 'sme-session-listen',
    });
    client = c;
    c.on('error', (err) => lost(c, err));
    c.on('end', () => lost(c, new Error('listening connection ended')));
    c.on('notification', dispatch);
    c.connect()
      .then(() => c.query(NOTIFY_CHANNELS.map((ch) => `LISTEN ${ch}`).join('; ')))
      .then(() => {
        if (client !== c || stopped) return;
        attempt = 0;
        h.up();
        pingTimer = setInterval(() => ping(c), LISTEN_PING_MS);
        pingTimer.unref();
      })
      .catch((err: unknown) => lost(c, err));
  };

  const ping = (c: pg.Client) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error('listening connection did not answer')),
        LISTEN_PING_TIMEOUT_MS,
      );
    });
    Promise.race([c.query('SELECT 1'), timeout])
      .catch((err: unknown) => lost(c, err))
      .finally(() => clearTimeout(timer));
  };

  open();
  return async () => {
    stopped = true;
    clearTimeout(retryTimer);
    clearInterval(pingTimer);
    const c = client;
    client = undefined;
    if (c) await c.end().catch(() => undefined);
  };
}

/** True once the database answers a trivial query. */
export async function databaseReady(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
