/**
 * The annual cycle journey in Chromium (issue 6): an enterprise of 昆山 enters the database (filing submitted and
 * approved by the county and the 苏州 city through the HTTP API); the province has a campaign whose 数据更新
 * deadline and grace period are over (created through the campaign API with past dates — the e2e server runs on
 * real time and has no test clock); the 苏州 city reviewer opens 年度更新与清退, sees the enterprise among those
 * who have not updated, generates the proposals and confirms its 清退; the enterprise sees 已清退 on 我的认定 and
 * files its one appeal on 清退与申诉; the city upholds the appeal and the enterprise is back 在库. First the province checks the
 * 清退宽限期 in 省级参数设置 (field errors next to the fields; saved unchanged).
 *
 * Notifications are background jobs: the test runs the due ones through POST /api/v1/test/jobs/run.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvedKunshanEnterprise,
  loginAs,
  pastCampaign,
  runJobs,
  sessionAs,
  shot,
  usccFor,
  type CampaignItem,
} from './api';
import { openBrowser, type Browser } from './browser';

const QIYE_USER = 'cycle_e2e';
const QIYE_PASSWORD = 'Qiye@2023cy';
const QIYE_NAME = '昆山清退测试科技有限公司';
const QIYE_MOBILE = '13900000077';
const QIYE_USCC = usccFor('320583', '77007700');
const APPEAL = '本企业已于截止前准备好更新材料，因系统账号交接未能及时提交，恳请恢复在库。';
const DECISION = '经核实，企业确因账号交接延误，申诉成立，恢复在库。';

/** Clicks 加载更多 until a row with the text appears in the table (the lists are paged by 50). */
async function findRow(page: Page, tableId: string, text: string) {
  const row = page.locator(`#${tableId} tr`, { hasText: text });
  for (let i = 0; i < 40; i++) {
    await page
      .locator(`#${tableId} .ant-table-row, #${tableId} .ant-empty`)
      .first()
      .waitFor({ timeout: 30_000 });
    if (await row.count()) return row;
    const more = page.getByRole('button', { name: '加载更多' });
    if (!(await more.count())) break;
    await more.first().click();
    await page.waitForTimeout(300);
  }
  await row.waitFor({ timeout: 15_000 });
  return row;
}

describe('annual cycle journey: not updated → 拟清退 → 清退 confirmed → appeal → upheld', () => {
  let b: Browser;
  let campaign: CampaignItem;

  beforeAll(async () => {
    b = await openBrowser();
    await approvedKunshanEnterprise(b.baseUrl, {
      username: QIYE_USER,
      password: QIYE_PASSWORD,
      enterpriseName: QIYE_NAME,
      uscc: QIYE_USCC,
      mobile: QIYE_MOBILE,
    });
    // The enterprise is 在库 now; the past campaign records it among those who owe a 数据更新.
    campaign = await pastCampaign(b.baseUrl, '端到端测试清退批次');
  }, 180_000);

  afterAll(async () => {
    await b?.close();
  });

  it('the province keeps the 清退 grace period in 省级参数设置; out-of-range values are refused next to the field', async () => {
    const page = await loginAs(b, 'js_province');
    await page.getByRole('menuitem', { name: /省级参数设置$/ }).click();
    await page.waitForURL(/\/gov\/settings/);
    await page.locator('#settings-form').waitFor({ timeout: 30_000 });
    const publicity = page.locator('#publicityDays');
    const grace = page.locator('#clearanceGraceDays');
    const appeal = page.locator('#appealWindowDays');
    const expiry = page.locator('#proposalExpiryDays');
    const before = {
      publicity: await publicity.inputValue(),
      grace: await grace.inputValue(),
      appeal: await appeal.inputValue(),
      expiry: await expiry.inputValue(),
    };
    // ADR 0021's defaults: 30 days to appeal, 60 days to confirm a proposal.
    expect(before).toMatchObject({ appeal: '30', expiry: '60' });
    await publicity.fill('31');
    await grace.fill('91');
    await appeal.fill('181');
    await expiry.fill('14');
    await page.locator('#settings-save').click();
    const itemOf = (id: string) => page.locator('.ant-form-item', { has: page.locator(`#${id}`) });
    await expect
      .poll(() => itemOf('publicityDays').locator('.ant-form-item-explain').textContent())
      .toContain('公示天数不能超过 30 天');
    expect(await itemOf('clearanceGraceDays').locator('.ant-form-item-explain').textContent()).toContain(
      '清退宽限天数不能超过 90 天',
    );
    expect(await itemOf('appealWindowDays').locator('.ant-form-item-explain').textContent()).toContain(
      '清退申诉期限不能超过 180 天',
    );
    expect(await itemOf('proposalExpiryDays').locator('.ant-form-item-explain').textContent()).toContain(
      '拟清退建议有效期不能少于 15 天',
    );
    // Saved unchanged (other journeys rely on the defaults): the save is recorded with its time.
    await publicity.fill(before.publicity);
    await grace.fill(before.grace);
    await appeal.fill(before.appeal);
    await expiry.fill(before.expiry);
    await page.locator('#settings-save').click();
    await expect.poll(() => page.locator('#settings-updated').textContent()).toContain('最近修改');
    const s = await sessionAs(b.baseUrl, 'js_province');
    const saved = await s.request<{
      publicityDays: number;
      clearanceGraceDays: number;
      updatedAt: string | null;
    }>('GET', '/api/v1/settings/province');
    expect(saved).toMatchObject({
      publicityDays: Number(before.publicity),
      clearanceGraceDays: Number(before.grace),
      appealWindowDays: 30,
      proposalExpiryDays: 60,
    });
    expect(saved.updatedAt).not.toBeNull();
    await shot(page, 'settings');
  });

  it('the enterprise is 在库 before the clearance', async () => {
    const s = await sessionAs(b.baseUrl, QIYE_USER, QIYE_PASSWORD);
    const cur = await s.request<{ dbStatus: string }>('GET', '/api/v1/campaigns/current');
    expect(cur.dbStatus).toBe('in_db');
  });

  it('the 苏州 city reviewer sees the enterprise among those who have not updated', async () => {
    const page = await loginAs(b, 'sz_city');
    await page.getByRole('menuitem', { name: '年度更新与清退' }).click();
    await page.waitForURL(/\/gov\/cycle/);
    await page.goto(`${b.baseUrl}/gov/cycle?campaignId=${campaign.id}`);
    const row = await findRow(page, 'outstanding', QIYE_NAME);
    expect(await row.textContent()).toContain(QIYE_USCC);
    expect(await row.textContent()).toContain('昆山市');
    // The mobile is masked in the list; 显示 reveals it to the officer who phones the enterprise (audited).
    expect(await row.textContent()).not.toContain(QIYE_MOBILE);
    expect(await row.textContent()).toContain('139****0077');
    await row.getByRole('button', { name: /显示完整号码/ }).click();
    await row.locator('a[data-revealed="true"]', { hasText: QIYE_MOBILE }).waitFor({ timeout: 15_000 });
    await shot(page, 'cycle-outstanding');
  });

  it('the city generates the proposals and confirms the 清退 of the enterprise', async () => {
    const page = b.page;
    await page.getByRole('tab', { name: '清退与申诉' }).click();
    await page.locator('#propose').click();
    await page.locator('.ant-message', { hasText: '拟清退' }).waitFor({ timeout: 30_000 });
    const row = await findRow(page, 'clearances', QIYE_NAME);
    expect(await row.textContent()).toContain('拟清退');
    await row.locator('input[type="checkbox"]').check();
    await page.locator('#confirm-clearance').click();
    await page.getByRole('button', { name: '确认清退' }).last().click();
    await expect
      .poll(async () => (await findRow(page, 'clearances', QIYE_NAME)).textContent(), { timeout: 30_000 })
      .toContain('已清退');
    await shot(page, 'cycle-confirmed');
    await runJobs(b.baseUrl);
  });

  it('the enterprise sees 已清退 on 我的认定 and files its appeal on 清退与申诉', async () => {
    const page = await loginAs(b, QIYE_USER, QIYE_PASSWORD);
    await page.goto(`${b.baseUrl}/qiye/record`);
    await expect.poll(() => page.locator('#db-status').textContent(), { timeout: 30_000 }).toBe('已清退');
    await page.locator('#record-clearances a', { hasText: '申诉' }).click();
    await page.waitForURL(/\/qiye\/clearances/);
    const card = page.locator('.clearance-card', { hasText: `${campaign.year} 年度` });
    await card.waitFor({ timeout: 30_000 });
    expect(await card.locator('.clearance-status').textContent()).toBe('已清退');
    await card.getByRole('button', { name: '提出申诉' }).click();
    await page.getByLabel('申诉理由').fill(APPEAL);
    await page.getByRole('button', { name: '提交申诉' }).click();
    await expect
      .poll(() => card.locator('.appeal-status').textContent(), { timeout: 30_000 })
      .toBe('申诉待处理');
    await shot(page, 'cycle-appeal');
    // One appeal per clearance: the button is gone.
    expect(await card.getByRole('button', { name: '提出申诉' }).count()).toBe(0);
    await runJobs(b.baseUrl);
  });

  it('the city upholds the appeal; the enterprise is 在库 again', async () => {
    const page = await loginAs(b, 'sz_city');
    await page.goto(`${b.baseUrl}/gov/cycle?campaignId=${campaign.id}`);
    await page.getByRole('tab', { name: '清退与申诉' }).click();
    const row = await findRow(page, 'clearances', QIYE_NAME);
    expect(await row.textContent()).toContain(APPEAL);
    await row.getByRole('button', { name: '处理申诉' }).click();
    await page.getByLabel(/申诉成立/).check();
    await page.getByLabel('处理意见').fill(DECISION);
    await page.getByRole('button', { name: /提\s*交/ }).click();
    await expect
      .poll(async () => (await findRow(page, 'clearances', QIYE_NAME)).textContent(), { timeout: 30_000 })
      .toContain(DECISION);
    await shot(page, 'cycle-decided');
    await runJobs(b.baseUrl);

    const s = await sessionAs(b.baseUrl, QIYE_USER, QIYE_PASSWORD);
    const cur = await s.request<{ dbStatus: string }>('GET', '/api/v1/campaigns/current');
    expect(cur.dbStatus).toBe('in_db');
    const mine = await s.request<{ items: { status: string; appealStatus: string | null }[] }>(
      'GET',
      '/api/v1/cycle/clearances/mine',
    );
    expect(mine.items[0]).toMatchObject({ status: 'reinstated', appealStatus: 'upheld' });
  });
});
