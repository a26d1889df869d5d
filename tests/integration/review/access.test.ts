import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { auditEvents, enterprises } from '../../../src/server/db/schema';
import type { QueueResponse } from '../../../src/shared/schemas/review-api';
import type { TestClient } from '../../helpers/test-app';
import {
  act,
  detail,
  expectStatus,
  filingRow,
  historyOf,
  insertSubmitted,
  jobsOf,
  newEnterprise,
  setupReview,
  type ReviewFixture,
} from './helpers';

let f: ReviewFixture;
let ksAtCounty: string;
let ksAtCity: string;
beforeAll(async () => {
  f = await setupReview();
  const e1 = await newEnterprise(f.t, '320583', '昆山越界测试电子有限公司');
  const e2 = await newEnterprise(f.t, '320583');
  ksAtCounty = (await insertSubmitted(f.t, { enterprise: e1, countyCode: '320583' })).id;
  ksAtCity = (await insertSubmitted(f.t, { enterprise: e2, countyCode: '320583', status: 'city_review' })).id;
});
afterAll(async () => {
  await f.t.close();
});

async function queueIds(client: TestClient, query = ''): Promise<string[]> {
  const res = await client.get(`/api/v1/review/queue?limit=100&${query}`);
  expectStatus(res, 200);
  return (res.json() as QueueResponse).items.map((i) => i.id);
}

async function exportedNames(client: TestClient, query = ''): Promise<string[]> {
  const res = await client.get(`/api/v1/review/export.xlsx?${query}`);
  expectStatus(res, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  const names: string[] = [];
  wb.getWorksheet('审核清单')!.eachRow((row, n) => {
    if (n > 1) names.push(String(row.getCell(2).value));
  });
  return names;
}

describe('jurisdiction: a filing outside the region does not exist', () => {
  it('the 苏州 county and city see the 昆山 filings where they should', async () => {
    expect(await queueIds(f.p.ksCounty.client)).toEqual([ksAtCounty]);
    expect((await queueIds(f.p.ksCounty.client, 'scope=all')).sort()).toEqual([ksAtCounty, ksAtCity].sort());
    expect(await queueIds(f.p.szCity.client)).toEqual([ksAtCity]);
    expect((await queueIds(f.p.szCity.client, 'scope=all')).sort()).toEqual([ksAtCounty, ksAtCity].sort());
    expect((await detail(f.p.szCity.client, ksAtCounty)).allowedActions).toEqual(['transfer']);
  });

  for (const who of ['wjCounty', 'njCity'] as const) {
    it(`${who === 'wjCounty' ? '吴江 county' : '南京 city'} reviewer: not in the queue, detail, export, actions or batch`, async () => {
      const client = who === 'wjCounty' ? f.p.wjCounty.client : f.njCity.client;
      expect(await queueIds(client)).toEqual([]);
      expect(await queueIds(client, 'scope=all')).toEqual([]);
      expect(await queueIds(client, `scope=all&q=${encodeURIComponent('越界测试')}`)).toEqual([]);
      for (const id of [ksAtCounty, ksAtCity]) {
        const d = await client.get(`/api/v1/review/filings/${id}`);
        expectStatus(d, 404);
        expect(d.json().code).toBe('NOT_FOUND');
        expect(d.headers['x-error-reason']).toBe('FILING_NOT_FOUND');
        for (const action of ['county_approve', 'city_approve', 'refuse', 'transfer'] as const) {
          const res = await act(client, id, {
            action,
            reason: '越权测试',
            expectedStatusVersion: 1,
            toCountyCode: '320509',
          });
          expectStatus(res, 404);
        }
      }
      expect(await exportedNames(client, 'scope=all')).toEqual([]);
      const batch = await client.post('/api/v1/review/batch', {
        action: who === 'wjCounty' ? 'county_approve' : 'city_approve',
        ids: [ksAtCounty, ksAtCity],
      });
      expect(batch.json().results.map((r: { code: string }) => r.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
      // Nothing changed, nothing was written.
      expect((await filingRow(f.t, ksAtCounty)).statusVersion).toBe(1);
      expect((await filingRow(f.t, ksAtCity)).statusVersion).toBe(1);
      expect((await historyOf(f.t, ksAtCounty)).map((h) => h.action)).toEqual(['submit']);
      expect(await jobsOf(f.t, ksAtCounty)).toEqual([]);
      // The filing's attachments are out of reach too (the files route has the same scope).
      const counts = (await client.get('/api/v1/review/counts')).json();
      expect(counts).toMatchObject({ countyPending: 0, cityPending: 0 });
    });
  }

  it('an enterprise is refused every review route (403); anonymous visitors must log in (401)', async () => {
    const routes: [string, string, Record<string, unknown>?][] = [
      ['GET', '/api/v1/review/queue'],
      ['GET', '/api/v1/review/counts'],
      ['GET', '/api/v1/review/export.xlsx'],
      ['GET', `/api/v1/review/filings/${ksAtCounty}`],
      [
        'POST',
        `/api/v1/review/filings/${ksAtCounty}/actions`,
        { action: 'county_approve', expectedStatusVersion: 1 },
      ],
      ['POST', '/api/v1/review/batch', { action: 'county_approve', ids: [ksAtCounty] }],
      [
        'POST',
        `/api/v1/review/enterprises/${f.p.ksEnterprise.enterpriseId}/region`,
        { countyCode: '320509', reason: '测试' },
      ],
    ];
    const anon = f.t.client();
    for (const [method, url, body] of routes) {
      const e =
        method === 'GET'
          ? await f.p.ksEnterprise.client.get(url)
          : await f.p.ksEnterprise.client.post(url, body);
      expect(e.statusCode, `${method} ${url}`).toBe(403);
      const a = method === 'GET' ? await anon.get(url) : await anon.post(url, body);
      expect(a.statusCode, `${method} ${url}`).toBe(401);
    }
  });
});

it('the review endpoints are in the OpenAPI document', async () => {
  const doc = (await f.t.app.inject('/api/openapi.json')).json() as { paths: Record<string, unknown> };
  // Other modules add their own /api/v1/review/… routes (e.g. the enterprise record); these are this module's.
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining([
      '/api/v1/review/batch',
      '/api/v1/review/counts',
      '/api/v1/review/enterprises/{id}/region',
      '/api/v1/review/export.xlsx',
      '/api/v1/review/filings/{id}',
      '/api/v1/review/filings/{id}/actions',
      '/api/v1/review/queue',
    ]),
  );
});

describe('correcting an enterprise’s registered region', () => {
  it('only the province may; the enterprise and its filing in county review move; audited', async () => {
    const e = await newEnterprise(f.t, '320583', '注册地选错测试有限公司');
    const filing = await insertSubmitted(f.t, { enterprise: e, countyCode: '320583' });
    const url = `/api/v1/review/enterprises/${e.enterpriseId}/region`;
    // 三员分立: moving an enterprise moves its filings (business data), so no administrator may.
    for (const client of [
      f.p.ksCounty.client,
      f.p.szCity.client,
      f.p.admin.client,
      f.p.securityAdmin.client,
      f.p.auditAdmin.client,
    ]) {
      expectStatus(await client.post(url, { countyCode: '320509', reason: '注册地选错' }), 403);
    }
    const noReason = await f.p.province.client.post(url, { countyCode: '320509', reason: ' ' });
    expectStatus(noReason, 400);
    expect(noReason.json().fieldErrors.reason).toContain('更正原因');
    const notCounty = await f.p.province.client.post(url, { countyCode: '320500', reason: '注册地选错' });
    expectStatus(notCounty, 400);
    expect(notCounty.json().fieldErrors.countyCode).toBeDefined();
    expectStatus(
      await f.p.province.client.post(
        '/api/v1/review/enterprises/00000000-0000-4000-8000-000000000000/region',
        {
          countyCode: '320509',
          reason: '注册地选错',
        },
      ),
      404,
    );

    const res = await f.p.province.client.post(url, { countyCode: '320509', reason: '营业执照住所在吴江区' });
    expectStatus(res, 200);
    expect(res.json()).toEqual({
      enterpriseId: e.enterpriseId,
      countyCode: '320509',
      cityCode: '320500',
      regionName: '苏州市吴江区',
      movedFilingIds: [filing.id],
      updatedOpenFilings: 0,
    });
    const [ent] = await f.t.ctx.db.select().from(enterprises).where(eq(enterprises.id, e.enterpriseId!));
    expect(ent).toMatchObject({ countyCode: '320509', cityCode: '320500' });
    expectStatus(await f.p.ksCounty.client.get(`/api/v1/review/filings/${filing.id}`), 404);
    const d = await detail(f.p.wjCounty.client, filing.id);
    expect(d.history.at(-1)).toMatchObject({ action: 'transfer', level: 'province' });
    expect((await jobsOf(f.t, filing.id)).map((j) => (j.payload as { event: string }).event)).toEqual([
      'region_corrected',
    ]);
    const [a] = await f.t.ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'enterprise.region.correct'));
    expect(a).toMatchObject({
      userId: f.p.province.userId,
      targetId: e.enterpriseId,
      details: { fromCountyCode: '320583', toCountyCode: '320509', reason: '营业执照住所在吴江区' },
    });
  });
});
