/**
 * Shared by the journeys: data made through the HTTP API rather than by clicks (architecture.md) — a cookie jar
 * with the CSRF double-submit dance, the enterprise's filing submitted with small PDFs, reviewer approvals, the
 * test-mode hooks (due jobs, factories) — and the browser helpers every journey repeats.
 */
import crypto from 'node:crypto';
import PDFDocument from 'pdfkit';
import type { Page } from 'playwright-core';
import { requiredSlotKeys } from '../../src/shared/filing/attachments';
import { sampleSections } from '../../src/shared/filing/fixtures';
import { orgCodeCheckChar, usccCheckChar } from '../../src/shared/rules/uscc';
import { sectionKeysOf } from '../../src/shared/schemas/filing-api';
import type { Browser } from './browser';

/** The password of every demo account. */
export const DEMO_PASSWORD = 'Demo@2023js';

// ------------------------------------------------------------------ HTTP

/** A cookie jar and the CSRF double-submit dance, for driving the API from the test process. */
export class ApiSession {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly base: string) {
    // Before login the server checks the csrf cookie against the header: any well-formed token will do.
    this.cookies.set('csrf', crypto.randomBytes(24).toString('base64url'));
  }

  async raw(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
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
    return { status: res.status, text: await res.text() };
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { status, text } = await this.raw(method, path, body);
    if (status >= 400) throw new Error(`${method} ${path}: ${status} ${text.slice(0, 600)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  login(username: string, password = DEMO_PASSWORD) {
    return this.request('POST', '/api/v1/auth/login', { username, password });
  }
}

/** A session already logged in as `username`. */
export async function sessionAs(
  base: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<ApiSession> {
  const s = new ApiSession(base);
  await s.login(username, password);
  return s;
}

/** A valid 统一社会信用代码 of the given county (6 digits) from an 8-digit organisation body. */
export function usccFor(countyCode: string, body8: string): string {
  const first17 = `91${countyCode}${body8}${orgCodeCheckChar(body8)}`;
  return first17 + usccCheckChar(first17);
}

export function pdf(text: string): Promise<Buffer> {
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
  kind: 'entry' | 'update' | 'rereview' | 'tech_sme';
  status: string;
  campaign: { year: number };
  sections: Record<string, { version: number }>;
  attachments: { slot: string }[];
}

/**
 * Uploads a small PDF for every required attachment slot the filing lacks and submits it with the declarations.
 * Slots that depend on the data (知识产权证书, 直通条件证明) are named by the submit's field errors: those are
 * uploaded and the submit is tried again.
 */
export async function uploadAndSubmit(s: ApiSession, id: string): Promise<void> {
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
  for (const slot of requiredSlotKeys({ campaignYear: detail.campaign.year, asOf, kind: detail.kind })) {
    if (!have.has(slot)) await upload(slot);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await s.request('POST', `/api/v1/filings/${id}/submit`, {
        declarations: { truthfulness: true, compliance: true },
      });
      return;
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

/**
 * The enterprise submits its 新增入库 through the API: its open draft (e.g. the demo draft), or a new one filled
 * from the shared sample with the enterprise's own name and credit code; the required attachments as small
 * PDFs; the declarations. Returns the filing id.
 */
export async function submitFiling(
  base: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const s = await sessionAs(base, username, password);
  const { items } = await s.request<{ items: { id: string; status: string }[] }>('GET', '/api/v1/filings');
  const draft = items.find((f) => f.status === 'draft')?.id;
  if (draft) {
    await uploadAndSubmit(s, draft);
    return draft;
  }
  const created = await s.request<FilingDetail>('POST', '/api/v1/filings', { kind: 'entry' });
  await fillAndSubmitFiling(base, username, password, created.id);
  return created.id;
}

/** A reviewer approves at its level through the review API. */
export async function approve(
  base: string,
  username: string,
  filingId: string,
  action: string,
): Promise<void> {
  const s = await sessionAs(base, username);
  const d = await s.request<{ statusVersion: number }>('GET', `/api/v1/review/filings/${filingId}`);
  await s.request('POST', `/api/v1/review/filings/${filingId}/actions`, {
    action,
    expectedStatusVersion: d.statusVersion,
  });
}

/** Runs the due background jobs (and the jobs they enqueue) through the test-mode hook. */
export async function runJobs(base: string, rounds = 3): Promise<void> {
  const s = new ApiSession(base);
  for (let i = 0; i < rounds; i++) {
    const r = await s.request<{ ran: number }>('POST', '/api/v1/test/jobs/run');
    if (r.ran === 0) return;
  }
}

/** Test-mode factory: an enterprise account with its enterprise (not 在库). */
export async function createEnterpriseUser(
  base: string,
  u: {
    username: string;
    password: string;
    enterpriseName: string;
    uscc: string;
    mobile: string;
    countyCode: string;
    cityCode: string;
  },
): Promise<{ userId: string; enterpriseId: string }> {
  return new ApiSession(base).request('POST', '/api/v1/test/factory/enterprise-user', u);
}

/**
 * A 昆山 enterprise account whose 新增入库 the 昆山 county and the 苏州 city have approved (the enterprise is 在库):
 * the starting point of the publicity and annual-cycle journeys. Returns the approved filing's id.
 */
export async function approvedKunshanEnterprise(
  base: string,
  u: { username: string; password: string; enterpriseName: string; uscc: string; mobile: string },
): Promise<string> {
  await createEnterpriseUser(base, { ...u, countyCode: '320583', cityCode: '320500' });
  const filingId = await submitFiling(base, u.username, u.password);
  await approve(base, 'ks_county', filingId, 'county_approve');
  await approve(base, 'sz_city', filingId, 'city_approve');
  return filingId;
}

export interface CampaignItem {
  id: string;
  year: number;
  name: string;
  standardId: string;
}

/**
 * A campaign whose filing window and deadlines all lie in the past (the province may create one; the e2e server
 * runs on real time and has no test clock), so its 数据更新 deadline and 清退 grace period are over. Created once
 * per server and name through the province's campaign API, in the first free year from 2020; later calls with
 * the same name find it. Its jobs are run at once: reminders, who owes a 数据更新 (the enterprises 在库 at that
 * moment), and the system's province-wide clearance proposal.
 */
export async function pastCampaign(base: string, name: string): Promise<CampaignItem> {
  const s = await sessionAs(base, 'js_province');
  const { items } = await s.request<{ items: CampaignItem[] }>('GET', '/api/v1/campaigns');
  const found = items.find((c) => c.name === name);
  if (found) return found;
  const taken = new Set(items.map((c) => c.year));
  let year = 2020;
  while (taken.has(year)) year++;
  const day = 86_400_000;
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * day).toISOString();
  const created = await s.request<CampaignItem>('POST', '/api/v1/campaigns', {
    year,
    name,
    kindsOpen: ['entry', 'update'],
    filingOpensAt: at(160),
    filingClosesAt: at(130),
    countyReviewDeadline: at(125),
    cityReviewDeadline: at(120),
    listDeadline: at(115),
    // The standard of an existing campaign (the demo's): any 创新型 standard will do.
    standardId: items[0]?.standardId,
  });
  await runJobs(base, 6);
  return created;
}

// ------------------------------------------------------------------ browser

/** Logs in on the login page (clearing the previous session) and waits to leave it. */
export async function loginAs(b: Browser, username: string, password = DEMO_PASSWORD): Promise<Page> {
  const { page } = b;
  await b.context.clearCookies();
  await page.goto(`${b.baseUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });
  return page;
}

/** A full-page screenshot when E2E_SHOTS names a directory. */
export async function shot(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SHOTS)
    await page.screenshot({ path: `${process.env.E2E_SHOTS}/${name}.png`, fullPage: true });
}

// ------------------------------------------------------------------ evaluation, lists, exchange, 复核 journeys

/**
 * The enterprise fills one of its drafts (any kind, e.g. a 复核申请 started in the portal) from the shared sample
 * with its own name and credit code — and its region when given (the sample's is 苏州市昆山市, which decides who
 * reviews the filing) — uploads the required attachments as small PDFs and submits it.
 */
export async function fillAndSubmitFiling(
  base: string,
  username: string,
  password: string,
  filingId: string,
  region?: { countyCode: string; cityCode: string },
): Promise<void> {
  const s = await fillFilingSections(base, username, password, filingId, region);
  await uploadAndSubmit(s, filingId);
}

/** The data sections of fillAndSubmitFiling, without attachments and submit; returns the enterprise's session. */
export async function fillFilingSections(
  base: string,
  username: string,
  password: string,
  filingId: string,
  region?: { countyCode: string; cityCode: string },
): Promise<ApiSession> {
  const s = await sessionAs(base, username, password);
  const detail = await s.request<FilingDetail>('GET', `/api/v1/filings/${filingId}`);
  const me = await s.request<{ user: { enterprise: { name: string; uscc: string } } }>(
    'GET',
    '/api/v1/auth/session',
  );
  const sections = sampleSections({ campaignYear: detail.campaign.year });
  sections.basic = {
    ...sections.basic,
    enterpriseName: me.user.enterprise.name,
    uscc: me.user.enterprise.uscc,
    ...region,
  };
  for (const key of sectionKeysOf(detail.kind)) {
    if (key === 'attachments') continue;
    await s.request('PUT', `/api/v1/filings/${filingId}/sections/${key}`, {
      data: sections[key],
      baseVersion: detail.sections[key]?.version ?? 0,
    });
  }
  return s;
}

/** Uploads a small PDF to each of the given attachment slots. */
export async function uploadSlots(s: ApiSession, id: string, slots: string[]): Promise<void> {
  for (const slot of slots) {
    const form = new FormData();
    form.append('slot', slot);
    const bytes = new Uint8Array(await pdf(`${slot} test document`));
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), `${slot.replace(':', '-')}.pdf`);
    await s.request('POST', `/api/v1/filings/${id}/attachments`, form);
  }
}

/**
 * A government account created by the administrator (用户管理 API) whose user has already replaced the initial
 * password with `password` (new accounts must change it first). Returns the user id.
 */
export async function createGovUser(
  base: string,
  u: { username: string; displayName: string; role: string; regionCode: string; password: string },
): Promise<string> {
  const initial = 'Chushi@2023ab';
  const admin = await sessionAs(base, 'admin');
  const created = await admin.request<{ id: string }>('POST', '/api/v1/admin/users', {
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    regionCode: u.regionCode,
    password: initial,
    passwordConfirm: initial,
  });
  const s = await sessionAs(base, u.username, initial);
  await s.request('POST', '/api/v1/account/password', {
    currentPassword: initial,
    password: u.password,
    passwordConfirm: u.password,
  });
  return created.id;
}

/** The province imports a recognition list file (docs/exchange.md §2) through the exchange API. */
export async function importRecognitionFile(
  base: string,
  fileName: string,
  content: string | Uint8Array,
): Promise<{ rows: number; created: number; errors: { row: number; message: string }[] }> {
  const s = await sessionAs(base, 'js_province');
  const form = new FormData();
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  form.append('file', new Blob([new Uint8Array(bytes)]), fileName);
  return s.request('POST', '/api/v1/exchange/recognitions/import', form);
}

/** Clicks what starts a download and returns the file's suggested name and bytes. */
export async function downloadOf(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
}
