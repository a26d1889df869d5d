import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import { enterprises, files, smsCodes, users } from '../../../src/server/db/schema';
import {
  PASSWORD,
  auditActions,
  captcha,
  lastSms,
  lastSmsCode,
  makeUscc,
  postMultipart,
  registerEnterprise,
  registerFields,
  requestRegisterCode,
  snapshot,
} from '../../helpers/accounts';
import { jpegWithExif, pngBuffer } from '../../helpers/images';
import { createTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const CHINESE = /[\u4e00-\u9fa5]/;

describe('registration: happy path', () => {
  it('registers an enterprise with captcha, SMS code and licence, logs it in and audits it', async () => {
    const client = t.client();
    const before = await snapshot(t);
    const fields = registerFields({ uscc: ` ${makeUscc(990001).toLowerCase()} ` });
    const sent = await client.post('/api/v1/auth/register/sms-code', {
      ...fields,
      ...(await captcha(client)),
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({
      sentTo: `${fields.contactMobile!.slice(0, 3)}****${fields.contactMobile!.slice(7)}`,
      resendAfterSeconds: 60,
    });
    const code = await lastSmsCode(t, fields.contactMobile!);
    const jpeg = await jpegWithExif();
    const res = await postMultipart(
      client,
      '/api/v1/auth/register',
      { ...fields, smsCode: code },
      {
        data: jpeg,
        filename: '执照.jpg',
        contentType: 'image/jpeg',
      },
    );
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.user).toMatchObject({ username: fields.username, role: 'enterprise', roleLabel: '企业用户' });
    expect(body.user.enterprise).toMatchObject({
      uscc: makeUscc(990001),
      name: fields.enterpriseName,
      contactName: '张三',
    });
    expect(body.user.enterprise.contactMobileMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(body.csrfToken).toBe(client.cookies.get('csrf'));
    const sid = res.cookies.find((c) => c.name === 'sid');
    expect(sid?.httpOnly).toBe(true);

    const session = await client.session();
    expect(session.user).toMatchObject({ username: fields.username });

    const after = await snapshot(t);
    expect(after).toEqual({
      u: before.u + 1,
      e: before.e + 1,
      f: before.f + 1,
      s: before.s + 1,
      stored: before.stored + 1,
    });

    // The stored licence is a re-encoded JPEG without the uploaded metadata, with its sha256 recorded.
    const [e] = await t.ctx.db
      .select()
      .from(enterprises)
      .where(eq(enterprises.uscc, makeUscc(990001)));
    const [f] = await t.ctx.db.select().from(files).where(eq(files.id, e!.licenceFileId!));
    expect(f).toMatchObject({ purpose: 'licence', mimeType: 'image/jpeg', enterpriseId: e!.id });
    const stored = await t.ctx.storage.get(f!.storageKey);
    expect(f!.sizeBytes).toBe(stored.length);
    expect(f!.sha256).toBe((await import('node:crypto')).createHash('sha256').update(stored).digest('hex'));
    const meta = await sharp(stored).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(stored.includes(Buffer.from('SecretCam'))).toBe(false);

    // The code is stored hashed, never in clear, and is used up.
    const [row] = await t.ctx.db.select().from(smsCodes).where(eq(smsCodes.mobile, fields.contactMobile!));
    expect(row!.codeHash).not.toContain(code);
    expect(row!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.consumedAt).not.toBeNull();

    const actions = await auditActions(t);
    expect(actions).toContain('account.register');
    const audits = await t.ctx.database.query<{
      ip: string;
      user_agent: string;
      username: string;
      details: unknown;
    }>("select ip, user_agent, username, details from audit_events where action = 'account.register'");
    expect(audits[0]).toMatchObject({ ip: '127.0.0.1', user_agent: 'vitest', username: fields.username });
    expect(JSON.stringify(audits[0]!.details)).not.toContain(PASSWORD);
    expect(JSON.stringify(audits[0]!.details)).not.toContain(code);
  });

  it('keeps a PNG as PNG', async () => {
    const client = t.client();
    const { fields } = await registerEnterprise(t, client);
    const [u] = await t.ctx.db.select().from(users).where(eq(users.username, fields.username!));
    const [f] = await t.ctx.db.select().from(files).where(eq(files.enterpriseId, u!.enterpriseId!));
    expect(f!.mimeType).toBe('image/png');
    expect((await sharp(await t.ctx.storage.get(f!.storageKey)).metadata()).format).toBe('png');
  });
});

describe('registration: SMS code only for a valid form (FAQ 1.5)', () => {
  it('lists EVERY blocking field at once and sends nothing', async () => {
    const client = t.client();
    const { fields: existing } = await registerEnterprise(t, client);
    const other = t.client();
    const fields = registerFields({
      username: existing.username!.toUpperCase(),
      uscc: existing.uscc!,
      passwordConfirm: 'Different@123',
      contactMobile: '12345',
    });
    const res = await other.post('/api/v1/auth/register/sms-code', {
      ...fields,
      captchaId: (await captcha(other)).captchaId,
      captchaAnswer: 'wrong',
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(body.fieldErrors).sort()).toEqual(
      ['captchaAnswer', 'contactMobile', 'passwordConfirm', 'username', 'uscc'].sort(),
    );
    expect(body.fieldErrors.username).toContain('已被使用');
    expect(body.fieldErrors.username).toContain('更换');
    expect(body.fieldErrors.uscc).toContain('该企业已注册');
    expect(body.fieldErrors.uscc).toContain('忘记用户名');
    expect(body.fieldErrors.passwordConfirm).toBe('两次输入的密码不一致，请重新输入');
    for (const label of ['用户名', '统一社会信用代码', '确认密码', '联系手机', '图形验证码'])
      expect(body.message).toContain(label);
    expect(await lastSms(t, '12345')).toBeUndefined();
  });

  it('refuses a wrong captcha even when the form is valid, and the captcha is burnt', async () => {
    const client = t.client();
    const fields = registerFields();
    const c = await captcha(client);
    const wrong = await client.post('/api/v1/auth/register/sms-code', {
      ...fields,
      captchaId: c.captchaId,
      captchaAnswer: 'zzzz',
    });
    expect(wrong.statusCode).toBe(400);
    expect(Object.keys(wrong.json().fieldErrors)).toEqual(['captchaAnswer']);
    const reuse = await client.post('/api/v1/auth/register/sms-code', { ...fields, ...c });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().fieldErrors.captchaAnswer).toContain('换一张');
    expect(await lastSms(t, fields.contactMobile!)).toBeUndefined();
  });

  it('refuses a credit code that is not an enterprise code (prefix 91)', async () => {
    const client = t.client();
    const fields = registerFields({ uscc: '92320583MA0000010T' });
    const res = await client.post('/api/v1/auth/register/sms-code', {
      ...fields,
      ...(await captcha(client)),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors.uscc).toMatch(CHINESE);
  });

  it('an expired captcha (older than 5 minutes) does not work', async () => {
    const client = t.client();
    const fields = registerFields();
    const c = await captcha(client);
    t.clock.advance(5 * 60_000 + 1000);
    const res = await client.post('/api/v1/auth/register/sms-code', { ...fields, ...c });
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors.captchaAnswer).toContain('失效');
  });
});

describe('registration: uniqueness', () => {
  it('says an already registered credit code is registered and how to recover the username', async () => {
    const client = t.client();
    const { fields: first } = await registerEnterprise(t, client);
    const second = t.client();
    const fields = registerFields({ uscc: first.uscc!.toLowerCase() });
    const res = await second.post('/api/v1/auth/register/sms-code', {
      ...fields,
      ...(await captcha(second)),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors).toEqual({
      uscc: expect.stringMatching(/该企业已注册.*登录页.*忘记用户名.*短信.*联系手机/),
    });
  });

  it('tells whether a credit code is registered when the field is left, before any captcha, and nothing more', async () => {
    const { fields: first } = await registerEnterprise(t, t.client());
    const client = t.client();
    const taken = await client.post('/api/v1/auth/register/uscc-check', { uscc: first.uscc!.toLowerCase() });
    expect(taken.statusCode).toBe(200);
    // Registered or not, with what to do: no name, user, mobile or region of the enterprise.
    expect(taken.json()).toEqual({
      registered: true,
      message: expect.stringMatching(/^该企业已注册.*忘记用户名/),
    });
    const free = await client.post('/api/v1/auth/register/uscc-check', { uscc: makeUscc(424_242) });
    expect(free.json()).toEqual({ registered: false });
    // A wrong code: the one message that says what is wrong (17 characters: the length, not the check digit).
    const short = await client.post('/api/v1/auth/register/uscc-check', { uscc: makeUscc(1).slice(0, 17) });
    expect(short.statusCode).toBe(400);
    expect(short.json().fieldErrors).toEqual({
      uscc: '统一社会信用代码应为18位，当前为17位，请对照营业执照核对',
    });
  });

  it('limits the credit-code check to 10 a minute per address', async () => {
    const client = t.client();
    client.remoteAddress = '203.0.113.77';
    for (let i = 0; i < 10; i++) {
      const res = await client.post('/api/v1/auth/register/uscc-check', { uscc: makeUscc(500_000 + i) });
      expect(res.statusCode).toBe(200);
    }
    const over = await client.post('/api/v1/auth/register/uscc-check', { uscc: makeUscc(500_010) });
    expect(over.statusCode).toBe(429);
    expect(over.json().message).toMatch(/^查询统一社会信用代码过于频繁，请在 \d+ 秒后再试。$/);
    // Another address is not affected.
    const other = t.client();
    other.remoteAddress = '203.0.113.78';
    expect(
      (await other.post('/api/v1/auth/register/uscc-check', { uscc: makeUscc(500_011) })).statusCode,
    ).toBe(200);
  });

  it('a username differing only in case is taken; the register call itself re-checks', async () => {
    const a = t.client();
    const b = t.client();
    const fields = registerFields();
    const other = registerFields({ username: fields.username!.toUpperCase() });
    const codeA = await requestRegisterCode(t, a, fields);
    const codeB = await requestRegisterCode(t, b, other);
    const png = await pngBuffer();
    const before = await snapshot(t);
    const ok = await postMultipart(a, '/api/v1/auth/register', { ...fields, smsCode: codeA }, { data: png });
    expect(ok.statusCode).toBe(201);
    const taken = await postMultipart(
      b,
      '/api/v1/auth/register',
      { ...other, smsCode: codeB },
      { data: png },
    );
    expect(taken.statusCode).toBe(400);
    expect(taken.json().fieldErrors.username).toContain('已被使用');
    const after = await snapshot(t);
    expect(after).toEqual({
      ...before,
      u: before.u + 1,
      e: before.e + 1,
      f: before.f + 1,
      s: before.s + 1,
      stored: before.stored + 1,
    });
  });
});
