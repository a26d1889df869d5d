/**
 * Bench databases on the PostgreSQL server: created as bench_<name>, dropped afterwards. The server is
 * BENCH_DATABASE_URL (set by scripts/bench.sh to its private server, or by the caller), else
 * postgres://postgres@127.0.0.1:5432/postgres (trust auth); the database name in the URL is only for connecting.
 */
import pg from 'pg';
import type { SqlRunner } from '../../scripts/generate-data';

export const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ||
  process.env.BENCH_ADMIN_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function checkName(name: string): void {
  if (!/^bench_[a-z0-9_]+$/.test(name)) throw new Error(`bench databases are named bench_*: ${name}`);
}

export async function databaseExists(name: string): Promise<boolean> {
  return admin(async (c) => {
    const r = await c.query('select 1 from pg_database where datname = $1', [name]);
    return r.rowCount === 1;
  });
}

export async function createDatabase(name: string): Promise<string> {
  checkName(name);
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  return databaseUrl(name);
}

export async function dropDatabase(name: string): Promise<void> {
  checkName(name);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** A small pool as a SqlRunner (the generator's and the scenarios' setup queries). */
export function poolRunner(url: string, max = 4): SqlRunner & { pool: pg.Pool; close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => undefined);
  return {
    pool,
    async query<T>(text: string, params: unknown[] = []) {
      const r = await pool.query(text, params);
      return r.rows as T[];
    },
    close: () => pool.end(),
  };
}

/** Server facts for the report. */
export async function serverFacts(db: SqlRunner): Promise<Record<string, string>> {
  const rows = await db.query<{ name: string; setting: string }>(
    `select name, setting || coalesce(unit, '') as setting from pg_settings
     where name in ('server_version', 'shared_buffers', 'work_mem', 'effective_cache_size', 'synchronous_commit',
                    'fsync', 'max_connections', 'random_page_cost', 'jit')`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
}
