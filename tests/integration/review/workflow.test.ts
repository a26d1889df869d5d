import { eq } from 'drizzle-orm';
import { auditEvents, campaignExtensions, enterprises, filingSections } from '../../../src/server/db/schema';
import type { FilingDetail } from '../../../src/shared/schemas/filing-api';
import { loginAs } from '../../helpers/personas';
import { getFiling, saveSection, submit, submittedFiling } from '../filings/flow';
import {
  act,
  actOk,
  campaignOf,
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
beforeAll(async () => {
  f = await setupReview();
});
afterAll(async () => {
  await f.t.close();
});

const KS = '320583';
const WJ = '320509';

async function ksFiling(status: 'county_review' | 'city_review' = 'county_review') {
  const e = await newEnterprise(f.t, KS);
  const row = await insertSubmitted(f.t, { enterprise: e, countyCode: KS, status });
  return { e, row };
}

describe('the state machine', () => {
  it('county approve → city approve: approved, the enterprise enters the database, history, audit and jobs', async () => {
    const { e, row } = await ksFiling();
    const d0 = await detail(f.p.ksCounty.client, row.id);
    expect(d0.allowedActions).toEqual(['county_approve', 'county_return', 'refuse', 'transfer']);
    const a1 = await actOk(f.p.ksCounty.client, row.id, {
      action: 'county_approve',
      expectedStatusVersion: d0.statusVersion,
    });
    expect(a1).toMatchObject({
      status: 'city_review',
      statusLabel: '待设区市审核',
      statusVersion: d0.statusVersion + 1,
    });
    expect(a1.allowedActions).toEqual([]);
    expect((await filingRow(f.t, row.id)).cityViewedAt).toBeNull();

    const d1 = await detail(f.p.szCity.client, row.id);
    expect(d1.allowedActions).toEqual(['city_approve', 'city_return', 'city_return_to_county', 'refuse']);
    const a2 = await actOk(f.p.szCity.client, row.id, {
      action: 'city_approve',
      expectedStatusVersion: d1.statusVersion,
    });
    expect(a2.status).toBe('approved');

    const [ent] = await f.t.ctx.db.select().from(enterprises).where(eq(enterprises.id, e.enterpriseId!));
    expect(ent).toMatchObject({ dbStatus: 'in_db', countyCode: KS, cityCode: '320500' });

    const history = await historyOf(f.t, row.id);
    expect(history.map((h) => [h.action, h.level, h.fromStatus, h.toStatus])).toEqual([
      ['submit', 'enterprise', 'draft', 'county_review'],
      ['county_approve', 'county', 'county_review', 'city_review'],
      ['city_approve', 'city', 'city_review', 'approved'],
    ]);
    expect(history[1]!.actorUserId).toBe(f.p.ksCounty.userId);
    expect(history[2]!.actorName).toBe('苏州市工信局审核员');

    const jobs = await jobsOf(f.t, row.id);
    expect(jobs.map((j) => [j.payload, j.dedupeKey])).toEqual([
      [{ filingId: row.id, event: 'county_approve', historyId: history[1]!.id }, `notify:${history[1]!.id}`],
      [{ filingId: row.id, event: 'city_approve', historyId: history[2]!.id }, `notify:${history[2]!.id}`],
    ]);
    expect(jobs[0]!.runAt.toISOString()).toBe(f.t.clock.now().toISOString());

    const audits = await f.t.ctx.db.select().from(auditEvents).where(eq(auditEvents.targetId, row.id));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['filing.view', 'filing.review.county_approve', 'filing.review.city_approve']),
    );
    const view = audits.find((a) => a.action === 'filing.view')!;
    expect(view).toMatchObject({ userId: f.p.ksCounty.userId, ip: '127.0.0.1', userAgent: 'vitest' });
  });

  it('county return with marked fields → the enterprise edits only those → resubmits → the county sees what changed → approves', async () => {
    const submitted = await submittedFiling(f);
    const id = submitted.id;
    const d0 = await detail(f.p.ksCounty.client, id);
    expect(d0.attachments.length).toBeGreaterThan(0);
    expect(d0.attachments[0]!.url).toBe(`/api/v1/files/${d0.attachments[0]!.fileId}`);
    const preview = await f.p.ksCounty.client.get(d0.attachments[0]!.url);
    expect(preview.statusCode).toBe(200);
    expect(d0.assessment.standardId).toBe('innovative-sme-2022');
    expect(d0.resubmission).toBeNull();

    const ret = await actOk(f.p.ksCounty.client, id, {
      action: 'county_return',
      reason: '2022 年度研发费用与审计报告不一致',
      expectedStatusVersion: d0.statusVersion,
      returnSections: [
        { section: 'operations', fields: { 'years.2022.rdExpense': '请按审计报告填写研发费用' } },
      ],
    });
    expect(ret.status).toBe('returned');

    const client = f.p.ksEnterprise.client;
    const mine: FilingDetail = await getFiling(client, id);
    expect(mine.status).toBe('returned');
    expect(mine.editableSections).toEqual(['operations']);
    expect(mine.returnInfo).toMatchObject({
      reason: '2022 年度研发费用与审计报告不一致',
      level: 'county',
      sections: [{ section: 'operations', fields: { 'years.2022.rdExpense': '请按审计报告填写研发费用' } }],
    });

    const basicSave = await saveSection(
      client,
      id,
      'basic',
      mine.sections.basic.data,
      mine.sections.basic.version,
    );
    expectStatus(basicSave, 409);
    expect(basicSave.json().message).toContain('不在退回修改的范围内');

    const ops = structuredClone(mine.sections.operations.data) as {
      years: Record<string, Record<string, unknown>>;
    };
    ops.years['2022']!['rdExpense'] = '400.00';
    expectStatus(await saveSection(client, id, 'operations', ops, mine.sections.operations.version), 200);
    expectStatus(await submit(client, id), 200);

    const d1 = await detail(f.p.ksCounty.client, id);
    expect(d1.status).toBe('county_review');
    expect(d1.firstView).toBe(true);
    expect(d1.resubmission).not.toBeNull();
    expect(d1.resubmission!.changedSections).toEqual(['operations']);
    expect(d1.resubmission!.fields).toEqual([
      {
        section: 'operations',
        path: 'years.2022.rdExpense',
        label: '经营情况：2022 年度研发费用',
        previous: '389.25',
        current: '400.00',
        changed: true,
      },
    ]);
    expect(d1.resubmission!.returnInfo?.reason).toBe('2022 年度研发费用与审计报告不一致');
    expect(d1.history.map((h) => h.action)).toEqual(['create', 'submit', 'county_return', 'resubmit']);
    expect(d1.history[2]!.actionLabel).toBe('县区退回企业修改');

    const ok = await actOk(f.p.ksCounty.client, id, {
      action: 'county_approve',
      expectedStatusVersion: d1.statusVersion,
    });
    expect(ok.status).toBe('city_review');
  });

  it('city returns to the enterprise: returned, the return info names the city', async () => {
    const { row } = await ksFiling('city_review');
    const r = await actOk(f.p.szCity.client, row.id, {
      action: 'city_return',
      reason: '主导产品信息不完整',
      expectedStatusVersion: row.statusVersion,
      returnSections: [{ section: 'products', fields: {} }],
    });
    expect(r.status).toBe('returned');
    const after = await filingRow(f.t, row.id);
    expect(after.returnInfo).toMatchObject({ reason: '主导产品信息不完整', level: 'city', to: 'enterprise' });
    expect(after.countyViewedAt).toBeNull();
    expect((await jobsOf(f.t, row.id)).map((j) => (j.payload as { event: string }).event)).toEqual([
      'city_return',
    ]);
  });

  it('city returns to the county: back in county review, unviewed by the county, with the city’s note', async () => {
    const { e, row } = await ksFiling();
    const c = await actOk(f.p.ksCounty.client, row.id, {
      action: 'county_approve',
      expectedStatusVersion: 1,
    });
    await detail(f.p.ksCounty.client, row.id); // a county view while at the city does not mark anything
    const r = await actOk(f.p.szCity.client, row.id, {
      action: 'city_return_to_county',
      reason: '请县区核实研发费用',
      expectedStatusVersion: c.statusVersion,
    });
    expect(r.status).toBe('county_review');
    const after = await filingRow(f.t, row.id);
    expect(after.countyViewedAt).toBeNull();
    expect(after.returnInfo).toMatchObject({ reason: '请县区核实研发费用', level: 'city', to: 'county' });
    const q = await f.p.ksCounty.client.get('/api/v1/review/queue?limit=100');
    const item = (q.json().items as { id: string; unviewed: boolean }[]).find((i) => i.id === row.id);
    expect(item?.unviewed).toBe(true);
    // The city's note is for the county, not for the enterprise.
    const own = await e.client.get(`/api/v1/filings/${row.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().returnInfo).toBeNull();
  });

  it('the city’s 退回县区 marks fields like a return to the enterprise; the county’s review page carries the marks', async () => {
    const { e, row } = await ksFiling();
    await actOk(f.p.ksCounty.client, row.id, { action: 'county_approve', expectedStatusVersion: 1 });
    const field = 'contact.mobile';
    await actOk(f.p.szCity.client, row.id, {
      action: 'city_return_to_county',
      reason: '请县区核实联系人手机与研发投入',
      returnSections: [
        { section: 'basic', fields: { [field]: '与营业执照登记电话不一致，请核实' } },
        { section: 'innovation', fields: {} },
      ],
      expectedStatusVersion: 2,
    });
    const d = await detail(f.p.ksCounty.client, row.id);
    expect(d.status).toBe('county_review');
    expect(d.returnInfo).toEqual({
      reason: '请县区核实联系人手机与研发投入',
      level: 'city',
      at: expect.any(String),
      to: 'county',
      sections: [
        { section: 'basic', fields: { [field]: '与营业执照登记电话不一致，请核实' } },
        { section: 'innovation', fields: {} },
      ],
    });
    expect(d.history.at(-1)).toMatchObject({
      action: 'city_return_to_county',
      details: { to: 'county', returnSections: d.returnInfo!.sections },
    });
    // The enterprise sees none of it, and may edit nothing: the filing is with the county.
    const own = (await e.client.get(`/api/v1/filings/${row.id}`)).json();
    expect(own.returnInfo).toBeNull();
    expect(own.editableSections).toEqual([]);
  });

  it('refuse at the county and at the city: final, no further action', async () => {
    const a = await ksFiling();
    const r1 = await actOk(f.p.ksCounty.client, a.row.id, {
      action: 'refuse',
      reason: '不属于中小企业',
      expectedStatusVersion: 1,
    });
    expect(r1).toMatchObject({ status: 'refused', allowedActions: [] });
    const again = await act(f.p.ksCounty.client, a.row.id, {
      action: 'county_approve',
      expectedStatusVersion: 2,
    });
    expectStatus(again, 409);
    expect(again.json().code).toBe('INVALID_STATE');

    const b = await ksFiling('city_review');
    const r2 = await actOk(f.p.szCity.client, b.row.id, {
      action: 'refuse',
      reason: '材料不实',
      expectedStatusVersion: 1,
    });
    expect(r2.status).toBe('refused');
    expect((await historyOf(f.t, b.row.id)).at(-1)).toMatchObject({
      action: 'refuse',
      level: 'city',
      reason: '材料不实',
    });
  });

  it('a county transfers within its city: the filing, the enterprise and its 基本情况 move; the old county loses it', async () => {
    const { e, row } = await ksFiling();
    const r = await actOk(f.p.ksCounty.client, row.id, {
      action: 'transfer',
      reason: '企业注册地在吴江区',
      toCountyCode: WJ,
      expectedStatusVersion: 1,
    });
    expect(r).toMatchObject({ status: 'county_review', countyCode: WJ, cityCode: '320500' });
    expectStatus(await f.p.ksCounty.client.get(`/api/v1/review/filings/${row.id}`), 404);
    const d = await detail(f.p.wjCounty.client, row.id);
    expect(d.regionName).toBe('苏州市吴江区');
    expect(d.firstView).toBe(true);
    expect(d.history.at(-1)).toMatchObject({
      action: 'transfer',
      details: { fromCountyCode: KS, toCountyCode: WJ },
      reason: '企业注册地在吴江区',
    });
    const [ent] = await f.t.ctx.db.select().from(enterprises).where(eq(enterprises.id, e.enterpriseId!));
    expect(ent).toMatchObject({ countyCode: WJ, cityCode: '320500' });
    const sections = await f.t.ctx.db
      .select()
      .from(filingSections)
      .where(eq(filingSections.filingId, row.id));
    const basic = sections.find((s) => s.section === 'basic')!;
    expect(basic.data).toMatchObject({ countyCode: WJ, cityCode: '320500' });
    expect(basic.version).toBe(2);
  });

  it('a county cannot transfer to another city; the province can', async () => {
    const { row } = await ksFiling();
    const denied = await act(f.p.ksCounty.client, row.id, {
      action: 'transfer',
      reason: '企业注册地在南京',
      toCountyCode: '320106',
      expectedStatusVersion: 1,
    });
    expectStatus(denied, 403);
    expect(denied.json().fieldErrors.toCountyCode).toContain('苏州市');
    const city = await act(f.p.szCity.client, row.id, {
      action: 'transfer',
      reason: '企业注册地在南京',
      toCountyCode: '320106',
      expectedStatusVersion: 1,
    });
    expectStatus(city, 403);
    const ok = await actOk(f.p.province.client, row.id, {
      action: 'transfer',
      reason: '企业注册地在南京市鼓楼区',
      toCountyCode: '320106',
      expectedStatusVersion: 1,
    });
    expect(ok).toMatchObject({ countyCode: '320106', cityCode: '320100' });
    expect((await historyOf(f.t, row.id)).at(-1)).toMatchObject({ action: 'transfer', level: 'province' });
    expect((await detail(f.njCity.client, row.id)).status).toBe('county_review');
  });

  it('a reason is required to return, refuse and transfer (Chinese message on the reason field)', async () => {
    const { row } = await ksFiling();
    for (const action of ['county_return', 'refuse', 'transfer'] as const) {
      const res = await act(f.p.ksCounty.client, row.id, {
        action,
        reason: ' ',
        expectedStatusVersion: 1,
        ...(action === 'transfer' ? { toCountyCode: WJ } : {}),
      });
      expectStatus(res, 400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().fieldErrors.reason).toMatch(/^请填写/);
      // The reason code beside the envelope (ADR 0033): a client need not read the Chinese.
      expect(res.headers['x-error-reason']).toBe('REASON_REQUIRED');
      expect(res.json().message).toBe(res.json().fieldErrors.reason);
      if (action === 'county_return') {
        expect(res.json().message).toBe('请填写退回原因（至少 2 个字），企业将看到该原因');
      }
    }
    const badField = await act(f.p.ksCounty.client, row.id, {
      action: 'county_return',
      reason: '请修改',
      expectedStatusVersion: 1,
      returnSections: [{ section: 'operations', fields: { 'years.2022.nonsense': '?' } }],
    });
    expectStatus(badField, 400);
    expect(Object.keys(badField.json().fieldErrors)).toEqual(['returnSections.0.fields.years.2022.nonsense']);
    expect((await filingRow(f.t, row.id)).statusVersion).toBe(1);
    expect(await jobsOf(f.t, row.id)).toEqual([]);
  });

  it('the review deadline: refused after it with the date named; an extension for the county lets it through', async () => {
    const { row } = await ksFiling();
    const campaign = await campaignOf(f.t);
    const saved = f.t.clock.now();
    try {
      f.t.clock.set('2023-03-29T10:00:00+08:00');
      // Sessions idle for weeks have expired: log in afresh at the new time.
      const county = await loginAs(f.t, f.p.ksCounty.userId);
      const city = await loginAs(f.t, f.p.szCity.userId);
      const late = await act(county, row.id, { action: 'county_approve', expectedStatusVersion: 1 });
      expectStatus(late, 409);
      expect(late.json().code).toBe('WINDOW_CLOSED');
      expect(late.json().message).toContain('县区审核截止时间（2023年3月28日）已过');
      expect(late.headers['x-error-reason']).toBe('REVIEW_DEADLINE_PASSED');
      const d = await detail(county, row.id);
      expect(d.deadline).toMatchObject({
        level: 'county',
        label: '2023年3月28日',
        passed: true,
        extended: false,
      });

      // An extension for another county changes nothing; one for 昆山 does.
      await f.t.ctx.db.insert(campaignExtensions).values({
        campaignId: campaign.id,
        regionCode: WJ,
        level: 'county',
        deadline: new Date('2023-04-10T23:59:59+08:00'),
        reason: '吴江区延期',
      });
      expectStatus(await act(county, row.id, { action: 'county_approve', expectedStatusVersion: 1 }), 409);
      await f.t.ctx.db.insert(campaignExtensions).values({
        campaignId: campaign.id,
        regionCode: KS,
        level: 'county',
        deadline: new Date('2023-04-10T23:59:59+08:00'),
        reason: '昆山市申请延期',
      });
      const ok = await actOk(county, row.id, { action: 'county_approve', expectedStatusVersion: 1 });
      expect(ok.status).toBe('city_review');
      // The city deadline (03-31) has not passed yet on 03-29.
      expect((await detail(city, row.id)).deadline).toMatchObject({ level: 'city', passed: false });
    } finally {
      f.t.clock.set(saved);
    }
  });

  it('concurrent approvals of one filing: exactly one 200 and one 409, one history row', async () => {
    const { row } = await ksFiling();
    const [a, b] = await Promise.all([
      act(f.p.ksCounty.client, row.id, { action: 'county_approve', expectedStatusVersion: 1 }),
      act(f.ksCounty2.client, row.id, { action: 'county_approve', expectedStatusVersion: 1 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json()).toMatchObject({
      code: 'CONFLICT',
      message: '该申报已被他人处理，请刷新查看最新状态',
    });
    const approvals = (await historyOf(f.t, row.id)).filter((h) => h.action === 'county_approve');
    expect(approvals).toHaveLength(1);
    expect(await jobsOf(f.t, row.id)).toHaveLength(1);
    expect((await filingRow(f.t, row.id)).statusVersion).toBe(2);
  });

  it('an idempotent repeat by the same reviewer answers 200 with the current state and writes nothing', async () => {
    const { row } = await ksFiling();
    const first = await actOk(f.p.ksCounty.client, row.id, {
      action: 'county_approve',
      expectedStatusVersion: 1,
    });
    const repeat = await actOk(f.p.ksCounty.client, row.id, {
      action: 'county_approve',
      expectedStatusVersion: 1,
    });
    expect(repeat).toMatchObject({
      status: 'city_review',
      statusVersion: 2,
      repeated: true,
      historyId: first.historyId,
    });
    expect((await historyOf(f.t, row.id)).filter((h) => h.action === 'county_approve')).toHaveLength(1);
    expect(await jobsOf(f.t, row.id)).toHaveLength(1);
    // Another reviewer with the stale version is told someone else handled it.
    const other = await act(f.ksCounty2.client, row.id, {
      action: 'county_approve',
      expectedStatusVersion: 1,
    });
    expectStatus(other, 409);
    // Two versions behind is a conflict, not a repeat.
    const city = await actOk(f.p.szCity.client, row.id, { action: 'city_approve', expectedStatusVersion: 2 });
    expect(city.statusVersion).toBe(3);
    expectStatus(
      await act(f.p.ksCounty.client, row.id, { action: 'county_approve', expectedStatusVersion: 1 }),
      409,
    );
  });

  it('batch approval: per-item results; the valid ones approved, the others untouched', async () => {
    const good1 = await ksFiling();
    const good2 = await ksFiling();
    const atCity = await ksFiling('city_review');
    const wjE = await newEnterprise(f.t, WJ);
    const wj = await insertSubmitted(f.t, { enterprise: wjE, countyCode: WJ });
    const res = await f.p.ksCounty.client.post('/api/v1/review/batch', {
      action: 'county_approve',
      ids: [good1.row.id, atCity.row.id, wj.id, 'not-a-uuid', good2.row.id, good1.row.id],
    });
    expectStatus(res, 200);
    const body = res.json() as { okCount: number; failedCount: number; results: Record<string, unknown>[] };
    expect(body.okCount).toBe(2);
    expect(body.failedCount).toBe(3);
    expect(body.results).toEqual([
      { id: good1.row.id, ok: true, status: 'city_review' },
      {
        id: atCity.row.id,
        ok: false,
        code: 'INVALID_STATE',
        message: expect.stringContaining('待设区市审核'),
      },
      { id: wj.id, ok: false, code: 'NOT_FOUND', message: expect.any(String) },
      { id: 'not-a-uuid', ok: false, code: 'NOT_FOUND', message: expect.any(String) },
      { id: good2.row.id, ok: true, status: 'city_review' },
    ]);
    expect((await filingRow(f.t, wj.id)).status).toBe('county_review');
    expect((await filingRow(f.t, atCity.row.id)).statusVersion).toBe(1);
    expect(await jobsOf(f.t, good2.row.id)).toHaveLength(1);

    const tooMany = await f.p.ksCounty.client.post('/api/v1/review/batch', {
      action: 'county_approve',
      ids: Array.from({ length: 501 }, () => good1.row.id),
    });
    expectStatus(tooMany, 400);
    const wrongAction = await f.p.ksCounty.client.post('/api/v1/review/batch', {
      action: 'refuse',
      ids: [good1.row.id],
    });
    expectStatus(wrongAction, 400);
  });

  it('a county reviewer may not take a city action, nor act with a wrong role', async () => {
    const { row } = await ksFiling('city_review');
    const res = await act(f.p.ksCounty.client, row.id, { action: 'city_approve', expectedStatusVersion: 1 });
    expectStatus(res, 403);
    const prov = await act(f.p.province.client, row.id, { action: 'city_approve', expectedStatusVersion: 1 });
    expectStatus(prov, 403);
  });
});
