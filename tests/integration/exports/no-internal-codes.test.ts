/**
 * Issue 16 (minor): no export the platform offers writes an internal code where a person reads a value. Each export
 * is downloaded and every cell is compared with the platform's internal codes (the keys of its label maps and the
 * codes named in the issue). The only exception is the documented `sme_size` code column of exchange layout v2
 * (docs/exchange.md, ADR 0030).
 */
import ExcelJS from 'exceljs';
import { enterprises, filings } from '../../../src/server/db/schema';
import { ensureDefaultCampaign, type Campaign } from '../../../src/server/modules/campaigns/service';
import { EXCHANGE_COLUMNS_V2 } from '../../../src/server/modules/exchange/service';
import { ManualClock } from '../../../src/server/services/clock';
import { ROLE_LABELS } from '../../../src/shared/permissions';
import { SIZE_NAMES_ZH } from '../../../src/shared/rules/sme-size-2011';
import { USER_STATUS_LABELS } from '../../../src/shared/schemas/admin-api';
import { FILING_KIND_LABELS, FILING_STATUS_LABELS } from '../../../src/shared/schemas/filing-api';
import {
  ENTRY_STATE_LABELS,
  LIST_STATUS_LABELS,
  OBJECTION_STATUS_LABELS,
} from '../../../src/shared/schemas/lists-api';
import { RECOGNITION_SOURCE_LABELS } from '../../../src/shared/schemas/registry-api';
import { createPersonas, usccIn, type Personas } from '../../helpers/personas';
import { createTestApp, type TestApp, type TestClient } from '../../helpers/test-app';

const INTERNAL_CODES = new Set<string>([
  ...Object.keys(SIZE_NAMES_ZH),
  ...Object.keys(FILING_STATUS_LABELS),
  ...Object.keys(FILING_KIND_LABELS),
  ...Object.keys(LIST_STATUS_LABELS),
  ...Object.keys(ENTRY_STATE_LABELS),
  ...Object.keys(OBJECTION_STATUS_LABELS),
  ...Object.keys(RECOGNITION_SOURCE_LABELS),
  ...Object.keys(ROLE_LABELS),
  ...Object.keys(USER_STATUS_LABELS),
  'innovative_sme',
  'tech_sme',
  'innovative',
  'little_giant',
  'provincial_specialized',
  'announcement',
  'in_db',
  'cleared',
  'needsManualReview',
  'scored',
]);

let t: TestApp;
let p: Personas;
let campaign: Campaign;

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2023-05-01T10:00:00+08:00') });
  p = await createPersonas(t);
  campaign = await ensureDefaultCampaign(t.ctx, 2023);
  const [nj] = await t.ctx.db
    .insert(enterprises)
    .values({
      name: '南京代码测试有限公司',
      uscc: usccIn('320105', 41),
      contactName: '李四',
      contactMobile: '13800000002',
      countyCode: '320105',
      cityCode: '320100',
    })
    .returning();
  const rows: [string, string, string, string, string, string][] = [
    // enterprise, county, city, status, kind, size
    [p.ksEnterprise.enterpriseId!, '320583', '320500', 'approved', 'entry', 'small'],
    [p.wjEnterprise.enterpriseId!, '320509', '320500', 'county_review', 'update', 'micro'],
    [nj!.id, '320105', '320100', 'approved', 'update', 'medium'],
  ];
  for (const [enterpriseId, countyCode, cityCode, status, kind, smeSize] of rows) {
    await t.ctx.db.insert(filings).values({
      enterpriseId,
      campaignId: campaign.id,
      kind,
      status,
      countyCode,
      cityCode,
      enterpriseName: `企业 ${smeSize}`,
      uscc: usccIn(countyCode, 7),
      industryCode: 'C3421',
      smeSize,
      scoreTotal: 72,
      directMet: false,
      qualified: true,
      submittedAt: new Date('2023-03-01T10:00:00+08:00'),
      lastActionAt: new Date('2023-03-30T15:00:00+08:00'),
      verificationCode: `V-${smeSize}`,
    });
  }
});
afterAll(async () => {
  await t.close();
});

type Cell = { sheet: string; row: number; col: number; value: string };

async function xlsxCells(client: TestClient, url: string): Promise<Cell[]> {
  const res = await client.get(url);
  expect(res.statusCode, url).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: Cell[] = [];
  for (const ws of wb.worksheets)
    ws.eachRow((row, r) =>
      row.eachCell((c, col) =>
        cells.push({ sheet: ws.name, row: r, col, value: String(c.value ?? '').trim() }),
      ),
    );
  return cells;
}

function csvCells(body: string): Cell[] {
  return body
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)
    .flatMap((line, r) =>
      // The fixtures hold no quoted field, so a plain split is exact here.
      line.split(',').map((value, c) => ({ sheet: 'csv', row: r + 1, col: c + 1, value })),
    );
}

const codesIn = (cells: Cell[]) => cells.filter((c) => INTERNAL_CODES.has(c.value));

describe('exports write labels, never internal codes (issue 16)', () => {
  it('the fixtures give each export something to write', async () => {
    const cells = await xlsxCells(p.province.client, '/api/v1/review/export.xlsx?scope=all');
    expect(cells.map((c) => c.value)).toEqual(
      expect.arrayContaining(['中型企业', '微型企业', '已通过', '待县区审核', '数据更新']),
    );
  });

  const exports: [string, () => [TestClient, string]][] = [
    ['review queue (county)', () => [p.ksCounty.client, '/api/v1/review/export.xlsx']],
    ['review queue (province, all)', () => [p.province.client, '/api/v1/review/export.xlsx?scope=all']],
    ['statistics', () => [p.province.client, '/api/v1/statistics/export.xlsx?year=2023']],
    [
      'province lists',
      () => [p.province.client, `/api/v1/province/lists/export.xlsx?campaignId=${campaign.id}`],
    ],
    ['my data', () => [p.ksEnterprise.client, '/api/v1/account/my-data.xlsx']],
    [
      'exchange v3 .xlsx',
      () => [p.province.client, `/api/v1/exchange/filings.xlsx?campaignId=${campaign.id}`],
    ],
    [
      'audit log',
      () => [
        p.auditAdmin.client,
        `/api/v1/admin/audit/export.xlsx?from=${encodeURIComponent('2020-01-01T00:00:00+08:00')}&to=${encodeURIComponent('2100-01-01T00:00:00+08:00')}`,
      ],
    ],
  ];
  for (const [name, target] of exports) {
    it(`${name}: no cell is an internal code`, async () => {
      const [client, url] = target();
      const cells = await xlsxCells(client, url);
      expect(cells.length).toBeGreaterThan(1);
      expect(codesIn(cells)).toEqual([]);
    });
  }

  it('exchange v3 .csv has none; v2 has codes only in its documented sme_size column', async () => {
    const v3 = await p.province.client.get(`/api/v1/exchange/filings.csv?campaignId=${campaign.id}`);
    expect(v3.statusCode).toBe(200);
    const v3Cells = csvCells(v3.body);
    expect(v3Cells.filter((c) => c.row > 1)).toHaveLength(2 * EXCHANGE_COLUMNS_V2.length);
    expect(codesIn(v3Cells)).toEqual([]);

    const v2 = await p.province.client.get(
      `/api/v1/exchange/filings.csv?campaignId=${campaign.id}&layout=v2`,
    );
    const sizeCol = EXCHANGE_COLUMNS_V2.findIndex((c) => c.name === 'sme_size') + 1;
    const found = codesIn(csvCells(v2.body));
    expect(found.map((c) => c.value).sort()).toEqual(['medium', 'small']);
    expect(found.every((c) => c.col === sizeCol)).toBe(true);
  });
});
