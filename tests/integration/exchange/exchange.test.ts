import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { enterprises, filings, filingSections, recognitions } from '../../../src/server/db/schema';
import { ensureDefaultCampaign, type Campaign } from '../../../src/server/modules/campaigns/service';
import { EXCHANGE_COLUMNS_V2 } from '../../../src/server/modules/exchange/service';
import { assessFiling } from '../../../src/shared/filing';
import { sampleSections } from '../../../src/shared/filing/fixtures';
import { ManualClock } from '../../../src/server/services/clock';
import { multipart } from '../../helpers/accounts';
import { createPersonas, usccIn, type Personas } from '../../helpers/personas';
import { createTestApp, type TestApp, type TestClient } from '../../helpers/test-app';

let t: TestApp;
let p: Personas;
let campaign: Campaign;

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2023-05-01T10:00:00+08:00') });
  p = await createPersonas(t);
  campaign = await ensureDefaultCampaign(t.ctx, 2023);
  const mk = async (who: 'ks' | 'wj' | 'nj', status: string) => {
    const e =
      who === 'ks'
        ? {
            id: p.ksEnterprise.enterpriseId!,
            name: p.ksEnterprise.displayName,
            county: '320583',
            city: '320500',
          }
        : who === 'wj'
          ? {
              id: p.wjEnterprise.enterpriseId!,
              name: p.wjEnterprise.displayName,
              county: '320509',
              city: '320500',
            }
          : await (async () => {
              const [row] = await t.ctx.db
                .insert(enterprises)
                .values({
                  name: '南京,“交换”测试有限公司',
                  uscc: usccIn('320105', 31),
                  contactName: '李四',
                  contactMobile: '13800000001',
                  countyCode: '320105',
                  cityCode: '320100',
                })
                .returning();
              return { id: row!.id, name: row!.name, county: '320105', city: '320100' };
            })();
    const [f] = await t.ctx.db
      .insert(filings)
      .values({
        enterpriseId: e.id,
        campaignId: campaign.id,
        kind: 'update',
        status,
        countyCode: e.county,
        cityCode: e.city,
        enterpriseName: e.name,
        uscc: who === 'nj' ? usccIn('320105', 31) : 'X',
        industryCode: 'C3421',
        smeSize: who === 'nj' ? 'medium' : 'small',
        scoreTotal: 75,
        directMet: false,
        qualified: true,
        submittedAt: new Date('2023-03-01T10:00:00+08:00'),
        lastActionAt: new Date('2023-03-30T15:00:00+08:00'),
        verificationCode: `V-${who}`,
        snapshot: who === 'nj' ? { assessment: impossibleAssessment() } : null,
      })
      .returning();
    await t.ctx.db.insert(filingSections).values({
      filingId: f!.id,
      section: 'operations',
      data: {
        years: {
          '2022': { operatingRevenue: '8650.00', rdExpense: '389.25', employees: 186, netProfit: '-12.5' },
        },
      },
    });
  };
  await mk('ks', 'approved');
  await mk('wj', 'city_review'); // not approved: not exported
  await mk('nj', 'approved');
});
afterAll(async () => {
  await t.close();
});

/** The self-assessment of a filing whose 主营业务收入 (8,120.50) exceeds its 营业收入 (7,035.60). */
function impossibleAssessment(): Record<string, unknown> {
  const ctx = { campaignYear: 2023, asOf: '2023-03-01', kind: 'update' as const };
  const sections = sampleSections(ctx);
  const ops = sections.operations as { years: Record<string, Record<string, unknown>> };
  ops.years['2022'] = { ...ops.years['2022'], operatingRevenue: '7035.60', mainBusinessRevenue: '8120.50' };
  return JSON.parse(JSON.stringify(assessFiling(sections, ctx))) as Record<string, unknown>;
}

function parseCsvText(body: string): string[][] {
  // Minimal RFC 4180 reader for the test.
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (q) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') q = false;
      else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r') continue;
    else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  return rows;
}

describe('export for the national platform', () => {
  it('has exactly the headers documented in docs/exchange.md', () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../../docs/exchange.md'), 'utf8');
    const table = doc
      .split('\n')
      .filter((l) => /^\| \d+ \|/.test(l))
      .map((l) => l.split('|').map((c) => c.trim()));
    expect(table.map((c) => [c[2], c[3]])).toEqual(
      EXCHANGE_COLUMNS_V2.map((c) => [`\`${c.name}\``, c.header]),
    );
  });

  it('streams approved filings as CSV with BOM, scoped to the city', async () => {
    const res = await p.province.client.get(`/api/v1/exchange/filings.csv?campaignId=${campaign.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsvText(res.body.replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual(EXCHANGE_COLUMNS_V2.map((c) => c.header));
    expect(rows).toHaveLength(3);
    const nj = rows.find((r) => r[4] === '南京,“交换”测试有限公司')!;
    const col = (name: string) => nj[EXCHANGE_COLUMNS_V2.findIndex((c) => c.name === name)];
    expect(res.headers['x-exchange-layout']).toBe('v3');
    expect(col('layout_version')).toBe('v3');
    // Layout v3 writes the Chinese label of the size class, not the code (issue 16).
    expect(col('sme_size')).toBe('中型');
    expect(col('fiscal_year')).toBe('2022');
    expect(col('operating_revenue')).toBe('8650');
    expect(col('rd_expense')).toBe('389.25');
    expect(col('net_profit')).toBe('-12.5');
    expect(col('employees')).toBe('186');
    expect(col('approved_at')).toBe('2023-03-30 15:00');
    expect(col('qualified')).toBe('是');
    // Inconsistent figures are flagged for the national platform (issue 16 item 4).
    expect(col('data_check')).toBe('待人工复核');
    expect(col('data_check_notes')).toContain('主营业务收入大于营业收入');
    const ks = rows.find((r) => r[4] === p.ksEnterprise.displayName)!;
    expect(ks[EXCHANGE_COLUMNS_V2.findIndex((c) => c.name === 'data_check')]).toBe('');

    const city = await p.szCity.client.get(`/api/v1/exchange/filings.csv?campaignId=${campaign.id}`);
    const cityRows = parseCsvText(city.body.replace(/^\uFEFF/, ''));
    expect(cityRows.slice(1).map((r) => r[4])).toEqual([p.ksEnterprise.displayName]);
    expect(
      (await p.ksCounty.client.get(`/api/v1/exchange/filings.csv?campaignId=${campaign.id}`)).statusCode,
    ).toBe(403);
  });

  it('still writes layout v2 (size class codes) when asked for it', async () => {
    const res = await p.province.client.get(
      `/api/v1/exchange/filings.csv?campaignId=${campaign.id}&layout=v2`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-exchange-layout']).toBe('v2');
    expect(res.headers['content-disposition']).toContain('v2');
    const rows = parseCsvText(res.body.replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual(EXCHANGE_COLUMNS_V2.map((c) => c.header));
    const idx = (name: string) => EXCHANGE_COLUMNS_V2.findIndex((c) => c.name === name);
    const ks = rows.find((r) => r[4] === p.ksEnterprise.displayName)!;
    expect(ks[idx('layout_version')]).toBe('v2');
    expect(ks[idx('sme_size')]).toBe('small');

    const bad = await p.province.client.get(
      `/api/v1/exchange/filings.csv?campaignId=${campaign.id}&layout=v9`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('数据格式版本只能是 v2 或 v3');
  });

  it('streams the same layout as .xlsx', async () => {
    const res = await p.province.client.get(`/api/v1/exchange/filings.xlsx?campaignId=${campaign.id}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(EXCHANGE_COLUMNS_V2.map((c) => c.header));
    expect(sheet.rowCount).toBe(3);
    expect(sheet.name).toBe('填报数据_v3');
    const sizeCol = EXCHANGE_COLUMNS_V2.findIndex((c) => c.name === 'sme_size') + 1;
    const sizes = [2, 3].map((n) => sheet.getRow(n).getCell(sizeCol).value).sort();
    expect(sizes).toEqual(['中型', '小型'].sort());
  });
});

describe('import of a recognition list', () => {
  function upload(client: TestClient, data: Buffer, filename: string) {
    const { payload, headers } = multipart({}, { name: 'file', filename, contentType: 'text/csv', data });
    return client.request('POST', '/api/v1/exchange/recognitions/import', { payload, headers });
  }

  it('imports good rows, reports bad rows by row number, and is idempotent', async () => {
    const [ks] = await t.ctx.db
      .select()
      .from(enterprises)
      .where(eq(enterprises.id, p.ksEnterprise.enterpriseId!));
    const wjCode = usccIn('320509', 1);
    const csv = [
      '企业名称,统一社会信用代码,称号,批次/文号,认定日期,有效期至',
      `${ks!.name},${ks!.uscc.toLowerCase()},专精特新“小巨人”企业,工信部企业函〔2023〕1号,2023-07-01,2026-06-30`,
      `苏州吴江另一个名字有限公司,${wjCode},江苏省专精特新中小企业,苏工信中小〔2023〕100号,2023年8月1日,2026年7月31日`,
      `不存在的企业,${usccIn('320583', 99)},江苏省专精特新中小企业,苏工信中小〔2023〕100号,2023-08-01,2026-07-31`,
      `格式错误企业,91320583ABC,江苏省专精特新中小企业,苏工信中小〔2023〕100号,2023-08-01,2026-07-31`,
      `缺日期企业,${usccIn('320583', 98)},江苏省专精特新中小企业,苏工信中小〔2023〕100号,,2026-07-31`,
      '',
    ].join('\r\n');
    expect((await upload(p.szCity.client, Buffer.from(csv), 'list.csv')).statusCode).toBe(403);
    const res = await upload(p.province.client, Buffer.from('\uFEFF' + csv), 'list.csv');
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ rows: 5, created: 2, updated: 0, unchanged: 0 });
    expect(r.errors.map((e: { row: number }) => e.row)).toEqual([4, 5, 6]);
    expect(r.errors[0].message).toContain('平台中没有统一社会信用代码');
    expect(r.errors[1].message).toContain('统一社会信用代码“91320583ABC”不正确');
    expect(r.errors[2].message).toContain('缺少认定日期');
    expect(r.warnings).toEqual([{ row: 3, message: expect.stringContaining('与平台登记的') }]);

    const recs = await t.ctx.db
      .select()
      .from(recognitions)
      .where(and(eq(recognitions.source, 'import')));
    expect(recs.map((x) => x.kind).sort()).toEqual(['little_giant', 'provincial_specialized']);
    const lg = recs.find((x) => x.kind === 'little_giant')!;
    expect(lg.validTo.toISOString()).toBe('2026-06-30T15:59:59.999Z');
    expect(lg.documentNo).toBe('工信部企业函〔2023〕1号');

    const again = (await upload(p.province.client, Buffer.from(csv), 'list.csv')).json();
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await t.ctx.db.select().from(recognitions).where(eq(recognitions.source, 'import'))).toHaveLength(
      2,
    );
  });

  it('reads .xlsx and refuses a file without the required columns', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('名单');
    sheet.addRow(['企业名称', '统一社会信用代码', '称号', '批次/文号', '认定日期', '有效期至']);
    sheet.addRow([
      p.wjEnterprise.displayName,
      usccIn('320509', 1),
      '创新型中小企业',
      '苏州2023第一批',
      new Date(Date.UTC(2023, 3, 10)),
      new Date(Date.UTC(2026, 3, 9)),
    ]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const r = (await upload(p.province.client, data, 'list.xlsx')).json();
    expect(r).toMatchObject({ rows: 1, created: 1, errors: [] });
    const bad = await upload(p.province.client, Buffer.from('企业名称,称号\r\n甲,乙\r\n'), 'x.csv');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('统一社会信用代码');
  });

  it('imports 科技型中小企业 titles with their 登记编号, keyed by the number', async () => {
    const [ks] = await t.ctx.db
      .select()
      .from(enterprises)
      .where(eq(enterprises.id, p.ksEnterprise.enterpriseId!));
    const wjCode = usccIn('320509', 1);
    const csv = [
      '企业名称,统一社会信用代码,称号,批次/文号,认定日期,有效期至,登记编号',
      `${ks!.name},${ks!.uscc},科技型中小企业,,2026-05-10,2027-05-09,２０２６３２０５８３Ａ０００７７７７`,
      `${p.wjEnterprise.displayName},${wjCode},科技型中小企业,2026年第二批,2026-06-01,2027-05-31,`,
      `${p.wjEnterprise.displayName},${wjCode},科技型中小企业,,2026-06-01,2027-05-31,2026320583A0007777`,
      `${p.wjEnterprise.displayName},${wjCode},科技型中小企业,,2026-06-01,2027-05-31,12`,
      '',
    ].join('\r\n');
    const r = (await upload(p.province.client, Buffer.from(csv), 'tech.csv')).json();
    expect(r).toMatchObject({ rows: 4, created: 1, updated: 0, unchanged: 0 });
    expect(r.errors.map((e: { row: number; message: string }) => [e.row, e.message])).toEqual([
      [3, expect.stringContaining('须填写登记编号')],
      [4, expect.stringContaining('与第 2 行重复')],
      [5, expect.stringContaining('登记编号应为 8–30 位')],
    ]);
    const [rec] = await t.ctx.db
      .select()
      .from(recognitions)
      .where(and(eq(recognitions.kind, 'tech_sme'), eq(recognitions.source, 'import')));
    expect(rec).toMatchObject({
      enterpriseId: p.ksEnterprise.enterpriseId,
      title: '科技型中小企业',
      registrationNo: '2026320583A0007777',
      documentNo: null,
    });
    expect(rec!.validTo.toISOString()).toBe('2027-05-09T15:59:59.999Z');

    // Idempotent by number; the same number for another enterprise is refused, changing nothing.
    const again = (await upload(p.province.client, Buffer.from(csv), 'tech.csv')).json();
    expect(again).toMatchObject({ created: 0, unchanged: 1 });
    const stolen = [
      '企业名称,统一社会信用代码,称号,批次/文号,认定日期,有效期至,登记编号',
      `${p.wjEnterprise.displayName},${wjCode},科技型中小企业,,2026-06-01,2027-05-31,2026320583A0007777`,
    ].join('\r\n');
    const s2 = (await upload(p.province.client, Buffer.from(stolen), 'tech2.csv')).json();
    expect(s2).toMatchObject({
      created: 0,
      errors: [{ row: 2, message: expect.stringContaining('另一家企业') }],
    });
    expect(await t.ctx.db.select().from(recognitions).where(eq(recognitions.kind, 'tech_sme'))).toHaveLength(
      1,
    );
  });
});
