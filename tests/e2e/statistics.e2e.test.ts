/**
 * The statistics journey in Chromium (issue 6): the province opens 统计 from the menu and sees the table of the 13
 * cities, the ECharts bars, the trend lines and the map of Jiangsu drawn on canvases (the production build: the
 * `echarts-for-react/esm/core` import renders, stack notes pitfall 8); switches the figure the map is coloured by
 * and the year; exports the Excel file.
 *
 * A second campaign year is made through the province's campaign API (a campaign with past dates), so the year
 * can be switched whatever the demo data holds.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cities } from '../../src/shared/regions';
import { loginAs, pastCampaign, shot, type CampaignItem } from './api';
import { openBrowser, type Browser } from './browser';

/** Painted (non-transparent) pixels of the first canvas in the element; the test tsconfig has no DOM types. */
function paintedPixels(page: Page, selector: string): Promise<number> {
  return page
    .locator(`${selector} canvas`)
    .first()
    .evaluate((el) => {
      type Canvas = {
        width: number;
        height: number;
        getContext(kind: '2d'): {
          getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
        };
      };
      const c = el as unknown as Canvas;
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });
}

/**
 * Picks `label` in the antd Select `selectId` and waits for the page to put it in the URL (`url`). The option is
 * looked up in the OPEN dropdown only (antd keeps closed dropdowns in the DOM), and the pick is retried when the
 * dropdown closed before the click landed (the page re-renders while its data arrives).
 */
async function chooseOption(page: Page, selectId: string, label: string, url: RegExp): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.locator('.ant-select', { has: page.locator(`#${selectId}`) }).click();
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
          hasText: label,
        })
        .first()
        .click({ timeout: 5_000 });
      await page.waitForURL(url, { timeout: 5_000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

describe('statistics journey: table, ECharts bars, trend and map, year switch, Excel export', () => {
  let b: Browser;
  let past: CampaignItem;

  beforeAll(async () => {
    b = await openBrowser();
    past = await pastCampaign(b.baseUrl, '端到端测试统计往年批次');
  }, 180_000);

  afterAll(async () => {
    await b?.close();
  });

  it('the province opens 统计 and sees the 13 cities, the bars, the trend and the Jiangsu map', async () => {
    const page = await loginAs(b, 'js_province');
    // The item's accessible name carries its icon's label too ("bar-chart 统计").
    await page.getByRole('menuitem', { name: /统计$/ }).click();
    await page.waitForURL(/\/gov\/stats/);
    const rows = page.locator('#stats-table tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(13);
    const names = (await rows.locator('td:first-child').allTextContents()).map((t) => t.trim());
    expect([...names].sort()).toEqual(
      cities()
        .map((c) => c.name)
        .sort(),
    );

    for (const id of ['stats-bars', 'stats-map', 'stats-trend']) {
      await page.locator(`#${id} canvas`).first().waitFor({ timeout: 30_000 });
      expect(await page.locator(`#${id}`).getAttribute('aria-label')).toMatch(/[\u4e00-\u9fa5]/);
    }
    // Drawn, not blank: the map fills the cities' polygons.
    await expect.poll(() => paintedPixels(page, '#stats-map'), { timeout: 15_000 }).toBeGreaterThan(5_000);
    await expect.poll(() => paintedPixels(page, '#stats-bars')).toBeGreaterThan(500);
    await expect.poll(() => paintedPixels(page, '#stats-trend')).toBeGreaterThan(500);
    await shot(page, 'stats');
  });

  it('colours the map by another figure', async () => {
    const page = b.page;
    await chooseOption(page, 'stats-metric', '在库企业', /metric=inDb/);
    await expect.poll(() => page.locator('body').textContent()).toContain('年度在库企业（按地区）');
    await expect.poll(() => paintedPixels(page, '#stats-map')).toBeGreaterThan(5_000);
  });

  it('switches the year', async () => {
    const page = b.page;
    await chooseOption(page, 'stats-year', `${past.year} 年度`, new RegExp(`year=${past.year}`));
    await expect
      .poll(() => page.locator('body').textContent())
      .toContain(`${past.year} 年度在库企业（按地区）`);
    await expect.poll(() => page.locator('#stats-table tbody tr.ant-table-row').count()).toBe(13);
    await page.locator('#stats-map canvas').first().waitFor();
    await shot(page, 'stats-year');
  });

  it('exports the figures as an Excel file', async () => {
    const page = b.page;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#stats-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const path = await download.path();
    const fs = await import('node:fs');
    // An .xlsx is a zip archive.
    expect(fs.readFileSync(path).subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
