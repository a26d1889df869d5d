import { eq } from 'drizzle-orm';
import { auditEvents, loginFailures, sessions, smsOutbox, users } from '../../../src/server/db/schema';
import { ManualClock } from '../../../src/server/services/clock';
import { runDueJobs } from '../../../src/server/services/jobs';
import type {
  AuditListResponse,
  GovUserView,
  ReviewUnitsResponse,
} from '../../../src/shared/schemas/admin-api';
import { createPersonas, type Personas } from '../../helpers/personas';
import { createTestApp, type TestApp, type TestClient } from '../../helpers/test-app';

const START = '2023-03-01T09:00:00+08:00';
const PASSWORD = 'Shenhe@2023';
let t: TestApp;
let clock: ManualClock;
let p: Personas;

beforeAll(async () => {
  clock = new ManualClock(START);
  t = await createTestApp({ clock });
  p = await createPersonas(t);
});
afterAll(async () => {
  await t.close();
});

let n = 0;
function newUser(overrides: Record<string, unknown> = {}) {
  n += 1;
  return {
    username: `gov_user_${n}`,
    displayName: `测试审核员${n}`,
    role: 'county_reviewer',
    regionCode: '320583',
    password: PASSWORD,
    passwordConfirm: PASSWORD,
    ...overrides,
  };
}

async function create(overrides: Record<string, unknown> = {}): Promise<GovUserView> {
  const res = await p.admin.client.post('/api/v1/admin/users', newUser(overrides));
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.body}`);
  return res.json();
}

async function login(
  username: string,
  password: string,
): Promise<{ status: number; client: TestClient; body: { code?: string; message?: string } }> {
  const client = t.client();
  const res = await client.post('/api/v1/auth/login', { username, password });
  return { status: res.statusCode, client, body: res.json() };
}

describe('government users', () => {
  it('creates accounts bound to a region that fits the role', async () => {
    const county = await create({ mobile: '13912345678' });
    expect(county).toMatchObject({
      role: 'county_reviewer',
      roleLabel: '县（市、区）工信部门',
      regionCode: '320583',
      regionName: '苏州市昆山市',
      mobileMasked: '139****5678',
      status: 'active',
      statusLabel: '正常',
      activeSessions: 0,
    });
    // A development zone is a county-level review unit.
    expect((await create({ regionCode: '320576' })).regionName).toBe('苏州市苏州工业园区');
    expect((await create({ role: 'city_reviewer', regionCode: '320500' })).regionName).toBe('苏州市');
    expect((await create({ role: 'province', regionCode: '320000' })).regionName).toBe('江苏省');
    expect((await create({ role: 'admin', regionCode: '320000', mobile: '' })).mobileMasked).toBeNull();

    const audit = await t.ctx.db.select().from(auditEvents).where(eq(auditEvents.targetId, county.id));
    expect(audit.map((a) => a.action)).toEqual(['admin.user.create']);
    expect(audit[0]!.details).toMatchObject({ role: 'county_reviewer', regionCode: '320583' });
    expect(JSON.stringify(audit[0]!.details)).not.toContain(PASSWORD);

    // The new account can log in with the initial password.
    expect((await login(county.username, PASSWORD)).status).toBe(200);
  });

  it('refuses a region that does not fit the role, a weak password and a taken username', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { role: 'county_reviewer', regionCode: '320500' },
        '县（市、区）工信部门账号须选择一个县（市、区）或开发区',
      ],
      [
        { role: 'county_reviewer', regionCode: '320000' },
        '县（市、区）工信部门账号须选择一个县（市、区）或开发区',
      ],
      [{ role: 'city_reviewer', regionCode: '320583' }, '设区市工信部门账号须选择一个设区市'],
      [{ role: 'province', regionCode: '320500' }, '省工信厅和管理员账号的所属地区须为江苏省（320000）'],
      [{ role: 'admin', regionCode: '110000' }, '省工信厅和管理员账号的所属地区须为江苏省（320000）'],
      [
        { role: 'county_reviewer', regionCode: '329999' },
        '县（市、区）工信部门账号须选择一个县（市、区）或开发区',
      ],
    ];
    for (const [overrides, message] of cases) {
      const res = await p.admin.client.post('/api/v1/admin/users', newUser(overrides));
      expect(res.statusCode).toBe(400);
      expect(res.json().fieldErrors.regionCode).toBe(message);
    }
    const weak = await p.admin.client.post(
      '/api/v1/admin/users',
      newUser({ password: 'abc', passwordConfirm: 'abd' }),
    );
    expect(weak.json().fieldErrors).toMatchObject({
      password: '密码至少 8 位，且须包含大写字母、小写字母、数字、符号中的至少三类',
      passwordConfirm: '两次输入的密码不一致，请重新输入',
    });
    const enterpriseRole = await p.admin.client.post('/api/v1/admin/users', newUser({ role: 'enterprise' }));
    expect(enterpriseRole.json().fieldErrors.role).toBe('请选择角色');
    const taken = await p.admin.client.post(
      '/api/v1/admin/users',
      newUser({ username: p.ksCounty.username.toUpperCase() }),
    );
    expect(taken.statusCode).toBe(400);
    expect(taken.json().fieldErrors).toEqual({ username: '该用户名已被使用，请更换一个用户名' });
  });

  it('disabling ends the user’s sessions and blocks login; enabling restores it', async () => {
    const u = await create();
    const session = await login(u.username, PASSWORD);
    expect(session.status).toBe(200);
    // A new account must change its password first (must-change-password.test.ts); the session itself works.
    expect((await session.client.get('/api/v1/auth/session')).json().user.id).toBe(u.id);
    expect((await p.admin.client.get(`/api/v1/admin/users/${u.id}`)).json().activeSessions).toBe(1);

    const res = await p.admin.client.post(`/api/v1/admin/users/${u.id}/disable`, { reason: '人员调岗' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'disabled', statusLabel: '已停用', activeSessions: 0 });
    expect(await t.ctx.db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
    expect((await session.client.get('/api/v1/notifications/unread-count')).statusCode).toBe(401);
    const again = await login(u.username, PASSWORD);
    expect(again.status).toBe(403);
    expect(again.body.message).toContain('该账号已停用');

    const enabled = await p.admin.client.post(`/api/v1/admin/users/${u.id}/enable`);
    expect(enabled.json().status).toBe('active');
    expect((await login(u.username, PASSWORD)).status).toBe(200);

    const actions = (await t.ctx.db.select().from(auditEvents).where(eq(auditEvents.targetId, u.id))).map(
      (a) => a.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['admin.user.disable', 'admin.user.enable']));
    const [disable] = await t.ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'admin.user.disable'));
    expect(disable!.details).toMatchObject({ reason: '人员调岗' });
  });

  it('resetting a password ends the user’s sessions, clears a lockout and tells them by SMS', async () => {
    const u = await create({ mobile: '13987654321' });
    const session = await login(u.username, PASSWORD);
    await t.ctx.db
      .update(users)
      .set({ failedLogins: 5, lockedUntil: new Date(clock.now().getTime() + 10 * 60_000) })
      .where(eq(users.id, u.id));
    expect((await p.admin.client.get(`/api/v1/admin/users/${u.id}`)).json().lockedUntil).not.toBeNull();

    const weak = await p.securityAdmin.client.post(`/api/v1/admin/users/${u.id}/reset-password`, {
      password: '12345678',
      passwordConfirm: '12345678',
    });
    expect(weak.statusCode).toBe(400);

    const NEW = 'Xinmima#2023';
    const res = await p.securityAdmin.client.post(`/api/v1/admin/users/${u.id}/reset-password`, {
      password: NEW,
      passwordConfirm: NEW,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ lockedUntil: null, activeSessions: 0 });
    expect((await session.client.get('/api/v1/notifications/unread-count')).statusCode).toBe(401);
    expect((await login(u.username, PASSWORD)).status).toBe(401);
    expect((await login(u.username, NEW)).status).toBe(200);

    await runDueJobs(t.ctx);
    const sms = await t.ctx.db.select().from(smsOutbox).where(eq(smsOutbox.mobile, '13987654321'));
    expect(sms).toHaveLength(1);
    expect(sms[0]!.template).toBe('password_reset_by_admin');
    expect(sms[0]!.body).not.toContain(NEW);
    const [a] = await t.ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'admin.user.reset_password'));
    expect(a).toMatchObject({ targetId: u.id, userId: p.securityAdmin.userId });
    expect(JSON.stringify(a!.details)).not.toContain(NEW);
  });

  it('an admin cannot disable or reset themselves; enterprise accounts are not found here', async () => {
    const self = await p.admin.client.post(`/api/v1/admin/users/${p.admin.userId}/disable`, {});
    expect(self.statusCode).toBe(409);
    expect(self.json()).toMatchObject({ code: 'INVALID_STATE', message: '不能停用自己的账号。' });
    const selfReset = await p.securityAdmin.client.post(
      `/api/v1/admin/users/${p.securityAdmin.userId}/reset-password`,
      {
        password: PASSWORD,
        passwordConfirm: PASSWORD,
      },
    );
    expect(selfReset.statusCode).toBe(409);
    const ent = await p.admin.client.post(`/api/v1/admin/users/${p.ksEnterprise.userId}/disable`, {});
    expect(ent.statusCode).toBe(404);
    expect(ent.json().code).toBe('NOT_FOUND');
    expect((await p.admin.client.get(`/api/v1/admin/users/${p.ksEnterprise.userId}`)).statusCode).toBe(404);
    expect((await p.admin.client.get('/api/v1/admin/users/not-a-uuid')).statusCode).toBe(400);
  });

  it('lists government users with filters and a keyset cursor', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/admin/users?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await p.admin.client.get(url);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: GovUserView[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(3);
      all.push(...body.items.map((u) => u.username));
      cursor = body.nextCursor;
    } while (cursor);
    const expected = (await t.ctx.db.select().from(users))
      .filter((u) => u.role !== 'enterprise')
      .map((u) => u.username)
      .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
    expect(all).toEqual(expected);
    expect(all).not.toContain(p.ksEnterprise.username);

    const get = async (q: string) =>
      ((await p.admin.client.get(`/api/v1/admin/users?${q}`)).json() as { items: GovUserView[] }).items;
    expect((await get('role=city_reviewer')).every((u) => u.role === 'city_reviewer')).toBe(true);
    // A city code lists its counties' and development zones' accounts too.
    const suzhou = await get('regionCode=320500&limit=200');
    expect(suzhou.map((u) => u.regionCode).sort()).toEqual(
      expect.arrayContaining(['320500', '320509', '320576', '320583']),
    );
    expect(suzhou.every((u) => ['320500', '320509', '320576', '320583'].includes(u.regionCode!))).toBe(true);
    expect((await get('regionCode=320509')).map((u) => u.username)).toEqual([p.wjCounty.username]);
    expect((await get(`q=${encodeURIComponent('吴江区工信局')}`)).map((u) => u.username)).toEqual([
      p.wjCounty.username,
    ]);
    expect(await get('q=%25')).toEqual([]);
    const disabledOnly = await get('status=disabled');
    expect(disabledOnly.every((u) => u.status === 'disabled')).toBe(true);
    const bad = await p.admin.client.get('/api/v1/admin/users?role=enterprise&limit=0');
    expect(bad.statusCode).toBe(400);
  });
});

describe('audit log browser', () => {
  async function search(q: string): Promise<AuditListResponse> {
    const res = await p.auditAdmin.client.get(`/api/v1/admin/audit?${q}`);
    if (res.statusCode !== 200) throw new Error(res.body);
    return res.json();
  }

  it('filters by action (exact or prefix), user, username, target and time', async () => {
    // Five events one minute apart, by the county reviewer of 昆山.
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      await t.ctx.db.insert(auditEvents).values({
        at: clock.now(),
        action: i % 2 === 0 ? 'test.audit.even' : 'test.audit.odd',
        userId: p.ksCounty.userId,
        username: p.ksCounty.username,
        role: 'county_reviewer',
        targetType: 'filing',
        targetId: `F-${i}`,
        success: i !== 4,
        details: { i },
      });
    }
    expect((await search('action=test.audit.even')).items.map((e) => e.targetId)).toEqual([
      'F-4',
      'F-2',
      'F-0',
    ]);
    expect((await search('action=test.audit.*')).items).toHaveLength(5);
    expect((await search(`userId=${p.ksCounty.userId}&action=test.*`)).items).toHaveLength(5);
    expect((await search(`username=${p.ksCounty.username.toUpperCase()}&action=test.*`)).items).toHaveLength(
      5,
    );
    expect((await search('targetType=filing&targetId=F-3')).items.map((e) => e.details)).toEqual([{ i: 3 }]);
    expect((await search('action=test.*&success=false')).items.map((e) => e.targetId)).toEqual(['F-4']);
    const from = new Date(new Date(START).getTime() + 2 * 60_000).toISOString();
    const to = new Date(new Date(START).getTime() + 4 * 60_000).toISOString();
    // from inclusive, to exclusive.
    expect(
      (await search(`action=test.*&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)).items.map(
        (e) => e.targetId,
      ),
    ).toEqual(['F-2', 'F-1']);
    const bad = await p.auditAdmin.client.get(
      `/api/v1/admin/audit?from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fieldErrors.to).toBe('结束时间须晚于开始时间');
  });

  it('pages newest first without gaps or repeats, also across equal timestamps', async () => {
    // Three more events at the very same instant.
    for (let i = 5; i < 8; i++) {
      await t.ctx.db
        .insert(auditEvents)
        .values({ at: clock.now(), action: 'test.audit.same', targetId: `F-${i}` });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: AuditListResponse = await search(
        `action=test.audit.*&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.items.map((e) => e.targetId!));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['F-7', 'F-6', 'F-5', 'F-4', 'F-3', 'F-2', 'F-1', 'F-0']);
  });

  it('searching the audit log is itself audited (once per search)', async () => {
    const before = (
      await t.ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'admin.audit.search'))
    ).length;
    const first = await search('action=test.audit.*&limit=2');
    await search(`action=test.audit.*&limit=2&cursor=${first.nextCursor}`);
    const rows = await t.ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'admin.audit.search'));
    expect(rows.length).toBe(before + 1);
    expect(rows[rows.length - 1]!.details).toMatchObject({ filters: { action: 'test.audit.*' }, results: 2 });
    expect(rows[rows.length - 1]!.userId).toBe(p.auditAdmin.userId);
  });
});

describe('review units', () => {
  it('lists the 13 cities with their county-level units, development zones flagged, and reviewer counts', async () => {
    const res = await p.admin.client.get('/api/v1/admin/review-units');
    expect(res.statusCode).toBe(200);
    const body = res.json() as ReviewUnitsResponse;
    expect(body.cities).toHaveLength(13);
    expect(body.totals.cities).toBe(13);
    expect(body.totals.units - body.totals.devZones).toBe(95);
    const suzhou = body.cities.find((c) => c.code === '320500')!;
    expect(suzhou.name).toBe('苏州市');
    expect(suzhou.reviewerCount).toBeGreaterThanOrEqual(2);
    const ks = suzhou.units.find((u) => u.code === '320583')!;
    expect(ks).toMatchObject({ name: '昆山市', kind: 'county_city', devZone: false, reviewUnit: true });
    expect(ks.reviewerCount).toBeGreaterThanOrEqual(1);
    const sip = suzhou.units.find((u) => u.code === '320576')!;
    expect(sip).toMatchObject({
      name: '苏州工业园区',
      kind: 'dev_zone',
      kindLabel: '开发区（功能区）',
      devZone: true,
      reviewUnit: true,
    });
    expect(sip.reviewerCount).toBeGreaterThanOrEqual(1);
    const xw = body.cities.find((c) => c.code === '320100')!.units.find((u) => u.code === '320102')!;
    expect(xw.reviewerCount).toBe(0);
    expect(body.totals.unitsWithoutReviewer).toBeGreaterThan(0);
  });
});

describe('access', () => {
  it('only the administrator may use the administration API', async () => {
    const routes: [string, string][] = [
      ['GET', '/api/v1/admin/users'],
      ['POST', '/api/v1/admin/users'],
      ['GET', `/api/v1/admin/users/${p.ksCounty.userId}`],
      ['POST', `/api/v1/admin/users/${p.ksCounty.userId}/disable`],
      ['POST', `/api/v1/admin/users/${p.ksCounty.userId}/enable`],
      ['POST', `/api/v1/admin/users/${p.ksCounty.userId}/reset-password`],
      ['GET', '/api/v1/admin/audit'],
      ['GET', '/api/v1/admin/review-units'],
    ];
    const body = (method: string, url: string) =>
      url.endsWith('/reset-password')
        ? { password: PASSWORD, passwordConfirm: PASSWORD }
        : url.endsWith('/users') && method === 'POST'
          ? newUser()
          : {};
    for (const who of [p.province, p.szCity, p.ksCounty, p.ksEnterprise]) {
      for (const [method, url] of routes) {
        const res = await who.client.request(
          method as 'GET' | 'POST',
          url,
          method === 'POST' ? { json: body(method, url) } : {},
        );
        expect(res.statusCode, `${who.role} ${method} ${url}`).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
      }
    }
    for (const [method, url] of routes) {
      const res = await p.anonymous.request(
        method as 'GET' | 'POST',
        url,
        method === 'POST' ? { json: body(method, url) } : {},
      );
      expect(res.statusCode).toBe(401);
    }
    // Nothing changed.
    const [ks] = await t.ctx.db.select().from(users).where(eq(users.id, p.ksCounty.userId));
    expect(ks!.status).toBe('active');
  });

  it('三员分立: the audit log is the audit administrator’s, password resets the security administrator’s', async () => {
    const audit = '/api/v1/admin/audit';
    expect((await p.admin.client.get(audit)).statusCode).toBe(403);
    expect((await p.securityAdmin.client.get(audit)).statusCode).toBe(403);
    expect((await p.auditAdmin.client.get(audit)).statusCode).toBe(200);

    const reset = `/api/v1/admin/users/${p.ksCounty.userId}/reset-password`;
    const pw = { password: 'Chongzhi#2023', passwordConfirm: 'Chongzhi#2023' };
    expect((await p.admin.client.post(reset, pw)).statusCode).toBe(403);
    expect((await p.auditAdmin.client.post(reset, pw)).statusCode).toBe(403);

    // The audit administrator changes nothing: every write of the administration API answers 403.
    const writes: [string, Record<string, unknown>][] = [
      ['/api/v1/admin/users', newUser()],
      [`/api/v1/admin/users/${p.ksCounty.userId}/disable`, {}],
      [`/api/v1/admin/users/${p.ksCounty.userId}/enable`, {}],
      [reset, pw],
      [`/api/v1/security/users/${p.ksCounty.userId}/unlock`, {}],
      [`/api/v1/security/users/${p.ksCounty.userId}/end-sessions`, {}],
    ];
    for (const [url, json] of writes) {
      const res = await p.auditAdmin.client.post(url, json);
      expect(res.statusCode, url).toBe(403);
    }
    // Neither the security nor the audit administrator reads filings or the review queue.
    for (const who of [p.securityAdmin, p.auditAdmin]) {
      expect((await who.client.get('/api/v1/review/queue')).statusCode).toBe(403);
      expect((await who.client.get('/api/v1/filings')).statusCode).toBe(403);
    }
  });

  it('三员分立: enabling an account (system administrator) leaves its lockout; only the unlock clears it', async () => {
    const u = await create();
    const until = new Date(clock.now().getTime() + 10 * 60_000);
    // Locked from the address the test client logs in from, as five failures from there would leave it.
    await t.ctx.db.update(users).set({ failedLogins: 5, lockedUntil: until }).where(eq(users.id, u.id));
    await t.ctx.db
      .insert(loginFailures)
      .values({ userId: u.id, source: '127.0.0.1', failures: 5, lockedUntil: until });
    expect((await login(u.username, PASSWORD)).body.code).toBe('ACCOUNT_LOCKED');

    expect((await p.admin.client.post(`/api/v1/admin/users/${u.id}/disable`, {})).statusCode).toBe(200);
    const enabled = await p.admin.client.post(`/api/v1/admin/users/${u.id}/enable`);
    expect(enabled.json()).toMatchObject({ status: 'active', lockedUntil: until.toISOString() });
    expect((await login(u.username, PASSWORD)).body.code).toBe('ACCOUNT_LOCKED');
    expect(await t.ctx.db.select().from(loginFailures).where(eq(loginFailures.userId, u.id))).toHaveLength(1);
    // The system administrator has no unlock of its own.
    expect((await p.admin.client.post(`/api/v1/security/users/${u.id}/unlock`)).statusCode).toBe(403);

    expect((await p.securityAdmin.client.post(`/api/v1/security/users/${u.id}/unlock`)).statusCode).toBe(200);
    expect((await login(u.username, PASSWORD)).status).toBe(200);
  });

  it('三员分立: the system administrator reads no business data (filings, queue, lists, figures, exports)', async () => {
    const reads = [
      '/api/v1/review/queue',
      '/api/v1/review/counts',
      '/api/v1/review/export.xlsx',
      '/api/v1/filings',
      '/api/v1/statistics/summary?year=2023',
      '/api/v1/statistics/export.xlsx?year=2023',
      '/api/v1/quality-scores',
      '/api/v1/standards',
      '/api/v1/settings/province',
    ];
    for (const url of reads) {
      const res = await p.admin.client.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code, url).toBe('FORBIDDEN');
      // The province, whose business it is, reads them.
      expect((await p.province.client.get(url)).statusCode, url).toBe(url === '/api/v1/filings' ? 403 : 200);
    }
  });

  it('the security administrator unlocks an account and ends its sessions, audited', async () => {
    const u = await create();
    const session = await login(u.username, PASSWORD);
    await t.ctx.db
      .update(users)
      .set({ failedLogins: 5, lockedUntil: new Date(clock.now().getTime() + 10 * 60_000) })
      .where(eq(users.id, u.id));
    const unlocked = await p.securityAdmin.client.post(`/api/v1/security/users/${u.id}/unlock`);
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json()).toMatchObject({ lockedUntil: null, activeSessions: 1 });
    const ended = await p.securityAdmin.client.post(`/api/v1/security/users/${u.id}/end-sessions`);
    expect(ended.json()).toMatchObject({ activeSessions: 0 });
    expect((await session.client.get('/api/v1/notifications/unread-count')).statusCode).toBe(401);
    const actions = (await t.ctx.db.select().from(auditEvents).where(eq(auditEvents.targetId, u.id))).map(
      (a) => a.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['security.user.unlock', 'security.user.end_sessions']));
  });
});
