import { ensureDefaultCampaign } from '../../../src/server/modules/campaigns/service';
import type { DataQualityFlag } from '../../../src/shared/schemas/review-api';
import { detail, insertSubmitted, newEnterprise, setupReview, type ReviewFixture } from './helpers';

let f: ReviewFixture;
beforeAll(async () => {
  f = await setupReview();
  await ensureDefaultCampaign(f.t.ctx, 2022);
});
afterAll(async () => {
  await f.t.close();
});

type Years = Record<string, Record<string, unknown>>;
const yearsOf = (s: Record<string, Record<string, unknown>>) => (s.operations as { years: Years }).years;

describe('the review page', () => {
  it('数据更新: a year-over-year comparison with the last approved filing and every data-quality flag', async () => {
    const e = await newEnterprise(f.t, '320583', '数据质量测试机械有限公司');
    let current: Years = {};
    const now = await insertSubmitted(f.t, {
      enterprise: e,
      countyCode: '320583',
      kind: 'update',
      columns: { uscc: '12320583MB0123456X' },
      edit: (s) => {
        const y = yearsOf(s);
        // 2020: 主营业务收入 and 研发费用 above 营业收入.
        y['2020'] = { ...y['2020'], mainBusinessRevenue: '6500.00', rdExpense: '7000.00' };
        // 2021 → 2022 主营业务收入 2000 → 9000: growth 350 %.
        y['2021'] = { ...y['2021'], mainBusinessRevenue: '2000.00' };
        // 2022: a large enterprise (工业: 1000 人 and 40000 万元 or more).
        y['2022'] = {
          ...y['2022'],
          mainBusinessRevenue: '9000.00',
          operatingRevenue: '500000.00',
          totalAssets: '900000.00',
          employees: 5000,
        };
        current = structuredClone(y);
      },
    });
    // The approved filing of the 2022 campaign reported 2020 and 2021 too: the same, except 2021 研发费用.
    await insertSubmitted(f.t, {
      enterprise: e,
      countyCode: '320583',
      year: 2022,
      status: 'approved',
      submittedAt: new Date('2022-03-01T09:00:00+08:00'),
      edit: (s) => {
        const y = yearsOf(s);
        y['2020'] = structuredClone(current['2020']!);
        y['2021'] = { ...structuredClone(current['2021']!), rdExpense: '300.00' };
      },
    });

    const d = await detail(f.p.ksCounty.client, now.id);
    expect(d.kindLabel).toBe('数据更新');
    expect(d.smeSize).toBe('large');
    const byCode = (code: DataQualityFlag['code']) => d.flags.filter((x) => x.code === code);
    expect(d.flags.map((x) => x.code).sort()).toEqual(
      [
        'growth_above_200',
        'main_revenue_above_revenue',
        'non_enterprise_uscc',
        'not_sme',
        'rd_above_revenue',
        'year_figure_differs',
      ].sort(),
    );
    expect(byCode('main_revenue_above_revenue')[0]).toMatchObject({ path: 'years.2020.mainBusinessRevenue' });
    expect(byCode('rd_above_revenue')[0]!.message).toContain('2020 年度研发费用（7000.00 万元）大于营业收入');
    expect(byCode('growth_above_200')[0]!.message).toContain('350.00%');
    expect(byCode('non_enterprise_uscc')[0]!.message).toContain('12320583MB0123456X');
    expect(byCode('year_figure_differs')).toEqual([
      {
        code: 'year_figure_differs',
        message: '2021 年度研发费用本次填报为 330.80，与 2022 年度批次已通过的填报（300.00）不一致',
        section: 'operations',
        path: 'years.2021.rdExpense',
      },
    ]);

    expect(d.comparison).not.toBeNull();
    expect(d.comparison!.previousCampaignYear).toBe(2022);
    const field = (path: string) =>
      d.comparison!.fields.find((x) => x.section === 'operations' && x.path === path);
    expect(field('years.2021.rdExpense')).toEqual({
      section: 'operations',
      path: 'years.2021.rdExpense',
      label: '经营情况：2021 年度研发费用',
      previous: '300.00',
      current: '330.80',
      changed: true,
    });
    expect(field('years.2020.operatingRevenue')).toMatchObject({ changed: false });
    // 2022 is a year only this filing covers: shown apart, not counted as a change (issue 16 item 3).
    expect(field('years.2022.employees')).toBeUndefined();
    expect(d.comparison!.newYears).toEqual(['2022']);
    expect(d.comparison!.apartFields.find((x) => x.path === 'years.2022.employees')).toMatchObject({
      previous: null,
      current: 5000,
      changed: false,
    });
    expect(d.comparison!.changedCount).toBe(d.comparison!.fields.filter((x) => x.changed).length);
    expect(
      d.comparison!.fields.find((x) => x.section === 'basic' && x.path === 'enterpriseName'),
    ).toMatchObject({
      label: '基本情况：企业名称',
      changed: false,
    });
  });

  it('a clean 新增入库 has no flags and no comparison; the page shows the frozen assessment and deadline', async () => {
    const e = await newEnterprise(f.t, '320583');
    const row = await insertSubmitted(f.t, { enterprise: e, countyCode: '320583' });
    const d = await detail(f.p.ksCounty.client, row.id);
    expect(d.flags).toEqual([]);
    expect(d.comparison).toBeNull();
    expect(d.assessment).toMatchObject({ standardId: 'innovative-sme-2022', fiscalYear: 2022 });
    expect(d.assessment.result).toHaveProperty('innovative');
    expect(d.scoreTotal).toBe(90);
    expect(d.deadline).toMatchObject({
      level: 'county',
      label: '2023年3月28日',
      passed: false,
      extended: false,
    });
    expect(d.sections.operations).toHaveProperty('years');
    expect(d.history).toEqual([expect.objectContaining({ action: 'submit', actionLabel: '提交' })]);
    expect(d.campaign.year).toBe(2023);
  });
});
