/**
 * The 科技型中小企业 journey in Chromium (issue 12): a 昆山 enterprise starts a 科技型中小企业评价 in the portal,
 * fills its own 115号 section in the shared editor and watches the live self-assessment name the standard that
 * applies; it submits; the 昆山 county approves; the 苏州 city approves in the review console, recording the
 * 登记编号 and records the enterprise's 质量评价得分; the enterprise's 我的梯度 then shows the 科技和创新型 tier reached with that number, one year valid, and
 * the 专精特新 tier as the next one.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleSections } from '../../src/shared/filing/fixtures';
import { approve, createEnterpriseUser, loginAs, sessionAs, shot, uploadAndSubmit, usccFor } from './api';
import { openBrowser, type Browser } from './browser';

const USER = 'tech_sme_e2e';
const PASSWORD = 'Keji@2026sme';
const NAME = '昆山科技型示范电子有限公司';
const USCC = usccFor('320583', '72600001');
const REGISTRATION_NO = '2026320583A0007001';
const poll = <T>(fn: () => T | Promise<T>, timeout = 20_000) => expect.poll(fn, { timeout });
const id = (p: string) => `#fld-techSme-${p}`;

async function choose(page: Page, field: string, label: '是' | '否'): Promise<void> {
  await page.locator(id(field)).getByText(label, { exact: true }).click();
}

describe('科技型中小企业评价: filing → county → city (登记编号) → 我的梯度', () => {
  let b: Browser;
  let filingId = '';

  beforeAll(async () => {
    b = await openBrowser();
    await createEnterpriseUser(b.baseUrl, {
      username: USER,
      password: PASSWORD,
      enterpriseName: NAME,
      uscc: USCC,
      mobile: '13900726001',
      countyCode: '320583',
      cityCode: '320500',
    });
  });

  afterAll(async () => {
    await b?.close();
  });

  it('the enterprise starts it, fills the 科技型 section and sees the 115号 self-assessment live', async () => {
    const page = await loginAs(b, USER, PASSWORD);
    await page.goto(`${b.baseUrl}/qiye/filings`);
    await page.locator('#start-tech_sme').click();
    await page.waitForURL((u) => /\/qiye\/filings\/[0-9a-f-]{36}/.test(u.pathname), { timeout: 30_000 });
    filingId = new URL(page.url()).pathname.split('/').pop()!;

    // 基本情况 is the shared section, already covered by the 新增入库 journey: filled through the API here.
    const s = await sessionAs(b.baseUrl, USER, PASSWORD);
    const detail = await s.request<{
      sections: Record<string, { version: number }>;
      campaign: { year: number };
    }>('GET', `/api/v1/filings/${filingId}`);
    const sample = sampleSections({ campaignYear: detail.campaign.year });
    await s.request('PUT', `/api/v1/filings/${filingId}/sections/basic`, {
      data: { ...sample.basic, enterpriseName: NAME, uscc: USCC },
      baseVersion: detail.sections['basic']!.version,
    });
    await page.goto(`${b.baseUrl}/qiye/filings/${filingId}?tab=techSme`);
    await page.locator('[data-section-panel="techSme"]').waitFor({ timeout: 30_000 });
    // Only 基本情况, 科技型评价指标 and 附件: the 入库 sections are not part of this filing.
    expect(await page.locator('.ant-tabs-tab [data-section]').count()).toBe(3);
    await poll(() => page.locator('#assessment-standard').textContent()).toContain(
      '科技型中小企业评价标准（国科发政〔2017〕115号）',
    );

    const figures: Record<string, string> = {
      employees: '186',
      techStaff: '48',
      salesRevenue: '8,650',
      totalCost: '7420',
      rdExpense: '389.25',
      totalAssets: '9800',
      ipClassI: '1',
      ipClassII: '0',
    };
    for (const [k, v] of Object.entries(figures)) await page.locator(id(k)).fill(v);
    await page.locator(id('totalAssets')).press('Tab');
    for (const f of ['residentEnterprise', 'notProhibited', 'noMajorIncident']) await choose(page, f, '是');
    // 科技人员 48 ÷ 186 → 16; 研发 389.25 ÷ 8650 = 4.5% → 30; 1 项Ⅰ类 → 30.
    await poll(() => page.locator('#assessment-total').textContent()).toBe('76');
    await poll(() => page.locator('#assessment-panel').textContent()).toContain('符合科技型中小企业评价条件');
    await page.locator('#save-button').click();
    await poll(() => page.locator('#save-indicator').getAttribute('data-state')).toBe('saved');
    await shot(page, 'tech-sme-editor');

    await uploadAndSubmit(s, filingId);
    await page.reload();
    await poll(() => page.locator('#status-banner').textContent()).toContain('待县区审核');
  });

  it('the county approves; the 苏州 city approves in the console, recording the 登记编号', async () => {
    await approve(b.baseUrl, 'ks_county', filingId, 'county_approve');
    const page = await loginAs(b, 'sz_city');
    await page.goto(`${b.baseUrl}/gov/reviews/${filingId}`);
    await page.locator('#review-detail').waitFor({ timeout: 30_000 });
    await poll(() => page.locator('#review-detail').textContent()).toContain('科技型中小企业评价标准');
    await page.locator('#action-city_approve').click();
    await page.locator('#action-dialog').waitFor();
    // Without the number the dialog says what is missing.
    await page.locator('#action-confirm').click();
    await poll(() => page.locator('#action-dialog').textContent()).toContain(
      '请填写科技型中小企业入库登记编号',
    );
    await page.locator('#registration-no').fill(REGISTRATION_NO);
    await page.locator('#action-confirm').click();
    await poll(() => page.locator('#detail-status').textContent(), 30_000).toContain('已通过');
    await shot(page, 'tech-sme-approved');

    // The city records the enterprise's 质量评价得分 from the national platform.
    await page.goto(`${b.baseUrl}/gov/quality`);
    await page.locator('#quality-form').waitFor({ timeout: 30_000 });
    await page.locator('#quality-uscc').fill(USCC);
    await page.locator('#quality-score').fill('48.5');
    await page.locator('#quality-source').fill('国家平台 2026 年度查询结果');
    await page.locator('#quality-save').click();
    await poll(() => page.locator('#quality-table').textContent()).toContain('48.50');
  });

  it('我的梯度 shows the 科技和创新型 tier reached with the number, and 专精特新 as the next tier', async () => {
    const page = await loginAs(b, USER, PASSWORD);
    await page.goto(`${b.baseUrl}/qiye/ladder`);
    const t1 = page.locator('#tier-tech-innovative');
    await t1.waitFor({ timeout: 30_000 });
    expect(await t1.getAttribute('data-status')).toBe('met');
    const text = await t1.innerText();
    expect(text).toContain('已取得称号');
    expect(text).toContain(REGISTRATION_NO);
    expect(text).toContain('科技型中小企业评价标准（国科发政〔2017〕115号）');
    await poll(() => page.locator('#ladder-next').textContent()).toContain('专精特新中小企业');
    // No 入库 filing data yet for the 2026 专精特新 check; the recorded score is shown.
    expect(await page.locator('#tier-specialized').innerText()).toContain('新增入库');
    expect(await page.locator('#ladder-scores').innerText()).toContain('48.50 分');
    await shot(page, 'tech-sme-ladder');
  });
});
