/**
 * A journey's trace, on when E2E_TRACE names a file (off by default): every API request (state-changing ones also
 * when they start, so one that never answers shows), failed requests, the antd messages and form errors as they
 * appear, page errors and navigations, each line stamped. When a journey fails, trace.setup.ts adds the requests
 * still waiting, the database's sessions and ungranted locks (on E2E_DATABASE_URL) and a screenshot beside the file.
 * Made to tell a lost click (no request at all) from a slow or refused answer in the PostgreSQL journeys' flakes.
 */
import fs from 'node:fs';
import type { BrowserContext, Page, Request } from 'playwright-core';

const file = process.env.E2E_TRACE;

/** Requests sent and not yet answered, per browser; pages for the failure screenshot. */
export const traced: { pending: Map<Request, string>; pages: Page[] } = { pending: new Map(), pages: [] };

export function traceLine(line: string): void {
  if (file) fs.appendFileSync(file, `${new Date().toISOString()} ${line}\n`);
}

export async function traceBrowser(context: BrowserContext, page: Page, baseUrl: string): Promise<void> {
  if (!file) return;
  traced.pages.push(page);
  const api = (r: Request) => r.url().startsWith(`${baseUrl}/api/`);
  const name = (r: Request) => `${r.method()} ${r.url().slice(baseUrl.length)}`;
  const started = new Map<Request, number>();
  context.on('request', (r) => {
    if (!api(r)) return;
    started.set(r, Date.now());
    traced.pending.set(r, `${new Date().toISOString()} ${name(r)}`);
    if (r.method() !== 'GET') traceLine(`START ${name(r)}`);
  });
  context.on('requestfinished', (r) => {
    if (!api(r)) return;
    traced.pending.delete(r);
    const ms = Date.now() - (started.get(r) ?? Date.now());
    void r.response().then((res) => traceLine(`${name(r)} ${res?.status() ?? '?'} ${ms}ms`));
  });
  context.on('requestfailed', (r) => {
    if (!api(r)) return;
    traced.pending.delete(r);
    traceLine(`FAILED ${name(r)} ${r.failure()?.errorText ?? ''}`);
  });
  // The page reports each message and form error once, through the console.
  await context.addInitScript(`(() => {
    const seen = new WeakSet();
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('.ant-message-notice, .ant-form-item-explain-error')) {
        if (seen.has(el)) continue;
        seen.add(el);
        const kind = el.classList.contains('ant-message-notice') ? 'message' : 'field';
        console.log('[ui] ' + kind + ' ' + el.textContent);
      }
    }).observe(document, { childList: true, subtree: true });
  })()`);
  page.on('console', (m) => {
    if (m.text().startsWith('[ui] ')) traceLine(m.text());
    else if (m.type() === 'error') traceLine(`console.error ${m.text().slice(0, 300)}`);
  });
  page.on('pageerror', (e) => traceLine(`pageerror ${e.message}`));
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) traceLine(`NAV ${f.url().slice(baseUrl.length)}`);
  });
}
