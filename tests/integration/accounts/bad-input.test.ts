import { eq } from 'drizzle-orm';
import { enterprises, smsCodes } from '../../../src/server/db/schema';
import {
  PASSWORD,
  captcha,
  postMultipart,
  registerEnterprise,
  registerFields,
  requestRegisterCode,
  snapshot,
} from '../../helpers/accounts';
import { corruptJpeg, gifBuffer, noisyJpeg, pdfBytes, pngBuffer, truncatedPng } from '../../helpers/images';
import { createTestApp, type TestApp, type TestClient } from '../../helpers/test-app';

let t: TestApp;
let loggedIn: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  loggedIn = t.client();
  await registerEnterprise(t, loggedIn);
});
afterAll(async () => {
  await t.close();
});

const CHINESE = /[\u4e00-\u9fa5]/;

function expectEnvelope(res: {
  statusCode: number;
  json(): Record<string, unknown>;
  headers: Record<string, unknown>;
}) {
  expect(res.statusCode).toBeGreaterThanOrEqual(400);
  expect(res.statusCode).toBeLessThan(500);
  const body = res.json();
  expect(Object.keys(body).sort()).toEqual(['code', 'fieldErrors', 'message', 'requestId']);
  expect(body.message).toMatch(CHINESE);
  for (const m of Object.values(body.fieldErrors as Record<string, string>)) expect(m).toMatch(CHINESE);
  expect(body.requestId).toBe(res.headers['x-request-id']);
  return body as { code: string; message: string; fieldErrors: Record<string, string> };
}

const JSON_ENDPOINTS = [
  '/api/v1/auth/register/sms-code',
  '/api/v1/auth/login',
  '/api/v1/auth/recover-username',
  '/api/v1/auth/password-reset/sms-code',
  '/api/v1/auth/password-reset',
  '/api/v1/account/password',
  '/api/v1/account/mobile/sms-code',
  '/api/v1/account/mobile',
];

const WRONG_TYPES = {
  username: 12345,
  password: ['Qiye#Lvse2024'],
  passwordConfirm: { a: 1 },
  currentPassword: true,
  enterpriseName: 42,
  uscc: 913205,
  contactName: null,
  contactMobile: 13800000000,
  mobile: 13800000000,
  smsCode: 123456,
  captchaId: 1,
  captchaAnswer: false,
};

const INJECTION = {
  username: "'; DROP TABLE users; --",
  password: "' OR '1'='1",
  passwordConfirm: "' OR '1'='1",
  currentPassword: "' OR '1'='1",
  enterpriseName: '<script>alert(1)</script>',
  uscc: "91' OR 1=1 --",
  contactName: '<img src=x onerror=alert(1)>',
  contactMobile: "138'; DELETE FROM enterprises; --",
  mobile: "138'; DELETE FROM enterprises; --",
  smsCode: "1' OR '1",
  captchaId: "'; DROP TABLE captchas; --",
  captchaAnswer: '<script>',
};

describe.each(JSON_ENDPOINTS)('bad input at %s', (url) => {
  it('wrong types: 400 with field errors, nothing changes', async () => {
    const before = await snapshot(t);
    const body = expectEnvelope(await loggedIn.post(url, WRONG_TYPES));
    expect(['VALIDATION_FAILED', 'CAPTCHA_REQUIRED']).toContain(body.code);
    expect(Object.keys(body.fieldErrors).length).toBeGreaterThan(0);
    expect(await snapshot(t)).toEqual(before);
  });

  it('missing fields: 400 naming them, nothing changes', async () => {
    const before = await snapshot(t);
    const body = expectEnvelope(await loggedIn.post(url, {}));
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(body.fieldErrors).length).toBeGreaterThan(0);
    expect(await snapshot(t)).toEqual(before);
  });

  it('a JSON body over 1 MB: 413', async () => {
    const before = await snapshot(t);
    const res = await loggedIn.request('POST', url, {
      payload: JSON.stringify({ username: 'a'.repeat(1024 * 1024 + 10) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(413);
    expect(expectEnvelope(res).code).toBe('PAYLOAD_TOO_LARGE');
    expect(await snapshot(t)).toEqual(before);
  });

  it('malformed JSON and a non-object body: 400', async () => {
    const before = await snapshot(t);
    const bad = await loggedIn.request('POST', url, {
      payload: '{"username": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(expectEnvelope(bad).code).toBe('BAD_REQUEST');
    const arr = await loggedIn.request('POST', url, {
      payload: '[1,2,3]',
      headers: { 'content-type': 'application/json' },
    });
    expectEnvelope(arr);
    expect(await snapshot(t)).toEqual(before);
  });

  it('SQL and script fragments: a clear 4xx, tables intact', async () => {
    const before = await snapshot(t);
    expectEnvelope(await loggedIn.post(url, { ...INJECTION, ...(await captcha(loggedIn)) }));
    expect(await snapshot(t)).toEqual(before);
  });
});

describe('bad licence uploads at /api/v1/auth/register', () => {
  async function attempt(file: Parameters<typeof postMultipart>[3], submitted: Record<string, string> = {}) {
    const client = t.client();
    const fields = registerFields();
    const smsCode = await requestRegisterCode(t, client, fields);
    const before = await snapshot(t);
    const res = await postMultipart(
      client,
      '/api/v1/auth/register',
      { ...fields, smsCode, ...submitted },
      file,
    );
    expect(await snapshot(t)).toEqual(before);
    // The SMS code is not used up by a refused registration.
    const [code] = await t.ctx.db.select().from(smsCodes).where(eq(smsCodes.mobile, fields.contactMobile!));
    expect(code!.consumedAt).toBeNull();
    return res;
  }

  it('a PDF renamed .jpg is refused by its content', async () => {
    const res = await attempt({ data: pdfBytes(), filename: '营业执照.jpg', contentType: 'image/jpeg' });
    expect(res.statusCode).toBe(400);
    expect(expectEnvelope(res).fieldErrors.licence).toContain('JPG 或 PNG');
  });

  it('a GIF (an image, but not JPG/PNG) is refused', async () => {
    const res = await attempt({ data: await gifBuffer(), filename: 'a.png' });
    expect(expectEnvelope(res).fieldErrors.licence).toContain('JPG 或 PNG');
  });

  it('a zero-byte file is refused', async () => {
    const res = await attempt({ data: Buffer.alloc(0), filename: 'empty.jpg', contentType: 'image/jpeg' });
    expect(expectEnvelope(res).fieldErrors.licence).toContain('空');
  });

  it('a corrupt or truncated image is refused after decoding', async () => {
    const a = await attempt({ data: corruptJpeg(), filename: 'bad.jpg', contentType: 'image/jpeg' });
    expect(expectEnvelope(a).fieldErrors.licence).toContain('损坏');
    const b = await attempt({ data: await truncatedPng(), filename: 'cut.png' });
    expect(expectEnvelope(b).fieldErrors.licence).toContain('损坏');
  });

  it('an image over 25 megapixels is refused from its header, before any decode, saying its size and the cap', async () => {
    // 6000×4500 = 27 Mpx: a few KB on the wire (one colour), refused by what its header declares.
    const res = await attempt({ data: await pngBuffer(6000, 4500), filename: '营业执照.png' });
    expect(res.statusCode).toBe(400);
    expect(expectEnvelope(res).fieldErrors.licence).toBe(
      '营业执照图片为 6000×4500 像素（2700 万像素），超过 2500 万像素的上限，请缩小分辨率（例如 5000×5000 或 6000×4000 以内）后重新上传',
    );
  });

  it('a file over the licence limit answers 413 naming the limit in MB', async () => {
    const big = await noisyJpeg(t.config.licenceMaxBytes + 200 * 1024);
    expect(big.length).toBeGreaterThan(t.config.licenceMaxBytes);
    const res = await attempt({ data: big, filename: 'big.jpg', contentType: 'image/jpeg' });
    expect(res.statusCode).toBe(413);
    const body = expectEnvelope(res);
    expect(body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.message).toContain('5 MB');
  });

  it('a 50 MB upload answers 413', async () => {
    const huge = Buffer.alloc(50 * 1024 * 1024, 0x41);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    const res = await attempt({ data: huge, filename: 'huge.jpg', contentType: 'image/jpeg' });
    expect(res.statusCode).toBe(413);
    expect(expectEnvelope(res).message).toContain('5 MB');
  });

  it('a missing licence is listed with every other field error at once', async () => {
    const client = t.client();
    const before = await snapshot(t);
    const res = await postMultipart(client, '/api/v1/auth/register', {
      username: '1bad',
      password: 'short',
      passwordConfirm: 'other',
      enterpriseName: '',
      uscc: '123',
      contactName: '',
      contactMobile: '999',
      smsCode: 'abc',
    });
    const body = expectEnvelope(res);
    expect(Object.keys(body.fieldErrors).sort()).toEqual(
      [
        'contactMobile',
        'contactName',
        'enterpriseName',
        'licence',
        'password',
        'smsCode',
        'username',
        'uscc',
      ].sort(),
    );
    expect(body.message).toContain('营业执照');
    expect(await snapshot(t)).toEqual(before);
  });

  it('a JSON body instead of multipart is refused with 415', async () => {
    const before = await snapshot(t);
    const res = await t.client().post('/api/v1/auth/register', registerFields());
    expect(res.statusCode).toBe(415);
    expectEnvelope(res);
    expect(await snapshot(t)).toEqual(before);
  });

  it('a SQL fragment as username is refused; script and SQL in text fields are stored verbatim as text', async () => {
    const sqlName = await attempt({ data: await pngBuffer() }, { username: "'; DROP TABLE users; --" });
    expect(expectEnvelope(sqlName).fieldErrors.username).toContain('用户名为');

    const client = t.client();
    const name = '<script>alert(1)</script>';
    const contact = "'; DROP TABLE users; --";
    const fields = registerFields({ enterpriseName: name, contactName: contact });
    const smsCode = await requestRegisterCode(t, client, fields);
    const res = await postMultipart(
      client,
      '/api/v1/auth/register',
      { ...fields, smsCode },
      { data: await pngBuffer() },
    );
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json().user.enterprise).toMatchObject({ name, contactName: contact });
    const [e] = await t.ctx.db.select().from(enterprises).where(eq(enterprises.uscc, fields.uscc!));
    expect(e).toMatchObject({ name, contactName: contact });
    const [{ n }] = await t.ctx.database.query<{ n: number }>('select count(*)::int n from users');
    expect(n).toBeGreaterThan(0);
  });
});

describe('registration is one transaction', () => {
  it('a failure inside the transaction leaves no account, no file row, no stored file and an unused code', async () => {
    const client = t.client();
    const fields = registerFields();
    const smsCode = await requestRegisterCode(t, client, fields);
    await t.ctx.database.query(`create function test_fail_users() returns trigger language plpgsql as $$
      begin raise exception 'simulated failure'; end $$`);
    await t.ctx.database.query(
      'create trigger test_fail_users before insert on users for each row execute function test_fail_users()',
    );
    try {
      const before = await snapshot(t);
      const res = await postMultipart(
        client,
        '/api/v1/auth/register',
        { ...fields, smsCode },
        { data: await pngBuffer() },
      );
      expect(res.statusCode).toBe(500);
      expect(res.json().code).toBe('INTERNAL');
      expect(await snapshot(t)).toEqual(before);
      expect(res.cookies.find((c) => c.name === 'sid')?.value ?? '').toBe('');
    } finally {
      await t.ctx.database.query('drop trigger test_fail_users on users');
      await t.ctx.database.query('drop function test_fail_users()');
    }
    // The code was not used up, so the person can simply submit again.
    const retry = await postMultipart(
      client,
      '/api/v1/auth/register',
      { ...fields, smsCode },
      { data: await pngBuffer() },
    );
    expect(retry.statusCode).toBe(201);
  });

  it('a username taken concurrently (unique index) answers 400 on the field, with no orphan file', async () => {
    const client = t.client();
    const fields = registerFields();
    const smsCode = await requestRegisterCode(t, client, fields);
    await t.ctx.database.query(`create function test_dup_users() returns trigger language plpgsql as $$
      begin raise unique_violation using constraint = 'users_username_uq', message = 'duplicate key value violates unique constraint "users_username_uq"'; end $$`);
    await t.ctx.database.query(
      'create trigger test_dup_users before insert on users for each row execute function test_dup_users()',
    );
    try {
      const before = await snapshot(t);
      const res = await postMultipart(
        client,
        '/api/v1/auth/register',
        { ...fields, smsCode },
        { data: await pngBuffer() },
      );
      expect(res.statusCode).toBe(400);
      expect(expectEnvelope(res).fieldErrors.username).toContain('已被使用');
      expect(await snapshot(t)).toEqual(before);
    } finally {
      await t.ctx.database.query('drop trigger test_dup_users on users');
      await t.ctx.database.query('drop function test_dup_users()');
    }
  });

  it('login with SQL in the username is just a failed login', async () => {
    const res = await t.client().post('/api/v1/auth/login', { username: "admin' --", password: PASSWORD });
    expect(res.statusCode).toBe(401);
  });
});
