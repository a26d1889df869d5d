import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { traceBrowser } from './trace';

export interface Browser {
  context: BrowserContext;
  page: Page;
  baseUrl: string;
  /** Calls the platform's API from the test process (test hooks, outbox). */
  api<T = unknown>(urlPath: string): Promise<T>;
  close(): Promise<void>;
}

/** Debian's Chromium with a fresh profile, Chinese locale, as the stack notes prescribe. */
export async function openBrowser(): Promise<Browser> {
  const baseUrl = inject('baseUrl');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sme-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 900 },
    // The app then turns antd's opening animations off (src/web/a11y/reducedMotion.ts), so a click on a dialog,
    // drawer or dropdown that has just opened lands where it was aimed. With them on, the driver clicked popups in
    // mid-animation (a dropdown at scaleY(0.8)); it checks the target on the press only, so a release that landed
    // after the popup had moved fired no click while the step reported the click done: a Select option not chosen
    // (the PostgreSQL journeys saved 适用标准 unchanged), a checkbox that "did not change its state".
    reducedMotion: 'reduce',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  await traceBrowser(context, page, baseUrl);
  return {
    context,
    page,
    baseUrl,
    async api<T>(urlPath: string): Promise<T> {
      const res = await fetch(baseUrl + urlPath);
      if (!res.ok) throw new Error(`${urlPath}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The latest SMS sent to a mobile, read from the development outbox. */
export async function latestSms(b: Browser, mobile: string): Promise<string> {
  const { messages } = await b.api<{ messages: { body: string }[] }>(
    `/api/v1/dev/sms-outbox?mobile=${encodeURIComponent(mobile)}`,
  );
  if (!messages[0]) throw new Error(`No SMS for ${mobile}`);
  return messages[0].body;
}

export function codeIn(sms: string): string {
  const m = /验证码\s*(\d{6})/.exec(sms);
  if (!m) throw new Error(`No code in: ${sms}`);
  return m[1]!;
}

/** The answer of the captcha image currently on the page (test-mode hook). */
export async function captchaAnswer(b: Browser): Promise<string> {
  const id = await b.page.locator('img[alt="图形验证码"]').getAttribute('data-captcha-id');
  if (!id) throw new Error('No captcha on the page');
  const { answer } = await b.api<{ answer: string }>(`/api/v1/test/captcha/${id}`);
  return answer;
}

/** POSTs to the platform's API from the test process with the CSRF double-submit cookie and header. */
export async function apiPost<T = unknown>(b: Browser, urlPath: string, body: unknown): Promise<T> {
  const s = await fetch(b.baseUrl + '/api/v1/auth/session');
  const csrf = /csrf=([^;]+)/.exec(s.headers.get('set-cookie') ?? '')?.[1] ?? '';
  const res = await fetch(b.baseUrl + urlPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie: `csrf=${csrf}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${urlPath}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
