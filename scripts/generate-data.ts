/**
 * Synthetic data for benchmarks (issue #7): enterprises across Jiangsu's regions, their users, three yearly
 * campaigns of filings (新增入库 then 数据更新) with sections, snapshots, history, attachment records and
 * recognitions, and one reviewer account per county and city.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1/bench_x node --import tsx scripts/generate-data.ts [--enterprises N] [--filings N]
 *   DATA_DIR=./data-bench node --import tsx scripts/generate-data.ts --enterprises 10000   (embedded PGlite)
 *
 * Defaults: 100,000 enterprises (about 175,000 filings). `--filings 1000000` generates enterprises until a million
 * filings exist (about 570,000 enterprises), the national-size run. Migrations are applied through the app's own
 * openDatabase(). Rows go in with `INSERT … SELECT … FROM unnest($1::text[], …)` in batches (no per-row SQL):
 * the bulky JSON (sections, snapshots) is built inside the database from a few templates passed once per batch.
 *
 * Also a library: `generateData(db, options)` takes anything with a pg-like `query(text, params)` (the app's
 * Database on PostgreSQL or on PGlite), which is how the integration test and the benchmarks call it.
 *
 * Statuses (the schema's names): draft (not submitted), county_review (submitted, at the county),
 * city_review (county approved), approved (city approved), returned, refused, withdrawn. The current campaign
 * (whose filing window is open at `now`) holds the live review queues; earlier campaigns are mostly settled.
 */
import crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { assess } from '../src/server/modules/filings/rules';
import { hashPassword } from '../src/server/services/passwords';
import { requiredSlotKeys } from '../src/shared/filing/attachments';
import { sampleSections } from '../src/shared/filing/fixtures';
import { allCounties, cities, type County } from '../src/shared/regions';
import { orgCodeCheckChar, USCC_ALPHABET, usccCheckChar } from '../src/shared/rules/uscc';
import { FILING_STATUSES, type FilingStatus, type SectionKey } from '../src/shared/schemas/filing-api';

/** Anything that runs SQL with positional parameters and returns rows (the app's Database, a pg Pool wrapper). */
export interface SqlRunner {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface GenerateOptions {
  /** Enterprises to create (default 100,000 unless `filings` is given). */
  enterprises?: number;
  /** Create enterprises until this many filings exist (overrides `enterprises` as the stopping rule). */
  filings?: number;
  /** The time the data is "as of": the current campaign's filing window is open at this moment. */
  now?: Date;
  /** PRNG seed (the same seed gives the same data apart from UUIDs and timestamps of the run). */
  seed?: number;
  /** Filings per INSERT batch (default 5000). */
  batchSize?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /**
   * Drop the secondary indexes of the bulk-loaded tables before loading and rebuild them afterwards (the usual
   * bulk-load technique: one sorted build instead of per-row maintenance). Default: on for 20,000 enterprises or
   * more. Primary keys stay (foreign keys need them); the definitions are read back from pg_indexes.
   */
  rebuildIndexes?: boolean;
}

export interface GenerateResult {
  campaigns: { id: string; year: number; current: boolean }[];
  enterprises: number;
  users: number;
  filings: number;
  sections: number;
  history: number;
  files: number;
  attachments: number;
  recognitions: number;
  byStatus: Record<string, number>;
  byCity: Record<string, number>;
  /** Reviewer accounts: county code → user id, city code → user id, and the province user. */
  reviewers: { county: Record<string, string>; city: Record<string, string>; province: string };
  seconds: number;
  rowsPerSecond: number;
}

export const SECTION_ORDER: SectionKey[] = [
  'basic',
  'products',
  'operations',
  'innovation',
  'recognitions',
  'attachments',
];

// ------------------------------------------------------------------ randomness and names

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickWeighted<T>(rand: () => number, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = rand() * total;
  for (let i = 0; i < items.length; i++) {
    x -= weights[i]!;
    if (x < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

/** Rough share of Jiangsu's SMEs per 设区市 (by the size of the local economy). */
const CITY_WEIGHTS: Record<string, number> = {
  '320100': 10, // 南京
  '320200': 12, // 无锡
  '320300': 6, // 徐州
  '320400': 9, // 常州
  '320500': 22, // 苏州
  '320600': 9, // 南通
  '320700': 3, // 连云港
  '320800': 4, // 淮安
  '320900': 6, // 盐城
  '321000': 6, // 扬州
  '321100': 4, // 镇江
  '321200': 6, // 泰州
  '321300': 3, // 宿迁
};

const COUNTY_KIND_WEIGHT: Record<string, number> = {
  county_city: 1.6,
  district: 1,
  county: 0.7,
  dev_zone: 0,
};

const BRANDS = [
  '恒瑞',
  '华信',
  '精工',
  '博远',
  '瑞丰',
  '天成',
  '鼎盛',
  '宏达',
  '中科',
  '新锐',
  '汇智',
  '金桥',
  '东方',
  '长江',
  '太湖',
  '明德',
  '正泰',
  '永盛',
  '嘉禾',
  '兴业',
  '科创',
  '德润',
  '凯达',
  '润泽',
  '华通',
  '宇航',
  '海纳',
  '启明',
  '同创',
  '卓越',
  '晨光',
  '盛世',
  '云帆',
  '联创',
  '鑫源',
  '弘毅',
  '昊天',
  '众诚',
  '亿达',
  '安和',
] as const;

/** Manufacturing lines (GB/T 4754-2017 小类) typical of Jiangsu SMEs, with the trade word used in names. */
const INDUSTRIES: readonly { code: string; word: string }[] = [
  { code: 'C3421', word: '精密机械' },
  { code: 'C3484', word: '机械零部件' },
  { code: 'C3670', word: '汽车零部件' },
  { code: 'C3985', word: '电子元件' },
  { code: 'C3563', word: '电子设备' },
  { code: 'C2651', word: '新材料' },
  { code: 'C2929', word: '塑胶制品' },
  { code: 'C3824', word: '电气' },
  { code: 'C2710', word: '医药' },
  { code: 'C1752', word: '纺织科技' },
  { code: 'C3311', word: '钢结构' },
  { code: 'C3911', word: '智能科技' },
];

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国晓燕志红';

function shortCountyName(c: County): string {
  const n = c.name;
  return n.length > 2 && /[市区县]$/.test(n) ? n.slice(0, -1) : n;
}

/** A valid enterprise credit code (prefix 91) registered in `regionCode`, distinct per n (n < 31^6). */
export function generatedUscc(regionCode: string, n: number): string {
  let body = '';
  let x = n;
  for (let i = 0; i < 6; i++) {
    body = USCC_ALPHABET[x % 31] + body;
    x = Math.floor(x / 31);
  }
  // "MB" keeps generated codes apart from the test personas' ("MA…").
  const body8 = `MB${body}`;
  const first17 = `91${regionCode}${body8}${orgCodeCheckChar(body8)}`;
  return first17 + usccCheckChar(first17);
}

/** Unambiguous characters, as the app's verification codes. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
function verificationCode(n: number, salt: string): string {
  let s = '';
  let x = n;
  for (let i = 0; i < 7; i++) {
    s = CODE_ALPHABET[x % CODE_ALPHABET.length] + s;
    x = Math.floor(x / CODE_ALPHABET.length);
  }
  return `${salt}${s}`; // 5 + 7 = 12 characters
}

// ------------------------------------------------------------------ campaigns and templates

interface CampaignRow {
  id: string;
  year: number;
  current: boolean;
  opensAt: Date;
  closesAt: Date;
}

const DAY = 86_400_000;

function campaignDates(year: number, current: boolean, now: Date) {
  if (current) {
    // The current round is open now: the benchmarks save, submit and approve in it.
    return {
      filingOpensAt: new Date(now.getTime() - 40 * DAY),
      filingClosesAt: new Date(now.getTime() + 30 * DAY),
      countyReviewDeadline: new Date(now.getTime() + 50 * DAY),
      cityReviewDeadline: new Date(now.getTime() + 70 * DAY),
      listDeadline: new Date(now.getTime() + 100 * DAY),
    };
  }
  const at = (m: number, d: number) =>
    new Date(`${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T16:00:00+08:00`);
  return {
    filingOpensAt: at(3, 1),
    filingClosesAt: at(4, 30),
    countyReviewDeadline: at(5, 31),
    cityReviewDeadline: at(6, 30),
    listDeadline: at(7, 31),
  };
}

interface Template {
  sections: Record<string, unknown>;
  assessment: Record<string, unknown>;
  slots: string[];
}

/** One template per campaign year and IP-row count (1–3 rows of 知识产权, as innovation.ipItems stores them). */
function buildTemplates(campaignYears: number[], now: Date): Template[] {
  const out: Template[] = [];
  for (const year of campaignYears) {
    for (let ip = 1; ip <= 3; ip++) {
      const sections = sampleSections({ campaignYear: year }) as unknown as Record<
        string,
        Record<string, unknown>
      >;
      const innovation = sections.innovation!;
      innovation.ipItems = (innovation.ipItems as unknown[]).slice(0, ip);
      const ctx = { campaignYear: year, asOf: now.toISOString().slice(0, 10), kind: 'entry' as const };
      const assessed = assess(sections as never, ctx, 'innovative-sme-2022');
      const slots = requiredSlotKeys(ctx, {
        ipItemCount: ip,
        directConditions: [{ met: assessed.directMet }],
      });
      out.push({ sections, assessment: assessed.assessment, slots });
    }
  }
  return out;
}

// ------------------------------------------------------------------ the plan

type Status = FilingStatus;

const PAST_STATUSES: Status[] = ['approved', 'refused', 'returned', 'withdrawn', 'draft'];
const PAST_WEIGHTS = [72, 8, 5, 3, 12];
const CURRENT_STATUSES: readonly Status[] = FILING_STATUSES;
// In FILING_STATUSES order: draft, county_review, city_review, approved, returned, refused, withdrawn.
const CURRENT_WEIGHTS = [22, 33, 15, 14, 10, 4, 2];

interface PlannedFiling {
  id: string;
  campaignIdx: number;
  kind: 'entry' | 'update';
  status: Status;
}

function planEnterprise(rand: () => number): PlannedFiling[] {
  const r = rand();
  const first = r < 0.45 ? 0 : r < 0.75 ? 1 : 2;
  const out: PlannedFiling[] = [];
  let inDb = false;
  for (let ci = first; ci <= 2; ci++) {
    const current = ci === 2;
    const kind = inDb ? 'update' : 'entry';
    // An enterprise whose entry failed tries again the next year about half the time.
    if (!inDb && ci > first && rand() < 0.5) continue;
    const status = current
      ? pickWeighted(rand, CURRENT_STATUSES, CURRENT_WEIGHTS)
      : pickWeighted(rand, PAST_STATUSES, PAST_WEIGHTS);
    out.push({ id: crypto.randomUUID(), campaignIdx: ci, kind, status });
    if (status === 'approved') inDb = true;
  }
  return out;
}

/** The history a filing in `status` went through (actions, levels, from → to). */
function historyOf(status: Status): { action: string; level: string; from: string | null; to: string }[] {
  const create = { action: 'create', level: 'enterprise', from: null, to: 'draft' };
  const submit = { action: 'submit', level: 'enterprise', from: 'draft', to: 'county_review' };
  const countyOk = { action: 'county_approve', level: 'county', from: 'county_review', to: 'city_review' };
  switch (status) {
    case 'draft':
      return [create];
    case 'county_review':
      return [create, submit];
    case 'city_review':
      return [create, submit, countyOk];
    case 'approved':
      return [
        create,
        submit,
        countyOk,
        { action: 'city_approve', level: 'city', from: 'city_review', to: 'approved' },
      ];
    case 'returned':
      return [
        create,
        submit,
        { action: 'county_return', level: 'county', from: 'county_review', to: 'returned' },
      ];
    case 'refused':
      return [create, submit, { action: 'refuse', level: 'county', from: 'county_review', to: 'refused' }];
    case 'withdrawn':
      return [
        create,
        submit,
        { action: 'withdraw', level: 'enterprise', from: 'county_review', to: 'withdrawn' },
      ];
  }
}

// ------------------------------------------------------------------ SQL

const INSERT_ENTERPRISES = `
insert into enterprises (id, name, uscc, contact_name, contact_mobile, county_code, city_code, db_status, created_at, updated_at)
select id, name, uscc, contact_name, contact_mobile, county_code, city_code, 'none', created_at, created_at
from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
  as t(id, name, uscc, contact_name, contact_mobile, county_code, city_code, created_at)`;

// The accounts' passwords are set today (now()), not at the enterprise's creation: in production mode the password
// expiry (ADR 0023) would otherwise refuse every request of an account older than 90 days with PASSWORD_EXPIRED.
const INSERT_USERS = `
insert into users (username, password_hash, role, enterprise_id, display_name, mobile, created_at, password_changed_at)
select 'qy' || lower(e.uscc), $2, 'enterprise', e.id, e.name, e.contact_mobile, e.created_at, now()
from enterprises e where e.id = any($1::uuid[])`;

/**
 * Filings with their snapshot (submitted ones) built from the template: the basic section gets the enterprise's
 * name, code, region and industry; the attachment list names deterministic file ids (md5(filing id, slot)).
 */
const INSERT_FILINGS = `
with f as (
  select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[],
                       $9::text[], $10::text[], $11::text[], $12::text[], $13::int[], $14::bool[], $15::bool[],
                       $16::timestamptz[], $17::timestamptz[], $18::timestamptz[], $19::timestamptz[], $20::timestamptz[],
                       $21::text[], $22::int[], $23::int[], $24::text[])
    as t(id, enterprise_id, campaign_id, kind, status, status_version, county_code, city_code, name, uscc, industry,
         sme_size, score, direct_met, qualified, submitted_at, county_viewed_at, city_viewed_at, last_action_at,
         created_at, verification_code, tpl, fiscal_year, return_reason)
), tpl as (
  select (idx - 1)::int as idx, value as t from jsonb_array_elements($25::jsonb) with ordinality as x(value, idx)
)
insert into filings (id, enterprise_id, campaign_id, kind, status, status_version, county_code, city_code,
  enterprise_name, uscc, industry_code, sme_size, score_total, direct_met, qualified, standard_id, snapshot,
  return_info, verification_code, submitted_at, county_viewed_at, city_viewed_at, last_action_at, created_at, updated_at)
select f.id, f.enterprise_id, f.campaign_id, f.kind, f.status, f.status_version,
  case when f.submitted_at is null then null else f.county_code end,
  case when f.submitted_at is null then null else f.city_code end,
  f.name, f.uscc,
  case when f.submitted_at is null then null else f.industry end,
  case when f.submitted_at is null then null else f.sme_size end,
  case when f.submitted_at is null then null else f.score end,
  case when f.submitted_at is null then null else f.direct_met end,
  case when f.submitted_at is null then null else f.qualified end,
  'innovative-sme-2022',
  case when f.submitted_at is null then null else jsonb_build_object(
    'sections', (tpl.t->'sections') || jsonb_build_object('basic', (tpl.t->'sections'->'basic') || jsonb_build_object(
        'enterpriseName', f.name, 'uscc', f.uscc, 'countyCode', f.county_code, 'cityCode', f.city_code,
        'industryCode', f.industry)),
    'attachments', (select jsonb_agg(jsonb_build_object('slot', s.slot, 'fileId', md5(f.id::text || s.slot)::uuid,
        'name', s.slot || '.pdf', 'mimeType', 'application/pdf', 'sizeBytes', $26::int, 'sha256', $27::text))
        from jsonb_array_elements_text(tpl.t->'slots') as s(slot)),
    'assessment', tpl.t->'assessment',
    'standardId', 'innovative-sme-2022',
    'fiscalYear', f.fiscal_year,
    'submittedAt', to_char(f.submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'verificationCode', f.verification_code,
    'countyCode', f.county_code,
    'cityCode', f.city_code) end,
  case when f.return_reason is null then null else jsonb_build_object('reason', f.return_reason, 'level', 'county',
    'at', to_char(f.last_action_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'sections', jsonb_build_array(jsonb_build_object('section', 'operations',
      'fields', jsonb_build_object('years.' || f.fiscal_year || '.rdExpense', '研发费用与审计报告不一致，请核对')))) end,
  case when f.submitted_at is null then null else f.verification_code end,
  f.submitted_at, f.county_viewed_at, f.city_viewed_at, f.last_action_at, f.created_at, f.last_action_at
from f join tpl on tpl.idx = f.tpl`;

/** One file row per required slot of each filing that has its attachments (no bytes: one tiny shared object). */
const INSERT_FILES = `
with f as (
  select * from unnest($1::uuid[], $2::uuid[], $3::int[], $4::timestamptz[]) as t(id, enterprise_id, tpl, created_at)
), tpl as (
  select (idx - 1)::int as idx, value as t from jsonb_array_elements($5::jsonb) with ordinality as x(value, idx)
), ins as (
  insert into files (id, storage_key, enterprise_id, purpose, original_name, mime_type, size_bytes, sha256, created_at)
  select md5(f.id::text || s.slot)::uuid, $6, f.enterprise_id, 'attachment', s.slot || '.pdf', 'application/pdf',
    $7::int, $8, f.created_at
  from f join tpl on tpl.idx = f.tpl cross join lateral jsonb_array_elements_text(tpl.t->'slots') as s(slot)
  returning id
)
insert into filing_attachments (id, filing_id, slot, file_id, created_at)
select md5('fa' || f.id::text || s.slot)::uuid, f.id, s.slot, md5(f.id::text || s.slot)::uuid, f.created_at
from f join tpl on tpl.idx = f.tpl cross join lateral jsonb_array_elements_text(tpl.t->'slots') as s(slot)`;

/** The six sections of each filing, from the template (basic personalised), all complete and valid. */
const INSERT_SECTIONS = `
with f as (
  select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[],
                       $8::int[], $9::timestamptz[])
    as t(id, name, uscc, county_code, city_code, industry, tpl, version, updated_at)
), tpl as (
  select (idx - 1)::int as idx, value as t from jsonb_array_elements($10::jsonb) with ordinality as x(value, idx)
)
insert into filing_sections (filing_id, section, data, version, complete, valid, updated_at)
select f.id, k.key,
  case when k.key = 'basic' then (tpl.t->'sections'->'basic') || jsonb_build_object('enterpriseName', f.name,
      'uscc', f.uscc, 'countyCode', f.county_code, 'cityCode', f.city_code, 'industryCode', f.industry)
    else tpl.t->'sections'->k.key end,
  f.version, true, true, f.updated_at
from f join tpl on tpl.idx = f.tpl
cross join unnest($11::text[]) as k(key)`;

const INSERT_HISTORY = `
insert into filing_history (filing_id, at, action, actor_role, actor_name, level, from_status, to_status, reason)
select filing_id, at, action, actor_role, actor_name, level, from_status, to_status, reason
from unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
  as t(filing_id, at, action, actor_role, actor_name, level, from_status, to_status, reason)`;

const INSERT_RECOGNITIONS = `
insert into recognitions (enterprise_id, kind, title, source, issuer, document_no, valid_from, valid_to, status, created_at)
select enterprise_id, kind, title, source, issuer, document_no, valid_from, valid_to, 'valid', valid_from
from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[])
  as t(enterprise_id, kind, title, source, issuer, document_no, valid_from, valid_to)`;

/** Column arrays of one batch, by name. */
class Columns {
  private readonly cols = new Map<string, unknown[]>();
  push(row: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(row)) {
      let a = this.cols.get(k);
      if (!a) this.cols.set(k, (a = []));
      a.push(v);
    }
  }
  get(k: string): unknown[] {
    return this.cols.get(k) ?? [];
  }
  get size(): number {
    return this.cols.values().next().value?.length ?? 0;
  }
  clear(): void {
    this.cols.clear();
  }
}

const TINY_FILE = Buffer.from('%PDF-1.4\n% generated placeholder\n%%EOF\n');
const TINY_SHA = crypto.createHash('sha256').update(TINY_FILE).digest('hex');
export const GENERATED_STORAGE_KEY = 'generated/placeholder.pdf';

// ------------------------------------------------------------------ the generator

/** Tables the generator fills in bulk. Users keep their indexes (the username index guards uniqueness). */
const BULK_TABLES = [
  'enterprises',
  'filings',
  'filing_sections',
  'filing_history',
  'files',
  'filing_attachments',
  'recognitions',
];

/** Drops the non-primary-key indexes of the bulk tables and returns their CREATE INDEX statements. */
async function dropSecondaryIndexes(db: SqlRunner): Promise<string[]> {
  const rows = await db.query<{ name: string; def: string }>(
    `select i.indexname as name, i.indexdef as def from pg_indexes i
     where i.schemaname = current_schema() and i.tablename = any($1::text[])
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [BULK_TABLES],
  );
  for (const r of rows) await db.query(`drop index if exists "${r.name}"`);
  return rows.map((r) => r.def);
}

export async function generateData(db: SqlRunner, opts: GenerateOptions = {}): Promise<GenerateResult> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const now = opts.now ?? new Date();
  const rand = mulberry32(opts.seed ?? 20260701);
  const batchSize = opts.batchSize ?? 5000;
  const targetFilings = opts.filings;
  const targetEnterprises = opts.enterprises ?? (targetFilings ? Number.POSITIVE_INFINITY : 100_000);

  // Campaigns: the current year (open now) and the two before. Existing rows of those years are reused.
  const currentYear = Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 4));
  const years = [currentYear - 2, currentYear - 1, currentYear];
  const campaigns: CampaignRow[] = [];
  for (const year of years) {
    const current = year === currentYear;
    const d = campaignDates(year, current, now);
    const [row] = await db.query<{ id: string }>(
      `insert into campaigns (year, name, kinds_open, filing_opens_at, filing_closes_at, county_review_deadline,
         city_review_deadline, list_deadline, standard_id)
       values ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, 'innovative-sme-2022')
       on conflict (year) do update set filing_opens_at = excluded.filing_opens_at,
         filing_closes_at = excluded.filing_closes_at, county_review_deadline = excluded.county_review_deadline,
         city_review_deadline = excluded.city_review_deadline, list_deadline = excluded.list_deadline
       returning id`,
      [
        year,
        `${year}年度优质中小企业梯度培育（创新型中小企业）`,
        JSON.stringify(['entry', 'update']),
        d.filingOpensAt,
        d.filingClosesAt,
        d.countyReviewDeadline,
        d.cityReviewDeadline,
        d.listDeadline,
      ],
    );
    campaigns.push({ id: row!.id, year, current, opensAt: d.filingOpensAt, closesAt: d.filingClosesAt });
  }
  const templates = buildTemplates(years, now);
  const templatesJson = JSON.stringify(templates);

  // Regions, weighted.
  const counties = allCounties().filter((c) => (COUNTY_KIND_WEIGHT[c.kind] ?? 0) > 0);
  const countyWeights = counties.map((c) => {
    const inCity = counties.filter((x) => x.cityCode === c.cityCode);
    const cityTotal = inCity.reduce((a, x) => a + COUNTY_KIND_WEIGHT[x.kind]!, 0);
    return ((CITY_WEIGHTS[c.cityCode] ?? 1) * COUNTY_KIND_WEIGHT[c.kind]!) / cityTotal;
  });
  const cityName = new Map(cities().map((c) => [c.code, c.name]));

  // Reviewer accounts (one per county and city, one province account): bench_county_<code> etc.
  const passwordHash = await hashPassword('Bench@2026js');
  const reviewers: GenerateResult['reviewers'] = { county: {}, city: {}, province: '' };
  const govRows: { username: string; role: string; region: string; name: string }[] = [
    ...counties.map((c) => ({
      username: `bench_county_${c.code}`,
      role: 'county_reviewer',
      region: c.code,
      name: `${shortCountyName(c)}工信局审核员`,
    })),
    ...cities().map((c) => ({
      username: `bench_city_${c.code}`,
      role: 'city_reviewer',
      region: c.code,
      name: `${c.name}工信局审核员`,
    })),
    { username: 'bench_province', role: 'province', region: '320000', name: '江苏省工信厅中小企业局' },
  ];
  await db.query(
    `insert into users (username, password_hash, role, region_code, display_name)
     select u, $5, r, g, n from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as t(u, r, g, n)
     on conflict do nothing`,
    [
      govRows.map((g) => g.username),
      govRows.map((g) => g.role),
      govRows.map((g) => g.region),
      govRows.map((g) => g.name),
      passwordHash,
    ],
  );
  const govIds = await db.query<{ id: string; username: string; role: string; region_code: string }>(
    `select id, username, role, region_code from users where username = any($1::text[])`,
    [govRows.map((g) => g.username)],
  );
  for (const g of govIds) {
    if (g.role === 'county_reviewer') reviewers.county[g.region_code] = g.id;
    else if (g.role === 'city_reviewer') reviewers.city[g.region_code] = g.id;
    else reviewers.province = g.id;
  }

  // Continue numbering after any enterprises already generated (credit codes stay unique across runs).
  const [{ n: existing } = { n: 0 }] = await db.query<{ n: number }>(
    `select count(*)::int as n from enterprises where uscc like '91______MB%'`,
  );

  const counts = {
    enterprises: 0,
    users: 0,
    filings: 0,
    sections: 0,
    history: 0,
    files: 0,
    attachments: 0,
    recognitions: 0,
  };
  const byStatus: Record<string, number> = {};
  const byCity: Record<string, number> = {};

  const rebuild = opts.rebuildIndexes ?? (targetFilings ?? targetEnterprises) >= 20_000;
  const dropped = rebuild ? await dropSecondaryIndexes(db) : [];
  if (dropped.length > 0) log(`  dropped ${dropped.length} secondary indexes for the load`);

  const ent = new Columns();
  const fil = new Columns();
  const sec = new Columns();
  const att = new Columns();
  const his = new Columns();
  const rec = new Columns();

  const flush = async () => {
    if (ent.size > 0) {
      await db.query(INSERT_ENTERPRISES, [
        ent.get('id'),
        ent.get('name'),
        ent.get('uscc'),
        ent.get('contactName'),
        ent.get('mobile'),
        ent.get('county'),
        ent.get('city'),
        ent.get('createdAt'),
      ]);
      await db.query(INSERT_USERS, [ent.get('id'), passwordHash]);
      counts.enterprises += ent.size;
      counts.users += ent.size;
    }
    if (fil.size > 0) {
      await db.query(INSERT_FILINGS, [
        fil.get('id'),
        fil.get('enterpriseId'),
        fil.get('campaignId'),
        fil.get('kind'),
        fil.get('status'),
        fil.get('statusVersion'),
        fil.get('county'),
        fil.get('city'),
        fil.get('name'),
        fil.get('uscc'),
        fil.get('industry'),
        fil.get('smeSize'),
        fil.get('score'),
        fil.get('directMet'),
        fil.get('qualified'),
        fil.get('submittedAt'),
        fil.get('countyViewedAt'),
        fil.get('cityViewedAt'),
        fil.get('lastActionAt'),
        fil.get('createdAt'),
        fil.get('code'),
        fil.get('tpl'),
        fil.get('fiscalYear'),
        fil.get('returnReason'),
        templatesJson,
        TINY_FILE.length,
        TINY_SHA,
      ]);
      counts.filings += fil.size;
    }
    if (att.size > 0) {
      const slotsPer = att.get('tpl').reduce<number>((a, t) => a + templates[t as number]!.slots.length, 0);
      await db.query(INSERT_FILES, [
        att.get('id'),
        att.get('enterpriseId'),
        att.get('tpl'),
        att.get('createdAt'),
        templatesJson,
        GENERATED_STORAGE_KEY,
        TINY_FILE.length,
        TINY_SHA,
      ]);
      counts.files += slotsPer;
      counts.attachments += slotsPer;
    }
    if (sec.size > 0) {
      await db.query(INSERT_SECTIONS, [
        sec.get('id'),
        sec.get('name'),
        sec.get('uscc'),
        sec.get('county'),
        sec.get('city'),
        sec.get('industry'),
        sec.get('tpl'),
        sec.get('version'),
        sec.get('updatedAt'),
        templatesJson,
        SECTION_ORDER,
      ]);
      counts.sections += sec.size * SECTION_ORDER.length;
    }
    if (his.size > 0) {
      await db.query(INSERT_HISTORY, [
        his.get('filingId'),
        his.get('at'),
        his.get('action'),
        his.get('role'),
        his.get('actor'),
        his.get('level'),
        his.get('from'),
        his.get('to'),
        his.get('reason'),
      ]);
      counts.history += his.size;
    }
    if (rec.size > 0) {
      await db.query(INSERT_RECOGNITIONS, [
        rec.get('enterpriseId'),
        rec.get('kind'),
        rec.get('title'),
        rec.get('source'),
        rec.get('issuer'),
        rec.get('documentNo'),
        rec.get('validFrom'),
        rec.get('validTo'),
      ]);
      counts.recognitions += rec.size;
    }
    for (const c of [ent, fil, sec, att, his, rec]) c.clear();
  };

  try {
    let lastLog = Date.now();
    let e = 0;
    let filingNo = 0;
    const codeSalt = crypto.randomBytes(4).readUInt32BE() % 28_629_151; // 31^5
    const salt = verificationCode(codeSalt, '').slice(-5);
    for (;;) {
      if (e >= targetEnterprises) break;
      if (targetFilings !== undefined && counts.filings + fil.size >= targetFilings) break;
      const n = existing + e;
      e += 1;
      const county = pickWeighted(rand, counties, countyWeights);
      const industry = INDUSTRIES[Math.floor(rand() * INDUSTRIES.length)]!;
      const brand = BRANDS[Math.floor(rand() * BRANDS.length)]!;
      const name = `${shortCountyName(county)}${brand}${industry.word}有限公司`;
      const uscc = generatedUscc(county.code, n);
      const enterpriseId = crypto.randomUUID();
      const mobile = `13${String(100_000_000 + ((n * 7919) % 900_000_000)).slice(0, 9)}`;
      const contactName =
        SURNAMES[Math.floor(rand() * SURNAMES.length)]! + GIVEN[Math.floor(rand() * GIVEN.length)]!;
      const createdAt = new Date(campaigns[0]!.opensAt.getTime() - Math.floor(rand() * 700) * DAY);
      ent.push({
        id: enterpriseId,
        name,
        uscc,
        contactName,
        mobile,
        county: county.code,
        city: county.cityCode,
        createdAt,
      });

      let approvedEntryAt: Date | null = null;
      let lastFilingYear = 0;
      for (const p of planEnterprise(rand)) {
        if (targetFilings !== undefined && counts.filings + fil.size >= targetFilings) break;
        const campaign = campaigns[p.campaignIdx]!;
        const windowEnd = campaign.current ? now.getTime() - 3600_000 : campaign.closesAt.getTime();
        const span = windowEnd - campaign.opensAt.getTime();
        const createdAtF = new Date(campaign.opensAt.getTime() + Math.floor(rand() * span * 0.6));
        const submitted = p.status !== 'draft';
        const submittedAt = submitted
          ? new Date(createdAtF.getTime() + Math.floor(rand() * (windowEnd - createdAtF.getTime())))
          : null;
        const steps = historyOf(p.status);
        const reviewEnd = campaign.current ? now.getTime() - 60_000 : campaign.closesAt.getTime() + 55 * DAY;
        const times: Date[] = [createdAtF];
        if (submittedAt) times.push(submittedAt);
        for (let i = times.length; i < steps.length; i++) {
          const prev = times[i - 1]!.getTime();
          times.push(new Date(prev + Math.floor(rand() * Math.max(60_000, (reviewEnd - prev) * 0.5))));
        }
        const lastAt = times[times.length - 1]!;
        const viewedCounty =
          p.status !== 'draft' && p.status !== 'withdrawn' && (p.status !== 'county_review' || rand() < 0.5);
        const viewedCity = p.status === 'approved' || (p.status === 'city_review' && rand() < 0.5);
        const tpl = p.campaignIdx * 3 + Math.floor(rand() * 3);
        const score = 35 + Math.floor(rand() * 61);
        filingNo += 1;
        fil.push({
          id: p.id,
          enterpriseId,
          campaignId: campaign.id,
          kind: p.kind,
          status: p.status,
          statusVersion: steps.length - 1,
          county: county.code,
          city: county.cityCode,
          name,
          uscc,
          industry: industry.code,
          smeSize: pickWeighted(rand, ['medium', 'small', 'micro'], [25, 55, 20]),
          score,
          directMet: rand() < 0.18,
          qualified: score >= 60,
          submittedAt,
          countyViewedAt: viewedCounty ? new Date((submittedAt ?? lastAt).getTime() + 3600_000) : null,
          cityViewedAt: viewedCity ? new Date(lastAt.getTime()) : null,
          lastActionAt: lastAt,
          createdAt: createdAtF,
          code: verificationCode(filingNo, salt),
          tpl,
          fiscalYear: campaign.year - 1,
          returnReason: p.status === 'returned' ? '研发费用数据与审计报告不一致，请核对后重新提交' : null,
        });
        byStatus[p.status] = (byStatus[p.status] ?? 0) + 1;
        byCity[county.cityCode] = (byCity[county.cityCode] ?? 0) + 1;
        sec.push({
          id: p.id,
          name,
          uscc,
          county: county.code,
          city: county.cityCode,
          industry: industry.code,
          tpl,
          version: 1 + Math.floor(rand() * 6),
          updatedAt: submittedAt ?? lastAt,
        });
        // Submitted filings carry their attachments; drafts have them about two times in three.
        if (submitted || rand() < 0.65) att.push({ id: p.id, enterpriseId, tpl, createdAt: createdAtF });
        steps.forEach((s, i) => {
          const gov = s.level === 'county' || s.level === 'city';
          his.push({
            filingId: p.id,
            at: times[i]!,
            action: s.action,
            role: gov ? `${s.level}_reviewer` : 'enterprise',
            actor: gov
              ? s.level === 'county'
                ? `${shortCountyName(county)}工信局审核员`
                : `${cityName.get(county.cityCode)}工信局审核员`
              : name,
            level: s.level,
            from: s.from,
            to: s.to,
            reason:
              s.action === 'county_return'
                ? '研发费用数据与审计报告不一致，请核对后重新提交'
                : s.action === 'refuse'
                  ? '主营业务收入占比不符合要求'
                  : null,
          });
        });
        if (p.status === 'approved' && p.kind === 'entry' && !campaign.current) approvedEntryAt = lastAt;
        lastFilingYear = campaign.year;
      }
      // Recognised 创新型中小企业 (announced lists) and some 省级专精特新 (imported lists): the public registry's rows.
      if (approvedEntryAt) {
        const year = Number(approvedEntryAt.toISOString().slice(0, 4));
        const validFrom = new Date(`${year}-08-15T00:00:00+08:00`);
        rec.push({
          enterpriseId,
          kind: 'innovative',
          title: '创新型中小企业',
          source: 'announcement',
          issuer: `${cityName.get(county.cityCode)}工业和信息化局`,
          documentNo: `${cityName.get(county.cityCode)!.slice(0, 1)}工信〔${year}〕${100 + (n % 300)}号`,
          validFrom,
          validTo: new Date(validFrom.getTime() + 3 * 365 * DAY),
        });
        if (rand() < 0.15) {
          rec.push({
            enterpriseId,
            kind: 'provincial_specialized',
            title: '江苏省专精特新中小企业',
            source: 'import',
            issuer: '江苏省工业和信息化厅',
            documentNo: `苏工信中小〔${year}〕${200 + (n % 100)}号`,
            validFrom,
            validTo: new Date(validFrom.getTime() + 3 * 365 * DAY),
          });
        }
      }
      void lastFilingYear;
      if (fil.size >= batchSize || ent.size >= batchSize) await flush();
      if (Date.now() - lastLog > 5000) {
        lastLog = Date.now();
        const s = (Date.now() - started) / 1000;
        log(
          `  ${counts.enterprises} enterprises, ${counts.filings} filings (${Math.round(counts.filings / s)} filings/s)`,
        );
      }
    }
    await flush();
  } finally {
    // Rebuilt even when the load failed part-way, so the database is never left without its indexes.
    if (dropped.length > 0) {
      const t = Date.now();
      for (const def of dropped) await db.query(def);
      log(`  rebuilt ${dropped.length} indexes in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
  }

  // Fresh statistics before the set-based updates below (after a bulk load the planner would guess 1 row).
  await db.query('analyze enterprises, filings, recognitions');
  // 在库 status follows the approved filings; about 2 % of those in the database were cleared (清退) since.
  await db.query(
    `update enterprises e set db_status = case when abs(hashtext(e.id::text)) % 50 = 0 then 'cleared' else 'in_db' end
     where e.uscc like '91______MB%' and e.db_status = 'none'
       and exists (select 1 from filings f where f.enterprise_id = e.id and f.status = 'approved')`,
  );
  // Who owed a 数据更新 in the current campaign (the statistics' completion rate).
  const current = campaigns.find((c) => c.current)!;
  await db.query(
    `insert into update_obligations (campaign_id, enterprise_id, city_code, county_code, reason)
     select $1, e.id, e.city_code, e.county_code, 'in_db' from enterprises e
     where e.db_status = 'in_db' and e.county_code is not null
       and exists (select 1 from filings f join campaigns c on c.id = f.campaign_id
                   where f.enterprise_id = e.id and f.status = 'approved' and c.year < $2)
     on conflict do nothing`,
    [current.id, current.year],
  );
  await db.query('analyze');

  const seconds = (Date.now() - started) / 1000;
  const rows =
    counts.enterprises +
    counts.users +
    counts.filings +
    counts.sections +
    counts.history +
    counts.files +
    counts.attachments +
    counts.recognitions;
  return {
    campaigns: campaigns.map((c) => ({ id: c.id, year: c.year, current: c.current })),
    ...counts,
    byStatus,
    byCity,
    reviewers,
    seconds,
    rowsPerSecond: Math.round(rows / seconds),
  };
}

// ------------------------------------------------------------------ CLI

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const { openDatabase } = await import('../src/server/db/client');
  const databaseUrl = argValue(args, '--database-url') ?? process.env.DATABASE_URL;
  const dataDir = argValue(args, '--data-dir') ?? process.env.DATA_DIR;
  if (!databaseUrl && !dataDir) {
    console.error(
      'Set DATABASE_URL (PostgreSQL) or DATA_DIR (embedded PGlite), or pass --database-url / --data-dir.',
    );
    process.exit(2);
  }
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v.replace(/_/g, '')));
  const enterprises = num(argValue(args, '--enterprises'));
  const filings = num(argValue(args, '--filings'));
  const database = await openDatabase(databaseUrl ? { databaseUrl, poolSize: 2 } : { dataDir: dataDir! });
  try {
    console.log(
      `Generating ${filings ? `${filings} filings` : `${enterprises ?? 100_000} enterprises`} into ${databaseUrl ? 'PostgreSQL' : `PGlite (${dataDir})`}…`,
    );
    const r = await generateData(database, {
      ...(enterprises !== undefined ? { enterprises } : {}),
      ...(filings !== undefined ? { filings } : {}),
      log: (l) => console.log(l),
    });
    console.log(
      `Done in ${r.seconds.toFixed(1)} s: ${r.enterprises} enterprises, ${r.users} users, ${r.filings} filings, ` +
        `${r.sections} sections, ${r.history} history rows, ${r.files} files, ${r.attachments} attachments, ` +
        `${r.recognitions} recognitions — ${r.rowsPerSecond} rows/s.`,
    );
    console.log(`Filings by status: ${JSON.stringify(r.byStatus)}`);
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
