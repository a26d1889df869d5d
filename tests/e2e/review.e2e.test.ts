/**
 * The review journey in Chromium (issue 5): the 昆山 enterprise has submitted (a factory through the HTTP API);
 * the 昆山 county reviewer sees it in bold in 待我审核, opens it and returns it marking one field with a comment;
 * the enterprise sees the reason and the marked field, fixes it and resubmits in the browser; the county sees
 * what changed and approves; the 苏州 city approves; the enterprise sees 已通过, has the SMS and the in-app
 * message (bell count); the 吴江 county reviewer cannot open the filing (not found).
 *
 * Notifications are sent by background jobs; in test mode the worker does not poll, so the test runs due jobs
 * through the test-mode hook POST /api/v1/test/jobs/run.
 */
import { maskMobile } from '../../src/shared/pii';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectAccessibleBoth } from './a11y';
import { loginAs, runJobs, submitFiling } from './api';
import { openBrowser, type Browser } from './browser';

const ENTERPRISE = 'demo_qiye_ks';
const ENTERPRISE_MOBILE = '13800000001';
const RETURN_REASON = '联系人手机号码有误，请核实后修改';
const FIELD_COMMENT = '该号码无法接通，请填写联系人本人的手机号码';
const NEW_MOBILE = '13912340088';

async function openReview(page: Page, base: string, id: string): Promise<void> {
  await page.goto(`${base}/gov/reviews/${id}`);
  await page.locator('#review-detail, #review-not-found').first().waitFor({ timeout: 30_000 });
}

describe('review journey: submit → county returns a field → resubmit → county and city approve', () => {
  let b: Browser;
  let filingId: string;
  let enterpriseName: string;

  beforeAll(async () => {
    b = await openBrowser();
    filingId = await submitFiling(b.baseUrl, ENTERPRISE);
  });

  afterAll(async () => {
    await b?.close();
  });

  it('the 昆山 county sees the new filing in bold in 待我审核, with the menu badge', async () => {
    const page = await loginAs(b, 'ks_county');
    await page.goto(`${b.baseUrl}/gov/reviews`);
    const row = page.locator(`#queue-table tr[data-row-key="${filingId}"]`);
    await row.waitFor({ timeout: 30_000 });
    await expect(row.getAttribute('class')).resolves.toContain('row-unviewed');
    // The test's tsconfig has no DOM types: reach the browser's getComputedStyle through globalThis.
    type Styles = { getComputedStyle(el: unknown): { fontWeight: string } };
    const weight = await row.evaluate(
      (el) => (globalThis as unknown as Styles).getComputedStyle(el).fontWeight,
    );
    expect(Number(weight)).toBeGreaterThanOrEqual(700);
    expect(await row.getByText('未查看').count()).toBe(1);
    const badge = page.locator('#review-count');
    await badge.waitFor();
    expect(Number((await badge.innerText()).trim())).toBeGreaterThanOrEqual(1);
    enterpriseName = (await row.locator('a.queue-link').innerText()).trim();
    expect(enterpriseName).toBe('昆山示范精密机械有限公司');
  });

  it('the county opens it and returns it to the enterprise, marking 联系人手机 with a comment', async () => {
    const { page } = b;
    await page.locator(`#queue-table tr[data-row-key="${filingId}"] a.queue-link`).click();
    await page.locator('#review-detail').waitFor({ timeout: 30_000 });
    expect(await page.locator('#detail-status').innerText()).toContain('待县区审核');
    await page.locator('#review-deadline').waitFor();

    await page.locator('#action-county_return').click();
    const dialog = page.locator('#action-dialog');
    await dialog.waitFor();
    await page.locator('#action-reason').fill(RETURN_REASON);
    await dialog.getByRole('checkbox', { name: '基本情况' }).check();
    await dialog
      .locator('[data-return-section="basic"]')
      .getByRole('checkbox', { name: '联系人手机' })
      .check();
    await dialog.getByLabel('联系人手机 修改意见').fill(FIELD_COMMENT);
    await expectAccessible(page, '退回对话框（字段已勾选）');
    await page.locator('#action-confirm').click();
    await page.locator('#detail-status', { hasText: '已退回' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('#history').innerText()).toContain(RETURN_REASON);
    await runJobs(b.baseUrl);
  });

  it('the enterprise sees the reason and the marked field, fixes it and resubmits', async () => {
    const page = await loginAs(b, ENTERPRISE);
    await page.goto(`${b.baseUrl}/qiye/filings/${filingId}`);
    const reason = page.locator('#return-reason');
    await reason.waitFor({ timeout: 30_000 });
    expect(await reason.innerText()).toContain(RETURN_REASON);
    expect(await reason.innerText()).toContain('基本情况');
    await expectAccessibleBoth(page, '退回后的填报（退回原因与审核意见）');
    await expect(page.getByText(`审核意见：${FIELD_COMMENT}`).first().isVisible()).resolves.toBe(true);

    const mobile = page.locator('#fld-basic-contact-mobile');
    await mobile.fill(NEW_MOBILE);
    await page.locator('#save-button').click();
    await page.locator('#save-indicator[data-state="saved"]').waitFor({ timeout: 30_000 });
    await page.locator('#submit-button').click();
    await page.locator('#decl-truthfulness').check();
    await page.locator('#decl-compliance').check();
    const region = page.locator('#submit-region-confirm');
    if ((await region.count()) > 0) await region.check();
    await page.getByRole('button', { name: '确认提交' }).click();
    await page.locator('#return-reason').waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator('#status-banner').waitFor({ timeout: 30_000 });
    expect(await page.locator('#status-banner').innerText()).toContain('待县区审核');
  });

  it('the county sees what changed on resubmission and approves', async () => {
    const page = await loginAs(b, 'ks_county');
    await openReview(page, b.baseUrl, filingId);
    const changes = page.locator('#resubmission');
    await changes.waitFor();
    const text = await changes.innerText();
    expect(text).toContain('联系人手机');
    // Both numbers masked (ADR 0025); the reviewer reveals the new one on the 基本情况 tab, audited.
    expect(text).toContain(maskMobile(NEW_MOBILE));
    expect(text).toContain('138****5678');
    expect(text).not.toContain(NEW_MOBILE);
    const field = page.locator('#section-basic [data-field="basic:contact.mobile"]');
    expect(await field.innerText()).toContain(maskMobile(NEW_MOBILE));
    await field.getByRole('button', { name: /显示完整号码/ }).click();
    await field.locator('a[data-revealed="true"]', { hasText: NEW_MOBILE }).waitFor({ timeout: 15_000 });
    await page.locator('#action-county_approve').click();
    await page.locator('#approve-confirm').click();
    await page.locator('#detail-status', { hasText: '待设区市审核' }).waitFor({ timeout: 30_000 });
    await runJobs(b.baseUrl);
  });

  it('the 苏州 city approves', async () => {
    const page = await loginAs(b, 'sz_city');
    await page.goto(`${b.baseUrl}/gov/reviews`);
    await page.locator(`#queue-table tr[data-row-key="${filingId}"]`).waitFor({ timeout: 30_000 });
    await openReview(page, b.baseUrl, filingId);
    await page.locator('#action-city_approve').click();
    await page.locator('#approve-confirm').click();
    await page.locator('#detail-status', { hasText: '已通过' }).waitFor({ timeout: 30_000 });
    await runJobs(b.baseUrl);
  });

  it('the enterprise sees 已通过, the SMS and the in-app message with the bell count', async () => {
    const page = await loginAs(b, ENTERPRISE);
    await page.goto(`${b.baseUrl}/qiye/filings/${filingId}`);
    await page.locator('#status-banner').waitFor({ timeout: 30_000 });
    expect(await page.locator('#status-banner').innerText()).toContain('已通过');

    const { messages } = await b.api<{ messages: { body: string }[] }>(
      `/api/v1/dev/sms-outbox?mobile=${ENTERPRISE_MOBILE}`,
    );
    expect(messages.some((m) => m.body.includes('已审核通过'))).toBe(true);
    expect(messages.some((m) => m.body.includes('已被退回修改'))).toBe(true);

    const bell = page.locator('#message-bell');
    await page.locator('#message-bell:not([data-unread="0"])').waitFor({ timeout: 30_000 });
    expect(Number(await bell.getAttribute('data-unread'))).toBeGreaterThanOrEqual(2);
    await bell.click();
    await page.waitForURL((u) => u.pathname === '/qiye/messages');
    const approved = page.locator('.message-item', { hasText: '填报审核通过' }).first();
    await approved.waitFor({ timeout: 30_000 });
    expect(await approved.getAttribute('data-read')).toBe('false');
    await approved.click();
    await page.locator('.message-item[data-read="true"]').first().waitFor({ timeout: 15_000 });
  });

  it('the 吴江 county reviewer cannot open it: not found', async () => {
    const page = await loginAs(b, 'wj_county');
    await openReview(page, b.baseUrl, filingId);
    await expect(page.locator('#review-not-found').isVisible()).resolves.toBe(true);
    expect(await page.locator('#review-detail').count()).toBe(0);
    await page.goto(`${b.baseUrl}/gov/reviews?scope=all`);
    await page.locator('#queue-table').waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    expect(await page.locator(`#queue-table tr[data-row-key="${filingId}"]`).count()).toBe(0);
  });
});
