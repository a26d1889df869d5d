/**
 * Keyboard only (issue 13, WCAG 2.1.1 / 2.4.1 / 2.4.3 / 2.4.7): an enterprise registers, starts its 新增入库,
 * uploads an attachment and submits; the 昆山 county reviewer signs in, opens the filing from 待我审核 and returns
 * it with a marked field. No mouse: Tab / Shift+Tab to move, Enter and Space to act, typing into fields, the
 * file chooser opened from the keyboard. Every focus stop must show a focus indicator; the first Tab reaches
 * 跳到主要内容; dialogs take the focus, keep it inside, and give it back when closed.
 * The filing's data sections are filled through the API (tests/e2e/api.ts): typing ~80 fields would add
 * a minute to the suite and test the same keyboard paths as the ones below.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { requiredSlotKeys } from '../../src/shared/filing/attachments';
import { orgCodeCheckChar, usccCheckChar } from '../../src/shared/rules/uscc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './a11y';
import { DEMO_PASSWORD, fillFilingSections, uploadSlots } from './api';
import { captchaAnswer, codeIn, latestSms, openBrowser, type Browser } from './browser';

const PASSWORD = 'Jianpan@2023ab';
const USERNAME = 'keyboard_e2e';
const MOBILE = '13900000077';
const ENTERPRISE = '昆山键盘操作测试科技有限公司';
const REASON = '营业执照照片不清晰，请重新上传';

function uscc(body8: string): string {
  const first17 = `91320583${body8}${orgCodeCheckChar(body8)}`;
  return first17 + usccCheckChar(first17);
}

/** What the focused element is, and whether it (or the box antd draws around it) shows a focus indicator. */
interface FocusInfo {
  id: string;
  tag: string;
  text: string;
  visible: boolean;
  inDialog: boolean;
}
const FOCUS_INFO = `(() => {
  const el = document.activeElement;
  if (!el) return null;
  const shows = (e) => {
    if (!e) return false;
    const s = getComputedStyle(e);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
  };
  // antd draws the ring on a wrapper (inputs, selects, pickers) or on the box after a hidden input (checkboxes).
  let visible = shows(el) || shows(el.nextElementSibling);
  for (let p = el.parentElement, i = 0; p && i < 4 && !visible; p = p.parentElement, i++) visible = shows(p);
  return {
    id: el.id || '',
    tag: el.tagName.toLowerCase(),
    text: (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40),
    visible,
    inDialog: !!el.closest('.ant-modal-wrap, .ant-modal'),
  };
})()`;

async function focused(page: Page): Promise<FocusInfo | null> {
  return page.evaluate<FocusInfo | null>(FOCUS_INFO);
}

/** Stops without a visible focus indicator, collected over the journey and asserted at the end. */
const invisible: string[] = [];

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `selector`; checks each stop on the way for a
 * visible focus indicator.
 */
async function tabTo(
  page: Page,
  selector: string,
  opts: { back?: boolean; max?: number } = {},
): Promise<void> {
  const max = opts.max ?? 60;
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    const info = await focused(page);
    seen.push(info ? `${info.tag}#${info.id}“${info.text}”` : '(body)');
    // <body>: Tab went past the last control to the browser's own toolbar, which draws its own focus.
    if (info && !info.visible && info.tag !== 'body')
      invisible.push(`${page.url()} ${info.tag}#${info.id} “${info.text}”`);
    const match = await page.evaluate<boolean>(
      `!!document.activeElement && document.activeElement.matches(${JSON.stringify(selector)})`,
    );
    if (match) return;
  }
  throw new Error(
    `${selector} not reached with ${opts.back ? 'Shift+Tab' : 'Tab'} in ${max} presses; stops: ${seen.slice(0, 30).join(' → ')}`,
  );
}

/**
 * Space on the focused upload button opens the file chooser, where the file is picked. The focus must be on the
 * button (a re-render that dropped it would strand a keyboard user: that fails here, with what has the focus).
 * A button clicks on Space's key-up; when Chromium under the test driver reports no chooser for a press that
 * landed on the still-focused button (seen once in ~10 PostgreSQL runs, never reproduced alone), the journey
 * presses Space again, as a person would, and says so in the log.
 */
async function chooseFileWithSpace(page: Page, file: string, selector: string): Promise<void> {
  const onButton = () =>
    page.evaluate<boolean>(
      `!!document.activeElement && document.activeElement.matches(${JSON.stringify(selector)})`,
    );
  if (!(await onButton()))
    throw new Error(`focus left ${selector}: now on ${JSON.stringify(await focused(page))}`);
  const press = async (timeout: number) =>
    (await Promise.all([page.waitForEvent('filechooser', { timeout }), page.keyboard.press('Space')]))[0];
  let chooser;
  try {
    chooser = await press(5_000);
  } catch {
    if (!(await onButton()))
      throw new Error(`focus left ${selector} after Space: now on ${JSON.stringify(await focused(page))}`);
    console.warn(`no file chooser after Space on ${selector}; pressing Space again`);
    chooser = await press(15_000);
  }
  await chooser.setFiles(file);
}

describe('keyboard only', () => {
  let b: Browser;
  let tmp: string;
  let licence: string;
  let filingId = '';

  beforeAll(async () => {
    b = await openBrowser();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sme-keyboard-'));
    licence = path.join(tmp, '营业执照.png');
    await sharp({ create: { width: 400, height: 300, channels: 3, background: '#d8e6f3' } })
      .png()
      .toFile(licence);
  });
  afterAll(async () => {
    await b?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('an enterprise registers, starts its filing, uploads and submits with the keyboard alone', async () => {
    const { page } = b;
    const code = uscc('81000077');
    await page.goto(`${b.baseUrl}/register`);
    await page.locator('#enterpriseName').waitFor();

    // The first Tab reaches the skip link; Enter moves the focus to the main content.
    await page.keyboard.press('Tab');
    expect((await focused(page))?.text).toBe('跳到主要内容');
    expect((await focused(page))?.visible).toBe(true);
    await page.keyboard.press('Enter');
    expect((await focused(page))?.id).toBe('main-content');

    await tabTo(page, '#enterpriseName');
    await page.keyboard.type(ENTERPRISE);
    await tabTo(page, '#uscc');
    await page.keyboard.type(code);
    // Leaving the credit code asks the server whether it is registered (该企业已注册 on blur); the field re-renders
    // when the answer comes, so the journey goes on once it has, as a person reading the field would.
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/register/uscc-check'),
      tabTo(page, 'button[aria-describedby="licence-limit"]'),
    ]);
    await page.locator('.ant-form-item-is-validating').waitFor({ state: 'detached' });
    await chooseFileWithSpace(page, licence, 'button[aria-describedby="licence-limit"]');
    await tabTo(page, '#username');
    await page.keyboard.type(USERNAME);
    await tabTo(page, '#password');
    await page.keyboard.type(PASSWORD);
    await tabTo(page, '#passwordConfirm');
    await page.keyboard.type(PASSWORD);
    await tabTo(page, '#contactName');
    await page.keyboard.type('史键盘');
    await tabTo(page, '#contactMobile');
    await page.keyboard.type(MOBILE);
    await tabTo(page, '#captchaAnswer');
    await page.locator('img[alt="图形验证码"][data-captcha-id]').waitFor();
    await page.keyboard.type(await captchaAnswer(b));
    await tabTo(page, '#sendSmsCode');
    await page.keyboard.press('Enter');
    await expect.poll(() => latestSms(b, MOBILE).catch(() => '')).toContain('验证码');
    await tabTo(page, '#smsCode', { back: true, max: 4 });
    await page.keyboard.type(codeIn(await latestSms(b, MOBILE)));
    await page.keyboard.press('Enter'); // submits the form
    await page.waitForURL(/\/qiye/, { timeout: 30_000 });

    // 我的填报 → 新增入库 from the keyboard.
    await page.goto(`${b.baseUrl}/qiye/filings`);
    await page.locator('#campaign-name').waitFor();
    await expect.poll(() => page.locator('#start-entry').isEnabled()).toBe(true);
    await tabTo(page, '#start-entry', { max: 80 });
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/qiye\/filings\/[0-9a-f-]{36}$/);
    filingId = page.url().split('/').pop()!;

    // The data sections and all attachments but the licence through the API (see the header comment).
    const s = await fillFilingSections(b.baseUrl, USERNAME, PASSWORD, filingId);
    const detail = await s.request<{ campaign: { year: number }; kind: 'entry' }>(
      'GET',
      `/api/v1/filings/${filingId}`,
    );
    const slots = requiredSlotKeys({
      campaignYear: detail.campaign.year,
      asOf: new Date().toISOString().slice(0, 10),
      kind: detail.kind,
    }).filter((k) => k !== 'businessLicense');
    await uploadSlots(s, filingId, [...slots, 'ipCertificates', 'directProof']);
    await page.reload();
    await page.locator('#assessment-panel').waitFor();

    // 附件 tab: the tab list is reached with Tab, then the arrow keys move between tabs, Enter opens one.
    await tabTo(page, '[role="tab"][aria-selected="true"]', { max: 80 });
    for (let i = 0; i < 8; i++) {
      const onAttachments = await page.evaluate<boolean>(
        `!!document.activeElement.querySelector('[data-section="attachments"]')`,
      );
      if (onAttachments) break;
      await page.keyboard.press('ArrowRight');
    }
    await page.keyboard.press('Enter');
    await page.locator('[data-section-panel="attachments"]').waitFor();
    // The section loads lazily: wait for its upload slots before walking into it with Tab.
    await page.locator('[data-section-panel="attachments"] .slot-row').first().waitFor({ timeout: 30_000 });
    // The licence's upload button (营业执照 comes first; 使用注册时上传的营业执照 beside it is skipped: this journey
    // uploads the file itself).
    const licenceButton =
      '[data-section-panel="attachments"] .slot-row[data-slot="businessLicense"] button:not(#use-registration-licence)';
    await tabTo(page, licenceButton, { max: 40 });
    await chooseFileWithSpace(page, licence, licenceButton);
    await expect
      .poll(() => page.locator('[data-section-panel="attachments"]').innerText())
      .toContain('营业执照.png');

    // 提交: the dialog takes the focus; Escape closes it and gives the focus back to 提交.
    await tabTo(page, '#submit-button', { back: true, max: 80 });
    await page.keyboard.press('Enter');
    await page.locator('#decl-truthfulness').waitFor();
    await expect.poll(async () => JSON.stringify(await focused(page))).toContain('"inDialog":true');
    await expectAccessible(page, '提交确认对话框');
    // Focus stays inside while tabbing round the dialog.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      expect(JSON.stringify(await focused(page))).toContain('"inDialog":true');
    }
    await page.keyboard.press('Escape');
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await expect.poll(async () => (await focused(page))?.id).toBe('submit-button');

    await page.keyboard.press('Enter');
    await page.locator('#decl-truthfulness').waitFor();
    await tabTo(page, '#decl-truthfulness', { max: 20 });
    await page.keyboard.press('Space');
    await tabTo(page, '#decl-compliance', { max: 5 });
    await page.keyboard.press('Space');
    if ((await page.locator('#submit-region-confirm').count()) > 0) {
      await tabTo(page, '#submit-region-confirm', { back: true, max: 5 });
      await page.keyboard.press('Space');
    }
    await tabTo(page, '.ant-modal button.ant-btn-primary', { max: 10 });
    await page.keyboard.press('Enter');
    await page.locator('#status-banner').waitFor({ timeout: 30_000 });
    expect(await page.locator('#status-banner').innerText()).toContain('待县区审核');
  });

  it('the county reviewer signs in, finds the filing in 待我审核 and returns it, with the keyboard alone', async () => {
    expect(filingId).not.toBe('');
    const { page } = b;
    await b.context.clearCookies();
    await page.goto(`${b.baseUrl}/login`);
    await page.locator('#username').waitFor();
    await tabTo(page, '#username');
    await page.keyboard.type('ks_county');
    await tabTo(page, '#password');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname.startsWith('/gov'), { timeout: 30_000 });

    await page.goto(`${b.baseUrl}/gov/reviews`);
    const link = `#queue-table tr[data-row-key="${filingId}"] a.queue-link`;
    await page.locator(link).waitFor({ timeout: 30_000 });
    await tabTo(page, link, { max: 120 });
    await page.keyboard.press('Enter');
    await page.locator('#review-detail').waitFor({ timeout: 30_000 });

    await tabTo(page, '#action-county_return', { max: 120 });
    await page.keyboard.press('Enter');
    await page.locator('#action-dialog').waitFor();
    await expect.poll(async () => JSON.stringify(await focused(page))).toContain('"inDialog":true');
    await page.keyboard.press('Escape');
    await page.locator('#action-dialog').waitFor({ state: 'hidden' });
    await expect.poll(async () => (await focused(page))?.id).toBe('action-county_return');

    await page.keyboard.press('Enter');
    await page.locator('#action-dialog').waitFor();
    await tabTo(page, '#action-reason', { max: 20 });
    await page.keyboard.type(REASON);
    await tabTo(page, '#action-dialog input[type="checkbox"][value="attachments"]', { max: 20 });
    await page.keyboard.press('Space');
    await tabTo(page, '#action-confirm', { max: 40 });
    await expectAccessible(page, '退回对话框');
    await page.keyboard.press('Enter');
    await page.locator('#detail-status', { hasText: '已退回' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('#history').innerText()).toContain(REASON);

    expect(invisible, `focus not visible at:\n${invisible.join('\n')}`).toEqual([]);
  });
});
