/**
 * Issue #16 item 5: the region-wide list (本辖区全部) and its Excel export by 批次 (campaign), defaulting to the
 * current campaign, with the follow-up columns (批次, 联系人, 手机 masked, 退回/不通过原因, 最后办理时间, 办理人), and
 * the region still the limit of what a county or city sees (ADR 0020).
 */
import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { auditEvents, enterprises } from '../../../src/server/db/schema';
import type { QueueResponse, QueueRow } from '../../../src/shared/schemas/review-api';
import type { Persona } from '../../helpers/personas';
import type { TestClient } from '../../helpers/test-app';
import {
  actOk,
  expectStatus,
  insertSubmitted,
  newEnterprise,
  setupReview,
  YEAR,
  type ReviewFixture,
} from './helpers';

let f: ReviewFixture;
const KS = '320583';
const WJ = '320509';
/** Whole mobiles of the enterprises: none may appear in any answer. */
const mobiles: string[] = [];
let ksNow: string; // 昆山, current campaign, waiting at the county
let ksNowReturned: string; // 昆山, current campaign, returned to the enterprise by the county
let ksOld: string; // 昆山, last year's campaign, approved
let wjNow: string; // 吴江, current campaign
let wjOld: string; // 吴江, last year's campaign

async function enterpriseIn(county: string, name: string, mobile: string): Promise<Persona> {
  const e = await newEnterprise(f.t, county, name);
  await f.t.ctx.db
    .update(enterprises)
    .set({ contactName: '周海燕', contactMobile: mobile })
    .where(eq(enterprises.id, e.enterpriseId!));
  mobiles.push(mobile);
  return e;
}

beforeAll(async () => {
  f = await setupReview();
  const ks1 = await enterpriseIn(KS, '昆山批次测试一号有限公司', '13812345678');
  const ks2 = await enterpriseIn(KS, '昆山批次测试二号有限公司', '13912340002');
  const wj1 = await enterpriseIn(WJ, '吴江批次测试有限公司', '13712340003');
  const lastYear = new Date(`${YEAR - 1}-03-01T09:00:00+08:00`);
  ksNow = (await insertSubmitted(f.t, { enterprise: ks1, countyCode: KS })).id;
  ksNowReturned = (await insertSubmitted(f.t, { enterprise: ks2, countyCode: KS })).id;
  ksOld = (
    await insertSubmitted(f.t, {
      enterprise: ks1,
      countyCode: KS,
      year: YEAR - 1,
      status: 'approved',
      submittedAt: lastYear,
    })
  ).id;
  wjNow = (await insertSubmitted(f.t, { enterprise: wj1, countyCode: WJ })).id;
  wjOld = (
    await insertSubmitted(f.t, {
      enterprise: wj1,
      countyCode: WJ,
      year: YEAR - 1,
      status: 'approved',
      submittedAt: lastYear,
    })
  ).id;
  await actOk(f.p.ksCounty.client, ksNowReturned, {
    action: 'county_return',
    reason: '主营业务收入与审计报告不一致，请核实',
    expectedStatusVersion: 1,
  });
});
afterAll(async () => {
  await f.t.close();
});

async function queue(client: TestClient, query: string): Promise<QueueResponse> {
  const res = await client.get(`/api/v1/review/queue?limit=100&${query}`);
  expectStatus(res, 200);
  for (const m of mobiles) expect(res.body).not.toContain(m);
  return res.json() as QueueResponse;
}
const idsOf = (r: { items: QueueRow[] }) => r.items.map((i) => i.id).sort();

async function exportSheet(client: TestClient, query: string) {
  const res = await client.get(`/api/v1/review/export.xlsx?${query}`);
  expectStatus(res, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  const sheet = wb.getWorksheet('审核清单')!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, string>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(Object.fromEntries(header.map((h, i) => [h, String(row.getCell(i + 1).value ?? '')])));
  });
  const text = JSON.stringify(rows);
  for (const m of mobiles) expect(text).not.toContain(m);
  return { header, rows, fileName: decodeURIComponent(String(res.headers['content-disposition'])) };
}

describe('本辖区全部 by 批次', () => {
  it('defaults to the current campaign, lists every campaign as options, and takes a year or all', async () => {
    const now = await queue(f.p.ksCounty.client, 'scope=all');
    expect(idsOf(now)).toEqual([ksNow, ksNowReturned].sort());
    expect(now.campaign).toMatchObject({ year: YEAR, current: true });
    expect(now.campaigns.map((c) => [c.year, c.current])).toEqual([
      [YEAR, true],
      [YEAR - 1, false],
    ]);
    const old = await queue(f.p.ksCounty.client, `scope=all&campaign=${YEAR - 1}`);
    expect(idsOf(old)).toEqual([ksOld]);
    expect(old.campaign).toMatchObject({ year: YEAR - 1, current: false });
    const all = await queue(f.p.ksCounty.client, 'scope=all&campaign=all');
    expect(idsOf(all)).toEqual([ksNow, ksNowReturned, ksOld].sort());
    expect(all.campaign).toBeNull();
  });

  it('待我审核 keeps every campaign unless one is chosen: a filing left pending from earlier still waits', async () => {
    const old = await insertSubmitted(f.t, {
      enterprise: await enterpriseIn(KS, '昆山遗留待审有限公司', '13612340009'),
      countyCode: KS,
      year: YEAR - 1,
      submittedAt: new Date(`${YEAR - 1}-03-02T09:00:00+08:00`),
    });
    try {
      expect(idsOf(await queue(f.p.ksCounty.client, ''))).toEqual([ksNow, old.id].sort());
      expect(idsOf(await queue(f.p.ksCounty.client, `campaign=${YEAR}`))).toEqual([ksNow]);
    } finally {
      await f.t.ctx.db.execute(sql`delete from filing_sections where filing_id = ${old.id}`);
      await f.t.ctx.db.execute(sql`delete from filings where id = ${old.id}`);
    }
  });

  it('a year without a campaign, or a malformed one, is a 400 on the campaign field', async () => {
    const none = await f.p.ksCounty.client.get('/api/v1/review/queue?scope=all&campaign=1999');
    expectStatus(none, 400);
    expect(none.json().fieldErrors.campaign).toContain('1999');
    const bad = await f.p.ksCounty.client.get('/api/v1/review/export.xlsx?scope=all&campaign=x');
    expectStatus(bad, 400);
    expect(bad.json().fieldErrors.campaign).toBe('请选择批次（年度），例如 2026');
  });

  it('scoping holds in every campaign: a county sees only its county, a city only its city', async () => {
    const ks = await queue(f.p.ksCounty.client, 'scope=all&campaign=all');
    expect(ks.items.every((r) => r.countyCode === KS)).toBe(true);
    expect(idsOf(ks)).not.toContain(wjNow);
    expect(idsOf(ks)).not.toContain(wjOld);
    expect(idsOf(await queue(f.p.wjCounty.client, `scope=all&campaign=${YEAR - 1}`))).toEqual([wjOld]);
    expect(idsOf(await queue(f.njCity.client, 'scope=all&campaign=all'))).toEqual([]);
    expect(idsOf(await queue(f.p.szCity.client, 'scope=all&campaign=all'))).toEqual(
      [ksNow, ksNowReturned, ksOld, wjNow, wjOld].sort(),
    );
    const { rows } = await exportSheet(f.p.ksCounty.client, 'scope=all&campaign=all');
    expect(rows.map((r) => r['企业名称']).sort()).toEqual(
      ['昆山批次测试一号有限公司', '昆山批次测试一号有限公司', '昆山批次测试二号有限公司'].sort(),
    );
  });
});

describe('follow-up columns', () => {
  it('批次, 联系人, masked 手机, the return reason, the last handling and who handled it', async () => {
    const { items } = await queue(f.p.ksCounty.client, 'scope=all');
    const waiting = items.find((i) => i.id === ksNow)!;
    expect(waiting).toMatchObject({
      campaignYear: YEAR,
      contactName: '周海燕',
      contactMobileMasked: '138****5678',
      reason: null,
      handledAt: null,
      handlerName: null,
    });
    expect(waiting.campaignName).toContain(`${YEAR}年度`);
    const returned = items.find((i) => i.id === ksNowReturned)!;
    expect(returned).toMatchObject({
      status: 'returned',
      contactMobileMasked: '139****0002',
      reason: '主营业务收入与审计报告不一致，请核实',
      handlerName: f.p.ksCounty.displayName,
    });
    expect(returned.handledAt).toBe(f.t.clock.now().toISOString());
  });

  it('a refusal shows its reason; a later approval is the last handling and carries no reason', async () => {
    const e = await enterpriseIn(KS, '昆山不通过测试有限公司', '13512340010');
    const refused = await insertSubmitted(f.t, { enterprise: e, countyCode: KS });
    await actOk(f.p.ksCounty.client, refused.id, {
      action: 'refuse',
      reason: '不属于中小企业',
      expectedStatusVersion: 1,
    });
    const approved = await insertSubmitted(f.t, {
      enterprise: await enterpriseIn(KS, '昆山通过测试有限公司', '13512340011'),
      countyCode: KS,
    });
    await actOk(f.p.ksCounty.client, approved.id, { action: 'county_approve', expectedStatusVersion: 1 });
    await actOk(f.p.szCity.client, approved.id, {
      action: 'city_return_to_county',
      reason: '请县区核实研发费用',
      expectedStatusVersion: 2,
    });
    const { items } = await queue(f.p.ksCounty.client, 'scope=all');
    expect(items.find((i) => i.id === refused.id)).toMatchObject({
      reason: '不属于中小企业',
      handlerName: f.p.ksCounty.displayName,
    });
    // Returned to the county by the city: the city's reason, the city's reviewer.
    expect(items.find((i) => i.id === approved.id)).toMatchObject({
      status: 'county_review',
      reason: '请县区核实研发费用',
      handlerName: f.p.szCity.displayName,
    });
    await actOk(f.p.ksCounty.client, approved.id, { action: 'county_approve', expectedStatusVersion: 3 });
    const after = (await queue(f.p.ksCounty.client, 'scope=all')).items.find((i) => i.id === approved.id);
    expect(after).toMatchObject({
      status: 'city_review',
      reason: null,
      handlerName: f.p.ksCounty.displayName,
    });
  });
});

describe('the export follows the list', () => {
  it('the current campaign by default, the chosen one otherwise, with the 批次 and follow-up columns', async () => {
    const now = await exportSheet(f.p.ksCounty.client, 'scope=all');
    expect(now.header).toEqual(
      expect.arrayContaining(['批次', '联系人', '手机（脱敏）', '退回/不通过原因', '最后办理时间', '办理人']),
    );
    // The earlier columns keep their positions.
    expect(now.header.slice(0, 3)).toEqual(['序号', '企业名称', '统一社会信用代码']);
    expect(now.fileName).toContain(`${YEAR}年度`);
    expect(now.rows.every((r) => r['批次'] === `${YEAR}年度`)).toBe(true);
    const returned = now.rows.find((r) => r['企业名称'] === '昆山批次测试二号有限公司')!;
    expect(returned).toMatchObject({
      联系人: '周海燕',
      '手机（脱敏）': '139****0002',
      '退回/不通过原因': '主营业务收入与审计报告不一致，请核实',
      办理人: f.p.ksCounty.displayName,
    });
    expect(returned['最后办理时间']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    const old = await exportSheet(f.p.ksCounty.client, `scope=all&campaign=${YEAR - 1}`);
    expect(old.rows.map((r) => [r['企业名称'], r['批次']])).toEqual([
      ['昆山批次测试一号有限公司', `${YEAR - 1}年度`],
    ]);
    expect(old.fileName).toContain(`${YEAR - 1}年度`);
    const all = await exportSheet(f.p.ksCounty.client, 'scope=all&campaign=all');
    expect(new Set(all.rows.map((r) => r['批次']))).toEqual(new Set([`${YEAR}年度`, `${YEAR - 1}年度`]));

    const audits = await f.t.ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'review.export'));
    expect(audits.at(-1)!.details).toMatchObject({ filters: { scope: 'all', campaign: 'all' } });
    expect(audits.at(-2)!.details).toMatchObject({ filters: { campaign: YEAR - 1 } });
  });
});
