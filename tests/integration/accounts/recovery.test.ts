import { eq } from 'drizzle-orm';
import { enterprises, smsOutbox, users } from '../../../src/server/db/schema';
import { runDueJobs } from '../../../src/server/services/jobs';
import { hashPassword } from '../../../src/server/services/passwords';
import {
  PASSWORD,
  auditActions,
  captcha,
  lastSms,
  lastSmsCode,
  makeUscc,
  registerEnterprise,
} from '../../helpers/accounts';
import { createTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function outboxCount(): Promise<number> {
  await runDueJobs(t.ctx);
  return (await t.ctx.db.select().from(smsOutbox)).length;
}

describe('forgot username (FAQ 1.1)', () => {
  it('sends the username by SMS to the registered contact mobile, never in the answer', async () => {
    const { fields } = await registerEnterprise(t, t.client());
    const client = t.client();
    const res = await client.post('/api/v1/auth/recover-username', {
      uscc: fields.uscc!.toLowerCase(),
      mobile: fields.contactMobile,
      ...(await captcha(client)),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(fields.username!);
    const sms = await lastSms(t, fields.contactMobile!);
    expect(sms).toMatchObject({ template: 'username_reminder' });
    expect(sms!.body).toContain(fields.username!);
    expect(await auditActions(t)).toContain('account.recover_username');
  });

  it('answers identically when the code is unknown or the mobile does not match, and sends nothing', async () => {
    const { fields } = await registerEnterprise(t, t.client());
    const client = t.client();
    const match = await client.post('/api/v1/auth/recover-username', {
      uscc: fields.uscc,
      mobile: fields.contactMobile,
      ...(await captcha(client)),
    });
    const sent = await outboxCount();
    const wrongMobile = await client.post('/api/v1/auth/recover-username', {
      uscc: fields.uscc,
      mobile: '13700009999',
      ...(await captcha(client)),
    });
    const unknown = await client.post('/api/v1/auth/recover-username', {
      uscc: makeUscc(777777),
      mobile: fields.contactMobile,
      ...(await captcha(client)),
    });
    expect(await outboxCount()).toBe(sent);
    for (const r of [wrongMobile, unknown]) {
      expect(r.statusCode).toBe(match.statusCode);
      expect(r.json()).toEqual(match.json());
    }
  });

  it('needs a right captcha', async () => {
    const { fields } = await registerEnterprise(t, t.client());
    const client = t.client();
    const sent = await outboxCount();
    const res = await client.post('/api/v1/auth/recover-username', {
      uscc: fields.uscc,
      mobile: fields.contactMobile,
      captchaId: (await captcha(client)).captchaId,
      captchaAnswer: 'zzzz',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors.captchaAnswer).toContain('图形验证码不正确');
    expect(await outboxCount()).toBe(sent);
  });
});

describe('password reset', () => {
  it('resets with the SMS code, clears the lockout, ends ALL sessions and sends a notice', async () => {
    const registering = t.client();
    const { fields } = await registerEnterprise(t, registering);
    const other = t.client();
    expect(
      (await other.post('/api/v1/auth/login', { username: fields.username, password: PASSWORD })).statusCode,
    ).toBe(200);
    await t.ctx.db
      .update(users)
      .set({ failedLogins: 5, lockedUntil: new Date(t.clock.now().getTime() + 10 * 60_000) })
      .where(eq(users.username, fields.username!));

    const client = t.client();
    t.clock.advance(61_000); // the registration code went to this mobile less than a minute ago
    const step1 = await client.post('/api/v1/auth/password-reset/sms-code', {
      username: fields.username!.toUpperCase(),
      ...(await captcha(client)),
    });
    expect(step1.statusCode).toBe(200);
    const sms = await lastSms(t, fields.contactMobile!);
    expect(sms!.template).toBe('reset_password_code');
    const code = await lastSmsCode(t, fields.contactMobile!);
    const step2 = await client.post('/api/v1/auth/password-reset', {
      username: fields.username,
      smsCode: code,
      password: 'NewPass#2024',
      passwordConfirm: 'NewPass#2024',
    });
    expect(step2.statusCode).toBe(200);
    expect(step2.json().message).toContain('密码已重置');

    expect((await registering.session()).user).toBeNull();
    expect((await other.session()).user).toBeNull();
    const [u] = await t.ctx.db.select().from(users).where(eq(users.username, fields.username!));
    expect(u).toMatchObject({ failedLogins: 0, lockedUntil: null });
    expect((await lastSms(t, fields.contactMobile!))!.template).toBe('password_changed');
    expect(
      (await client.post('/api/v1/auth/login', { username: fields.username, password: PASSWORD })).statusCode,
    ).toBe(401);
    expect(
      (await client.post('/api/v1/auth/login', { username: fields.username, password: 'NewPass#2024' }))
        .statusCode,
    ).toBe(200);
    expect(await auditActions(t)).toContain('account.password_reset');

    // The code is single use.
    const again = await t.client().post('/api/v1/auth/password-reset', {
      username: fields.username,
      smsCode: code,
      password: 'Other#20245',
      passwordConfirm: 'Other#20245',
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().fieldErrors.smsCode).toBeTruthy();
  });

  it('step 1 answers the same for an unknown username and sends nothing', async () => {
    const { fields } = await registerEnterprise(t, t.client());
    const client = t.client();
    t.clock.advance(61_000);
    const known = await client.post('/api/v1/auth/password-reset/sms-code', {
      username: fields.username,
      ...(await captcha(client)),
    });
    expect((await lastSms(t, fields.contactMobile!))!.template).toBe('reset_password_code');
    const sent = await outboxCount();
    const unknown = await client.post('/api/v1/auth/password-reset/sms-code', {
      username: 'nobody_at_all',
      ...(await captcha(client)),
    });
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.json()).toEqual(known.json());
    expect(await outboxCount()).toBe(sent);
    // Hitting the sending limit (one a minute) does not reveal the account either.
    const limited = await client.post('/api/v1/auth/password-reset/sms-code', {
      username: fields.username,
      ...(await captcha(client)),
    });
    expect(limited.statusCode).toBe(200);
    expect(limited.json()).toEqual(known.json());
    expect(await outboxCount()).toBe(sent);
  });

  it('step 2 refuses a wrong code (and counts it), mismatched passwords and a weak password', async () => {
    const { fields } = await registerEnterprise(t, t.client());
    const client = t.client();
    t.clock.advance(61_000);
    await client.post('/api/v1/auth/password-reset/sms-code', {
      username: fields.username,
      ...(await captcha(client)),
    });
    expect((await lastSms(t, fields.contactMobile!))!.template).toBe('reset_password_code');
    const code = await lastSmsCode(t, fields.contactMobile!);
    const wrongCode = code === '123456' ? '654321' : '123456';
    const wrong = await client.post('/api/v1/auth/password-reset', {
      username: fields.username,
      smsCode: wrongCode,
      password: 'NewPass#2024',
      passwordConfirm: 'NewPass#2024',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fieldErrors.smsCode).toContain('还可再试 4 次');
    const mismatch = await client.post('/api/v1/auth/password-reset', {
      username: fields.username,
      smsCode: code,
      password: 'NewPass#2024',
      passwordConfirm: 'NewPass#2025',
    });
    expect(mismatch.json().fieldErrors.passwordConfirm).toBe('两次输入的密码不一致，请重新输入');
    const weak = await client.post('/api/v1/auth/password-reset', {
      username: fields.username,
      smsCode: code,
      password: 'password',
      passwordConfirm: 'password',
    });
    expect(weak.json().fieldErrors.password).toContain('至少 8 位');
    const unknownUser = await client.post('/api/v1/auth/password-reset', {
      username: 'nobody_at_all',
      smsCode: code,
      password: 'NewPass#2024',
      passwordConfirm: 'NewPass#2024',
    });
    expect(unknownUser.statusCode).toBe(400);
    expect(unknownUser.json().fieldErrors.smsCode).toBeTruthy();
  });

  it('a government user receives the code on users.mobile', async () => {
    await t.ctx.db.insert(users).values({
      username: 'ks_reviewer',
      passwordHash: await hashPassword(PASSWORD),
      role: 'county_reviewer',
      regionCode: '320583',
      displayName: '昆山市工信局审核员',
      mobile: '13911112222',
    });
    const client = t.client();
    await client.post('/api/v1/auth/password-reset/sms-code', {
      username: 'ks_reviewer',
      ...(await captcha(client)),
    });
    expect((await lastSms(t, '13911112222'))!.template).toBe('reset_password_code');
    const login = await client.post('/api/v1/auth/login', { username: 'ks_reviewer', password: PASSWORD });
    expect(login.json().user).toMatchObject({
      role: 'county_reviewer',
      roleLabel: '县（市、区）工信部门',
      regionCode: '320583',
      regionName: '苏州市昆山市',
      enterprise: null,
    });
  });
});

describe('account settings', () => {
  it('changes the password: current password required; other sessions end, this client stays logged in', async () => {
    const client = t.client();
    const { fields } = await registerEnterprise(t, client);
    const other = t.client();
    await other.post('/api/v1/auth/login', { username: fields.username, password: PASSWORD });

    const wrong = await client.post('/api/v1/account/password', {
      currentPassword: 'Nope@12345',
      password: 'NewPass#2024',
      passwordConfirm: 'NewPass#2024',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fieldErrors.currentPassword).toContain('当前密码不正确');

    const oldCsrf = client.cookies.get('csrf');
    const ok = await client.post('/api/v1/account/password', {
      currentPassword: PASSWORD,
      password: 'NewPass#2024',
      passwordConfirm: 'NewPass#2024',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().csrfToken).not.toBe(oldCsrf);
    expect((await client.session()).user).toMatchObject({ username: fields.username });
    expect((await other.session()).user).toBeNull();
    expect(await auditActions(t)).toContain('account.password_change');
    expect((await lastSms(t, fields.contactMobile!))!.template).toBe('password_changed');
  });

  it('needs a login', async () => {
    const res = await t.client().post('/api/v1/account/password', {
      currentPassword: PASSWORD,
      password: 'NewPass#2024',
      passwordConfirm: 'NewPass#2024',
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('changes the contact mobile with a code sent to the NEW mobile', async () => {
    const client = t.client();
    const { fields } = await registerEnterprise(t, client);
    const newMobile = '13655556666';
    const same = await client.post('/api/v1/account/mobile/sms-code', {
      mobile: fields.contactMobile,
      ...(await captcha(client)),
    });
    expect(same.statusCode).toBe(400);
    const sent = await client.post('/api/v1/account/mobile/sms-code', {
      mobile: newMobile,
      ...(await captcha(client)),
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.json().sentTo).toBe('136****6666');
    const code = await lastSmsCode(t, newMobile);
    // A code for the new mobile does not confirm another mobile.
    const other = await client.post('/api/v1/account/mobile', { mobile: '13655557777', smsCode: code });
    expect(other.statusCode).toBe(400);
    const res = await client.post('/api/v1/account/mobile', { mobile: newMobile, smsCode: code });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.enterprise.contactMobileMasked).toBe('136****6666');
    const [u] = await t.ctx.db.select().from(users).where(eq(users.username, fields.username!));
    const [e] = await t.ctx.db.select().from(enterprises).where(eq(enterprises.id, u!.enterpriseId!));
    expect(u!.mobile).toBe(newMobile);
    expect(e!.contactMobile).toBe(newMobile);
    expect(await auditActions(t)).toContain('account.mobile_change');
    // The username reminder now goes to the new mobile.
    const r = t.client();
    await r.post('/api/v1/auth/recover-username', {
      uscc: fields.uscc,
      mobile: newMobile,
      ...(await captcha(r)),
    });
    expect((await lastSms(t, newMobile))!.template).toBe('username_reminder');
  });
});
