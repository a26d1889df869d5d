import { Writable } from 'node:stream';
import {
  PASSWORD,
  captcha,
  lastSmsCode,
  postMultipart,
  registerFields,
  requestRegisterCode,
} from '../../helpers/accounts';
import { pngBuffer } from '../../helpers/images';
import { createTestApp, type TestApp } from '../../helpers/test-app';

const lines: string[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(chunk.toString('utf8'));
    done();
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ logStream });
});
afterAll(async () => {
  await t.close();
});

describe('logs', () => {
  it('never contain the password, the SMS codes or the session token', async () => {
    const client = t.client();
    const fields = registerFields({ password: 'Secret#Pw2024', passwordConfirm: 'Secret#Pw2024' });
    const registerCode = await requestRegisterCode(t, client, fields);
    const reg = await postMultipart(
      client,
      '/api/v1/auth/register',
      { ...fields, smsCode: registerCode },
      { data: await pngBuffer() },
    );
    expect(reg.statusCode).toBe(201);
    const registerToken = reg.cookies.find((c) => c.name === 'sid')!.value;

    const other = t.client();
    const wrong = await other.post('/api/v1/auth/login', { username: fields.username, password: PASSWORD });
    expect(wrong.statusCode).toBe(401);
    const login = await other.post('/api/v1/auth/login', {
      username: fields.username,
      password: 'Secret#Pw2024',
    });
    expect(login.statusCode).toBe(200);
    const loginToken = login.cookies.find((c) => c.name === 'sid')!.value;
    expect((await other.session()).user).not.toBeNull();

    t.clock.advance(61_000);
    const reset = t.client();
    expect(
      (
        await reset.post('/api/v1/auth/password-reset/sms-code', {
          username: fields.username,
          ...(await captcha(reset)),
        })
      ).statusCode,
    ).toBe(200);
    const resetCode = await lastSmsCode(t, fields.contactMobile!);
    const done = await reset.post('/api/v1/auth/password-reset', {
      username: fields.username,
      smsCode: resetCode,
      password: 'Another#Pw2025',
      passwordConfirm: 'Another#Pw2025',
    });
    expect(done.statusCode).toBe(200);

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    expect(log).toContain('/api/v1/auth/login');
    for (const secret of [
      'Secret#Pw2024',
      'Another#Pw2025',
      PASSWORD,
      registerCode,
      resetCode,
      registerToken,
      loginToken,
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
