import { eq } from 'drizzle-orm';
import { users } from '../../../src/server/db/schema';
import { ManualClock } from '../../../src/server/services/clock';
import type { GovUserView } from '../../../src/shared/schemas/admin-api';
import { createPersonas, type Personas } from '../../helpers/personas';
import { createTestApp, type TestApp, type TestClient } from '../../helpers/test-app';

const START = '2023-03-01T09:00:00+08:00';
const INITIAL = 'Chushi@2023';
const OWN = 'Ziji#Mima2023';
const MESSAGE = '首次登录或密码被重置后，请先修改密码。';

let t: TestApp;
let p: Personas;

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock(START) });
  p = await createPersonas(t);
});
afterAll(async () => {
  await t.close();
});

let n = 0;
async function createGovUser(role = 'county_reviewer', regionCode = '320583'): Promise<GovUserView> {
  n += 1;
  const res = await p.admin.client.post('/api/v1/admin/users', {
    username: `first_login_${n}`,
    displayName: `首次登录测试${n}`,
    role,
    regionCode,
    password: INITIAL,
    passwordConfirm: INITIAL,
  });
  expect(res.statusCode).toBe(201);
  return res.json();
}

async function login(username: string, password: string): Promise<TestClient> {
  const client = t.client();
  const res = await client.post('/api/v1/auth/login', { username, password });
  expect(res.statusCode).toBe(200);
  return client;
}

async function flagOf(userId: string): Promise<boolean> {
  const [row] = await t.ctx.db
    .select({ flag: users.mustChangePassword })
    .from(users)
    .where(eq(users.id, userId));
  return row!.flag;
}

/** Requests a government user can normally make, one per kind (read, list, export, write). */
function blockedRequests(userId: string): [string, string, Record<string, unknown>?][] {
  return [
    ['GET', '/api/v1/review/queue'],
    ['GET', '/api/v1/review/counts'],
    ['GET', '/api/v1/review/export.xlsx'],
    ['GET', '/api/v1/notifications'],
    ['GET', '/api/v1/notifications/unread-count'],
    ['POST', '/api/v1/notifications/read-all', {}],
    ['GET', '/api/v1/campaigns'],
    ['GET', '/api/v1/statistics/summary'],
    ['GET', `/api/v1/admin/users/${userId}`],
    ['POST', '/api/v1/account/mobile/sms-code', { mobile: '13900001111' }],
  ];
}

describe('must change the password first', () => {
  it('a created account logs in, sees the flag, is refused everything else, and is freed by changing the password', async () => {
    const u = await createGovUser();
    expect(u.mustChangePassword).toBe(true);
    expect(await flagOf(u.id)).toBe(true);

    const client = t.client();
    const loggedIn = await client.post('/api/v1/auth/login', { username: u.username, password: INITIAL });
    expect(loggedIn.statusCode).toBe(200);
    expect(loggedIn.json().user).toMatchObject({ id: u.id, mustChangePassword: true });
    expect((await client.get('/api/v1/auth/session')).json().user).toMatchObject({
      id: u.id,
      mustChangePassword: true,
    });

    for (const [method, url, json] of blockedRequests(u.id)) {
      const res = await client.request(method as 'GET' | 'POST', url, json ? { json } : {});
      expect({ url, status: res.statusCode }).toEqual({ url, status: 403 });
      expect(res.json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', message: MESSAGE });
    }
    // Public pages stay open, as they are for anyone.
    expect((await client.get('/api/v1/public/lists')).statusCode).toBe(200);
    expect((await client.get('/api/health')).statusCode).toBe(200);

    // A wrong current password is still a field error, and the flag stays.
    const wrong = await client.post('/api/v1/account/password', {
      currentPassword: 'Cuowu@2023',
      password: OWN,
      passwordConfirm: OWN,
    });
    expect(wrong.statusCode).toBe(400);
    expect(await flagOf(u.id)).toBe(true);

    const changed = await client.post('/api/v1/account/password', {
      currentPassword: INITIAL,
      password: OWN,
      passwordConfirm: OWN,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user).toMatchObject({ id: u.id, mustChangePassword: false });
    expect(await flagOf(u.id)).toBe(false);
    expect((await client.get('/api/v1/review/queue')).statusCode).toBe(200);
    expect((await client.get('/api/v1/notifications/unread-count')).statusCode).toBe(200);
    expect((await p.admin.client.get(`/api/v1/admin/users/${u.id}`)).json().mustChangePassword).toBe(false);

    // Logging in again later: no longer asked.
    const again = await login(u.username, OWN);
    expect((await again.get('/api/v1/auth/session')).json().user.mustChangePassword).toBe(false);
    expect((await again.get('/api/v1/review/counts')).statusCode).toBe(200);
  });

  it('logging out is allowed while the password must be changed', async () => {
    const u = await createGovUser('city_reviewer', '320500');
    const client = await login(u.username, INITIAL);
    const out = await client.post('/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    expect((await client.get('/api/v1/auth/session')).json().user).toBeNull();
    expect((await client.get('/api/v1/review/queue')).statusCode).toBe(401);
  });

  it('a security administrator’s reset sets the flag again, even for an account that had changed its password', async () => {
    const u = await createGovUser('province', '320000');
    const first = await login(u.username, INITIAL);
    expect(
      (
        await first.post('/api/v1/account/password', {
          currentPassword: INITIAL,
          password: OWN,
          passwordConfirm: OWN,
        })
      ).statusCode,
    ).toBe(200);
    expect(await flagOf(u.id)).toBe(false);

    const RESET = 'Chongzhi@2023';
    const reset = await p.securityAdmin.client.post(`/api/v1/admin/users/${u.id}/reset-password`, {
      password: RESET,
      passwordConfirm: RESET,
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ mustChangePassword: true, activeSessions: 0 });
    expect(await flagOf(u.id)).toBe(true);

    const client = await login(u.username, RESET);
    const refused = await client.get('/api/v1/review/counts');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const listed = await p.admin.client.get(`/api/v1/admin/users?q=${u.username}`);
    expect(listed.json().items.map((x: GovUserView) => x.mustChangePassword)).toEqual([true]);

    const changed = await client.post('/api/v1/account/password', {
      currentPassword: RESET,
      password: 'Xin#Mima2024',
      passwordConfirm: 'Xin#Mima2024',
    });
    expect(changed.statusCode).toBe(200);
    expect((await client.get('/api/v1/review/counts')).statusCode).toBe(200);
  });

  it('a flagged administrator cannot use the administration until the password is changed', async () => {
    const u = await createGovUser('admin', '320000');
    const client = await login(u.username, INITIAL);
    const denied = await client.post('/api/v1/admin/users', {
      username: 'should_not_exist',
      displayName: '不应创建',
      role: 'county_reviewer',
      regionCode: '320583',
      password: INITIAL,
      passwordConfirm: INITIAL,
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const rows = await t.ctx.db.select().from(users).where(eq(users.username, 'should_not_exist'));
    expect(rows).toHaveLength(0);
  });

  it('accounts that were never created or reset by an administrator are not affected', async () => {
    expect((await p.ksEnterprise.client.get('/api/v1/auth/session')).json().user.mustChangePassword).toBe(
      false,
    );
    expect((await p.ksEnterprise.client.get('/api/v1/filings')).statusCode).toBe(200);
    expect((await p.szCity.client.get('/api/v1/review/counts')).statusCode).toBe(200);
  });
});
