import type { Database } from '../db/client';

/*
 * A @fastify/rate-limit store over the `rate_limit_hits` table, so every app process counts the same hits
 * (the plugin's default store is an in-process LRU: with two processes a client would get twice the limit).
 *
 * One row per route and client key; a fixed window. Each hit is ONE atomic statement: insert the row, or, when
 * it exists, start a new window if the old one has ended, else count one more. The row lock taken by
 * ON CONFLICT DO UPDATE serialises concurrent hits on the same key across processes, so no hit is lost.
 * "Now" is the database server's clock (`now()`), the one clock every process shares; the remaining time is
 * computed in SQL too, so app hosts with skewed clocks still agree.
 *
 * Expired rows are pruned by about one call in a hundred (a cheap DELETE on the reset_at index).
 *
 * The table is UNLOGGED (migration 0027, docs/adr/0037-unlogged-rate-limit-counters.md): a hit writes no WAL, so its
 * commit does not wait for the disk; a crash empties the counters. The hit is a named statement, prepared once per
 * pooled connection.
 */

interface StoreResult {
  current: number;
  ttl: number;
}
type StoreCallback = (err: Error | null, res?: StoreResult) => void;

/** What the plugin passes to `child()`: the merged route options (only the route's identity is used here). */
interface RouteRateLimitOptions {
  routeInfo?: { method?: string | string[]; url?: string };
  groupId?: string;
}

const INCR_SQL = `
insert into rate_limit_hits as h (key, count, reset_at)
values ($1, 1, now() + make_interval(secs => $2::double precision / 1000))
on conflict (key) do update set
  count = case when h.reset_at <= now() then 1 else least(h.count + 1, 2147483647) end,
  reset_at = case when h.reset_at <= now() then excluded.reset_at else h.reset_at end
returning count, greatest(0, ceil(extract(epoch from (reset_at - now())) * 1000))::bigint as ttl_ms`;

const READ_SQL = `
select count, greatest(0, ceil(extract(epoch from (reset_at - now())) * 1000))::bigint as ttl_ms
from rate_limit_hits where key = $1 and reset_at > now()`;

/** Rows whose window ended more than a minute ago are no longer needed by anyone. */
const PRUNE_SQL = `delete from rate_limit_hits where reset_at < now() - interval '1 minute'`;

/** Deletes expired counters; returns how many rows were removed. */
export async function pruneRateLimitHits(database: Pick<Database, 'query'>): Promise<number> {
  const rows = await database.query<{ n: number }>(
    `with d as (${PRUNE_SQL} returning 1) select count(*)::int as n from d`,
  );
  return rows[0]?.n ?? 0;
}

export interface DbRateLimitStoreOptions {
  /** Probability that a hit also prunes expired rows (default 0.01). */
  pruneProbability?: number;
  /** Called when a background prune fails (it never fails the request). */
  onPruneError?: (err: unknown) => void;
}

/** The per-route part of the key: hits on different routes never share a counter (as with the default store). */
function routePrefix(opts: RouteRateLimitOptions | undefined): string {
  const info = opts?.routeInfo;
  if (!info?.url) return 'global';
  const method = Array.isArray(info.method) ? info.method.join(',') : (info.method ?? '');
  return `${method} ${info.url}`;
}

/**
 * Returns the class to pass as the plugin's `store` option (the plugin instantiates it itself, with its global
 * options, and calls `child()` once per rate-limited route).
 */
export function createDbRateLimitStore(
  database: Pick<Database, 'query'>,
  opts: DbRateLimitStoreOptions = {},
) {
  const pruneProbability = opts.pruneProbability ?? 0.01;

  return class DbRateLimitStore {
    readonly prefix: string;

    // Typed `object`: the plugin's typings say RouteOptions, at run time it passes its merged options.
    constructor(routeOptions?: object) {
      this.prefix = routePrefix(routeOptions as RouteRateLimitOptions | undefined);
    }

    private keyOf(key: string): string {
      return `${this.prefix}|${key}`;
    }

    incr(key: string, cb: StoreCallback, timeWindow: number, _max?: number): void {
      database
        .query<{ count: number; ttl_ms: string | number }>(
          INCR_SQL,
          [this.keyOf(key), timeWindow],
          'rate_limit_incr',
        )
        .then((rows) => {
          const row = rows[0]!;
          cb(null, { current: Number(row.count), ttl: Number(row.ttl_ms) });
        })
        .catch((err: unknown) => cb(err instanceof Error ? err : new Error(String(err))));
      if (pruneProbability > 0 && Math.random() < pruneProbability) {
        database.query(PRUNE_SQL).catch((err: unknown) => opts.onPruneError?.(err));
      }
    }

    /** The non-mutating peek the plugin uses for `{ increment: false }`. */
    read(key: string, cb: StoreCallback): void {
      database
        .query<{ count: number; ttl_ms: string | number }>(READ_SQL, [this.keyOf(key)])
        .then((rows) => {
          const row = rows[0];
          cb(null, row ? { current: Number(row.count), ttl: Number(row.ttl_ms) } : { current: 0, ttl: 0 });
        })
        .catch((err: unknown) => cb(err instanceof Error ? err : new Error(String(err))));
    }

    child(routeOptions: object): DbRateLimitStore {
      return new DbRateLimitStore(routeOptions);
    }
  };
}
