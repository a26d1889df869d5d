/**
 * Issue 16 item 7 in Chromium, on a 390 px phone: demo_qiye_wj (cleared last year) finds the 清退 message in
 * 消息中心; its button opens 清退与申诉 (not 页面不存在), which shows the reason, the appeal deadline (passed) and
 * what the enterprise can do; the SMS sent to it carries the address of the same page; the 苏州 city reviewer
 * sees beside the clearance that the message and the SMS were sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, sessionAs, shot } from './api';
import { openBrowser, type Browser } from './browser';

const PHONE = { width: 390, height: 844 };

describe('the clearance notice leads to a page that explains it (issue 16 item 7)', () => {
  let b: Browser;

  beforeAll(async () => {
    b = await openBrowser();
  }, 180_000);

  afterAll(async () => {
    await b?.close();
  });

  it('demo_qiye_wj opens its 清退 message on a phone and reads the reason and the appeal deadline', async () => {
    const page = await loginAs(b, 'demo_qiye_wj');
    await page.setViewportSize(PHONE);
    await page.goto(`${b.baseUrl}/qiye/messages`);
    const item = page.locator('.message-item', { hasText: '贵企业已被清退出优质中小企业培育库' });
    await item.first().waitFor({ timeout: 30_000 });
    await item.first().getByRole('button', { name: '查看清退与申诉' }).click();
    await page.waitForURL(/\/qiye\/clearances$/);
    const card = page.locator('.clearance-card').first();
    await card.waitFor({ timeout: 30_000 });
    expect(await page.getByText('页面不存在').count()).toBe(0);
    expect(await card.locator('.clearance-status').textContent()).toBe('已清退');
    expect(await card.locator('.clearance-reason').textContent()).toContain('未在');
    expect(await card.locator('.appeal-until').textContent()).toMatch(
      /\d{4}年\d{1,2}月\d{1,2}日（含当日）前/,
    );
    // The window closed last May: no appeal button, and the way back instead.
    expect(await card.getByRole('button', { name: '提出申诉' }).count()).toBe(0);
    expect(await card.locator('.appeal-closed').textContent()).toContain('新增入库');
    // Readable on the phone: nothing wider than the screen.
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'clearance-notice-phone');
  });

  it('the SMS sent to demo_qiye_wj carries the address of the same page, which opens', async () => {
    const res = await fetch(`${b.baseUrl}/api/v1/dev/sms-outbox?mobile=13800000002`);
    const { messages } = (await res.json()) as { messages: { body: string }[] };
    const cleared = messages.find((m) => m.body.includes('已被清退出优质中小企业培育库'));
    expect(cleared).toBeDefined();
    const url = /(https?:\/\/[^\s，。]+\/qiye\/clearances)/.exec(cleared!.body)?.[1];
    expect(url).toBeDefined();
    const page = b.page;
    await page.goto(`${b.baseUrl}${new URL(url!).pathname}`);
    await page.locator('.clearance-card').first().waitFor({ timeout: 30_000 });
    expect(await page.getByText('页面不存在').count()).toBe(0);
  });

  it('the 苏州 city reviewer sees that demo_qiye_wj was told, in-app and by SMS', async () => {
    const page = await loginAs(b, 'sz_city');
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)) - 1;
    const s = await sessionAs(b.baseUrl, 'js_province');
    const { items } = await s.request<{ items: { id: string; year: number }[] }>('GET', '/api/v1/campaigns');
    const campaign = items.find((c) => c.year === year)!;
    await page.goto(`${b.baseUrl}/gov/cycle?campaignId=${campaign.id}`);
    await page.getByRole('tab', { name: '清退与申诉' }).click();
    const row = page.locator('#clearances tr', { hasText: '苏州吴江示范新材料有限公司' });
    await row.waitFor({ timeout: 30_000 });
    const notices = (await row.locator('.clearance-notices').textContent()) ?? '';
    expect(notices).toContain('清退通知：站内消息已送达；短信已发送');
    expect(notices).toContain('拟清退通知');
    await shot(page, 'clearance-notices-city');
  });
});
