/**
 * Province settings (issue 6): GET/PUT /api/v1/settings/province. Defaults without a row, who may read and
 * write, Chinese validation messages next to the field, the audit row, and that the lists module (default
 * publicity end) and the cycle module (clearance grace period) follow the saved values.
 */
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../../src/server/db/schema';
import { getProvinceSettings } from '../../../src/server/modules/settings/service';
import type { ListDetail } from '../../../src/shared/schemas/lists-api';
import { ensureDefaultCampaign } from '../../../src/server/modules/campaigns/service';
import { DEFAULT_UPDATE_DEADLINE, PROVINCE_SETTINGS_LIMITS } from '../../../src/shared/schemas/settings-api';

const OK = { publicityDays: 7, clearanceGraceDays: 15 };
import {
  approvedFiling,
  expectStatus,
  json,
  setClock,
  setupLists,
  type ListsFixture,
} from '../lists/helpers';

const URL = '/api/v1/settings/province';
let f: ListsFixture;

beforeAll(async () => {
  f = await setupLists();
});
afterAll(async () => {
  await f?.t.close();
});

describe('province settings', () => {
  it('answer the platform defaults while nothing is saved, to governments only', async () => {
    const res = await f.p.province.client.get(URL);
    expectStatus(res, 200);
    expect(res.json()).toEqual({
      publicityDays: PROVINCE_SETTINGS_LIMITS.publicityDays.default,
      clearanceGraceDays: PROVINCE_SETTINGS_LIMITS.clearanceGraceDays.default,
      appealWindowDays: PROVINCE_SETTINGS_LIMITS.appealWindowDays.default,
      proposalExpiryDays: PROVINCE_SETTINGS_LIMITS.proposalExpiryDays.default,
      updateDeadline: DEFAULT_UPDATE_DEADLINE,
      cancelAfterTwoMissedUpdates: false,
      updatedAt: null,
    });
    // ADR 0021: 30 days to appeal a 清退, 60 days to confirm a 拟清退 proposal.
    expect(res.json()).toEqual({
      publicityDays: 5,
      clearanceGraceDays: 15,
      appealWindowDays: 30,
      proposalExpiryDays: 60,
      updateDeadline: '05-31',
      cancelAfterTwoMissedUpdates: false,
      updatedAt: null,
    });
    for (const reader of [f.p.szCity, f.p.ksCounty]) {
      expect((await reader.client.get(URL)).json()).toMatchObject({ publicityDays: 5 });
    }
    expectStatus(await f.p.ksEnterprise.client.get(URL), 403);
    // 三员分立: the province's policy is business, not the system administrator's.
    expectStatus(await f.p.admin.client.get(URL), 403);
    expectStatus(await f.p.anonymous.get(URL), 401);
  });

  it('cannot be changed by a city or county, with a message saying who can', async () => {
    for (const who of [f.p.szCity, f.p.ksCounty]) {
      const res = await who.client.put(URL, { publicityDays: 7, clearanceGraceDays: 20 });
      expectStatus(res, 403);
      expect(res.json().message).toContain('省工信厅');
    }
    expect((await getProvinceSettings(f.t.ctx.db)).updatedAt).toBeNull();
  });

  it('reject out-of-range values with a Chinese message next to each field', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ publicityDays: 4, clearanceGraceDays: 15 }, 'publicityDays', /公示天数不能少于 5 天/],
      [{ publicityDays: 31, clearanceGraceDays: 15 }, 'publicityDays', /公示天数不能超过 30 天/],
      [{ publicityDays: 7.5, clearanceGraceDays: 15 }, 'publicityDays', /公示天数请填写 5–30 之间的整数/],
      [{ publicityDays: 7, clearanceGraceDays: -1 }, 'clearanceGraceDays', /清退宽限天数不能为负数/],
      [{ publicityDays: 7, clearanceGraceDays: 91 }, 'clearanceGraceDays', /清退宽限天数不能超过 90 天/],
      [{ clearanceGraceDays: 15 }, 'publicityDays', /请填写公示天数/],
      [{ ...OK, updateDeadline: '02-29' }, 'updateDeadline', /不能为 2 月 29 日/],
      [{ ...OK, updateDeadline: '13-01' }, 'updateDeadline', /月-日/],
      [{ ...OK, updateDeadline: '5-31' }, 'updateDeadline', /例如 05-31/],
      [{ ...OK, cancelAfterTwoMissedUpdates: 'yes' }, 'cancelAfterTwoMissedUpdates', /两次未更新/],
      [{ ...OK, appealWindowDays: 6 }, 'appealWindowDays', /清退申诉期限不能少于 7 天/],
      [{ ...OK, appealWindowDays: 181 }, 'appealWindowDays', /清退申诉期限不能超过 180 天/],
      [{ ...OK, appealWindowDays: 30.5 }, 'appealWindowDays', /清退申诉期限请填写 7–180 之间的整数/],
      [{ ...OK, appealWindowDays: '30' }, 'appealWindowDays', /请填写清退申诉期限/],
      [{ ...OK, proposalExpiryDays: 14 }, 'proposalExpiryDays', /拟清退建议有效期不能少于 15 天/],
      [{ ...OK, proposalExpiryDays: 366 }, 'proposalExpiryDays', /拟清退建议有效期不能超过 365 天/],
    ];
    for (const [body, field, message] of cases) {
      const res = await f.p.province.client.put(URL, body);
      expectStatus(res, 400);
      const fieldErrors = res.json().fieldErrors as Record<string, string>;
      expect(Object.keys(fieldErrors)).toEqual([field]);
      expect(fieldErrors[field]).toMatch(message);
    }
    expect((await getProvinceSettings(f.t.ctx.db)).updatedAt).toBeNull();
  });

  it('are saved by the province, audited, and read back by everyone', async () => {
    const res = await f.p.province.client.put(URL, {
      publicityDays: 7,
      clearanceGraceDays: 30,
      updatedAt: null,
    });
    expectStatus(res, 200);
    const saved = res.json();
    expect(saved).toEqual({
      publicityDays: 7,
      clearanceGraceDays: 30,
      // Left out: they keep their value.
      appealWindowDays: 30,
      proposalExpiryDays: 60,
      updateDeadline: '05-31',
      cancelAfterTwoMissedUpdates: false,
      updatedAt: f.t.clock.now().toISOString(),
    });
    expect((await f.p.ksCounty.client.get(URL)).json()).toEqual(saved);
    const events = await f.t.ctx.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'settings.province_update'), eq(auditEvents.userId, f.p.province.userId)),
      );
    expect(events).toHaveLength(1);
    const rule = {
      appealWindowDays: 30,
      proposalExpiryDays: 60,
      updateDeadline: '05-31',
      cancelAfterTwoMissedUpdates: false,
    };
    expect(events[0]!.details).toEqual({
      before: { publicityDays: 5, clearanceGraceDays: 15, ...rule },
      after: { publicityDays: 7, clearanceGraceDays: 30, ...rule },
    });
    // 三员分立: the system administrator may not change them.
    expectStatus(await f.p.admin.client.put(URL, { publicityDays: 9, clearanceGraceDays: 30 }), 403);
    expect((await f.p.province.client.get(URL)).json()).toMatchObject({ publicityDays: 7 });
  });

  it('save the appeal window and the proposal expiry (ADR 0021), audited with both values', async () => {
    const res = await f.p.province.client.put(URL, {
      publicityDays: 7,
      clearanceGraceDays: 30,
      appealWindowDays: 45,
      proposalExpiryDays: 90,
    });
    expectStatus(res, 200);
    expect(res.json()).toMatchObject({ appealWindowDays: 45, proposalExpiryDays: 90 });
    expect(await getProvinceSettings(f.t.ctx.db)).toMatchObject({
      appealWindowDays: 45,
      proposalExpiryDays: 90,
    });
    const events = await f.t.ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'settings.province_update'));
    const last = events[events.length - 1]!.details as Record<string, Record<string, number>>;
    expect(last.before).toMatchObject({ appealWindowDays: 30, proposalExpiryDays: 60 });
    expect(last.after).toMatchObject({ appealWindowDays: 45, proposalExpiryDays: 90 });
    // Left out of a later save: kept.
    expectStatus(await f.p.province.client.put(URL, { publicityDays: 7, clearanceGraceDays: 30 }), 200);
    expect(await getProvinceSettings(f.t.ctx.db)).toMatchObject({
      appealWindowDays: 45,
      proposalExpiryDays: 90,
    });
    expectStatus(
      await f.p.province.client.put(URL, {
        publicityDays: 7,
        clearanceGraceDays: 30,
        appealWindowDays: 30,
        proposalExpiryDays: 60,
      }),
      200,
    );
  });

  it('set the default publicity end of a list: start + publicityDays − 1', async () => {
    await approvedFiling(f, { countyCode: '320583', via: 'db' });
    await setClock(f, '2023-04-03T09:00:00+08:00');
    const created = await f.p.szCity.client.post('/api/v1/lists', { campaignId: f.campaignId });
    expectStatus(created, 201);
    const draft = created.json() as ListDetail;
    expect(draft.defaultPublicityDays).toBe(7);
    const list = await json<ListDetail>(
      f.p.szCity.client,
      'POST',
      `/api/v1/lists/${draft.id}/publish-publicity`,
      { objectionContact: '苏州市工业和信息化局中小企业处，电话 0512-68612345' },
    );
    // 3 April + 7 days − 1 = 9 April, end of that day in Asia/Shanghai.
    expect(list.publicityStart).toBe(new Date('2023-04-03T00:00:00+08:00').toISOString());
    expect(list.publicityEnd).toBe(new Date('2023-04-09T23:59:59.999+08:00').toISOString());
  });

  it('set the annual update deadline of the campaigns from 2026, and the two-missed-updates rule (off by default)', async () => {
    const res = await f.p.province.client.put(URL, {
      publicityDays: 7,
      clearanceGraceDays: 30,
      updateDeadline: '06-15',
      cancelAfterTwoMissedUpdates: true,
    });
    expectStatus(res, 200);
    expect(res.json()).toMatchObject({ updateDeadline: '06-15', cancelAfterTwoMissedUpdates: true });
    const c2027 = await ensureDefaultCampaign(f.t.ctx, 2027);
    expect(c2027.filingClosesAt.toISOString()).toBe(new Date('2027-06-15T23:59:59.999+08:00').toISOString());
    expect(c2027.kindsOpen).toEqual(['entry', 'update', 'tech_sme']);
    // Before 2026 the 2023 notice's pattern stays: 24 March, no 科技型 track.
    const c2019 = await ensureDefaultCampaign(f.t.ctx, 2019);
    expect(c2019.filingClosesAt.toISOString()).toBe(new Date('2019-03-24T23:59:59.999+08:00').toISOString());
    expect(c2019.kindsOpen).toEqual(['entry', 'update']);
    // Back to the defaults for the tests below.
    expectStatus(
      await f.p.province.client.put(URL, {
        publicityDays: 7,
        clearanceGraceDays: 30,
        updateDeadline: '05-31',
        cancelAfterTwoMissedUpdates: false,
      }),
      200,
    );
  });

  it('set the grace period before clearance may be proposed', async () => {
    // The 2023 filing deadline is 24 March; with 30 grace days proposals open after 23 April.
    await setClock(f, '2023-04-20T09:00:00+08:00');
    const url = `/api/v1/cycle/campaigns/${f.campaignId}/clearance/propose`;
    const early = await f.p.province.client.post(url, {});
    expectStatus(early, 409);
    expect(early.json().message).toContain('30 天宽限期未满');
    expect(early.json().message).toContain('2023年4月24日');
    await setClock(f, '2023-04-24T09:00:00+08:00');
    const res = await f.p.province.client.post(url, {});
    expectStatus(res, 200);
    expect(res.json().opensAt).toBe(new Date('2023-04-24T00:00:00.000+08:00').toISOString());
  });
});
