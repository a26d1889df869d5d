/**
 * A section save's audit row joins the day's hash chain (ADR 0017) like every other audited action: the save writes
 * its own row in its one write statement (ADR 10), and before issue #15 that row carried no chain columns, which
 * broke `audit-verify` from the first save of the day on. Since ADR 0031 it is written signed (id and mac) and the
 * sealer chains it. Saves, conflicts and concurrent saves beside other audited actions leave one verifiable chain.
 * Meaningful in parallel on PostgreSQL (TEST_DATABASE_URL).
 */
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../../src/server/db/schema';
import { rowMac, sealAuditChain, verifyAuditChain } from '../../../src/server/services/audit-chain';
import { sampleSections } from '../../../src/shared/filing/fixtures';
import type { SectionKey } from '../../../src/shared/schemas/filing-api';
import { expectStatus, getFiling, saveSection, setup, start, YEAR, type Fixture } from './flow';

let f: Fixture;
let id: string;
beforeAll(async () => {
  f = await setup();
});
afterAll(async () => {
  await f.t.close();
});

const sample = sampleSections({ campaignYear: YEAR });

describe('section saves and the audit hash chain', () => {
  it('a save writes a chained audit row with the new version; a conflict writes none; the chain verifies', async () => {
    const client = f.p.ksEnterprise.client;
    const d = await start(client, 'entry');
    id = d.id;
    const v = d.sections.basic.version;
    expectStatus(await saveSection(client, d.id, 'basic', sample.basic, v), 200);
    expectStatus(await saveSection(client, d.id, 'basic', sample.basic, v), 409);
    const rows = await f.t.ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'filing.section_save'), eq(auditEvents.targetId, d.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      userId: f.p.ksEnterprise.userId,
      details: { section: 'basic', version: v + 1 },
      chain: expect.any(String),
      mac: rowMac(f.t.config.auditKey, Number(rows[0]!.id), rows[0]!.chain!, rows[0]!),
      seq: null,
    });
    await sealAuditChain(f.t.ctx.db, f.t.config.auditKey);
    const [sealed] = await f.t.ctx.db.select().from(auditEvents).where(eq(auditEvents.id, rows[0]!.id));
    expect(sealed).toMatchObject({ hash: expect.stringMatching(/^[0-9a-f]{64}$/), seq: expect.any(Number) });
    const report = await verifyAuditChain(f.t.ctx.db, f.t.config.auditKey, { now: f.t.clock.now() });
    expect(report).toMatchObject({ ok: true, broken: null, unsealed: 0 });
  });

  it('saves in parallel with other audited actions: one unbroken chain', async () => {
    const client = f.p.ksEnterprise.client;
    for (let round = 0; round < 6; round++) {
      const cur = await getFiling(client, id);
      const keys: SectionKey[] = ['products', 'operations', 'innovation'];
      // The sealer runs while saves go on, as it does every second in a server.
      const [res] = await Promise.all([
        Promise.all([
          ...keys.map((k) => saveSection(client, id, k, sample[k], cur.sections[k].version)),
          f.p.auditAdmin.client.get(`/api/v1/admin/audit?action=test.none${'_'.repeat(round)}`),
        ]),
        sealAuditChain(f.t.ctx.db, f.t.config.auditKey),
      ]);
      expect(res.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    }
    await sealAuditChain(f.t.ctx.db, f.t.config.auditKey);
    expect(await verifyAuditChain(f.t.ctx.db, f.t.config.auditKey, { now: f.t.clock.now() })).toMatchObject({
      ok: true,
      unsealed: 0,
    });
  }, 120_000);
});
