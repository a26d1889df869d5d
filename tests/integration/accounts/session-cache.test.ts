/**
 * The per-process session cache (issue #15, docs/adr/0036-session-cache.md): a second request of a session sends no
 * session lookup, and whatever ends a session or changes its user takes effect at once, in this app instance and in
 * a second one on the same database whose cache held the session. On PostgreSQL the second instance has its own
 * pool and listening connection (another process, as far as the database can tell), and learns of a change by
 * NOTIFY: the test asks it again until it refuses, a bounded number of times, never after a fixed sleep. On PGlite
 * (one process by design) the second instance shares the database. Statements are counted at the driver.
 */
import net from 'node:net';
import { getTableName, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/server/app';
import { openDatabase, type Database } from '../../../src/server/db/client';
import { users } from '../../../src/server/db/schema';
import { SESSION_LOOKUP_COLUMNS } from '../../../src/server/plugins/session';
import { hashPassword } from '../../../src/server/services/passwords';
import { loginAs } from '../../helpers/personas';
import { createTestApp, TestClient, type TestApp } from '../../helpers/test-app';

const PASSWORD = 'Persona@2023';
const NEW_PASSWORD = 'Qiye#Lvse2024';
let t: TestApp;
let other: Instance;
let admin: TestClient;

interface Instance {
  app: FastifyInstance;
  close(): Promise<void>;
}

const onPostgres = () => t.ctx.database.kind === 'postgres';

/** The URL of the test's database (PostgreSQL), optionally reached through `port` on this machine. */
async function databaseUrl(port?: number): Promise<string> {
  const [row] = await t.ctx.database.query<{ name: string }>('select current_database() as name');
  const u = new URL(process.env.TEST_DATABASE_URL!);
  u.pathname = `/${row!.name}`;
  if (port !== undefined) {
    u.hostname = '127.0.0.1';
    u.port = String(port);
  }
  return u.toString();
}

/** Another app instance on the same database: its own pool and listening connection on PostgreSQL. */
async function secondInstance(opts: { sessionCache?: boolean; listenUrl?: string } = {}): Promise<Instance> {
  const config = { ...t.config, sessionCache: opts.sessionCache ?? true };
  let database: Database | undefined;
  if (onPostgres()) {
    database = await openDatabase({
      databaseUrl: await databaseUrl(),
      poolSize: 2,
      skipMigrations: true,
      ...(opts.listenUrl ? { listenUrl: opts.listenUrl } : {}),
    });
  }
  const app = await buildApp(config, {
    database: database ?? t.ctx.database,
    clock: t.clock,
    storage: t.ctx.storage,
  });
  return {
    app,
    close: async () => {
      await app.close();
      await database?.close();
    },
  };
}

beforeAll(async () => {
  t = await createTestApp();
  const adminUser = await newUser({ role: 'admin', regionCode: '320000' });
  admin = adminUser.client;
  other = await secondInstance();
  // Both instances listening (their caches in use) before any test counts lookups.
  await warm(admin);
});
afterAll(async () => {
  await other.close();
  await t.close();
});

let seq = 0;
let hash: Promise<string> | undefined;

/** A county reviewer of 昆山 (or as given), logged in on the first instance. */
async function newUser(
  u: { role?: string; regionCode?: string } = {},
): Promise<{ userId: string; client: TestClient }> {
  hash ??= hashPassword(PASSWORD);
  seq += 1;
  const [row] = await t.ctx.db
    .insert(users)
    .values({
      username: `cache_${process.pid}_${seq}`,
      passwordHash: await hash,
      role: u.role ?? 'county_reviewer',
      displayName: `缓存测试${seq}`,
      regionCode: u.regionCode ?? '320583',
    })
    .returning({ id: users.id });
  return { userId: row!.id, client: await loginAs(t, row!.id) };
}

/** The same browser talking to another instance. */
function on(app: FastifyInstance, client: TestClient): TestClient {
  const c = new TestClient(app);
  for (const [k, v] of client.cookies) c.cookies.set(k, v);
  return c;
}

/** The driver under an app's Drizzle instance: the PGlite instance, or the pg pool. */
function driver(app: FastifyInstance): { query: (...args: unknown[]) => unknown } {
  return (app.ctx.db as unknown as { session: { client: { query: (...args: unknown[]) => unknown } } })
    .session.client;
}

const isLookup = (text: string) => /from "sessions" inner join "users"/.test(text);

/** How many session lookups `run` sent through `app`'s driver. */
async function lookupsOf<T>(
  app: FastifyInstance,
  run: () => Promise<T>,
): Promise<{ result: T; lookups: number }> {
  const spy = vi.spyOn(driver(app), 'query');
  try {
    const result = await run();
    const texts = spy.mock.calls.map(([q]) =>
      typeof q === 'string' ? q : String((q as { text?: unknown }).text),
    );
    return { result, lookups: texts.filter(isLookup).length };
  } finally {
    spy.mockRestore();
  }
}

async function signedIn(client: TestClient): Promise<boolean> {
  const res = await client.get('/api/v1/auth/session');
  expect(res.statusCode).toBe(200);
  return (res.json() as { user: unknown }).user !== null;
}

/** Asks until `done` holds, at most `attempts` times, yielding to the event loop (and the notification) between. */
async function eventually(done: () => Promise<boolean>, attempts = 200): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`not reached in ${attempts} attempts`);
}

/**
 * Both instances serve the session from their caches: a request sends no lookup. (The second instance's cache is in
 * use once its listening connection is up, a moment after it starts: asked again until then.)
 */
async function warm(client: TestClient): Promise<TestClient> {
  const there = on(other.app, client);
  for (const [app, c] of [
    [t.app, client],
    [other.app, there],
  ] as const) {
    await eventually(async () => {
      const { result, lookups } = await lookupsOf(app, () => signedIn(c));
      expect(result).toBe(true);
      return lookups === 0;
    });
  }
  return there;
}

/** Refused at once by the first instance; the second refuses once the notification has reached it. */
async function expectRefusedEverywhere(client: TestClient, there: TestClient): Promise<void> {
  expect(await signedIn(on(t.app, client))).toBe(false);
  await eventually(async () => !(await signedIn(on(other.app, there))));
}

describe('the session cache', () => {
  it('a second request of a session sends no session lookup', async () => {
    const { client } = await newUser();
    const first = await lookupsOf(t.app, () => client.get('/api/v1/review/queue'));
    expect(first.result.statusCode).toBe(200);
    expect(first.lookups).toBe(1);
    const second = await lookupsOf(t.app, () => client.get('/api/v1/review/queue'));
    expect(second.result.statusCode).toBe(200);
    expect(second.lookups).toBe(0);
  });

  it('logout ends the session here at once and in the other instance', async () => {
    const { client } = await newUser();
    const there = await warm(client);
    const kept = on(t.app, client);
    const res = await client.post('/api/v1/auth/logout');
    expect(res.statusCode).toBeLessThan(300);
    await expectRefusedEverywhere(kept, there);
  });

  it('a password change ends the user’s other sessions everywhere', async () => {
    const { userId, client } = await newUser();
    const elsewhere = await loginAs(t, userId);
    const there = await warm(elsewhere);
    const res = await client.post('/api/v1/account/password', {
      currentPassword: PASSWORD,
      password: NEW_PASSWORD,
      passwordConfirm: NEW_PASSWORD,
    });
    expect(res.statusCode).toBe(200);
    await expectRefusedEverywhere(elsewhere, there);
  });

  it('an administrator disabling the account ends its sessions everywhere', async () => {
    const { userId, client } = await newUser();
    const there = await warm(client);
    const res = await admin.post(`/api/v1/admin/users/${userId}/disable`, { reason: '离职' });
    expect(res.statusCode).toBe(200);
    await expectRefusedEverywhere(client, there);
  });

  it('a status set in SQL (no session deleted) refuses the session everywhere', async () => {
    const { userId, client } = await newUser();
    const there = await warm(client);
    await t.ctx.db.execute(sql`update users set status = 'disabled' where id = ${userId}`);
    await expectRefusedEverywhere(client, there);
  });

  it('a session row deleted in SQL is refused everywhere', async () => {
    const { userId, client } = await newUser();
    const there = await warm(client);
    await t.ctx.db.execute(sql`delete from sessions where user_id = ${userId}`);
    await expectRefusedEverywhere(client, there);
  });

  it('a role and region changed in SQL apply to the next request everywhere', async () => {
    const { userId, client } = await newUser();
    const there = await warm(client);
    expect((await client.get('/api/v1/review/queue')).statusCode).toBe(200);
    expect((await there.get('/api/v1/review/queue')).statusCode).toBe(200);
    await t.ctx.db.execute(sql`update users set role = 'admin', region_code = '320000' where id = ${userId}`);
    // The system administrator reads no business data (三员分立): the queue is refused under the new role.
    expect((await client.get('/api/v1/review/queue')).statusCode).toBe(403);
    await eventually(async () => (await there.get('/api/v1/review/queue')).statusCode === 403);
  });

  it('every user column the lookup reads drops the cached session when it changes; a login counter does not', async () => {
    const { userId, client } = await newUser();
    await warm(client);
    // First, while no notification about this user can be on its way: a login counter keeps the cached row.
    await t.ctx.db.execute(sql`update users set failed_logins = failed_logins + 1 where id = ${userId}`);
    const kept = await lookupsOf(t.app, () => signedIn(client));
    expect(kept.result).toBe(true);
    expect(kept.lookups).toBe(0);
    const changes = [
      sql`update users set username = username || '_x' where id = ${userId}`,
      sql`update users set display_name = display_name || '改' where id = ${userId}`,
      sql`update users set region_code = '320509' where id = ${userId}`,
      sql`update users set must_change_password = true where id = ${userId}`,
      sql`update users set must_change_password = false where id = ${userId}`,
      sql`update users set password_changed_at = password_changed_at - interval '1 day' where id = ${userId}`,
      sql`update users set role = 'city_reviewer', region_code = '320500' where id = ${userId}`,
    ];
    for (const change of changes) {
      await t.ctx.db.execute(change);
      const { lookups } = await lookupsOf(t.app, () => signedIn(client));
      expect(lookups).toBe(1);
    }
  });

  it('the users trigger watches every user column the session lookup reads', async () => {
    const [trigger] = await t.ctx.database.query<{ def: string }>(
      `select pg_get_triggerdef(oid) as def from pg_trigger where tgname = 'users_changed_update'`,
    );
    const watched = trigger!.def.slice(trigger!.def.indexOf('WHEN'));
    const read = Object.values(SESSION_LOOKUP_COLUMNS)
      .filter((column) => getTableName(column.table) === 'users')
      .map((column) => column.name);
    expect(read.length).toBeGreaterThan(5);
    for (const name of read) expect(watched).toContain(`old.${name}`);
  });

  it('the once-a-minute touch keeps the cached session; the idle timeout still ends it everywhere', async () => {
    const { client } = await newUser();
    const there = await warm(client);
    t.clock.advance(61_000);
    await signedIn(client); // touches last_seen_at
    const here = await lookupsOf(t.app, () => signedIn(client));
    expect(here.lookups).toBe(0);
    const away = await lookupsOf(other.app, () => signedIn(there));
    expect(away.result).toBe(true);
    expect(away.lookups).toBe(0);

    t.clock.advance((t.config.sessionIdleMinutes * 60 + 1) * 1000);
    await expectRefusedEverywhere(client, there);
  });

  it('the other instance’s older last_seen_at does not end a session this instance touched', async () => {
    const { client } = await newUser();
    const there = await warm(client);
    // Almost idle, then used here (touched), then used there: there the cached last_seen_at is past the timeout,
    // the database's is not, and the session lives on.
    t.clock.advance((t.config.sessionIdleMinutes * 60 - 10) * 1000);
    expect(await signedIn(client)).toBe(true);
    t.clock.advance(20_000);
    const away = await lookupsOf(other.app, () => signedIn(there));
    expect(away.result).toBe(true);
    expect(away.lookups).toBe(1);
    expect(await signedIn(client)).toBe(true);
  });

  it('SESSION_CACHE=off reads the session on every request', async () => {
    const off = await secondInstance({ sessionCache: false });
    try {
      const { client } = await newUser();
      const there = on(off.app, client);
      for (let i = 0; i < 3; i++) {
        const { result, lookups } = await lookupsOf(off.app, () => signedIn(there));
        expect(result).toBe(true);
        expect(lookups).toBe(1);
      }
    } finally {
      await off.close();
    }
  });
});

/**
 * A TCP relay to the PostgreSQL server that the test can cut: the listening connection of an instance goes through
 * it (DATABASE_LISTEN_URL), its pool does not.
 */
async function relayTo(
  target: URL,
): Promise<{ port: number; cut(): void; restore(): void; close(): Promise<void> }> {
  let open = true;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    if (!open) return inbound.destroy();
    const outbound = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut: () => {
      open = false;
      for (const s of sockets) s.destroy();
    },
    restore: () => {
      open = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('without its listening connection', () => {
  // PGlite listens inside the process and has no connection to lose; on PostgreSQL the connection is cut.
  it('an instance reads every session from the database until it listens again', async () => {
    if (!onPostgres()) {
      // The embedded database: listening is up from the start, so the cache serves the second request.
      const { client } = await newUser();
      await signedIn(client);
      expect((await lookupsOf(t.app, () => signedIn(client))).lookups).toBe(0);
      return;
    }
    const relay = await relayTo(new URL(await databaseUrl()));
    const cut = await secondInstance({ listenUrl: await databaseUrl(relay.port) });
    try {
      const { client } = await newUser();
      const there = on(cut.app, client);
      // Listening: the session is cached once the connection is up.
      await eventually(async () => {
        await signedIn(there);
        return (await lookupsOf(cut.app, () => signedIn(there))).lookups === 0;
      });
      relay.cut();
      // The loss is noticed (the socket closes): from then on every request reads the database.
      await eventually(async () => (await lookupsOf(cut.app, () => signedIn(there))).lookups === 1);
      for (let i = 0; i < 3; i++) {
        const { result, lookups } = await lookupsOf(cut.app, () => signedIn(there));
        expect(result).toBe(true);
        expect(lookups).toBe(1);
      }
      // A session ended meanwhile is refused at once, though no notification can reach the instance.
      const ended = await newUser();
      const endedThere = on(cut.app, ended.client);
      expect(await signedIn(endedThere)).toBe(true);
      expect(await signedIn(endedThere)).toBe(true);
      await t.ctx.db.execute(sql`delete from sessions where user_id = ${ended.userId}`);
      expect(await signedIn(endedThere)).toBe(false);

      relay.restore();
      // Listening again (after a retry): the cache is used again.
      await eventually(async () => {
        await signedIn(there);
        return (await lookupsOf(cut.app, () => signedIn(there))).lookups === 0;
      }, 1000);
    } finally {
      await cut.close();
      await relay.close();
    }
  });
});
