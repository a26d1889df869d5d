/**
 * `npm run cli -- create-user | create-admin` (src/server/cli.ts → createCliAccount): an account created for
 * someone else with a password the operator typed must change it at first login; the administrator created
 * with create-admin chose their own password and is not asked to.
 */
import { eq, sql } from 'drizzle-orm';
import { users } from '../../../src/server/db/schema';
import { CliAccountError, createCliAccount } from '../../../src/server/modules/admin/cli-accounts';
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
