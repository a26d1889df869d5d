/**
 * Accessibility and phones (issue 13, docs/accessibility.md): every page of the platform, as each role sees it,
 * checked by axe (WCAG 2.0/2.1 A + AA; serious and critical fail) on a desktop and on a 390 × 844 phone, with no
 * sideways scrolling on the phone; the government console (desktop-first) at 768 px.
 * One login per role; the pages are the ones the other journeys do not already check in their own states.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessibleBoth, PHONE, TABLET } from './a11y';
import { loginAs, submitFiling } from './api';
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
    // A submitted filing so that 我的填报 has a row and the editor shows its read-only state.
    const filingId = await submitFiling(b.baseUrl, 'demo_qiye_ks').catch(() => null);
    await loginAs(b, 'demo_qiye_ks');
    await visit(b, '/qiye', '企业首页');
    await visit(b, '/qiye/filings', '我的填报');
    const first = b.page.locator('a[href^="/qiye/filings/"]').first();
    const href = filingId ? `/qiye/filings/${filingId}` : await first.getAttribute('href');
    expect(href).toBeTruthy();
    await visit(b, href!, '填报详情');
    await visit(b, '/qiye/record', '我的认定');
    await visit(b, '/qiye/messages', '企业消息中心');
    await visit(b, '/qiye/account', '企业账号设置');
  });

  it('the government console (county, city, province, admin), desktop and 768 px tablet', async () => {
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

    await loginAs(b, 'admin');
    await visit(b, '/gov/users', '用户管理');
    await visit(b, '/gov/units', '审核单元');
    await visit(b, '/gov/audit', '审计日志');
  });
});
