import { and, eq } from 'drizzle-orm';
import { auditEvents, campaignExtensions, campaigns, filings } from '../../../src/server/db/schema';
import { effectiveDeadlinesFor } from '../../../src/server/modules/campaign-admin/deadlines';
import { ensureDefaultCampaign } from '../../../src/server/modules/campaigns/service';
import { ManualClock } from '../../../src/server/services/clock';
import type {
  CampaignAdminView,
  EffectiveDeadlinesResponse,
} from '../../../src/shared/schemas/campaign-admin-api';
import { createPersonas, type Personas } from '../../helpers/personas';
import { createTestApp, type TestApp } from '../../helpers/test-app';

const START = '2023-03-01T09:00:00+08:00';
let t: TestApp;
let p: Personas;
let c2023: string;

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock(START) });
  c2023 = (await ensureDefaultCampaign(t.ctx, 2023)).id;
  p = await createPersonas(t);
});
afterAll(async () => {
  await t.close();
});

const valid2024 = {
  year: 2024,
  kindsOpen: ['entry', 'update'],
  filingOpensAt: '2024-02-20T00:00:00+08:00',
  filingClosesAt: '2024-03-24T23:59:59+08:00',
  countyReviewDeadline: '2024-03-28T23:59:59+08:00',
  cityReviewDeadline: '2024-03-31T23:59:59+08:00',
  listDeadline: '2024-04-15T23:59:59+08:00',
  standardId: 'innovative-sme-2022',
};

async function auditRows(action: string, targetId: string) {
  return t.ctx.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)));
}

describe('campaigns: create, list, update', () => {
  let created: CampaignAdminView;

  it('the province creates a campaign (audited); the name defaults from the year', async () => {
    const res = await p.province.client.post('/api/v1/campaigns', valid2024);
    expect(res.statusCode).toBe(201);
    created = res.json();
    expect(created).toMatchObject({
      year: 2024,
      fiscalYear: 2023,
      name: '2024年度优质中小企业入库培育和创新型中小企业评价',
      kindsOpen: ['entry', 'update'],
      filingClosesAt: new Date(valid2024.filingClosesAt).toISOString(),
      filingCount: 0,
      extensions: [],
    });
    const rows = await auditRows('campaign.create', created.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.username).toBe(p.province.username);

    const list = await p.admin.client.get('/api/v1/campaigns');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((c: { year: number }) => c.year)).toEqual([2024, 2023]);
    expect(list.json().currentId).toBe(c2023);
    expect(list.json().standards[0].id).toBe('innovative-sme-2022');
  });

  it('rejects dates out of order with a Chinese message on each field', async () => {
    const res = await p.province.client.post('/api/v1/campaigns', {
      ...valid2024,
      year: 2025,
      filingOpensAt: '2025-03-01T00:00:00+08:00',
      filingClosesAt: '2025-02-01T00:00:00+08:00',
      countyReviewDeadline: '2025-01-01T00:00:00+08:00',
      cityReviewDeadline: '2024-12-01T00:00:00+08:00',
      listDeadline: '2024-11-01T00:00:00+08:00',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fieldErrors: {
        filingClosesAt: '企业填报截止时间须晚于填报开始时间',
        countyReviewDeadline: '县区审核截止时间不能早于企业填报截止时间',
        cityReviewDeadline: '设区市审核截止时间不能早于县区审核截止时间',
        listDeadline: '名单报送截止时间不能早于设区市审核截止时间',
      },
    });
  });

  it('rejects missing and malformed fields, an unknown standard and a duplicate year', async () => {
    const res = await p.province.client.post('/api/v1/campaigns', {
      year: 24,
      kindsOpen: [],
      filingOpensAt: '2025-02-20',
      standardId: 'no-such-standard',
    });
    expect(res.statusCode).toBe(400);
    const fe = res.json().fieldErrors;
    expect(fe).toMatchObject({
      year: '年度须在 2020 至 2100 之间',
      kindsOpen: '请至少开放一类填报',
      filingOpensAt: '请填写企业填报开始时间（含日期和时间）',
      filingClosesAt: '请填写企业填报截止时间（含日期和时间）',
      listDeadline: '请填写名单报送截止时间（含日期和时间）',
      standardId: '请选择评价标准',
    });
    const dup = await p.admin.client.post('/api/v1/campaigns', valid2024);
    expect(dup.statusCode).toBe(400);
    expect(dup.json().fieldErrors).toEqual({ year: '2024年度的填报批次已存在，请直接修改该批次' });
  });

  it('updates some fields, checks the merged order, and audits the changes', async () => {
    const bad = await p.province.client.request('PATCH', `/api/v1/campaigns/${created.id}`, {
      json: { countyReviewDeadline: '2024-04-02T23:59:59+08:00' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fieldErrors).toEqual({
      cityReviewDeadline: '设区市审核截止时间不能早于县区审核截止时间',
    });

    const ok = await p.province.client.request('PATCH', `/api/v1/campaigns/${created.id}`, {
      json: {
        countyReviewDeadline: '2024-03-29T23:59:59+08:00',
        kindsOpen: ['entry', 'update', 'rereview', 'entry'],
      },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      countyReviewDeadline: new Date('2024-03-29T23:59:59+08:00').toISOString(),
      kindsOpen: ['entry', 'update', 'rereview'],
    });
    const [row] = await auditRows('campaign.update', created.id);
    expect(row!.details).toMatchObject({
      changes: {
        countyReviewDeadline: {
          from: new Date(valid2024.countyReviewDeadline).toISOString(),
          to: new Date('2024-03-29T23:59:59+08:00').toISOString(),
        },
        kindsOpen: { from: ['entry', 'update'], to: ['entry', 'update', 'rereview'] },
      },
    });

    const empty = await p.province.client.request('PATCH', `/api/v1/campaigns/${created.id}`, { json: {} });
    expect(empty.statusCode).toBe(400);
    const dupYear = await p.province.client.request('PATCH', `/api/v1/campaigns/${created.id}`, {
      json: { year: 2023 },
    });
    expect(dupYear.json().fieldErrors.year).toBe('2023年度的填报批次已存在，请直接修改该批次');
  });

  it('once filings exist, the year and the standard stay', async () => {
    await t.ctx.db.insert(filings).values({
      enterpriseId: p.ksEnterprise.enterpriseId!,
      campaignId: created.id,
      kind: 'entry',
      status: 'draft',
      enterpriseName: p.ksEnterprise.displayName,
      uscc: 'X',
    });
    const res = await p.province.client.request('PATCH', `/api/v1/campaigns/${created.id}`, {
      json: { year: 2026 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors.year).toBe('本批次已有 1 份企业填报，不能修改年度');
    const view = await p.province.client.get(`/api/v1/campaigns/${created.id}`);
    expect(view.json().filingCount).toBe(1);
  });

  it('only the province and admin manage campaigns', async () => {
    for (const who of [p.ksEnterprise, p.ksCounty, p.szCity]) {
      expect((await who.client.get('/api/v1/campaigns')).statusCode).toBe(403);
      const post = await who.client.post('/api/v1/campaigns', { ...valid2024, year: 2030 });
      expect(post.statusCode).toBe(403);
      expect(post.json().code).toBe('FORBIDDEN');
      expect((await who.client.get(`/api/v1/campaigns/${c2023}`)).statusCode).toBe(403);
      const patch = await who.client.request('PATCH', `/api/v1/campaigns/${c2023}`, {
        json: { name: '改名' },
      });
      expect(patch.statusCode).toBe(403);
      const ext = await who.client.put(`/api/v1/campaigns/${c2023}/extensions`, {
        regionCode: '320583',
        deadline: '2023-03-30T23:59:59+08:00',
        reason: '系统故障',
      });
      expect(ext.statusCode).toBe(403);
    }
    expect((await p.anonymous.get('/api/v1/campaigns')).statusCode).toBe(401);
    expect((await p.anonymous.get(`/api/v1/campaigns/current/deadlines`)).statusCode).toBe(401);
    const [c] = await t.ctx.db.select().from(campaigns).where(eq(campaigns.id, c2023));
    expect(c!.name).not.toBe('改名');
    expect(
      (await p.province.client.get('/api/v1/campaigns/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
  });
});

describe('deadline extensions and effective deadlines', () => {
  const deadlines = async (client: Personas['province']['client'], query = '', id = c2023) => {
    const res = await client.get(`/api/v1/campaigns/${id}/deadlines${query}`);
    return { status: res.statusCode, body: res.json() as EffectiveDeadlinesResponse & { code?: string } };
  };
  const COUNTY_BASE = new Date('2023-03-28T23:59:59.999+08:00').toISOString();
  const CITY_BASE = new Date('2023-03-31T23:59:59.999+08:00').toISOString();

  it('without extensions every region has the campaign’s deadlines', async () => {
    const { status, body } = await deadlines(p.ksCounty.client);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      regionCode: '320583',
      regionName: '苏州市昆山市',
      regionLevel: 'county',
      filingOpen: true,
      countyReview: { deadline: COUNTY_BASE, extended: false, passed: false },
      cityReview: { deadline: CITY_BASE, extended: false },
      serverTime: new Date(START).toISOString(),
    });
  });

  it('validates an extension: later than the campaign’s, not past the city’s or the list deadline', async () => {
    const put = (regionCode: string, deadline: string) =>
      p.province.client.put(`/api/v1/campaigns/${c2023}/extensions`, {
        regionCode,
        deadline,
        reason: '系统故障',
      });
    let res = await put('320583', '2023-03-27T12:00:00+08:00');
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors.deadline).toBe(
      '延期后的截止时间须晚于本批次的县区审核截止时间（2023年3月28日 23:59）',
    );
    res = await put('320583', '2023-04-02T12:00:00+08:00');
    expect(res.json().fieldErrors.deadline).toBe(
      '县区审核截止时间不能晚于所在设区市的审核截止时间（2023年3月31日 23:59），如需更晚，请先延长设区市审核截止时间',
    );
    res = await put('320500', '2023-04-20T12:00:00+08:00');
    expect(res.json().fieldErrors.deadline).toBe(
      '延期后的截止时间不能晚于名单报送截止时间（2023年4月15日 23:59）',
    );
    res = await put('320000', '2023-04-02T12:00:00+08:00');
    expect(res.json().fieldErrors.regionCode).toBe('请选择江苏省内的县（市、区）或设区市');
    res = await p.province.client.put(`/api/v1/campaigns/${c2023}/extensions`, { regionCode: '110000' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors).toMatchObject({
      regionCode: '请选择江苏省内的县（市、区）或设区市',
      deadline: '请填写延期后的审核截止时间（含日期和时间）',
      reason: '请输入延期原因',
    });
  });

  it('a city then a county extension change the effective deadlines of that region only', async () => {
    const city = await p.province.client.put(`/api/v1/campaigns/${c2023}/extensions`, {
      regionCode: '320500',
      deadline: '2023-04-05T23:59:59+08:00',
      reason: '苏州市申报量大，延长设区市审核时间',
    });
    expect(city.statusCode).toBe(200);
    expect(city.json()).toMatchObject({
      level: 'city',
      levelLabel: '设区市审核',
      regionName: '苏州市',
      baseDeadline: CITY_BASE,
    });
    const county = await p.admin.client.put(`/api/v1/campaigns/${c2023}/extensions`, {
      regionCode: '320583',
      deadline: '2023-04-02T23:59:59+08:00',
      reason: '昆山市系统故障',
    });
    expect(county.statusCode).toBe(200);
    expect(county.json()).toMatchObject({ level: 'county', regionName: '苏州市昆山市' });
    expect(await auditRows('campaign.extension.set', c2023)).toHaveLength(2);

    const ks = await deadlines(p.ksCounty.client);
    expect(ks.body.countyReview).toMatchObject({
      deadline: new Date('2023-04-02T23:59:59+08:00').toISOString(),
      baseDeadline: COUNTY_BASE,
      extended: true,
      reason: '昆山市系统故障',
    });
    expect(ks.body.cityReview).toMatchObject({
      extended: true,
      deadline: new Date('2023-04-05T23:59:59+08:00').toISOString(),
    });
    const wj = await deadlines(p.wjCounty.client);
    expect(wj.body.countyReview).toMatchObject({ deadline: COUNTY_BASE, extended: false });
    expect(wj.body.cityReview.extended).toBe(true);
    // Another city is untouched.
    const nj = await deadlines(p.province.client, '?regionCode=320102');
    expect(nj.body).toMatchObject({
      regionName: '南京市玄武区',
      countyReview: { extended: false },
      cityReview: { extended: false },
    });

    // The enterprise sees its own county's deadlines, without the internal reason.
    const ent = await deadlines(p.ksEnterprise.client, '', 'current');
    expect(ent.status).toBe(200);
    expect(ent.body.regionCode).toBe('320583');
    expect(ent.body.countyReview).toMatchObject({ extended: true, reason: null });

    // The review module's guard reads the same.
    const [c] = await t.ctx.db.select().from(campaigns).where(eq(campaigns.id, c2023));
    const resolved = await effectiveDeadlinesFor(t.ctx.db, c!, '320583');
    expect(resolved.county.deadline.toISOString()).toBe(new Date('2023-04-02T23:59:59+08:00').toISOString());

    // A city extension cannot go below a county extension of the city.
    const lower = await p.province.client.put(`/api/v1/campaigns/${c2023}/extensions`, {
      regionCode: '320500',
      deadline: '2023-04-01T23:59:59+08:00',
      reason: '缩短',
    });
    expect(lower.json().fieldErrors.deadline).toBe(
      '本市已有县区审核延期至2023年4月2日 23:59，设区市审核截止时间不能早于该时间',
    );
  });

  it('who may read which region', async () => {
    // An enterprise only its own county.
    expect((await deadlines(p.ksEnterprise.client, '?regionCode=320509')).status).toBe(404);
    // A county reviewer only its county.
    expect((await deadlines(p.ksCounty.client, '?regionCode=320509')).status).toBe(404);
    expect((await deadlines(p.ksCounty.client, '?regionCode=320500')).status).toBe(404);
    // A city reviewer its city and the city's counties (development zones included), not another city's.
    expect((await deadlines(p.szCity.client)).body.regionLevel).toBe('city');
    expect((await deadlines(p.szCity.client, '?regionCode=320583')).status).toBe(200);
    expect((await deadlines(p.szCity.client, '?regionCode=320576')).status).toBe(200);
    expect((await deadlines(p.szCity.client, '?regionCode=320102')).status).toBe(404);
    // The province any; an unknown code is a validation error.
    expect((await deadlines(p.province.client)).body.regionLevel).toBe('province');
    const bad = await deadlines(p.province.client, '?regionCode=999999');
    expect(bad.status).toBe(400);
  });

  it('replacing, superseding and revoking extensions', async () => {
    // Moving the campaign's own county deadline past Kunshan's extension removes that extension.
    const res = await p.province.client.request('PATCH', `/api/v1/campaigns/${c2023}`, {
      json: {
        countyReviewDeadline: '2023-04-03T23:59:59+08:00',
        cityReviewDeadline: '2023-04-04T23:59:59+08:00',
      },
    });
    expect(res.statusCode).toBe(200);
    const view = res.json() as CampaignAdminView;
    expect(view.extensions.map((e) => e.regionCode)).toEqual(['320500']);
    const [audit] = await auditRows('campaign.update', c2023);
    expect(audit!.details).toMatchObject({ removedExtensions: [{ regionCode: '320583', level: 'county' }] });
    const ks = await deadlines(p.ksCounty.client);
    expect(ks.body.countyReview).toMatchObject({
      extended: false,
      deadline: new Date('2023-04-03T23:59:59+08:00').toISOString(),
    });

    const ext = view.extensions[0]!;
    const del = await p.province.client.delete(`/api/v1/campaigns/${c2023}/extensions/${ext.id}`);
    expect(del.statusCode).toBe(204);
    expect(await auditRows('campaign.extension.delete', c2023)).toHaveLength(1);
    expect(
      await t.ctx.db.select().from(campaignExtensions).where(eq(campaignExtensions.id, ext.id)),
    ).toHaveLength(0);
    expect(
      (await p.province.client.delete(`/api/v1/campaigns/${c2023}/extensions/${ext.id}`)).statusCode,
    ).toBe(404);
    const sz = await deadlines(p.szCity.client);
    expect(sz.body.cityReview).toMatchObject({ extended: false });
  });
});
