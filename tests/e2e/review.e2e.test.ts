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
import crypto from 'node:crypto';
import PDFDocument from 'pdfkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requiredSlotKeys } from '../../src/shared/filing/attachments';
import { SECTION_KEYS } from '../../src/shared/schemas/filing-api';
import { sampleSections } from '../../src/shared/filing/fixtures';
import { openBrowser, type Browser } from './browser';

const PASSWORD = 'Demo@2023js';
const ENTERPRISE = 'demo_qiye_ks';
const ENTERPRISE_MOBILE = '13800000001';
const RETURN_REASON = '联系人手机号码有误，请核实后修改';
const FIELD_COMMENT = '该号码无法接通，请填写联系人本人的手机号码';
const NEW_MOBILE = '13912340088';

// ------------------------------------------------------------------ HTTP factory (not clicks)

/** A cookie jar and the CSRF double-submit dance, for driving the API from the test process. */
class ApiSession {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly base: string) {
    // Before login the server checks the csrf cookie against the header: any well-formed token will do.
    this.cookies.set('csrf', crypto.randomBytes(24).toString('base64url'));
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    if (method !== 'GET') headers['x-csrf-token'] = this.cookies.get('csrf') ?? '';
    let payload: string | FormData | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(this.base + path, { method, headers, body: payload });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1);
      if (value) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 600)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  login(username: string) {
    return this.request('POST', '/api/v1/auth/login', { username, password: PASSWORD });
  }
}

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

interface FilingDetail {
  id: string;
  status: string;
  campaign: { year: number };
  sections: Record<string, { version: number }>;
  attachments: { slot: string }[];
}

/**
 * The enterprise submits through the API: its open 新增入库 (the demo draft, or a new one filled from the shared
 * sample), the required attachments as small PDFs, the declarations. Returns the filing id.
 */
async function submitFiling(base: string, username: string): Promise<string> {
  const s = new ApiSession(base);
  await s.login(username);
  const { items } = await s.request<{ items: { id: string; status: string }[] }>('GET', '/api/v1/filings');
  let id = items.find((f) => f.status === 'draft')?.id;
  if (!id) {
    const created = await s.request<FilingDetail>('POST', '/api/v1/filings', { kind: 'entry' });
    id = created.id;
    const me = await s.request<{ user: { enterprise: { name: string; uscc: string } } }>(
      'GET',
      '/api/v1/auth/session',
    );
    const sections = sampleSections({ campaignYear: created.campaign.year });
    sections.basic = {
      ...sections.basic,
      enterpriseName: me.user.enterprise.name,
      uscc: me.user.enterprise.uscc,
    };
    for (const key of SECTION_KEYS) {
      if (key === 'attachments') continue;
      await s.request('PUT', `/api/v1/filings/${id}/sections/${key}`, {
        data: sections[key],
        baseVersion: created.sections[key]?.version ?? 0,
      });
    }
  }
  const detail = await s.request<FilingDetail>('GET', `/api/v1/filings/${id}`);
  const upload = async (slot: string) => {
    const form = new FormData();
    form.append('slot', slot);
    const bytes = new Uint8Array(await pdf(`${slot} test document`));
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), `${slot.replace(':', '-')}.pdf`);
    await s.request('POST', `/api/v1/filings/${id}/attachments`, form);
  };
  const have = new Set(detail.attachments.map((a) => a.slot));
  const asOf = new Date().toISOString().slice(0, 10);
  for (const slot of requiredSlotKeys({ campaignYear: detail.campaign.year, asOf, kind: 'entry' })) {
    if (!have.has(slot)) await upload(slot);
  }
  // Slots that depend on the data (知识产权证书, 直通条件证明) are named by the submit's field errors.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await s.request('POST', `/api/v1/filings/${id}/submit`, {
        declarations: { truthfulness: true, compliance: true },
      });
      return id;
    } catch (err) {
      const m = /"fieldErrors":(\{[^}]*\})/.exec(String(err));
      const missing = m
        ? Object.keys(JSON.parse(m[1]!) as Record<string, string>).filter((k) => k.startsWith('attachments.'))
        : [];
      if (missing.length === 0) throw err;
      for (const k of missing) await upload(k.slice('attachments.'.length));
    }
  }
  throw new Error('the filing could not be submitted');
}

/** Runs the due background jobs (notifications, then the SMS they enqueue) through the test-mode hook. */
async function runJobs(base: string): Promise<void> {
  const s = new ApiSession(base);
  for (let i = 0; i < 3; i++) {
    const r = await s.request<{ ran: number }>('POST', '/api/v1/test/jobs/run');
    if (r.ran === 0) return;
  }
}

// ------------------------------------------------------------------ browser helpers

async function loginAs(b: Browser, username: string): Promise<Page> {
  const { page } = b;
  await b.context.clearCookies();
  await page.goto(`${b.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });
  return page;
}

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
    expect(text).toContain(NEW_MOBILE);
    expect(text).toContain('13812345678');
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
