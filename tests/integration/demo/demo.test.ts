/**
 * Demo data (issue 5 item 9, issue 6 item 10): seeding a fresh database in demo mode, then logging in through the
 * HTTP API as each demo account (password Demo@2023js) and checking that every stage of the platform has
 * something to show: queues at the county and the city, a returned and a resubmitted filing, a list in 公示 with an
 * open objection, announced lists with recognitions, three years of statistics, outstanding updates, a cleared
 * enterprise — and that 南京 sees none of 苏州's filings. Also that the journeys' assumptions still hold
 * (demo_qiye_ks's filled draft, demo_qiye_wj may start a 新增入库).
 */
import { eq } from 'drizzle-orm';
import { campaigns, enterprises, files, filings, users } from '../../../src/server/db/schema';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from '../../../src/server/demo';
import { SCENARIO_ACCOUNTS } from '../../../src/server/demo/scenario';
import type { CurrentCampaignResponse, FilingDetail } from '../../../src/shared/schemas/filing-api';
import type { ListSummary, ObjectionView, PublicListSummary } from '../../../src/shared/schemas/lists-api';
import type { EnterpriseRecord, RegistryResponse } from '../../../src/shared/schemas/registry-api';
import type { CountsResponse, QueueResponse, ReviewDetail } from '../../../src/shared/schemas/review-api';
import type { TrendResponse } from '../../../src/shared/schemas/statistics-api';
import { createTestApp, type TestApp, type TestClient } from '../../helpers/test-app';
import { DEMO_TECH_SME_REGISTRATION_NO } from '../../../src/server/demo/tech-sme';
import type { LadderView } from '../../../src/shared/schemas/ladder-api';

let t: TestApp;
const clients = new Map<string, TestClient>();

async function as(username: string): Promise<TestClient> {
  const known = clients.get(username);
  if (known) return known;
  const c = t.client();
  const res = await c.post('/api/v1/auth/login', { username, password: DEMO_PASSWORD });
  expect(res.statusCode, `${username}: ${res.body}`).toBe(200);
  clients.set(username, c);
  return c;
}

async function get<T>(username: string, url: string): Promise<T> {
  const res = await (await as(username)).get(url);
  expect(res.statusCode, `${username} GET ${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.json() as T;
}

async function campaignIdOf(year: number): Promise<string> {
  const [c] = await t.ctx.db.select().from(campaigns).where(eq(campaigns.year, year));
  return c!.id;
}

const year = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

beforeAll(async () => {
  t = await createTestApp();
  // How long the seed takes is measured by `npm run bench -- --only demo` (bench/scenarios/startup.ts), not here.
  await seedDemoData(t.ctx, t.app.log);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('demo data', () => {
  it('is created once: a second start with users in the database adds nothing', async () => {
    const before = await t.ctx.db.select({ id: filings.id }).from(filings);
    await seedDemoData(t.ctx, t.app.log);
    expect(await t.ctx.db.select({ id: filings.id }).from(filings)).toHaveLength(before.length);
  });

  it('creates every demo account, the new 南京 city reviewer included', async () => {
    const rows = await t.ctx.db
      .select({ username: users.username, regionCode: users.regionCode })
      .from(users);
    const names = rows.map((r) => r.username);
    for (const u of [...DEMO_USERS, ...SCENARIO_ACCOUNTS]) expect(names).toContain(u.username);
    expect(rows.find((r) => r.username === 'nj_city')!.regionCode).toBe('320100');
    for (const u of ['sz_city', 'nj_city', 'demo_qiye_ks2', 'js_province']) await as(u);
  });

  it('keeps the journeys’ starting points: demo_qiye_ks’s filled draft, demo_qiye_wj may start a 新增入库', async () => {
    const ks = await get<{ items: { id: string; status: string; kind: string; campaignYear?: number }[] }>(
      'demo_qiye_ks',
      '/api/v1/filings',
    );
    const drafts = ks.items.filter((f) => f.status === 'draft');
    expect(drafts).toHaveLength(1);
    const draft = await get<FilingDetail>('demo_qiye_ks', `/api/v1/filings/${drafts[0]!.id}`);
    expect(draft.kind).toBe('entry');
    expect(draft.campaign.year).toBe(year());
    expect(draft.sections.basic?.complete).toBe(true);

    const wj = await get<CurrentCampaignResponse>('demo_qiye_wj', '/api/v1/campaigns/current');
    expect(wj.canStart.entry).toEqual({ allowed: true, reason: null });
    const mine = await get<{ items: { kind: string; campaignId: string }[] }>(
      'demo_qiye_wj',
      '/api/v1/filings',
    );
    const currentId = await campaignIdOf(year());
    expect(mine.items.filter((f) => f.campaignId === currentId)).toEqual([]);
    expect(mine.items.filter((f) => f.kind === 'entry')).toEqual([]); // the journey finds its one 新增入库 row
  });

  it('has filings pending at the 昆山 county (several enterprises) and at the 苏州 city', async () => {
    const county = await get<CountsResponse>('ks_county', '/api/v1/review/counts');
    expect(county.minePending).toBeGreaterThanOrEqual(3);
    const queue = await get<QueueResponse>('ks_county', '/api/v1/review/queue');
    expect(new Set(queue.items.map((i) => i.enterpriseName)).size).toBeGreaterThanOrEqual(3);
    expect(queue.items.every((i) => i.countyCode === '320583' && i.status === 'county_review')).toBe(true);

    const city = await get<CountsResponse>('sz_city', '/api/v1/review/counts');
    expect(city.minePending).toBeGreaterThan(0);
    const cityQueue = await get<QueueResponse>('sz_city', '/api/v1/review/queue');
    expect(cityQueue.items.length).toBeGreaterThan(0);
    expect(cityQueue.items.every((i) => i.status === 'city_review')).toBe(true);

    const wj = await get<QueueResponse>('wj_county', '/api/v1/review/queue');
    expect(wj.items.length).toBeGreaterThan(0);
    expect(wj.items.every((i) => i.countyCode === '320509')).toBe(true);
  });

  it('shows the county what changed in a resubmitted filing', async () => {
    const queue = await get<QueueResponse>('ks_county', '/api/v1/review/queue');
    let found: ReviewDetail | null = null;
    for (const item of queue.items) {
      const d = await get<ReviewDetail>('ks_county', `/api/v1/review/filings/${item.id}`);
      if (d.resubmission) found = d;
    }
    expect(found).not.toBeNull();
    expect(found!.resubmission!.changedSections).toEqual(['operations']);
    const change = found!.resubmission!.fields.find((f) => f.path.endsWith('operatingRevenue'));
    expect(change).toBeDefined();
    expect(JSON.stringify(change)).toContain('7035.60');
    expect(found!.resubmission!.returnInfo?.reason).toContain('营业收入');
  });

  it('shows demo_qiye_ks2 its returned update, with the reason and the marked fields', async () => {
    const list = await get<{ items: { id: string; status: string }[] }>('demo_qiye_ks2', '/api/v1/filings');
    const returned = list.items.find((f) => f.status === 'returned');
    expect(returned).toBeDefined();
    const d = await get<FilingDetail>('demo_qiye_ks2', `/api/v1/filings/${returned!.id}`);
    expect(d.returnInfo?.reason).toContain('审计报告');
    expect(d.returnInfo?.sections[0]?.section).toBe('operations');
    expect(Object.keys(d.returnInfo!.sections[0]!.fields).length).toBe(2);
    // The marked section, and what the resubmission still needs (ADR 0011): never a dead end.
    expect(d.editableSections).toContain('operations');
    expect(d.editableSections.includes('attachments')).toBe(!d.sections.attachments.complete);
  });

  it('has 苏州’s list in 公示 with an open objection (tracking number) the city sees', async () => {
    const lists = await get<PublicListSummary[]>('demo_qiye_ks', '/api/v1/public/lists');
    const pub = lists.find((l) => l.status === 'publicity' && l.cityName === '苏州市');
    expect(pub).toBeDefined();
    expect(pub!.entryCount).toBeGreaterThan(0);
    const anonymous = await t.client().get(`/api/v1/public/lists/${pub!.id}`);
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json().objection.open).toBe(true);
    const objections = await get<ObjectionView[]>('sz_city', `/api/v1/lists/${pub!.id}/objections`);
    expect(objections).toHaveLength(1);
    expect(objections[0]!.status).toBe('open');
    expect(objections[0]!.trackingNo).toMatch(/^YY\d{8}[2-9A-HJKMNP-Z]{6}$/);
    // The objector can look it up with the last 4 digits of the phone given.
    const lookup = await t
      .client()
      .get(
        `/api/v1/public/objections/${objections[0]!.trackingNo}?phone=${objections[0]!.contactPhone.slice(-4)}`,
      );
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json().statusLabel).toBe('受理中');
    // 南京 does not see 苏州's list.
    const nj = await (await as('nj_city')).get(`/api/v1/lists/${pub!.id}/objections`);
    expect(nj.statusCode).toBe(404);
  });

  it('has announced lists with document numbers; demo_qiye_wj’s 创新型 recognition is in the registry and its record', async () => {
    const lists = await get<PublicListSummary[]>('demo_qiye_wj', '/api/v1/public/lists');
    const announced = lists.filter((l) => l.status === 'announced');
    expect(announced.map((l) => l.title).sort()).toEqual(
      [`南京市${year() - 1}年度创新型中小企业名单`, `苏州市${year() - 2}年度创新型中小企业名单`].sort(),
    );
    for (const l of announced) {
      expect(l.documentNo).toMatch(/〔\d{4}〕\d+号$/);
      expect(l.entryCount).toBeGreaterThan(0);
    }
    const nj = await get<ListSummary[]>(
      'nj_city',
      `/api/v1/lists?campaignId=${await campaignIdOf(year() - 1)}`,
    );
    expect(nj.map((l) => l.status)).toEqual(['announced']);

    const registry = await t
      .client()
      .get(`/api/v1/public/registry?q=${encodeURIComponent('苏州吴江示范新材料')}`);
    expect(registry.statusCode).toBe(200);
    const items = (registry.json() as RegistryResponse).items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      enterpriseName: '苏州吴江示范新材料有限公司',
      title: '创新型中小企业',
      documentNo: `苏工信中小〔${year() - 2}〕35号`,
    });

    const record = await get<EnterpriseRecord>('demo_qiye_wj', '/api/v1/enterprise/record');
    expect(record.recognitions.map((r) => [r.title, r.state])).toEqual([['创新型中小企业', 'valid']]);
    expect(record.dbStatus).toBe('cleared'); // not updated last year: cleared, so it may file a 新增入库 again
  });

  it('shows demo_qiye_ks2 a 科技型中小企业 registration and a quality score on 我的梯度 (from 2026)', async () => {
    expect(year()).toBeGreaterThanOrEqual(2026);
    const ladder = await get<LadderView>('demo_qiye_ks2', '/api/v1/ladder');
    const t1 = ladder.tiers[0]!;
    expect(t1).toMatchObject({ key: 'tech-innovative', held: true, status: 'met' });
    expect(t1.titles[0]!.registrationNo).toBe(DEMO_TECH_SME_REGISTRATION_NO);
    expect(ladder.qualityScores[0]).toMatchObject({ year: year(), score: '52.50' });
    const spec = ladder.tiers[1]!;
    expect(spec.assessments[0]!.standardId).toBe('specialized-sme-2026');
    expect(spec.assessments[0]!.conditions.find((c) => c.key === 'qualityScore')!.status).toBe('met');
    expect(ladder.next?.key).toBe('specialized');
  });

  it('has statistics over three years, with obligations, updates and clearances', async () => {
    const trend = await get<TrendResponse>('js_province', '/api/v1/statistics/trend');
    expect(trend.years.map((y) => y.year)).toEqual([year() - 2, year() - 1, year()]);
    const [y2, y1, y0] = trend.years;
    for (const y of [y2!, y1!]) {
      expect(y.approvals.total).toBeGreaterThan(0);
      expect(y.update.obligated).toBeGreaterThan(0);
      expect(y.update.updated).toBeGreaterThan(0);
      expect(y.clearances.confirmed).toBeGreaterThan(0);
    }
    expect(y2!.announcedInnovative).toBeGreaterThan(0);
    expect(y0!.filings.total).toBeGreaterThan(0);
    expect(y0!.update.obligated).toBeGreaterThan(0);
    // The city's own trend: 苏州 only.
    const sz = await get<TrendResponse>('sz_city', '/api/v1/statistics/trend');
    expect(sz.years).toHaveLength(3);
    expect(sz.years[1]!.update.obligated).toBeLessThan(y1!.update.obligated);
  });

  it('lists outstanding updates (an overdue one last year) and a cleared enterprise', async () => {
    const current = await get<{ totals: { outstanding: number }; items: unknown[] }>(
      'sz_city',
      `/api/v1/cycle/campaigns/${await campaignIdOf(year())}/outstanding`,
    );
    expect(current.items.length).toBeGreaterThan(0);
    const p1 = await campaignIdOf(year() - 1);
    const last = await get<{ items: { enterpriseName: string }[] }>(
      'ks_county',
      `/api/v1/cycle/campaigns/${p1}/outstanding`,
    );
    expect(last.items.map((i) => i.enterpriseName)).toContain('昆山永信包装制品有限公司');
    const cl = await get<{ items: { enterpriseName: string; status: string }[] }>(
      'sz_city',
      `/api/v1/cycle/campaigns/${p1}/clearances`,
    );
    expect(cl.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ enterpriseName: '苏州吴江示范新材料有限公司', status: 'confirmed' }),
        // Not confirmed within the proposal expiry (ADR 0021): shown as lapsed.
        expect.objectContaining({ enterpriseName: '昆山永信包装制品有限公司', status: 'expired' }),
      ]),
    );
    const mine = await get<{ items: { status: string; appealOpen: boolean; appealUntil: string }[] }>(
      'demo_qiye_wj',
      '/api/v1/cycle/clearances/mine',
    );
    expect(mine.items.map((i) => i.status)).toEqual(['confirmed']);
    // Cleared on 22 April last year: the 30-day appeal window closed on 22 May.
    expect(mine.items[0]).toMatchObject({ appealOpen: false });
    expect(mine.items[0]!.appealUntil).toBe(new Date(`${year() - 1}-05-22T23:59:59.999+08:00`).toISOString());
  });

  it('demo_qiye_wj has the messages of its 拟清退 and 清退, linking to 清退与申诉; the city sees them sent (issue 16 item 7)', async () => {
    const msgs = await get<{ items: { title: string; body: string; link: string | null }[] }>(
      'demo_qiye_wj',
      '/api/v1/notifications',
    );
    const cleared = msgs.items.find((m) => m.title === '贵企业已被清退出优质中小企业培育库');
    expect(cleared).toBeDefined();
    expect(cleared!.link).toBe('/qiye/clearances');
    expect(cleared!.body).toContain('清退原因');
    expect(cleared!.body).toContain(`请于${year() - 1}年5月22日（含当日）前`);
    expect(msgs.items.find((m) => m.title.includes('拟清退名单'))?.link).toBe('/qiye/clearances');
    const cl = await get<{
      items: {
        enterpriseName: string;
        notices: { event: string; messages: number; sms: { status: string } | null }[];
      }[];
    }>('sz_city', `/api/v1/cycle/campaigns/${await campaignIdOf(year() - 1)}/clearances`);
    const wj = cl.items.find((i) => i.enterpriseName === '苏州吴江示范新材料有限公司')!;
    expect(wj.notices).toEqual([
      expect.objectContaining({
        event: 'cleared',
        messages: 1,
        sms: expect.objectContaining({ status: 'sent' }),
      }),
      expect.objectContaining({
        event: 'proposed',
        messages: 1,
        sms: expect.objectContaining({ status: 'sent' }),
      }),
    ]);
  });

  it('has a list whose 公示 has ended, which the city can announce (公告) — the whole year (issue 16 item 14)', async () => {
    const lists = await get<ListSummary[]>(
      'wx_city',
      `/api/v1/lists?campaignId=${await campaignIdOf(year())}`,
    );
    expect(lists).toHaveLength(1);
    const list = lists[0]!;
    expect(list.status).toBe('publicity');
    expect(new Date(list.publicityEnd!).getTime()).toBeLessThan(Date.now());
    expect(list.counts.included).toBeGreaterThan(0);
    expect(list.counts.openObjections).toBe(0);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const res = await (
      await as('wx_city')
    ).post(`/api/v1/lists/${list.id}/announce`, {
      documentNo: `锡工信中小〔${year()}〕9号`,
      date: today,
    });
    expect(res.statusCode, res.body).toBe(200);
    const registry = await t
      .client()
      .get(`/api/v1/public/registry?q=${encodeURIComponent('无锡江阴紫金芯材')}`);
    expect((registry.json() as RegistryResponse).items[0]).toMatchObject({
      documentNo: `锡工信中小〔${year()}〕9号`,
    });
  });

  it('submitted filings carry real attachment files, listed in the 申报书 and downloadable', async () => {
    const queue = await get<QueueResponse>('ks_county', '/api/v1/review/queue');
    expect(queue.items.length).toBeGreaterThan(0);
    for (const item of queue.items) {
      const d = await get<ReviewDetail>('ks_county', `/api/v1/review/filings/${item.id}`);
      expect(d.attachments.length, item.enterpriseName).toBeGreaterThanOrEqual(4);
      expect(d.attachments.map((a) => a.slot)).toContain('selfAssessment');
    }
    const first = await get<ReviewDetail>('ks_county', `/api/v1/review/filings/${queue.items[0]!.id}`);
    const file = await (await as('ks_county')).get(`/api/v1/files/${first.attachments[0]!.fileId}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Every submitted demo filing: the snapshot lists the files, and every file is in storage.
    const rows = await t.ctx.db.select().from(filings);
    const submitted = rows.filter((f) => f.snapshot !== null);
    expect(submitted.length).toBeGreaterThan(20);
    for (const f of submitted) {
      const snap = f.snapshot as { attachments: { fileId: string }[] };
      expect(snap.attachments.length, f.enterpriseName).toBeGreaterThan(0);
    }
    const stored = await t.ctx.db.select().from(files);
    for (const row of stored) expect(await t.ctx.storage.exists(row.storageKey)).toBe(true);
  });

  it('an enterprise’s filings agree on every fiscal year they both hold (last year’s approved vs this year’s)', async () => {
    const rows = await t.ctx.db
      .select({ f: filings, year: campaigns.year })
      .from(filings)
      .innerJoin(campaigns, eq(campaigns.id, filings.campaignId));
    const byEnterprise = new Map<string, { year: number; years: Record<string, unknown> }[]>();
    for (const { f, year: y } of rows) {
      const snap = f.snapshot as { sections: { operations?: { years?: Record<string, unknown> } } } | null;
      const years = snap?.sections.operations?.years;
      if (!years || f.kind === 'tech_sme') continue;
      byEnterprise.set(f.enterpriseId, [...(byEnterprise.get(f.enterpriseId) ?? []), { year: y, years }]);
    }
    let compared = 0;
    for (const list of byEnterprise.values()) {
      list.sort((a, b) => a.year - b.year);
      for (let i = 1; i < list.length; i++) {
        const [before, after] = [list[i - 1]!, list[i]!];
        const shared = Object.keys(after.years).filter((y) => y in before.years);
        expect(shared.length).toBeGreaterThan(0);
        for (const y of shared) {
          expect(after.years[y], `fiscal year ${y}`).toEqual(before.years[y]);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(15);
    // demo_qiye_ks2's returned update against its approved entry, as the enterprise sees them.
    const list = await get<{ items: { id: string; status: string }[] }>('demo_qiye_ks2', '/api/v1/filings');
    const returned = list.items.find((f) => f.status === 'returned')!;
    const d = await get<FilingDetail>('demo_qiye_ks2', `/api/v1/filings/${returned.id}`);
    const prevYears = (d.previous!.sections.operations as { years: Record<string, unknown> }).years;
    const nowYears = (d.sections.operations.data as { years: Record<string, unknown> }).years;
    for (const y of Object.keys(nowYears).filter((k) => k in prevYears)) {
      expect(nowYears[y]).toEqual(prevYears[y]);
    }
  });

  it('shows 南京 none of 苏州’s filings, but its own', async () => {
    const all = await get<QueueResponse>('nj_city', '/api/v1/review/queue?scope=all');
    expect(all.items.length).toBeGreaterThan(0);
    expect(all.items.every((i) => i.cityCode === '320100')).toBe(true);
    const sz = await t.ctx.db.select({ id: filings.id }).from(filings).where(eq(filings.cityCode, '320500'));
    expect(sz.length).toBeGreaterThan(5);
    const nj = await as('nj_city');
    for (const f of sz.slice(0, 5)) {
      expect((await nj.get(`/api/v1/review/filings/${f.id}`)).statusCode).toBe(404);
    }
    const [wjDemo] = await t.ctx.db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(eq(enterprises.name, '苏州吴江示范新材料有限公司'));
    expect((await nj.get(`/api/v1/review/enterprises/${wjDemo!.id}/record`)).statusCode).toBe(404);
  });
});
