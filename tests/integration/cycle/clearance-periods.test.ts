/**
 * Issue 16 item 6 (ADR 0021): a 拟清退 proposal lapses (已失效) after the province's proposal expiry and can no longer
 * be confirmed; a 清退 can be appealed only within the province's appeal window. Both boundaries: the last day
 * allowed (23:59:59 Asia/Shanghai) and the first instant after. The periods are fixed on the row when the step is
 * taken, so a later change of the setting does not move a deadline the enterprise was already told.
 *
 * The 2023 campaign's 数据更新 deadline is 2023-03-24; with the 15-day grace period proposals open on 2023-04-09.
 */
import { and, eq } from 'drizzle-orm';
import { clearances, enterprises, notifications, smsOutbox } from '../../../src/server/db/schema';
import { expectEveryLinkOpensAPage, pageOf } from '../../helpers/links';
import { ensureDefaultCampaign, type Campaign } from '../../../src/server/modules/campaigns/service';
import { ManualClock } from '../../../src/server/services/clock';
import { runDueJobs } from '../../../src/server/services/jobs';
import type { ClearanceView } from '../../../src/shared/schemas/cycle-api';
import { createPersonas, reloginAll, setDbStatus, type Personas } from '../../helpers/personas';
import { createTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
let clock: ManualClock;
let p: Personas;
let campaign: Campaign;

async function at(instant: string) {
  clock.set(instant);
  await reloginAll(t, p);
}

async function cityList(status?: string): Promise<ClearanceView[]> {
  const q = status ? `?status=${status}` : '';
  const res = await p.szCity.client.get(`/api/v1/cycle/campaigns/${campaign.id}/clearances${q}`);
  expect(res.statusCode).toBe(200);
  return res.json().items as ClearanceView[];
}

async function clearanceOf(enterpriseId: string): Promise<ClearanceView> {
  const c = (await cityList()).find((x) => x.enterpriseId === enterpriseId);
  expect(c).toBeDefined();
  return c!;
}

async function dbStatusOf(enterpriseId: string) {
  const [e] = await t.ctx.db.select().from(enterprises).where(eq(enterprises.id, enterpriseId));
  return e!.dbStatus;
}

beforeAll(async () => {
  clock = new ManualClock('2023-02-01T10:00:00+08:00');
  t = await createTestApp({ clock });
  p = await createPersonas(t);
  campaign = await ensureDefaultCampaign(t.ctx, 2023);
  await setDbStatus(t, p.ksEnterprise.enterpriseId!, 'in_db');
  await setDbStatus(t, p.wjEnterprise.enterpriseId!, 'in_db');
});
afterAll(async () => {
  await t.close();
});

describe('拟清退 proposals lapse after the province’s expiry (default 60 days)', () => {
  it('a proposal carries its expiry; the enterprise is told in-app and by SMS with a working link', async () => {
    await at('2023-04-09T00:10:00+08:00');
    const r = await p.szCity.client.post(`/api/v1/cycle/campaigns/${campaign.id}/clearance/propose`, {});
    expect(r.statusCode).toBe(200);
    expect(r.json().created).toBe(2);
    const ks = await clearanceOf(p.ksEnterprise.enterpriseId!);
    // 9 April + 60 days = 8 June, end of that day in Asia/Shanghai.
    expect(ks).toMatchObject({ status: 'proposed', statusLabel: '拟清退', appealOpen: false });
    expect(ks.expiresAt).toBe(new Date('2023-06-08T23:59:59.999+08:00').toISOString());

    await runDueJobs(t.ctx);
    const [msg] = await t.ctx.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, p.ksEnterprise.userId),
          eq(notifications.dedupeKey, `clearance:${ks.id}:proposed`),
        ),
      );
    expect(msg!.title).toContain('拟清退名单');
    expect(msg!.body).toContain('2023年6月8日');
    expect(msg!.link).toBe('/qiye/clearances');
    const sms = await t.ctx.db
      .select()
      .from(smsOutbox)
      .where(eq(smsOutbox.template, 'cycle_clearance_proposed'));
    expect(sms).toHaveLength(2);
    expect(sms[0]!.body).toContain(`${t.ctx.config.publicBaseUrl}/qiye/clearances`);
    // The enterprise sees its live proposal (it may still update).
    const mine = (await p.ksEnterprise.client.get('/api/v1/cycle/clearances/mine')).json();
    expect(mine.items).toEqual([expect.objectContaining({ id: ks.id, status: 'proposed' })]);
    // The reviewer sees that the enterprise was told: the in-app message and the SMS sent.
    const again = await clearanceOf(p.ksEnterprise.enterpriseId!);
    expect(again.notices).toEqual([
      expect.objectContaining({
        event: 'proposed',
        eventLabel: '拟清退通知',
        messages: 1,
        sms: expect.objectContaining({ status: 'sent', statusLabel: '已发送' }),
      }),
    ]);
  });

  it('on the last day (8 June, 23:59:59) the proposal is live and the city may confirm it', async () => {
    await at('2023-06-08T23:59:59+08:00');
    expect((await cityList('proposed')).map((c) => c.enterpriseId).sort()).toEqual(
      [p.ksEnterprise.enterpriseId, p.wjEnterprise.enterpriseId].sort(),
    );
    expect(await cityList('expired')).toEqual([]);
    const wj = await clearanceOf(p.wjEnterprise.enterpriseId!);
    const r = await p.szCity.client.post(`/api/v1/cycle/campaigns/${campaign.id}/clearances/confirm`, {
      ids: [wj.id],
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().confirmed).toEqual([wj.id]);
    expect(await dbStatusOf(p.wjEnterprise.enterpriseId!)).toBe('cleared');
  });

  it('one day after (9 June, 00:00) it shows as 已失效 and confirming it is refused with a code, in Chinese', async () => {
    await at('2023-06-09T00:00:00+08:00');
    const ks = await clearanceOf(p.ksEnterprise.enterpriseId!);
    expect(ks).toMatchObject({ status: 'expired', statusLabel: '已失效' });
    expect((await cityList('expired')).map((c) => c.id)).toEqual([ks.id]);
    expect(await cityList('proposed')).toEqual([]);
    const r = await p.szCity.client.post(`/api/v1/cycle/campaigns/${campaign.id}/clearances/confirm`, {
      ids: [ks.id],
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('CLEARANCE_PROPOSAL_EXPIRED');
    expect(r.json().message).toContain('已超过有效期');
    expect(r.json().message).toContain('2023年6月8日');
    const [ent] = await t.ctx.db
      .select()
      .from(enterprises)
      .where(eq(enterprises.id, p.ksEnterprise.enterpriseId!));
    expect(r.json().message).toContain(ent!.name);
    expect(r.json().message).toContain('请取消勾选后重试');
    // Nothing executed: the enterprise is still 在库; the lapsed proposal is no longer the enterprise's concern.
    expect(await dbStatusOf(p.ksEnterprise.enterpriseId!)).toBe('in_db');
    const mine = (await p.ksEnterprise.client.get('/api/v1/cycle/clearances/mine')).json();
    expect(mine.items).toEqual([]);
  });
});

describe('清退 appeals close after the province’s appeal window (default 30 days)', () => {
  it('the clearance carries its appeal deadline, told to the enterprise in the message and the SMS', async () => {
    await runDueJobs(t.ctx);
    const wj = await clearanceOf(p.wjEnterprise.enterpriseId!);
    // Confirmed on 8 June: 8 June + 30 days = 8 July, end of that day.
    expect(wj.appealUntil).toBe(new Date('2023-07-08T23:59:59.999+08:00').toISOString());
    const [msg] = await t.ctx.db
      .select()
      .from(notifications)
      .where(eq(notifications.dedupeKey, `clearance:${wj.id}:cleared`));
    expect(msg!.body).toContain('请于2023年7月8日（含当日）前');
    expect(msg!.link).toBe('/qiye/clearances');
    const [sms] = await t.ctx.db.select().from(smsOutbox).where(eq(smsOutbox.template, 'cycle_cleared'));
    expect(sms!.body).toContain('请于2023年7月8日前');
    expect(sms!.body).toContain(`${t.ctx.config.publicBaseUrl}/qiye/clearances`);
    const mine = (await p.wjEnterprise.client.get('/api/v1/cycle/clearances/mine')).json();
    expect(mine.items[0]).toMatchObject({ status: 'confirmed', appealOpen: true });
  });

  it('a later change of the setting does not move the deadline already told', async () => {
    const put = await p.province.client.put('/api/v1/settings/province', {
      publicityDays: 5,
      clearanceGraceDays: 15,
      appealWindowDays: 7,
      proposalExpiryDays: 15,
    });
    expect(put.statusCode).toBe(200);
    const wj = await clearanceOf(p.wjEnterprise.enterpriseId!);
    expect(wj.appealUntil).toBe(new Date('2023-07-08T23:59:59.999+08:00').toISOString());
  });

  it('one day after the window (9 July, 00:00) the appeal is refused with a code and the dates, in Chinese', async () => {
    await at('2023-07-09T00:00:00+08:00');
    const wj = await clearanceOf(p.wjEnterprise.enterpriseId!);
    expect(wj.appealOpen).toBe(false);
    const r = await p.wjEnterprise.client.post(`/api/v1/cycle/clearances/${wj.id}/appeal`, {
      reason: '我司因系统账号交接未能按时提交数据更新。',
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('APPEAL_WINDOW_CLOSED');
    expect(r.json().message).toContain('清退申诉期限已过');
    expect(r.json().message).toContain('2023年6月8日');
    expect(r.json().message).toContain('2023年7月8日（含当日）');
    expect(r.json().message).toContain('新增入库');
    const after = await clearanceOf(p.wjEnterprise.enterpriseId!);
    expect(after.appealStatus).toBeNull();
  });

  it('on the last day (8 July, 23:59:59) the appeal is accepted', async () => {
    await at('2023-07-08T23:59:59+08:00');
    const wj = await clearanceOf(p.wjEnterprise.enterpriseId!);
    expect(wj.appealOpen).toBe(true);
    const r = await p.wjEnterprise.client.post(`/api/v1/cycle/clearances/${wj.id}/appeal`, {
      reason: '我司因系统账号交接未能按时提交数据更新。',
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ appealStatus: 'pending', appealOpen: false });
  });
});

describe('every link of every clearance notification opens a page (issue 16 item 7)', () => {
  it('拟清退, 清退 and appeal-result messages and SMS, and the reviewers’ appeal message', async () => {
    const wj = await clearanceOf(p.wjEnterprise.enterpriseId!);
    const d = await p.szCity.client.post(`/api/v1/cycle/clearances/${wj.id}/decide`, {
      decision: 'rejected',
      reason: '逾期未更新属实，维持清退。',
    });
    expect(d.statusCode).toBe(200);
    await runDueJobs(t.ctx);
    // The links of before (the enterprise's and the reviewers') are what the check catches.
    expect(pageOf('/qiye/clearances')).not.toBeNull();
    expect(pageOf('/gov/clearances')).toBeNull();
    expect(pageOf('/qiye/nope')).toBeNull();
    const { messages, sms } = await expectEveryLinkOpensAPage(t.ctx.db, t.ctx.config.publicBaseUrl);
    expect(new Set(sms.map((x) => x.template))).toEqual(
      new Set(['cycle_clearance_proposed', 'cycle_cleared', 'cycle_appeal_decided']),
    );
    expect(new Set(sms.map((x) => x.path))).toEqual(new Set(['/qiye/clearances']));
    expect(messages.map((m) => m.title)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('拟清退名单'),
        '贵企业已被清退出优质中小企业培育库',
        '清退申诉不成立',
        expect.stringContaining('清退申诉待处理'),
      ]),
    );
    expect(messages.find((m) => m.title.includes('清退申诉待处理'))!.link).toBe(
      `/gov/cycle?campaignId=${campaign.id}`,
    );
    // The reviewer sees all three steps told to the enterprise, SMS sent.
    const after = await clearanceOf(p.wjEnterprise.enterpriseId!);
    expect(after.notices.map((n) => [n.event, n.messages, n.sms?.statusLabel])).toEqual([
      ['appeal_rejected', 1, '已发送'],
      ['cleared', 1, '已发送'],
      ['proposed', 1, '已发送'],
    ]);
  });

  it('a clearance row from before the periods (no stored expiry) lapses by the setting', async () => {
    // The setting is 15 days now (changed above); a row proposed on 1 July lapses after 16 July.
    const [row] = await t.ctx.db
      .update(clearances)
      .set({ expiresAt: null, createdAt: new Date('2023-07-01T10:00:00+08:00') })
      .where(eq(clearances.enterpriseId, p.ksEnterprise.enterpriseId!))
      .returning();
    await at('2023-07-16T23:59:59+08:00');
    expect((await cityList('proposed')).map((c) => c.id)).toEqual([row!.id]);
    expect((await clearanceOf(p.ksEnterprise.enterpriseId!)).expiresAt).toBe(
      new Date('2023-07-16T23:59:59.999+08:00').toISOString(),
    );
    await at('2023-07-17T00:00:00+08:00');
    expect((await cityList('expired')).map((c) => c.id)).toEqual([row!.id]);
  });
});
