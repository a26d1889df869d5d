/**
 * Audit retention (issue 17 item 4, ADR 0024): rows older than the retention (≥ 180 days, 网络安全法 第二十一条)
 * are exported as signed monthly archives to the storage BEFORE they are deleted; the chain that stays online
 * still verifies; an archive verifies on its own and a tampered one is reported; the audit administrator exports a
 * period as Excel (Chinese headers and labels), audited; nobody else may.
 */
import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { loadConfig } from '../../../src/server/config';
import { auditEvents } from '../../../src/server/db/schema';
import {
  archivableBefore,
  archiveKeys,
  archiveMonth,
  runAuditArchive,
  verifyArchive,
  type ArchiveManifest,
} from '../../../src/server/services/audit-archive';
import {
  appendAudit,
  canonicalJson,
  sealAuditChain,
  verifyAuditChain,
} from '../../../src/server/services/audit-chain';
import { ManualClock } from '../../../src/server/services/clock';
import { createPersonas, loginAs, type Personas } from '../../helpers/personas';
import { REPO_ROOT } from '../../helpers/scale-env';
import { createTestApp, type TestApp } from '../../helpers/test-app';
import crypto from 'node:crypto';

let t: TestApp;
let p: Personas;
const key = () => t.config.auditKey;

/** One audit row at a given instant, written as the platform writes them (signed; sealed by `seal`). */
async function row(at: string, action: string, details: Record<string, unknown> = {}): Promise<void> {
  await appendAudit(t.ctx.db, key(), {
    at: new Date(at),
    action,
    success: true,
    userId: null,
    username: 'tester',
    role: 'province',
    targetType: 'campaign',
    targetId: null,
    ip: '127.0.0.1',
    userAgent: 'test',
    requestId: null,
    details,
  });
}

async function count(from: string, to: string): Promise<number> {
  const [r] = await t.ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(and(gte(auditEvents.at, new Date(from)), lt(auditEvents.at, new Date(to))));
  return Number(r!.n);
}

const JAN_FROM = '2026-01-01T00:00:00+08:00';
const FEB_FROM = '2026-02-01T00:00:00+08:00';
const MAR_FROM = '2026-03-01T00:00:00+08:00';

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2026-01-05T09:00:00+08:00') });
  p = await createPersonas(t);
  await row('2026-01-05T10:00:00+08:00', 'campaign.update', { name: '一月' });
  await row('2026-01-06T10:00:00+08:00', 'campaign.update', { name: '一月第二天' });
  // The last second of January in Beijing (15:59:59 UTC): January's.
  await row('2026-01-31T23:59:59+08:00', 'campaign.update', { name: '一月最后一秒' });
  // Half past midnight on 1 February in Beijing (still 31 January in UTC): February's.
  await row('2026-02-01T00:30:00+08:00', 'campaign.update', { name: '二月' });
  await row('2026-02-20T10:00:00+08:00', 'campaign.update', { name: '二月下旬' });
  await seal();
});

/** The background sealer's work, done now (test mode runs no timer). */
async function seal(): Promise<void> {
  await sealAuditChain(t.ctx.db, key());
}
afterAll(async () => {
  await t.close();
});

describe('the retention floor', () => {
  it('refuses a retention under 180 days, in the configuration and in the archiver', () => {
    expect(() => loadConfig({ APP_MODE: 'test', AUDIT_RETENTION_DAYS: '179' })).toThrow(/不得少于 180 天/);
    expect(loadConfig({ APP_MODE: 'test' }).auditRetentionDays).toBe(180);
    expect(loadConfig({ APP_MODE: 'test', AUDIT_RETENTION_DAYS: '365' }).auditRetentionDays).toBe(365);
    const now = new Date('2026-08-15T09:00:00+08:00');
    expect(() => archivableBefore(now, 179)).toThrow(/不得少于 180 天/);
    // 2026-08-15 − 180 days = 2026-02-16: February must stay whole, January may go.
    expect(archivableBefore(now, 180).toISOString()).toBe(new Date(FEB_FROM).toISOString());
    // 2026-07-31 − 180 days = 2026-02-01: still February's first day, so January only.
    expect(archivableBefore(new Date('2026-07-31T09:00:00+08:00'), 180).toISOString()).toBe(
      new Date(FEB_FROM).toISOString(),
    );
    expect(archivableBefore(new Date('2026-07-30T09:00:00+08:00'), 180).toISOString()).toBe(
      new Date(JAN_FROM).toISOString(),
    );
  });

  it('archives nothing while the rows are younger than the retention', async () => {
    const before = await count(JAN_FROM, MAR_FROM);
    const lines = await runAuditArchive(
      t.ctx.db,
      t.ctx.storage,
      key(),
      new Date('2026-07-30T09:00:00+08:00'),
      180,
    );
    expect(lines.join('\n')).toContain('没有需要归档的月份');
    expect(await count(JAN_FROM, MAR_FROM)).toBe(before);
    expect(await t.ctx.storage.exists(archiveKeys('2026-01').manifest)).toBe(false);
  });
});

describe('archiving a month', () => {
  it('refuses a month whose chain is broken, and deletes nothing', async () => {
    const [victim] = await t.ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'campaign.update'))
      .orderBy(auditEvents.id)
      .limit(1);
    await t.ctx.db.execute(
      sql`update audit_events set details = '{"name":"篡改"}'::jsonb where id = ${victim!.id}`,
    );
    const before = await count(JAN_FROM, FEB_FROM);
    await expect(
      archiveMonth(t.ctx.db, t.ctx.storage, key(), '2026-01', new Date('2026-08-15T09:00:00+08:00')),
    ).rejects.toThrow(/哈希链校验失败，未归档、未删除.*被修改/);
    expect(await count(JAN_FROM, FEB_FROM)).toBe(before);
    expect(await t.ctx.storage.exists(archiveKeys('2026-01').rows)).toBe(false);
    await t.ctx.db.execute(
      sql`update audit_events set details = ${JSON.stringify(victim!.details)}::jsonb where id = ${victim!.id}`,
    );
    expect((await verifyAuditChain(t.ctx.db, key(), { now: t.clock.now() })).ok).toBe(true);
  });

  it('refuses a month with a row not sealed yet, and deletes nothing', async () => {
    await row('2026-01-20T10:00:00+08:00', 'campaign.update', { name: '一月未封链' });
    const before = await count(JAN_FROM, FEB_FROM);
    await expect(
      archiveMonth(t.ctx.db, t.ctx.storage, key(), '2026-01', new Date('2026-08-15T09:00:00+08:00')),
    ).rejects.toThrow(/1 条审计记录尚未封链，未归档、未删除/);
    expect(await count(JAN_FROM, FEB_FROM)).toBe(before);
    expect(await t.ctx.storage.exists(archiveKeys('2026-01').rows)).toBe(false);
    await seal();
  });

  it('writes a signed archive, verifies it, then deletes the month; the online chain still verifies', async () => {
    const janRows = await t.ctx.db
      .select()
      .from(auditEvents)
      .where(and(gte(auditEvents.at, new Date(JAN_FROM)), lt(auditEvents.at, new Date(FEB_FROM))))
      .orderBy(auditEvents.seq);
    expect(janRows.length).toBeGreaterThanOrEqual(4);
    const febBefore = await count(FEB_FROM, MAR_FROM);

    const now = new Date('2026-08-15T09:00:00+08:00');
    t.clock.set(now);
    const lines = await runAuditArchive(t.ctx.db, t.ctx.storage, key(), now, 180);
    expect(lines.join('\n')).toContain(`2026-01：${janRows.length} 条`);

    // January is gone from the database, February (from 00:30 Beijing time on the 1st) stays.
    expect(await count(JAN_FROM, FEB_FROM)).toBe(0);
    expect(await count(FEB_FROM, MAR_FROM)).toBe(febBefore);
    // The archiving's own row is written unsealed; the sealer chains it.
    const chain = await verifyAuditChain(t.ctx.db, key(), { now });
    expect(chain).toMatchObject({ ok: true, broken: null, unsealed: 1, stale: null });
    await seal();
    expect(await verifyAuditChain(t.ctx.db, key(), { now })).toMatchObject({ ok: true, unsealed: 0 });

    // The archive holds exactly January's rows in chain order, with their hashes, and verifies on its own.
    const keys = archiveKeys('2026-01');
    const text = zlib.gunzipSync(await t.ctx.storage.get(keys.rows)).toString('utf8');
    const archived = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number; hash: string; details: unknown });
    expect(archived.map((r) => r.id)).toEqual(janRows.map((r) => Number(r.id)));
    expect(archived.map((r) => r.hash)).toEqual(janRows.map((r) => r.hash));
    expect(text).toContain('一月最后一秒');
    expect(text).not.toContain('"二月"');
    const manifest = JSON.parse((await t.ctx.storage.get(keys.manifest)).toString()) as ArchiveManifest;
    expect(manifest).toMatchObject({ month: '2026-01', rows: janRows.length });
    expect(manifest.chains.map((c) => c.day)).toEqual([...new Set(janRows.map((r) => r.chain))].sort());
    expect(await verifyArchive(t.ctx.storage, key(), '2026-01')).toMatchObject({
      ok: true,
      rows: janRows.length,
      problem: null,
    });

    // The archiving itself is in the log (today's chain), with the archive's fingerprint.
    const [a] = await t.ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'audit.archive'));
    expect(a).toMatchObject({
      targetType: 'audit_log',
      targetId: '2026-01',
      chain: '2026-08-15',
    });
    expect(a!.details).toMatchObject({ rows: janRows.length, sha256: manifest.sha256 });

    // Run again: nothing left to archive, the archive untouched.
    const again = await runAuditArchive(t.ctx.db, t.ctx.storage, key(), now, 180);
    expect(again.join('\n')).toContain('没有需要归档的月份');
  });

  it('audit-archive-verify (the CLI) passes on the archive, exits 1 on a tampered or missing one', async () => {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      APP_MODE: 'test',
      LOG_LEVEL: 'silent',
      STORAGE_DIR: t.config.storageDir,
      AUDIT_HMAC_KEY: key(),
    };
    const run = async (month: string) => {
      try {
        const r = await promisify(execFile)(
          process.execPath,
          ['--import', 'tsx', 'src/server/cli.ts', 'audit-archive-verify', '--month', month],
          { cwd: REPO_ROOT, env },
        );
        return { code: 0, out: r.stdout };
      } catch (err) {
        const e = err as { code?: number; stdout?: string; stderr?: string };
        return { code: e.code ?? -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
      }
    };
    const ok = await run('2026-01');
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toContain('2026-01 审计归档校验通过');
    const keys = archiveKeys('2026-01');
    const good = await t.ctx.storage.get(keys.rows);
    const text = zlib.gunzipSync(good).toString('utf8').replace('一月第二天', '一月第三天');
    await t.ctx.storage.put(keys.rows, zlib.gzipSync(Buffer.from(text, 'utf8')));
    const tampered = await run('2026-01');
    await t.ctx.storage.put(keys.rows, good);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain('SHA-256');
    const missing = await run('2025-12');
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('未找到 2025-12 的审计归档');
  }, 60_000);
});

describe('a tampered archive is detected', () => {
  const keys = archiveKeys('2026-01');
  let rows: Buffer;
  let manifest: Buffer;
  beforeAll(async () => {
    rows = await t.ctx.storage.get(keys.rows);
    manifest = await t.ctx.storage.get(keys.manifest);
  });
  afterEach(async () => {
    await t.ctx.storage.put(keys.rows, rows);
    await t.ctx.storage.put(keys.manifest, manifest);
    expect((await verifyArchive(t.ctx.storage, key(), '2026-01')).ok).toBe(true);
  });

  const edited = (f: (text: string) => string) =>
    zlib.gzipSync(Buffer.from(f(zlib.gunzipSync(rows).toString('utf8')), 'utf8'));

  it('a changed row: the SHA-256 no longer matches the manifest', async () => {
    await t.ctx.storage.put(
      keys.rows,
      edited((s) => s.replace('一月最后一秒', '一月最后二秒')),
    );
    const v = await verifyArchive(t.ctx.storage, key(), '2026-01');
    expect(v).toMatchObject({ ok: false });
    expect(v.problem).toContain('SHA-256');
  });

  it('a changed row with the manifest’s SHA-256 updated: the signature no longer matches', async () => {
    const forged = edited((s) => s.replace('一月最后一秒', '一月最后二秒'));
    const m = JSON.parse(manifest.toString()) as ArchiveManifest;
    m.sha256 = crypto.createHash('sha256').update(forged).digest('hex');
    await t.ctx.storage.put(keys.rows, forged);
    await t.ctx.storage.put(keys.manifest, Buffer.from(JSON.stringify(m)));
    const v = await verifyArchive(t.ctx.storage, key(), '2026-01');
    expect(v.problem).toContain('签名不符');
  });

  it('a row removed and the manifest re-signed with the key: the day chain no longer links', async () => {
    const forged = edited((s) => {
      const l = s.trim().split('\n');
      return `${[...l.slice(0, 1), ...l.slice(2)].join('\n')}\n`;
    });
    const { signature: _s, ...m } = JSON.parse(manifest.toString()) as ArchiveManifest;
    const unsigned = { ...m, sha256: crypto.createHash('sha256').update(forged).digest('hex') };
    const signature = crypto.createHmac('sha256', key()).update(canonicalJson(unsigned)).digest('hex');
    await t.ctx.storage.put(keys.rows, forged);
    await t.ctx.storage.put(keys.manifest, Buffer.from(JSON.stringify({ ...unsigned, signature })));
    const v = await verifyArchive(t.ctx.storage, key(), '2026-01');
    expect(v.ok).toBe(false);
    expect(v.problem).toMatch(/前一行哈希不符|条数/);
  });

  it('an archive signed with another key is refused', async () => {
    const v = await verifyArchive(t.ctx.storage, `${key()}-other`, '2026-01');
    expect(v.problem).toContain('签名不符');
  });
});

describe('the audit administrator’s Excel export of a period', () => {
  const url = (from: string, to: string) =>
    `/api/v1/admin/audit/export.xlsx?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

  it('answers the audit administrator with Chinese headers and labels, audited; 403 for the others', async () => {
    await loginAs(t, p.auditAdmin.userId, p.auditAdmin.client);
    const period = url(FEB_FROM, MAR_FROM);
    const res = await p.auditAdmin.client.get(period);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
      '审计日志_20260201-20260228.xlsx',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('审计日志')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['序号', '时间（北京时间）', '操作', '操作代码', '结果']);
    expect(header).toContain('哈希');
    const body: string[][] = [];
    ws.eachRow((r, i) => {
      if (i > 1) body.push((r.values as unknown[]).slice(1).map(String));
    });
    expect(body.map((r) => r[1])).toEqual(['2026-02-01 00:30:00', '2026-02-20 10:00:00']);
    expect(body.map((r) => r[2])).toEqual(['修改填报批次', '修改填报批次']);
    expect(body[0]![4]).toBe('成功');
    expect(body[0]![7]).toBe('省工信厅');

    const [exported] = await t.ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'admin.audit.export'));
    expect(exported).toMatchObject({ userId: p.auditAdmin.userId, targetType: 'audit_log' });

    for (const who of [p.admin, p.securityAdmin, p.province]) {
      await loginAs(t, who.userId, who.client);
      const denied = await who.client.get(period);
      expect(denied.statusCode).toBe(403);
      expect(denied.json().code).toBe('FORBIDDEN');
    }
    expect((await p.anonymous.get(period)).statusCode).toBe(401);
  });

  it('refuses a period without an end, or ending before it starts', async () => {
    const noEnd = await p.auditAdmin.client.get(
      `/api/v1/admin/audit/export.xlsx?from=${encodeURIComponent(FEB_FROM)}`,
    );
    expect(noEnd.statusCode).toBe(400);
    const reversed = await p.auditAdmin.client.get(url(MAR_FROM, FEB_FROM));
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().fieldErrors.to).toBe('结束时间须晚于开始时间');
  });
});
