/**
 * Issue 16 item 4 in Chromium: impossible figures (主营业务收入 8,120.50 above 营业收入 7,035.60) never score full
 * marks. A 常州武进 enterprise (its own county and city reviewers, so no other journey's region is touched) files
 * them: the editor's 自评 shows the reason beside 主营业务收入占比 and "需人工审核"; the county's review page shows it
 * in the indicator's row and 待人工核定; after approval the city's 创新型评价 counts it under 待人工复核 and the
 * evaluation page shows the reason beside the indicator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleSections } from '../../src/shared/filing/fixtures';
import { createEnterpriseUser, createGovUser, loginAs, sessionAs, uploadAndSubmit, usccFor } from './api';
import { openBrowser, type Browser } from './browser';

const WUJIN = { countyCode: '320412', cityCode: '320400' };
const COUNTY = { username: 'wjin_county_e2e', password: 'Wujin#2023e2e' };
const CITY = { username: 'cz_city_e2e', password: 'Changzhou#2023e2e' };
const QIYE = {
  username: 'wjin_qiye_e2e',
  password: 'Qiye@2023dc',
  enterpriseName: '常州武进数据核验测试有限公司',
  uscc: usccFor('320412', '84008400'),
  mobile: '13900000084',
};
const REASON = '主营业务收入大于营业收入';

describe('impossible figures go to manual review, shown beside the indicator', () => {
  let b: Browser;
  let filingId = '';

  beforeAll(async () => {
    b = await openBrowser();
    await createGovUser(b.baseUrl, {
      ...COUNTY,
      displayName: '武进区工信局审核员（测试）',
      role: 'county_reviewer',
      regionCode: WUJIN.countyCode,
    });
    await createGovUser(b.baseUrl, {
      ...CITY,
      displayName: '常州市工信局审核员（测试）',
      role: 'city_reviewer',
      regionCode: WUJIN.cityCode,
    });
    await createEnterpriseUser(b.baseUrl, { ...QIYE, ...WUJIN });
    const s = await sessionAs(b.baseUrl, QIYE.username, QIYE.password);
    const draft = await s.request<{
      id: string;
      campaign: { year: number };
      sections: Record<string, { version: number }>;
    }>('POST', '/api/v1/filings', { kind: 'entry' });
    filingId = draft.id;
    const sections = sampleSections({ campaignYear: draft.campaign.year });
    sections.basic = { ...sections.basic, enterpriseName: QIYE.enterpriseName, uscc: QIYE.uscc, ...WUJIN };
    const ops = sections.operations as { years: Record<string, Record<string, unknown>> };
    const fiscal = String(draft.campaign.year - 1);
    ops.years[fiscal] = { ...ops.years[fiscal], operatingRevenue: '7035.60', mainBusinessRevenue: '8120.50' };
    for (const key of ['basic', 'products', 'operations', 'innovation', 'recognitions'] as const) {
      await s.request('PUT', `/api/v1/filings/${filingId}/sections/${key}`, {
        data: sections[key],
        baseVersion: draft.sections[key]?.version ?? 0,
      });
    }
  }, 180_000);

  afterAll(async () => {
    await b?.close();
  });

  it('the editor, the review page and the evaluation page show the reason beside 主营业务收入占比', async () => {
    // ---- the enterprise's editor: the live 自评
    let page = await loginAs(b, QIYE.username, QIYE.password);
    await page.goto(`${b.baseUrl}/qiye/filings/${filingId}`);
    const panel = page.locator('#assessment-panel');
    await panel.waitFor({ timeout: 30_000 });
    await expect.poll(() => panel.textContent(), { timeout: 30_000 }).toContain('需人工审核');
    await panel.getByText('各项指标（输入、计算结果、档次、得分、规则）').click();
    const indicator = panel.locator('.indicator', { hasText: '上年度营业收入' }).filter({ hasText: REASON });
    await expect.poll(() => indicator.count()).toBe(1);
    expect(await indicator.locator('.indicator-head').textContent()).toContain('— / 20 分');

    // ---- submitted; the county's review page
    await uploadAndSubmit(await sessionAs(b.baseUrl, QIYE.username, QIYE.password), filingId);
    page = await loginAs(b, COUNTY.username, COUNTY.password);
    await page.goto(`${b.baseUrl}/gov/reviews/${filingId}`);
    const assessment = page.locator('#assessment');
    await assessment.waitFor({ timeout: 30_000 });
    const row = assessment.locator('tr', { hasText: '上年度营业收入' }).filter({ hasText: REASON });
    await expect.poll(() => row.count()).toBe(1);
    expect(await assessment.textContent()).toContain('待人工核定');

    // ---- approved by both levels; the city's 创新型评价
    for (const [who, action] of [
      [COUNTY, 'county_approve'],
      [CITY, 'city_approve'],
    ] as const) {
      const s = await sessionAs(b.baseUrl, who.username, who.password);
      const d = await s.request<{ statusVersion: number }>('GET', `/api/v1/review/filings/${filingId}`);
      await s.request('POST', `/api/v1/review/filings/${filingId}/actions`, {
        action,
        expectedStatusVersion: d.statusVersion,
      });
    }
    page = await loginAs(b, CITY.username, CITY.password);
    await page.getByRole('menuitem', { name: '创新型评价' }).click();
    await page.waitForURL(/\/gov\/evaluation/);
    await page.locator('#prepare').click();
    const evalRow = page.locator('#evaluations tr', { hasText: QIYE.enterpriseName });
    await evalRow.waitFor({ timeout: 30_000 });
    expect(await evalRow.textContent()).toContain('待人工');
    const pending = page.locator('.ant-statistic', { hasText: '待人工复核' });
    await expect
      .poll(async () => Number(await pending.locator('.ant-statistic-content-value').textContent()))
      .toBeGreaterThan(0);
    await evalRow.getByRole('link', { name: QIYE.enterpriseName }).click();
    const detailRow = page.locator('tr', { hasText: '上年度营业收入' }).filter({ hasText: REASON });
    await expect.poll(() => detailRow.count(), { timeout: 30_000 }).toBe(1);
  }, 300_000);
});
