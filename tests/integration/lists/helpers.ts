/**
 * Fixtures of the evaluation / lists / registry suites: the review suite's setup (苏州 counties and city, the
 * 南京 city, the province), approved filings (inserted as the filings module's submit does, then approved by the
 * city through the review API or put in the database as approved), captchas and public requests from a given IP.
 */
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { captchas, enterprises, filings } from '../../../src/server/db/schema';
import type { SectionKey } from '../../../src/shared/schemas/filing-api';
import { loginAs, reloginAll, type Persona } from '../../helpers/personas';
import type { TestApp, TestClient } from '../../helpers/test-app';
import {
  actOk,
  campaignOf,
  createGovUser,
  expectStatus,
  insertSubmitted,
  newEnterprise,
  setupReview,
  type ReviewFixture,
} from '../review/helpers';

export { expectStatus, campaignOf };

export interface ListsFixture extends ReviewFixture {
  campaignId: string;
  /** A second 苏州 city reviewer (same city as szCity). */
  szCity2: Persona;
}

export async function setupLists(): Promise<ListsFixture> {
  const f = await setupReview();
  const campaign = await campaignOf(f.t);
  return {
    ...f,
    campaignId: campaign.id,
    szCity2: await createGovUser(f.t, 'city_reviewer', '320500', '苏州市工信局审核员（二）'),
  };
}

export interface Approved {
  enterprise: Persona;
  enterpriseId: string;
  uscc: string;
  name: string;
  mobile: string;
  filingId: string;
  countyCode: string;
}

let nameSeq = 0;
/** Enterprise personas created per app, logged in again when a test moves the clock. */
const created = new WeakMap<TestApp, Persona[]>();

/** Moves the clock and logs every persona in again (a jump beyond the idle timeout ends sessions). */
export async function setClock(f: ListsFixture | ReviewFixture, at: string): Promise<void> {
  f.t.clock.set(at);
  await reloginAll(f.t, f.p);
  const extra: Persona[] = [
    f.ksCounty2,
    f.njCity,
    ...('szCity2' in f ? [f.szCity2] : []),
    ...(created.get(f.t) ?? []),
  ];
  for (const p of extra) await loginAs(f.t, p.userId, p.client);
}

/**
 * An enterprise in `countyCode` with a filing approved by its city: through the review API (`via: 'api'`, the
 * default: inserted in city_review, then city_approve) or inserted as approved.
 */
export async function approvedFiling(
  f: ReviewFixture,
  o: {
    countyCode?: string;
    name?: string;
    via?: 'api' | 'db';
    approver?: Persona;
    edit?: (s: Record<SectionKey, Record<string, unknown>>) => void;
    status?: 'city_review' | 'approved' | 'county_review';
  } = {},
): Promise<Approved> {
  nameSeq += 1;
  const countyCode = o.countyCode ?? '320583';
  const name = o.name ?? `苏州测试创新科技${nameSeq}有限公司`;
  const enterprise = await newEnterprise(f.t, countyCode, name);
  created.set(f.t, [...(created.get(f.t) ?? []), enterprise]);
  const [e] = await f.t.ctx.db.select().from(enterprises).where(eq(enterprises.id, enterprise.enterpriseId!));
  const via = o.via ?? 'api';
  const row = await insertSubmitted(f.t, {
    enterprise,
    countyCode,
    name,
    uscc: e!.uscc,
    status: o.status ?? (via === 'api' ? 'city_review' : 'approved'),
    ...(o.edit ? { edit: o.edit } : {}),
  });
  if (via === 'api' && !o.status) {
    await actOk((o.approver ?? f.p.szCity).client, row.id, {
      action: 'city_approve',
      expectedStatusVersion: row.statusVersion,
    });
  }
  const [fl] = await f.t.ctx.db.select().from(filings).where(eq(filings.id, row.id));
  if (!o.status) expect(fl!.status).toBe('approved');
  return {
    enterprise,
    enterpriseId: e!.id,
    uscc: e!.uscc,
    name,
    mobile: e!.contactMobile,
    filingId: row.id,
    countyCode,
  };
}

/** Sample sections edited so the filing does NOT qualify (low score, no direct condition). */
export function notQualifying(s: Record<SectionKey, Record<string, unknown>>): void {
  s.recognitions = { ...s.recognitions, highTech: { held: false, certificateNo: '', issueDate: '' } };
  s.innovation = { ...s.innovation, ipItems: [] };
  const years = (s.operations['years'] ?? {}) as Record<string, Record<string, unknown>>;
  for (const y of Object.values(years)) {
    y['rdExpense'] = '10.00';
    y['totalLiabilities'] = y['totalAssets'];
  }
}

/** A new captcha and its answer (read from the database, as the test hook does). */
export async function captcha(t: TestApp): Promise<{ captchaId: string; captchaAnswer: string }> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/captcha' });
  expectStatus(res, 200);
  const { captchaId } = res.json() as { captchaId: string };
  const [row] = await t.ctx.db
    .select({ answer: captchas.answer })
    .from(captchas)
    .where(eq(captchas.id, captchaId));
  return { captchaId, captchaAnswer: row!.answer };
}

let ipSeq = 10;
/** A fresh client IP (the rate limits are per IP). */
export function freshIp(): string {
  ipSeq += 1;
  return `203.0.113.${ipSeq}`;
}

/** An anonymous request from `ip`, with the double-submit CSRF cookie and header like the public web page. */
export function publicRequest(
  t: TestApp,
  method: 'GET' | 'POST',
  url: string,
  opts: { ip?: string; json?: unknown; payload?: Buffer; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  const token = crypto.randomBytes(24).toString('base64url');
  return t.app.inject({
    method,
    url,
    remoteAddress: opts.ip ?? '198.51.100.7',
    headers: { cookie: `csrf=${token}`, 'x-csrf-token': token, 'user-agent': 'vitest', ...opts.headers },
    ...(opts.json !== undefined ? { payload: opts.json as object } : {}),
    ...(opts.payload !== undefined ? { payload: opts.payload } : {}),
  });
}

export async function json<T>(
  client: TestClient,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  status = 200,
): Promise<T> {
  const res =
    method === 'GET'
      ? await client.get(url)
      : await client.post(url, (body ?? {}) as Record<string, unknown>);
  expectStatus(res, status);
  return res.json() as T;
}

/** Asserts a raw public response body leaks no phone number, e-mail or full credit code. */
export function expectNoPersonalData(
  body: string,
  secrets: { usccs?: string[]; mobiles?: string[] } = {},
): void {
  expect(body).not.toMatch(/1[3-9]\d{9}/); // mobile numbers
  expect(body).not.toMatch(/@example\.com/);
  expect(body).not.toMatch(/[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}/); // any full 18-character credit code
  for (const u of secrets.usccs ?? []) expect(body).not.toContain(u);
  for (const m of secrets.mobiles ?? []) expect(body).not.toContain(m);
}
