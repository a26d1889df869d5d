import { and, eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { loadConfig } from '../../../src/server/config';
import { auditEvents, sessions, users } from '../../../src/server/db/schema';
import { hashPassword } from '../../../src/server/services/passwords';
import type { ManualClock } from '../../../src/server/services/clock';
import { lastSmsCode } from '../../helpers/accounts';
import { loginAs } from '../../helpers/personas';
import { createTestApp, type TestApp, type TestClient } from '../../helpers/test-app';

/**
 * The second factor at login (issue 17 item 2, docs/adr/0023-second-factor-and-password-ageing.md): in
 * production the administrators and the province log in with password + SMS code or TOTP; the demo/test
 * modes keep the password alone unless an authenticator was enrolled.
 */
const PASSWORD = 'Shengji#Anquan2026';
let n = 0;

async function govUser(
  t: TestApp,
  role: string,
  opts: { mobile?: string | null; regionCode?: string } = {},
): Promise<{ id: string; username: string; mobile: string | null }> {
  n += 1;
  const username = `sf_${role}_${process.pid}_${n}`;
  const mobile =
    opts.mobile === undefined
      ? `135${String((process.pid % 1000) * 1000 + n).padStart(8, '0')}`
      : opts.mobile;
  const [row] = await t.ctx.db
    .insert(users)
    .values({
      username,
      passwordHash: await hashPassword(PASSWORD),
      role,
      displayName: `测试${role}`,
      regionCode: opts.regionCode ?? '320000',
      mobile,
      passwordChangedAt: t.clock.now(),
    })
    .returning({ id: users.id });
  return { id: row!.id, username, mobile };
}

const epochOf = (clock: ManualClock) => Math.floor(clock.now().getTime() / 1000);

async function sessionCount(t: TestApp, userId: string): Promise<number> {
  return (await t.ctx.db.select().from(sessions).where(eq(sessions.userId, userId))).length;
}

/** Enrols an authenticator for a signed-in client; returns the secret shown once. */
async function enrolTotp(t: TestApp, client: TestClient): Promise<string> {
  const setup = await client.post('/api/v1/account/totp/setup', { currentPassword: PASSWORD });
  expect(setup.statusCode).toBe(200);
  const { secret, otpauthUri, qrDataUrl } = setup.json();
  expect(otpauthUri).toContain(`secret=${secret}`);
  expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
  const code = await generate({ secret, epoch: epochOf(t.clock) });
  const confirm = await client.post('/api/v1/account/totp/confirm', { code });
  expect(confirm.statusCode).toBe(200);
  expect(confirm.json().user.secondFactor.totpEnabled).toBe(true);
  return secret;
}

describe('in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      env: {
        APP_MODE: 'production',
        SMS_CODE_PEPPER: 'second-factor-test-pepper-0123456789',
        SMS_ALLOW_OUTBOX_IN_PRODUCTION: 'true',
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('a province login with the password alone gets no session, only a challenge', async () => {
    const province = await govUser(t, 'province');
    const client = t.client();
    const res = await client.post('/api/v1/auth/login', { username: province.username, password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toBeNull();
    expect(body.secondFactor).toMatchObject({
      methods: ['sms'],
      mobileMasked: expect.stringMatching(/\*{4}/),
    });
    expect(res.cookies.find((c) => c.name === 'sid')).toBeUndefined();
    expect(await sessionCount(t, province.id)).toBe(0);
    // The session answers "not signed in", and a signed-in route 401.
    expect((await client.session()).user).toBeNull();
    expect((await client.get('/api/v1/notifications')).statusCode).toBe(401);
    const [audited] = await t.ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.userId, province.id), eq(auditEvents.action, 'login.password_ok')));
    expect(audited).toBeDefined();
  });

  it('with a valid SMS code the province logs in; the code works once', async () => {
    const province = await govUser(t, 'province');
    const client = t.client();
    const step1 = await client.post('/api/v1/auth/login', {
      username: province.username,
      password: PASSWORD,
    });
    const { token } = step1.json().secondFactor;
    const sent = await client.post('/api/v1/auth/login/sms-code', { token });
    expect(sent.statusCode).toBe(200);
    const code = await lastSmsCode(t, province.mobile!);
    const res = await client.post('/api/v1/auth/login/second-factor', { token, method: 'sms', code });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ username: province.username, secondFactor: { required: true } });
    expect(await sessionCount(t, province.id)).toBe(1);
    const [success] = await t.ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.userId, province.id), eq(auditEvents.action, 'login.success')));
    expect(success!.details).toMatchObject({ secondFactor: 'sms' });
    // The challenge is spent: the same token cannot start a second session.
    const again = await t.client().post('/api/v1/auth/login/second-factor', { token, method: 'sms', code });
    expect(again.json().code).toBe('LOGIN_STEP_EXPIRED');
  });

  it('with a valid TOTP code an enrolled administrator logs in; a replayed code is refused', async () => {
    const admin = await govUser(t, 'admin');
    const secret = await enrolTotp(t, await loginAs(t, admin.id));
    t.clock.advance(60_000);
    const client = t.client();
    const step1 = await client.post('/api/v1/auth/login', { username: admin.username, password: PASSWORD });
    expect(step1.json().secondFactor.methods).toEqual(['totp', 'sms']);
    const { token } = step1.json().secondFactor;
    const code = await generate({ secret, epoch: epochOf(t.clock) });
    const res = await client.post('/api/v1/auth/login/second-factor', { token, method: 'totp', code });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe(admin.username);

    const other = t.client();
    const token2 = (
      await other.post('/api/v1/auth/login', { username: admin.username, password: PASSWORD })
    ).json().secondFactor.token;
    const replay = await other.post('/api/v1/auth/login/second-factor', {
      token: token2,
      method: 'totp',
      code,
    });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('SECOND_FACTOR_INVALID');
  });

  it('wrong codes count toward the lockout: the fifth locks the account from this address', async () => {
    const sec = await govUser(t, 'security_admin');
    const client = t.client();
    // Two wrong passwords first: the second-factor failures continue the same count.
    for (let i = 0; i < 2; i++) {
      await client.post('/api/v1/auth/login', { username: sec.username, password: 'Wrong#Pass2026' });
    }
    const { token } = (
      await client.post('/api/v1/auth/login', { username: sec.username, password: PASSWORD })
    ).json().secondFactor;
    await client.post('/api/v1/auth/login/sms-code', { token });
    const right = await lastSmsCode(t, sec.mobile!);
    const wrong = right === '000000' ? '111111' : '000000';
    const first = await client.post('/api/v1/auth/login/second-factor', {
      token,
      method: 'sms',
      code: wrong,
    });
    expect(first.statusCode).toBe(401);
    expect(first.json()).toMatchObject({
      code: 'SECOND_FACTOR_INVALID',
      fieldErrors: { code: expect.any(String) },
    });
    const [u] = await t.ctx.db.select().from(users).where(eq(users.id, sec.id));
    expect(u!.failedLogins).toBe(3);
    // Choosing an authenticator this account does not have is a form error, not a guess.
    const noTotp = await client.post('/api/v1/auth/login/second-factor', {
      token,
      method: 'totp',
      code: wrong,
    });
    expect(noTotp.json().fieldErrors.method).toBeDefined();
    await client.post('/api/v1/auth/login/second-factor', { token, method: 'sms', code: wrong });
    const fifth = await client.post('/api/v1/auth/login/second-factor', {
      token,
      method: 'sms',
      code: wrong,
    });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    // Locked: even the right code cannot finish, and no session exists.
    const after = await client.post('/api/v1/auth/login/second-factor', {
      token,
      method: 'sms',
      code: right,
    });
    expect(after.statusCode).not.toBe(200);
    expect(await sessionCount(t, sec.id)).toBe(0);
    const failures = await t.ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.userId, sec.id), eq(auditEvents.action, 'login.failure')));
    expect(
      failures.filter((f) => (f.details as { reason?: string }).reason === 'wrong_second_factor'),
    ).toHaveLength(3);
  });

  it('reviewers need the second factor by default; the security administrator can turn that off (audited)', async () => {
    const county = await govUser(t, 'county_reviewer', { regionCode: '320583' });
    const sec = await govUser(t, 'security_admin');
    const secClient = await loginAs(t, sec.id);
    const enterprise = await t
      .client()
      .post('/api/v1/auth/login', { username: county.username, password: PASSWORD });
    expect(enterprise.json().secondFactor).toBeDefined();

    const policy = await secClient.get('/api/v1/security/policy');
    expect(policy.json()).toMatchObject({
      secondFactorEnabled: true,
      secondFactorReviewers: true,
      passwordMaxAgeDays: 90,
      passwordHistory: 5,
    });
    const off = await secClient.put('/api/v1/security/policy', { secondFactorReviewers: false });
    expect(off.json().secondFactorReviewers).toBe(false);
    const direct = await t
      .client()
      .post('/api/v1/auth/login', { username: county.username, password: PASSWORD });
    expect(direct.json().user.username).toBe(county.username);
    // The province still needs it.
    const province = await govUser(t, 'province');
    const p = await t
      .client()
      .post('/api/v1/auth/login', { username: province.username, password: PASSWORD });
    expect(p.json().user).toBeNull();
    const [changed] = await t.ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'security.policy.update'));
    expect(changed!.details).toMatchObject({
      before: { secondFactorReviewers: true },
      after: { secondFactorReviewers: false },
    });
    await secClient.put('/api/v1/security/policy', { secondFactorReviewers: true });
  });

  it('an account that needs the factor but has neither a mobile nor an authenticator is refused', async () => {
    const admin = await govUser(t, 'audit_admin', { mobile: null });
    const client = t.client();
    const res = await client.post('/api/v1/auth/login', { username: admin.username, password: PASSWORD });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('SECOND_FACTOR_UNAVAILABLE');
    expect(await sessionCount(t, admin.id)).toBe(0);
  });

  it('the security administrator resets a lost authenticator: audited, sessions ended, SMS only afterwards', async () => {
    const province = await govUser(t, 'province');
    const provinceClient = await loginAs(t, province.id);
    await enrolTotp(t, provinceClient);
    const sec = await govUser(t, 'security_admin');
    const secClient = await loginAs(t, sec.id);
    const res = await secClient.post(`/api/v1/security/users/${province.id}/reset-second-factor`);
    expect(res.statusCode).toBe(200);
    expect(res.json().totpEnabled).toBe(false);
    expect(await sessionCount(t, province.id)).toBe(0);
    const [row] = await t.ctx.db.select().from(users).where(eq(users.id, province.id));
    expect(row!.totpSecret).toBeNull();
    const [audited] = await t.ctx.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'security.user.reset_second_factor'),
          eq(auditEvents.targetId, province.id),
        ),
      );
    expect(audited).toMatchObject({ userId: sec.id, details: { hadTotp: true } });
    const step1 = await t
      .client()
      .post('/api/v1/auth/login', { username: province.username, password: PASSWORD });
    expect(step1.json().secondFactor.methods).toEqual(['sms']);
    // The security administrator cannot reset their own (another one, or the CLI, does).
    const self = await secClient.post(`/api/v1/security/users/${sec.id}/reset-second-factor`);
    expect(self.statusCode).toBe(409);
  });

  it('the TOTP secret is stored encrypted and never returned again', async () => {
    const admin = await govUser(t, 'admin');
    const client = await loginAs(t, admin.id);
    const secret = await enrolTotp(t, client);
    const [row] = await t.ctx.db.select().from(users).where(eq(users.id, admin.id));
    expect(row!.totpSecret).toMatch(/^v1\./);
    expect(row!.totpSecret).not.toContain(secret);
    const session = await client.get('/api/v1/auth/session');
    expect(session.body).not.toContain(secret);
    const setupAudit = await t.ctx.db.select().from(auditEvents).where(eq(auditEvents.userId, admin.id));
    expect(JSON.stringify(setupAudit)).not.toContain(secret);
    // A wrong current password gives no new secret.
    const refused = await client.post('/api/v1/account/totp/setup', { currentPassword: 'Wrong#Pass2026' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fieldErrors.currentPassword).toBeDefined();
  });
});

describe('configuration', () => {
  it('asks for a second factor in production, or where SECOND_FACTOR=on; refuses a short TOTP key', () => {
    const prod = {
      APP_MODE: 'production',
      SMS_CODE_PEPPER: 'p'.repeat(20),
      SMS_ALLOW_OUTBOX_IN_PRODUCTION: 'true',
    };
    expect(loadConfig(prod).secondFactor).toBe(true);
    expect(loadConfig({ APP_MODE: 'development' }).secondFactor).toBe(false);
    expect(loadConfig({ APP_MODE: 'development', SECOND_FACTOR: 'on' }).secondFactor).toBe(true);
    expect(() => loadConfig({ ...prod, TOTP_ENCRYPTION_KEY: 'short' })).toThrow(/TOTP_ENCRYPTION_KEY/);
    // The key of the secrets differs with the key setting (a derived key otherwise).
    const a = loadConfig({ ...prod, TOTP_ENCRYPTION_KEY: 'k'.repeat(32) }).totpKey;
    expect(a).toHaveLength(32);
    expect(a.equals(loadConfig(prod).totpKey)).toBe(false);
  });
});

describe('in the demo and test modes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('administrators and the province log in with the password only', async () => {
    for (const role of ['province', 'admin', 'security_admin', 'audit_admin', 'city_reviewer']) {
      const u = await govUser(t, role);
      const res = await t.client().post('/api/v1/auth/login', { username: u.username, password: PASSWORD });
      expect(res.statusCode).toBe(200);
      expect(res.json().user).toMatchObject({ username: u.username, secondFactor: { required: false } });
      expect(res.json().secondFactor).toBeUndefined();
    }
  });

  it('who enrolled an authenticator is asked for it anyway', async () => {
    const u = await govUser(t, 'city_reviewer', { regionCode: '320500' });
    const secret = await enrolTotp(t, await loginAs(t, u.id));
    t.clock.advance(60_000);
    const client = t.client();
    const step1 = await client.post('/api/v1/auth/login', { username: u.username, password: PASSWORD });
    expect(step1.json().user).toBeNull();
    const code = await generate({ secret, epoch: epochOf(t.clock) });
    const res = await client.post('/api/v1/auth/login/second-factor', {
      token: step1.json().secondFactor.token,
      method: 'totp',
      code,
    });
    expect(res.json().user.username).toBe(u.username);
  });

  it('a challenge expires after 5 minutes and is bound to the address that gave the password', async () => {
    const u = await govUser(t, 'city_reviewer', { regionCode: '320500' });
    const secret = await enrolTotp(t, await loginAs(t, u.id));
    t.clock.advance(60_000);
    const client = t.client();
    const { token } = (
      await client.post('/api/v1/auth/login', { username: u.username, password: PASSWORD })
    ).json().secondFactor;
    const elsewhere = t.client();
    elsewhere.remoteAddress = '10.9.8.7';
    const code = await generate({ secret, epoch: epochOf(t.clock) });
    const moved = await elsewhere.post('/api/v1/auth/login/second-factor', { token, method: 'totp', code });
    expect(moved.json().code).toBe('LOGIN_STEP_EXPIRED');
    t.clock.advance(5 * 60_000 + 1000);
    const late = await client.post('/api/v1/auth/login/second-factor', {
      token,
      method: 'totp',
      code: await generate({ secret, epoch: epochOf(t.clock) }),
    });
    expect(late.statusCode).toBe(401);
    expect(late.json().code).toBe('LOGIN_STEP_EXPIRED');
  });
});
