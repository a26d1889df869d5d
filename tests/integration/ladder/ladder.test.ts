/**
 * 我的梯度 (issue 12 item 5): GET /api/v1/ladder for an enterprise — each tier met / not met / not yet assessable,
 * judged by the standard that applies today (2026 rules from 2026-04-01), every unmet condition with its figure,
 * threshold and clause, and what is missing for the next tier. The 质量评价得分 recorded for the enterprise feeds
 * the 2026 专精特新 / 小巨人 checks.
 */
import { recognitions } from '../../../src/server/db/schema';
import { ManualClock } from '../../../src/server/services/clock';
import type { LadderView, TierView } from '../../../src/shared/schemas/ladder-api';
import { createPersonas, type Personas } from '../../helpers/personas';
import { createTestApp, type TestApp } from '../../helpers/test-app';
import { insertSubmitted } from '../review/helpers';

let t: TestApp;
let p: Personas;

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2026-06-10T10:00:00+08:00') });
  p = await createPersonas(t);
});
afterAll(async () => {
  await t.close();
});

async function ladder(): Promise<LadderView> {
  const res = await p.ksEnterprise.client.get('/api/v1/ladder');
  expect(res.statusCode).toBe(200);
  return res.json() as LadderView;
}
const tierOf = (l: LadderView, key: TierView['key']) => l.tiers.find((x) => x.key === key)!;
const condition = (tier: TierView, key: string) =>
  tier.assessments[0]!.conditions.find((c) => c.key === key)!;

describe('我的梯度', () => {
  it('is for enterprises only', async () => {
    expect((await p.szCity.client.get('/api/v1/ladder')).statusCode).toBe(403);
    expect((await p.anonymous.get('/api/v1/ladder')).statusCode).toBe(401);
  });

  it('says nothing can be assessed yet before any filing', async () => {
    const l = await ladder();
    expect(l.tiers.map((x) => [x.key, x.status])).toEqual([
      ['tech-innovative', 'pending'],
      ['specialized', 'pending'],
      ['little-giant', 'pending'],
    ]);
    expect(l.next?.key).toBe('tech-innovative');
    expect(l.next?.summary).toContain('尚未提交');
    expect(tierOf(l, 'specialized').note).toContain('新增入库');
  });

  it('judges the tiers on an approved 2026 filing by the 2026 standards, naming them in Chinese', async () => {
    await insertSubmitted(t, {
      enterprise: p.ksEnterprise,
      countyCode: '320583',
      year: 2026,
      status: 'approved',
    });
    const l = await ladder();
    const t1 = tierOf(l, 'tech-innovative');
    // The sample scores 90 under 创新型 (2022, still used in 2026): conditions met, no title yet.
    expect(t1.status).toBe('met');
    expect(t1.held).toBe(false);
    expect(t1.statusLabel).toBe('符合条件（尚未取得称号）');
    expect(t1.assessments[0]!.standardTitle).toContain('工信部企业〔2022〕63号');
    expect(l.next).toMatchObject({ key: 'tech-innovative' });
    expect(l.next!.summary).toContain('可在申报期内申请认定');

    const spec = tierOf(l, 'specialized');
    const a = spec.assessments[0]!;
    expect(a.standardId).toBe('specialized-sme-2026');
    expect(a.standardTitle).toBe('专精特新中小企业认定标准（工信部企业〔2026〕2号 附件1）');
    expect(a.reason).toContain('2026');
    expect(condition(spec, 'title').status).toBe('unmet');
    expect(condition(spec, 'revenue').status).toBe('met');
    expect(condition(spec, 'market').status).toBe('pending');
    // No score recorded yet: not assessable.
    expect(condition(spec, 'qualityScore').status).toBe('pending');
    expect(spec.status).toBe('unmet');
  });

  it('with a 科技型 title and a recorded score, shows what is missing for 专精特新 with figure, threshold and clause', async () => {
    await t.ctx.db.insert(recognitions).values({
      enterpriseId: p.ksEnterprise.enterpriseId!,
      kind: 'tech_sme',
      title: '科技型中小企业',
      source: 'evaluation',
      issuer: '苏州市工信部门',
      registrationNo: '2026320583A0009999',
      validFrom: new Date('2026-05-10T00:00:00+08:00'),
      validTo: new Date('2027-05-09T23:59:59.999+08:00'),
    });
    const put = await p.province.client.put('/api/v1/quality-scores', {
      uscc: '91320583135792463X',
      year: 2026,
      score: '45',
      source: '国家平台',
    });
    expect(put.statusCode).toBe(200);

    const l = await ladder();
    const t1 = tierOf(l, 'tech-innovative');
    expect(t1.held).toBe(true);
    expect(t1.statusLabel).toBe('已取得称号');
    expect(t1.titles[0]).toMatchObject({ registrationNo: '2026320583A0009999', validTo: '2027-05-09' });

    const spec = tierOf(l, 'specialized');
    expect(condition(spec, 'title').status).toBe('met');
    const q = condition(spec, 'qualityScore');
    expect(q.status).toBe('unmet');
    expect(q.leaves[0]!.figure).toContain('45');
    expect(q.leaves[0]!.requirement).toContain('50');
    expect(spec.status).toBe('unmet');
    expect(l.next!.key).toBe('specialized');
    const missing = l.next!.missing.find((m) => m.title === q.title)!;
    expect(missing).toMatchObject({ status: 'unmet', clause: q.clause });
    expect(missing.detail).toMatch(/45.*要求 ≥ 50/);
    // The market position has no number: a reviewer's judgment, listed as not yet assessable.
    expect(l.next!.missing.some((m) => m.status === 'pending')).toBe(true);
    expect(l.qualityScores).toEqual([{ year: 2026, score: '45.00', source: '国家平台' }]);

    // 小巨人 (附件2): R&D over two years 389.25 + 330.80 < 1200, one Ⅰ类 IP < 4.
    const giant = tierOf(l, 'little-giant');
    expect(giant.assessments[0]!.standardId).toBe('little-giant-2026');
    expect(condition(giant, 'rdExpense').status).toBe('unmet');
    expect(condition(giant, 'ip').status).toBe('unmet');
    expect(condition(giant, 'growth').status).toBe('met');
    expect(giant.status).toBe('unmet');
  });

  it('turns 专精特新 from not met to not yet assessable once the score reaches 50 (only the market position left)', async () => {
    await p.province.client.put('/api/v1/quality-scores', {
      uscc: '91320583135792463X',
      year: 2026,
      score: '50.00',
      source: '国家平台（更正）',
    });
    const l = await ladder();
    const spec = tierOf(l, 'specialized');
    expect(condition(spec, 'qualityScore').status).toBe('met');
    expect(spec.status).toBe('pending');
    expect(l.next!.missing.map((m) => m.status)).toEqual(['pending']);
  });

  it('judges by the thresholds in force: a score floor the province corrected is what the ladder requires', async () => {
    const res = await p.province.client.post('/api/v1/standards/specialized-sme-2026/versions', {
      expectedVersion: 1,
      values: { qualityScoreMin: '55' },
      reason: '核对附件1原文',
    });
    expect(res.statusCode).toBe(200);
    const l = await ladder();
    const spec = tierOf(l, 'specialized');
    const q = condition(spec, 'qualityScore');
    expect(q.status).toBe('unmet');
    expect(q.leaves[0]!.requirement).toContain('55');
    expect(spec.assessments[0]!.summary).toContain('第 2 版');
    expect(spec.status).toBe('unmet');
  });
});
