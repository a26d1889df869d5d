/**
 * Audit retention (issue 17 item 4, 网络安全法 第二十一条: network logs kept at least six months; ADR 0024).
 *
 * Rows stay online for AUDIT_RETENTION_DAYS (floor 180). A calendar month (Asia/Shanghai) whose every day is older
 * than that is exported to the storage (local disk or S3) as a signed archive, read back and verified, and only
 * then deleted from the database, in one transaction with an `audit.archive` row in today's chain:
 *
 *   audit-archive/<YYYY-MM>/rows      gzip'd JSON lines, one audit row each, every column (hashes included),
 *                                     in chain order (`seq`; archives made before ADR 0031: id order, the same);
 *   audit-archive/<YYYY-MM>/manifest  JSON: the month, row count, first/last id, each day-chain's row count and
 *                                     last hash, the SHA-256 of the rows object, and an HMAC-SHA256 signature
 *                                     (AUDIT_HMAC_KEY) over all of that.
 *
 * Only sealed rows are archived (ADR 0031): a month with a row not sealed yet is refused (run audit-seal). The
 * chain is per day, so a month holds whole chains: what stays online still verifies from each day's genesis
 * (audit-verify passes after archiving), and the archive verifies on its own — the manifest signature, the
 * SHA-256 of the rows, and every row's HMAC link recomputed from the genesis of its day.
 */
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { and, asc, gt, gte, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { shanghaiDay } from '../../shared/recognition/validity';
import type { DbOrTx } from '../db/client';
import { auditEvents } from '../db/schema';
import { appendAudit, canonicalJson, chainDay, GENESIS, rowHash, rowMac } from './audit-chain';
import { isMissingObject, type Storage } from './storage';
import { shanghaiDayStart } from '../../shared/time';

const gunzip = promisify(zlib.gunzip);

/** 网络安全法 第二十一条: no less than six months; the setting cannot go below this. */
export const RETENTION_FLOOR_DAYS = 180;
export const ARCHIVE_FORMAT = 'jiangsu-sme-audit-archive/v1';
const DAY_MS = 86_400_000;

type AuditRow = typeof auditEvents.$inferSelect;

export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  /** YYYY-MM, Asia/Shanghai. */
  month: string;
  rows: number;
  firstId: number | null;
  lastId: number | null;
  /** Rows written before the hash chain existed (no hash). */
  legacyRows: number;
  chains: { day: string; rows: number; lastHash: string }[];
  /** SHA-256 (hex) of the gzip'd rows object. */
  sha256: string;
  createdAt: string;
  /** HMAC-SHA256 (hex, AUDIT_HMAC_KEY) of the canonical JSON of every field above. */
  signature: string;
}

export function archiveKeys(month: string): { rows: string; manifest: string } {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw new AuditArchiveError(`月份格式不正确：${month}（应为 YYYY-MM）`);
  return { rows: `audit-archive/${month}/rows`, manifest: `audit-archive/${month}/manifest` };
}

export class AuditArchiveError extends Error {}

function sign(key: string, m: Omit<ArchiveManifest, 'signature'>): string {
  return crypto.createHmac('sha256', key).update(canonicalJson(m)).digest('hex');
}

/** The first instant of a Shanghai month, and of the next one. */
function monthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: shanghaiDayStart(`${month}-01`), to: shanghaiDayStart(`${next}-01`) };
}

/**
 * The retention in days, refused below the floor. Rows of a month are archived once the whole month lies before
 * the first Shanghai day that must stay online, so every row stays online at least `retentionDays`.
 */
export function archivableBefore(now: Date, retentionDays: number): Date {
  if (!Number.isInteger(retentionDays) || retentionDays < RETENTION_FLOOR_DAYS) {
    throw new AuditArchiveError(
      `审计日志在线保存期不得少于 ${RETENTION_FLOOR_DAYS} 天（网络安全法第二十一条），当前设置为 ${retentionDays} 天。请调整 AUDIT_RETENTION_DAYS。`,
    );
  }
  const firstKeptDay = shanghaiDay(new Date(now.getTime() - retentionDays * DAY_MS));
  return monthRange(firstKeptDay.slice(0, 7)).from;
}

/** A row as the archive stores it: every column, the time as ISO text. */
function lineOf(r: AuditRow): string {
  return JSON.stringify({ ...r, id: Number(r.id), at: r.at.toISOString() });
}

function rowOfLine(line: string): AuditRow {
  const o = JSON.parse(line) as AuditRow & { at: string };
  return { ...o, at: new Date(o.at) };
}

/** Checks day chains row by row (the same rule as audit-verify); returns the first problem or null. */
class ChainChecker {
  readonly chains = new Map<string, { rows: number; lastHash: string }>();
  legacy = 0;
  rows = 0;
  firstId: number | null = null;
  lastId: number | null = null;
  constructor(
    private readonly key: string,
    private readonly month: string,
  ) {}

  /** The place of the last chained row: its seq (rows archived before ADR 0031 have none: their id, the same). */
  private lastOrder = 0;

  add(r: AuditRow): string | null {
    const id = Number(r.id);
    this.firstId = this.firstId === null ? id : Math.min(this.firstId, id);
    this.lastId = this.lastId === null ? id : Math.max(this.lastId, id);
    this.rows += 1;
    if (shanghaiDay(r.at).slice(0, 7) !== this.month) return `记录 id=${id} 的时间不属于 ${this.month}`;
    if (!r.chain || !r.hash) {
      if (this.chains.size > 0) return `记录 id=${id} 缺少链哈希`;
      this.legacy += 1;
      return null;
    }
    const order = Number(r.seq ?? id);
    if (order <= this.lastOrder) return `记录 id=${id} 顺序错误`;
    this.lastOrder = order;
    if (chainDay(r.chain) !== shanghaiDay(r.at)) return `记录 id=${id} 的时间与所属日链（${r.chain}）不符`;
    const c = this.chains.get(r.chain);
    if (r.prevHash !== (c?.lastHash ?? GENESIS))
      return `记录 id=${id} 的前一行哈希不符（记录被删除、插入或修改）`;
    if (rowHash(this.key, id, r.chain, r.prevHash, r) !== r.hash)
      return `记录 id=${id} 的内容与其哈希不符（被修改）`;
    if (r.mac != null && rowMac(this.key, id, r.chain, r) !== r.mac)
      return `记录 id=${id} 的内容与写入时的签名不符（被修改或伪造）`;
    this.chains.set(r.chain, { rows: (c?.rows ?? 0) + 1, lastHash: r.hash });
    return null;
  }

  summary() {
    return {
      rows: this.rows,
      firstId: this.firstId,
      lastId: this.lastId,
      legacyRows: this.legacy,
      chains: [...this.chains.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([day, c]) => ({ day, rows: c.rows, lastHash: c.lastHash })),
    };
  }
}

export interface ArchiveVerification {
  ok: boolean;
  month: string;
  rows: number;
  chains: number;
  /** What failed, in Chinese; null when ok. */
  problem: string | null;
}

/** Verifies a stored archive: manifest signature, SHA-256 of the rows, every row's chain link. */
export async function verifyArchive(
  storage: Storage,
  key: string,
  month: string,
): Promise<ArchiveVerification> {
  const keys = archiveKeys(month);
  const fail = (problem: string, rows = 0, chains = 0): ArchiveVerification => ({
    ok: false,
    month,
    rows,
    chains,
    problem,
  });
  let manifest: ArchiveManifest;
  let packed: Buffer;
  try {
    manifest = JSON.parse((await storage.get(keys.manifest)).toString('utf8')) as ArchiveManifest;
    packed = await storage.get(keys.rows);
  } catch (err) {
    if (isMissingObject(err)) return fail(`未找到 ${month} 的审计归档（${keys.manifest}、${keys.rows}）`);
    if (err instanceof SyntaxError) return fail('归档清单不是有效的 JSON：清单被修改或损坏');
    throw err;
  }
  const { signature, ...signed } = manifest;
  const expected = sign(key, signed);
  if (
    typeof signature !== 'string' ||
    signature.length !== expected.length ||
    !crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
  ) {
    return fail('归档清单的签名不符：清单被修改，或不是用本平台的 AUDIT_HMAC_KEY 签名的');
  }
  if (manifest.format !== ARCHIVE_FORMAT || manifest.month !== month) return fail('归档清单的格式或月份不符');
  if (crypto.createHash('sha256').update(packed).digest('hex') !== manifest.sha256) {
    return fail('归档数据的 SHA-256 与清单不符：归档数据被修改或损坏');
  }
  let text: string;
  try {
    text = (await gunzip(packed)).toString('utf8');
  } catch {
    return fail('归档数据无法解压：归档数据损坏');
  }
  const checker = new ChainChecker(key, month);
  for (const line of text.split('\n')) {
    if (!line) continue;
    const problem = checker.add(rowOfLine(line));
    if (problem) return fail(problem, checker.rows, checker.chains.size);
  }
  const s = checker.summary();
  if (
    canonicalJson(s) !==
    canonicalJson({
      rows: manifest.rows,
      firstId: manifest.firstId,
      lastId: manifest.lastId,
      legacyRows: manifest.legacyRows,
      chains: manifest.chains,
    })
  ) {
    return fail('归档数据与清单记载的条数或日链末尾哈希不符', s.rows, s.chains.length);
  }
  return { ok: true, month, rows: s.rows, chains: s.chains.length, problem: null };
}

async function readManifest(storage: Storage, month: string): Promise<ArchiveManifest | null> {
  try {
    return JSON.parse((await storage.get(archiveKeys(month).manifest)).toString('utf8')) as ArchiveManifest;
  } catch (err) {
    if (isMissingObject(err)) return null;
    throw err;
  }
}

export interface ArchiveResult {
  month: string;
  rows: number;
  chains: number;
  sha256: string;
  keys: { rows: string; manifest: string };
}

/** The months that hold rows older than the retention, oldest first. */
export async function archivableMonths(db: DbOrTx, before: Date): Promise<string[]> {
  const r = (await db.execute(
    sql`select distinct to_char(${auditEvents.at} at time zone 'Asia/Shanghai', 'YYYY-MM') as month
        from ${auditEvents} where ${auditEvents.at} < ${before.toISOString()}::timestamptz order by 1`,
  )) as unknown as { rows: { month: string }[] } | { month: string }[];
  return (Array.isArray(r) ? r : r.rows).map((x) => x.month);
}

/**
 * Archives one month: reads its rows in id order (batches), checks their chains, writes the gzip'd rows and
 * the signed manifest, reads both back and verifies them, then deletes exactly those rows and records the
 * archive in the audit log — one transaction. A broken chain is never archived (nor deleted): run audit-verify.
 * A month already archived (a run that stopped before the deletion) is finished only if its archive holds the
 * same rows; otherwise it stops and says so.
 */
export async function archiveMonth(
  db: DbOrTx,
  storage: Storage,
  key: string,
  month: string,
  now: Date,
  batch = 5000,
): Promise<ArchiveResult> {
  const keys = archiveKeys(month);
  const { from, to } = monthRange(month);
  const inMonth = and(gte(auditEvents.at, from), lt(auditEvents.at, to));
  const checker = new ChainChecker(key, month);
  // Compressed as it is read: only the gzip'd bytes are held (about a tenth of the rows' size).
  const packer = zlib.createGzip();
  const chunks: Buffer[] = [];
  packer.on('data', (c: Buffer) => chunks.push(c));
  const packed = new Promise<Buffer>((resolve, reject) => {
    packer.on('end', () => resolve(Buffer.concat(chunks)));
    packer.on('error', reject);
  });
  const [waiting] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(and(inMonth, isNull(auditEvents.seq), isNotNull(auditEvents.mac)));
  if (Number(waiting?.n ?? 0) > 0) {
    throw new AuditArchiveError(
      `${month} 有 ${waiting!.n} 条审计记录尚未封链，未归档、未删除。请确认平台服务在运行，或运行 npm run cli -- audit-seal 后重试。`,
    );
  }
  const pack = (r: AuditRow) => {
    const problem = checker.add(r);
    if (problem) {
      throw new AuditArchiveError(
        `${month} 的审计日志哈希链校验失败，未归档、未删除：${problem}。请先运行 npm run cli -- audit-verify 查明原因。`,
      );
    }
    packer.write(`${lineOf(r)}\n`);
  };
  // Rows never chained (written before the chain existed: ids before every chained row) first, by id; then the
  // chained ones in chain order.
  const [signed] = await db
    .select({ id: sql<number | null>`min(${auditEvents.id})` })
    .from(auditEvents)
    .where(and(inMonth, sql`(${auditEvents.hash} is not null or ${auditEvents.mac} is not null)`));
  const firstSigned = signed?.id == null ? Infinity : Number(signed.id);
  for (let after = 0; ;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(inMonth, isNull(auditEvents.seq), gt(auditEvents.id, after)))
      .orderBy(asc(auditEvents.id))
      .limit(batch);
    if (rows.length === 0) break;
    for (const r of rows) {
      after = Number(r.id);
      if (Number(r.id) > firstSigned) {
        throw new AuditArchiveError(
          `${month} 的审计日志哈希链校验失败，未归档、未删除：记录 id=${r.id} 缺少链哈希。请先运行 npm run cli -- audit-verify 查明原因。`,
        );
      }
      pack(r);
    }
  }
  for (let after = 0; ;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(inMonth, isNotNull(auditEvents.seq), gt(auditEvents.seq, after)))
      .orderBy(asc(auditEvents.seq))
      .limit(batch);
    if (rows.length === 0) break;
    for (const r of rows) {
      after = Number(r.seq);
      pack(r);
    }
  }
  packer.end();
  const bytes = await packed;
  const summary = checker.summary();
  if (summary.rows === 0) throw new AuditArchiveError(`${month} 没有在线的审计记录可归档。`);

  const existing = await readManifest(storage, month);
  let manifest: ArchiveManifest;
  if (existing) {
    const same =
      existing.rows === summary.rows &&
      existing.firstId === summary.firstId &&
      existing.lastId === summary.lastId;
    const check = await verifyArchive(storage, key, month);
    if (!same || !check.ok) {
      throw new AuditArchiveError(
        `${month} 已有审计归档（${keys.manifest}），但与在线记录不一致${check.ok ? '' : `（${check.problem}）`}；为免覆盖，未归档、未删除。请核查后处理。`,
      );
    }
    manifest = existing;
  } else {
    const unsigned: Omit<ArchiveManifest, 'signature'> = {
      format: ARCHIVE_FORMAT,
      month,
      ...summary,
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
      createdAt: now.toISOString(),
    };
    manifest = { ...unsigned, signature: sign(key, unsigned) };
    // The rows first, the manifest last: a manifest exists only over complete rows.
    await storage.put(keys.rows, bytes);
    await storage.put(keys.manifest, Buffer.from(JSON.stringify(manifest, null, 2), 'utf8'));
    const check = await verifyArchive(storage, key, month);
    if (!check.ok) {
      throw new AuditArchiveError(`${month} 的审计归档写入后校验失败，未删除在线记录：${check.problem}`);
    }
  }

  await db.transaction(async (tx) => {
    // Not while the sealer chains rows (it only ever touches unsealed rows, and this month has none; the lock keeps
    // the two from interleaving at all).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('audit-chain:seal'))`);
    const deleted = await tx
      .delete(auditEvents)
      .where(
        and(inMonth, gte(auditEvents.id, summary.firstId!), sql`${auditEvents.id} <= ${summary.lastId!}`),
      )
      .returning({ id: auditEvents.id });
    if (deleted.length !== summary.rows) {
      throw new AuditArchiveError(
        `${month} 的在线记录在归档期间发生变化（归档 ${summary.rows} 条，待删除 ${deleted.length} 条），已撤销删除。请重新运行。`,
      );
    }
    await appendAudit(tx, key, {
      at: now,
      action: 'audit.archive',
      success: true,
      userId: null,
      username: null,
      role: null,
      targetType: 'audit_log',
      targetId: month,
      ip: null,
      userAgent: null,
      requestId: null,
      details: {
        month,
        rows: summary.rows,
        chains: summary.chains.length,
        firstId: summary.firstId,
        lastId: summary.lastId,
        sha256: manifest.sha256,
        signature: manifest.signature,
        manifestKey: keys.manifest,
        rowsKey: keys.rows,
      },
    });
  });
  return { month, rows: summary.rows, chains: summary.chains.length, sha256: manifest.sha256, keys };
}

/** Archives every month older than the retention, oldest first (the CLI's audit-archive). */
export async function archiveExpiredAudit(
  db: DbOrTx,
  storage: Storage,
  key: string,
  now: Date,
  retentionDays: number,
): Promise<ArchiveResult[]> {
  const before = archivableBefore(now, retentionDays);
  const out: ArchiveResult[] = [];
  for (const month of await archivableMonths(db, before)) {
    out.push(await archiveMonth(db, storage, key, month, now));
  }
  return out;
}

/** `audit-archive`: archives every expired month; the report in Chinese, one line each. */
export async function runAuditArchive(
  db: DbOrTx,
  storage: Storage,
  key: string,
  now: Date,
  retentionDays: number,
): Promise<string[]> {
  const before = archivableBefore(now, retentionDays);
  const done = await archiveExpiredAudit(db, storage, key, now, retentionDays);
  const lines = [
    `在线保存期 ${retentionDays} 天：${before.toISOString()} 之前的整月审计记录归档后从数据库删除。`,
  ];
  if (done.length === 0) lines.push('没有需要归档的月份。');
  for (const r of done) {
    lines.push(
      `${r.month}：${r.rows} 条、${r.chains} 条日链已归档并校验通过（${r.keys.rows}，SHA-256 ${r.sha256}），在线记录已删除。`,
    );
  }
  return lines;
}

/** `audit-archive-verify --month YYYY-MM`: the verification in Chinese. */
export function describeArchiveVerification(v: ArchiveVerification): string[] {
  return v.ok
    ? [`${v.month} 审计归档校验通过：${v.rows} 条记录、${v.chains} 条日链，签名、SHA-256 与哈希链均相符。`]
    : [`${v.month} 审计归档校验失败：${v.problem}。`];
}
