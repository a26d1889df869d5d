/**
 * Issue 16 item 3 in Chromium: the 昆山 county opens a demo 数据更新. Its figures agree with last year's approved
 * filing for the years both cover (the demo used to shift them by a year), the comparison counts only those
 * years, and the year that left the window and the new one are shown apart, expandable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueResponse, ReviewDetail } from '../../src/shared/schemas/review-api';
import { loginAs, sessionAs } from './api';
import { openBrowser, type Browser } from './browser';

describe('数据更新 compared with last year’s approved filing', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('shows no 经营情况 change for the years both cover and the moved years apart', async () => {
    const api = await sessionAs(b.baseUrl, 'ks_county');
    const queue = await api.request<QueueResponse>('GET', '/api/v1/review/queue');
    let target: ReviewDetail | null = null;
    for (const item of queue.items) {
      const d = await api.request<ReviewDetail>('GET', `/api/v1/review/filings/${item.id}`);
      if (d.comparison && !d.resubmission) {
        target = d;
        break;
      }
    }
    expect(target).not.toBeNull();
    const { newYears, droppedYears } = target!.comparison!;
    expect(newYears.length).toBe(1);

    const page = await loginAs(b, 'ks_county');
    await page.goto(`${b.baseUrl}/gov/reviews/${target!.id}`);
    const card = page.locator('#comparison');
    await card.waitFor({ timeout: 30_000 });
    const { changedCount, fields } = target!.comparison!;
    expect(fields.filter((f) => f.section === 'operations' && f.changed)).toEqual([]);
    await expect.poll(() => card.locator('.ant-card-head').textContent()).toContain(`${changedCount} 项变化`);
    const apart = card.locator('#comparison-years-apart');
    expect(await apart.textContent()).toContain(`本次新增 ${newYears[0]} 年度`);
    expect(await apart.textContent()).toContain(`${droppedYears[0]} 年度本次不再填报`);
    await apart.getByText(/未参与对比的年度数据/).click();
    await expect.poll(() => apart.locator('.ant-table-row').count()).toBeGreaterThan(0);
    // No "与往年不一致" flags for figures that agree.
    expect(await page.getByText('与 ').filter({ hasText: '已通过的填报' }).count()).toBe(0);
  }, 180_000);
});
