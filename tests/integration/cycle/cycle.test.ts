import { and, eq, like } from 'drizzle-orm';
import {
  clearances,
  enterpriseEvents,
  enterprises,
  filings,
  jobs,
  notifications,
  recognitions,
  smsOutbox,
  users,
} from '../../../src/server/db/schema';
import { ensureDefaultCampaign, type Campaign } from '../../../src/server/modules/campaigns/service';
import {
  onRereviewApproved,
  rereviewStartRefusal,
  sendReminders,
} from '../../../src/server/modules/cycle/service';
import { ManualClock } from '../../../src/server/services/clock';
import { runDueJobs } from '../../../src/server/services/jobs';
import {
  createEnterprise,
  createPersonas,
  loginAs,
  reloginAll,
  setDbStatus,
  usccIn,
  type Persona,
  type Personas,
} from '../../helpers/personas';
import { pageOf, smsPaths } from '../../helpers/links';
import { createTestApp, type TestApp, type TestClient } from '../../helpers/test-app';

let t: TestApp;
let clock: ManualClock;
let p: Personas;
let campaign: Campaign;
let njEnterprise: Persona;
let njCityId: string;
let njCity: TestClient;

async function relogin() {
  await reloginAll(t, p);
  await loginAs(t, njEnterprise.userId, njEnterprise.client);
  await loginAs(t, njCityId, njCity);
}

beforeAll(async () => {
  clock = new ManualClock('2023-02-01T10:00:00+08:00');
  t = await createTestApp({ clock });
  p = await createPersonas(t);
  campaign = await ensureDefaultCampaign(t.ctx, 2023);
  njEnterprise = await createEnterprise(t, {
    name: '南京测试软件有限公司',
    uscc: usccIn('320105', 7),
    countyCode: '320105',
    cityCode: '320100',
    dbStatus: 'in_db',
  });
  const [u] = await t.ctx.db
    .insert(users)
    .values({
      username: `nj_city_${process.pid}`,
      passwordHash: 'x',
      role: 'city_reviewer',
      displayName: '南京市工信局审核员',
      regionCode: '320100',
    })
    .returning({ id: users.id });
  njCityId = u!.id;
  njCity = await loginAs(t, njCityId);
  await setDbStatus(t, p.ksEnterprise.enterpriseId!, 'in_db');
  await setDbStatus(t, p.wjEnterprise.enterpriseId!, 'in_db');
  // 昆山's enterprise is a 创新型中小企业 until 2023-04-09: a priority obligation, and due for 复核 in 2023.
  await t.ctx.db.insert(recognitions).values({
    enterpriseId: p.ksEnterprise.enterpriseId!,
    kind: 'innovative',
    title: '创新型中小企业',
    source: 'announcement',
    issuer: '苏州市工业和信息化局',
    validFrom: new Date('2020-04-10T00:00:00+08:00'),
    validTo: new Date('2023-04-09T23:59:59.999+08:00'),
  });
});
afterAll(async () => {
  await t.close();
});

async function remindersOf(enterpriseId: string, userId: string) {
  return t.ctx.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), like(notifications.dedupeKey, `remind:%:${enterpriseId}`)));
}

async function smsTo(mobile: string, template: string) {
  return t.ctx.db
    .select()
    .from(smsOutbox)
    .where(and(eq(smsOutbox.mobile, mobile), eq(smsOutbox.template, template)));
}

async function mobileOf(enterpriseId: string) {
  const [e] = await t.ctx.db.select().from(enterprises).where(eq(enterprises.id, enterpriseId));
  return e!.contactMobile;
}

describe('update reminders', () => {
  it('schedules the four reminders once, for the province only', async () => {
    const url = `/api/v1/cycle/campaigns/${campaign.id}/schedule`;
    expect((await p.szCity.client.post(url)).statusCode).toBe(403);
    const first = await p.province.client.post(url);
    expect(first.statusCode).toBe(200);
    expect(
      first
        .json()
        .reminders.map((r: { stage: string; at: string; created: boolean }) => [r.stage, r.at, r.created]),
    ).toEqual([
      ['opening', '2023-02-20T01:00:00.000Z', true],
      ['halfway', '2023-03-08T01:00:00.000Z', true],
      ['before_7d', '2023-03-17T01:00:00.000Z', true],
      ['before_1d', '2023-03-23T01:00:00.000Z', true],
    ]);
    const again = await p.province.client.post(url);
    expect(again.json().reminders.every((r: { created: boolean }) => !r.created)).toBe(true);
    const remindJobs = await t.ctx.db
      .select()
      .from(jobs)
      .where(like(jobs.dedupeKey, `remind:${campaign.id}:%`));
    expect(remindJobs).toHaveLength(4);
  });

  it('sends each enterprise one in-app message and one SMS per stage, even when the job runs twice', async () => {
    clock.set('2023-02-20T09:00:00+08:00');
    await relogin();
    await runDueJobs(t.ctx);
    const ks = p.ksEnterprise;
    const mine = await remindersOf(ks.enterpriseId!, ks.userId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.dedupeKey).toBe(`remind:${campaign.id}:opening:${ks.enterpriseId}`);
    expect(mine[0]!.body).toContain('必须及时更新年度数据'); // priority: a 创新型中小企业
    const wj = await remindersOf(p.wjEnterprise.enterpriseId!, p.wjEnterprise.userId);
    expect(wj[0]!.body).toContain('须按要求更新年度数据');
    const ksMobile = await mobileOf(ks.enterpriseId!);
    const [reminder] = await smsTo(ksMobile, 'cycle_update_reminder');
    expect(reminder).toBeDefined();
    // The SMS carries the address of the page where the update starts, and that page exists (issue 16 item 7).
    const paths = smsPaths([reminder!.body], t.ctx.config.publicBaseUrl);
    expect(paths).toEqual(['/qiye/filings']);
    expect(pageOf(paths[0]!)).not.toBeNull();
    expect(mine[0]!.link).toBe('/qiye/filings');

    // The same reminder job again (a retry, a second worker): nothing new.
    await sendReminders(t.ctx, campaign.id, 'opening');
    await t.ctx.db
      .update(jobs)
      .set({ doneAt: null, lockedUntil: null, attempts: 0 })
      .where(eq(jobs.dedupeKey, `remind:${campaign.id}:opening`));
    await runDueJobs(t.ctx);
    expect(await remindersOf(ks.enterpriseId!, ks.userId)).toHaveLength(1);
    expect(await smsTo(ksMobile, 'cycle_update_reminder')).toHaveLength(1);
    // One SMS job contract: the reminder SMS is an sms.send job; nothing enqueues the retired cycle.sms.
    const [smsJob] = await t.ctx.db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `remind:${campaign.id}:opening:${ks.enterpriseId}`));
    expect(smsJob).toMatchObject({
      kind: 'sms.send',
      payload: { mobile: ksMobile, template: 'cycle_update_reminder' },
    });
    expect(await t.ctx.db.select().from(jobs).where(eq(jobs.kind, 'cycle.sms'))).toHaveLength(0);
  });
});

describe('outstanding list', () => {
  it('shows the caller region’s enterprises that have not updated, with priority and a masked mobile', async () => {
    // 吴江's enterprise submits its update.
    await t.ctx.db.insert(filings).values({
      enterpriseId: p.wjEnterprise.enterpriseId!,
      campaignId: campaign.id,
      kind: 'update',
      status: 'county_review',
      countyCode: '320509',
      cityCode: '320500',
      enterpriseName: p.wjEnterprise.displayName,
      uscc: usccIn('320509', 1),
      submittedAt: clock.now(),
    });
    const url = `/api/v1/cycle/campaigns/${campaign.id}/outstanding`;
    const cityRes = await p.szCity.client.get(url);
    const city = cityRes.json();
    expect(city.totals).toEqual({ obligated: 2, updated: 1, outstanding: 1 });
    expect(city.items).toHaveLength(1);
    const item = city.items[0];
    expect(item.enterpriseId).toBe(p.ksEnterprise.enterpriseId);
    expect(item.priority).toBe(true);
    expect(item.contactMobile).toMatch(/^137\*{4}\d{4}$/);
    expect(item.updateStatus).toBe('none');

    expect((await p.wjCounty.client.get(url)).json().items).toEqual([]);
    expect((await p.ksCounty.client.get(`${url}?priority=true`)).json().items).toHaveLength(1);
    // Keyset pagination.
    const page1 = (await p.province.client.get(`${url}?limit=1`)).json();
    expect(page1.items).toHaveLength(1);
    const page2 = (await p.province.client.get(`${url}?limit=1&cursor=${page1.nextCursor}`)).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    expect(page2.items[0].enterpriseId).not.toBe(page1.items[0].enterpriseId);

    // 南京 sees only 南京.
    const nj = (await njCity.get(url)).json();
    expect(nj.items.map((i: { enterpriseId: string }) => i.enterpriseId)).toEqual([
      njEnterprise.enterpriseId,
    ]);
    expect((await njCity.get(`${url}?countyCode=320583`)).statusCode).toBe(404);
    expect((await p.ksEnterprise.client.get(url)).statusCode).toBe(403);
  });
});

describe('清退出库 and appeal', () => {
  let ksClearance: string;

  it('proposes nothing before the grace period ends, then the in-database enterprises without an update', async () => {
    clock.set('2023-04-08T12:00:00+08:00');
    await relogin();
    const url = `/api/v1/cycle/campaigns/${campaign.id}/clearance/propose`;
    const early = await p.province.client.post(url, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('宽限期');

    clock.set('2023-04-09T00:00:00+08:00');
    await relogin();
    // 苏州 proposes for 苏州 only; the province then adds the rest; repeats add nothing.
    const sz = (await p.szCity.client.post(url, {})).json();
    expect(sz).toMatchObject({ created: 1, total: 1, unrouted: 0 });
    const all = (await p.province.client.post(url, {})).json();
    expect(all).toMatchObject({ created: 1, total: 2 });
    expect((await p.province.client.post(url, {})).json().created).toBe(0);
    expect((await p.ksCounty.client.post(url, {})).statusCode).toBe(403);

    const list = (await p.szCity.client.get(`/api/v1/cycle/campaigns/${campaign.id}/clearances`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0].enterpriseId).toBe(p.ksEnterprise.enterpriseId);
    expect(list.items[0].status).toBe('proposed');
    expect(list.items[0].reason).toContain('2023年3月24日');
    ksClearance = list.items[0].id;
    const nj = (await njCity.get(`/api/v1/cycle/campaigns/${campaign.id}/clearances`)).json();
    expect(nj.items.map((c: { enterpriseId: string }) => c.enterpriseId)).toEqual([
      njEnterprise.enterpriseId,
    ]);
  });

  it('the city confirms: the enterprise is cleared, recorded and told why and how to appeal', async () => {
    const confirm = `/api/v1/cycle/campaigns/${campaign.id}/clearances/confirm`;
    expect((await njCity.post(confirm, { ids: [ksClearance] })).statusCode).toBe(404);
    const r = await p.szCity.client.post(confirm, { ids: [ksClearance] });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ confirmed: [ksClearance], already: [], cancelled: [] });
    expect((await p.szCity.client.post(confirm, { ids: [ksClearance] })).json().already).toEqual([
      ksClearance,
    ]);

    const [e] = await t.ctx.db
      .select()
      .from(enterprises)
      .where(eq(enterprises.id, p.ksEnterprise.enterpriseId!));
    expect(e!.dbStatus).toBe('cleared');
    const events = await t.ctx.db
      .select()
      .from(enterpriseEvents)
      .where(eq(enterpriseEvents.enterpriseId, p.ksEnterprise.enterpriseId!))
      .orderBy(enterpriseEvents.id);
    expect(events.map((x) => x.event)).toEqual(['clearance_proposed', 'cleared']);
    expect(events[1]!.reason).toContain('清退出库');

    await runDueJobs(t.ctx);
    const [msg] = await t.ctx.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, p.ksEnterprise.userId),
          eq(notifications.dedupeKey, `clearance:${ksClearance}:cleared`),
        ),
      );
    expect(msg!.body).toContain('清退原因');
    expect(msg!.body).toContain('申诉');
    expect(await smsTo(await mobileOf(p.ksEnterprise.enterpriseId!), 'cycle_cleared')).toHaveLength(1);
    const [clearedSms] = await t.ctx.db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `sms:clearance:${ksClearance}:cleared`));
    expect(clearedSms).toMatchObject({ kind: 'sms.send', payload: { template: 'cycle_cleared' } });
    const mine = (await p.ksEnterprise.client.get('/api/v1/cycle/clearances/mine')).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toEqual([ksClearance]);
  });

  it('the enterprise appeals once; the city upholds it and the enterprise is back in the database', async () => {
    const appeal = `/api/v1/cycle/clearances/${ksClearance}/appeal`;
    expect((await p.wjEnterprise.client.post(appeal, { reason: '我司已按时提交数据更新' })).statusCode).toBe(
      404,
    );
    expect((await p.ksEnterprise.client.post(appeal, { reason: '短' })).statusCode).toBe(400);
    const a = await p.ksEnterprise.client.post(appeal, {
      reason: '我司因系统故障未能按时提交，已有截图佐证。',
    });
    expect(a.statusCode).toBe(200);
    expect(a.json().appealStatus).toBe('pending');
    expect((await p.ksEnterprise.client.post(appeal, { reason: '再次申诉再次申诉' })).statusCode).toBe(409);
    const [cityMsg] = await t.ctx.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, p.szCity.userId));
    expect(cityMsg!.title).toContain('清退申诉待处理');

    const decide = `/api/v1/cycle/clearances/${ksClearance}/decide`;
    expect(
      (await njCity.post(decide, { decision: 'upheld', reason: '情况属实，予以恢复。' })).statusCode,
    ).toBe(404);
    const d = await p.szCity.client.post(decide, { decision: 'upheld', reason: '情况属实，予以恢复。' });
    expect(d.statusCode).toBe(200);
    expect(d.json()).toMatchObject({ status: 'reinstated', appealStatus: 'upheld' });
    expect(
      (await p.szCity.client.post(decide, { decision: 'rejected', reason: '重复处理重复处理' })).statusCode,
    ).toBe(409);
    const [e] = await t.ctx.db
      .select()
      .from(enterprises)
      .where(eq(enterprises.id, p.ksEnterprise.enterpriseId!));
    expect(e!.dbStatus).toBe('in_db');
    const events = await t.ctx.db
      .select()
      .from(enterpriseEvents)
      .where(eq(enterpriseEvents.enterpriseId, p.ksEnterprise.enterpriseId!))
      .orderBy(enterpriseEvents.id);
    expect(events.map((x) => x.event)).toEqual([
      'clearance_proposed',
      'cleared',
      'appeal_filed',
      'reinstated',
    ]);
    await runDueJobs(t.ctx);
    const upheld = await t.ctx.db
      .select()
      .from(notifications)
      .where(eq(notifications.dedupeKey, `clearance:${ksClearance}:appeal_upheld`));
    expect(upheld).toHaveLength(1);
    expect(await smsTo(await mobileOf(p.ksEnterprise.enterpriseId!), 'cycle_appeal_decided')).toHaveLength(1);
  });

  it('a rejected appeal keeps the enterprise cleared, with the reason recorded', async () => {
    const [nj] = await t.ctx.db
      .select()
      .from(clearances)
      .where(eq(clearances.enterpriseId, njEnterprise.enterpriseId!));
    await njCity.post(`/api/v1/cycle/campaigns/${campaign.id}/clearances/confirm`, { ids: [nj!.id] });
    await njEnterprise.client.post(`/api/v1/cycle/clearances/${nj!.id}/appeal`, {
      reason: '请求恢复在库资格。',
    });
    const d = await njCity.post(`/api/v1/cycle/clearances/${nj!.id}/decide`, {
      decision: 'rejected',
      reason: '经核查，企业确未在宽限期内更新。',
    });
    expect(d.json()).toMatchObject({
      status: 'confirmed',
      appealStatus: 'rejected',
      appealDecision: '经核查，企业确未在宽限期内更新。',
    });
    const [e] = await t.ctx.db
      .select()
      .from(enterprises)
      .where(eq(enterprises.id, njEnterprise.enterpriseId!));
    expect(e!.dbStatus).toBe('cleared');
  });
});

describe('复核', () => {
  it('extends the 创新型 validity by 3 years from the old last day when the 复核 is approved', async () => {
    const ks = p.ksEnterprise.enterpriseId!;
    expect(await rereviewStartRefusal(t.ctx.db, ks, campaign)).toBeNull();
    expect(await rereviewStartRefusal(t.ctx.db, p.wjEnterprise.enterpriseId!, campaign)).toContain(
      '无需申请复核',
    );
    const [f] = await t.ctx.db
      .insert(filings)
      .values({
        enterpriseId: ks,
        campaignId: campaign.id,
        kind: 'rereview',
        status: 'approved',
        countyCode: '320583',
        cityCode: '320500',
        enterpriseName: p.ksEnterprise.displayName,
        uscc: 'X',
      })
      .returning();
    const r = await onRereviewApproved(t.ctx.db, f!.id, clock.now());
    expect(r).toMatchObject({ fromValidTo: '2023-04-09', toValidTo: '2026-04-09' });
    const [rec] = await t.ctx.db.select().from(recognitions).where(eq(recognitions.enterpriseId, ks));
    expect(rec!.validTo.toISOString()).toBe('2026-04-09T15:59:59.999Z');
    expect(await onRereviewApproved(t.ctx.db, f!.id, clock.now())).toBeNull(); // idempotent
    const ext = await t.ctx.db
      .select()
      .from(enterpriseEvents)
      .where(and(eq(enterpriseEvents.enterpriseId, ks), eq(enterpriseEvents.event, 'recognition_extended')));
    expect(ext).toHaveLength(1);
    expect(ext[0]!.details).toMatchObject({ filingId: f!.id, toValidTo: '2026-04-09' });
  });
});

describe('API documentation', () => {
  it('documents the cycle, statistics and exchange endpoints', async () => {
    const res = await t.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const paths = Object.keys((res.json() as { paths: Record<string, unknown> }).paths);
    for (const path of [
      '/api/v1/cycle/campaigns/{id}/outstanding',
      '/api/v1/cycle/clearances/{id}/appeal',
      '/api/v1/statistics/summary',
      '/api/v1/exchange/filings.csv',
      '/api/v1/exchange/recognitions/import',
    ]) {
      expect(paths).toContain(path);
    }
  });
});
