import { and, eq } from 'drizzle-orm';
import {
  filingAttachments,
  filingHistory,
  filings,
  filingSections,
  files,
} from '../../../src/server/db/schema';
import { sampleSections } from '../../../src/shared/filing/fixtures';
import type { FilingDetail, HistoryItem } from '../../../src/shared/schemas/filing-api';
import { realPdf, uploadAttachment } from '../../helpers/files';
import { createEnterprise, loginAs, reloginAll, usccIn } from '../../helpers/personas';
import {
  countyReturn,
  expectStatus,
  getFiling,
  IN_WINDOW,
  readyFiling,
  saveSection,
  setup,
  start,
  submit,
  submittedFiling,
  YEAR,
  type Fixture,
} from './flow';

let f: Fixture;
beforeAll(async () => {
  f = await setup();
});
afterAll(async () => {
  await f.t.close();
});

const sample = sampleSections({ campaignYear: YEAR });

async function at(time: string) {
  f.t.clock.set(time);
  await reloginAll(f.t, f.p);
}

async function history(id: string): Promise<HistoryItem[]> {
  const res = await f.p.ksEnterprise.client.get(`/api/v1/filings/${id}/history`);
  expectStatus(res, 200);
  return res.json().items as HistoryItem[];
}

describe('the filing window', () => {
  afterEach(async () => {
    await at(IN_WINDOW);
  });

  it('refuses to start before the window opens, giving the dates', async () => {
    await at('2023-02-19T23:59:00+08:00');
    const current = await f.p.wjEnterprise.client.get('/api/v1/campaigns/current');
    expect(current.json().campaign.filingOpen).toBe(false);
    expect(current.json().canStart.entry.reason).toContain('尚未开始');
    const res = await f.p.wjEnterprise.client.post('/api/v1/filings', { kind: 'entry' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('WINDOW_CLOSED');
    expect(res.json().message).toContain('2023年2月20日至2023年3月24日');
    const rows = await f.t.ctx.db
      .select()
      .from(filings)
      .where(eq(filings.enterpriseId, f.p.wjEnterprise.enterpriseId!));
    expect(rows).toHaveLength(0);
  });

  it('refuses save, upload and submit of a draft after the window closed, and changes nothing', async () => {
    const e = await createEnterprise(f.t, {
      name: '昆山窗口测试有限公司',
      uscc: usccIn('320583', 300),
      countyCode: '320583',
      cityCode: '320500',
    });
    const d = await start(e.client, 'entry');
    // The last minute of 03-24 is still inside the window.
    f.t.clock.set('2023-03-24T23:59:00+08:00');
    await loginAs(f.t, e.userId, e.client);
    expectStatus(await saveSection(e.client, d.id, 'basic', sample.basic, 0), 200);

    f.t.clock.set('2023-03-25T00:00:01+08:00');
    await loginAs(f.t, e.userId, e.client);
    const save = await saveSection(e.client, d.id, 'products', sample.products, 0);
    expect(save.statusCode).toBe(409);
    expect(save.json().code).toBe('WINDOW_CLOSED');
    expect(save.json().message).toContain('2023年3月24日');
    const upload = await uploadAttachment(e.client, d.id, 'businessLicense', {
      filename: 'licence.pdf',
      contentType: 'application/pdf',
      data: await realPdf(),
    });
    expect(upload.statusCode).toBe(409);
    expect(upload.json().code).toBe('WINDOW_CLOSED');
    const sub = await submit(e.client, d.id, {
      pendingSections: [{ section: 'products', data: sample.products, baseVersion: 0 }],
    });
    expect(sub.statusCode).toBe(409);
    expect(sub.json().code).toBe('WINDOW_CLOSED');

    const detail = await getFiling(e.client, d.id);
    expect(detail.status).toBe('draft');
    expect(detail.allowedActions).toEqual([]);
    expect(detail.sections.products.version).toBe(0);
    expect(detail.sections.basic.version).toBe(1);
    expect(detail.attachments).toHaveLength(0);
    const fileRows = await f.t.ctx.db.select().from(files).where(eq(files.enterpriseId, e.enterpriseId!));
    expect(fileRows).toHaveLength(0);
  });
});

describe('withdrawing', () => {
  it('is refused for a draft', async () => {
    const e = await createEnterprise(f.t, {
      name: '昆山撤回测试有限公司',
      uscc: usccIn('320583', 301),
      countyCode: '320583',
      cityCode: '320500',
    });
    const d = await start(e.client, 'entry');
    const res = await e.client.post(`/api/v1/filings/${d.id}/withdraw`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('INVALID_STATE');
  });

  it('is allowed in county review before the county acts, with the reason in the history; refused afterwards', async () => {
    const d = await submittedFiling(f);
    const res = await f.p.ksEnterprise.client.post(`/api/v1/filings/${d.id}/withdraw`, {
      reason: '发现经营数据填错',
    });
    expectStatus(res, 200);
    const detail = res.json() as FilingDetail;
    expect(detail.status).toBe('withdrawn');
    expect(detail.statusLabel).toBe('已撤回');
    expect(detail.allowedActions).toEqual(['save', 'submit', 'document']);
    expect(detail.editableSections).toHaveLength(6);
    const items = await history(d.id);
    expect(items.at(-1)).toMatchObject({
      action: 'withdraw',
      actionLabel: '撤回',
      level: 'enterprise',
      levelLabel: '企业',
      fromStatus: 'county_review',
      toStatus: 'withdrawn',
      reason: '发现经营数据填错',
    });
    const again = await f.p.ksEnterprise.client.post(`/api/v1/filings/${d.id}/withdraw`, {});
    expect(again.statusCode).toBe(409);
    // Withdrawing is a way to correct the filing: it can be submitted again and goes back to the county.
    const sub = await submit(f.p.ksEnterprise.client, d.id);
    expectStatus(sub, 200);
    expect((sub.json() as FilingDetail).status).toBe('county_review');
    expect((await history(d.id)).at(-1)).toMatchObject({
      fromStatus: 'withdrawn',
      toStatus: 'county_review',
    });
  });
});

describe('return (test hook) and resubmission', () => {
  let d: FilingDetail;
  const wjEnterprise = () => f.p.wjEnterprise;

  beforeAll(async () => {
    // The 昆山 enterprise's entry was withdrawn above; file a fresh one for a second enterprise of 昆山.
    const e = await createEnterprise(f.t, {
      name: '昆山退回测试有限公司',
      uscc: usccIn('320583', 302),
      countyCode: '320583',
      cityCode: '320500',
    });
    f.p.ksEnterprise = e;
    d = await submittedFiling(f);
  });

  it('refuses withdrawal once the county has acted', async () => {
    const [sub] = await f.t.ctx.db
      .select()
      .from(filingHistory)
      .where(and(eq(filingHistory.filingId, d.id), eq(filingHistory.action, 'submit')));
    await f.t.ctx.db.insert(filingHistory).values({
      filingId: d.id,
      at: new Date(sub!.at.getTime() + 60_000),
      action: 'transfer',
      level: 'county',
      actorName: '昆山市工信局审核员',
      fromStatus: 'county_review',
      toStatus: 'county_review',
    });
    const detail = await getFiling(f.p.ksEnterprise.client, d.id);
    expect(detail.allowedActions).toEqual(['document']);
    const res = await f.p.ksEnterprise.client.post(`/api/v1/filings/${d.id}/withdraw`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('县区工信部门已开始处理');
    expect((await getFiling(f.p.ksEnterprise.client, d.id)).status).toBe('county_review');
  });

  it('returns with the marked sections only editable; the others are refused', async () => {
    await countyReturn(f.p.ksCounty.client, d.id, '研发费用与审计报告不一致', [
      { section: 'operations', fields: { 'years.2022.rdExpense': '请与审计报告核对研发费用' } },
    ]);
    const detail = await getFiling(f.p.ksEnterprise.client, d.id);
    expect(detail.status).toBe('returned');
    expect(detail.returnInfo).toMatchObject({
      reason: '研发费用与审计报告不一致',
      level: 'county',
      sections: [{ section: 'operations', fields: { 'years.2022.rdExpense': '请与审计报告核对研发费用' } }],
    });
    expect(detail.editableSections).toEqual(['operations']);
    expect(detail.allowedActions).toEqual(['save', 'submit', 'document']);
    const items = await history(d.id);
    expect(items.at(-1)).toMatchObject({
      action: 'county_return',
      actionLabel: '县区退回企业修改',
      level: 'county',
      toStatus: 'returned',
    });

    const basic = await saveSection(
      f.p.ksEnterprise.client,
      d.id,
      'basic',
      sample.basic,
      detail.sections.basic.version,
    );
    expect(basic.statusCode).toBe(409);
    expect(basic.json().code).toBe('INVALID_STATE');
    expect(basic.json().message).toContain('经营情况');
    const upload = await uploadAttachment(f.p.ksEnterprise.client, d.id, 'other', {
      filename: 'x.pdf',
      contentType: 'application/pdf',
      data: await realPdf(),
    });
    expect(upload.statusCode).toBe(409);
    const [row] = await f.t.ctx.db
      .select()
      .from(filingSections)
      .where(and(eq(filingSections.filingId, d.id), eq(filingSections.section, 'basic')));
    expect(row!.version).toBe(detail.sections.basic.version);
  });

  it('resubmits: back to county review, history "resubmit" with the previous sections for a diff, return info kept', async () => {
    const detail = await getFiling(f.p.ksEnterprise.client, d.id);
    const ops = structuredClone(sample.operations) as { years: Record<string, Record<string, unknown>> };
    ops.years['2022']!['rdExpense'] = '395.00';
    const res = await submit(f.p.ksEnterprise.client, d.id, {
      pendingSections: [
        { section: 'operations', data: ops, baseVersion: detail.sections.operations.version },
      ],
    });
    expectStatus(res, 200);
    const after = res.json() as FilingDetail;
    expect(after.status).toBe('county_review');
    expect(after.returnInfo?.reason).toBe('研发费用与审计报告不一致');
    expect(after.submission!.verificationCode).not.toBe(d.submission!.verificationCode);
    const items = await history(d.id);
    expect(items.at(-1)).toMatchObject({
      action: 'resubmit',
      actionLabel: '退回后重新提交',
      fromStatus: 'returned',
      toStatus: 'county_review',
    });
    const [h] = await f.t.ctx.db
      .select()
      .from(filingHistory)
      .where(and(eq(filingHistory.filingId, d.id), eq(filingHistory.action, 'resubmit')));
    const details = h!.details as { changedSections: string[]; previousSections: Record<string, unknown> };
    expect(details.changedSections).toEqual(['operations']);
    const prevOps = details.previousSections['operations'] as {
      years: Record<string, Record<string, unknown>>;
    };
    expect(prevOps.years['2022']!['rdExpense']).toBe('389.25');
    // Once more in county review and the county has not acted since: withdrawal is possible again.
    expect(after.allowedActions).toEqual(['withdraw', 'document']);
  });

  it('keeps the attachments of a filing unchanged by a refused upload', async () => {
    const count = await f.t.ctx.db
      .select()
      .from(filingAttachments)
      .where(eq(filingAttachments.filingId, d.id));
    const upload = await uploadAttachment(wjEnterprise().client, d.id, 'other', {
      filename: 'x.pdf',
      contentType: 'application/pdf',
      data: await realPdf(),
    });
    expect(upload.statusCode).toBe(404);
    const again = await f.t.ctx.db
      .select()
      .from(filingAttachments)
      .where(eq(filingAttachments.filingId, d.id));
    expect(again).toHaveLength(count.length);
  });
});

describe('a county return', () => {
  it("is only for submitted filings: a draft is not the county's to return", async () => {
    const ready = await readyFiling({
      t: f.t,
      p: {
        ...f.p,
        ksEnterprise: await createEnterprise(f.t, {
          name: '昆山草稿退回测试有限公司',
          uscc: usccIn('320583', 303),
          countyCode: '320583',
          cityCode: '320500',
        }),
      },
    });
    const res = await f.p.ksCounty.client.post(`/api/v1/review/filings/${ready.id}/actions`, {
      action: 'county_return',
      reason: '测试退回',
      expectedStatusVersion: 0,
      returnSections: [{ section: 'basic', fields: {} }],
    });
    expect(res.statusCode).toBe(404);
    expect((await f.t.ctx.db.select().from(filings).where(eq(filings.id, ready.id)))[0]!.status).toBe(
      'draft',
    );
  });
});
