/**
 * Standards as data (issue 12): the standard is chosen by application date and track (a 2025 application by the
 * 2022 rules, a 2026-05 one by the 2026 rules), thresholds are corrected by the province as new versions with an
 * audit row, and a result once given keeps the version and thresholds it was made with.
 */
import { and, eq } from 'drizzle-orm';
import { auditEvents, evaluations, standardVersions } from '../../../src/server/db/schema';
import type { CampaignListResponse } from '../../../src/shared/schemas/campaign-admin-api';
import type { EvaluationDetail, EvaluationListResponse } from '../../../src/shared/schemas/evaluation-api';
import type {
  AssessResponse,
  StandardDetail,
  StandardListResponse,
} from '../../../src/shared/schemas/standards-api';
import {
  approvedFiling,
  expectStatus,
  json,
  setClock,
  setupLists,
  type ListsFixture,
} from '../lists/helpers';

let f: ListsFixture;

const spec2022 = {
  nicheYears: 10,
  lastYear: {
    operatingRevenue: 5000,
    mainBusinessRevenue: 4500,
    netProfit: 600,
    rdExpense: 600,
    totalAssets: 5000,
    totalLiabilities: 2000,
    employees: 100,
    rdEmployees: 30,
  },
  yearBefore: { mainBusinessRevenue: 3600, rdExpense: 500 },
  twoYearsBefore: { mainBusinessRevenue: 3000 },
  mainProductField: 'keyLink',
  digitalLevel: 3,
  quality: { ownBrand: true, qualitySystemCertified: true },
  intellectualProperty: [{ class: 'I', selfDeveloped: false, highValue: true, relatedToMainProduct: true }],
  rdInstitutionLevel: 'national',
  featurePoints: 15,
  direct: {},
};

const spec2026 = {
  isSme: true,
  basicConditionsMet: true,
  holdsTechOrInnovativeTitle: true,
  nicheYears: 5,
  lastYear: {
    operatingRevenue: 1550,
    mainBusinessRevenue: 1400,
    totalAssets: 4000,
    totalLiabilities: 2000,
    rdExpense: 150,
  },
  yearBefore: { operatingRevenue: 1400, rdExpense: 130 },
  equityInvestmentTwoYears: 0,
  classOneIp: 2,
  marketPositionConfirmed: true,
  qualityScores: [58, null],
};

const assess = (body: Record<string, unknown>, status = 200) =>
  json<AssessResponse>(f.p.ksEnterprise.client, 'POST', '/api/v1/standards/assess', body, status);

beforeAll(async () => {
  f = await setupLists();
});

afterAll(async () => {
  await f?.t.close();
});

describe('standard chosen by date and track', () => {
  it('judges a 2025 application by the 2022 rules and a 2026-05 one by the 2026 rules', async () => {
    const a2025 = await assess({
      tier: 'specialized-sme',
      track: 'first',
      applicationDate: '2025-06-10',
      input: spec2022,
    });
    expect(a2025.standardId).toBe('specialized-sme-2022');
    expect(a2025.reason).toContain('工信部企业〔2022〕63号');
    expect(a2025.result['qualified']).toBe(true);
    expect((a2025.result['conditions'] as { id: string }[]).map((c) => c.id)).toEqual([
      'nicheYears',
      'rdInvestment',
      'revenue',
      'scoreOrDirect',
    ]);

    const a2026 = await assess({
      tier: 'specialized-sme',
      track: 'first',
      applicationDate: '2026-05-10',
      input: spec2026,
    });
    expect(a2026.standardId).toBe('specialized-sme-2026');
    expect(a2026.version).toBe(1);
    expect(a2026.result['unmet']).toEqual([]);
    expect(a2026.result['qualified']).toBe(true);
    expect(String(a2026.result['summary'])).toContain('工信部企业〔2026〕2号');

    // 创新型 keeps the 2022 standard in 2026 (第三十条).
    const inn = await assess({
      tier: 'innovative-sme',
      track: 'first',
      applicationDate: '2026-05-10',
      input: {},
    });
    expect(inn.standardId).toBe('innovative-sme-2022');
    expect(inn.result['status']).toBe('invalidInput');
  });

  it('a campaign can judge the 小巨人 复核 cohort by the 2022 rules (province only)', async () => {
    const url = `/api/v1/campaigns/${f.campaignId}/rule-overrides`;
    const body = { overrides: { 'little-giant:review': 'little-giant-2022' } };
    expectStatus(await f.p.admin.client.put(url, body), 403);
    expectStatus(await f.p.szCity.client.put(url, body), 403);
    const bad = await f.p.province.client.put(url, {
      overrides: { 'little-giant:review': 'specialized-sme-2022' },
    });
    expectStatus(bad, 400);
    expect(
      (bad.json() as { fieldErrors: Record<string, string> }).fieldErrors['overrides.little-giant:review'],
    ).toContain('不是专精特新“小巨人”企业的评价标准');
    // The message names the problem and what to do; the reason is the catalogue's.
    expect((bad.json() as { message: string }).message).toMatch(
      /^适用标准设置有误：.*不是专精特新“小巨人”企业的评价标准。请按标红提示修改后再保存。$/,
    );
    expect(bad.headers['x-error-reason']).toBe('RULE_OVERRIDES_INVALID');
    expectStatus(await f.p.province.client.put(url, body), 200);

    const review = await assess({
      tier: 'little-giant',
      track: 'review',
      applicationDate: '2026-05-10',
      campaignId: f.campaignId,
      input: {},
    });
    expect(review.standardId).toBe('little-giant-2022');
    const first = await assess({
      tier: 'little-giant',
      track: 'first',
      applicationDate: '2026-05-10',
      campaignId: f.campaignId,
      input: {},
    });
    expect(first.standardId).toBe('little-giant-2026');
    const [audit] = await f.t.ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'campaign.rule_overrides'));
    expect(audit!.details).toMatchObject({ after: body.overrides });
    // The 填报批次 page reads the overrides with the campaign.
    const list = await json<CampaignListResponse>(f.p.province.client, 'GET', '/api/v1/campaigns');
    expect(list.items.find((c) => c.id === f.campaignId)!.ruleOverrides).toEqual(body.overrides);
  });
});

describe('thresholds corrected by the province', () => {
  it('lists each standard with its conditions, clauses, levels and 待核实 items', async () => {
    const list = await json<StandardListResponse>(f.p.ksCounty.client, 'GET', '/api/v1/standards');
    expect(list.items.map((s) => s.id)).toEqual([
      'tech-sme-2017',
      'innovative-sme-2022',
      'specialized-sme-2026',
      'little-giant-2026',
      'specialized-sme-2022',
      'little-giant-2022',
    ]);
    const lg = await json<StandardDetail>(f.p.ksCounty.client, 'GET', '/api/v1/standards/little-giant-2026');
    expect(lg.canEdit).toBe(false);
    expect(lg.params.find((p) => p.key === 'revenueMin')).toMatchObject({
      value: '5000',
      clause: '附件2（二）',
      level: 'V',
    });
    const growth = lg.conditions.find((c) => c.key === 'growth')!;
    expect(growth).toMatchObject({ atReview: '复核时不评价营业收入复合增长率', atReviewLevel: 'S' });
    expect(lg.conditions.find((c) => c.key === 'field')!.level).toBe('S');
    expect(lg.toBeConfirmedCount).toBeGreaterThan(0);
    expectStatus(await f.p.ksEnterprise.client.get('/api/v1/standards'), 403);
    expectStatus(await f.p.province.client.get('/api/v1/standards/nope'), 404);
  });

  it('a correction makes a new version, audited; new self-checks use it', async () => {
    const url = '/api/v1/standards/specialized-sme-2026/versions';
    const body = { expectedVersion: 1, values: { revenueMin: '1600' }, reason: '依据附件1原文核对修正' };
    expectStatus(await f.p.admin.client.post(url, body), 403);
    expectStatus(await f.p.ksEnterprise.client.post(url, body), 403);
    const invalid = await f.p.province.client.post(url, {
      ...body,
      values: { revenueMin: '16.005', nope: '1' },
    });
    expectStatus(invalid, 400);
    expect(Object.keys((invalid.json() as { fieldErrors: object }).fieldErrors).sort()).toEqual([
      'values.nope',
      'values.revenueMin',
    ]);
    expect((invalid.json() as { message: string }).message).toMatch(
      /^标准参数有误：.+。请按标红提示修改后再保存。$/,
    );
    expect(invalid.headers['x-error-reason']).toBe('STANDARD_VALUES_INVALID');
    expectStatus(await f.p.province.client.post(url, { ...body, values: { revenueMin: '1500' } }), 400);

    const d = await json<StandardDetail>(f.p.province.client, 'POST', url, body);
    expect(d.currentVersion).toBe(2);
    expect(d.canEdit).toBe(true);
    expect(d.params.find((p) => p.key === 'revenueMin')).toMatchObject({
      value: '1600',
      builtIn: '1500',
      corrected: true,
    });
    expect(d.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(d.versions[0]).toMatchObject({ reason: '依据附件1原文核对修正', values: { revenueMin: '1600' } });
    expectStatus(await f.p.province.client.post(url, body), 409); // stale expectedVersion

    const [a] = await f.t.ctx.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'standard.version_create'),
          eq(auditEvents.targetId, 'specialized-sme-2026'),
        ),
      );
    expect(a!.details).toMatchObject({
      version: 2,
      changes: { revenueMin: { before: '1500 万元', after: '1600 万元' } },
    });

    const after = await assess({
      tier: 'specialized-sme',
      track: 'first',
      applicationDate: '2026-05-10',
      input: spec2026,
    });
    expect(after.version).toBe(2);
    expect(after.result['unmet']).toEqual(['revenue']);
    const used = (after.result['thresholds'] as { key: string; value: string; corrected: boolean }[]).find(
      (t) => t.key === 'revenueMin',
    );
    expect(used).toMatchObject({ value: '1600', corrected: true });
    // Back to the built-in value: a third version with no correction stored.
    const back = await json<StandardDetail>(f.p.province.client, 'POST', url, {
      expectedVersion: 2,
      values: { revenueMin: '1500.00' },
      reason: '恢复为内置值',
    });
    expect(back.currentVersion).toBe(3);
    expect(back.params.find((p) => p.key === 'revenueMin')!.corrected).toBe(false);
    const rows = await f.t.ctx.db
      .select()
      .from(standardVersions)
      .where(eq(standardVersions.standardId, 'specialized-sme-2026'));
    expect(rows.map((r) => r.values)).toEqual(expect.arrayContaining([{ revenueMin: '1600' }, {}]));
  });

  it('the 2022 专精特新 thresholds are corrected like the others, and the 2022 小巨人 texts quote the correction', async () => {
    const url = '/api/v1/standards/specialized-sme-2022/versions';
    const d = await json<StandardDetail>(f.p.province.client, 'POST', url, {
      expectedVersion: 1,
      values: { revenueMin: '6000' },
      reason: '核对63号文附件2',
    });
    expect(d.currentVersion).toBe(2);
    expect(d.conditions.find((c) => c.key === 'revenue')!.title).toContain('6000万元以上');
    const a2025 = await assess({
      tier: 'specialized-sme',
      track: 'first',
      applicationDate: '2025-06-10',
      input: spec2022,
    });
    expect(a2025.standardId).toBe('specialized-sme-2022');
    expect(a2025.version).toBe(2);
    expect(a2025.result['qualified']).toBe(false);
    const revenue = (a2025.result['conditions'] as { id: string; status: string; text: string }[]).find(
      (c) => c.id === 'revenue',
    )!;
    expect(revenue).toMatchObject({ status: 'unmet' });
    expect(revenue.text).toContain('6000万元以上');

    const lg = await json<StandardDetail>(
      f.p.province.client,
      'POST',
      '/api/v1/standards/little-giant-2022/versions',
      {
        expectedVersion: 1,
        values: { debtRatioMax: '65' },
        reason: '核对63号文附件3',
      },
    );
    const jing = lg.conditions.find((c) => c.key === '精')!.title;
    expect(jing).toContain('不高于65%');
    expect(jing).not.toContain('70%');
  });

  it('an evaluation keeps the version it was made with; corrections of its data use those thresholds', async () => {
    await setClock(f, '2023-04-01T09:00:00+08:00');
    const first = await approvedFiling(f, {
      countyCode: '320583',
      name: '昆山标准版本测试一有限公司',
      via: 'db',
    });
    const listUrl = `/api/v1/evaluation/campaigns/${f.campaignId}/evaluations`;
    const evalOf = async (name: string) => {
      const list = await json<EvaluationListResponse>(f.p.szCity.client, 'GET', listUrl);
      const item = list.items.find((i) => i.enterpriseName === name)!;
      return json<EvaluationDetail>(f.p.szCity.client, 'GET', `/api/v1/evaluation/evaluations/${item.id}`);
    };
    const e1 = await evalOf(first.name);
    expect(e1.standardVersion).toBe(1);
    expect(e1.scoreTotal).toBe(90);
    expect(e1.result['qualifiedByScore']).toBe(true);

    // The province raises the 创新型 pass mark to 95.
    await json<StandardDetail>(
      f.p.province.client,
      'POST',
      '/api/v1/standards/innovative-sme-2022/versions',
      {
        expectedVersion: 1,
        values: { totalFloor: '95' },
        reason: '测试：提高总分要求',
      },
    );

    const second = await approvedFiling(f, {
      countyCode: '320583',
      name: '昆山标准版本测试二有限公司',
      via: 'db',
    });
    const e2 = await evalOf(second.name);
    expect(e2.standardVersion).toBe(2);
    expect(e2.scoreTotal).toBe(90);
    expect(e2.result['qualifiedByScore']).toBe(false);
    const [row2] = await f.t.ctx.db.select().from(evaluations).where(eq(evaluations.id, e2.id));
    expect(row2!.thresholds).toEqual({ totalFloor: '95' });

    // The first evaluation is unchanged by the edit.
    const again = await evalOf(first.name);
    expect(again.standardVersion).toBe(1);
    expect(again.result).toEqual(e1.result);

    // Correcting its data (no 高新技术企业 honour) re-evaluates by version 1: score 90 ≥ 60 still qualifies.
    const c1 = await json<EvaluationDetail>(
      f.p.szCity.client,
      'POST',
      `/api/v1/evaluation/evaluations/${e1.id}/corrections`,
      {
        changes: { 'direct.validHonor': false },
        reason: '高新技术企业证书已过期',
        expectedVersion: 1,
      },
    );
    expect(c1.standardVersion).toBe(1);
    expect(c1.qualified).toBe(true);
    expect(c1.result['version']).toBe(1);
    // The same correction of the second evaluation applies version 2: 90 < 95, not qualified.
    const c2 = await json<EvaluationDetail>(
      f.p.szCity.client,
      'POST',
      `/api/v1/evaluation/evaluations/${e2.id}/corrections`,
      {
        changes: { 'direct.validHonor': false },
        reason: '高新技术企业证书已过期',
        expectedVersion: 1,
      },
    );
    expect(c2.qualified).toBe(false);
    expect(c2.result['version']).toBe(2);
  });
});
