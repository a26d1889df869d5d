/**
 * One-field-bad requests that used to answer 500 (issue 16 item 8, issue 17 item 6): impossible calendar dates in
 * the review queue, malformed multipart bodies, lone surrogates and NUL characters. Each must be a 400 with a
 * Chinese message, and change nothing.
 */
import type { LightMyRequestResponse } from 'fastify';
import type { FilingDetail } from '../../../src/shared/schemas/filing-api';
import { databaseDigest } from '../access/world';
import { setup, start, type Fixture } from '../filings/flow';

let f: Fixture;
let draft: FilingDetail;
beforeAll(async () => {
  f = await setup();
  draft = await start(f.p.ksEnterprise.client, 'entry');
});
afterAll(async () => {
  await f.t.close();
});

const CHINESE = /[\u4e00-\u9fa5]/;
function expect400(res: LightMyRequestResponse): { message: string; fieldErrors: Record<string, string> } {
  if (res.statusCode !== 400)
    throw new Error(`expected 400, got ${res.statusCode}: ${res.body.slice(0, 300)}`);
  const body = res.json() as { message: string; fieldErrors: Record<string, string> };
  expect(body.message).toMatch(CHINESE);
  for (const m of Object.values(body.fieldErrors)) expect(m).toMatch(CHINESE);
  return body;
}

describe('calendar dates', () => {
  it.each([
    ['submittedFrom', '2026-13-45'],
    ['submittedTo', '9999-99-99'],
    ['submittedFrom', '2026-02-30'],
    ['submittedTo', '2025-02-29'],
    ['submittedFrom', '2026-04-31'],
  ])('the review queue refuses %s=%s with a field message', async (field, value) => {
    const res = await f.p.ksCounty.client.get(`/api/v1/review/queue?${field}=${value}`);
    const body = expect400(res);
    expect(body.fieldErrors[field]).toMatch(/年-月-日/);
  });

  it('accepts a real leap day', async () => {
    const res = await f.p.ksCounty.client.get('/api/v1/review/queue?submittedFrom=2024-02-29');
    expect(res.statusCode).toBe(200);
  });
});

describe('malformed multipart bodies', () => {
  const bodies: [string, string, string][] = [
    ['JSON sent as multipart/form-data', 'multipart/form-data; boundary=xyz', '{"slot":"auditReport:2022"}'],
    [
      'no boundary',
      'multipart/form-data',
      '--xyz\r\nContent-Disposition: form-data; name="slot"\r\n\r\na\r\n--xyz--',
    ],
    [
      'a body that never closes',
      'multipart/form-data; boundary=xyz',
      '--xyz\r\nContent-Disposition: form-da',
    ],
  ];
  it.each(bodies)('an attachment upload with %s answers 400', async (_label, type, payload) => {
    const before = await databaseDigest(f.t);
    const res = await f.p.ksEnterprise.client.request('POST', `/api/v1/filings/${draft.id}/attachments`, {
      payload,
      headers: { 'content-type': type },
    });
    expect400(res);
    expect(await databaseDigest(f.t)).toEqual(before);
  });

  it.each(bodies)('a recognition import with %s answers 400', async (_label, type, payload) => {
    const before = await databaseDigest(f.t);
    const res = await f.p.province.client.request('POST', '/api/v1/exchange/recognitions/import', {
      payload,
      headers: { 'content-type': type },
    });
    expect400(res);
    expect(await databaseDigest(f.t)).toEqual(before);
  });
});

describe('characters the database cannot store', () => {
  it('a lone surrogate in a section save answers 400 and saves nothing', async () => {
    const before = await databaseDigest(f.t);
    const res = await f.p.ksEnterprise.client.put(`/api/v1/filings/${draft.id}/sections/basic`, {
      data: { enterpriseName: 'abc\ud800' },
      baseVersion: draft.sections.basic.version,
    });
    const body = expect400(res);
    expect(body.fieldErrors['data.enterpriseName']).toMatch(/代理字符/);
    expect(await databaseDigest(f.t)).toEqual(before);
  });

  it('a lone surrogate in an administrator reason answers 400', async () => {
    const res = await f.p.admin.client.post(`/api/v1/admin/users/${f.p.ksCounty.userId}/disable`, {
      reason: '\udc00调离',
    });
    expect400(res);
    const again = await f.p.ksCounty.client.get('/api/v1/auth/session');
    expect(again.json().user).not.toBeNull();
  });

  it('a NUL in the login username answers 400', async () => {
    const c = f.t.client();
    const res = await c.post('/api/v1/auth/login', { username: 'admin\u0000x', password: 'Abcd@1234' });
    const body = expect400(res);
    expect(body.fieldErrors.username).toMatch(/空字符/);
  });

  it('a NUL in a query string answers 400', async () => {
    const res = await f.p.ksCounty.client.get('/api/v1/review/queue?q=%00abc');
    expect400(res);
  });
});
