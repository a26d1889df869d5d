/**
 * 「同一有效期内累计两次未更新的，取消认定」 (issue 12 item 6): a province setting, off by default ([S] 待核实).
 * Off: confirming a 清退 clears the enterprise and leaves its titles alone. On: a provincial title whose validity
 * contains two confirmed missed updates is revoked with the confirmation, recorded as an enterprise event.
 */
import { and, eq } from 'drizzle-orm';
import { clearances, enterpriseEvents, recognitions } from '../../../src/server/db/schema';
import { ensureDefaultCampaign, type Campaign } from '../../../src/server/modules/campaigns/service';
import { ManualClock } from '../../../src/server/services/clock';
import {
  createEnterprise,
  createPersonas,
  usccIn,
  type Persona,
  type Personas,
} from '../../helpers/personas';
import { createTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
let p: Personas;
let c2025: Campaign;
let c2026: Campaign;

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2026-06-20T10:00:00+08:00') });
  p = await createPersonas(t);
  c2025 = await ensureDefaultCampaign(t.ctx, 2025);
  c2026 = await ensureDefaultCampaign(t.ctx, 2026);
});
afterAll(async () => {
  await t.close();
});

/** An in-database 苏州 enterprise holding a 创新型 title 2024-06-01 … 2027-05-31, which missed the 2025 update
 * (confirmed) and has a proposed 清退 for 2026. Returns the enterprise, its title and the 2026 proposal. */
async function missedTwice(n: number): Promise<{ e: Persona; recognitionId: string; proposalId: string }> {
  const e = await createEnterprise(t, {
    name: `昆山两次未更新测试${n}有限公司`,
    uscc: usccIn('320583', 600 + n),
    countyCode: '320583',
    cityCode: '320500',
    dbStatus: 'in_db',
  });
  const [rec] = await t.ctx.db
    .insert(recognitions)
    .values({
      enterpriseId: e.enterpriseId!,
      kind: 'innovative',
      title: '创新型中小企业',
      source: 'announcement',
      issuer: '苏州市工业和信息化局',
      validFrom: new Date('2024-06-01T00:00:00+08:00'),
      validTo: new Date('2027-05-31T23:59:59.999+08:00'),
    })
    .returning({ id: recognitions.id });
  const base = {
    enterpriseId: e.enterpriseId!,
    cityCode: '320500',
    countyCode: '320583',
    reason: '逾期未更新',
  };
  await t.ctx.db.insert(clearances).values({ ...base, campaignId: c2025.id, status: 'confirmed' });
  const [proposal] = await t.ctx.db
    .insert(clearances)
    .values({ ...base, campaignId: c2026.id, status: 'proposed' })
    .returning({ id: clearances.id });
  return { e, recognitionId: rec!.id, proposalId: proposal!.id };
}

async function confirm(proposalId: string) {
  const res = await p.szCity.client.post(`/api/v1/cycle/campaigns/${c2026.id}/clearances/confirm`, {
    ids: [proposalId],
  });
  expect(res.statusCode).toBe(200);
  expect(res.json().confirmed).toEqual([proposalId]);
}

async function statusOf(id: string) {
  const [r] = await t.ctx.db.select().from(recognitions).where(eq(recognitions.id, id));
  return r!.status;
}

describe('two missed updates within one validity period', () => {
  it('cancel nothing while the setting is off (the default)', async () => {
    const x = await missedTwice(1);
    await confirm(x.proposalId);
    expect(await statusOf(x.recognitionId)).toBe('valid');
  });

  it('cancel the provincial title when the province turns the setting on', async () => {
    const on = await p.province.client.put('/api/v1/settings/province', {
      publicityDays: 5,
      clearanceGraceDays: 15,
      cancelAfterTwoMissedUpdates: true,
    });
    expect(on.statusCode).toBe(200);
    const y = await missedTwice(2);
    await confirm(y.proposalId);
    expect(await statusOf(y.recognitionId)).toBe('revoked');
    const [event] = await t.ctx.db
      .select()
      .from(enterpriseEvents)
      .where(
        and(
          eq(enterpriseEvents.enterpriseId, y.e.enterpriseId!),
          eq(enterpriseEvents.event, 'recognition_revoked'),
        ),
      );
    expect(event!.reason).toContain('累计两次未按期更新（2025、2026年度）');
    expect(event!.reason).toContain('待核实');
    expect(event!.actorName).toBe(p.szCity.displayName);
  });

  it('leave a title alone when only one of the missed updates falls within its validity', async () => {
    const z = await missedTwice(3);
    // A title granted after the 2025 deadline (24 March 2025) holds only the 2026 miss.
    await t.ctx.db
      .update(recognitions)
      .set({ validFrom: new Date('2025-04-01T00:00:00+08:00') })
      .where(eq(recognitions.id, z.recognitionId));
    await confirm(z.proposalId);
    expect(await statusOf(z.recognitionId)).toBe('valid');
  });
});
