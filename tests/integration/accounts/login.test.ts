import { eq } from 'drizzle-orm';
import { auditEvents, users } from '../../../src/server/db/schema';
import { setChosenPassword } from '../../../src/server/modules/auth/service';
import { hashPassword } from '../../../src/server/services/passwords';
import { PASSWORD, auditActions, captcha, registerEnterprise } from '../../helpers/accounts';
import { createTestApp, type TestApp, type TestClient } from '../../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function newAccount(): Promise<string> {
  const { fields } = await registerEnterprise(t, t.client());
  return fields.username!;
}

function login(client: TestClient, body: Record<string, unknown>) {
  return client.post('/api/v1/auth/login', body);
}

async function failures(username: string): Promise<number> {
  const [u] = await t.ctx.db.select().from(users).where(eq(users.username, username));
  return u!.failedLogins;
}

describe('login and logout', () => {
  it('logs in case-insensitively, sets an HttpOnly session cookie, and logs out', async () => {
    const username = await newAccount();
    const client = t.client();
    const res = await login(client, { username: `  ${username.toUpperCase()} `, password: PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe(username);
    expect(res.cookies.find((c) => c.name === 'sid')).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
    });
    expect((await client.session()).user).toMatchObject({ username });

    const out = await client.post('/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    expect((await client.session()).user).toBeNull();
    const actions = await auditActions(t);
    expect(actions).toEqual(expect.arrayContaining(['login.success', 'logout']));
  });

  it('a wrong password or unknown user answers the same 401 in Chinese', async () => {
    const username = await newAccount();
    const client = t.client();
    const wrong = await login(client, { username, password: 'Wrong@12345' });
    const unknown = await login(client, { username: 'nobody_here', password: 'Wrong@12345' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().message).toBe(unknown.json().message);
    expect(wrong.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误。' });
  });

  it('after 3 failures a captcha is required, after 5 the account is locked for 15 minutes', async () => {
    const username = await newAccount();
    const client = t.client();
    for (let i = 1; i <= 2; i++) {
      const res = await login(client, { username, password: 'Wrong@12345' });
      expect(res.json().code).toBe('INVALID_CREDENTIALS');
    }
    const third = await login(client, { username, password: 'Wrong@12345' });
    expect(third.statusCode).toBe(400);
    expect(third.json().code).toBe('CAPTCHA_REQUIRED');
    expect(third.json().message).toContain('用户名或密码错误');
    expect(third.json().fieldErrors.captchaAnswer).toBeTruthy();

    // Without a captcha the password is not even checked, the right one included.
    const noCaptcha = await login(client, { username, password: PASSWORD });
    expect(noCaptcha.json().code).toBe('CAPTCHA_REQUIRED');
    expect(noCaptcha.json().message).not.toContain('用户名或密码错误');
    const badCaptcha = await login(client, {
      username,
      password: PASSWORD,
      captchaId: (await captcha(client)).captchaId,
      captchaAnswer: 'zzzz',
    });
    expect(badCaptcha.json().code).toBe('CAPTCHA_REQUIRED');
    expect(badCaptcha.json().fieldErrors.captchaAnswer).toContain('图形验证码不正确');
    expect(await failures(username)).toBe(3);

    const fourth = await login(client, { username, password: 'Wrong@12345', ...(await captcha(client)) });
    expect(fourth.json().code).toBe('CAPTCHA_REQUIRED');
    expect(fourth.json().message).toContain('用户名或密码错误');
    const fifth = await login(client, { username, password: 'Wrong@12345', ...(await captcha(client)) });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    expect(fifth.json().message).toMatch(/用户名或密码错误.*锁定 15 分钟.*请于 \d\d:\d\d 后再试/);

    // Locked: even the right password is refused.
    t.clock.advance(14 * 60_000);
    const locked = await login(client, { username, password: PASSWORD, ...(await captcha(client)) });
    expect(locked.statusCode).toBe(423);

    t.clock.advance(60_000 + 1000);
    const stillCaptcha = await login(client, { username, password: PASSWORD });
    expect(stillCaptcha.json().code).toBe('CAPTCHA_REQUIRED');
    const ok = await login(client, { username, password: PASSWORD, ...(await captcha(client)) });
    expect(ok.statusCode).toBe(200);
    const [u] = await t.ctx.db.select().from(users).where(eq(users.username, username));
    expect(u).toMatchObject({ failedLogins: 0, lockedUntil: null });
    expect(await auditActions(t)).toEqual(
      expect.arrayContaining(['login.failure', 'account.locked', 'login.locked']),
    );
  });

  it('the lock is per account AND source: the owner elsewhere logs in (with the captcha), the attacker stays locked', async () => {
    const username = await newAccount();
    const attacker = t.client();
    attacker.remoteAddress = '203.0.113.7';
    for (let i = 1; i <= 5; i++) {
      const res = await login(attacker, {
        username,
        password: 'Wrong@12345',
        ...(i > 3 ? await captcha(attacker) : {}),
      });
      expect(res.json().code).toBe(
        i === 5 ? 'ACCOUNT_LOCKED' : i >= 3 ? 'CAPTCHA_REQUIRED' : 'INVALID_CREDENTIALS',
      );
    }
    expect(
      (await login(attacker, { username, password: PASSWORD, ...(await captcha(attacker)) })).statusCode,
    ).toBe(423);

    const owner = t.client();
    owner.remoteAddress = '198.51.100.20';
    // The account-wide count still asks the owner for a captcha; then the right password opens the account.
    expect((await login(owner, { username, password: PASSWORD })).json().code).toBe('CAPTCHA_REQUIRED');
    const ok = await login(owner, { username, password: PASSWORD, ...(await captcha(owner)) });
    expect(ok.statusCode).toBe(200);
    // The attacker's address stays locked after the owner's success.
    const again = await login(attacker, { username, password: PASSWORD, ...(await captcha(attacker)) });
    expect(again.statusCode).toBe(423);
    expect(again.json().message).toContain('仅限当前网络');
    const audits = await t.ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'account.locked'));
    expect(audits.some((a) => (a.details as { source?: string }).source === '203.0.113.7')).toBe(true);
  });

  it('a password reset by SMS lifts every address lock (the owner behind the same address gets back in)', async () => {
    const username = await newAccount();
    const shared = t.client();
    shared.remoteAddress = '192.0.2.55';
    for (let i = 1; i <= 5; i++)
      await login(shared, { username, password: 'Wrong@12345', ...(i > 3 ? await captcha(shared) : {}) });
    expect(
      (await login(shared, { username, password: PASSWORD, ...(await captcha(shared)) })).statusCode,
    ).toBe(423);
    const [u] = await t.ctx.db.select().from(users).where(eq(users.username, username));
    await setChosenPassword(t.ctx.db, u!.id, await hashPassword('Huanxin#Mima2027'), t.clock.now());
    const res = await login(shared, { username, password: 'Huanxin#Mima2027' });
    expect(res.statusCode).toBe(200);
  });

  it('a success resets the failure counter', async () => {
    const username = await newAccount();
    const client = t.client();
    await login(client, { username, password: 'Wrong@12345' });
    await login(client, { username, password: 'Wrong@12345' });
    expect((await login(client, { username, password: PASSWORD })).statusCode).toBe(200);
    expect(await failures(username)).toBe(0);
    await login(client, { username, password: 'Wrong@12345' });
    const res = await login(client, { username, password: 'Wrong@12345' });
    expect(res.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('unknown usernames also ask for a captcha after 3 failures (no way to tell them apart)', async () => {
    const client = t.client();
    for (let i = 0; i < 2; i++)
      expect((await login(client, { username: 'ghost_user', password: 'Wrong@12345' })).json().code).toBe(
        'INVALID_CREDENTIALS',
      );
    const third = await login(client, { username: 'Ghost_User', password: 'Wrong@12345' });
    expect(third.json().code).toBe('CAPTCHA_REQUIRED');
  });

  it('a disabled user cannot log in', async () => {
    const username = await newAccount();
    await t.ctx.db.update(users).set({ status: 'disabled' }).where(eq(users.username, username));
    const res = await login(t.client(), { username, password: PASSWORD });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('停用');
  });

  it('logging in replaces the current session; a session ends after 30 idle minutes', async () => {
    const username = await newAccount();
    const client = t.client();
    await login(client, { username, password: PASSWORD });
    const [{ n: before }] = await t.ctx.database.query<{ n: number }>('select count(*)::int n from sessions');
    await login(client, { username, password: PASSWORD });
    const [{ n: after }] = await t.ctx.database.query<{ n: number }>('select count(*)::int n from sessions');
    expect(after).toBe(before);
    t.clock.advance(31 * 60_000);
    expect((await client.session()).user).toBeNull();
  });
});
