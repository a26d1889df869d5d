/**
 * Objection tracking numbers (issue 6): stored when an objection is filed, returned in the receipt, and looked up
 * without login with the last 4 digits of the contact phone. Wrong digits and unknown numbers get the same 404;
 * the answer never carries contact details.
 */
import { objections } from '../../../src/server/db/schema';
import { OBJECTION_LOOKUP_NOT_FOUND } from '../../../src/server/modules/lists/public';
import type { ListDetail, ObjectionLookup, ObjectionView } from '../../../src/shared/schemas/lists-api';
import {
  approvedFiling,
  captcha,
  expectNoPersonalData,
  expectStatus,
  freshIp,
  json,
  publicRequest,
  setClock,
  setupLists,
  type ListsFixture,
} from './helpers';

let f: ListsFixture;
let list: ListDetail;

const lookupUrl = (no: string, phone: string) =>
  `/api/v1/public/objections/${encodeURIComponent(no)}?phone=${phone}`;

async function file(entryId: string, contactPhone: string, contactName: string) {
  const res = await publicRequest(f.t, 'POST', `/api/v1/public/lists/${list.id}/objections`, {
    ip: freshIp(),
    json: {
      entryId,
      contactName,
      contactPhone,
      reason: '该企业上年度研发费用明显虚报，与其审计报告数据不一致。',
      ...(await captcha(f.t)),
    },
  });
  expectStatus(res, 201);
  return res.json() as { trackingNo: string; message: string };
}

beforeAll(async () => {
  f = await setupLists();
  await approvedFiling(f, { countyCode: '320583', via: 'db', name: '苏州追踪测试精工有限公司' });
  await approvedFiling(f, { countyCode: '320509', via: 'db', name: '苏州追踪测试材料有限公司' });
  await setClock(f, '2023-04-03T09:00:00+08:00');
  const created = await f.p.szCity.client.post('/api/v1/lists', { campaignId: f.campaignId });
  expectStatus(created, 201);
  list = await json<ListDetail>(
    f.p.szCity.client,
    'POST',
    `/api/v1/lists/${(created.json() as ListDetail).id}/publish-publicity`,
    { start: '2023-04-03', end: '2023-04-09', objectionContact: '苏州市工业和信息化局中小企业处' },
  );
  expect(list.entries).toHaveLength(2);
});

describe('the public list index', () => {
  it('counts each list’s included entries', async () => {
    await setClock(f, '2023-04-03T10:00:00+08:00');
    const res = await publicRequest(f.t, 'GET', '/api/v1/public/lists', { ip: freshIp() });
    expectStatus(res, 200);
    const mine = (res.json() as { id: string; entryCount: number }[]).find((l) => l.id === list.id);
    expect(mine?.entryCount).toBe(2);
  });
});
afterAll(async () => {
  await f?.t.close();
});

describe('objection tracking numbers', () => {
  let mine: string;
  let theirs: string;

  it('are random, stored with the objection and returned in the receipt', async () => {
    const a = await file(list.entries[0]!.id, '13905121234', '王志强');
    const b = await file(list.entries[1]!.id, '0512-68765678', '赵敏');
    mine = a.trackingNo;
    theirs = b.trackingNo;
    for (const no of [mine, theirs]) expect(no).toMatch(/^YY20230403[2-9A-HJKMNP-Z]{6}$/);
    expect(mine).not.toBe(theirs);
    expect(a.message).toContain(mine);
    const rows = await f.t.ctx.db.select().from(objections);
    expect(rows.map((r) => r.trackingNo).sort()).toEqual([mine, theirs].sort());
    // The city sees the same number.
    const views = await json<ObjectionView[]>(
      f.p.szCity.client,
      'GET',
      `/api/v1/lists/${list.id}/objections`,
    );
    expect(views.map((v) => v.trackingNo).sort()).toEqual([mine, theirs].sort());
  });

  it('look up the status 受理中 with the last 4 phone digits, no contact details', async () => {
    const res = await publicRequest(f.t, 'GET', lookupUrl(mine, '1234'), { ip: freshIp() });
    expectStatus(res, 200);
    const body = res.json() as ObjectionLookup;
    expect(body).toMatchObject({
      trackingNo: mine,
      status: 'open',
      statusLabel: '受理中',
      listTitle: list.title,
      issuingDepartment: '苏州市工业和信息化局',
      enterpriseName: list.entries[0]!.enterpriseName,
      resolvedAt: null,
      outcome: null,
    });
    expect(body.message).toContain('受理中');
    expectNoPersonalData(res.body, { mobiles: ['13905121234'] });
    expect(res.body).not.toContain('王志强');
    // Typed in lower case: the same objection.
    const lower = await publicRequest(f.t, 'GET', lookupUrl(mine.toLowerCase(), '1234'), { ip: freshIp() });
    expect((lower.json() as ObjectionLookup).trackingNo).toBe(mine);
    // A landline's last 4 digits work too.
    const landline = await publicRequest(f.t, 'GET', lookupUrl(theirs, '5678'), { ip: freshIp() });
    expectStatus(landline, 200);
    expect(landline.body).not.toContain('68765678');
  });

  it('answer the same 404 for wrong digits, another person’s number and an unknown number', async () => {
    const ip = freshIp();
    const wrong = await publicRequest(f.t, 'GET', lookupUrl(mine, '5678'), { ip });
    const others = await publicRequest(f.t, 'GET', lookupUrl(theirs, '1234'), { ip });
    const unknown = await publicRequest(f.t, 'GET', lookupUrl('YY20230403ABCDEF', '1234'), { ip });
    const garbage = await publicRequest(f.t, 'GET', lookupUrl('not-a-number', '1234'), { ip });
    for (const res of [wrong, others, unknown, garbage]) {
      expectStatus(res, 404);
      expect(res.json().message).toBe(OBJECTION_LOOKUP_NOT_FOUND);
      expect(res.body).not.toContain(list.title);
    }
  });

  it('ask for exactly 4 digits, in Chinese', async () => {
    const res = await publicRequest(f.t, 'GET', lookupUrl(mine, '12'), { ip: freshIp() });
    expectStatus(res, 400);
    expect(res.json().fieldErrors.phone).toBe('请填写提交异议时所留联系电话的后 4 位数字');
    const missing = await publicRequest(f.t, 'GET', `/api/v1/public/objections/${mine}`, { ip: freshIp() });
    expectStatus(missing, 400);
    expect(missing.json().fieldErrors).toHaveProperty('phone');
  });

  it('show the outcome and its text once the city has resolved it', async () => {
    const views = await json<ObjectionView[]>(
      f.p.szCity.client,
      'GET',
      `/api/v1/lists/${list.id}/objections`,
    );
    const o = views.find((v) => v.trackingNo === mine)!;
    const text = '经核查，该企业研发费用与审计报告一致，异议不成立。';
    await json(f.p.szCity.client, 'POST', `/api/v1/lists/${list.id}/objections/${o.id}/resolve`, {
      outcome: 'rejected',
      text,
    });
    const res = await publicRequest(f.t, 'GET', lookupUrl(mine, '1234'), { ip: freshIp() });
    expectStatus(res, 200);
    expect(res.json()).toMatchObject({
      status: 'rejected',
      statusLabel: '异议不成立',
      outcome: text,
      resolvedAt: f.t.clock.now().toISOString(),
    });
    const t = theirs;
    const other = views.find((v) => v.trackingNo === t)!;
    await json(f.p.szCity.client, 'POST', `/api/v1/lists/${list.id}/objections/${other.id}/resolve`, {
      outcome: 'upheld',
      text: '经核查，该企业不符合条件，移出名单。',
    });
    const upheld = await publicRequest(f.t, 'GET', lookupUrl(theirs, '5678'), { ip: freshIp() });
    expect(upheld.json()).toMatchObject({ status: 'upheld', statusLabel: '异议成立' });
  });

  it('are rate-limited per IP', async () => {
    const ip = freshIp();
    let last = 0;
    for (let i = 0; i < 31; i++) {
      last = (await publicRequest(f.t, 'GET', lookupUrl(mine, '0000'), { ip })).statusCode;
    }
    expect(last).toBe(429);
  });
});
