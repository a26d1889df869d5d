/**
 * The audit log's hash chain (issue 17 item 4, GB/T 22239-2019 8.1.4.3 安全审计 c: audit records protected from
 * unexpected deletion, modification or overwriting; ADR 0017, chained asynchronously since ADR 0031).
 *
 * Writing: a row is inserted in the caller's transaction with its id (drawn ahead from the table's sequence, a
 * block at a time per process) and `mac` = HMAC-SHA256 over its id and content, and nothing else: no lock, no read
 * of the chain. Changing such a row, or inserting a forged one, fails its `mac` (the key is not in the database).
 *
 * Sealing: `sealAuditChain` (a timer in every server process, every second; `npm run cli -- audit-seal`) chains the
 * committed unsealed rows under a transaction-scoped advisory lock, so one sealer runs at a time: in id order it
 * gives each row the next `seq` and `prev_hash` = the hash of the previous sealed row of its chain (its
 * Asia/Shanghai day), and `hash` = HMAC-SHA256 over that and the row's content. The chain order is the sealing
 * order, final when the seal commits: a row whose transaction commits after a higher id was sealed is simply
 * sealed in the next batch (ids from a sequence commit out of order; no waiting window is needed).
 *
 * Verifying (`audit-verify`): every chain from its genesis in `seq` order (the previous hash, the hash, the mac),
 * then the unsealed rows (their mac, and how long they have waited). Until its row is sealed, deleting it is not
 * detectable: that window (about a second while a server runs) is the accepted exposure (ADR 0031).
 */
import crypto from 'node:crypto';
import { and, asc, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { FastifyInstance } from 'fastify';
import { shanghaiDay } from '../../shared/recognition/validity';
import type { Db, DbOrTx } from '../db/client';
import { auditEvents } from '../db/schema';

type AuditRow = typeof auditEvents.$inferSelect;
export type AuditValues = Omit<
  typeof auditEvents.$inferInsert,
  'id' | 'chain' | 'prevHash' | 'hash' | 'mac' | 'seq'
> & {
  at: Date;
};

/** The first row of a day chains onto this. */
export const GENESIS = '0'.repeat(64);

/** The chain a row joins: its day (Asia/Shanghai). Rows of ADR 0027 carry a lane (`YYYY-MM-DD#NN`). */
export function chainName(at: Date): string {
  return shanghaiDay(at);
}

/** The day a chain belongs to (`YYYY-MM-DD`, or `YYYY-MM-DD#NN` of the lanes rows of ADR 0027). */
export function chainDay(chain: string): string {
  return chain.slice(0, 10);
}

/** Rows unsealed for longer than this are reported by audit-verify (the sealer runs every second). */
export const UNSEALED_LIMIT_MS = 5 * 60_000;

/** JSON with object keys sorted at every level: jsonb does not keep key order, the hash must not depend on it. */
export function canonicalJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The row's own content (every column but the chain's), as the hash and the mac cover it. */
function fields(r: AuditValues | AuditRow) {
  return {
    at: r.at.toISOString(),
    action: r.action,
    success: r.success ?? true,
    userId: r.userId ?? null,
    username: r.username ?? null,
    role: r.role ?? null,
    targetType: r.targetType ?? null,
    targetId: r.targetId ?? null,
    ip: r.ip ?? null,
    userAgent: r.userAgent ?? null,
    requestId: r.requestId ?? null,
    details: r.details ?? null,
  };
}

/** The chain hash: over the previous hash, the row's id, chain and content (unchanged since ADR 0017). */
export function rowHash(
  key: string,
  id: number,
  chain: string,
  prevHash: string,
  r: AuditValues | AuditRow,
): string {
  return crypto
    .createHmac('sha256', key)
    .update(canonicalJson({ id, chain, prevHash, ...fields(r) }))
    .digest('hex');
}

/** The row's own HMAC, written with it: its id, chain and content (ADR 0031). */
export function rowMac(key: string, id: number, chain: string, r: AuditValues | AuditRow): string {
  return crypto
    .createHmac('sha256', key)
    .update(`audit-row:${canonicalJson({ id, chain, ...fields(r) })}`)
    .digest('hex');
}

async function rowsOf<T>(tx: DbOrTx, q: ReturnType<typeof sql>): Promise<T[]> {
  const r = (await tx.execute(q)) as unknown as { rows: T[] } | T[];
  return Array.isArray(r) ? r : r.rows;
}

/** Ids drawn ahead from the table's sequence, per database (tests open many in one process). */
const ID_BLOCK = 64;
const reservedIds = new WeakMap<Db, number[]>();

/**
 * The id of the next audit row. Drawn ahead, a block at a time, so the row's mac can cover its id without a round
 * trip per row; the draw runs on `tx` (PGlite has one connection, held by the open transaction) and the cache
 * belongs to `root`, the database `tx` is a transaction of. Without `root` one id is drawn per call. Sequence
 * values are not transactional: an id drawn in a transaction that rolls back is simply never used (the verifier
 * allows gaps).
 */
export async function nextAuditId(tx: DbOrTx, root?: Db): Promise<number> {
  const cache = root ? (reservedIds.get(root) ?? []) : [];
  if (root && !reservedIds.has(root)) reservedIds.set(root, cache);
  if (cache.length === 0) {
    const rows = await rowsOf<{ id: string | number }>(
      tx,
      sql`select nextval(pg_get_serial_sequence('audit_events', 'id')) as id
          from generate_series(1, ${root ? ID_BLOCK : 1}::int)`,
    );
    cache.push(...rows.map((r) => Number(r.id)));
  }
  return cache.shift()!;
}

/** The columns a row is inserted with besides its content: id, chain and mac (unsealed: no seq, no hash). */
export async function auditRowColumns(tx: DbOrTx, key: string, values: AuditValues, root?: Db) {
  const id = await nextAuditId(tx, root);
  const chain = chainName(values.at);
  return { id, chain, mac: rowMac(key, id, chain, values) };
}

/**
 * Appends one audit row, inside the caller's transaction (or on its own). No lock and no read of the chain: the
 * sealer chains it after it commits. Pass `root` (the database handle, e.g. `ctx.db`) when `db` is a transaction,
 * so ids come from the process's block instead of one more statement.
 */
export async function appendAudit(db: DbOrTx, key: string, values: AuditValues, root?: Db): Promise<void> {
  const base = root ?? (db instanceof PgTransaction ? undefined : (db as Db));
  await db.insert(auditEvents).values({ ...values, ...(await auditRowColumns(db, key, values, base)) });
}

/** The advisory lock key of the sealer: one sealer at a time, whatever the number of processes. */
const SEAL_LOCK = sql`hashtext('audit-chain:seal')`;

export interface SealResult {
  sealed: number;
  /** Another process held the sealer's lock: nothing done here. */
  busy: boolean;
}

/**
 * Chains committed unsealed rows, `batch` at a time, one transaction per batch, until none are left (or
 * `maxBatches`). Rows are taken in id order as the sealer's snapshot sees them: a row committed later is sealed in a
 * later batch, after rows with higher ids; its place in the chain is its `seq`. Returns at once when another
 * sealer holds the lock. Rows without a mac (written before ADR 0031, or inserted around the application) are never
 * sealed: the verifier reports them.
 */
export async function sealAuditChain(
  db: Db,
  key: string,
  opts: { batch?: number; maxBatches?: number } = {},
): Promise<SealResult> {
  const batch = opts.batch ?? 2000;
  const result: SealResult = { sealed: 0, busy: false };
  for (let i = 0; i < (opts.maxBatches ?? Infinity); i++) {
    const n = await db.transaction(async (tx) => {
      const [lock] = await rowsOf<{ ok: boolean }>(
        tx,
        sql`select pg_try_advisory_xact_lock(${SEAL_LOCK}) as ok`,
      );
      if (!lock?.ok) return -1;
      const rows = await tx
        .select()
        .from(auditEvents)
        .where(and(isNull(auditEvents.seq), isNotNull(auditEvents.mac)))
        .orderBy(asc(auditEvents.id))
        .limit(batch);
      if (rows.length === 0) return 0;
      const chains = [...new Set(rows.map((r) => r.chain ?? chainName(r.at)))];
      const heads = await rowsOf<{ chain: string; hash: string }>(
        tx,
        sql`select distinct on (chain) chain, hash from ${auditEvents}
            where chain = any(${`{${chains.join(',')}}`}::text[]) and seq is not null
            order by chain, seq desc`,
      );
      const [top] = await rowsOf<{ seq: string | number | null }>(
        tx,
        sql`select max(seq) as seq from ${auditEvents}`,
      );
      const last = new Map(heads.map((h) => [h.chain, h.hash]));
      let seq = Number(top?.seq ?? 0);
      const ids: number[] = [];
      const chainOf: string[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      const seqs: number[] = [];
      for (const r of rows) {
        const chain = r.chain ?? chainName(r.at);
        const prev = last.get(chain) ?? GENESIS;
        const hash = rowHash(key, Number(r.id), chain, prev, r);
        last.set(chain, hash);
        seq += 1;
        ids.push(Number(r.id));
        chainOf.push(chain);
        prevs.push(prev);
        hashes.push(hash);
        seqs.push(seq);
      }
      await tx.execute(sql`
        update ${auditEvents} a
        set chain = v.chain, prev_hash = v.prev, hash = v.hash, seq = v.seq
        from unnest(${`{${ids.join(',')}}`}::bigint[], ${`{${chainOf.join(',')}}`}::text[],
                    ${`{${prevs.join(',')}}`}::text[], ${`{${hashes.join(',')}}`}::text[],
                    ${`{${seqs.join(',')}}`}::bigint[]) as v(id, chain, prev, hash, seq)
        where a.id = v.id and a.seq is null`);
      return rows.length;
    });
    if (n < 0) {
      result.busy = true;
      break;
    }
    result.sealed += n;
    if (n < batch) break;
  }
  return result;
}

/**
 * Seals every second (and once more when the app closes) in every process except in test mode, where tests call
 * sealAuditChain themselves. Several processes share the work through the sealer's lock (ADR 0008).
 */
export function startAuditSealer(app: FastifyInstance, intervalMs = 1000): void {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = sealAuditChain(app.ctx.db, app.ctx.config.auditKey)
      .then(() => undefined)
      .catch((err: unknown) => app.log.error({ err }, 'audit sealer run failed'))
      .finally(() => {
        running = null;
      });
  };
  app.addHook('onReady', async () => {
    timer = setInterval(tick, intervalMs);
    timer.unref();
  });
  app.addHook('preClose', async () => {
    stopped = true;
    if (timer) clearInterval(timer);
    if (running) await running;
    await sealAuditChain(app.ctx.db, app.ctx.config.auditKey).catch((err: unknown) =>
      app.log.error({ err }, 'audit sealer run failed'),
    );
  });
}

export interface ChainReport {
  ok: boolean;
  chains: number;
  rows: number;
  /** Rows written before the chain existed (no hash, no mac), before any chained row. */
  legacy: number;
  /** Rows written but not sealed yet (their mac verified). */
  unsealed: number;
  /** Unsealed rows older than the limit: the sealer is not running, or not keeping up. */
  stale: { rows: number; oldestId: number; oldestAt: string; limitMinutes: number } | null;
  /** The first row that does not verify, and why. */
  broken: { id: number; chain: string | null; at: string; action: string; reason: string } | null;
}

export interface VerifyOptions {
  /** Now, for the age of unsealed rows (default: the system clock). */
  now?: Date;
  /** Unsealed rows older than this are reported (default UNSEALED_LIMIT_MS). */
  unsealedLimitMs?: number;
  batch?: number;
}

/**
 * Checks every chain from its first row in chain order (`seq`), stopping at the first broken row; then the rows not
 * sealed yet: their mac, and their age. Rows with neither hash nor mac count as legacy only when their id precedes
 * every chained or signed row.
 */
export async function verifyAuditChain(
  db: DbOrTx,
  key: string,
  opts: VerifyOptions = {},
): Promise<ChainReport> {
  const batch = opts.batch ?? 5000;
  const limitMs = opts.unsealedLimitMs ?? UNSEALED_LIMIT_MS;
  const now = opts.now ?? new Date();
  const report: ChainReport = {
    ok: true,
    chains: 0,
    rows: 0,
    legacy: 0,
    unsealed: 0,
    stale: null,
    broken: null,
  };
  const fail = (r: AuditRow, reason: string) => {
    report.ok = false;
    report.broken = { id: Number(r.id), chain: r.chain, at: r.at.toISOString(), action: r.action, reason };
    return report;
  };
  const lastHash = new Map<string, string>();
  let after = 0;
  for (;;) {
    const rows: AuditRow[] = await db
      .select()
      .from(auditEvents)
      .where(and(isNotNull(auditEvents.seq), gt(auditEvents.seq, after)))
      .orderBy(asc(auditEvents.seq))
      .limit(batch);
    if (rows.length === 0) break;
    for (const r of rows) {
      after = Number(r.seq);
      report.rows += 1;
      if (!r.chain || !r.hash) return fail(r, '该行缺少链哈希（已封链，却没有哈希）');
      const day = shanghaiDay(r.at);
      if (day !== chainDay(r.chain)) return fail(r, `该行的时间（${day}）与所属日链（${r.chain}）不符`);
      const expectedPrev = lastHash.get(r.chain) ?? GENESIS;
      if (r.prevHash !== expectedPrev) return fail(r, '前一行哈希不符：该行之前的记录被删除、插入或修改');
      if (rowHash(key, Number(r.id), r.chain, r.prevHash, r) !== r.hash) {
        return fail(r, '该行内容与其哈希不符：该行被修改');
      }
      if (r.mac !== null && rowMac(key, Number(r.id), r.chain, r) !== r.mac) {
        return fail(r, '该行内容与写入时的签名不符：该行在封链前被修改或伪造');
      }
      if (!lastHash.has(r.chain)) report.chains += 1;
      lastHash.set(r.chain, r.hash);
    }
  }
  // The rows not sealed: signed ones wait for the sealer; unsigned ones are legacy only before every other row.
  const [first] = await db
    .select({ id: sql<number>`min(${auditEvents.id})` })
    .from(auditEvents)
    .where(sql`${auditEvents.hash} is not null or ${auditEvents.mac} is not null`);
  const firstSigned = first?.id == null ? Infinity : Number(first.id);
  let staleCount = 0;
  let oldest: AuditRow | null = null;
  after = 0;
  for (;;) {
    const rows: AuditRow[] = await db
      .select()
      .from(auditEvents)
      .where(and(isNull(auditEvents.seq), gt(auditEvents.id, after)))
      .orderBy(asc(auditEvents.id))
      .limit(batch);
    if (rows.length === 0) break;
    for (const r of rows) {
      after = Number(r.id);
      report.rows += 1;
      if (r.mac === null) {
        if (Number(r.id) < firstSigned && r.hash === null) {
          report.legacy += 1;
          continue;
        }
        return fail(r, '该行缺少链哈希和写入签名（在哈希链启用之后写入，却没有）');
      }
      if (!r.chain || rowMac(key, Number(r.id), r.chain, r) !== r.mac) {
        return fail(r, '该行内容与写入时的签名不符：该行在封链前被修改或伪造');
      }
      report.unsealed += 1;
      if (now.getTime() - r.at.getTime() > limitMs) {
        staleCount += 1;
        if (!oldest || r.at < oldest.at) oldest = r;
      }
    }
  }
  if (oldest) {
    report.ok = false;
    report.stale = {
      rows: staleCount,
      oldestId: Number(oldest.id),
      oldestAt: oldest.at.toISOString(),
      limitMinutes: limitMs / 60_000,
    };
  }
  return report;
}

/** The report in Chinese, one line each, for the CLI. */
export function describeChainReport(r: ChainReport): string[] {
  const lines = [`审计日志共 ${r.rows} 条，哈希链 ${r.chains} 条（每日一条；此前的记录每日分 8 条）。`];
  if (r.legacy) lines.push(`其中 ${r.legacy} 条写于哈希链启用之前，无哈希。`);
  if (r.unsealed) lines.push(`其中 ${r.unsealed} 条尚未封链（写入签名校验通过，等待后台封链）。`);
  if (r.broken) {
    const b = r.broken;
    lines.push(
      `校验失败：第一条异常记录 id=${b.id}（日链 ${b.chain ?? '无'}，时间 ${b.at}，操作 ${b.action}）：${b.reason}。`,
    );
  } else if (r.stale) {
    const s = r.stale;
    lines.push(
      `校验失败：${s.rows} 条记录超过 ${s.limitMinutes} 分钟仍未封链（最早 id=${s.oldestId}，时间 ${s.oldestAt}）。未封链的记录被删除无法发现：请确认平台服务在运行，或运行 npm run cli -- audit-seal 立即封链，再重新校验。`,
    );
  } else {
    lines.push('校验通过：未发现被修改、删除或插入的记录。');
  }
  return lines;
}

/** Rows of one chain in order (tests and the archive). */
export function chainRows(db: DbOrTx, chain: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.chain, chain)).orderBy(asc(auditEvents.seq));
}
