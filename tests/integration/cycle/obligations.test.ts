/**
 * Update obligations (issue 6): who owed a 数据更新 is recorded when the campaign opens (the cycle.obligations job
 * scheduled with the reminders), so the statistics and the outstanding list of a past year do not drift with
 * today's database status. Campaigns without recorded rows fall back to the derivation from today's status.
 */
import { and, eq } from 'drizzle-orm';
import { enterprises, filings, recognitions, updateObligations } from '../../../src/server/db/schema';
import { ensureDefaultCampaign, type Campaign } from '../../../src/server/modules/campaigns/service';
import { recordUpdateObligations } from '../../../src/server/modules/cycle/service';
import { ManualClock } from '../../../src/server/services/clock';
import { runDueJobs } from '../../../src/server/services/jobs';
import type { SummaryResponse } from '../../../src/shared/schemas/statistics-api';
import {
  createEnterprise,
  createPersonas,
  reloginAll,
  setDbStatus,
  usccIn,
  type Persona,
  type Personas,
} from '../../helpers/personas';
import { createTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
let clock: ManualClock;
let p: Personas;
let campaign: Campaign;
/** 在库, updates in time. */
let updater: Persona;
/** 在库 at the opening, never updates, cleared after the opening. */
let clearedLater: Persona;
/** Cleared before the campaign, but still a valid 创新型中小企业: owes an update (reason innovative). */
let innovative: Persona;
/** 在库 and a 省级专精特新 holder: reason specialised. */
let specialised: Persona;
/** Enters the database only after the campaign opened: owed nothing that year. */
let latecomer: Persona;

async function ent(name: string, n: number, countyCode: string, dbStatus: 'none' | 'in_db' | 'cleared') {
  return createEnterprise(t, { name, uscc: usccIn(countyCode, n), countyCode, cityCode: '320500', dbStatus });
}

async function recognise(enterpriseId: string, kind: string, title: string) {
  await t.ctx.db.insert(recognitions).values({
    enterpriseId,
    kind,
    title,
    source: 'import',
    issuer: '江苏省工业和信息化厅',
    validFrom: new Date('2022-01-01T00:00:00+08:00'),
    validTo: new Date('2024-12-31T23:59:59.999+08:00'),
  });
}

beforeAll(async () => {
  clock = new ManualClock('2023-02-01T10:00:00+08:00');
  t = await createTestApp({ clock });
  p = await createPersonas(t);
  campaign = await ensureDefaultCampaign(t.ctx, 2023);
  updater = await ent('苏州义务测试一有限公司', 101, '320583', 'in_db');
  clearedLater = await ent('苏州义务测试二有限公司', 102, '320583', 'in_db');
  innovative = await ent('苏州义务测试三有限公司', 103, '320509', 'cleared');
  specialised = await ent('苏州义务测试四有限公司', 104, '320509', 'in_db');
  latecomer = await ent('苏州义务测试五有限公司', 105, '320583', 'none');
  await recognise(innovative.enterpriseId!, 'innovative', '创新型中小企业');
  await recognise(specialised.enterpriseId!, 'provincial_specialized', '江苏省专精特新中小企业');
  await recognise(specialised.enterpriseId!, 'innovative', '创新型中小企业');
});
afterAll(async () => {
  await t.close();
});

async function obligationRows() {
  return t.ctx.db
    .select({ enterpriseId: updateObligations.enterpriseId, reason: updateObligations.reason })
    .from(updateObligations)
    .where(eq(updateObligations.campaignId, campaign.id));
}

async function summary2023(): Promise<SummaryResponse> {
  const res = await p.szCity.client.get('/api/v1/statistics/summary?year=2023');
  expect(res.statusCode).toBe(200);
  return res.json() as SummaryResponse;
}

describe('update obligations', () => {
  it('are recorded by the job due at the opening, not when the reminders are scheduled', async () => {
    const res = await p.province.client.post(`/api/v1/cycle/campaigns/${campaign.id}/schedule`);
    expect(res.statusCode).toBe(200);
    await runDueJobs(t.ctx);
    expect(await obligationRows()).toEqual([]); // 1 February: the window opens on 20 February

    clock.set('2023-02-20T09:00:00+08:00');
    await reloginAll(t, p);
    await runDueJobs(t.ctx);
    const rows = await obligationRows();
    const reasonOf = new Map(rows.map((r) => [r.enterpriseId, r.reason]));
    expect(reasonOf.get(updater.enterpriseId!)).toBe('in_db');
    expect(reasonOf.get(clearedLater.enterpriseId!)).toBe('in_db');
    expect(reasonOf.get(innovative.enterpriseId!)).toBe('innovative');
    expect(reasonOf.get(specialised.enterpriseId!)).toBe('specialised');
    expect(reasonOf.has(latecomer.enterpriseId!)).toBe(false);
    // The personas' enterprises are not 在库 and hold nothing.
    expect(reasonOf.has(p.ksEnterprise.enterpriseId!)).toBe(false);
    expect(rows).toHaveLength(4);
    const [row] = await t.ctx.db
      .select()
      .from(updateObligations)
      .where(eq(updateObligations.enterpriseId, innovative.enterpriseId!));
    expect(row).toMatchObject({ cityCode: '320500', countyCode: '320509' });
    expect(row!.createdAt.toISOString()).toBe(clock.now().toISOString());
  });

  it('are recorded once: running again adds nothing', async () => {
    expect(await recordUpdateObligations(t.ctx.db, campaign.id, { now: clock.now() })).toBe(0);
    expect(await obligationRows()).toHaveLength(4);
  });

  it('judge recognitions as of the campaign’s opening', async () => {
    // In 2021 the recognitions (valid from 2022) did not exist yet: only today's 在库 enterprises, reason in_db.
    const c2021 = await ensureDefaultCampaign(t.ctx, 2021);
    expect(await recordUpdateObligations(t.ctx.db, c2021.id, { now: clock.now() })).toBe(3);
    const rows = await t.ctx.db
      .select({ enterpriseId: updateObligations.enterpriseId, reason: updateObligations.reason })
      .from(updateObligations)
      .where(eq(updateObligations.campaignId, c2021.id));
    expect(rows.map((r) => r.reason)).toEqual(['in_db', 'in_db', 'in_db']);
    expect(rows.map((r) => r.enterpriseId).sort()).toEqual(
      [updater.enterpriseId!, clearedLater.enterpriseId!, specialised.enterpriseId!].sort(),
    );
  });

  it('keep the year’s 应更新企业数 when an enterprise is cleared or enters after the opening', async () => {
    await t.ctx.db.insert(filings).values({
      enterpriseId: updater.enterpriseId!,
      campaignId: campaign.id,
      kind: 'update',
      status: 'county_review',
      countyCode: '320583',
      cityCode: '320500',
      enterpriseName: updater.displayName,
      uscc: usccIn('320583', 101),
      submittedAt: clock.now(),
    });
    const before = await summary2023();
    expect(before.total.update).toEqual({ obligated: 4, updated: 1, rate: 0.25 });
    const ks = before.rows.find((r) => r.regionCode === '320583')!;
    const wj = before.rows.find((r) => r.regionCode === '320509')!;
    expect(ks.update).toMatchObject({ obligated: 2, updated: 1 });
    expect(wj.update).toMatchObject({ obligated: 2, updated: 0 });

    // A year later: one enterprise was cleared (in the 2024 cycle), another entered the database.
    clock.set('2024-05-10T10:00:00+08:00');
    await reloginAll(t, p);
    await setDbStatus(t, clearedLater.enterpriseId!, 'cleared');
    await setDbStatus(t, latecomer.enterpriseId!, 'in_db');
    const after = await summary2023();
    expect(after.total.update).toEqual(before.total.update);
    expect(after.rows.find((r) => r.regionCode === '320583')!.update).toEqual(ks.update);

    // The outstanding list of 2023 keeps the cleared enterprise and leaves out the newcomer.
    const res = await p.szCity.client.get(`/api/v1/cycle/campaigns/${campaign.id}/outstanding`);
    expect(res.statusCode).toBe(200);
    const out = res.json() as {
      totals: { obligated: number; updated: number; outstanding: number };
      items: { enterpriseId: string; priority: boolean }[];
    };
    expect(out.totals).toEqual({ obligated: 4, updated: 1, outstanding: 3 });
    const ids = out.items.map((i) => i.enterpriseId).sort();
    expect(ids).toEqual(
      [clearedLater.enterpriseId!, innovative.enterpriseId!, specialised.enterpriseId!].sort(),
    );
    const priority = new Map(out.items.map((i) => [i.enterpriseId, i.priority]));
    expect(priority.get(clearedLater.enterpriseId!)).toBe(false);
    expect(priority.get(innovative.enterpriseId!)).toBe(true);
    const onlyPriority = await p.szCity.client.get(
      `/api/v1/cycle/campaigns/${campaign.id}/outstanding?priority=true`,
    );
    expect(onlyPriority.json().totals).toEqual({ obligated: 2, updated: 0, outstanding: 2 });
  });

  it('fall back to today’s status for a campaign that recorded none', async () => {
    const old = await ensureDefaultCampaign(t.ctx, 2022);
    const rows = await t.ctx.db
      .select()
      .from(updateObligations)
      .where(eq(updateObligations.campaignId, old.id));
    expect(rows).toEqual([]);
    const res = await p.szCity.client.get('/api/v1/statistics/summary?year=2022');
    const inDbNow = await t.ctx.db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(and(eq(enterprises.dbStatus, 'in_db'), eq(enterprises.cityCode, '320500')));
    // updater, specialised and the latecomer are 在库 today; none filed in 2022.
    expect(inDbNow).toHaveLength(3);
    expect((res.json() as SummaryResponse).total.update).toEqual({ obligated: 3, updated: 0, rate: 0 });
  });
});
