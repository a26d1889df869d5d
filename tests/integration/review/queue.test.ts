import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { eq, sql, TransactionRollbackError } from 'drizzle-orm';
import { auditEvents, enterprises } from '../../../src/server/db/schema';
import { queueSelects } from '../../../src/server/modules/review/queue';
import { QueueQuery, type QueueResponse, type QueueRow } from '../../../src/shared/schemas/review-api';
import type { Actor } from '../../../src/shared/permissions';
import { allCounties, cityOf } from '../../../src/shared/regions';
import type { Persona } from '../../helpers/personas';
import type { TestClient } from '../../helpers/test-app';
import { detail, expectStatus, filingRow, insertSubmitted, setupReview, type ReviewFixture } from './helpers';

let f: ReviewFixture;

interface Made {
  id: string;
  countyCode: string;
  status: string;
  kind: string;
  submittedAt: Date;
  scoreTotal: number | null;
  smeSize: string | null;
  directMet: boolean;
  qualified: boolean;
  industryCode: string;
  name: string;
  uscc: string;
}
const made: Made[] = [];

const KS = '320583';
const WJ = '320509';
const GULOU = '320106';
const SIZES = ['micro', 'small', 'medium'] as const;
const INDUSTRIES = ['C3421', 'C3422', 'C3911', 'I6513'] as const;

/** A light enterprise row (no user): the queue tests need many. */
async function enterpriseRow(n: number, countyCode: string) {
  const [row] = await f.t.ctx.db
    .insert(enterprises)
    .values({
      name: `队列测试企业${n}有限公司`,
      uscc: `91${countyCode}Q${String(n).padStart(8, '0')}X`,
      contactName: '王芳',
      contactMobile: `1390000${String(n).padStart(4, '0')}`,
      countyCode,
      cityCode: cityOf(countyCode)!.code,
    })
    .returning();
  return { enterpriseId: row!.id, displayName: row!.name, uscc: row!.uscc };
}

beforeAll(async () => {
  f = await setupReview();
  // 120 filings: 60 昆山 + 30 吴江 waiting for the county, 15 昆山 waiting for the city, 15 南京鼓楼 at the county.
  const plan: [string, 'county_review' | 'city_review', number][] = [
    [KS, 'county_review', 60],
    [WJ, 'county_review', 30],
    [KS, 'city_review', 15],
    [GULOU, 'county_review', 15],
  ];
  let n = 0;
  const base = new Date('2023-02-21T09:00:00+08:00').getTime();
  for (const [county, status, count] of plan) {
    for (let i = 0; i < count; i += 1) {
      n += 1;
      const e = await enterpriseRow(n, county);
      // Every third filing shares its submission time with the previous one: the id breaks the tie.
      const minute = n % 3 === 0 ? n - 1 : n;
      const submittedAt = new Date(base + minute * 37 * 60_000);
      const score = n % 10 === 0 ? null : 40 + ((n * 7) % 60);
      const industryCode = INDUSTRIES[n % INDUSTRIES.length]!;
      const columns = {
        scoreTotal: score,
        smeSize: SIZES[n % 3]!,
        directMet: n % 4 === 0,
        qualified: n % 5 !== 0,
        industryCode,
      };
      const name = n === 77 ? '苏州特别标记传感科技有限公司' : e.displayName;
      const row = await insertSubmitted(f.t, {
        enterprise: e,
        countyCode: county,
        status,
        kind: n % 6 === 0 ? 'update' : 'entry',
        submittedAt,
        name,
        uscc: e.uscc,
        columns,
      });
      made.push({
        id: row.id,
        countyCode: county,
        status,
        kind: row.kind,
        submittedAt,
        ...columns,
        name,
        uscc: e.uscc,
      });
    }
  }
}, 300_000);
afterAll(async () => {
  await f.t.close();
});

async function page(client: TestClient, query: string): Promise<QueueResponse> {
  const res = await client.get(`/api/v1/review/queue?${query}`);
  expectStatus(res, 200);
  return res.json() as QueueResponse;
}

/** Walks every page; returns the rows in order. */
async function walk(client: TestClient, query: string): Promise<QueueRow[]> {
  const rows: QueueRow[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 200; i += 1) {
    const p: QueueResponse = await page(client, `${query}${cursor ? `&cursor=${cursor}` : ''}`);
    rows.push(...p.items);
    if (!p.nextCursor) return rows;
    cursor = p.nextCursor;
  }
  throw new Error('pagination did not end');
}

const byAsc = (a: Made, b: Made) =>
  a.submittedAt.getTime() - b.submittedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe('queues', () => {
  it('待我审核 for a county: its county_review filings only, oldest first, with labels and actions', async () => {
    const p = await page(f.p.ksCounty.client, 'limit=100');
    const expected = made.filter((m) => m.countyCode === KS && m.status === 'county_review').sort(byAsc);
    expect(ids(p.items)).toEqual(ids(expected));
    expect(p.nextCursor).toBeNull();
    const row = p.items[0]!;
    expect(row).toMatchObject({
      regionName: '苏州市昆山市',
      statusLabel: '待县区审核',
      unviewed: true,
      allowedActions: ['county_approve', 'county_return', 'refuse', 'transfer'],
    });
    expect(['新增入库', '数据更新']).toContain(row.kindLabel);
    expect(['微型企业', '小型企业', '中型企业']).toContain(row.smeSizeLabel);
  });

  it('待我审核 for the city and the province; scope=all shows the whole region', async () => {
    const city = await walk(f.p.szCity.client, 'limit=100');
    expect(ids(city).sort()).toEqual(ids(made.filter((m) => m.status === 'city_review')).sort());
    expect(city[0]!.allowedActions).toEqual([
      'city_approve',
      'city_return',
      'city_return_to_county',
      'refuse',
    ]);
    const cityAll = await walk(f.p.szCity.client, 'scope=all&limit=100');
    expect(cityAll).toHaveLength(105);
    expect(cityAll.every((r) => r.cityCode === '320500')).toBe(true);
    // Nothing in a filing's workflow waits for the province: its 待我审核 is empty (issue #16), while its
    // region-wide list holds every region's filings.
    const provinceMine = await page(f.p.province.client, 'limit=50');
    expect(provinceMine.items).toEqual([]);
    expect(provinceMine.nextCursor).toBeNull();
    const province = await walk(f.p.province.client, 'scope=all&limit=50');
    expect(province).toHaveLength(120);
    expect(ids(province)).toEqual(ids([...made].sort(byAsc)));
  });

  it('keyset pagination over 120 filings: every filing exactly once, in a stable order, for each sort', async () => {
    for (const [sort, cmp] of [
      ['submitted_asc', byAsc],
      ['submitted_desc', (a: Made, b: Made) => -byAsc(a, b)],
      [
        'score_desc',
        (a: Made, b: Made) =>
          (b.scoreTotal ?? -1) - (a.scoreTotal ?? -1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      ],
    ] as const) {
      const rows = await walk(f.p.province.client, `scope=all&sort=${sort}&limit=7`);
      expect(rows).toHaveLength(120);
      expect(new Set(ids(rows)).size).toBe(120);
      expect(ids(rows)).toEqual(ids([...made].sort(cmp)));
    }
  });

  it('a filing arriving mid-way does not shift the pages already read (keyset, not offset)', async () => {
    const first = await page(f.p.ksCounty.client, 'limit=10');
    const e = await enterpriseRow(999, KS);
    const early = await insertSubmitted(f.t, {
      enterprise: e,
      countyCode: KS,
      submittedAt: new Date('2023-02-20T08:00:00+08:00'),
    });
    try {
      const second = await page(f.p.ksCounty.client, `limit=10&cursor=${first.nextCursor}`);
      const expected = made.filter((m) => m.countyCode === KS && m.status === 'county_review').sort(byAsc);
      expect(ids(second.items)).toEqual(ids(expected.slice(10, 20)));
    } finally {
      await f.t.ctx.db.execute(sql`delete from filings where id = ${early.id}`);
    }
  });

  it('filters', async () => {
    const prov = f.p.province.client;
    const all = made;
    const check = async (query: string, pred: (m: Made) => boolean) => {
      const rows = await walk(prov, `scope=all&limit=100&${query}`);
      expect(ids(rows).sort(), query).toEqual(ids(all.filter(pred)).sort());
    };
    await check('kind=update', (m) => m.kind === 'update');
    await check('status=city_review', (m) => m.status === 'city_review');
    await check(`countyCode=${WJ}`, (m) => m.countyCode === WJ);
    await check('industry=C34', (m) => m.industryCode.startsWith('C34'));
    await check('industry=i', (m) => m.industryCode.startsWith('I'));
    await check('smeSize=small', (m) => m.smeSize === 'small');
    await check(
      'scoreMin=60&scoreMax=80',
      (m) => m.scoreTotal !== null && m.scoreTotal >= 60 && m.scoreTotal <= 80,
    );
    await check('directMet=true', (m) => m.directMet);
    await check('qualified=false', (m) => !m.qualified);
    await check(
      'submittedFrom=2023-02-22&submittedTo=2023-02-22',
      (m) =>
        m.submittedAt >= new Date('2023-02-22T00:00:00+08:00') &&
        m.submittedAt < new Date('2023-02-23T00:00:00+08:00'),
    );
    await check(`q=${encodeURIComponent('特别标记')}`, (m) => m.name.includes('特别标记'));
    await check(`q=91${WJ}`, (m) => m.uscc.startsWith(`91${WJ}`));
    await check(`q=${encodeURIComponent('100%')}`, () => false);
    await check(
      `kind=entry&countyCode=${KS}&scoreMin=70&directMet=false`,
      (m) => m.kind === 'entry' && m.countyCode === KS && (m.scoreTotal ?? -1) >= 70 && !m.directMet,
    );

    // A county outside the caller's region is refused with a field message; bad input says which field.
    const wj = await f.p.szCity.client.get(`/api/v1/review/queue?countyCode=${GULOU}`);
    expectStatus(wj, 400);
    expect(wj.json().fieldErrors.countyCode).toBe('只能查询本设区市所辖县（市、区）的申报');
    const ks = await f.p.ksCounty.client.get(`/api/v1/review/queue?countyCode=${WJ}`);
    expectStatus(ks, 400);
    const bad = await prov.get('/api/v1/review/queue?limit=101&scoreMin=x&submittedFrom=2023/1/1');
    expectStatus(bad, 400);
    expect(Object.keys(bad.json().fieldErrors).sort()).toEqual(['limit', 'scoreMin', 'submittedFrom']);
    const cursor = await prov.get('/api/v1/review/queue?cursor=bm9wZQ');
    expectStatus(cursor, 400);
    expect(cursor.json().fieldErrors.cursor).toBeDefined();
  });

  it('counts for the menu, and the unviewed flag cleared by opening the filing', async () => {
    const c0 = (await f.p.ksCounty.client.get('/api/v1/review/counts')).json();
    expect(c0).toEqual({ countyPending: 60, cityPending: 15, minePending: 60, mineUnviewed: 60 });
    expect((await f.p.szCity.client.get('/api/v1/review/counts')).json()).toEqual({
      countyPending: 90,
      cityPending: 15,
      minePending: 15,
      mineUnviewed: 15,
    });
    expect((await f.p.province.client.get('/api/v1/review/counts')).json()).toEqual({
      countyPending: 105,
      cityPending: 15,
      minePending: 0,
      mineUnviewed: 0,
    });
    const first = (await page(f.p.ksCounty.client, 'limit=1')).items[0]!;
    expect(first.unviewed).toBe(true);
    const d = await detail(f.p.ksCounty.client, first.id);
    expect(d.firstView).toBe(true);
    expect((await page(f.p.ksCounty.client, 'limit=1')).items[0]).toMatchObject({
      id: first.id,
      unviewed: false,
    });
    expect((await detail(f.p.ksCounty.client, first.id)).firstView).toBe(false);
    expect((await f.p.ksCounty.client.get('/api/v1/review/counts')).json().mineUnviewed).toBe(59);
    // The province looking does not mark it viewed for the county or the city.
    const second = (await page(f.p.ksCounty.client, 'limit=2')).items[1]!;
    await detail(f.p.province.client, second.id);
    expect((await page(f.p.ksCounty.client, 'limit=2')).items[1]!.unviewed).toBe(true);
  });

  it('the export streams an .xlsx with Chinese headers and the filtered rows only; audited', async () => {
    const res = await f.p.ksCounty.client.get('/api/v1/review/export.xlsx?scoreMin=70&sort=score_desc');
    expectStatus(res, 200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const cd = String(res.headers['content-disposition']);
    expect(cd).toMatch(/^attachment; filename="[^"]+\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toBe('优质中小企业待审核清单_20230301.xlsx');
    expect(res.headers['transfer-encoding']).toBe('chunked');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('审核清单')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['序号', '企业名称', '统一社会信用代码', '所在地区']);
    const expected = made
      .filter((m) => m.countyCode === KS && m.status === 'county_review' && (m.scoreTotal ?? -1) >= 70)
      .sort((a, b) => (b.scoreTotal ?? -1) - (a.scoreTotal ?? -1) || (a.id < b.id ? -1 : 1));
    expect(ws.actualRowCount).toBe(expected.length + 1);
    const names: string[] = [];
    const usccs: string[] = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      names.push(String(row.getCell(2).value));
      usccs.push(String(row.getCell(3).value));
      expect(row.getCell(4).value).toBe('苏州市昆山市');
      expect(Number(row.getCell(9).value)).toBeGreaterThanOrEqual(70);
    });
    expect(usccs).toEqual(expected.map((m) => m.uscc));
    expect(names[0]).toBe(expected[0]!.name);
    fs.writeFileSync('/tmp/review-export.xlsx', res.rawPayload);

    const audits = await f.t.ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'review.export'));
    expect(audits.at(-1)).toMatchObject({
      userId: f.p.ksCounty.userId,
      details: { filters: expect.objectContaining({ scope: 'mine', scoreMin: 70, sort: 'score_desc' }) },
    });

    const bad = await f.p.ksCounty.client.get(`/api/v1/review/export.xlsx?countyCode=${WJ}`);
    expectStatus(bad, 400);
  });

  it('an export larger than one batch (1000 rows) arrives whole', async () => {
    // Reuse the 120 filings by exporting the province's whole region; the batch size is exercised by a
    // direct call with a small batch below (keyset batches must cover every row exactly once).
    const { queueBatches } = await import('../../../src/server/modules/review/queue');
    const actor = actorOf(f.p.province);
    const seen: string[] = [];
    let batches = 0;
    for await (const b of queueBatches(f.t.ctx.db, actor, QueueQuery.parse({ scope: 'all' }), 25)) {
      batches += 1;
      seen.push(...b.map((r) => r.id));
    }
    expect(batches).toBe(5);
    expect(new Set(seen).size).toBe(120);
    // The console may send the page it is on: the export still covers the whole filtered set.
    const cursor = (await page(f.p.province.client, 'scope=all&limit=10')).nextCursor!;
    const res = await f.p.province.client.get(
      `/api/v1/review/export.xlsx?scope=all&limit=10&cursor=${cursor}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet('审核清单')!.actualRowCount).toBe(121);
  });

  it('EXPLAIN: at a realistic spread over Jiangsu, the county, city and province queues use their queue indexes', async () => {
    const plans: Record<string, string> = {};
    const cases: [string, Persona, string][] = [
      ['county', f.p.ksCounty, 'filings_queue_county_idx'],
      ['city', f.p.szCity, 'filings_queue_city_idx'],
      ['province', f.p.province, 'filings_queue_province_idx'],
    ];
    const counties = allCounties()
      .map((c) => `'${c.code}'`)
      .join(',');
    const campaignId = made.length ? (await filingRow(f.t, made[0]!.id)).campaignId : '';
    const cursors = new Map<string, string>();
    // The province follows the pending filings in its region-wide list, one status at a time.
    const queryOf = (name: string) =>
      name === 'province' ? { scope: 'all', status: 'county_review' } : ({} as Record<string, string>);
    for (const [name, persona] of cases)
      cursors.set(
        name,
        (await page(persona.client, `limit=5&${new URLSearchParams(queryOf(name)).toString()}`)).nextCursor!,
      );
    // 8000 more filings spread over every county of Jiangsu (about 80 per county, mixed statuses), inside a
    // transaction that is rolled back: the planner then sees the selectivity a real province has.
    await f.t.ctx.db
      .transaction(async (tx) => {
        await tx.execute(sql`
          insert into enterprises (name, uscc, contact_name, contact_mobile, county_code, city_code)
          select 'explain-' || g, 'EXPLAIN' || g, '-', '-', c, substr(c, 1, 4) || '00'
          from generate_series(1, 8000) g,
               lateral (select (array[${sql.raw(counties)}])[1 + g % ${sql.raw(String(allCounties().length))}] as c) x`);
        await tx.execute(sql`
          insert into filings (enterprise_id, campaign_id, kind, status, county_code, city_code, enterprise_name,
                               uscc, submitted_at, score_total)
          select e.id, ${campaignId}::uuid, 'entry',
                 (array['approved','approved','approved','county_review','county_review','city_review',
                        'returned','refused','withdrawn','draft'])[1 + (row_number() over ()) % 10],
                 e.county_code, e.city_code, e.name, e.uscc,
                 timestamptz '2023-02-20 09:00+08' + (row_number() over ()) * interval '1 minute', 60
          from enterprises e where e.name like 'explain-%'`);
        await tx.execute(sql`update filings set submitted_at = null where status = 'draft'`);
        await tx.execute(sql`analyze filings`);
        for (const [name, persona, index] of cases) {
          const actor = actorOf(persona);
          for (const [label, q] of [
            ['first page', QueueQuery.parse({ ...queryOf(name), limit: 20 })],
            ['next page', QueueQuery.parse({ ...queryOf(name), limit: 20, cursor: cursors.get(name) })],
          ] as const) {
            const selects = queueSelects(tx, actor, q);
            expect(selects).toHaveLength(1);
            for (const [i, select] of selects.entries()) {
              const res = (await tx.execute(sql`explain ${select}`)) as unknown as {
                rows: Record<string, string>[];
              };
              const plan = res.rows.map((r) => r['QUERY PLAN']).join('\n');
              plans[`${name} ${label}${selects.length > 1 ? ` (part ${i + 1})` : ''}`] = plan;
              // An ordered Index Scan, or (few pending rows) a Bitmap Index Scan on the same index plus a small sort.
              expect(plan, `${name} ${label}`).toMatch(new RegExp(`Index Scan (using|on) ${index}\\b`));
            }
          }
        }
        tx.rollback();
      })
      .catch((err: unknown) => {
        if (!(err instanceof TransactionRollbackError)) throw err;
      });
    fs.writeFileSync(
      `/tmp/review-explain-${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'}.txt`,
      Object.entries(plans)
        .map(([k, v]) => `== ${k}\n${v}\n`)
        .join('\n'),
    );
    expect(Object.keys(plans)).toHaveLength(6);
  });
});

function actorOf(p: Persona): Actor {
  return {
    userId: p.userId,
    username: p.username,
    displayName: p.displayName,
    role: p.role,
    enterpriseId: p.enterpriseId,
    regionCode: p.regionCode,
  };
}
