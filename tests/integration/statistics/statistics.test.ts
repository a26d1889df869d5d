import ExcelJS from 'exceljs';
import {
  clearances,
  enterprises,
  filings,
  recognitionListEntries,
  recognitionLists,
} from '../../../src/server/db/schema';
import { ensureDefaultCampaign, type Campaign } from '../../../src/server/modules/campaigns/service';
import { STATISTICS_COLUMNS } from '../../../src/server/modules/statistics/export';
import { ManualClock } from '../../../src/server/services/clock';
import { createPersonas, usccIn, type Personas } from '../../helpers/personas';
import { createTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
let p: Personas;
let c2022: Campaign;
let c2023: Campaign;
const byN = new Map<number, typeof enterprises.$inferSelect>();

const KS = { countyCode: '320583', cityCode: '320500' };
const WJ = { countyCode: '320509', cityCode: '320500' };
const NJ = { countyCode: '320105', cityCode: '320100' };

async function enterprise(n: number, region: typeof KS, dbStatus: string, createdAt: string) {
  const [e] = await t.ctx.db
    .insert(enterprises)
    .values({
      name: `统计测试企业${n}`,
      uscc: usccIn(region.countyCode, 900 + n),
      contactName: '张三',
      contactMobile: '13800000000',
      ...region,
      dbStatus,
      createdAt: new Date(createdAt),
    })
    .returning();
  byN.set(n, e!);
  return e!;
}

async function filing(e: typeof enterprises.$inferSelect, c: Campaign, kind: string, status: string) {
  await t.ctx.db.insert(filings).values({
    enterpriseId: e.id,
    campaignId: c.id,
    kind,
    status,
    countyCode: e.countyCode,
    cityCode: e.cityCode,
    enterpriseName: e.name,
    uscc: e.uscc,
  });
}

/*
 * The dataset (2023 unless said):
 *   A 昆山 在库, registered 2022: 数据更新 approved (and in 2022 too)
 *   B 吴江 在库: 数据更新 returned (not updated); 新增入库 approved in 2022
 *   C 昆山 在库: 新增入库 approved this year (so not obligated); in the announced list but excluded
 *   D 昆山 已清退: clearance confirmed
 *   E 南京 not in the database: 新增入库 waiting for the county
 *   F 昆山 在库, registered 2024: no filing
 *   苏州's announced 创新型 list of 2023 includes A.
 */
beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2023-05-01T10:00:00+08:00') });
  p = await createPersonas(t);
  c2022 = await ensureDefaultCampaign(t.ctx, 2022);
  c2023 = await ensureDefaultCampaign(t.ctx, 2023);
  const a = await enterprise(1, KS, 'in_db', '2022-06-01T00:00:00+08:00');
  const b = await enterprise(2, WJ, 'in_db', '2023-01-05T00:00:00+08:00');
  const c = await enterprise(3, KS, 'in_db', '2023-01-05T00:00:00+08:00');
  const d = await enterprise(4, KS, 'cleared', '2023-01-05T00:00:00+08:00');
  const e = await enterprise(5, NJ, 'none', '2023-01-05T00:00:00+08:00');
  await enterprise(6, KS, 'in_db', '2024-01-05T00:00:00+08:00');
  await filing(a, c2023, 'update', 'approved');
  await filing(b, c2023, 'update', 'returned');
  await filing(c, c2023, 'entry', 'approved');
  await filing(e, c2023, 'entry', 'county_review');
  await filing(a, c2022, 'update', 'approved');
  await filing(b, c2022, 'entry', 'approved');
  await t.ctx.db.insert(clearances).values({
    campaignId: c2023.id,
    enterpriseId: d.id,
    ...KS,
    status: 'confirmed',
    reason: '未按期更新',
  });
  const [list] = await t.ctx.db
    .insert(recognitionLists)
    .values({
      campaignId: c2023.id,
      cityCode: '320500',
      title: '苏州市2023年度创新型中小企业名单',
      issuingDepartment: '苏州市工业和信息化局',
      status: 'announced',
    })
    .returning();
  await t.ctx.db.insert(recognitionListEntries).values([
    { listId: list!.id, enterpriseId: a.id, enterpriseName: a.name, uscc: a.uscc, countyCode: KS.countyCode },
    {
      listId: list!.id,
      enterpriseId: c.id,
      enterpriseName: c.name,
      uscc: c.uscc,
      countyCode: KS.countyCode,
      state: 'excluded',
      reason: '不符合条件',
    },
  ]);
});
afterAll(async () => {
  await t.close();
});

const zeroStatus = {
  draft: 0,
  county_review: 0,
  city_review: 0,
  approved: 0,
  returned: 0,
  refused: 0,
  withdrawn: 0,
};

describe('statistics', () => {
  it('gives the province one row per city and the exact figures', async () => {
    const res = await p.province.client.get('/api/v1/statistics/summary?year=2023');
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.rows).toHaveLength(13);
    expect(s.campaignId).toBe(c2023.id);
    const sz = s.rows.find((r: { regionCode: string }) => r.regionCode === '320500');
    expect(sz).toEqual({
      regionCode: '320500',
      regionName: '苏州市',
      registeredEnterprises: 4,
      inDb: 4,
      filings: {
        total: 3,
        byStatus: { ...zeroStatus, approved: 2, returned: 1 },
        byKind: { entry: 1, update: 2, rereview: 0, tech_sme: 0 },
      },
      approvals: { total: 2, byKind: { entry: 1, update: 1, rereview: 0, tech_sme: 0 } },
      announcedInnovative: 1,
      clearances: { proposed: 0, expired: 0, confirmed: 1, cancelled: 0, reinstated: 0 },
      update: { obligated: 4, updated: 1, rate: 0.25 },
    });
    const nj = s.rows.find((r: { regionCode: string }) => r.regionCode === '320100');
    expect(nj).toMatchObject({
      registeredEnterprises: 1,
      inDb: 0,
      filings: { total: 1, byStatus: { ...zeroStatus, county_review: 1 } },
      update: { obligated: 0, updated: 0, rate: null },
    });
    expect(s.total).toMatchObject({
      regionCode: '320000',
      regionName: '江苏省',
      registeredEnterprises: 5,
      inDb: 4,
      filings: { total: 4 },
      approvals: { total: 2 },
      announcedInnovative: 1,
      update: { obligated: 4, updated: 1, rate: 0.25 },
    });
  });

  it('gives a city its counties and a county itself; other regions are NOT_FOUND', async () => {
    const city = (await p.szCity.client.get('/api/v1/statistics/summary?year=2023')).json();
    expect(city.regionName).toBe('苏州市');
    const ks = city.rows.find((r: { regionCode: string }) => r.regionCode === '320583');
    expect(ks).toMatchObject({
      registeredEnterprises: 3,
      inDb: 3,
      filings: { total: 2 },
      announcedInnovative: 1,
      update: { obligated: 3, updated: 1, rate: 0.3333 },
    });
    const wj = city.rows.find((r: { regionCode: string }) => r.regionCode === '320509');
    expect(wj).toMatchObject({ registeredEnterprises: 1, update: { obligated: 1, updated: 0, rate: 0 } });
    expect(city.total.update).toEqual({ obligated: 4, updated: 1, rate: 0.25 });

    const county = (await p.ksCounty.client.get('/api/v1/statistics/summary?year=2023')).json();
    expect(county.rows).toHaveLength(1);
    expect(county.rows[0]).toEqual(ks);
    expect(
      (await p.ksCounty.client.get('/api/v1/statistics/summary?year=2023&regionCode=320509')).statusCode,
    ).toBe(404);
    expect(
      (await p.szCity.client.get('/api/v1/statistics/summary?year=2023&regionCode=320100')).statusCode,
    ).toBe(404);
    expect(
      (await p.szCity.client.get('/api/v1/statistics/summary?year=2023&regionCode=320583')).statusCode,
    ).toBe(200);
    expect((await p.ksEnterprise.client.get('/api/v1/statistics/summary?year=2023')).statusCode).toBe(403);
  });

  it('gives the trend across campaign years', async () => {
    const tr = (await p.szCity.client.get('/api/v1/statistics/trend')).json();
    expect(tr.years.map((y: { year: number }) => y.year)).toEqual([2022, 2023]);
    const y2022 = tr.years[0];
    expect(y2022).toMatchObject({
      registeredEnterprises: 1,
      filings: { total: 2 },
      approvals: { total: 2, byKind: { entry: 1, update: 1, rereview: 0, tech_sme: 0 } },
      announcedInnovative: 0,
    });
    // Obligation of a past year is derived from today's 在库 status (see statistics-api.ts): A, C and F.
    expect(y2022.update).toEqual({ obligated: 3, updated: 1, rate: 0.3333 });
  });

  it('exports the figures as .xlsx with the documented headers', async () => {
    const res = await p.szCity.client.get('/api/v1/statistics/export.xlsx?year=2023');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(STATISTICS_COLUMNS.map((c) => c.header));
    const rows: unknown[][] = [];
    sheet.eachRow((r, i) => {
      if (i > 1) rows.push((r.values as unknown[]).slice(1));
    });
    const ks = rows.find((r) => r[0] === '320583')!;
    expect(ks.slice(0, 5)).toEqual(['320583', '昆山市', 3, 3, 2]);
    expect(ks.at(-1)).toBe('33.33%');
    expect(rows.at(-1)![1]).toBe('苏州市（合计）');
    expect(wb.worksheets[1]!.name).toBe('历年趋势');
  });

  it('counts a 拟清退 past its expiry as 已失效 (expired), not as 拟清退, in the summary, the trend and the export', async () => {
    // 2022 clearances of 昆山's A, C and F (all three already obligated in 2022, so no other figure moves). The
    // clock reads 2023-05-01 10:00.
    //   A: proposed, expiry fixed at the end of 2023-04-30 → expired
    //   C: proposed, expiry fixed at the end of 2023-06-30 → still 拟清退
    //   F: proposed 2023-01-02 with no fixed expiry → the setting's 60 days (end of 2023-03-03) → expired
    await t.ctx.db.insert(clearances).values([
      {
        campaignId: c2022.id,
        enterpriseId: byN.get(1)!.id,
        ...KS,
        status: 'proposed',
        reason: '未按期更新',
        expiresAt: new Date('2023-04-30T23:59:59.999+08:00'),
      },
      {
        campaignId: c2022.id,
        enterpriseId: byN.get(3)!.id,
        ...KS,
        status: 'proposed',
        reason: '未按期更新',
        expiresAt: new Date('2023-06-30T23:59:59.999+08:00'),
      },
      {
        campaignId: c2022.id,
        enterpriseId: byN.get(6)!.id,
        ...KS,
        status: 'proposed',
        reason: '未按期更新',
        createdAt: new Date('2023-01-02T10:00:00+08:00'),
      },
    ]);

    const city = (await p.szCity.client.get('/api/v1/statistics/summary?year=2022')).json();
    const ks = city.rows.find((r: { regionCode: string }) => r.regionCode === '320583');
    expect(ks.clearances).toEqual({ proposed: 1, expired: 2, confirmed: 0, cancelled: 0, reinstated: 0 });
    expect(city.total.clearances).toEqual({
      proposed: 1,
      expired: 2,
      confirmed: 0,
      cancelled: 0,
      reinstated: 0,
    });
    const province = (await p.province.client.get('/api/v1/statistics/summary?year=2022')).json();
    expect(province.total.clearances).toMatchObject({ proposed: 1, expired: 2 });

    // The cycle module's own list agrees: two 已失效, one 拟清退.
    const listed = async (status: string) =>
      (await p.szCity.client.get(`/api/v1/cycle/campaigns/${c2022.id}/clearances?status=${status}`)).json()
        .items as { statusLabel: string }[];
    expect((await listed('expired')).map((r) => r.statusLabel)).toEqual(['已失效', '已失效']);
    expect(await listed('proposed')).toHaveLength(1);

    const tr = (await p.szCity.client.get('/api/v1/statistics/trend')).json();
    expect(tr.years[0].clearances).toMatchObject({ proposed: 1, expired: 2 });

    const res = await p.szCity.client.get('/api/v1/statistics/export.xlsx?year=2022');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const headers = STATISTICS_COLUMNS.map((c) => c.header);
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(headers);
    const rows: unknown[][] = [];
    sheet.eachRow((r, i) => {
      if (i > 1) rows.push((r.values as unknown[]).slice(1));
    });
    const ksXlsx = rows.find((r) => r[0] === '320583')!;
    expect(ksXlsx[headers.indexOf('拟清退')]).toBe(1);
    expect(ksXlsx[headers.indexOf('拟清退已失效')]).toBe(2);

    // Earlier, before A's expiry, A was still a 拟清退.
    t.clock.set('2023-04-30T12:00:00+08:00');
    try {
      const before = (await p.szCity.client.get('/api/v1/statistics/summary?year=2022')).json();
      expect(before.total.clearances).toMatchObject({ proposed: 2, expired: 1 });
    } finally {
      t.clock.set('2023-05-01T10:00:00+08:00');
    }
  });
});
