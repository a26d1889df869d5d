import { sql } from 'drizzle-orm';
import { ROLES } from '../../src/shared/permissions';
import { USER_STATUSES } from '../../src/shared/schemas/admin-api';
import { EXTENSION_LEVELS } from '../../src/shared/schemas/campaign-admin-api';
import { FILING_KINDS, FILING_STATUSES } from '../../src/shared/schemas/filing-api';
import { ENTRY_STATES, LIST_STATUSES, OBJECTION_STATUSES } from '../../src/shared/schemas/lists-api';
import { SMS_STATUSES } from '../../src/shared/schemas/sms-api';
import {
  APPEAL_STATUSES,
  DB_STATUSES,
  ENTERPRISE_EVENTS,
  ENTERPRISE_HISTORY_ACTIONS,
  HISTORY_LEVELS,
  LIST_KINDS,
  OBLIGATION_REASONS,
  QUALITY_SOURCE_TYPES,
  RECOGNITION_KINDS,
  RECOGNITION_SOURCES,
  RECOGNITION_STATUSES,
  SMS_PURPOSES,
  STORED_CLEARANCE_STATUSES,
} from '../../src/shared/vocabulary';
import { REVIEW_ACTIONS } from '../../src/shared/workflow';
import { createTestApp, type TestApp } from '../helpers/test-app';

/*
 * ADR 0033: every closed-vocabulary column has a CHECK constraint built from the code's list. For each column this
 * test writes every value of the list (all accepted) and then one value outside it (refused by the database with
 * a check violation naming the column's constraint), on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
 */

let t: TestApp;
const ids = {
  enterprise: '00000000-0000-4000-8000-0000000000e1',
  user: '00000000-0000-4000-8000-0000000000a1',
  campaign: '00000000-0000-4000-8000-0000000000c1',
  filing: '00000000-0000-4000-8000-0000000000f1',
  list: '00000000-0000-4000-8000-0000000000b1',
  entry: '00000000-0000-4000-8000-0000000000d1',
  objection: '00000000-0000-4000-8000-000000000011',
  recognition: '00000000-0000-4000-8000-000000000021',
  quality: '00000000-0000-4000-8000-000000000031',
  clearance: '00000000-0000-4000-8000-000000000041',
  extension: '00000000-0000-4000-8000-000000000051',
};
let historyId = 0;
let eventId = 0;
let smsId = 0;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.ctx.db;
  const e = ids.enterprise;
  await db.execute(sql`insert into enterprises (id, name, uscc, contact_name, contact_mobile, county_code, city_code)
    values (${e}, '词表测试企业有限公司', '91320583MA0VOC0001', '张三', '13800000001', '320583', '320500')`);
  await db.execute(sql`insert into users (id, username, password_hash, role, display_name)
    values (${ids.user}, 'vocab_user', 'x', 'county_reviewer', '审核员')`);
  await db.execute(sql`insert into campaigns (id, year, name, kinds_open, filing_opens_at, filing_closes_at,
      county_review_deadline, city_review_deadline, list_deadline, standard_id)
    values (${ids.campaign}, 2099, '2099 年度', '["entry"]'::jsonb, now(), now(), now(), now(), now(), 'innovative-sme-2022')`);
  await db.execute(sql`insert into filings (id, enterprise_id, campaign_id, kind, enterprise_name, uscc)
    values (${ids.filing}, ${e}, ${ids.campaign}, 'entry', '词表测试企业有限公司', '91320583MA0VOC0001')`);
  const [h] = (await rows(
    sql`insert into filing_history (filing_id, action, level) values (${ids.filing}, 'create', 'enterprise') returning id`,
  )) as { id: number | string }[];
  historyId = Number(h!.id);
  await db.execute(sql`insert into campaign_extensions (id, campaign_id, region_code, level, deadline, reason)
    values (${ids.extension}, ${ids.campaign}, '320583', 'county', now(), '延期')`);
  await db.execute(sql`insert into recognition_lists (id, campaign_id, city_code, title, issuing_department)
    values (${ids.list}, ${ids.campaign}, '320500', '名单', '苏州市工信局')`);
  await db.execute(sql`insert into recognition_list_entries (id, list_id, enterprise_id, enterprise_name, uscc, county_code)
    values (${ids.entry}, ${ids.list}, ${e}, '词表测试企业有限公司', '91320583MA0VOC0001', '320583')`);
  await db.execute(sql`insert into objections (id, list_id, entry_id, contact_name, contact_phone, reason)
    values (${ids.objection}, ${ids.list}, ${ids.entry}, '李四', '13800000002', '异议')`);
  await db.execute(sql`insert into recognitions (id, enterprise_id, kind, title, source, issuer, valid_from, valid_to)
    values (${ids.recognition}, ${e}, 'innovative', '创新型中小企业', 'announcement', '苏州市工信局', now(), now())`);
  await db.execute(sql`insert into quality_scores (id, enterprise_id, year, score, source_type, source)
    values (${ids.quality}, ${e}, 2099, 55, 'entry', '录入')`);
  const [ev] = (await rows(
    sql`insert into enterprise_events (enterprise_id, event) values (${e}, 'entered') returning id`,
  )) as { id: number | string }[];
  eventId = Number(ev!.id);
  await db.execute(sql`insert into clearances (id, campaign_id, enterprise_id, city_code, county_code, reason)
    values (${ids.clearance}, ${ids.campaign}, ${e}, '320500', '320583', '未按期更新')`);
  await db.execute(sql`insert into update_obligations (campaign_id, enterprise_id, city_code, county_code, reason)
    values (${ids.campaign}, ${e}, '320500', '320583', 'in_db')`);
  const [m] = (await rows(
    sql`insert into sms_messages (provider, mobile, template, body, purpose, status)
      values ('outbox', '13800000001', 'sms_test', '测试', 'test', 'sent') returning id`,
  )) as { id: number | string }[];
  smsId = Number(m!.id);
});
afterAll(async () => {
  await t.close();
});

async function rows(query: ReturnType<typeof sql>): Promise<unknown[]> {
  const result = (await t.ctx.db.execute(query)) as unknown as { rows?: unknown[] } | unknown[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

/** The constraint a PostgreSQL check violation (23514) names, looking through driver wrappers; else null. */
function checkViolation(err: unknown): string | null {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const o = e as { code?: unknown; constraint?: unknown; message?: unknown; cause?: unknown };
    if (o.code === '23514') {
      if (typeof o.constraint === 'string') return o.constraint;
      const m = typeof o.message === 'string' ? /constraint "([^"]+)"/.exec(o.message) : null;
      return m?.[1] ?? 'unknown';
    }
    e = o.cause;
  }
  return null;
}

interface Column {
  table: string;
  column: string;
  /** The row to write to. */
  where: () => ReturnType<typeof sql>;
  values: readonly string[];
}

const byId = (id: () => string | number) => () => sql`id = ${id()}`;
const COLUMNS: Column[] = [
  { table: 'enterprises', column: 'db_status', where: byId(() => ids.enterprise), values: DB_STATUSES },
  { table: 'users', column: 'role', where: byId(() => ids.user), values: ROLES },
  { table: 'users', column: 'status', where: byId(() => ids.user), values: USER_STATUSES },
  { table: 'sms_messages', column: 'purpose', where: byId(() => smsId), values: SMS_PURPOSES },
  { table: 'sms_messages', column: 'status', where: byId(() => smsId), values: SMS_STATUSES },
  { table: 'filings', column: 'kind', where: byId(() => ids.filing), values: FILING_KINDS },
  { table: 'filings', column: 'status', where: byId(() => ids.filing), values: FILING_STATUSES },
  {
    table: 'filing_history',
    column: 'action',
    where: byId(() => historyId),
    values: [...ENTERPRISE_HISTORY_ACTIONS, ...REVIEW_ACTIONS],
  },
  { table: 'filing_history', column: 'level', where: byId(() => historyId), values: HISTORY_LEVELS },
  { table: 'filing_history', column: 'actor_role', where: byId(() => historyId), values: ROLES },
  { table: 'filing_history', column: 'from_status', where: byId(() => historyId), values: FILING_STATUSES },
  { table: 'filing_history', column: 'to_status', where: byId(() => historyId), values: FILING_STATUSES },
  {
    table: 'campaign_extensions',
    column: 'level',
    where: byId(() => ids.extension),
    values: EXTENSION_LEVELS,
  },
  { table: 'recognition_lists', column: 'kind', where: byId(() => ids.list), values: LIST_KINDS },
  { table: 'recognition_lists', column: 'status', where: byId(() => ids.list), values: LIST_STATUSES },
  { table: 'recognition_list_entries', column: 'state', where: byId(() => ids.entry), values: ENTRY_STATES },
  { table: 'objections', column: 'status', where: byId(() => ids.objection), values: OBJECTION_STATUSES },
  { table: 'recognitions', column: 'kind', where: byId(() => ids.recognition), values: RECOGNITION_KINDS },
  {
    table: 'recognitions',
    column: 'source',
    where: byId(() => ids.recognition),
    values: RECOGNITION_SOURCES,
  },
  {
    table: 'recognitions',
    column: 'status',
    where: byId(() => ids.recognition),
    values: RECOGNITION_STATUSES,
  },
  {
    table: 'quality_scores',
    column: 'source_type',
    where: byId(() => ids.quality),
    values: QUALITY_SOURCE_TYPES,
  },
  { table: 'enterprise_events', column: 'event', where: byId(() => eventId), values: ENTERPRISE_EVENTS },
  {
    table: 'clearances',
    column: 'status',
    where: byId(() => ids.clearance),
    values: STORED_CLEARANCE_STATUSES,
  },
  { table: 'clearances', column: 'appeal_status', where: byId(() => ids.clearance), values: APPEAL_STATUSES },
  {
    table: 'update_obligations',
    column: 'reason',
    where: () => sql`campaign_id = ${ids.campaign} and enterprise_id = ${ids.enterprise}`,
    values: OBLIGATION_REASONS,
  },
];

async function write(c: Column, value: string): Promise<void> {
  await t.ctx.db.execute(
    sql`update ${sql.identifier(c.table)} set ${sql.identifier(c.column)} = ${value} where ${c.where()}`,
  );
}

describe('closed-vocabulary columns (CHECK constraints, ADR 0033)', () => {
  it.each(COLUMNS.map((c) => [`${c.table}.${c.column}`, c] as const))(
    '%s accepts every value of its list and refuses any other',
    async (_name, c) => {
      for (const v of c.values) await write(c, v);
      const [stored] = (await rows(
        sql`select ${sql.identifier(c.column)} as v from ${sql.identifier(c.table)} where ${c.where()}`,
      )) as { v: string }[];
      expect(stored!.v).toBe(c.values.at(-1));
      for (const bad of ['not_a_value', c.values[0]!.toUpperCase(), '']) {
        const err = await write(c, bad).then(
          () => null,
          (e: unknown) => e,
        );
        expect(checkViolation(err), `${c.table}.${c.column} = '${bad}'`).toBe(`${c.table}_${c.column}_ck`);
      }
      const [after] = (await rows(
        sql`select ${sql.identifier(c.column)} as v from ${sql.identifier(c.table)} where ${c.where()}`,
      )) as { v: string }[];
      expect(after!.v).toBe(c.values.at(-1));
    },
  );

  it('refuses an out-of-vocabulary value on insert too (a filing of an unknown kind)', async () => {
    const err = await t.ctx.db
      .execute(
        sql`insert into filings (enterprise_id, campaign_id, kind, enterprise_name, uscc)
          values (${ids.enterprise}, ${ids.campaign}, 'bogus_kind', '词表测试企业有限公司', '91320583MA0VOC0001')`,
      )
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(checkViolation(err)).toBe('filings_kind_ck');
  });

  it('every CHECK constraint on a closed vocabulary is exercised above', async () => {
    const found = (await rows(
      sql`select conname from pg_constraint where contype = 'c' and connamespace = 'public'::regnamespace`,
    )) as { conname: string }[];
    const tested = COLUMNS.map((c) => `${c.table}_${c.column}_ck`).sort();
    expect(found.map((r) => r.conname).sort()).toEqual(tested);
  });
});
