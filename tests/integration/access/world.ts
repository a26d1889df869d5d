/**
 * The records the access matrix asks about, built once: enterprise A's (昆山) filing submitted and pending at the
 * 昆山 county with its attachments, the 苏州 list in publicity with a public objection, evaluations, a notification,
 * clearances, and the eleven personas. `send()` makes a request as a persona without touching its stored cookies
 * (so a login or a password change in one row cannot change who the persona is in the next).
 */
import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { clearances, enterprises, notifications } from '../../../src/server/db/schema';
import type { EvaluationListResponse } from '../../../src/shared/schemas/evaluation-api';
import type { FilingDetail } from '../../../src/shared/schemas/filing-api';
import type { ListDetail, ObjectionView } from '../../../src/shared/schemas/lists-api';
import { multipart, type FilePart } from '../../helpers/accounts';
import { createEnterprise, loginAs, usccIn, type Persona } from '../../helpers/personas';
import type { TestApp, TestClient } from '../../helpers/test-app';
import { submittedFiling } from '../filings/flow';
import {
  approvedFiling,
  captcha,
  expectStatus,
  json,
  setClock,
  setupLists,
  type ListsFixture,
} from '../lists/helpers';
import { createGovUser, insertSubmitted, newEnterprise } from '../review/helpers';

export const PERSONAS = [
  'entA',
  'entB',
  'ksCounty',
  'wjCounty',
  'szCity',
  'njCity',
  'province',
  'admin',
  'secAdmin',
  'auditAdmin',
  'anon',
] as const;
export type PersonaKey = (typeof PERSONAS)[number];

/** The password of every persona made by tests/helpers/personas.ts. */
export const PERSONA_PASSWORD = 'Persona@2023';

export interface World {
  f: ListsFixture;
  t: TestApp;
  personas: Record<Exclude<PersonaKey, 'anon'>, Persona>;
  campaignId: string;
  /** Enterprise A's 新增入库, submitted: pending at the 昆山 county. */
  filingA: FilingDetail;
  attachmentA: { id: string; fileId: string };
  /** The 苏州 list in publicity, an entry of it, and a public objection to that entry. */
  list: ListDetail;
  entryId: string;
  objection: { id: string; trackingNo: string };
  /** A 苏州 (昆山) evaluation. */
  evaluationId: string;
  evaluationVersion: number;
  /** A message to enterprise A. */
  notificationA: number;
  /** A clearance of enterprise A (confirmed, not appealed) and one of another 苏州 enterprise with an appeal. */
  clearanceA: string;
  clearanceAppealed: string;
  /** A throwaway enterprise account every persona may log in as. */
  loginUser: Persona;
  /** A 昆山 county account the administrator disables, enables and resets. */
  loginGov: Persona;
}

let ipSeq = 0;
/** A distinct client address per request: the per-IP rate limits must not decide an access answer. */
function nextIp(): string {
  ipSeq += 1;
  return `10.77.${Math.floor(ipSeq / 250) % 250}.${(ipSeq % 250) + 1}`;
}

export interface Req {
  url: string;
  json?: unknown;
  file?: { fields: Record<string, string>; file: FilePart };
}

/** A request as `who` (cookies copied from the persona's client, CSRF header as the web app sends it). */
export async function send(
  w: World,
  who: PersonaKey,
  method: string,
  req: Req,
  client?: TestClient,
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { 'user-agent': 'vitest-access' };
  const cookies = new Map(client ? client.cookies : who === 'anon' ? [] : w.personas[who].client.cookies);
  if (!cookies.has('csrf')) cookies.set('csrf', crypto.randomBytes(24).toString('base64url'));
  headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  if (method !== 'GET') headers['x-csrf-token'] = cookies.get('csrf')!;
  let payload: string | Buffer | object | undefined;
  if (req.file) {
    const body = multipart(req.file.fields, req.file.file);
    Object.assign(headers, body.headers);
    payload = body.payload;
  } else if (req.json !== undefined) {
    payload = req.json as object;
  } else if (method !== 'GET' && method !== 'DELETE') {
    payload = {};
  }
  return w.t.app.inject({
    method: method as 'GET',
    url: req.url,
    headers,
    remoteAddress: nextIp(),
    ...(payload !== undefined ? { payload } : {}),
  });
}

/** A client with a new session of the persona (for a request that ends its session, such as logging out). */
export async function freshSession(w: World, who: PersonaKey): Promise<TestClient | undefined> {
  if (who === 'anon') return undefined;
  return loginAs(w.t, w.personas[who].userId, w.t.client());
}

/** A new 昆山 enterprise's filing, submitted and pending at the 昆山 county (for review actions). */
export async function freshKsFiling(w: World): Promise<{ id: string; statusVersion: number }> {
  const e = await newEnterprise(w.t, '320583');
  const row = await insertSubmitted(w.t, { enterprise: e, countyCode: '320583' });
  return { id: row.id, statusVersion: row.statusVersion };
}

/**
 * Tables a denied request must not change. Sessions, audit rows, rate-limit counters, captchas and the outbox
 * record the attempt itself, so they are left out.
 */
const IGNORED_TABLES = new Set([
  'sessions',
  'audit_events',
  'captchas',
  'rate_limits',
  'rate_limit_counters',
  'sms_outbox',
  'sms_codes',
  '__drizzle_migrations',
]);

async function rows<T>(t: TestApp, q: ReturnType<typeof sql>): Promise<T[]> {
  const r = (await t.ctx.db.execute(q)) as unknown as { rows: T[] } | T[];
  return Array.isArray(r) ? r : r.rows;
}

/** A digest of every application table's rows: equal before and after means the database is unchanged. */
export async function databaseDigest(t: TestApp): Promise<Record<string, string>> {
  const tables = await rows<{ name: string }>(
    t,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    if (IGNORED_TABLES.has(name) || name.startsWith('rate_limit')) continue;
    const [r] = await rows<{ d: string }>(
      t,
      sql.raw(`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as d from "${name}" x`),
    );
    out[name] = r?.d ?? '';
  }
  return out;
}

export async function buildWorld(): Promise<World> {
  const f = await setupLists();
  const t = f.t;
  const filingA = await submittedFiling(f);
  const att = filingA.attachments[0]!;

  // Approved 苏州 filings for the evaluation and the list, and one of 南京.
  const ks = await approvedFiling(f, { countyCode: '320583', name: '昆山访问矩阵智造科技有限公司' });
  const wj = await approvedFiling(f, { countyCode: '320509', name: '吴江访问矩阵新材料有限公司' });
  await approvedFiling(f, { countyCode: '320102', name: '南京访问矩阵科技有限公司', approver: f.njCity });

  // After the city review deadline: evaluation, the 苏州 list, publicity from 2023-04-03.
  await setClock(f, '2023-04-01T09:00:00+08:00');
  await json(f.p.szCity.client, 'POST', `/api/v1/evaluation/campaigns/${f.campaignId}/prepare`);
  const evals = await json<EvaluationListResponse>(
    f.p.szCity.client,
    'GET',
    `/api/v1/evaluation/campaigns/${f.campaignId}/evaluations`,
  );
  const ev = evals.items.find((i) => i.enterpriseName === ks.name)!;
  const created = await f.p.szCity.client.post('/api/v1/lists', { campaignId: f.campaignId });
  expectStatus(created, 201);
  let list = created.json() as ListDetail;
  list = await json<ListDetail>(f.p.szCity.client, 'POST', `/api/v1/lists/${list.id}/publish-publicity`, {
    start: '2023-04-03',
    objectionContact: '苏州市工业和信息化局中小企业处，电话 0512-68610000',
  });
  await setClock(f, '2023-04-03T10:00:00+08:00');
  const entry = list.entries.find((e) => e.enterpriseName === wj.name)!;
  const objRes = await t.app.inject({
    method: 'POST',
    url: `/api/v1/public/lists/${list.id}/objections`,
    remoteAddress: '198.51.100.200',
    headers: { cookie: 'csrf=matrix-objection-token-0001', 'x-csrf-token': 'matrix-objection-token-0001' },
    payload: {
      entryId: entry.id,
      contactName: '王志强',
      contactPhone: '13905120000',
      reason: '该企业上年度研发费用明显虚报，与其审计报告数据不一致。',
      ...(await captcha(t)),
    },
  });
  expectStatus(objRes, 201);
  const objections = await json<ObjectionView[]>(
    f.p.szCity.client,
    'GET',
    `/api/v1/lists/${list.id}/objections`,
  );

  const [note] = await t.ctx.db
    .insert(notifications)
    .values({ userId: f.p.ksEnterprise.userId, title: '测试消息', body: '访问矩阵测试消息' })
    .returning({ id: notifications.id });

  const now = t.clock.now();
  const [clA] = await t.ctx.db
    .insert(clearances)
    .values({
      campaignId: f.campaignId,
      enterpriseId: f.p.ksEnterprise.enterpriseId!,
      cityCode: '320500',
      countyCode: '320583',
      status: 'confirmed',
      reason: '未按期提交数据更新',
      confirmedAt: now,
    })
    .returning({ id: clearances.id });
  const [clAppealed] = await t.ctx.db
    .insert(clearances)
    .values({
      campaignId: f.campaignId,
      enterpriseId: ks.enterpriseId,
      cityCode: '320500',
      countyCode: '320583',
      status: 'confirmed',
      reason: '未按期提交数据更新',
      confirmedAt: now,
      appealReason: '我司已按期提交，系统记录有误',
      appealedAt: now,
      appealStatus: 'pending',
    })
    .returning({ id: clearances.id });
  await t.ctx.db
    .update(enterprises)
    .set({ dbStatus: 'cleared' })
    .where(and(eq(enterprises.id, ks.enterpriseId)));

  // The 昆山 county review is extended, so the county may still act on fresh filings (review action rows).
  for (const regionCode of ['320500', '320583']) {
    const extended = await f.p.admin.client.put(`/api/v1/campaigns/${f.campaignId}/extensions`, {
      regionCode,
      deadline: '2023-04-10T23:59:59+08:00',
      reason: '访问矩阵测试顺延',
    });
    expectStatus(extended, 200);
  }

  const loginUser = await createEnterprise(t, {
    name: '访问矩阵登录测试有限公司',
    uscc: usccIn('320583', 777),
    countyCode: '320583',
    cityCode: '320500',
  });

  const loginGov = await createGovUser(t, 'county_reviewer', '320583', '访问矩阵管理测试账号');

  return {
    f,
    t,
    personas: {
      entA: f.p.ksEnterprise,
      entB: f.p.wjEnterprise,
      ksCounty: f.p.ksCounty,
      wjCounty: f.p.wjCounty,
      szCity: f.p.szCity,
      njCity: f.njCity,
      province: f.p.province,
      admin: f.p.admin,
      secAdmin: await createGovUser(t, 'security_admin', '320000', '访问矩阵安全管理员'),
      auditAdmin: await createGovUser(t, 'audit_admin', '320000', '访问矩阵审计管理员'),
    },
    campaignId: f.campaignId,
    filingA,
    attachmentA: { id: att.id, fileId: att.fileId },
    list,
    entryId: entry.id,
    objection: { id: objections[0]!.id, trackingNo: objections[0]!.trackingNo },
    evaluationId: ev.id,
    evaluationVersion: ev.version,
    notificationA: note!.id,
    clearanceA: clA!.id,
    clearanceAppealed: clAppealed!.id,
    loginUser,
    loginGov,
  };
}
