/**
 * Issue 16 item 1 in Chromium (ADR 0011): demo_qiye_ks2's returned 数据更新 marks two 经营情况 fields, and its
 * required attachments are missing. 附件 is open beside the marked section (what the resubmission needs is never
 * locked), the clerk uploads the missing files, and the resubmission goes to 待县区审核.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './browser';

function pdf(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A6' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(12).text(text);
    doc.end();
  });
}

const poll = <T>(fn: () => T | Promise<T>, timeout = 20_000) => expect.poll(fn, { timeout });

describe('a returned 数据更新 with missing attachments (demo_qiye_ks2)', () => {
  let b: Browser;
  let tmp: string;

  beforeAll(async () => {
    b = await openBrowser();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sme-returned-e2e-'));
    fs.writeFileSync(path.join(tmp, 'file.pdf'), await pdf('Supporting document'));
  });
  afterAll(async () => {
    await b?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('opens 附件 for what the resubmission needs, uploads, and resubmits', async () => {
    const page = b.page;
    const base = b.baseUrl;
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill('demo_qiye_ks2');
    await page.getByLabel('密码').fill('Demo@2023js');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => u.pathname.startsWith('/qiye'));

    await page.goto(`${base}/qiye/filings`);
    const row = page
      .locator('tr', { hasText: '数据更新' })
      .filter({ has: page.locator('[data-status="returned"]') });
    await row.first().waitFor();
    await row.first().getByRole('link').first().click();
    await page.waitForURL(/\/qiye\/filings\/[0-9a-f-]{36}$/);
    await poll(() => page.locator('#return-reason').textContent()).toContain('审计报告');

    await page.locator('.ant-tabs-tab [data-section="attachments"]').click();
    const panel = page.locator('[data-section-panel="attachments"]');
    await panel.waitFor();
    await poll(() => panel.locator('#open-for-submit-attachments').count()).toBe(1);
    expect(await panel.getByText('本部分不在退回修改范围内').count()).toBe(0);

    // Every required slot without a file gets one.
    const slots = panel.locator('.slot-row');
    await slots.first().waitFor();
    const n = await slots.count();
    let uploaded = 0;
    for (let i = 0; i < n; i++) {
      const slot = slots.nth(i);
      const required = (await slot.locator('.ant-tag', { hasText: '必传' }).count()) > 0;
      if (!required || (await slot.locator('li[data-attachment]').count()) > 0) continue;
      await slot.locator('input[type=file]').setInputFiles(path.join(tmp, 'file.pdf'));
      await poll(() => slot.locator('li[data-attachment]').count(), 30_000).toBe(1);
      uploaded++;
    }
    expect(uploaded).toBeGreaterThan(0);
    await poll(() =>
      page.locator('.ant-tabs-tab [data-section="attachments"] .section-badge').first().textContent(),
    ).toBe('完整');

    await page.locator('#submit-button').click();
    const region = page.locator('#submit-region-confirm');
    await page.locator('#decl-truthfulness').waitFor();
    if ((await region.count()) > 0) await region.check();
    await page.locator('#decl-truthfulness').check();
    await page.locator('#decl-compliance').check();
    await page.locator('#submit-confirm').click();
    await poll(() => page.locator('#status-banner').textContent(), 30_000).toContain('待县区审核');
    await poll(() => page.locator('.history-item[data-action="resubmit"]').count()).toBe(1);
  }, 300_000);
});
