/**
 * The reviewers' lists in Chromium at 1366 × 900 (issue #16): 待我审核 fits the screen with 提交时间 in view; the
 * region-wide list (本辖区全部) opens on the current 批次, shows the 批次 and follow-up columns with the mobile
 * masked, changes campaign with the filter, and its Excel export follows the filter; the province's 待我审核 is
 * empty and says where its work is. Then the city's 退回县区 with a marked field the county reads, and the 已转出
 * trace a county keeps of a filing it transferred (ADR 0020).
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueResponse } from '../../src/shared/schemas/review-api';
import { approve, createEnterpriseUser, downloadOf, loginAs, sessionAs, submitFiling, usccFor } from './api';
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
    // Rows are counted once the queue has answered: before that the table may show its empty placeholder.
    const answered = page.waitForResponse((r) => r.url().includes('/api/v1/review/queue?'));
    await page.goto(`${b.baseUrl}/gov/reviews`);
    expect((await answered).status()).toBe(200);
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

const PASSWORD = 'Qiye@2023rl';
let seq = 0;

/** A new enterprise account registered in 吴江 whose 新增入库 (the sample, filed for 昆山) waits at the 昆山 county. */
async function submitted(name: string): Promise<string> {
  seq += 1;
  const n = String(seq).padStart(2, '0');
  const username = `rl_e2e_${n}`;
  await createEnterpriseUser(b.baseUrl, {
    username,
    password: PASSWORD,
    enterpriseName: name,
    uscc: usccFor('320509', `RL0000${n}`),
    mobile: `139770200${n}`,
    countyCode: '320509',
    cityCode: '320500',
  });
  return submitFiling(b.baseUrl, username, PASSWORD);
}

describe('退回县区 with marked fields', () => {
  const REASON = '请县区核实联系人手机';
  const COMMENT = '与营业执照登记电话不一致';
  let id: string;
  beforeAll(async () => {
    id = await submitted('吴江退回县区标注测试有限公司');
    await approve(b.baseUrl, 'ks_county', id, 'county_approve');
  }, 120_000);

  it('the city marks 联系人手机 with a comment when it returns the filing to the county', async () => {
    const page = await loginAs(b, 'sz_city');
    await page.goto(`${b.baseUrl}/gov/reviews/${id}`);
    await page.locator('#review-detail').waitFor({ timeout: 30_000 });
    await page.locator('#action-city_return_to_county').click();
    const dialog = page.locator('#action-dialog');
    await dialog.waitFor();
    await page.locator('#action-reason').fill(REASON);
    await dialog.getByRole('checkbox', { name: '基本情况' }).check();
    await dialog
      .locator('[data-return-section="basic"]')
      .getByRole('checkbox', { name: '联系人手机' })
      .check();
    await dialog.getByLabel('联系人手机 修改意见').fill(COMMENT);
    await page.locator('#action-confirm').click();
    await page.locator('#detail-status', { hasText: '待县区审核' }).waitFor({ timeout: 30_000 });
  });

  it('the county sees the city’s reason and the marked field on its review page', async () => {
    const page = await loginAs(b, 'ks_county');
    await page.goto(`${b.baseUrl}/gov/reviews/${id}`);
    const info = page.locator('#city-return-info');
    await info.waitFor({ timeout: 30_000 });
    expect(await info.innerText()).toContain(REASON);
    expect(await info.innerText()).toContain('基本情况');
    const field = page.locator('[data-field="basic:contact.mobile"]');
    await field.waitFor();
    expect(await field.innerText()).toContain(COMMENT);
  });
});

describe('已转出: the county keeps a trace of a filing it transferred', () => {
  const REASON = '企业实际注册地为吴江区，应由吴江区审核';
  let id: string;
  beforeAll(async () => {
    id = await submitted('吴江转出痕迹测试有限公司');
    const ks = await sessionAs(b.baseUrl, 'ks_county');
    const d = await ks.request<{ statusVersion: number }>('GET', `/api/v1/review/filings/${id}`);
    await ks.request('POST', `/api/v1/review/filings/${id}/actions`, {
      action: 'transfer',
      toCountyCode: '320509',
      reason: REASON,
      expectedStatusVersion: d.statusVersion,
    });
  }, 120_000);

  it('an old link to the review page opens the read-only 已转出 trace; the list names it', async () => {
    const page = await loginAs(b, 'ks_county');
    await page.goto(`${b.baseUrl}/gov/reviews/${id}`);
    await page.waitForURL((u) => u.pathname === `/gov/reviews/transferred/${id}`, { timeout: 30_000 });
    const detail = page.locator('#transferred-detail');
    await detail.waitFor({ timeout: 30_000 });
    expect(await page.locator('#transferred-status').innerText()).toBe('已转出');
    const text = await detail.innerText();
    expect(text).toContain('苏州市吴江区');
    expect(text).toContain(REASON);
    expect(await page.locator('#history').innerText()).toContain('转交其他县区');
    // Read-only: no actions, no content, no files.
    expect(await page.locator('#review-actions, #attachments').count()).toBe(0);

    await page.goto(`${b.baseUrl}/gov/reviews`);
    await page.locator('#transferred-out-link').click();
    await page.locator('#transferred-out').waitFor();
    await page
      .locator('a.transferred-link', { hasText: '吴江转出痕迹测试有限公司' })
      .waitFor({ timeout: 30_000 });
  });
});
