/**
 * The enterprise filing journey in Chromium: 新增入库 for the 吴江 demo enterprise (no filing yet, open campaign),
 * all six sections through the UI, amounts pasted with commas and normalised, the live self-assessment, uploads
 * (one refused by the server with its Chinese message), a tab closed before the autosave and the input restored,
 * the submit (double click files once), 待县区审核, and the 申报书 PDF.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './browser';
import { downloadOf, sessionAs } from './api';
import { pdfText } from '../helpers/pdf-text';

const USER = 'demo_qiye_wj';
const PASSWORD = 'Demo@2023js';

function pdf(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A6' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(12).text(text);
    doc.end();
  });
}

function png(): Promise<Buffer> {
  return sharp({ create: { width: 160, height: 120, channels: 3, background: { r: 30, g: 96, b: 189 } } })
    .png()
    .toBuffer();
}

/** Polls with a timeout fit for a loaded 2-core machine. */
const poll = <T>(fn: () => T | Promise<T>, timeout = 20_000) => expect.poll(fn, { timeout });

const id = (section: string, p: string) => `#fld-${section}-${p.replace(/\./g, '-')}`;

async function fill(page: Page, section: string, p: string, value: string): Promise<void> {
  const input = page.locator(id(section, p));
  await input.fill(value);
}

/** A select (the browser's own): pick by value. */
async function choose(page: Page, selector: string, value: string): Promise<void> {
  await page.locator(selector).selectOption(value);
  await poll(() => page.locator(selector).inputValue()).toBe(value);
}

/** A date picker (antd, zh_CN): typed as 'YYYY-MM-DD' and confirmed with Enter, as a keyboard user does. */
async function date(page: Page, selector: string, value: string): Promise<void> {
  const input = page.locator(selector);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await poll(() => input.inputValue()).toBe(value);
}

/**
 * What of a list of rows (主导产品, 知识产权) sticks out of the editor's card or scrolls sideways inside it (empty
 * when it fits).
 */
function overflowOfList(page: Page, name: string): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const list = document.querySelector('[data-list="${name}"]');
    if (!list) return ['no list ${name}'];
    const card = list.closest('.ant-card-body');
    const problems = [];
    const right = card.getBoundingClientRect().right;
    if (card.scrollWidth > card.clientWidth + 1) problems.push('card ' + card.scrollWidth + ' > ' + card.clientWidth);
    for (const el of [list, ...list.querySelectorAll('*')]) {
      const what = el.tagName.toLowerCase() + '.' + String(el.className).split(' ')[0];
      const over = el.getBoundingClientRect().right - right;
      if (over > 1) problems.push(what + ' sticks out by ' + Math.round(over) + ' px');
      const scrolls = ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
      if (scrolls && el.scrollWidth > el.clientWidth + 1) {
        problems.push(what + ' scrolls sideways (' + el.scrollWidth + ' > ' + el.clientWidth + ')');
      }
    }
    return problems;
  })()`);
}

/** The list fits the editor's card on this 1366 px screen and on a 390 px phone. */
async function fitsDesktopAndPhone(page: Page, name: string): Promise<void> {
  expect(await overflowOfList(page, name)).toEqual([]);
  const desktop = page.viewportSize()!;
  expect(desktop.width).toBe(1366);
  await page.setViewportSize({ width: 390, height: 844 });
  await poll(() => overflowOfList(page, name)).toEqual([]);
  await page.setViewportSize(desktop);
}

async function openTab(page: Page, section: string): Promise<void> {
  await page.locator(`.ant-tabs-tab [data-section="${section}"]`).click();
  await page.locator(`[data-section-panel="${section}"]`).waitFor();
}

async function login(page: Page, baseUrl: string, next = ''): Promise<void> {
  await page.goto(`${baseUrl}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('用户名').fill(USER);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((u) => u.pathname.startsWith('/qiye'));
}

describe('enterprise filing (新增入库) in Chromium', () => {
  let b: Browser;
  /** Shared with the return test: the submitted filing and its last fiscal year. */
  let filedUrl = '';
  let lastYear = '';
  let tmp: string;

  beforeAll(async () => {
    b = await openBrowser();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sme-filing-e2e-'));
    const files: Record<string, Buffer> = {
      'licence.png': await png(),
      'audit-last.pdf': await pdf('Audit report (last year)'),
      'audit-before.pdf': await pdf('Audit report (year before)'),
      'social.pdf': await pdf('Social security'),
      'ip.pdf': await pdf('Patent certificate'),
      'self.pdf': await pdf('Self-assessment, signed and sealed'),
      'not-really.pdf': Buffer.from('This is plain text pretending to be a PDF file.\n'.repeat(20)),
    };
    for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(tmp, name), data);
  });

  afterAll(async () => {
    await b?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('fills all six sections, survives a closed tab, submits once and downloads the 申报书', async () => {
    let page = b.page;
    try {
      await journey();
    } catch (err) {
      // Evidence for whoever reads the failure: where the page was and what it showed.
      const shot = path.join(os.tmpdir(), 'filing-e2e-failure.png');
      await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
      const text = await page
        .locator('body')
        .innerText()
        .catch(() => '');
      console.error(`filing e2e failed at ${page.url()} (screenshot ${shot}):\n${text.slice(0, 3000)}`);
      throw err;
    }

    async function journey(): Promise<void> {
      const base = b.baseUrl;
      await login(page, base);

      // ---- the list: start 新增入库
      await page.goto(`${base}/qiye/filings`);
      await page.locator('#campaign-name').waitFor();
      await poll(() => page.locator('#filing-countdown').textContent()).toContain('距填报截止还有');
      const startEntry = page.locator('#start-entry');
      await poll(() => startEntry.isEnabled()).toBe(true);
      await startEntry.click();
      await page.waitForURL(/\/qiye\/filings\/[0-9a-f-]{36}$/);
      const editorUrl = page.url();
      filedUrl = editorUrl;
      await page.locator('#assessment-panel').waitFor();

      // ---- 基本情况 (name, credit code, 注册地 and contact are carried over from the account)
      await poll(() => page.locator(id('basic', 'enterpriseName')).inputValue()).toBe(
        '苏州吴江示范新材料有限公司',
      );
      await date(page, id('basic', 'establishedDate'), '2015-06-18');
      await fill(page, 'basic', 'registeredCapital', '2,000');
      await page.locator(id('basic', 'registeredCapital')).press('Tab');
      await poll(() => page.locator(id('basic', 'registeredCapital')).inputValue()).toBe('2000.00');
      await poll(() => page.locator('#region-sentence').textContent()).toBe(
        '提交后由 苏州市吴江区 工信部门审核',
      );
      await page.locator('#region-confirm').check();
      await fill(page, 'basic', 'address', '江苏省苏州市吴江区松陵镇开平路 88 号');
      await fill(page, 'basic', 'postcode', '215200');
      await fill(page, 'basic', 'legalRepresentative.name', '张建华');
      await fill(page, 'basic', 'legalRepresentative.mobile', '13912340002');
      await choose(page, id('basic', 'registrationType'), '173');
      // 所属行业 found by a product word: 齿轮 offers the gear class first; 塑料零件 the film maker's class.
      const industry = page.locator(id('basic', 'industryCode'));
      const industryOptions = page.locator('#fld-basic-industryCode-options [role=option]');
      await industry.fill('齿轮');
      await poll(() => industryOptions.first().textContent()).toContain('C3453 齿轮及齿轮减、变速箱制造');
      await industry.fill('塑料零件');
      await industryOptions.filter({ hasText: 'C2929' }).click();
      await poll(() => industry.inputValue()).toBe('C2929');
      await poll(() => page.locator('.industry-known').textContent()).toContain('塑料零件及其他塑料制品制造');
      await fill(page, 'basic', 'nicheYears', '8');

      // ---- a tab closed before the autosave: the input comes back
      const typed =
        '研发、生产和销售高分子功能膜材料，产品用于新能源电池隔膜和光伏背板，客户为长三角电池和组件企业。';
      await fill(page, 'basic', 'mainBusiness', typed);
      await page.close();
      page = await b.context.newPage();
      await page.goto(editorUrl);
      // Closing the browser's last tab ends its session cookies: the login page appears (next = the editor),
      // exactly the "session expired" path. Log in again and come back.
      await page.locator('[data-section-panel="basic"], #username').first().waitFor();
      if (new URL(page.url()).pathname === '/login') {
        await page.getByLabel('用户名').fill(USER);
        await page.getByLabel('密码').fill(PASSWORD);
        await page.locator('button[type="submit"]').click();
        await page.waitForURL(editorUrl);
      }
      await page.locator('[data-section-panel="basic"]').waitFor();
      await page.locator('#assessment-panel').waitFor();
      await poll(() => page.locator(id('basic', 'mainBusiness')).inputValue()).toBe(typed);
      await poll(() => page.locator(id('basic', 'nicheYears')).inputValue()).toBe('8');
      await poll(
        async () =>
          (await page.locator('#restored-notice').count()) > 0 ||
          (await page.locator('#save-indicator').getAttribute('data-state')) === 'saved',
      ).toBe(true);
      await poll(() =>
        page.locator('.ant-tabs-tab [data-section="basic"] .section-badge').first().textContent(),
      ).toBe('完整');

      // ---- 产品信息
      await openTab(page, 'products');
      await fill(page, 'products', 'mainProducts.0.name', '锂电池隔膜');
      await fill(page, 'products', 'mainProducts.0.category', '高分子功能膜');
      await choose(page, id('products', 'mainProducts.0.strategicEmergingField'), '3');
      await fill(page, 'products', 'mainProducts.0.salesRevenue', '4,210.00');
      // The product list fits the editor's card: on this 1366 px screen and on a 390 px phone (no sideways
      // scrolling inside the card, nothing sticking out of it).
      await fitsDesktopAndPhone(page, 'mainProducts');

      // ---- 经营情况: the score appears once the figures are in
      await openTab(page, 'operations');
      await poll(() => page.locator('#assessment-total').textContent()).toBe('—');
      const ops: Record<string, Record<string, string>> = {};
      await page.locator('#ops-years').waitFor();
      const years = (await page.locator('#ops-years thead th').allTextContents())
        .slice(1)
        .map((t) => t.replace(/\D/g, ''));
      const [, y2, y1] = years as [string, string, string];
      lastYear = y1;
      ops[y2] = {
        operatingRevenue: '4950',
        mainBusinessRevenue: '4630',
        rdExpense: '240',
        totalAssets: '6010',
        totalLiabilities: '2900',
        employees: '118',
      };
      ops[y1] = {
        operatingRevenue: '5,680.00',
        mainBusinessRevenue: '5320.5',
        rdExpense: '298.40',
        totalAssets: '6,543.21',
        totalLiabilities: '1,234.56',
        employees: '126',
      };
      for (const [year, fields] of Object.entries(ops)) {
        for (const [k, v] of Object.entries(fields)) await fill(page, 'operations', `years.${year}.${k}`, v);
      }
      const liabilities = page.locator(id('operations', `years.${y1}.totalLiabilities`));
      await liabilities.press('Tab');
      await poll(() => liabilities.inputValue()).toBe('1234.56');
      // A third decimal: the shared Chinese message beside the field, the input kept as typed.
      const tax = page.locator(id('operations', `years.${y1}.taxPaid`));
      await tax.fill('12.345');
      await tax.press('Tab');
      await poll(() => page.locator('td', { has: tax }).locator('.field-error').textContent()).toContain(
        '两位小数',
      );
      await tax.fill('12.34');
      await tax.press('Tab');
      await poll(() => page.locator('#assessment-total').textContent()).toMatch(/^\d+$/);
      const scoreWithoutIp = Number(await page.locator('#assessment-total').textContent());
      expect(scoreWithoutIp).toBeGreaterThanOrEqual(60);

      // ---- 创新研发: an IP row (the score rises), an R&D row added and removed
      await openTab(page, 'innovation');
      await page.getByRole('button', { name: '添加知识产权' }).click();
      await choose(page, id('innovation', 'ipItems.0.category'), '发明专利');
      await fill(page, 'innovation', 'ipItems.0.number', 'ZL202110123456.7');
      await fill(page, 'innovation', 'ipItems.0.name', '一种高孔隙率锂电池隔膜的制备方法');
      await date(page, id('innovation', 'ipItems.0.grantDate'), '2022-04-12');
      // 获得方式 is a required question with no answer preselected: leaving it blank, the Chinese message shows
      // beside it; the enterprise then chooses.
      const acquisition = page.locator(id('innovation', 'ipItems.0.acquisition'));
      expect(await acquisition.inputValue()).toBe('');
      await acquisition.focus();
      await acquisition.press('Tab');
      const acquisitionField = page.locator('.rows-card-field', { has: acquisition });
      await poll(() => acquisitionField.locator('.field-error').textContent()).toBe('请选择获得方式');
      await choose(page, id('innovation', 'ipItems.0.acquisition'), '自主研发');
      await poll(() => acquisitionField.locator('.field-error').count()).toBe(0);
      // 与主导产品相关 is a required question with no answer preselected: the enterprise chooses it.
      const related = page.locator(id('innovation', 'ipItems.0.relatedToMainProduct'));
      await poll(() => related.locator('input[type=radio]').count()).toBe(2);
      expect(await related.locator('input:checked').count()).toBe(0);
      await related.getByText('是').click();
      // The 知识产权 rows are cards too: nothing sticks out of the editor's card at 1366 px or on a phone.
      await fitsDesktopAndPhone(page, 'ipItems');
      await poll(async () => Number(await page.locator('#assessment-total').textContent())).toBeGreaterThan(
        scoreWithoutIp,
      );
      await page.getByRole('button', { name: '添加研发机构' }).click();
      await poll(() => page.locator('[data-list="rdInstitutions"] tbody tr.rows-row').count()).toBe(1);
      await page.getByRole('button', { name: '删除研发机构第1行' }).click();
      await poll(() => page.locator('[data-list="rdInstitutions"] tbody tr.rows-row').count()).toBe(0);
      await choose(page, id('innovation', 'digitalLevel'), '二级');

      // ---- 已认定事项
      await openTab(page, 'recognitions');
      await page.locator(id('recognitions', 'highTech.held')).getByText('否').click();
      await choose(page, id('recognitions', 'makerChina.rank'), 'none');

      // ---- 附件: limits shown before the upload; a fake PDF refused with the server's message; the real files
      await openTab(page, 'attachments');
      const slot = (key: string) => page.locator(`.slot-row[data-slot="${key}"]`);
      await poll(() => slot('businessLicense').textContent()).toContain('单个文件不超过');
      await slot('businessLicense')
        .locator('input[type=file]')
        .setInputFiles(path.join(tmp, 'not-really.pdf'));
      await poll(() => slot('businessLicense').locator('.field-error').textContent()).toContain(
        '不是 PDF、JPG 或 PNG 格式',
      );
      // An upload error in a slot left as it is must not stay on the filing once it is submitted.
      await slot('other').locator('input[type=file]').setInputFiles(path.join(tmp, 'not-really.pdf'));
      await poll(() => slot('other').locator('.field-error').count()).toBe(1);

      // ---- the 自评表（签字盖章）: printed from the editor before submission, then signed, stamped and uploaded
      const selfTable = await downloadOf(page, () =>
        slot('selfAssessment').locator('#self-assessment-print').click(),
      );
      expect(selfTable.name).toBe('江苏省创新型中小企业自评表.pdf');
      const selfText = pdfText(selfTable.bytes);
      expect(selfText).toContain('苏州吴江示范新材料有限公司');
      expect(selfText).toContain('法定代表人（签字）');
      const selfCode = /验证码：([A-Z0-9]{12})/.exec(selfText)?.[1];
      expect(selfCode).toBeTruthy();
      // In development and test the QR and address are the page's own, not PUBLIC_BASE_URL's.
      expect(selfText).toContain(`${new URL(base).host}/verify/${selfCode}`);

      const uploads: [string, string][] = [
        ['businessLicense', 'licence.png'],
        [`auditReport:${y1}`, 'audit-last.pdf'],
        [`auditReport:${y2}`, 'audit-before.pdf'],
        ['socialSecurity', 'social.pdf'],
        ['ipCertificates', 'ip.pdf'],
        ['selfAssessment', 'self.pdf'],
      ];
      for (const [key, file] of uploads) {
        await slot(key).locator('input[type=file]').setInputFiles(path.join(tmp, file));
        await poll(() => slot(key).locator('li[data-attachment]').count(), 30_000).toBe(1);
      }
      for (const s of ['basic', 'products', 'operations', 'innovation', 'recognitions', 'attachments']) {
        await poll(() =>
          page.locator(`.ant-tabs-tab [data-section="${s}"] .section-badge`).first().textContent(),
        ).toBe('完整');
      }

      // ---- submit: unsaved edits travel with it; a double click files once
      await page.locator('#submit-button').click();
      await page.locator('#decl-truthfulness').check();
      await page.locator('#decl-compliance').check();
      await page.locator('#submit-confirm').dblclick();
      await page.locator('[data-status="county_review"]').first().waitFor({ timeout: 30_000 });
      await poll(() => page.locator('#status-banner').textContent()).toContain('待县区审核');
      await poll(() => page.locator('.history-item[data-action="submit"]').count()).toBe(1);

      // ---- the 申报书
      const href = await page.locator('#document-link').getAttribute('href');
      expect(href).toMatch(/document\.pdf/);
      const res = await b.context.request.get(new URL(href!, base).toString());
      expect(res.status()).toBe(200);
      const body = await res.body();
      expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');

      const application = pdfText(body);
      expect(/自评摘要\n([0-9A-F-]{19})/.exec(application)?.[1]).toBe(
        /自评摘要\n([0-9A-F-]{19})/.exec(selfText)?.[1],
      );
      expect(await page.locator('.slot-row[data-slot="other"] .field-error').count()).toBe(0);

      // ---- the public check of the paper 申报书 (no login needed): the code printed on it
      const banner = (await page.locator('#status-banner').textContent()) ?? '';
      const code = /申报书验证码：([A-Z0-9]+)/.exec(banner)?.[1];
      expect(code).toBeTruthy();
      // The same code as the 自评表 printed before submission.
      expect(code).toBe(selfCode);
      await page.goto(`${base}/verify/${code}`);
      await poll(() => page.locator('#verify-result').textContent()).toContain('苏州吴江示范新材料有限公司');

      // ---- the list shows it
      await page.goto(`${base}/qiye/filings`);
      const row = page.locator('tr', { hasText: '新增入库' });
      await poll(() => row.locator('[data-status]').textContent()).toBe('待县区审核');
      await poll(() => row.getByText('下载申报书').count()).toBe(1);
    }
  }, 600_000);
  it('a returned filing shows the reason, highlights the commented field, edits only that section, resubmits', async () => {
    expect(filedUrl).not.toBe('');
    const page = b.context.pages()[0] ?? (await b.context.newPage());
    const filingId = filedUrl.split('/').pop()!;
    const field = `years.${lastYear}.operatingRevenue`;
    // The 吴江 county reviewer returns it through the review API (the review module has its own journeys).
    const county = await sessionAs(b.baseUrl, 'wj_county');
    const seen = await county.request<{ statusVersion: number }>('GET', `/api/v1/review/filings/${filingId}`);
    const returned = await county.request<{ status: string }>(
      'POST',
      `/api/v1/review/filings/${filingId}/actions`,
      {
        action: 'county_return',
        reason: '营业收入与审计报告不一致，请核对后重新提交',
        expectedStatusVersion: seen.statusVersion,
        returnSections: [{ section: 'operations', fields: { [field]: '与审计报告利润表不一致' } }],
      },
    );
    expect(returned.status).toBe('returned');
    await page.goto(filedUrl);
    await poll(() => page.locator('#return-reason').textContent()).toContain('营业收入与审计报告不一致');
    await poll(() => page.locator(id('basic', 'address')).isDisabled()).toBe(true);
    await openTab(page, 'operations');
    const input = page.locator(id('operations', field));
    await poll(() => input.isDisabled()).toBe(false);
    await poll(() => page.locator('td', { has: input }).locator('.field-comment').textContent()).toContain(
      '与审计报告利润表不一致',
    );
    await input.fill('5,690.00');
    await input.press('Tab');
    await poll(() => input.inputValue()).toBe('5690.00');
    await page.locator('#submit-button').click();
    await page.locator('#decl-truthfulness').check();
    await page.locator('#decl-compliance').check();
    await page.locator('#submit-confirm').click();
    await page.locator('#status-banner').waitFor({ timeout: 30_000 });
    await poll(() => page.locator('#status-banner').textContent()).toContain('待县区审核');
    await poll(() => page.locator('.history-item[data-action="resubmit"]').count()).toBe(1);
  }, 300_000);
});
