/**
 * 创新型中小企业评价 (issue 6 item 1): the evaluation of an approved filing equals the self-assessment frozen in its
 * snapshot; corrections recompute the score and keep both versions; jurisdiction and optimistic concurrency.
 */
import { asc, eq } from 'drizzle-orm';
import { auditEvents, evaluationCorrections, filings } from '../../../src/server/db/schema';
import { innovativeInputOf } from '../../../src/server/modules/evaluation/input';
import { assessFiling } from '../../../src/shared/filing';
import { evaluateInnovativeSme } from '../../../src/shared/rules';
import type { EvaluationDetail, EvaluationListResponse } from '../../../src/shared/schemas/evaluation-api';
import {
  approvedFiling,
  expectStatus,
  json,
  notQualifying,
  setClock,
  setupLists,
  type Approved,
  type ListsFixture,
} from '../lists/helpers';

let f: ListsFixture;
let ks: Approved;
let wj: Approved;
let low: Approved;
const listUrl = () => `/api/v1/evaluation/campaigns/${f.campaignId}/evaluations`;

async function evalOf(name: string): Promise<EvaluationDetail> {
  const list = await json<EvaluationListResponse>(f.p.szCity.client, 'GET', listUrl());
  const item = list.items.find((i) => i.enterpriseName === name)!;
  return json<EvaluationDetail>(f.p.szCity.client, 'GET', `/api/v1/evaluation/evaluations/${item.id}`);
}

beforeAll(async () => {
  f = await setupLists();
  ks = await approvedFiling(f, { countyCode: '320583', name: '昆山评价测试科技有限公司' });
  wj = await approvedFiling(f, { countyCode: '320509', name: '吴江评价测试科技有限公司', via: 'db' });
  low = await approvedFiling(f, {
    countyCode: '320583',
    name: '昆山低分测试有限公司',
    via: 'db',
    edit: notQualifying,
  });
  await setClock(f, '2023-04-01T09:00:00+08:00');
});

afterAll(async () => {
  await f?.t.close();
});

describe('evaluation', () => {
  it('is created lazily by the list and matches the snapshot self-assessment, by the recorded standard', async () => {
    const list = await json<EvaluationListResponse>(f.p.szCity.client, 'GET', listUrl());
    expect(list.items).toHaveLength(3);
    expect(list.items[0]!.scoreTotal).toBe(90); // sorted by score, highest first
    expect(list.items.at(-1)!.enterpriseName).toBe(low.name);
    const [row] = await f.t.ctx.db.select().from(filings).where(eq(filings.id, ks.filingId));
    const snapshot = row!.snapshot as {
      sections: Record<string, unknown>;
      assessment: { innovative: unknown };
      submittedAt: string;
    };
    const d = await evalOf(ks.name);
    expect(d.standardId).toBe('innovative-sme-2022');
    // The engine's result on the derived input equals the innovative result frozen at submission.
    // The stored result also records the version of the standard's thresholds it used (1 = built-in).
    expect(d.result).toEqual({
      ...(JSON.parse(JSON.stringify(snapshot.assessment.innovative)) as object),
      version: 1,
      thresholds: expect.any(Array),
    });
    expect(d.standardVersion).toBe(1);
    // And the input builder agrees with assessFiling on fresh data.
    const ctx = { campaignYear: 2023, asOf: snapshot.submittedAt.slice(0, 10), kind: 'entry' as const };
    const input = innovativeInputOf(snapshot.sections, ctx);
    expect(evaluateInnovativeSme(input)).toEqual(assessFiling(snapshot.sections, ctx).innovative);
    expect(d.scoreTotal).toBe(90);
    expect(d.qualified).toBe(true);
    expect(d.directConditions).toEqual(['validHonor']);
    expect((d.result as { explanation: { indicators: unknown[] } }).explanation.indicators).toHaveLength(6);
    expect(d.corrections).toEqual([]);
    expect(d.canCorrect).toBe(true);
    const ip = (d.input as { intellectualProperty: { name?: string; class: string }[] }).intellectualProperty;
    expect(ip.map((i) => i.class)).toEqual(['I', 'II', 'II']);
    expect(ip[0]!.name).toBe('一种数控机床主轴热变形补偿方法');
    expect(d.correctablePaths.map((p) => p.path)).toContain('intellectualProperty.0.relatedToMainProduct');
  });

  it('filters by qualified and score range', async () => {
    const q = await json<EvaluationListResponse>(f.p.szCity.client, 'GET', `${listUrl()}?qualified=true`);
    expect(q.items.map((i) => i.enterpriseName).sort()).toEqual([ks.name, wj.name].sort());
    expect(q.counts).toMatchObject({ total: 3, qualified: 2, notQualified: 1, pending: 0 });
    const nq = await json<EvaluationListResponse>(f.p.szCity.client, 'GET', `${listUrl()}?qualified=false`);
    expect(nq.items.map((i) => i.enterpriseName)).toEqual([low.name]);
    const range = await json<EvaluationListResponse>(
      f.p.szCity.client,
      'GET',
      `${listUrl()}?minScore=0&maxScore=59`,
    );
    expect(range.items.map((i) => i.enterpriseName)).toEqual([low.name]);
    const none = await json<EvaluationListResponse>(f.p.szCity.client, 'GET', `${listUrl()}?minScore=91`);
    expect(none.items).toEqual([]);
    const county = await json<EvaluationListResponse>(
      f.p.szCity.client,
      'GET',
      `${listUrl()}?countyCode=320509`,
    );
    expect(county.items.map((i) => i.enterpriseName)).toEqual([wj.name]);
    expectStatus(await f.p.szCity.client.get(`${listUrl()}?minScore=abc`), 400);
  });

  it('a correction recomputes the score and keeps both versions', async () => {
    const before = await evalOf(ks.name);
    const res = await json<EvaluationDetail>(
      f.p.szCity.client,
      'POST',
      `/api/v1/evaluation/evaluations/${before.id}/corrections`,
      {
        changes: { 'lastYear.rdExpense': '50', 'intellectualProperty.0.relatedToMainProduct': false },
        reason: '研发费用按审计报告核减；发明专利与主导产品无关',
        expectedVersion: 1,
      },
    );
    expect(res.version).toBe(2);
    expect(res.scoreTotal).toBe(65); // rdRatio 15 → 0, IP B(15) → D(5)
    expect(res.qualified).toBe(true); // still qualified through 高新技术企业 (direct condition)
    expect((res.input as { lastYear: { rdExpense: string } }).lastYear.rdExpense).toBe('50.00');
    expect(res.corrected).toBe(true);
    expect(res.corrections).toHaveLength(1);
    const c = res.corrections[0]!;
    expect(c.reason).toBe('研发费用按审计报告核减；发明专利与主导产品无关');
    expect(c.actorName).toBe('苏州市工信局审核员');
    expect(c.scoreBefore).toBe(90);
    expect(c.scoreAfter).toBe(65);
    expect(c.changes['lastYear.rdExpense']).toMatchObject({
      before: '389.25',
      after: '50.00',
      label: '上年度研发费用总额（万元）',
    });
    expect(c.changes['intellectualProperty.0.relatedToMainProduct']).toMatchObject({
      before: true,
      after: false,
    });
    expect(c.inputBefore).toEqual(before.input);
    expect(c.resultBefore).toEqual(before.result);
    expect(c.resultAfter).toEqual(res.result);

    // A second correction: the honour turns out to be expired → no longer qualified (innovation 5 < 20).
    const second = await json<EvaluationDetail>(
      f.p.szCity.client,
      'POST',
      `/api/v1/evaluation/evaluations/${before.id}/corrections`,
      {
        changes: { 'direct.validHonor': false },
        reason: '高新技术企业证书经核查已过期',
        expectedVersion: 2,
      },
    );
    expect(second.version).toBe(3);
    expect(second.qualified).toBe(false);
    expect(second.corrections.map((x) => x.scoreAfter)).toEqual([65, 65]);
    expect(second.corrections[1]!.qualifiedBefore).toBe(true);
    expect(second.corrections[1]!.qualifiedAfter).toBe(false);
    const rows = await f.t.ctx.db
      .select()
      .from(evaluationCorrections)
      .where(eq(evaluationCorrections.evaluationId, before.id))
      .orderBy(asc(evaluationCorrections.id));
    expect(rows).toHaveLength(2);
    const audits = await f.t.ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'evaluation.correct'));
    expect(audits).toHaveLength(2);

    // Excluding an IP item (e.g. an expired certificate) is a correction too.
    const third = await json<EvaluationDetail>(
      f.p.szCity.client,
      'POST',
      `/api/v1/evaluation/evaluations/${before.id}/corrections`,
      {
        changes: { 'intellectualProperty.1.excluded': true, 'intellectualProperty.2.excluded': true },
        reason: '实用新型专利和软件著作权证书已失效',
        expectedVersion: 3,
      },
    );
    expect(third.scoreTotal).toBe(60); // IP D(5) → E(0)
  });

  it('refuses a stale version (409), a missing reason, an unknown path and bad values (400)', async () => {
    const d = await evalOf(wj.name);
    const url = `/api/v1/evaluation/evaluations/${d.id}/corrections`;
    const noReason = await f.p.szCity.client.post(url, {
      changes: { 'direct.validHonor': false },
      expectedVersion: 1,
    });
    expectStatus(noReason, 400);
    expect(noReason.json().fieldErrors).toHaveProperty('reason');
    const shortReason = await f.p.szCity.client.post(url, {
      changes: { 'direct.validHonor': false },
      reason: ' 否',
      expectedVersion: 1,
    });
    expectStatus(shortReason, 400);
    const badPath = await f.p.szCity.client.post(url, {
      changes: { 'basic.uscc': 'x' },
      reason: '修改代码',
      expectedVersion: 1,
    });
    expectStatus(badPath, 400);
    expect(badPath.json().fieldErrors).toHaveProperty(['changes.basic.uscc']);
    const badAmount = await f.p.szCity.client.post(url, {
      changes: { 'lastYear.rdExpense': '-5' },
      reason: '核减研发费用',
      expectedVersion: 1,
    });
    expectStatus(badAmount, 400);
    expect(badAmount.json().fieldErrors).toHaveProperty(['changes.lastYear.rdExpense']);
    const noop = await f.p.szCity.client.post(url, {
      changes: { 'direct.validHonor': true },
      reason: '核对无误',
      expectedVersion: 1,
    });
    expectStatus(noop, 400);

    // Two reviewers of the same city start from version 1: the second is refused.
    const first = await f.p.szCity.client.post(url, {
      changes: { 'lastYear.totalLiabilities': '6000' },
      reason: '负债按审计报告更正',
      expectedVersion: 1,
    });
    expectStatus(first, 200);
    const stale = await f.szCity2.client.post(url, {
      changes: { 'lastYear.totalLiabilities': '7000' },
      reason: '负债按审计报告更正',
      expectedVersion: 1,
    });
    expectStatus(stale, 409);
    expect(stale.json().code).toBe('CONFLICT');
    const after = await evalOf(wj.name);
    expect(after.version).toBe(2);
    expect(after.corrections).toHaveLength(1);
  });

  it('jurisdiction: counties read their county, the province reads all but cannot correct, other cities get 404', async () => {
    const d = await evalOf(wj.name);
    const ksList = await json<EvaluationListResponse>(f.p.ksCounty.client, 'GET', listUrl());
    expect(ksList.items.map((i) => i.enterpriseName).sort()).toEqual([ks.name, low.name].sort());
    expectStatus(await f.p.ksCounty.client.get(`/api/v1/evaluation/evaluations/${d.id}`), 404);
    const wjRead = await json<EvaluationDetail>(
      f.p.wjCounty.client,
      'GET',
      `/api/v1/evaluation/evaluations/${d.id}`,
    );
    expect(wjRead.canCorrect).toBe(false);
    expectStatus(
      await f.p.wjCounty.client.post(`/api/v1/evaluation/evaluations/${d.id}/corrections`, {
        changes: { 'direct.validHonor': false },
        reason: '县区修正',
        expectedVersion: d.version,
      }),
      403,
    );
    const prov = await json<EvaluationDetail>(
      f.p.province.client,
      'GET',
      `/api/v1/evaluation/evaluations/${d.id}`,
    );
    expect(prov.canCorrect).toBe(false);
    expectStatus(
      await f.p.province.client.post(`/api/v1/evaluation/evaluations/${d.id}/corrections`, {
        changes: { 'direct.validHonor': false },
        reason: '省厅修正',
        expectedVersion: d.version,
      }),
      403,
    );
    expectStatus(await f.njCity.client.get(`/api/v1/evaluation/evaluations/${d.id}`), 404);
    expectStatus(
      await f.njCity.client.post(`/api/v1/evaluation/evaluations/${d.id}/corrections`, {
        changes: { 'direct.validHonor': false },
        reason: '越权修正',
        expectedVersion: d.version,
      }),
      404,
    );
    const njList = await json<EvaluationListResponse>(f.njCity.client, 'GET', listUrl());
    expect(njList.items).toEqual([]);
    expectStatus(await f.njCity.client.post(`/api/v1/evaluation/campaigns/${f.campaignId}/prepare`), 200);
    expectStatus(await f.p.province.client.post(`/api/v1/evaluation/campaigns/${f.campaignId}/prepare`), 403);
    expectStatus(await f.p.ksEnterprise.client.get(listUrl()), 403);
    expectStatus(await f.p.anonymous.get(listUrl()), 401);
    expectStatus(await f.p.szCity.client.get('/api/v1/evaluation/evaluations/not-a-uuid'), 404);
    expectStatus(
      await f.p.szCity.client.get(
        '/api/v1/evaluation/campaigns/00000000-0000-0000-0000-000000000000/evaluations',
      ),
      404,
    );
  });

  it('a corrected evaluation that became qualified may be added to the list; one that stopped qualifying is not preselected', async () => {
    const lowEval = await evalOf(low.name);
    const fixed = await json<EvaluationDetail>(
      f.p.szCity.client,
      'POST',
      `/api/v1/evaluation/evaluations/${lowEval.id}/corrections`,
      {
        changes: { 'direct.provincialRdInstitution': true },
        reason: '企业技术中心已获省级认定，补充材料核实',
        expectedVersion: 1,
      },
    );
    expect(fixed.qualified).toBe(true);
    const res = await f.p.szCity.client.post('/api/v1/lists', { campaignId: f.campaignId });
    expectStatus(res, 201);
    const names = (res.json() as { entries: { enterpriseName: string }[] }).entries
      .map((e) => e.enterpriseName)
      .sort();
    expect(names).toEqual([low.name, wj.name].sort()); // ks no longer qualifies after the corrections above
  });
});
