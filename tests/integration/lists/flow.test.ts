/**
 * The full path from city approval to announcement (issue 6 items 1–3): evaluation, the city's list, 公示 with
 * objections, 公告 with recognitions, the province's overview and exports, and jurisdiction (南京 cannot touch
 * 苏州's list).
 */
import { and, asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import {
  auditEvents,
  enterpriseEvents,
  jobs,
  recognitionListEntries,
  recognitions,
} from '../../../src/server/db/schema';
import type { EvaluationListResponse } from '../../../src/shared/schemas/evaluation-api';
import type {
  ListDetail,
  ObjectionView,
  ProvinceOverview,
  PublicListDetail,
  PublicListSummary,
} from '../../../src/shared/schemas/lists-api';
import {
  approvedFiling,
  captcha,
  expectNoPersonalData,
  expectStatus,
  freshIp,
  json,
  notQualifying,
  publicRequest,
  setClock,
  setupLists,
  type Approved,
  type ListsFixture,
} from './helpers';

let f: ListsFixture;
let a: Approved; // 昆山, qualified, approved through the review API
let b: Approved; // 吴江, qualified
let c: Approved; // 昆山, qualified, will be excluded by the city
let d: Approved; // 昆山, not qualified
let pending: Approved; // still in city review
let nj: Approved; // 南京 (玄武区)
let list: ListDetail;

beforeAll(async () => {
  f = await setupLists();
  a = await approvedFiling(f, { countyCode: '320583', name: '昆山精密智造科技有限公司' });
  b = await approvedFiling(f, { countyCode: '320509', name: '吴江新材料科技有限公司' });
  c = await approvedFiling(f, { countyCode: '320583', name: '昆山排除测试科技有限公司', via: 'db' });
  d = await approvedFiling(f, { countyCode: '320583', name: '昆山未达标测试有限公司', edit: notQualifying });
  pending = await approvedFiling(f, {
    countyCode: '320583',
    name: '昆山待审核测试有限公司',
    status: 'city_review',
  });
  nj = await approvedFiling(f, {
    countyCode: '320102',
    name: '南京玄武测试科技有限公司',
    approver: f.njCity,
  });
  // After the city review deadline: the list work starts.
  await setClock(f, '2023-04-01T09:00:00+08:00');
});

afterAll(async () => {
  await f?.t.close();
});

describe('evaluation of approved filings', () => {
  it('prepare creates one evaluation per approved filing of the city, idempotently', async () => {
    const first = await json<{ created: number; total: number }>(
      f.p.szCity.client,
      'POST',
      `/api/v1/evaluation/campaigns/${f.campaignId}/prepare`,
    );
    expect(first).toEqual({ created: 4, total: 4 });
    const again = await json<{ created: number; total: number }>(
      f.p.szCity.client,
      'POST',
      `/api/v1/evaluation/campaigns/${f.campaignId}/prepare`,
    );
    expect(again).toEqual({ created: 0, total: 4 });
    const res = await json<EvaluationListResponse>(
      f.p.szCity.client,
      'GET',
      `/api/v1/evaluation/campaigns/${f.campaignId}/evaluations`,
    );
    const names = res.items.map((i) => i.enterpriseName);
    expect(names).not.toContain(pending.name);
    expect(names).not.toContain(nj.name);
    expect(res.counts).toMatchObject({ total: 4, qualified: 3, notQualified: 1 });
  });
});

describe('the city list', () => {
  it('the 南京 city cannot create or see 苏州 evaluations', async () => {
    const res = await json<EvaluationListResponse>(
      f.njCity.client,
      'GET',
      `/api/v1/evaluation/campaigns/${f.campaignId}/evaluations`,
    );
    expect(res.items.map((i) => i.enterpriseName)).toEqual([nj.name]);
  });

  it('creating preselects every qualified evaluation, with the default title and department', async () => {
    const res = await f.p.szCity.client.post('/api/v1/lists', { campaignId: f.campaignId });
    expectStatus(res, 201);
    list = res.json() as ListDetail;
    expect(list.title).toBe('苏州市2023年度创新型中小企业名单');
    expect(list.issuingDepartment).toBe('苏州市工业和信息化局');
    expect(list.status).toBe('draft');
    expect(list.entries.map((e) => e.enterpriseName).sort()).toEqual([a.name, b.name, c.name].sort());
    expect(list.entries.every((e) => e.state === 'included')).toBe(true);
    expect(list.counts.included).toBe(3);
    // Idempotent: a second create answers the same list.
    const again = await f.szCity2.client.post('/api/v1/lists', { campaignId: f.campaignId });
    expectStatus(again, 200);
    expect((again.json() as ListDetail).id).toBe(list.id);
  });

  it('a not-qualified evaluation cannot be added', async () => {
    const evals = await json<EvaluationListResponse>(
      f.p.szCity.client,
      'GET',
      `/api/v1/evaluation/campaigns/${f.campaignId}/evaluations?qualified=false`,
    );
    expect(evals.items.map((i) => i.enterpriseName)).toEqual([d.name]);
    const res = await f.p.szCity.client.post(`/api/v1/lists/${list.id}/entries`, {
      evaluationId: evals.items[0]!.id,
    });
    expectStatus(res, 400);
  });

  it('excluding an entry needs a reason', async () => {
    const entry = list.entries.find((e) => e.enterpriseName === c.name)!;
    const noReason = await f.p.szCity.client.post(`/api/v1/lists/${list.id}/entries/${entry.id}`, {
      action: 'exclude',
    });
    expectStatus(noReason, 400);
    expect(noReason.json().fieldErrors).toHaveProperty('reason');
    const blank = await f.p.szCity.client.post(`/api/v1/lists/${list.id}/entries/${entry.id}`, {
      action: 'exclude',
      reason: ' ',
    });
    expectStatus(blank, 400);
    const ok = await json<ListDetail>(
      f.p.szCity.client,
      'POST',
      `/api/v1/lists/${list.id}/entries/${entry.id}`,
      {
        action: 'exclude',
        reason: '实地核查发现主导产品与申报不符',
      },
    );
    const ex = ok.entries.find((e) => e.id === entry.id)!;
    expect(ex.state).toBe('excluded');
    expect(ex.reason).toBe('实地核查发现主导产品与申报不符');
    expect(ok.counts).toMatchObject({ included: 2, excluded: 1 });
  });

  it('南京 cannot manage 苏州 list (NOT_FOUND), the province may only read', async () => {
    const nc = f.njCity.client;
    expectStatus(await nc.get(`/api/v1/lists/${list.id}`), 404);
    expectStatus(
      await nc.post(`/api/v1/lists/${list.id}/entries/${list.entries[0]!.id}`, {
        action: 'exclude',
        reason: '越权操作',
      }),
      404,
    );
    expectStatus(
      await nc.post(`/api/v1/lists/${list.id}/publish-publicity`, {
        objectionContact: '南京市工信局 中小企业处',
      }),
      404,
    );
    expectStatus(
      await nc.post(`/api/v1/lists/${list.id}/announce`, {
        documentNo: '宁工信〔2023〕1号',
        date: '2023-04-01',
      }),
      404,
    );
    expectStatus(await nc.get(`/api/v1/lists/${list.id}/objections`), 404);
    const mine = await json<{ id: string }[]>(nc, 'GET', `/api/v1/lists?campaignId=${f.campaignId}`);
    expect(mine.map((l) => l.id)).not.toContain(list.id);
    // Province: read yes, manage no.
    expectStatus(await f.p.province.client.get(`/api/v1/lists/${list.id}`), 200);
    expectStatus(
      await f.p.province.client.post(`/api/v1/lists/${list.id}/publish-publicity`, {
        objectionContact: '苏州市工信局 中小企业处',
      }),
      403,
    );
    // County reviewers and enterprises have no list access.
    expectStatus(await f.p.ksCounty.client.get(`/api/v1/lists/${list.id}`), 403);
    expectStatus(await f.p.ksEnterprise.client.get(`/api/v1/lists/${list.id}`), 403);
  });

  it('a draft list is not public', async () => {
    expectStatus(await publicRequest(f.t, 'GET', `/api/v1/public/lists/${list.id}`), 404);
    const all = (await publicRequest(f.t, 'GET', '/api/v1/public/lists')).json() as PublicListSummary[];
    expect(all.map((l) => l.id)).not.toContain(list.id);
  });

  it('publishing publicity: default 5 days, then the list is frozen', async () => {
    const res = await json<ListDetail>(
      f.p.szCity.client,
      'POST',
      `/api/v1/lists/${list.id}/publish-publicity`,
      {
        start: '2023-04-03',
        objectionContact: '苏州市工业和信息化局中小企业处，地址：苏州市三香路 120 号',
      },
    );
    expect(res.status).toBe('publicity');
    expect(res.publicityStart).toBe(new Date('2023-04-03T00:00:00+08:00').toISOString());
    expect(res.publicityEnd).toBe(new Date('2023-04-07T23:59:59.999+08:00').toISOString());
    expect(res.defaultPublicityDays).toBe(5);
    const entry = res.entries.find((e) => e.enterpriseName === a.name)!;
    const frozen = await f.p.szCity.client.post(`/api/v1/lists/${list.id}/entries/${entry.id}`, {
      action: 'exclude',
      reason: '公示后调整',
    });
    expectStatus(frozen, 409);
    // Evaluations are frozen too.
    const evals = await json<EvaluationListResponse>(
      f.p.szCity.client,
      'GET',
      `/api/v1/evaluation/campaigns/${f.campaignId}/evaluations`,
    );
    const ev = evals.items[0]!;
    const corr = await f.p.szCity.client.post(`/api/v1/evaluation/evaluations/${ev.id}/corrections`, {
      changes: { 'direct.validHonor': false },
      reason: '证书已过期',
      expectedVersion: ev.version,
    });
    expectStatus(corr, 409);
    list = res;
  });

  it('the public page shows included entries only, masked, with no phone numbers', async () => {
    // Before the start day: not public yet.
    expectStatus(await publicRequest(f.t, 'GET', `/api/v1/public/lists/${list.id}`), 404);
    await setClock(f, '2023-04-03T10:00:00+08:00');
    const res = await publicRequest(f.t, 'GET', `/api/v1/public/lists/${list.id}`);
    expectStatus(res, 200);
    const body = res.body;
    expectNoPersonalData(body, { usccs: [a.uscc, b.uscc, c.uscc], mobiles: [a.mobile, b.mobile] });
    const detail = res.json() as PublicListDetail;
    expect(detail.entries.map((e) => e.enterpriseName).sort()).toEqual([a.name, b.name].sort());
    expect(body).not.toContain(c.name); // excluded entries are not shown
    const ea = detail.entries.find((e) => e.enterpriseName === a.name)!;
    expect(ea.maskedUscc).toBe(`${a.uscc.slice(0, 8)}****${a.uscc.slice(12)}`);
    expect(ea.countyName).toBe('昆山市');
    expect(detail.objection.open).toBe(true);
    expect(detail.objection.contact).toContain('中小企业处');
    expect(detail.issuingDepartment).toBe('苏州市工业和信息化局');
    const all = (await publicRequest(f.t, 'GET', '/api/v1/public/lists')).json() as PublicListSummary[];
    expect(all[0]!.id).toBe(list.id);
    expectNoPersonalData(JSON.stringify(all));
  });

  it('objections: upheld removes the entry with the reason, rejected keeps it', async () => {
    const detail = (
      await publicRequest(f.t, 'GET', `/api/v1/public/lists/${list.id}`)
    ).json() as PublicListDetail;
    const ea = detail.entries.find((e) => e.enterpriseName === a.name)!;
    const eb = detail.entries.find((e) => e.enterpriseName === b.name)!;
    const send = async (entryId: string) => {
      const res = await publicRequest(f.t, 'POST', `/api/v1/public/lists/${list.id}/objections`, {
        ip: freshIp(),
        json: {
          entryId,
          contactName: '王志强',
          contactPhone: '13905120000',
          reason: '该企业上年度研发费用明显虚报，与其审计报告数据不一致。',
          ...(await captcha(f.t)),
        },
      });
      expectStatus(res, 201);
      const receipt = res.json() as { trackingNo: string };
      expect(receipt.trackingNo).toMatch(/^YY20230403[2-9A-HJKMNP-Z]{6}$/);
      expect(res.body).not.toContain('13905120000');
      return receipt;
    };
    await send(ea.id);
    await send(eb.id);

    const objs = await json<ObjectionView[]>(f.p.szCity.client, 'GET', `/api/v1/lists/${list.id}/objections`);
    expect(objs).toHaveLength(2);
    // The city sees the contact masked and reveals it to call the objector back, audited (ADR 0025).
    expect(objs[0]!.contactPhone).toBe('139****0000');
    const reveal = (client: typeof f.p.szCity.client) =>
      client.post('/api/v1/pii/reveal', {
        targetType: 'objection',
        targetId: objs[0]!.id,
        field: 'contactPhone',
      });
    const whole = await reveal(f.p.szCity.client);
    expectStatus(whole, 200);
    expect(whole.json()).toMatchObject({ value: '13905120000', label: '异议人联系电话' });
    const [revealed] = await f.t.ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'pii.reveal'), eq(auditEvents.userId, f.p.szCity.userId)));
    expect(revealed).toMatchObject({
      targetType: 'list',
      targetId: list.id,
      details: { objectionId: objs[0]!.id, masked: '139****0000' },
    });
    const logged = await f.p.auditAdmin.client.get(
      `/api/v1/admin/audit?action=pii.reveal&targetId=${list.id}`,
    );
    expect(logged.json().items[0]).toMatchObject({
      actionLabel: '查看完整手机号',
      targetTypeLabel: '名单',
      targetName: list.title,
    });
    // 南京 and the 昆山 county do not handle 苏州's list: 403, audited.
    for (const other of [f.njCity, f.p.ksCounty]) expectStatus(await reveal(other.client), 403);
    const refused = await f.t.ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'pii.reveal_denied'));
    expect(refused.map((r) => r.userId).sort()).toEqual([f.njCity.userId, f.p.ksCounty.userId].sort());
    expectStatus(await f.njCity.client.get(`/api/v1/lists/${list.id}/objections`), 404);
    const oa = objs.find((o) => o.entryId === ea.id)!;
    const ob = objs.find((o) => o.entryId === eb.id)!;

    // Announcing is refused during publicity.
    const early = await f.p.szCity.client.post(`/api/v1/lists/${list.id}/announce`, {
      documentNo: '苏工信中小〔2023〕56号',
      date: '2023-04-03',
    });
    expectStatus(early, 409);
    expect(early.json().code).toBe('INVALID_STATE');

    // 南京 cannot resolve 苏州's objections.
    expectStatus(
      await f.njCity.client.post(`/api/v1/lists/${list.id}/objections/${oa.id}/resolve`, {
        outcome: 'upheld',
        text: '越权处理',
      }),
      404,
    );

    const upheld = await json<ObjectionView>(
      f.p.szCity.client,
      'POST',
      `/api/v1/lists/${list.id}/objections/${oa.id}/resolve`,
      {
        outcome: 'upheld',
        text: '经核查，研发费用归集不符合规定，异议成立',
      },
    );
    expect(upheld.status).toBe('upheld');
    expect(upheld.outcome).toBe('经核查，研发费用归集不符合规定，异议成立');
    const again = await f.p.szCity.client.post(`/api/v1/lists/${list.id}/objections/${oa.id}/resolve`, {
      outcome: 'rejected',
      text: '重复处理',
    });
    expectStatus(again, 409);

    // After the window: objections refused; announcing still refused while one objection is open.
    await setClock(f, '2023-04-08T09:00:00+08:00');
    const late = await publicRequest(f.t, 'POST', `/api/v1/public/lists/${list.id}/objections`, {
      ip: freshIp(),
      json: {
        entryId: eb.id,
        contactName: '王志强',
        contactPhone: '13905120000',
        reason: '公示期结束后才提交的异议内容。',
        ...(await captcha(f.t)),
      },
    });
    expectStatus(late, 409);
    expect(late.json().code).toBe('WINDOW_CLOSED');
    const blocked = await f.p.szCity.client.post(`/api/v1/lists/${list.id}/announce`, {
      documentNo: '苏工信中小〔2023〕56号',
      date: '2023-04-08',
    });
    expectStatus(blocked, 409);
    expect(blocked.json().message).toContain('异议未处理');

    const rejected = await json<ObjectionView>(
      f.p.szCity.client,
      'POST',
      `/api/v1/lists/${list.id}/objections/${ob.id}/resolve`,
      {
        outcome: 'rejected',
        text: '经核查，企业研发费用有审计报告支撑，异议不成立',
      },
    );
    expect(rejected.status).toBe('rejected');

    const after = await json<ListDetail>(f.p.szCity.client, 'GET', `/api/v1/lists/${list.id}`);
    const ra = after.entries.find((e) => e.enterpriseName === a.name)!;
    expect(ra.state).toBe('removed');
    expect(ra.reason).toContain('研发费用归集不符合规定');
    expect(after.entries.find((e) => e.enterpriseName === b.name)!.state).toBe('included');
    expect(after.counts).toMatchObject({
      included: 1,
      excluded: 1,
      removed: 1,
      objections: 2,
      openObjections: 0,
      upheld: 1,
      rejected: 1,
    });
    const pub = (
      await publicRequest(f.t, 'GET', `/api/v1/public/lists/${list.id}`)
    ).json() as PublicListDetail;
    expect(pub.entries.map((e) => e.enterpriseName)).toEqual([b.name]);
    expect(pub.objection.open).toBe(false);
  });

  it('announcing creates 3-year recognitions, events and notification jobs', async () => {
    await setClock(f, '2023-04-10T09:00:00+08:00');
    const bad = await f.p.szCity.client.post(`/api/v1/lists/${list.id}/announce`, {
      documentNo: '苏工信中小〔2023〕56号',
      date: '2023-04-11',
    });
    expectStatus(bad, 400); // a future date
    const res = await json<ListDetail>(f.p.szCity.client, 'POST', `/api/v1/lists/${list.id}/announce`, {
      documentNo: '苏工信中小〔2023〕56号',
      date: '2023-04-10',
    });
    expect(res.status).toBe('announced');
    expect(res.documentNo).toBe('苏工信中小〔2023〕56号');

    const recs = await f.t.ctx.db.select().from(recognitions).orderBy(asc(recognitions.createdAt));
    expect(recs.map((r) => r.enterpriseId)).toEqual([b.enterpriseId]);
    const r = recs[0]!;
    expect(r).toMatchObject({
      kind: 'innovative',
      title: '创新型中小企业',
      source: 'announcement',
      issuer: '苏州市工业和信息化局',
      documentNo: '苏工信中小〔2023〕56号',
      status: 'valid',
      listId: list.id,
    });
    expect(r.validFrom.toISOString()).toBe(new Date('2023-04-10T00:00:00+08:00').toISOString());
    expect(r.validTo.toISOString()).toBe(new Date('2026-04-09T23:59:59.999+08:00').toISOString());

    const events = await f.t.ctx.db
      .select()
      .from(enterpriseEvents)
      .where(eq(enterpriseEvents.enterpriseId, b.enterpriseId));
    expect(events.map((e) => e.event)).toEqual(['recognised']);
    expect(events[0]!.details).toMatchObject({
      recognitionId: r.id,
      validFrom: '2023-04-10',
      validTo: '2026-04-09',
    });
    const js = await f.t.ctx.db.select().from(jobs).where(eq(jobs.kind, 'notify.recognition'));
    expect(js).toHaveLength(1);
    expect(js[0]!.payload).toEqual({ enterpriseId: b.enterpriseId, recognitionId: r.id });
    expect(js[0]!.dedupeKey).toBe(`recognition:${r.id}:announced`);

    // Announced once only.
    expectStatus(
      await f.p.szCity.client.post(`/api/v1/lists/${list.id}/announce`, {
        documentNo: 'x2',
        date: '2023-04-10',
      }),
      409,
    );
    // The excluded and removed entries got nothing.
    const states = await f.t.ctx.db
      .select({ state: recognitionListEntries.state })
      .from(recognitionListEntries)
      .where(and(eq(recognitionListEntries.listId, list.id)));
    expect(states.map((s) => s.state).sort()).toEqual(['excluded', 'included', 'removed']);

    const pub = await publicRequest(f.t, 'GET', `/api/v1/public/lists/${list.id}`);
    expectStatus(pub, 200);
    expect((pub.json() as PublicListDetail).status).toBe('announced');
    expectNoPersonalData(pub.body, { usccs: [b.uscc] });
  });

  it('the enterprise record shows the recognition, valid for 3 years', async () => {
    const rec = await json<{
      recognitions: { title: string; validFrom: string; validTo: string; state: string; daysLeft: number }[];
      events: { event: string }[];
      dbStatus: string;
      declaredHonours: { items: { title: string }[] };
    }>(b.enterprise.client, 'GET', '/api/v1/enterprise/record');
    expect(rec.dbStatus).toBe('in_db');
    expect(rec.recognitions).toEqual([
      expect.objectContaining({
        title: '创新型中小企业',
        validFrom: '2023-04-10',
        validTo: '2026-04-09',
        state: 'valid',
        daysLeft: 1096,
      }),
    ]);
    expect(rec.events.map((e) => e.event)).toEqual(['recognised']);
    expect(rec.declaredHonours.items.map((i) => i.title)).toContain('高新技术企业');
    // Reviewers of its region; others 404.
    expectStatus(await f.p.wjCounty.client.get(`/api/v1/review/enterprises/${b.enterpriseId}/record`), 200);
    expectStatus(await f.p.szCity.client.get(`/api/v1/review/enterprises/${b.enterpriseId}/record`), 200);
    expectStatus(await f.p.ksCounty.client.get(`/api/v1/review/enterprises/${b.enterpriseId}/record`), 404);
    expectStatus(await f.njCity.client.get(`/api/v1/review/enterprises/${b.enterpriseId}/record`), 404);
    expectStatus(await b.enterprise.client.get(`/api/v1/review/enterprises/${b.enterpriseId}/record`), 403);
  });
});

describe('province overview and exports', () => {
  it('lists every city with counts', async () => {
    const o = await json<ProvinceOverview>(
      f.p.province.client,
      'GET',
      `/api/v1/province/lists?campaignId=${f.campaignId}`,
    );
    expect(o.cities).toHaveLength(13);
    const sz = o.cities.find((c) => c.cityCode === '320500')!;
    expect(sz.list).toMatchObject({
      status: 'announced',
      counts: { included: 1, removed: 1, excluded: 1, objections: 2 },
    });
    expect(o.cities.find((c) => c.cityCode === '320100')!.list).toBeNull();
    expectStatus(await f.p.szCity.client.get(`/api/v1/province/lists?campaignId=${f.campaignId}`), 403);
  });

  it('exports an xlsx readable by exceljs: a summary sheet and one sheet per city with its list', async () => {
    // 南京 builds a list too (draft), so two city sheets.
    expectStatus(await f.njCity.client.post('/api/v1/lists', { campaignId: f.campaignId }), 201);
    const res = await f.p.province.client.get(
      `/api/v1/province/lists/export.xlsx?campaignId=${f.campaignId}`,
    );
    expectStatus(res, 200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(
      encodeURIComponent('2023年度创新型中小企业名单汇总'),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '南京市', '苏州市']);
    const summary = wb.getWorksheet('汇总')!;
    expect(summary.rowCount).toBe(1 + 13 + 1);
    const szRow = summary.getRows(2, 14)!.find((r) => r.getCell(1).value === '苏州市')!;
    expect(szRow.getCell(2).value).toBe('苏州市2023年度创新型中小企业名单');
    expect(szRow.getCell(3).value).toBe('已公告');
    expect(szRow.getCell(6).value).toBe('苏工信中小〔2023〕56号');
    expect(szRow.getCell(8).value).toBe(1);
    expect(szRow.getCell(10).value).toBe(1);
    const sz = wb.getWorksheet('苏州市')!;
    expect(sz.rowCount).toBe(2);
    expect(sz.getRow(2).getCell(2).value).toBe(b.name);
    expect(sz.getRow(2).getCell(3).value).toBe(b.uscc);
    expect(sz.getRow(2).getCell(4).value).toBe('吴江区');
    const njSheet = wb.getWorksheet('南京市')!;
    expect(njSheet.getRow(2).getCell(2).value).toBe(nj.name);
  });

  it('exports a PDF', async () => {
    const res = await f.p.province.client.get(`/api/v1/province/lists/export.pdf?campaignId=${f.campaignId}`);
    expectStatus(res, 200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(res.rawPayload.length).toBeGreaterThan(2000);
    expectStatus(
      await f.njCity.client.get(`/api/v1/province/lists/export.pdf?campaignId=${f.campaignId}`),
      403,
    );
  });

  it('tells the operator to install fonts-noto-cjk when the PDF font is missing (503, not a 500)', async () => {
    const saved = process.env.FONT_PATH;
    process.env.FONT_PATH = '/nonexistent/NotoSansCJK-Regular.ttc';
    try {
      const res = await f.p.province.client.get(
        `/api/v1/province/lists/export.pdf?campaignId=${f.campaignId}`,
      );
      expect(res.statusCode).toBe(503);
      expect(res.json().message).toContain('fonts-noto-cjk');
    } finally {
      if (saved === undefined) delete process.env.FONT_PATH;
      else process.env.FONT_PATH = saved;
    }
  });
});
