/**
 * Exchange with the national platform and 复核 in Chromium (issue 6; docs/exchange.md):
 *
 * 1. The province opens 数据交换 and downloads the current campaign's approved filings as CSV (UTF-8 with BOM,
 *    layout v1) and as Excel.
 * 2. The province imports a national 小巨人 list with one good row and three bad ones: the page reports each row
 *    it could not import with its row number and reason; the good row's enterprise sees the recognition on 我的认定.
 * 3. 复核: the province opens 复核申请 in the current campaign (campaign API) and a 创新型 recognition of the
 *    enterprise that expires this year is imported (exchange API); the enterprise starts its 复核 in the portal,
 *    submits it (filing API), the county and the city approve it (review API), and 我的认定 shows the validity
 *    extended by three years.
 *
 * The enterprise enters the database first (新增入库 submitted and approved through the API, tests/e2e/api.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approve,
  approvedKunshanEnterprise,
  downloadOf,
  fillAndSubmitFiling,
  importRecognitionFile,
  loginAs,
  sessionAs,
  shot,
  usccFor,
} from './api';
import { openBrowser, type Browser } from './browser';

const QIYE = {
  username: 'exchange_e2e',
  password: 'Qiye@2023ex',
  enterpriseName: '昆山数据交换测试科技有限公司',
  uscc: usccFor('320583', '85008500'),
  mobile: '13900000085',
};
const UNKNOWN_USCC = usccFor('320583', '86998699');
const GIANT_DOC = '工信部企业函〔2026〕101号';
const HEADER = '企业名称,统一社会信用代码,称号,批次/文号,认定日期,有效期至';

interface CampaignView {
  id: string;
  year: number;
  kindsOpen: string[];
}

describe('exchange with the national platform and 复核', () => {
  let b: Browser;
  let campaign: CampaignView;

  beforeAll(async () => {
    b = await openBrowser();
    await approvedKunshanEnterprise(b.baseUrl, QIYE);
    const province = await sessionAs(b.baseUrl, 'js_province');
    const { items, currentId } = await province.request<{ items: CampaignView[]; currentId: string | null }>(
      'GET',
      '/api/v1/campaigns',
    );
    campaign = items.find((c) => c.id === currentId)!;
    expect(campaign).toBeDefined();
  }, 180_000);

  afterAll(async () => {
    // The other journeys share the server: the current campaign gets its kinds back.
    if (campaign) {
      const province = await sessionAs(b.baseUrl, 'js_province');
      await province.request('PATCH', `/api/v1/campaigns/${campaign.id}`, { kindsOpen: campaign.kindsOpen });
    }
    await b?.close();
  });

  it('the province exports the approved filings as CSV and Excel', async () => {
    const page = await loginAs(b, 'js_province');
    await page.getByRole('menuitem', { name: '数据交换' }).click();
    await page.waitForURL(/\/gov\/exchange/);
    await page.locator('#exchange-export-csv').waitFor({ timeout: 30_000 });
    await shot(page, 'exchange');

    const csv = await downloadOf(page, () => page.locator('#exchange-export-csv').click());
    expect(csv.name).toMatch(new RegExp(`^优质中小企业填报数据_${campaign.year}年度_v3_\\d{8}\\.csv$`));
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.subarray(3).toString('utf8');
    const [header, ...rows] = text.split('\r\n');
    expect(header!.split(',').slice(0, 6)).toEqual([
      '数据格式版本',
      '批次年度',
      '数据所属年度',
      '填报类型',
      '企业名称',
      '统一社会信用代码',
    ]);
    const mine = rows.find((r) => r.includes(QIYE.uscc));
    expect(mine).toBeDefined();
    expect(mine).toContain(`v3,${campaign.year},${campaign.year - 1},新增入库,${QIYE.enterpriseName}`);

    const xlsx = await downloadOf(page, () => page.locator('#exchange-export-xlsx').click());
    expect(xlsx.name).toMatch(/_v3_\d{8}\.xlsx$/);
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('the province imports a 小巨人 list: each row not imported is reported; the enterprise sees the recognition', async () => {
    const page = b.page;
    const file = [
      HEADER,
      `${QIYE.enterpriseName},${QIYE.uscc},专精特新“小巨人”企业,${GIANT_DOC},2026-07-01,2029-06-30`,
      `昆山未注册测试有限公司,${UNKNOWN_USCC},专精特新“小巨人”企业,${GIANT_DOC},2026-07-01,2029-06-30`,
      `昆山代码错误测试有限公司,91320583X1234,专精特新“小巨人”企业,${GIANT_DOC},2026-07-01,2029-06-30`,
      `${QIYE.enterpriseName},${QIYE.uscc},优秀企业,${GIANT_DOC},2026-13-45,2029-06-30`,
    ].join('\r\n');
    await page.locator('input[type=file]').setInputFiles({
      name: '国家级专精特新小巨人名单.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('\uFEFF' + file, 'utf8'),
    });
    const result = page.locator('#exchange-import-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await page.locator('#import-created').textContent()).toBe('1');
    expect(await page.locator('#import-failed').textContent()).toBe('3');
    const errorRow = (n: number) =>
      page.locator('#import-errors .ant-table-row', {
        has: page.locator('td', { hasText: new RegExp(`^${n}$`) }),
      });
    expect(await errorRow(3).textContent()).toContain(`平台中没有统一社会信用代码为 ${UNKNOWN_USCC} 的企业`);
    expect(await errorRow(4).textContent()).toContain('统一社会信用代码“91320583X1234”不正确');
    const row5 = (await errorRow(5).textContent()) ?? '';
    expect(row5).toContain('无法识别称号“优秀企业”');
    expect(row5).toContain('认定日期格式不正确');
    expect(await page.locator('#import-errors .ant-table-row').count()).toBe(3);
    await shot(page, 'exchange-import');

    const qiye = await loginAs(b, QIYE.username, QIYE.password);
    await qiye.getByRole('menuitem', { name: '我的认定' }).click();
    await qiye.waitForURL(/\/qiye\/record/);
    const giant = qiye.locator('#recognitions tr', { hasText: '小巨人' });
    await giant.waitFor({ timeout: 30_000 });
    const giantText = (await giant.textContent()) ?? '';
    expect(giantText).toContain(GIANT_DOC);
    expect(giantText).toContain('2026年7月1日 至 2029年6月30日');
  });

  it('an enterprise whose 创新型 recognition expires this year files a 复核; once approved its validity is extended', async () => {
    const Y = campaign.year;
    // State: the province opens 复核申请 in the current campaign; the national platform's file records a 创新型
    // recognition of the enterprise expiring at the end of this year.
    const province = await sessionAs(b.baseUrl, 'js_province');
    await province.request('PATCH', `/api/v1/campaigns/${campaign.id}`, {
      kindsOpen: [...new Set([...campaign.kindsOpen, 'rereview'])],
    });
    const imported = await importRecognitionFile(
      b.baseUrl,
      '创新型中小企业名单.csv',
      [
        HEADER,
        `${QIYE.enterpriseName},${QIYE.uscc},创新型中小企业,苏工信中小〔${Y - 3}〕35号,${Y - 3}-12-31,${Y}-12-31`,
      ].join('\r\n'),
    );
    expect(imported.errors).toEqual([]);
    expect(imported.created).toBe(1);

    const page = await loginAs(b, QIYE.username, QIYE.password);
    await page.goto(`${b.baseUrl}/qiye/record`);
    const innovative = page.locator('#recognitions tr', { hasText: '创新型中小企业' });
    await innovative.waitFor({ timeout: 30_000 });
    expect(await innovative.textContent()).toContain(`至 ${Y}年12月31日`);

    await page.goto(`${b.baseUrl}/qiye/filings`);
    const start = page.locator('#start-rereview');
    await start.waitFor({ timeout: 30_000 });
    await expect.poll(() => start.isEnabled()).toBe(true);
    await shot(page, 'rereview-start');
    await start.click();
    await page.waitForURL(/\/qiye\/filings\/[0-9a-f-]+$/, { timeout: 30_000 });
    const filingId = /\/qiye\/filings\/([0-9a-f-]+)$/.exec(page.url())![1]!;

    // The enterprise completes and submits it; the 昆山 county and the 苏州 city approve.
    await fillAndSubmitFiling(b.baseUrl, QIYE.username, QIYE.password, filingId);
    await approve(b.baseUrl, 'ks_county', filingId, 'county_approve');
    await approve(b.baseUrl, 'sz_city', filingId, 'city_approve');

    await page.goto(`${b.baseUrl}/qiye/filings`);
    const row = page.locator('tr', { hasText: '复核申请' });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('已通过');
    // A 复核 is once per campaign: the button now says why not.
    expect(await page.locator('#start-rereview').isDisabled()).toBe(true);

    await page.getByRole('menuitem', { name: '我的认定' }).click();
    await page.waitForURL(/\/qiye\/record/);
    await innovative.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => innovative.textContent(), { timeout: 30_000 })
      .toContain(`${Y - 3}年12月31日 至 ${Y + 3}年12月31日`);
    expect(await page.locator('body').textContent()).toContain(`${Y}年度复核通过`);
    await shot(page, 'rereview-extended');
  });
});
