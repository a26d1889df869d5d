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
  close(): Promise<void>;
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
}

/**
 * Opens the platform's database: a PostgreSQL server when `databaseUrl` is given, otherwise PGlite embedded
 * in `<dataDir>/pgdata`. PGlite is single-process: a second process on the same directory silently loses data,
 * so the directory is locked and a second process is refused with a clear message.
 */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10, !opts.skipMigrations);
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
  return {
    db,
    kind: 'pglite',
    async query<T>(text: string, params: unknown[] = []) {
      const res = await client.query<T>(text, params);
      return res.rows;
    },
    poolStats: () => ({ total: 1, max: 1 }),
    async close() {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

async function openPostgres(url: string, poolSize: number, runMigrations: boolean): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
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
    close: () => pool.end(),
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
