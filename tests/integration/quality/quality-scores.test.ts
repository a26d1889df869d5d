/**
 * 专精特新发展质量评价得分 as an input (issue 12 item 4): entered by the province or a city (its own enterprises
 * only), or imported through 数据交换, per enterprise and year with its source; exact decimals; every change an
 * enterprise event and an audit row.
 */
import { and, eq } from 'drizzle-orm';
import { auditEvents, enterpriseEvents, enterprises, qualityScores } from '../../../src/server/db/schema';
import { ManualClock } from '../../../src/server/services/clock';
import { multipart } from '../../helpers/accounts';
import {
  createEnterprise,
  createPersonas,
  usccIn,
  type Persona,
  type Personas,
} from '../../helpers/personas';
import { createTestApp, type TestApp, type TestClient } from '../../helpers/test-app';

const URL = '/api/v1/quality-scores';
let t: TestApp;
let p: Personas;
let nj: Persona;
let ksUscc: string;

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2026-05-20T10:00:00+08:00') });
  p = await createPersonas(t);
  nj = await createEnterprise(t, {
    name: '南京示例软件有限公司',
    uscc: usccIn('320102', 31),
    countyCode: '320102',
    cityCode: '320100',
  });
  ksUscc = await usccOf(p.ksEnterprise);
});

async function usccOf(who: Persona): Promise<string> {
  const [e] = await t.ctx.db.select().from(enterprises).where(eq(enterprises.id, who.enterpriseId!));
  return e!.uscc;
}
afterAll(async () => {
  await t.close();
});

async function eventsOf(enterpriseId: string) {
  return t.ctx.db
    .select()
    .from(enterpriseEvents)
    .where(
      and(eq(enterpriseEvents.enterpriseId, enterpriseId), eq(enterpriseEvents.event, 'quality_score_set')),
    );
}

describe('entering a score', () => {
  it('is done by the province for any enterprise, exactly, with its source, event and audit', async () => {
    const uscc = ksUscc;
    const res = await p.province.client.put(URL, {
      uscc: uscc.toLowerCase(),
      year: 2026,
      score: '56.5',
      source: '优质中小企业梯度培育平台 2026-05-20 查询',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      year: 2026,
      score: '56.50',
      sourceType: 'entry',
      sourceTypeLabel: '录入',
      source: '优质中小企业梯度培育平台 2026-05-20 查询',
      enteredByName: p.province.displayName,
    });
    const events = await eventsOf(p.ksEnterprise.enterpriseId!);
    expect(events).toHaveLength(1);
    expect(events[0]!.reason).toContain('56.50 分');
    const audits = await t.ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'quality_score.enter'));
    expect(audits).toHaveLength(1);
  });

  it('lets a city change its own enterprises only; others are not found', async () => {
    const own = await p.szCity.client.put(URL, {
      uscc: ksUscc,
      year: 2026,
      score: 58,
      source: '国家平台截图（苏州市录入）',
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().score).toBe('58.00');
    const events = await eventsOf(p.ksEnterprise.enterpriseId!);
    expect(events).toHaveLength(2);
    expect(events[1]!.reason).toContain('56.50 分改为 58.00 分');
    // The same value again changes nothing.
    expect(
      (
        await p.szCity.client.put(URL, {
          uscc: ksUscc,
          year: 2026,
          score: '58.00',
          source: '国家平台截图（苏州市录入）',
        })
      ).statusCode,
    ).toBe(200);
    expect(await eventsOf(p.ksEnterprise.enterpriseId!)).toHaveLength(2);

    const njUscc = usccIn('320102', 31);
    const other = await p.szCity.client.put(URL, { uscc: njUscc, year: 2026, score: 70, source: '国家平台' });
    expect(other.statusCode).toBe(404);
    expect(await eventsOf(nj.enterpriseId!)).toHaveLength(0);
    // Counties read, but do not write; enterprises do neither.
    expect(
      (await p.ksCounty.client.put(URL, { uscc: ksUscc, year: 2026, score: 70, source: '国家平台' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await p.ksEnterprise.client.put(URL, { uscc: ksUscc, year: 2026, score: 70, source: '国家平台' }))
        .statusCode,
    ).toBe(403);
    expect((await p.ksEnterprise.client.get(URL)).statusCode).toBe(403);
  });

  it('refuses a score outside 0–100, with more than two decimals, or without a source, next to the field', async () => {
    for (const [score, field] of [
      ['100.01', 'score'],
      ['-1', 'score'],
      ['56.555', 'score'],
      ['五十', 'score'],
    ] as const) {
      const res = await p.province.client.put(URL, { uscc: ksUscc, year: 2026, score, source: '国家平台' });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().fieldErrors)).toEqual([field]);
      expect(res.json().fieldErrors[field]).toContain('0 至 100');
    }
    const noSource = await p.province.client.put(URL, { uscc: ksUscc, year: 2026, score: 60, source: ' ' });
    expect(noSource.statusCode).toBe(400);
    expect(noSource.json().fieldErrors.source).toContain('来源');
    const [row] = await t.ctx.db
      .select()
      .from(qualityScores)
      .where(eq(qualityScores.enterpriseId, p.ksEnterprise.enterpriseId!));
    expect(Number(row!.score)).toBe(58);
  });

  it('lists scores within the reader’s region', async () => {
    await p.province.client.put(URL, {
      uscc: usccIn('320102', 31),
      year: 2025,
      score: 49.99,
      source: '国家平台',
    });
    const names = async (c: TestClient) =>
      ((await c.get(`${URL}?year=2026`)).json().items as { enterpriseName: string }[]).map(
        (i) => i.enterpriseName,
      );
    expect(await names(p.province.client)).toHaveLength(1);
    expect(await names(p.szCity.client)).toHaveLength(1);
    expect(await names(p.ksCounty.client)).toHaveLength(1);
    expect(await names(p.wjCounty.client)).toHaveLength(0);
    const all = (await p.province.client.get(URL)).json().items as { year: number; score: string }[];
    expect(all.map((i) => [i.year, i.score])).toEqual([
      [2026, '58.00'],
      [2025, '49.99'],
    ]);
  });
});

describe('importing scores (数据交换)', () => {
  function upload(client: TestClient, csv: string, filename = 'scores.csv') {
    const { payload, headers } = multipart(
      {},
      { name: 'file', filename, contentType: 'text/csv', data: Buffer.from(csv) },
    );
    return client.request('POST', '/api/v1/exchange/quality-scores/import', { payload, headers });
  }

  it('imports the city’s rows, reports the others by row number, and is idempotent', async () => {
    const wj = await usccOf(p.wjEnterprise);
    const csv = [
      '企业名称,统一社会信用代码,年度,得分,来源',
      `昆山另一个名字,${ksUscc},2027,61,国家平台导出 2027-05-10`,
      `吴江企业,${wj},2026年,50.00,国家平台导出 2026-05-10`,
      `南京示例软件有限公司,${usccIn('320102', 31)},2026,70,国家平台导出`,
      `错误得分,${wj},2025,101,国家平台导出`,
      `吴江企业,${wj},2026,50,国家平台导出 2026-05-10`,
      `不存在,${usccIn('320583', 77)},2026,60,国家平台导出`,
    ].join('\n');
    const res = await upload(p.szCity.client, csv);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ rows: 6, created: 2, updated: 0, unchanged: 0 });
    expect(body.errors.map((e: { row: number }) => e.row)).toEqual([4, 5, 6, 7]);
    expect(body.errors[0].message).toContain('不在您的管辖范围');
    expect(body.errors[1].message).toContain('0 至 100');
    expect(body.errors[2].message).toContain('与第 3 行重复');
    expect(body.warnings[0]).toMatchObject({ row: 2 });
    const listed = (await p.szCity.client.get(`${URL}?year=2027`)).json().items;
    expect(listed[0]).toMatchObject({
      score: '61.00',
      sourceType: 'import',
      sourceTypeLabel: '数据交换导入',
    });
    const audits = await t.ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'exchange.quality_scores.import'));
    expect(audits[0]!.details).toMatchObject({ rows: 6, created: 2, errors: 4 });
    const again = (await upload(p.szCity.client, csv)).json();
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('is refused to counties and enterprises, and wants the five columns', async () => {
    expect((await upload(p.ksCounty.client, '企业名称\n')).statusCode).toBe(403);
    expect((await upload(p.ksEnterprise.client, '企业名称\n')).statusCode).toBe(403);
    const res = await upload(p.province.client, '企业名称,统一社会信用代码,年度\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('得分、来源');
  });
});
