/**
 * The public registry (issue 6 item 4) and the enterprise record's validity (item 5): only enterprises holding a
 * valid recognition are found, by name or by credit code, with masked codes and no contact details; nothing for
 * unannounced, excluded or removed entries; nothing once the 3 years have passed.
 */
import type { ListDetail } from '../../../src/shared/schemas/lists-api';
import type { RegistryResponse } from '../../../src/shared/schemas/registry-api';
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
  type Approved,
  type ListsFixture,
} from '../lists/helpers';

let f: ListsFixture;
let kept: Approved;
let excluded: Approved;
let removed: Approved;
let njPending: Approved; // 南京: list in publicity, never announced
let listId: string;

const search = (q: string, ip = '198.51.100.50') =>
  publicRequest(f.t, 'GET', `/api/v1/public/registry?q=${encodeURIComponent(q)}`, { ip });

beforeAll(async () => {
  f = await setupLists();
  kept = await approvedFiling(f, { countyCode: '320583', name: '昆山登记册精密机械有限公司', via: 'db' });
  excluded = await approvedFiling(f, { countyCode: '320583', name: '昆山登记册排除测试有限公司', via: 'db' });
  removed = await approvedFiling(f, { countyCode: '320509', name: '吴江登记册异议测试有限公司', via: 'db' });
  njPending = await approvedFiling(f, {
    countyCode: '320102',
    name: '南京登记册公示中测试有限公司',
    via: 'db',
  });
  await setClock(f, '2023-04-01T09:00:00+08:00');
  const sz = await json<ListDetail>(
    f.p.szCity.client,
    'POST',
    '/api/v1/lists',
    { campaignId: f.campaignId },
    201,
  );
  listId = sz.id;
  const ex = sz.entries.find((e) => e.enterpriseName === excluded.name)!;
  await json(f.p.szCity.client, 'POST', `/api/v1/lists/${listId}/entries/${ex.id}`, {
    action: 'exclude',
    reason: '存在重大安全事故，不予列入',
  });
  await json(f.p.szCity.client, 'POST', `/api/v1/lists/${listId}/publish-publicity`, {
    start: '2023-04-03',
    objectionContact: '苏州市工信局中小企业处',
  });
  const nj = await json<ListDetail>(
    f.njCity.client,
    'POST',
    '/api/v1/lists',
    { campaignId: f.campaignId },
    201,
  );
  await json(f.njCity.client, 'POST', `/api/v1/lists/${nj.id}/publish-publicity`, {
    start: '2023-04-03',
    end: '2023-04-30',
    objectionContact: '南京市工信局中小企业处',
  });
  await setClock(f, '2023-04-04T09:00:00+08:00');
  const entry = sz.entries.find((e) => e.enterpriseName === removed.name)!;
  const obj = await publicRequest(f.t, 'POST', `/api/v1/public/lists/${listId}/objections`, {
    ip: freshIp(),
    json: {
      entryId: entry.id,
      contactName: '赵敏',
      contactPhone: '13600001111',
      reason: '该企业存在环保违法记录，不应列入名单。',
      ...(await captcha(f.t)),
    },
  });
  expectStatus(obj, 201);
  const objs = await json<{ id: string }[]>(f.p.szCity.client, 'GET', `/api/v1/lists/${listId}/objections`);
  await json(f.p.szCity.client, 'POST', `/api/v1/lists/${listId}/objections/${objs[0]!.id}/resolve`, {
    outcome: 'upheld',
    text: '经核查属实，移出名单',
  });
});

afterAll(async () => {
  await f?.t.close();
});

describe('public registry', () => {
  it('finds nothing before the announcement (publicity only)', async () => {
    const res = await search('登记册');
    expectStatus(res, 200);
    expect((res.json() as RegistryResponse).items).toEqual([]);
  });

  it('after the announcement: finds the enterprise by name, by full and partial credit code', async () => {
    await setClock(f, '2023-04-10T09:00:00+08:00');
    await json(f.p.szCity.client, 'POST', `/api/v1/lists/${listId}/announce`, {
      documentNo: '苏工信中小〔2023〕60号',
      date: '2023-04-10',
    });

    const byName = await search('登记册精密');
    expectStatus(byName, 200);
    const r = byName.json() as RegistryResponse;
    expect(r.items).toEqual([
      {
        enterpriseName: kept.name,
        maskedUscc: `${kept.uscc.slice(0, 8)}****${kept.uscc.slice(12)}`,
        title: '创新型中小企业',
        issuer: '苏州市工业和信息化局',
        documentNo: '苏工信中小〔2023〕60号',
        validFrom: '2023-04-10',
        validTo: '2026-04-09',
      },
    ]);
    expect(r.truncated).toBe(false);
    expectNoPersonalData(byName.body, { usccs: [kept.uscc], mobiles: [kept.mobile] });

    const byCode = (await search(kept.uscc)).json() as RegistryResponse;
    expect(byCode.items.map((i) => i.enterpriseName)).toEqual([kept.name]);
    const lower = (await search(kept.uscc.toLowerCase())).json() as RegistryResponse;
    expect(lower.items.map((i) => i.enterpriseName)).toEqual([kept.name]);
    const partial = await search(kept.uscc.slice(4, 12));
    expect((partial.json() as RegistryResponse).items.map((i) => i.enterpriseName)).toEqual([kept.name]);
    expectNoPersonalData(partial.body, { usccs: [kept.uscc] });
  });

  it('shows nothing for excluded, removed or unannounced enterprises', async () => {
    for (const a of [excluded, removed, njPending]) {
      const byName = (await search(a.name)).json() as RegistryResponse;
      expect(byName.items).toEqual([]);
      const byCode = (await search(a.uscc)).json() as RegistryResponse;
      expect(byCode.items).toEqual([]);
    }
    const all = (await search('登记册')).json() as RegistryResponse;
    expect(all.items.map((i) => i.enterpriseName)).toEqual([kept.name]);
  });

  it('treats LIKE wildcards literally and rejects short queries', async () => {
    expect(((await search('%%%')).json() as RegistryResponse).items).toEqual([]);
    expect(((await search('___')).json() as RegistryResponse).items).toEqual([]);
    expectStatus(await search('昆'), 400);
    // A name needs 3 characters (a trigram, ADR 0027).
    expectStatus(await search('登记'), 400);
    expectStatus(await search('91320'), 400);
    expectStatus(await publicRequest(f.t, 'GET', '/api/v1/public/registry'), 400);
  });

  it('is rate-limited per IP', async () => {
    const ip = freshIp();
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await search('登记册', ip)).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 200)).toBe(true);
    expect(codes[30]).toBe(429);
    expectStatus(await search('登记册', freshIp()), 200);
  });

  it('recognitions are valid for 3 years: found on the last day, gone the day after', async () => {
    await setClock(f, '2026-04-09T23:00:00+08:00');
    expect(((await search(kept.uscc)).json() as RegistryResponse).items).toHaveLength(1);
    const rec = await json<{ recognitions: { state: string; daysLeft: number }[] }>(
      kept.enterprise.client,
      'GET',
      '/api/v1/enterprise/record',
    );
    expect(rec.recognitions[0]).toMatchObject({ state: 'valid', daysLeft: 1 });
    await setClock(f, '2026-04-10T00:00:00+08:00');
    expect(((await search(kept.uscc)).json() as RegistryResponse).items).toEqual([]);
    const expired = await json<{ recognitions: { state: string; stateLabel: string; daysLeft: number }[] }>(
      kept.enterprise.client,
      'GET',
      '/api/v1/enterprise/record',
    );
    expect(expired.recognitions[0]).toMatchObject({ state: 'expired', stateLabel: '已过期', daysLeft: 0 });
  });
});
