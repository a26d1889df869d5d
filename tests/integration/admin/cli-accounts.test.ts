/**
 * `npm run cli -- create-user | create-admin` (src/server/cli.ts → createCliAccount): an account created for
 * someone else with a password the operator typed must change it at first login; the administrator created
 * with create-admin chose their own password and is not asked to.
 */
import { eq, sql } from 'drizzle-orm';
import { auditEvents, users } from '../../../src/server/db/schema';
import {
  CliAccountError,
  createCliAccount,
  resetSecondFactorFromCli,
} from '../../../src/server/modules/admin/cli-accounts';
import { ManualClock } from '../../../src/server/services/clock';
import { createTestApp, type TestApp, type TestClient } from '../../helpers/test-app';

const INITIAL = 'Chushi@2023';
const MESSAGE = '首次登录或密码被重置后，请先修改密码。';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2023-03-01T09:00:00+08:00') });
});
afterAll(async () => {
  await t.close();
});

async function login(username: string, password: string): Promise<TestClient> {
  const client = t.client();
  const res = await client.post('/api/v1/auth/login', { username, password });
  expect(res.statusCode).toBe(200);
  return client;
}

async function countUsers(username: string): Promise<number> {
  const [row] = await t.ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return row!.n;
}

describe('create-user', () => {
  it('creates the government account with mustChangePassword: its first login must choose a new password', async () => {
    const account = await createCliAccount(t.ctx.db, 'create-user', {
      username: 'cli_ks_county',
      role: 'county_reviewer',
      regionCode: '320583',
      displayName: '昆山市工信局审核员（命令行）',
      password: INITIAL,
    });
    expect(account).toMatchObject({
      role: 'county_reviewer',
      regionCode: '320583',
      regionName: '昆山市',
      mustChangePassword: true,
    });
    const [row] = await t.ctx.db.select().from(users).where(eq(users.id, account.id));
    expect(row).toMatchObject({ username: 'cli_ks_county', mustChangePassword: true, status: 'active' });

    const client = await login('cli_ks_county', INITIAL);
    expect((await client.get('/api/v1/auth/session')).json().user).toMatchObject({
      id: account.id,
      mustChangePassword: true,
    });
    const blocked = await client.get('/api/v1/review/queue');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', message: MESSAGE });

    const changed = await client.post('/api/v1/account/password', {
      currentPassword: INITIAL,
      password: 'Ziji#Mima2023',
      passwordConfirm: 'Ziji#Mima2023',
    });
    expect(changed.statusCode).toBe(200);
    expect((await client.get('/api/v1/review/queue')).statusCode).toBe(200);
  });

  it('refuses a role bound to the wrong region level, a weak password and a taken username, creating nothing', async () => {
    const base = {
      username: 'cli_refused',
      role: 'city_reviewer',
      regionCode: '320500',
      displayName: '苏州市工信局审核员',
      password: INITIAL,
    };
    await expect(
      createCliAccount(t.ctx.db, 'create-user', { ...base, regionCode: '320583' }),
    ).rejects.toThrow(
      new CliAccountError(
        '地区代码“320583”与角色 city_reviewer 不符，请用 --region 填写设区市代码，如 320500。',
      ),
    );
    await expect(createCliAccount(t.ctx.db, 'create-user', { ...base, role: 'enterprise' })).rejects.toThrow(
      /^角色“enterprise”不正确，请用 --role 填写/,
    );
    await expect(createCliAccount(t.ctx.db, 'create-user', { ...base, password: 'short' })).rejects.toThrow(
      /^密码至少 8 位.*请重新输入符合要求的密码。$/,
    );
    expect(await countUsers('cli_refused')).toBe(0);

    await expect(
      createCliAccount(t.ctx.db, 'create-user', { ...base, username: 'CLI_KS_County' }),
    ).rejects.toThrow(new CliAccountError('用户名“CLI_KS_County”已被使用，请换一个用户名。'));
    expect(await countUsers('cli_ks_county')).toBe(1);
  });
});

describe('create-admin', () => {
  it('creates the administrator without mustChangePassword: they chose the password themselves', async () => {
    const account = await createCliAccount(t.ctx.db, 'create-admin', {
      username: 'cli_admin',
      password: INITIAL,
    });
    expect(account).toMatchObject({
      role: 'admin',
      regionCode: '320000',
      displayName: '系统管理员',
      mustChangePassword: false,
    });
    const [row] = await t.ctx.db.select().from(users).where(eq(users.id, account.id));
    expect(row!.mustChangePassword).toBe(false);

    const client = await login('cli_admin', INITIAL);
    expect((await client.get('/api/v1/auth/session')).json().user.mustChangePassword).toBe(false);
    expect((await client.get('/api/v1/admin/users')).statusCode).toBe(200);
  });
});

describe('second factor from the command line', () => {
  it('create-admin registers the mobile the login code goes to; a wrong one is refused', async () => {
    const account = await createCliAccount(t.ctx.db, 'create-admin', {
      username: 'cli_admin_mobile',
      mobile: '13912345678',
      password: INITIAL,
    });
    expect(account.mobile).toBe('13912345678');
    const [row] = await t.ctx.db.select().from(users).where(eq(users.id, account.id));
    expect(row!.mobile).toBe('13912345678');
    await expect(
      createCliAccount(t.ctx.db, 'create-admin', {
        username: 'cli_admin_bad',
        mobile: '1391234',
        password: INITIAL,
      }),
    ).rejects.toThrow(
      new CliAccountError('手机号“1391234”不正确，请用 --mobile 填写 11 位手机号，如 13812345678。'),
    );
  });

  it('reset-second-factor removes the authenticator, registers a mobile, ends the sessions and is audited', async () => {
    const account = await createCliAccount(t.ctx.db, 'create-admin', {
      username: 'cli_sec_lost',
      password: INITIAL,
    });
    await t.ctx.db
      .update(users)
      .set({ totpSecret: 'v1.placeholder', totpEnabledAt: new Date(), totpLastStep: 1 })
      .where(eq(users.id, account.id));
    // With an authenticator enrolled, the password alone gives no session.
    const step1 = await t
      .client()
      .post('/api/v1/auth/login', { username: 'cli_sec_lost', password: INITIAL });
    expect(step1.json()).toMatchObject({ user: null, secondFactor: { methods: ['totp'] } });
    const done = await resetSecondFactorFromCli(t.ctx.db, t.config.auditKey, {
      username: 'CLI_SEC_LOST',
      mobile: '13700001111',
    });
    expect(done).toEqual({ username: 'cli_sec_lost', mobile: '13700001111' });
    const [row] = await t.ctx.db.select().from(users).where(eq(users.id, account.id));
    expect(row).toMatchObject({
      totpSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
      mobile: '13700001111',
    });
    const [audited] = await t.ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'cli.reset_second_factor'));
    expect(audited).toMatchObject({
      username: 'cli',
      targetId: account.id,
      details: { username: 'cli_sec_lost', hadTotp: true, mobile: '137****1111' },
    });
    // Test mode asks no factor of an account without an authenticator: the password logs in again.
    await login('cli_sec_lost', INITIAL);
    await expect(
      resetSecondFactorFromCli(t.ctx.db, t.config.auditKey, { username: 'nobody_here' }),
    ).rejects.toThrow(CliAccountError);
  });
});
