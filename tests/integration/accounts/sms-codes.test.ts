import { smsCodes } from '../../../src/server/db/schema';
import { captcha, postMultipart, registerFields, requestRegisterCode } from '../../helpers/accounts';
import { pngBuffer } from '../../helpers/images';
import { createTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('registration: SMS code rules', () => {
  it('a wrong code counts; after 5 tries the code is dead and says so', async () => {
    const client = t.client();
    const fields = registerFields();
    const code = await requestRegisterCode(t, client, fields);
    const wrong = code === '000000' ? '111111' : '000000';
    const png = await pngBuffer();
    const messages: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await postMultipart(
        client,
        '/api/v1/auth/register',
        { ...fields, smsCode: wrong },
        { data: png },
      );
      expect(res.statusCode).toBe(400);
      messages.push(res.json().fieldErrors.smsCode);
    }
    expect(messages[0]).toContain('还可再试 4 次');
    expect(messages[4]).toContain('已失效');
    const late = await postMultipart(
      client,
      '/api/v1/auth/register',
      { ...fields, smsCode: code },
      { data: png },
    );
    expect(late.statusCode).toBe(400);
    expect(late.json().fieldErrors.smsCode).toContain('已失效');
  });

  it('a code expires after 5 minutes', async () => {
    const client = t.client();
    const fields = registerFields();
    const code = await requestRegisterCode(t, client, fields);
    t.clock.advance(5 * 60_000 + 1);
    const res = await postMultipart(
      client,
      '/api/v1/auth/register',
      { ...fields, smsCode: code },
      { data: await pngBuffer() },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors.smsCode).toContain('过期');
  });

  it('one code a minute per mobile, with the seconds to wait; ten a day', async () => {
    const client = t.client();
    const fields = registerFields();
    await requestRegisterCode(t, client, fields);
    t.clock.advance(20_000);
    const again = await client.post('/api/v1/auth/register/sms-code', {
      ...fields,
      ...(await captcha(client)),
    });
    expect(again.statusCode).toBe(429);
    expect(again.json()).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('40 秒后') });
    for (let i = 2; i <= 10; i++) {
      t.clock.advance(61_000);
      await requestRegisterCode(t, client, fields);
    }
    t.clock.advance(61_000);
    const eleventh = await client.post('/api/v1/auth/register/sms-code', {
      ...fields,
      ...(await captcha(client)),
    });
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json().message).toMatch(/10 次上限，请于 .+ 后再试/);
    t.clock.advance(24 * 60 * 60_000);
    await requestRegisterCode(t, client, fields);
  });

  it('thirty codes a day per IP, counted from the database (holds across processes)', async () => {
    const client = t.client();
    const now = t.clock.now();
    await t.ctx.db.insert(smsCodes).values(
      Array.from({ length: 30 }, (_, i) => ({
        mobile: `1370000${String(i).padStart(4, '0')}`,
        purpose: 'register',
        codeHash: 'x'.repeat(64),
        expiresAt: now,
        ip: '127.0.0.1',
        createdAt: new Date(now.getTime() - 60 * 60_000),
      })),
    );
    const fields = registerFields();
    const res = await client.post('/api/v1/auth/register/sms-code', {
      ...fields,
      ...(await captcha(client)),
    });
    expect(res.statusCode).toBe(429);
    expect(res.json().message).toMatch(/请于 .+ 后再试/);
    t.clock.advance(23 * 60 * 60_000 + 1000);
    const later = await client.post('/api/v1/auth/register/sms-code', {
      ...fields,
      ...(await captcha(client)),
    });
    expect(later.statusCode).toBe(200);
  });

  it('only the newest code works', async () => {
    const client = t.client();
    const fields = registerFields();
    const first = await requestRegisterCode(t, client, fields);
    t.clock.advance(61_000);
    const second = await requestRegisterCode(t, client, fields);
    if (first !== second) {
      const res = await postMultipart(
        client,
        '/api/v1/auth/register',
        { ...fields, smsCode: first },
        { data: await pngBuffer() },
      );
      expect(res.statusCode).toBe(400);
    }
    const ok = await postMultipart(
      client,
      '/api/v1/auth/register',
      { ...fields, smsCode: second },
      { data: await pngBuffer() },
    );
    expect(ok.statusCode).toBe(201);
  });
});
