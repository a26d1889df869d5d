/**
 * The reviewers' lists in Chromium at 1366 × 900 (issue #16): 待我审核 fits the screen with 提交时间 in view; the
 * region-wide list (本辖区全部) opens on the current 批次, shows the 批次 and follow-up columns with the mobile
 * masked, changes campaign with the filter, and its Excel export follows the filter; the province's 待我审核 is
 * empty and says where its work is.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueResponse } from '../../src/shared/schemas/review-api';
import { downloadOf, loginAs, sessionAs } from './api';
import { openBrowser, type Browser } from './browser';

let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => {
  await b.close();
});

async function queueSettled(page: Page): Promise<void> {
  await page.locator('#queue-table .ant-spin-spinning').waitFor({ state: 'detached', timeout: 30_000 });
  await page
    .locator('#queue-table .ant-table-row, #queue-table .ant-table-placeholder')
    .first()
    .waitFor({ timeout: 30_000 });
}

interface Metrics {
  pageScroll: number;
  tableScroll: number;
  thLeft: number;
  thRight: number;
  thWidth: number;
  innerWidth: number;
}

/** Nothing scrolls sideways: neither the page nor the table, and the 提交时间 header is inside the window. */
async function expectFits(page: Page): Promise<void> {
  // Runs in the page (a string: the test tsconfig has no DOM types).
  const m = await page.evaluate<Metrics>(`(() => {
    const doc = document.documentElement;
    const th = [...document.querySelectorAll('#queue-table th')].find((e) => e.textContent.includes('提交时间'));
    const body = document.querySelector('#queue-table .ant-table-content, #queue-table .ant-table-body');
    const r = th ? th.getBoundingClientRect() : null;
    return {
      pageScroll: doc.scrollWidth - doc.clientWidth,
      tableScroll: body ? body.scrollWidth - body.clientWidth : -1,
      thLeft: r ? r.left : -1,
      thRight: r ? r.right : 1e9,
      thWidth: r ? r.width : 0,
      innerWidth: window.innerWidth,
    };
  })()`);
  expect(m.innerWidth).toBe(1366);
  expect(m.pageScroll).toBeLessThanOrEqual(0);
  expect(m.tableScroll).toBe(0);
  expect(m.thWidth).toBeGreaterThan(60);
  expect(m.thLeft).toBeGreaterThanOrEqual(0);
  expect(m.thRight).toBeLessThanOrEqual(m.innerWidth);
}

describe('the review lists at 1366 px', () => {
  it('待我审核 fits the screen with 提交时间 in view (ks_county)', async () => {
    const page = await loginAs(b, 'ks_county');
    await page.goto(`${b.baseUrl}/gov/reviews`);
    await queueSettled(page);
    expect(await page.locator('#queue-table .ant-table-row').count()).toBeGreaterThan(0);
    await expectFits(page);
  });

  it('本辖区全部 opens on the current 批次 with the follow-up columns; 全部批次 adds earlier campaigns; the export follows', async () => {
    const api = await sessionAs(b.baseUrl, 'ks_county');
    const all = await api.request<QueueResponse>(
      'GET',
      '/api/v1/review/queue?scope=all&campaign=all&limit=100',
    );
    const current = all.campaigns.find((c) => c.current)!;
    const earlier = all.items.filter((i) => i.campaignYear !== current.year);
    expect(earlier.length).toBeGreaterThan(0); // the demo's 昆山 has filings of earlier campaigns

    const page = b.page;
    await page.goto(`${b.baseUrl}/gov/reviews?scope=all`);
    await queueSettled(page);
    await expectFits(page);
    const filter = page.locator('#queue-filters .ant-form-item', { hasText: '批次' }).locator('.ant-select');
    await expect.poll(() => filter.textContent()).toContain(`${current.year}年度（当前）`);
    const headers = await page.locator('#queue-table th').allTextContents();
    for (const h of ['批次', '联系人', '退回/不通过原因', '最后办理', '提交时间'])
      expect(headers.join('|')).toContain(h);
    const shownYears = await page.locator('#queue-table .ant-table-row td:nth-child(3)').allTextContents();
    expect(shownYears.length).toBeGreaterThan(0);
    expect(new Set(shownYears)).toEqual(new Set([`${current.year}年度`]));
    const tableText = (await page.locator('#queue-table').textContent()) ?? '';
    expect(tableText).toMatch(/1[3-9]\d\*{4}\d{4}/);
    expect(tableText).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);

    // 全部批次 → the earlier campaigns' filings appear; the export link carries the filter.
    await filter.click();
    await page.locator('.ant-select-item-option', { hasText: '全部批次' }).click();
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).searchParams.get('campaign') === 'all'),
      page.locator('#queue-search').click(),
    ]);
    await queueSettled(page);
    expect(new URL(page.url()).searchParams.get('campaign')).toBe('all');
    await expect
      .poll(
        async () =>
          new Set(await page.locator('#queue-table .ant-table-row td:nth-child(3)').allTextContents()),
      )
      .toContain(`${earlier[0]!.campaignYear}年度`);
    await expectFits(page);
    const href = await page.locator('#export-excel').getAttribute('href');
    expect(new URL(href!, b.baseUrl).searchParams.get('campaign')).toBe('all');
    const { bytes } = await downloadOf(page, () => page.locator('#export-excel').click());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const col = header.indexOf('批次') + 1;
    expect(col).toBeGreaterThan(0);
    const years = new Set<string>();
    ws.eachRow((r, n) => {
      if (n > 1) years.add(String(r.getCell(col).value));
    });
    expect(years).toContain(`${current.year}年度`);
    expect(years).toContain(`${earlier[0]!.campaignYear}年度`);
  });

  it('the province’s 待我审核 is empty and points to 本辖区全部', async () => {
    const page = await loginAs(b, 'js_province');
    await page.goto(`${b.baseUrl}/gov/reviews`);
    await queueSettled(page);
    expect(await page.locator('#queue-table .ant-table-row').count()).toBe(0);
    await page.locator('#queue-not-a-level').getByRole('button', { name: '查看本辖区全部' }).click();
    await queueSettled(page);
    expect(new URL(page.url()).searchParams.get('scope')).toBe('all');
    await page.locator('#queue-table .ant-table-row').first().waitFor({ timeout: 30_000 });
    await expectFits(page);
  });
});
