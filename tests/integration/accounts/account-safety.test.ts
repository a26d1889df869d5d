import { loadConfig } from '../../../src/server/config';
import { PASSWORD_COMMON, PASSWORD_HAS_USERNAME } from '../../../src/shared/rules/password-policy';
import { PASSWORD, captcha, registerEnterprise, registerFields } from '../../helpers/accounts';
import { createPersonas } from '../../helpers/personas';
import { createTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('common and derived passwords are refused wherever a password is chosen (issue 16 item 13)', () => {
  it.each([
    ['P@ssw0rd', PASSWORD_COMMON],
    ['Demo@2023js', PASSWORD_COMMON],
  ])('registration refuses %s', async (pw, message) => {
    const client = t.client();
    const fields = registerFields({ password: pw, passwordConfirm: pw });
    const res = await client.post('/api/v1/auth/register/sms-code', {
      ...fields,
      ...(await captcha(client)),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors.password).toBe(message);
  });

  it('registration refuses a password holding the username or its reverse', async () => {
    const client = t.client();
    for (const make of [(u: string) => `${u}#A1`, (u: string) => `X9#${[...u].reverse().join('')}`]) {
      const fields = registerFields();
      const pw = make(fields.username!.toUpperCase());
      const res = await client.post('/api/v1/auth/register/sms-code', {
        ...fields,
        password: pw,
        passwordConfirm: pw,
        ...(await captcha(client)),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().fieldErrors.password).toBe(PASSWORD_HAS_USERNAME);
    }
  });

  it('changing the password refuses the demo password and one derived from the username', async () => {
    const client = t.client();
    const { fields } = await registerEnterprise(t, client);
    for (const [pw, message] of [
      ['Demo@2023js', PASSWORD_COMMON],
      [`Zz#${fields.username}`, PASSWORD_HAS_USERNAME],
    ] as const) {
      const res = await client.post('/api/v1/account/password', {
        currentPassword: PASSWORD,
        password: pw,
        passwordConfirm: pw,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().fieldErrors.password).toBe(message);
    }
  });

  it('an administrator may neither create nor reset an account with a guessable password', async () => {
    const p = await createPersonas(t);
    const create = await p.admin.client.post('/api/v1/admin/users', {
      username: 'ks_officer9',
      displayName: '昆山科员',
      role: 'county_reviewer',
      regionCode: '320583',
      password: 'Ks_officer9!x',
      passwordConfirm: 'Ks_officer9!x',
    });
    expect(create.statusCode).toBe(400);
    expect(create.json().fieldErrors.password).toBe(PASSWORD_HAS_USERNAME);
    const reset = await p.admin.client.post(`/api/v1/admin/users/${p.ksCounty.userId}/reset-password`, {
      password: 'P@ssw0rd',
      passwordConfirm: 'P@ssw0rd',
    });
    expect(reset.statusCode).toBe(400);
    expect(reset.json().fieldErrors.password).toBe(PASSWORD_COMMON);
  });
});

describe('developer routes answer this machine only', () => {
  it('the SMS outbox refuses a remote client and a proxied one, and answers loopback', async () => {
    const local = t.client();
    expect((await local.get('/api/v1/dev/sms-outbox')).statusCode).toBe(200);
    const remote = t.client();
    remote.remoteAddress = '203.0.113.9';
    const res = await remote.get('/api/v1/dev/sms-outbox');
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('开发调试接口仅允许本机访问。');
    const proxied = await local.get('/api/v1/dev/sms-outbox', { 'x-forwarded-for': '203.0.113.9' });
    expect(proxied.statusCode).toBe(403);
  });

  it('development and test modes refuse to start on a non-loopback HOST; production may', () => {
    expect(() => loadConfig({ APP_MODE: 'development', HOST: '0.0.0.0' })).toThrow(/只允许监听本机地址/);
    expect(() => loadConfig({ HOST: '192.168.1.20' })).toThrow(/HOST=192\.168\.1\.20/);
    expect(() => loadConfig({ APP_MODE: 'test', HOST: '::' })).toThrow(/APP_MODE=test/);
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.1.1']) {
      expect(loadConfig({ APP_MODE: 'development', HOST: host }).host).toBe(host);
    }
    expect(
      loadConfig({
        APP_MODE: 'production',
        HOST: '0.0.0.0',
        SMS_CODE_PEPPER: 'a-secret-of-enough-length',
        SMS_ALLOW_OUTBOX_IN_PRODUCTION: 'true',
      }).host,
    ).toBe('0.0.0.0');
  });
});
