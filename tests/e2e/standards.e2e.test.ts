/**
 * The standards page in Chromium (issue 12): the province opens 评价标准, sees each condition with its clause and
 * 「待核实」 where the source is a single one, corrects a threshold of the 2026 小巨人 standard (a new version with
 * the reason in the history) and puts it back; a county reviewer sees the same page read-only. On 填报批次 the
 * province sets the standard a campaign uses for the 小巨人 复核 (2022 rules) and puts it back; the system
 * administrator sees no such setting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, shot } from './api';
import { openBrowser, type Browser } from './browser';

describe('standards page: conditions, 待核实, a threshold corrected as a new version', () => {
  let b: Browser;

  beforeAll(async () => {
    b = await openBrowser();
  }, 120_000);

  afterAll(async () => {
    await b?.close();
  });

  it('the province corrects a threshold and the history keeps both versions', async () => {
    const page = await loginAs(b, 'js_province');
    await page.getByRole('menuitem', { name: /评价标准$/ }).click();
    await page.waitForURL(/\/gov\/standards/);
    await page.getByText('专精特新“小巨人”企业（2026）').click();
    await page
      .locator('#standard-title', { hasText: '专精特新“小巨人”企业认定标准' })
      .waitFor({ timeout: 30_000 });
    // 附件2（六） is [S]: 待核实 beside it; the 复核 rule for growth is [S] as well.
    const fieldRow = page.locator('tr', { hasText: '产业链关键环节' }).first();
    await expect(fieldRow.getByText('待核实').count()).resolves.toBeGreaterThan(0);
    await page.getByText('复核时不评价营业收入复合增长率').waitFor();

    const share = page.locator('#param-marketShareMin');
    const before = await share.inputValue();
    const versionText = await page.locator('#standard-version').innerText();
    const version = Number(/第 (\d+) 版/.exec(versionText)![1]);
    await share.fill('12');
    await page.locator('#standard-reason').fill('端到端测试：核对附件2（五）');
    await page.locator('#standard-save').click();
    await page
      .locator('#standard-version', { hasText: `当前第 ${version + 1} 版` })
      .waitFor({ timeout: 30_000 });
    await page.locator('tr', { hasText: '端到端测试：核对附件2（五）' }).waitFor();
    await expect(page.locator('#param-marketShareMin').inputValue()).resolves.toBe('12');
    await shot(page, 'standards-corrected');

    // Put the built-in value back: one more version, no correction left.
    await page.locator('#param-marketShareMin').fill(before);
    await page.locator('#standard-reason').fill('端到端测试：恢复内置值');
    await page.locator('#standard-save').click();
    await page
      .locator('#standard-version', { hasText: `当前第 ${version + 2} 版` })
      .waitFor({ timeout: 30_000 });
  });

  it('a county reviewer reads the same standard without editing', async () => {
    const page = await loginAs(b, 'ks_county');
    await page.getByRole('menuitem', { name: /评价标准$/ }).click();
    await page.waitForURL(/\/gov\/standards/);
    await page.getByText('专精特新中小企业（2026）').click();
    await page
      .locator('#standard-title', { hasText: '专精特新中小企业认定标准' })
      .waitFor({ timeout: 30_000 });
    await page.getByText('复核：近两年任一年度得分不低于50分即满足').waitFor();
    expect(await page.locator('#standard-save').count()).toBe(0);
    expect(await page.locator('#param-revenueMin').count()).toBe(0);
  });

  it('the province sets the standard a campaign uses for the 小巨人 复核 (2022 rules) and puts it back', async () => {
    const page = await loginAs(b, 'js_province');
    await page.getByRole('menuitem', { name: /填报批次$/ }).click();
    await page.waitForURL(/\/gov\/batches/);
    const open = page.locator('[id^="overrides-open-"]').first();
    await open.waitFor({ timeout: 30_000 });
    const year = (await open.getAttribute('id'))!.replace('overrides-open-', '');
    await open.click();
    await page.locator('#override-little-giant-review').click();
    await page.locator('.ant-select-item-option', { hasText: '暂行办法》附件3' }).click();
    await page.locator('#overrides-save').click();
    const tags = page.locator(`[data-testid="overrides-${year}"]`);
    await tags.waitFor({ timeout: 30_000 });
    await expect(tags.innerText()).resolves.toContain('专精特新“小巨人”企业 · 复核');
    await shot(page, 'campaign-rule-overrides');

    // Back to the date rule: no override left.
    await page.locator(`#overrides-open-${year}`).click();
    await page.locator('#override-little-giant-review').click();
    await page.locator('.ant-select-item-option', { hasText: '按申请日期自动选择' }).last().click();
    await page.locator('#overrides-save').click();
    await tags.waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('the system administrator sees the campaigns but cannot set their standards', async () => {
    const page = await loginAs(b, 'admin');
    await page.getByRole('menuitem', { name: /填报批次$/ }).click();
    await page.waitForURL(/\/gov\/batches/);
    await page
      .locator('#campaign-table')
      .getByText('按申请日期自动选择')
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await page.locator('[id^="overrides-open-"]').count()).toBe(0);
  });
});
