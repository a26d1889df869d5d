import { eq } from 'drizzle-orm';
import { loadConfig } from '../../../src/server/config';
import { passwordHistory, users } from '../../../src/server/db/schema';
import { hashPassword } from '../../../src/server/services/passwords';
import { PASSWORD_REUSED } from '../../../src/server/services/password-policy';
import { PASSWORD, captcha, lastSms, lastSmsCode, registerEnterprise } from '../../helpers/accounts';
import { loginAs } from '../../helpers/personas';
import { createTestApp, type TestApp, type TestClient } from '../../helpers/test-app';

/**
 * Password ageing and history (issue 17 item 3, docs/adr/0023-second-factor-and-password-ageing.md): expiry
 * after PASSWORD_MAX_AGE_DAYS (90 here, as in production) with a warning 7 days ahead, an expired password
 * must be changed before anything else, and none of the last 5 passwords may be chosen again.
 */
const DAY = 24 * 60 * 60_000;
const OLD = 'Jiu#Mima2020x';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { PASSWORD_MAX_AGE_DAYS: '90' } });
});
afterAll(async () => {
  await t.close();
});

let n = 0;
async function userChangedDaysAgo(days: number): Promise<{ id: string; client: TestClient }> {
  n += 1;
  const [row] = await t.ctx.db
    .insert(users)
    .values({
      username: `pp_city_${process.pid}_${n}`,
      passwordHash: await hashPassword(OLD),
      role: 'city_reviewer',
      displayName: '测试审核员',
      regionCode: '320500',
      passwordChangedAt: new Date(t.clock.now().getTime() - days * DAY),
    })
    .returning({ id: users.id });
  return { id: row!.id, client: await loginAs(t, row!.id) };
}

function change(client: TestClient, currentPassword: string, password: string) {
  return client.post('/api/v1/account/password', { currentPassword, password, passwordConfirm: password });
}

describe('password expiry', () => {
  it('defaults to 90 days in production and to none in the development and test modes', () => {
    const pepper = {
      SMS_CODE_PEPPER: 'a-production-pepper-0123456789',
      SMS_ALLOW_OUTBOX_IN_PRODUCTION: 'true',
    };
    expect(loadConfig({ APP_MODE: 'production', ...pepper }).passwordMaxAgeDays).toBe(90);
    expect(loadConfig({ APP_MODE: 'development' }).passwordMaxAgeDays).toBe(0);
    expect(loadConfig({ APP_MODE: 'test' }).passwordMaxAgeDays).toBe(0);
    expect(
      loadConfig({ APP_MODE: 'production', ...pepper, PASSWORD_MAX_AGE_DAYS: '60' }).passwordMaxAgeDays,
    ).toBe(60);
  });

  it('warns in the last 7 days (shown after login), not before', async () => {
    const early = await userChangedDaysAgo(82);
    expect((await early.client.session()).user).toMatchObject({
      passwordExpired: false,
      passwordExpiryWarningDays: null,
    });
    const warned = await userChangedDaysAgo(83);
    const s = (await warned.client.session()).user!;
    expect(s).toMatchObject({ passwordExpired: false, passwordExpiryWarningDays: 7 });
    expect(new Date(s.passwordExpiresAt as string).getTime()).toBe(t.clock.now().getTime() + 7 * DAY);
    // Still usable while warned.
    expect((await warned.client.get('/api/v1/notifications')).statusCode).toBe(200);
  });

  it('an expired password must be changed before anything else', async () => {
    const u = await userChangedDaysAgo(90);
    const refused = await u.client.get('/api/v1/notifications');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      code: 'PASSWORD_EXPIRED',
      message: '密码已过有效期，请先修改密码后再继续使用。',
    });
    const session = await u.client.session();
    expect(session.user).toMatchObject({ passwordExpired: true });
    const changed = await change(u.client, OLD, 'Xin#Mima2026a');
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user).toMatchObject({ passwordExpired: false, passwordExpiryWarningDays: null });
    expect((await u.client.get('/api/v1/notifications')).statusCode).toBe(200);
  });

  it('a password turns expired as the clock passes 90 days', async () => {
    const u = await userChangedDaysAgo(89);
    expect((await u.client.get('/api/v1/notifications')).statusCode).toBe(200);
    t.clock.advance(DAY);
    await loginAs(t, u.id, u.client);
    expect((await u.client.get('/api/v1/notifications')).json().code).toBe('PASSWORD_EXPIRED');
    t.clock.advance(-DAY);
  });
});

describe('password history', () => {
  it('none of the last 5 passwords may be chosen again; the sixth back may', async () => {
    const u = await userChangedDaysAgo(1);
    const chain = [OLD, 'Di1#Mima2026a', 'Di2#Mima2026b', 'Di3#Mima2026c', 'Di4#Mima2026d'];
    for (let i = 1; i < chain.length; i++) {
      expect((await change(u.client, chain[i - 1]!, chain[i]!)).statusCode).toBe(200);
    }
    // The last five are OLD … Di4: each earlier one is refused with a message beside the field.
    for (const earlier of chain.slice(0, -1)) {
      const refused = await change(u.client, chain[4]!, earlier);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().fieldErrors.password).toBe(PASSWORD_REUSED);
    }
    expect((await change(u.client, chain[4]!, 'Di5#Mima2026e')).statusCode).toBe(200);
    // Now OLD is the sixth back: allowed again.
    expect((await change(u.client, 'Di5#Mima2026e', OLD)).statusCode).toBe(200);
    const kept = await t.ctx.db.select().from(passwordHistory).where(eq(passwordHistory.userId, u.id));
    expect(kept).toHaveLength(4);
  });

  it('a reset by SMS may not reuse a recent password either', async () => {
    const client = t.client();
    const { fields } = await registerEnterprise(t, client);
    await change(client, PASSWORD, 'Qiye#Xinmima2026');
    // One code a minute per mobile: the registration code was just sent. The "password changed" notice goes
    // out first (a job), so the newest message is the reset code.
    t.clock.advance(61_000);
    expect((await lastSms(t, fields.contactMobile!))?.template).toBe('password_changed');
    const anon = t.client();
    const sent = await anon.post('/api/v1/auth/password-reset/sms-code', {
      username: fields.username,
      ...(await captcha(anon)),
    });
    expect(sent.statusCode).toBe(200);
    const smsCode = await lastSmsCode(t, fields.contactMobile!);
    const reused = await anon.post('/api/v1/auth/password-reset', {
      username: fields.username,
      smsCode,
      password: PASSWORD,
      passwordConfirm: PASSWORD,
    });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().fieldErrors.password).toBe(PASSWORD_REUSED);
    // The code was not spent: a new password goes through with it.
    const ok = await anon.post('/api/v1/auth/password-reset', {
      username: fields.username,
      smsCode,
      password: 'Qiye#Lingyi2026',
      passwordConfirm: 'Qiye#Lingyi2026',
    });
    expect(ok.statusCode).toBe(200);
  });
});
