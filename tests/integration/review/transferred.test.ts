/**
 * 已转出 (issue #16 minor, ADR 0020): after a transfer the losing county (or city) keeps a read-only trace of the
 * filing — what it was, where and when it went, why, and the history until then — and nothing more.
 */
import type {
  ReviewDetail,
  TransferredOutDetail,
  TransferredOutResponse,
} from '../../../src/shared/schemas/review-api';
import type { TestClient } from '../../helpers/test-app';
import {
  actOk,
  detail,
  expectStatus,
  insertSubmitted,
  newEnterprise,
  setupReview,
  type ReviewFixture,
} from './helpers';

let f: ReviewFixture;
const KS = '320583';
const WJ = '320509';
const GULOU = '320106';
const REASON = '企业实际注册地为吴江区，应由吴江区工信部门审核';

beforeAll(async () => {
  f = await setupReview();
});
afterAll(async () => {
  await f.t.close();
});

async function list(client: TestClient): Promise<TransferredOutResponse['items']> {
  const res = await client.get('/api/v1/review/transferred-out');
  expectStatus(res, 200);
  return (res.json() as TransferredOutResponse).items;
}

async function trace(client: TestClient, id: string): Promise<TransferredOutDetail> {
  const res = await client.get(`/api/v1/review/transferred-out/${id}`);
  expectStatus(res, 200);
  return res.json() as TransferredOutDetail;
}

describe('a county transfers a filing to another county of its city', () => {
  let id: string;
  beforeAll(async () => {
    const e = await newEnterprise(f.t, WJ, '吴江转出测试纺织有限公司');
    id = (await insertSubmitted(f.t, { enterprise: e, countyCode: KS })).id;
    await detail(f.p.ksCounty.client, id); // the county has seen it
    await actOk(f.p.ksCounty.client, id, {
      action: 'transfer',
      toCountyCode: WJ,
      reason: REASON,
      expectedStatusVersion: 1,
    });
  });

  it('the losing county lists it as 已转出, with where, when, why and who', async () => {
    const items = await list(f.p.ksCounty.client);
    expect(items).toEqual([
      expect.objectContaining({
        id,
        enterpriseName: '吴江转出测试纺织有限公司',
        statusLabel: '已转出',
        fromRegion: '苏州市昆山市',
        toRegion: '苏州市吴江区',
        reason: REASON,
        actorName: f.p.ksCounty.displayName,
        transferredAt: f.t.clock.now().toISOString(),
      }),
    ]);
    // The filing itself stays out of its region (jurisdiction unchanged).
    expectStatus(await f.p.ksCounty.client.get(`/api/v1/review/filings/${id}`), 404);
  });

  it('the trace holds the history until the transfer, and no content or files; later steps stay hidden', async () => {
    await actOk(f.p.wjCounty.client, id, {
      action: 'county_return',
      reason: '请补充吴江区的经营地址证明',
      expectedStatusVersion: 2,
    });
    const t = await trace(f.p.ksCounty.client, id);
    expect(t.history.map((h) => h.action)).toEqual(['submit', 'transfer']);
    expect(t.history.at(-1)).toMatchObject({ reason: REASON, level: 'county' });
    const keys = Object.keys(t);
    for (const k of ['sections', 'attachments', 'assessment', 'comparison', 'allowedActions', 'status'])
      expect(keys).not.toContain(k);
    expect(JSON.stringify(t)).not.toContain('请补充吴江区的经营地址证明');
  });

  it('the gaining county and the city review it as usual; none of them has it 已转出', async () => {
    expect(await list(f.p.wjCounty.client)).toEqual([]);
    expectStatus(await f.p.wjCounty.client.get(`/api/v1/review/transferred-out/${id}`), 404);
    // Within 苏州: the city never lost it.
    expect(await list(f.p.szCity.client)).toEqual([]);
    const d: ReviewDetail = await detail(f.p.szCity.client, id);
    expect(d.history.at(-1)!.action).toBe('county_return');
  });

  it('other reviewers get nothing, the province and enterprises are refused, a bad id is not found', async () => {
    expect(await list(f.njCity.client)).toEqual([]);
    expectStatus(await f.njCity.client.get(`/api/v1/review/transferred-out/${id}`), 404);
    expectStatus(await f.p.province.client.get('/api/v1/review/transferred-out'), 403);
    expectStatus(await f.p.ksEnterprise.client.get(`/api/v1/review/transferred-out/${id}`), 403);
    expectStatus(await f.p.ksCounty.client.get('/api/v1/review/transferred-out/not-a-uuid'), 404);
  });
});

describe('the province moves a filing to another city', () => {
  it('the losing city and county both have it 已转出; moved back, it is theirs again', async () => {
    const e = await newEnterprise(f.t, KS, '昆山跨市转出测试有限公司');
    const row = await insertSubmitted(f.t, { enterprise: e, countyCode: KS });
    await actOk(f.p.province.client, row.id, {
      action: 'transfer',
      toCountyCode: GULOU,
      reason: '企业已迁至南京市鼓楼区',
      expectedStatusVersion: 1,
    });
    expect((await list(f.p.szCity.client)).map((i) => i.id)).toContain(row.id);
    expect((await list(f.p.ksCounty.client)).map((i) => i.id)).toContain(row.id);
    expect((await trace(f.p.szCity.client, row.id)).toRegion).toBe('南京市鼓楼区');
    expect(await list(f.njCity.client)).toEqual([]);

    await actOk(f.p.province.client, row.id, {
      action: 'transfer',
      toCountyCode: KS,
      reason: '核实后注册地仍为昆山市',
      expectedStatusVersion: 2,
    });
    expect((await list(f.p.ksCounty.client)).map((i) => i.id)).not.toContain(row.id);
    expect((await list(f.p.szCity.client)).map((i) => i.id)).not.toContain(row.id);
    // 南京 lost it now.
    expect((await list(f.njCity.client)).map((i) => i.id)).toEqual([row.id]);
    expect((await detail(f.p.ksCounty.client, row.id)).id).toBe(row.id);
  });
});
