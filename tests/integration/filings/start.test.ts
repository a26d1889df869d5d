import { eq } from 'drizzle-orm';
import { enterprises, filingHistory, filings } from '../../../src/server/db/schema';
import { ensureDefaultCampaign } from '../../../src/server/modules/campaigns/service';
import type { CurrentCampaignResponse, FilingDetail } from '../../../src/shared/schemas/filing-api';
import { reloginAll, setDbStatus } from '../../helpers/personas';
import { expectStatus, fillSample, setup, start, submit, uploadRequired, YEAR, type Fixture } from './flow';

let f: Fixture;
beforeAll(async () => {
  f = await setup();
});
afterAll(async () => {
  await f.t.close();
});

async function current(client = f.p.ksEnterprise.client): Promise<CurrentCampaignResponse> {
  const res = await client.get('/api/v1/campaigns/current');
  expectStatus(res, 200);
  return res.json() as CurrentCampaignResponse;
}

describe('the current campaign', () => {
  it('follows the 2023 notice: filing 02-20 to 03-24, county review by 03-28, city by 03-31, list by 04-15 (Asia/Shanghai)', async () => {
    const body = await current();
    expect(body.campaign).toMatchObject({
      year: 2023,
      fiscalYear: 2022,
      kindsOpen: ['entry', 'update'],
      standardId: 'innovative-sme-2022',
      filingOpen: true,
      filingOpensAt: new Date('2023-02-20T00:00:00+08:00').toISOString(),
      filingClosesAt: new Date('2023-03-24T23:59:59.999+08:00').toISOString(),
      countyReviewDeadline: new Date('2023-03-28T23:59:59.999+08:00').toISOString(),
      cityReviewDeadline: new Date('2023-03-31T23:59:59.999+08:00').toISOString(),
      listDeadline: new Date('2023-04-15T23:59:59.999+08:00').toISOString(),
    });
    expect(body.dbStatus).toBe('none');
  });

  it('ensureDefaultCampaign is idempotent per year', async () => {
    const a = await ensureDefaultCampaign(f.t.ctx, YEAR);
    const b = await ensureDefaultCampaign(f.t.ctx, YEAR);
    expect(a.id).toBe(b.id);
  });

  it('asks for a login', async () => {
    const res = await f.p.anonymous.get('/api/v1/campaigns/current');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('tells a reviewer that only enterprises file', async () => {
    const body = await current(f.p.ksCounty.client);
    expect(body.canStart.entry).toEqual({ allowed: false, reason: '仅企业用户可以填报。' });
  });
});

describe('starting a filing', () => {
  it('新增入库 is open to an enterprise not in the database; 数据更新 is not', async () => {
    const body = await current(f.p.wjEnterprise.client);
    expect(body.canStart.entry).toEqual({ allowed: true, reason: null });
    expect(body.canStart.update.allowed).toBe(false);
    expect(body.canStart.update.reason).toContain('新增入库');
    expect(body.canStart.rereview.allowed).toBe(false);

    const refused = await f.p.wjEnterprise.client.post('/api/v1/filings', { kind: 'update' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('INVALID_STATE');
    expect(refused.json().message).toContain('尚未入库');
  });

  it('prefills 新增入库 from the account: enterprise name, credit code, contact', async () => {
    const detail = await start(f.p.wjEnterprise.client, 'entry');
    expect(detail).toMatchObject({
      kind: 'entry',
      kindLabel: '新增入库',
      status: 'draft',
      statusLabel: '草稿',
      campaignYear: 2023,
    });
    const basic = detail.sections.basic.data as Record<string, unknown>;
    expect(basic['enterpriseName']).toBe('苏州吴江测试新材料有限公司');
    expect(basic['uscc']).toBe(f.p.wjEnterprise && (await enterpriseUscc(f.p.wjEnterprise.enterpriseId!)));
    expect(basic['contact']).toMatchObject({ name: '陈晓燕' });
    expect(detail.sections.basic.complete).toBe(false);
    expect(detail.editableSections).toEqual([
      'basic',
      'products',
      'operations',
      'innovation',
      'recognitions',
      'attachments',
    ]);
    expect(detail.allowedActions).toEqual(['save', 'submit']);
    expect(detail.previous).toBeNull();
    expect(detail.submission).toBeNull();
    const history = await f.t.ctx.db
      .select()
      .from(filingHistory)
      .where(eq(filingHistory.filingId, detail.id));
    expect(history.map((h) => h.action)).toEqual(['create']);
  });

  it('allows one filing of a kind per enterprise per campaign', async () => {
    const body = await current(f.p.wjEnterprise.client);
    expect(body.canStart.entry.allowed).toBe(false);
    expect(body.canStart.entry.reason).toContain('本批次已有一份“新增入库”填报');
    const again = await f.p.wjEnterprise.client.post('/api/v1/filings', { kind: 'entry' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('本批次已有一份“新增入库”填报');
    const rows = await f.t.ctx.db
      .select()
      .from(filings)
      .where(eq(filings.enterpriseId, f.p.wjEnterprise.enterpriseId!));
    expect(rows).toHaveLength(1);
    const list = await f.p.wjEnterprise.client.get('/api/v1/filings');
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).toMatchObject({
      kind: 'entry',
      status: 'draft',
      reviewingDepartment: '苏州市吴江区工信部门',
    });
  });

  it('refuses a reviewer starting a filing, and an unknown kind', async () => {
    const res = await f.p.ksCounty.client.post('/api/v1/filings', { kind: 'entry' });
    expect(res.statusCode).toBe(403);
    const bad = await f.p.ksEnterprise.client.post('/api/v1/filings', { kind: 'nonsense' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
  });

  it('数据更新 needs the enterprise in the database and prefills from the last APPROVED filing', async () => {
    const ks = f.p.ksEnterprise;
    // Last year: a 新增入库 in the 2022 campaign, submitted and (standing in for the review module) approved.
    await ensureDefaultCampaign(f.t.ctx, 2022);
    f.t.clock.set('2022-03-01T10:00:00+08:00');
    await reloginAll(f.t, f.p);
    const last = await start(ks.client, 'entry');
    expect(last.campaignYear).toBe(2022);
    await fillSample(ks.client, last, 2022);
    await uploadRequired(ks.client, last.id, 2022);
    expectStatus(await submit(ks.client, last.id), 200);
    await f.t.ctx.db.update(filings).set({ status: 'approved' }).where(eq(filings.id, last.id));
    await setDbStatus(f.t, ks.enterpriseId!, 'in_db');

    f.t.clock.set('2023-03-02T10:00:00+08:00');
    await reloginAll(f.t, f.p);
    const body = await current(ks.client);
    expect(body.dbStatus).toBe('in_db');
    expect(body.canStart.update).toEqual({ allowed: true, reason: null });
    expect(body.canStart.entry.allowed).toBe(false);
    expect(body.canStart.entry.reason).toContain('数据更新');

    const update: FilingDetail = await start(ks.client, 'update');
    expect(update.kindLabel).toBe('数据更新');
    expect(update.previous).toMatchObject({ filingId: last.id, campaignYear: 2022 });
    const basic = update.sections.basic.data as Record<string, unknown>;
    expect(basic['countyCode']).toBe('320583');
    expect(basic['industryCode']).toBe('C3421');
    const years = (update.sections.operations.data as { years: Record<string, Record<string, unknown>> })
      .years;
    // 2022's filing reported 2019–2021; 2023's reports 2020–2022: the shared years are carried over, 2022 is new.
    expect(years['2021']?.['operatingRevenue']).toBe('8650.00');
    expect(years['2022']?.['operatingRevenue']).toBe('');
    expect(update.sections.attachments.complete).toBe(false);
  });

  it("no 数据更新 in the campaign whose 新增入库 was approved: its figures are this year's already", async () => {
    const wj = f.p.wjEnterprise;
    const [entry] = await f.t.ctx.db.select().from(filings).where(eq(filings.enterpriseId, wj.enterpriseId!));
    await f.t.ctx.db.update(filings).set({ status: 'approved' }).where(eq(filings.id, entry!.id));
    await setDbStatus(f.t, wj.enterpriseId!, 'in_db');
    const body = await current(wj.client);
    expect(body.dbStatus).toBe('in_db');
    expect(body.canStart.update.allowed).toBe(false);
    expect(body.canStart.update.reason).toContain('本批次的“新增入库”已审核通过');
    const res = await wj.client.post('/api/v1/filings', { kind: 'update' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('无需再做数据更新');
    const rows = await f.t.ctx.db.select().from(filings).where(eq(filings.enterpriseId, wj.enterpriseId!));
    expect(rows).toHaveLength(1);
  });
});

async function enterpriseUscc(id: string): Promise<string> {
  const [row] = await f.t.ctx.db
    .select({ uscc: enterprises.uscc })
    .from(enterprises)
    .where(eq(enterprises.id, id));
  return row!.uscc;
}
