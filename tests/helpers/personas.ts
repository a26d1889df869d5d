import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { enterprises, sessions, users } from '../../src/server/db/schema';
import { hashToken } from '../../src/server/plugins/session';
import { hashPassword } from '../../src/server/services/passwords';
import { SAMPLE_ENTERPRISE_NAME, SAMPLE_USCC } from '../../src/shared/filing/fixtures';
import type { Role } from '../../src/shared/permissions';
import { orgCodeCheckChar, usccCheckChar } from '../../src/shared/rules/uscc';
import { TestClient, type TestApp } from './test-app';

/** A valid enterprise credit code (prefix 91) registered in `regionCode`, distinct per `n`. */
export function usccIn(regionCode: string, n: number): string {
  const body8 = `MA${String(n).padStart(6, '0')}`;
  const first17 = `91${regionCode}${body8}${orgCodeCheckChar(body8)}`;
  return first17 + usccCheckChar(first17);
}

export interface Persona {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  enterpriseId: string | null;
  regionCode: string | null;
  /** A browser-like client already logged in as this persona. */
  client: TestClient;
}

/**
 * A logged-in client for a user: a session row created directly (sha256 of the token, as the session plugin keeps it).
 * Pass an existing client to log it in again (after a test moved the clock past the idle timeout).
 */
export async function loginAs(t: TestApp, userId: string, existing?: TestClient): Promise<TestClient> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(32).toString('base64url');
  const now = t.clock.now();
  await t.ctx.db
    .insert(sessions)
    .values({ id: hashToken(token), userId, csrfToken, createdAt: now, lastSeenAt: now });
  const client = existing ?? t.client();
  client.cookies.set('sid', token);
  client.cookies.set('csrf', csrfToken);
  return client;
}

let passwordHash: Promise<string> | undefined;
let seq = 0;

async function createUser(
  t: TestApp,
  u: { role: Role; displayName: string; regionCode?: string; enterpriseId?: string; mobile?: string },
): Promise<Persona> {
  passwordHash ??= hashPassword('Persona@2023');
  seq += 1;
  const username = `${u.role}_${process.pid}_${seq}`;
  const [row] = await t.ctx.db
    .insert(users)
    .values({
      username,
      passwordHash: await passwordHash,
      role: u.role,
      displayName: u.displayName,
      enterpriseId: u.enterpriseId ?? null,
      regionCode: u.regionCode ?? null,
      mobile: u.mobile ?? null,
    })
    .returning({ id: users.id });
  return {
    userId: row!.id,
    username,
    displayName: u.displayName,
    role: u.role,
    enterpriseId: u.enterpriseId ?? null,
    regionCode: u.regionCode ?? null,
    client: await loginAs(t, row!.id),
  };
}

/** An enterprise and its enterprise user, logged in. */
export async function createEnterprise(
  t: TestApp,
  e: {
    name: string;
    uscc: string;
    countyCode: string;
    cityCode: string;
    dbStatus?: 'none' | 'in_db' | 'cleared';
  },
): Promise<Persona> {
  seq += 1;
  const mobile = `137${String((process.pid % 1000) * 10000 + seq).padStart(8, '0')}`;
  const [row] = await t.ctx.db
    .insert(enterprises)
    .values({
      name: e.name,
      uscc: e.uscc,
      contactName: '陈晓燕',
      contactMobile: mobile,
      countyCode: e.countyCode,
      cityCode: e.cityCode,
      dbStatus: e.dbStatus ?? 'none',
    })
    .returning({ id: enterprises.id });
  return createUser(t, { role: 'enterprise', displayName: e.name, enterpriseId: row!.id, mobile });
}

export async function setDbStatus(t: TestApp, enterpriseId: string, dbStatus: 'none' | 'in_db' | 'cleared') {
  await t.ctx.db.update(enterprises).set({ dbStatus }).where(eq(enterprises.id, enterpriseId));
}

/** Logs every persona in again at the current (test) time: moving the clock far ends idle sessions. */
export async function reloginAll(t: TestApp, p: Personas): Promise<void> {
  for (const persona of Object.values(p)) {
    if (persona instanceof TestClient) continue;
    await loginAs(t, persona.userId, persona.client);
  }
}

export interface Personas {
  /** An enterprise in 昆山 (320583): the sample filing's enterprise. */
  ksEnterprise: Persona;
  /** An enterprise in 吴江 (320509). */
  wjEnterprise: Persona;
  ksCounty: Persona;
  wjCounty: Persona;
  szCity: Persona;
  province: Persona;
  admin: Persona;
  /** 安全管理员 and 审计管理员 (三员分立). */
  securityAdmin: Persona;
  auditAdmin: Persona;
  /** Not logged in. */
  anonymous: TestClient;
}

/** The named test personas (architecture.md): two counties of 苏州, the city, the province, an admin, anonymous. */
export async function createPersonas(t: TestApp): Promise<Personas> {
  return {
    ksEnterprise: await createEnterprise(t, {
      name: SAMPLE_ENTERPRISE_NAME,
      uscc: SAMPLE_USCC,
      countyCode: '320583',
      cityCode: '320500',
    }),
    wjEnterprise: await createEnterprise(t, {
      name: '苏州吴江测试新材料有限公司',
      uscc: usccIn('320509', 1),
      countyCode: '320509',
      cityCode: '320500',
    }),
    ksCounty: await createUser(t, {
      role: 'county_reviewer',
      displayName: '昆山市工信局审核员',
      regionCode: '320583',
    }),
    wjCounty: await createUser(t, {
      role: 'county_reviewer',
      displayName: '吴江区工信局审核员',
      regionCode: '320509',
    }),
    szCity: await createUser(t, {
      role: 'city_reviewer',
      displayName: '苏州市工信局审核员',
      regionCode: '320500',
    }),
    province: await createUser(t, { role: 'province', displayName: '江苏省工信厅', regionCode: '320000' }),
    admin: await createUser(t, { role: 'admin', displayName: '系统管理员', regionCode: '320000' }),
    securityAdmin: await createUser(t, {
      role: 'security_admin',
      displayName: '安全管理员',
      regionCode: '320000',
    }),
    auditAdmin: await createUser(t, { role: 'audit_admin', displayName: '审计管理员', regionCode: '320000' }),
    anonymous: t.client(),
  };
}
