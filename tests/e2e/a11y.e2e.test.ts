/**
 * Accessibility and phones (issue 13, docs/accessibility.md): every page of the platform, as each role sees it,
 * checked by axe (WCAG 2.0/2.1 A + AA; serious and critical fail) on a desktop and on a 390 × 844 phone, with no
 * sideways scrolling on the phone; the government console (desktop-first) at 768 px; 大字模式 and 200 % zoom.
 * One login per role; the pages are the ones the other journeys do not already check in their own states.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, expectAccessibleBoth, expectNoHorizontalScroll, PHONE, TABLET, ZOOM_200 } from './a11y';
import { createEnterpriseUser, loginAs, submitFiling, usccFor } from './api';
import { openBrowser, type Browser } from './browser';

/** Waits for the page's main heading or content to render (lazy routes, data loads). */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
}

async function visit(b: Browser, path: string, label: string): Promise<void> {
  await b.page.goto(b.baseUrl + path);
  await settle(b.page);
  await expectAccessibleBoth(b.page, label, path.startsWith('/gov') ? TABLET : PHONE);
}

describe('accessibility of every page, desktop and small screens', () => {
  let b: Browser;

  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('public pages and the sign-in pages', async () => {
    await visit(b, '/login', '登录');
    await visit(b, '/register', '注册');
    await visit(b, '/forgot-username', '找回用户名');
    await visit(b, '/reset-password', '重置密码');
    await visit(b, '/public/lists', '公示名单');
    await visit(b, '/public/registry', '企业名录');
    await visit(b, '/public/objection-status', '异议进度');
    await visit(b, '/verify', '证书核验');
  });

  it('the enterprise user centre', async () => {
    // An enterprise of its own with a submitted filing, so that 我的填报 has a row and the editor shows its
    // read-only state, without taking a demo enterprise's 新增入库 that other journeys file.
    const user = { username: 'a11y_qiye', password: 'Qiye#Lvse2024' };
    await createEnterpriseUser(b.baseUrl, {
      ...user,
      enterpriseName: '昆山无障碍测试精密有限公司',
      uscc: usccFor('320583', '88408840'),
      mobile: '13900008840',
      countyCode: '320583',
      cityCode: '320500',
    });
    const filingId = await submitFiling(b.baseUrl, user.username, user.password);
    await loginAs(b, user.username, user.password);
    await visit(b, '/qiye', '企业首页');
    await visit(b, '/qiye/filings', '我的填报');
    const first = b.page.locator('a[href^="/qiye/filings/"]').first();
    const href = filingId ? `/qiye/filings/${filingId}` : await first.getAttribute('href');
    expect(href).toBeTruthy();
    await visit(b, href!, '填报详情');
    await visit(b, '/qiye/record', '我的认定');
    await visit(b, '/qiye/ladder', '我的梯度');
    await visit(b, '/qiye/messages', '企业消息中心');
    await visit(b, '/qiye/account', '企业账号设置');
  });

  it('大字模式 (remembered) and 200 % zoom keep every part of the enterprise pages', async () => {
    // Still signed in as demo_qiye_ks from the previous test.
    const { page } = b;
    const bodySize = () =>
      page.evaluate<number>(
        `parseFloat(getComputedStyle(document.querySelector('#main-content .ant-card-body') ?? document.body).fontSize)`,
      );
    await page.setViewportSize(DESKTOP);
    await page.goto(`${b.baseUrl}/qiye/filings`);
    await page.locator('#campaign-name').waitFor();
    expect(await bodySize()).toBeLessThan(18);

    await page.getByLabel('大字模式').click();
    await expect.poll(bodySize).toBeGreaterThanOrEqual(18);
    await page.reload();
    await page.locator('#campaign-name').waitFor();
    expect(await page.getByLabel('大字模式').isChecked()).toBe(true); // remembered for this user
    expect(await bodySize()).toBeGreaterThanOrEqual(18);
    await expectAccessibleBoth(page, '我的填报（大字模式）');

    // 200 % zoom of a 1280 × 900 window = a 640 × 450 CSS-pixel viewport (WCAG 1.4.4 / 1.4.10), with large type.
    await page.setViewportSize(ZOOM_200);
    for (const path of ['/qiye/filings', '/qiye/record', '/qiye/messages', '/qiye/account']) {
      await page.goto(b.baseUrl + path);
      await settle(page);
      await expectNoHorizontalScroll(page, `${path}（200 % 缩放，大字模式）`);
    }
    // Nothing is lost: the header is whole, the list still offers its actions, the menu opens from the keyboard.
    await page.goto(`${b.baseUrl}/qiye/filings`);
    await page.locator('#campaign-name').waitFor();
    const subtitle = page.getByText('企业用户中心', { exact: true });
    expect(await subtitle.isVisible()).toBe(true);
    const box = (await subtitle.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(ZOOM_200.width);
    expect(await page.locator('#start-entry').isVisible()).toBe(true);
    const menuButton = page.getByRole('button', { name: '打开菜单' });
    await menuButton.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: '我的认定' }).waitFor();
    await page.getByRole('button', { name: '收起菜单' }).press('Enter');

    // Switched off again: back to the default size, remembered as off.
    await page.getByLabel('大字模式').click();
    await expect.poll(bodySize).toBeLessThan(18);
    await page.setViewportSize(DESKTOP);
  });

  it('the government console (county, city, province, the three administrators), desktop and 768 px tablet', async () => {
    await loginAs(b, 'ks_county');
    await visit(b, '/gov', '工作台');
    await visit(b, '/gov/reviews', '待我审核');
    const detail = b.page.locator('a[href^="/gov/reviews/"]').first();
    if (await detail.count()) {
      const href = (await detail.getAttribute('href'))!;
      await visit(b, href, '审核详情');
    }
    await visit(b, '/gov/cycle', '年度更新与清退');
    await visit(b, '/gov/stats', '统计');
    await visit(b, '/gov/messages', '政府消息中心');
    await visit(b, '/gov/account', '政府账号设置');

    await loginAs(b, 'sz_city');
    await visit(b, '/gov/evaluation', '创新型评价');
    await visit(b, '/gov/lists', '推荐名单');

    await loginAs(b, 'js_province');
    await visit(b, '/gov/batches', '填报批次');
    await visit(b, '/gov/province/lists', '各市名单');
    await visit(b, '/gov/exchange', '数据交换');
    await visit(b, '/gov/settings', '省级参数设置');
    await visit(b, '/gov/standards', '评价标准');
    await visit(b, '/gov/quality', '质量评价得分');

    await loginAs(b, 'admin');
    await visit(b, '/gov/users', '用户管理');
    await visit(b, '/gov/units', '审核单元');
    await visit(b, '/gov/sms', '短信服务');

    await loginAs(b, 'sec_admin');
    await visit(b, '/gov/users', '用户管理（安全管理员）');

    await loginAs(b, 'audit_admin');
    await visit(b, '/gov/audit', '审计日志');
  });
});
