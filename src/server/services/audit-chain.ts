/**
 * The audit log's hash chain (issue 17 item 4, GB/T 22239-2019 8.1.4.3 安全审计 c: audit records protected from
 * unexpected deletion, modification or overwriting). One chain per calendar day in Asia/Shanghai; each row's
 * `hash` is HMAC-SHA256 over the previous row's hash and the row's own content, so changing, deleting or
 * inserting a row in the middle of a day breaks the chain from that row on, and recomputing the chain needs the
 * key, which the database does not hold.
 *
 * Appends are serialised per chain by a transaction-scoped advisory lock: the previous row is read and the new
 * row written under the lock, which is held until the caller's transaction ends, so two concurrent
 * transactions can never both chain onto the same row. The lock, the read and the new id are one statement
 * (`audit_chain_head`, migration 0021, issue #15).
 *
 * A day has CHAIN_LANES chains (lanes), named `YYYY-MM-DD#NN` (rows written before lanes existed have the bare
 * day). One lane per day made every audited write in the province wait for the previous one's commit (the
 * section save fell to 57 requests/s at 50 connections); a request's rows all go to the lane of its request id,
 * so one transaction only ever holds one lane's lock (two transactions cannot wait on each other's lanes), and
 * concurrent requests rarely share one. Each lane verifies on its own exactly as a day chain did (ADR 0017).
 */
import crypto from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { shanghaiDay } from '../../shared/recognition/validity';
import type { DbOrTx } from '../db/client';
import { auditEvents } from '../db/schema';

type AuditRow = typeof auditEvents.$inferSelect;
export type AuditValues = Omit<typeof auditEvents.$inferInsert, 'id' | 'chain' | 'prevHash' | 'hash'> & {
  at: Date;
};

/** The first row of a day chains onto this. */
export const GENESIS = '0'.repeat(64);

/** How many chains (lanes) a day has. Changing it is safe: each row names its chain. */
export const CHAIN_LANES = 8;

/** The chain a row joins: its day (Asia/Shanghai) and the lane of its request (rows without one: lane 00). */
export function chainName(at: Date, laneKey: string | null | undefined): string {
  const lane = laneKey
    ? crypto.createHash('sha256').update(laneKey).digest().readUInt32BE(0) % CHAIN_LANES
    : 0;
  return `${shanghaiDay(at)}#${String(lane).padStart(2, '0')}`;
}

/** The day a chain belongs to (`YYYY-MM-DD#NN`, or the bare day of rows written before lanes). */
export function chainDay(chain: string): string {
  return chain.slice(0, 10);
}

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

/** What the hash covers: every column but the hash itself. */
function content(id: number, chain: string, prevHash: string, r: AuditValues | AuditRow): string {
  return canonicalJson({
    id,
    chain,
    prevHash,
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
  });
}

export function rowHash(
  key: string,
  id: number,
  chain: string,
  prevHash: string,
  r: AuditValues | AuditRow,
): string {
  return crypto
    .createHmac('sha256', key)
    .update(content(id, chain, prevHash, r))
    .digest('hex');
}

async function rowsOf<T>(tx: DbOrTx, q: ReturnType<typeof sql>): Promise<T[]> {
  const r = (await tx.execute(q)) as unknown as { rows: T[] } | T[];
  return Array.isArray(r) ? r : r.rows;
}

/** The next row of a day's chain: its id and the hash it chains onto. */
export interface ChainHead {
  id: number;
  chain: string;
  prevHash: string;
}

/**
 * Takes the chain's lock (until the transaction ends) and returns the next row's id and previous hash, in one
 * statement (`audit_chain_head`, migration 0021; before issue #15 a savepoint and three statements). Must run inside
 * a transaction that then inserts the row.
 */
export async function chainHead(
  tx: DbOrTx,
  at: Date,
  laneKey: string | null | undefined,
): Promise<ChainHead> {
  const chain = chainName(at, laneKey);
  const [head] = await rowsOf<{ id: string | number; prev_hash: string | null }>(
    tx,
    sql`select id, prev_hash from audit_chain_head(${chain}::text)`,
  );
  return { id: Number(head!.id), chain, prevHash: head!.prev_hash ?? GENESIS };
}

/** The chain columns of a row to insert at `head`: id, chain, prev_hash and its HMAC. */
export function chainedColumns(key: string, head: ChainHead, values: AuditValues) {
  return {
    id: head.id,
    chain: head.chain,
    prevHash: head.prevHash,
    hash: rowHash(key, head.id, head.chain, head.prevHash, values),
  };
}

/** Appends one audit row to its day's chain, inside the caller's transaction (or a new one). */
export async function appendAudit(db: DbOrTx, key: string, values: AuditValues): Promise<void> {
  const append = async (tx: DbOrTx) => {
    const head = await chainHead(tx, values.at, values.requestId);
    await tx.insert(auditEvents).values({ ...values, ...chainedColumns(key, head, values) });
  };
  // Inside a transaction the lock is held until it ends; on its own the append needs one.
  if (db instanceof PgTransaction) await append(db);
  else await db.transaction(append);
}

export interface ChainReport {
  ok: boolean;
  chains: number;
  rows: number;
  /** Rows written before the chain existed (no hash), before any chained row. */
  legacy: number;
  /** The first row that does not verify, and why. */
  broken: { id: number; chain: string | null; at: string; action: string; reason: string } | null;
}

/** Checks every chain from its first row, in id order; stops at the first broken row. */
export async function verifyAuditChain(db: DbOrTx, key: string, batch = 5000): Promise<ChainReport> {
  const report: ChainReport = { ok: true, chains: 0, rows: 0, legacy: 0, broken: null };
  const lastHash = new Map<string, string>();
  let after = 0;
  for (;;) {
    const rows: AuditRow[] = await db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.id} > ${after}`)
      .orderBy(asc(auditEvents.id))
      .limit(batch);
    if (rows.length === 0) break;
    for (const r of rows) {
      after = Number(r.id);
      report.rows += 1;
      const fail = (reason: string) => {
        report.ok = false;
        report.broken = {
          id: Number(r.id),
          chain: r.chain,
          at: r.at.toISOString(),
          action: r.action,
          reason,
        };
      };
      if (!r.chain || !r.hash) {
        if (lastHash.size === 0) {
          report.legacy += 1;
          continue;
        }
        fail('该行缺少链哈希（在哈希链启用之后写入，却没有哈希）');
        return report;
      }
      const chain = shanghaiDay(r.at);
      if (chain !== chainDay(r.chain)) {
        fail(`该行的时间（${chain}）与所属日链（${r.chain}）不符`);
        return report;
      }
      const expectedPrev = lastHash.get(r.chain) ?? GENESIS;
      if (r.prevHash !== expectedPrev) {
        fail('前一行哈希不符：该行之前的记录被删除、插入或修改');
        return report;
      }
      if (rowHash(key, Number(r.id), r.chain, r.prevHash, r) !== r.hash) {
        fail('该行内容与其哈希不符：该行被修改');
        return report;
      }
      if (!lastHash.has(r.chain)) report.chains += 1;
      lastHash.set(r.chain, r.hash);
    }
  }
  return report;
}

/** The report in Chinese, one line each, for the CLI. */
export function describeChainReport(r: ChainReport): string[] {
  const lines = [`审计日志共 ${r.rows} 条，哈希链 ${r.chains} 条（每日分 ${CHAIN_LANES} 条链）。`];
  if (r.legacy) lines.push(`其中 ${r.legacy} 条写于哈希链启用之前，无哈希。`);
  if (r.ok) {
    lines.push('校验通过：未发现被修改、删除或插入的记录。');
  } else {
    const b = r.broken!;
    lines.push(
      `校验失败：第一条异常记录 id=${b.id}（日链 ${b.chain ?? '无'}，时间 ${b.at}，操作 ${b.action}）：${b.reason}。`,
    );
  }
  return lines;
}

/** Rows of one chain in order (tests and the archive). */
export function chainRows(db: DbOrTx, chain: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.chain, chain)).orderBy(asc(auditEvents.id));
}
