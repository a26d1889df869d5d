/**
 * The tamper-evident audit log (issue 17 item 4, ADR 0031): every audit row is written with its own HMAC and no
 * lock, and the sealer chains committed rows to their day's previous one; the verifier (npm run cli -- audit-verify)
 * passes on an untouched log and names the first row after an SQL update, a deletion or a forged insert, before and
 * after sealing, and reports rows left unsealed too long. A row that commits after higher ids were sealed is
 * sealed after them. Concurrent appends and sealers (real ones on PostgreSQL) still form unbroken chains.
 */
import { eq, sql } from 'drizzle-orm';
import { auditEvents } from '../../../src/server/db/schema';
import {
  appendAudit,
  chainName,
  describeChainReport,
  GENESIS,
  nextAuditId,
  rowMac,
  sealAuditChain,
  verifyAuditChain,
} from '../../../src/server/services/audit-chain';
import { ManualClock } from '../../../src/server/services/clock';
import { createPersonas, loginAs, type Personas } from '../../helpers/personas';
import { createTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
let p: Personas;
beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2026-03-02T09:00:00+08:00') });
  p = await createPersonas(t);
});
afterAll(async () => {
  await t.close();
});

const key = () => t.config.auditKey;

async function auditedActions(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const res = await p.auditAdmin.client.get(`/api/v1/admin/audit?action=test.none${'_'.repeat(i)}`);
    expect(res.statusCode).toBe(200);
  }
}

const seal = () => sealAuditChain(t.ctx.db, key());
const verify = (opts: { unsealedLimitMs?: number; now?: Date } = {}) =>
  verifyAuditChain(t.ctx.db, key(), { now: t.clock.now(), ...opts });

describe('the audit hash chain', () => {
  it('writes signed rows without a chain lock; the sealer chains them per day; a fresh database verifies', async () => {
    await auditedActions(3);
    const unsealed = await t.ctx.db.select().from(auditEvents).orderBy(auditEvents.id);
    expect(unsealed.length).toBeGreaterThanOrEqual(3);
    for (const r of unsealed) {
      expect(r).toMatchObject({ seq: null, hash: null, prevHash: null, chain: chainName(r.at) });
      expect(r.mac).toBe(rowMac(key(), Number(r.id), r.chain!, r));
    }
    // Not sealed yet: the rows verify by their mac and are counted as waiting.
    expect(await verify()).toMatchObject({ ok: true, unsealed: unsealed.length, stale: null, broken: null });
    expect((await seal()).sealed).toBe(unsealed.length);

    t.clock.set(new Date('2026-03-03T09:00:00+08:00'));
    // A day later the session has timed out: a new one.
    await loginAs(t, p.auditAdmin.userId, p.auditAdmin.client);
    await auditedActions(2);
    await seal();
    const rows = await t.ctx.db.select().from(auditEvents).orderBy(auditEvents.seq);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    const byChain = new Map<string, typeof rows>();
    for (const r of rows) byChain.set(r.chain!, [...(byChain.get(r.chain!) ?? []), r]);
    // One chain per day (no lanes since ADR 0031).
    expect([...byChain.keys()]).toEqual(['2026-03-02', '2026-03-03']);
    for (const chain of byChain.values()) {
      expect(chain[0]!.prevHash).toBe(GENESIS);
      for (let i = 1; i < chain.length; i++) expect(chain[i]!.prevHash).toBe(chain[i - 1]!.hash);
    }
    expect(rows.map((r) => Number(r.seq))).toEqual([...rows.map((r) => Number(r.seq))].sort((x, y) => x - y));
    const report = await verify();
    expect(report).toMatchObject({ ok: true, chains: 2, rows: rows.length, unsealed: 0, broken: null });
    expect(describeChainReport(report).join('\n')).toContain('校验通过');
    // Nothing left: a second run seals nothing.
    expect(await seal()).toEqual({ sealed: 0, busy: false });
  });

  it('a row that commits after higher ids were sealed is sealed after them, and the chain verifies', async () => {
    const at = t.clock.now();
    // The id of a transaction that is still running, while a later one commits and is sealed.
    const lateId = await nextAuditId(t.ctx.db, t.ctx.db);
    await appendAudit(t.ctx.db, key(), { at, action: 'test.early_commit' });
    await seal();
    const [early] = await t.ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'test.early_commit'));
    expect(Number(early!.id)).toBeGreaterThan(lateId);
    // Now the late one commits, with the id it drew first.
    await t.ctx.db.insert(auditEvents).values({
      id: lateId,
      at,
      action: 'test.late_commit',
      chain: chainName(at),
      mac: rowMac(key(), lateId, chainName(at), { at, action: 'test.late_commit' }),
    });
    expect((await seal()).sealed).toBe(1);
    const [late] = await t.ctx.db.select().from(auditEvents).where(eq(auditEvents.id, lateId));
    expect(Number(late!.seq)).toBeGreaterThan(Number(early!.seq));
    expect(late!.prevHash).not.toBe(GENESIS);
    expect(await verify()).toMatchObject({ ok: true, unsealed: 0, broken: null });
  });

  it('concurrent appends and sealers: unbroken chains, every row sealed once', async () => {
    const at = t.clock.now();
    await Promise.all([
      ...Array.from({ length: 24 }, (_, i) =>
        t.ctx.db.transaction(async (tx) => {
          // Two rows per transaction, as an action and its consequence write them.
          await appendAudit(tx, key(), { at, action: 'test.concurrent', targetId: String(i) }, t.ctx.db);
          await tx.execute(sql`select pg_sleep(0.002)`);
          await appendAudit(tx, key(), { at, action: 'test.concurrent.2', targetId: String(i) }, t.ctx.db);
        }),
      ),
      ...Array.from({ length: 4 }, () => seal()),
    ]);
    await seal();
    const rows = await t.ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'test.concurrent'));
    expect(rows).toHaveLength(24);
    for (const r of rows) expect(r.seq).not.toBeNull();
    expect(await verify()).toMatchObject({ ok: true, unsealed: 0, broken: null });
  });

  it('reports the first row after an SQL update of a sealed row, and after a deletion', async () => {
    const rows = await t.ctx.db.select().from(auditEvents).orderBy(auditEvents.seq);
    const victim = rows[2]!;
    await t.ctx.db.execute(
      sql`update audit_events set details = '{"filters":{},"results":99}'::jsonb where id = ${victim.id}`,
    );
    const changed = await verify();
    expect(changed.ok).toBe(false);
    expect(changed.broken).toMatchObject({ id: victim.id, reason: expect.stringContaining('被修改') });
    expect(describeChainReport(changed).join('\n')).toContain(`id=${victim.id}`);
    // Put it back: the chain verifies again.
    await t.ctx.db.update(auditEvents).set({ details: victim.details }).where(eq(auditEvents.id, victim.id));
    expect((await verify()).ok).toBe(true);

    // Deleting a row breaks the link of the next row of its chain (the concurrent test's day has many).
    const first = rows.find((r) => r.action === 'test.concurrent')!;
    const next = rows.find((r) => r.chain === first.chain && Number(r.seq) > Number(first.seq))!;
    await t.ctx.db.delete(auditEvents).where(eq(auditEvents.id, first.id));
    const deleted = await verify();
    expect(deleted.broken).toMatchObject({ id: next.id, reason: expect.stringContaining('前一行哈希不符') });
    await t.ctx.db.insert(auditEvents).values(first);
    expect((await verify()).ok).toBe(true);
  });

  it('reports an unsealed row changed in SQL, before and after the sealer chains it', async () => {
    await auditedActions(1);
    const [row] = await t.ctx.db
      .select()
      .from(auditEvents)
      .orderBy(sql`id desc`)
      .limit(1);
    expect(row!.seq).toBeNull();
    await t.ctx.db.execute(sql`update audit_events set username = 'someone_else' where id = ${row!.id}`);
    const before = await verify();
    expect(before.broken).toMatchObject({ id: row!.id, reason: expect.stringContaining('封链前被修改') });
    await seal();
    const after = await verify();
    expect(after.broken).toMatchObject({ id: row!.id, reason: expect.stringContaining('封链前被修改') });
    // The sealer chained what it found; putting the content back now breaks the chain hash instead: the row stays
    // reported whatever is done to it.
    await t.ctx.db.execute(sql`update audit_events set username = ${row!.username} where id = ${row!.id}`);
    expect((await verify()).broken).toMatchObject({ id: row!.id, reason: expect.stringContaining('被修改') });
    // It is the last row of its chain: deleting a chain's last row is not detectable (ADR 0017, 0031).
    await t.ctx.db.delete(auditEvents).where(eq(auditEvents.id, row!.id));
    expect((await verify()).ok).toBe(true);
  });

  it('reports rows left unsealed longer than the limit', async () => {
    await seal();
    expect((await verify()).ok).toBe(true);
    await appendAudit(t.ctx.db, key(), { at: t.clock.now(), action: 'test.waiting' });
    expect(await verify()).toMatchObject({ ok: true, unsealed: 1, stale: null });
    const later = new Date(t.clock.now().getTime() + 6 * 60_000);
    const stale = await verify({ now: later });
    expect(stale).toMatchObject({
      ok: false,
      broken: null,
      unsealed: 1,
      stale: { rows: 1, limitMinutes: 5 },
    });
    expect(describeChainReport(stale).join('\n')).toMatch(/超过 5 分钟仍未封链.*audit-seal/);
    await seal();
    expect(await verify({ now: later })).toMatchObject({ ok: true, unsealed: 0, stale: null });
  });

  it('reports a row forged in SQL: without the mac, or with a made-up one', async () => {
    const at = t.clock.now();
    const [plain] = await t.ctx.db
      .insert(auditEvents)
      .values({ at, action: 'forged.plain', chain: chainName(at) })
      .returning();
    const noMac = await verify();
    expect(noMac.broken).toMatchObject({
      id: plain!.id,
      reason: expect.stringContaining('缺少链哈希和写入签名'),
    });
    await t.ctx.db.delete(auditEvents).where(eq(auditEvents.id, plain!.id));

    const [made] = await t.ctx.db
      .insert(auditEvents)
      .values({ at, action: 'forged.mac', chain: chainName(at), mac: 'f'.repeat(64) })
      .returning();
    expect((await verify()).broken).toMatchObject({ id: made!.id, reason: expect.stringContaining('伪造') });
    await seal();
    const sealed = await verify();
    expect(sealed.broken).toMatchObject({ id: made!.id, reason: expect.stringContaining('伪造') });
    await t.ctx.db.delete(auditEvents).where(eq(auditEvents.id, made!.id));
    expect((await verify()).ok).toBe(true);
  });

  it('a row recomputed without the key does not verify', async () => {
    const [row] = await t.ctx.db
      .select()
      .from(auditEvents)
      .orderBy(sql`id desc`)
      .limit(1);
    await t.ctx.db.execute(sql`update audit_events set action = 'forged' where id = ${row!.id}`);
    const wrongKey = await verifyAuditChain(t.ctx.db, 'another-key', { now: t.clock.now() });
    expect(wrongKey.ok).toBe(false);
  });
});
