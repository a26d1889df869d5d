/**
 * The tamper-evident audit log (issue 17 item 4): every audit row is chained to the day's previous one; the
 * verifier (npm run cli -- audit-verify) passes on an untouched log and names the first row after an SQL update,
 * a deletion or a forged insert. Concurrent appends (real ones on PostgreSQL) still form one unbroken chain.
 */
import { eq, sql } from 'drizzle-orm';
import { auditEvents } from '../../../src/server/db/schema';
import {
  appendAudit,
  CHAIN_LANES,
  chainDay,
  chainName,
  describeChainReport,
  GENESIS,
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

describe('the audit hash chain', () => {
  it('chains each row to the previous one of its day and verifies on a fresh database', async () => {
    await auditedActions(3);
    t.clock.set(new Date('2026-03-03T09:00:00+08:00'));
    // A day later the session has timed out: a new one.
    await loginAs(t, p.auditAdmin.userId, p.auditAdmin.client);
    await auditedActions(2);
    const rows = await t.ctx.db.select().from(auditEvents).orderBy(auditEvents.id);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    const byChain = new Map<string, typeof rows>();
    for (const r of rows) byChain.set(r.chain!, [...(byChain.get(r.chain!) ?? []), r]);
    // Each row is in a lane of its day, the lane of its request.
    expect([...new Set([...byChain.keys()].map(chainDay))]).toEqual(['2026-03-02', '2026-03-03']);
    for (const r of rows) expect(r.chain).toBe(chainName(r.at, r.requestId));
    for (const chain of byChain.values()) {
      expect(chain[0]!.prevHash).toBe(GENESIS);
      for (let i = 1; i < chain.length; i++) expect(chain[i]!.prevHash).toBe(chain[i - 1]!.hash);
    }
    const report = await verifyAuditChain(t.ctx.db, key());
    expect(report).toMatchObject({ ok: true, chains: byChain.size, rows: rows.length, broken: null });
    expect(describeChainReport(report).join('\n')).toContain('校验通过');
  });

  it('spreads requests over the lanes of a day; one request keeps to one lane', () => {
    const at = new Date('2026-03-02T10:00:00+08:00');
    const lanes = new Set(Array.from({ length: 200 }, (_, i) => chainName(at, `req-${i}`)));
    expect(lanes.size).toBe(CHAIN_LANES);
    for (const l of lanes) expect(l).toMatch(/^2026-03-02#0[0-7]$/);
    expect(chainName(at, 'req-7')).toBe(chainName(new Date('2026-03-02T23:59:00+08:00'), 'req-7'));
    expect(chainName(at, null)).toBe('2026-03-02#00');
  });

  it('concurrent appends of many requests on all lanes, each lane unbroken, no deadlock', async () => {
    const at = t.clock.now();
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        t.ctx.db.transaction(async (tx) => {
          // Two rows per transaction, as an action and its consequence write them: one lane, one lock.
          await appendAudit(tx, key(), { at, action: 'test.lanes', requestId: `lane-${i}` });
          await tx.execute(sql`select pg_sleep(0.002)`);
          await appendAudit(tx, key(), { at, action: 'test.lanes.2', requestId: `lane-${i}` });
        }),
      ),
    );
    expect((await verifyAuditChain(t.ctx.db, key())).ok).toBe(true);
  });

  it('concurrent appends form one unbroken chain', async () => {
    const at = t.clock.now();
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        t.ctx.db.transaction(async (tx) => {
          await appendAudit(tx, key(), { at, action: 'test.concurrent', targetId: String(i) });
          // Work after the append keeps the chain lock held while others wait for it.
          await tx.execute(sql`select pg_sleep(0.005)`);
        }),
      ),
    );
    expect((await verifyAuditChain(t.ctx.db, key())).ok).toBe(true);
  });

  it('reports the first row after an SQL update, and after a deletion', async () => {
    const rows = await t.ctx.db.select().from(auditEvents).orderBy(auditEvents.id);
    const victim = rows[2]!;
    await t.ctx.db.execute(
      sql`update audit_events set details = '{"filters":{},"results":99}'::jsonb where id = ${victim.id}`,
    );
    const changed = await verifyAuditChain(t.ctx.db, key());
    expect(changed.ok).toBe(false);
    expect(changed.broken).toMatchObject({ id: victim.id, reason: expect.stringContaining('被修改') });
    expect(describeChainReport(changed).join('\n')).toContain(`id=${victim.id}`);
    // Put it back: the chain verifies again.
    await t.ctx.db.update(auditEvents).set({ details: victim.details }).where(eq(auditEvents.id, victim.id));
    expect((await verifyAuditChain(t.ctx.db, key())).ok).toBe(true);

    // Deleting a row breaks the link of the next row of its chain (the concurrent test's lane 00 has many).
    const first = rows.find((r) => r.action === 'test.concurrent')!;
    const next = rows.find((r) => r.chain === first.chain && r.id > first.id)!;
    await t.ctx.db.delete(auditEvents).where(eq(auditEvents.id, first.id));
    const deleted = await verifyAuditChain(t.ctx.db, key());
    expect(deleted.broken).toMatchObject({ id: next.id, reason: expect.stringContaining('前一行哈希不符') });
  });

  it('a row recomputed without the key does not verify', async () => {
    const [row] = await t.ctx.db
      .select()
      .from(auditEvents)
      .orderBy(sql`id desc`)
      .limit(1);
    await t.ctx.db.execute(sql`update audit_events set action = 'forged' where id = ${row!.id}`);
    const wrongKey = await verifyAuditChain(t.ctx.db, 'another-key');
    expect(wrongKey.ok).toBe(false);
  });
});
