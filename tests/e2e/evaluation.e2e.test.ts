/**
 * 创新型评价 and 推荐名单 journeys in Chromium (issue 6) that the publicity journey does not cover:
 *
 * 1. 评价修正: the 南京 city reviewer opens an evaluation and, after checking the evidence, marks the enterprise's
 *    invention patent as not related to its main product. Without a reason the correction is refused next to the
 *    修正原因 field (and by the API); with one the score is recomputed on the page and both versions are shown.
 *    (南京, not 苏州: once the publicity journey has put 苏州's list in 公示, 苏州's evaluations are frozen.)
 * 2. 不列入: the 南京 city builds its draft list, refuses an exclusion without a reason next to the field, excludes
 *    one enterprise with a reason (shown on the entry) and publishes the 公示; the public page lists the other
 *    enterprise and not the excluded one. 南京 has no demo county account: the administrator creates a 江宁
 *    reviewer through the 用户管理 API, so this journey does not touch the 苏州 list of the publicity journey.
 * 3. 各市名单: the province sees every city's list with its counts and downloads the Excel and PDF exports.
 *
 * State (accounts, submitted and approved filings) is made through the HTTP API (tests/e2e/api.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approve,
  createEnterpriseUser,
  createGovUser,
  downloadOf,
  fillAndSubmitFiling,
  loginAs,
  sessionAs,
  shot,
  usccFor,
} from './api';
import { openBrowser, type Browser } from './browser';

const PASSWORD = 'Qiye@2023ev';
const NANJING = { countyCode: '320115', cityCode: '320100' };
const JN_COUNTY = { username: 'jn_county_e2e', password: 'Jiangning#2023e2e' };
const NJ_KEPT = {
  username: 'nj_kept_e2e',
  enterpriseName: '南京名单保留测试科技有限公司',
  uscc: usccFor('320115', '82008200'),
  mobile: '13900000082',
};
const NJ_EXCLUDED = {
  username: 'nj_excluded_e2e',
  enterpriseName: '南京名单不列入测试科技有限公司',
  uscc: usccFor('320115', '83008300'),
  mobile: '13900000083',
};
const CORRECTION_REASON = '经核查专利证书及产品说明，该发明专利与主导产品无关';
const EXCLUSION_REASON = '经实地核查，企业主导产品已停产，暂不列入本年度名单';

describe('evaluation correction, list exclusion and the province overview', () => {
  let b: Browser;

  beforeAll(async () => {
    b = await openBrowser();
    await createGovUser(b.baseUrl, {
      ...JN_COUNTY,
      displayName: '江宁区工信局审核员（测试）',
      role: 'county_reviewer',
      regionCode: '320115',
    });
    for (const e of [NJ_KEPT, NJ_EXCLUDED]) {
      await createEnterpriseUser(b.baseUrl, {
        ...e,
        password: PASSWORD,
        ...NANJING,
      });
      const own = await sessionAs(b.baseUrl, e.username, PASSWORD);
      const { id } = await own.request<{ id: string }>('POST', '/api/v1/filings', { kind: 'entry' });
      await fillAndSubmitFiling(b.baseUrl, e.username, PASSWORD, id, NANJING);
      const county = await sessionAs(b.baseUrl, JN_COUNTY.username, JN_COUNTY.password);
      const d = await county.request<{ statusVersion: number }>('GET', `/api/v1/review/filings/${id}`);
      await county.request('POST', `/api/v1/review/filings/${id}/actions`, {
        action: 'county_approve',
        expectedStatusVersion: d.statusVersion,
      });
      await approve(b.baseUrl, 'nj_city', id, 'city_approve');
    }
  }, 180_000);

  afterAll(async () => {
    await b?.close();
  });

  it('the city corrects an IP item with a reason; the score is recomputed and both versions are shown', async () => {
    const page = await loginAs(b, 'nj_city');
    await page.getByRole('menuitem', { name: '创新型评价' }).click();
    await page.waitForURL(/\/gov\/evaluation/);
    await page.locator('#prepare').click();
    const row = page.locator('#evaluations tr', { hasText: NJ_KEPT.enterpriseName });
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('link', { name: NJ_KEPT.enterpriseName }).click();
    await page.locator('#score-total').waitFor({ timeout: 30_000 });
    const scoreBefore = ((await page.locator('#score-total').textContent()) ?? '').trim();
    expect(scoreBefore).toMatch(/^\d+$/);
    const evaluationId = /\/gov\/evaluation\/([0-9a-f-]+)/.exec(page.url())![1]!;

    // The evidence shows the invention patent (the 1st IP item, Ⅰ类) is not related to the main product.
    await page.locator('#correct').click();
    const related = page.getByLabel(/^第 1 项知识产权.*·与主导产品相关$/);
    expect(await related.getAttribute('aria-checked')).toBe('true');
    await related.click();
    expect(await related.getAttribute('aria-checked')).toBe('false');

    // No reason: refused next to the field, nothing saved.
    await page.locator('#correct-ok').click();
    const reasonItem = page.locator('#correct-form .ant-form-item', { hasText: '修正原因' });
    await expect
      .poll(() => reasonItem.locator('.ant-form-item-explain-error').textContent())
      .toContain('请填写修正原因');
    expect(await page.locator('#correction-compare').count()).toBe(0);
    // The API refuses it too, on the reason field.
    const api = await sessionAs(b.baseUrl, 'nj_city');
    const refused = await api.raw('POST', `/api/v1/evaluation/evaluations/${evaluationId}/corrections`, {
      changes: { 'intellectualProperty.0.relatedToMainProduct': false },
      reason: '  ',
      expectedVersion: 1,
    });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text).fieldErrors.reason).toContain('修正原因');
    await shot(page, 'evaluation-correction-refused');

    await page.getByLabel('修正原因').fill(CORRECTION_REASON);
    await page.locator('#correct-ok').click();
    const compare = page.locator('#correction-compare');
    await compare.waitFor({ timeout: 30_000 });

    // Both versions: the item 是 → 否, the total before and after, and the reason.
    const itemRow = compare.locator('tr', { hasText: '与主导产品相关' });
    expect(await itemRow.locator('td').nth(1).textContent()).toBe('是');
    expect(await itemRow.locator('td').nth(2).textContent()).toBe('否');
    const totalRow = compare.locator('tr', { hasText: '总分' });
    expect(await totalRow.locator('td').nth(1).textContent()).toBe(scoreBefore);
    const scoreAfter = ((await totalRow.locator('td').nth(2).textContent()) ?? '').trim();
    expect(Number(scoreAfter)).toBeLessThan(Number(scoreBefore));
    expect(await compare.textContent()).toContain(CORRECTION_REASON);

    // The page shows the recomputed score and the new version; the history keeps the correction.
    await expect.poll(() => page.locator('#score-total').textContent()).toBe(scoreAfter);
    expect(await page.locator('body').textContent()).toContain('第 2 版（已修正）');
    const history = page.locator('#corrections tr', { hasText: CORRECTION_REASON });
    expect(await history.textContent()).toContain(`${scoreBefore} → ${scoreAfter}`);
    expect(await history.textContent()).toContain('是 → 否');
    await shot(page, 'evaluation-correction-saved');

    // Reloaded: the corrected version is what the server keeps.
    await page.reload();
    await expect.poll(() => page.locator('#score-total').textContent(), { timeout: 30_000 }).toBe(scoreAfter);
  });

  it('the city excludes an entry with a reason (refused without one); the public page leaves it out', async () => {
    const page = await loginAs(b, 'nj_city');
    await page.goto(`${b.baseUrl}/gov/lists`);
    await page.locator('#create-list, #list-entries').first().waitFor({ timeout: 30_000 });
    if (await page.locator('#create-list').count()) await page.locator('#create-list').click();
    const kept = page.locator('#list-entries tr', { hasText: NJ_KEPT.enterpriseName });
    const excluded = page.locator('#list-entries tr', { hasText: NJ_EXCLUDED.enterpriseName });
    await kept.waitFor({ timeout: 30_000 });
    await excluded.waitFor();
    expect(await excluded.textContent()).toContain('列入名单');

    await excluded.getByRole('button', { name: '不列入' }).click();
    const dialog = page.getByRole('dialog', { name: /不列入名单/ });
    await dialog.waitFor();
    await page.locator('#exclude-ok').click();
    await expect
      .poll(() =>
        dialog
          .locator('.ant-form-item', { hasText: '不列入名单的原因' })
          .locator('.ant-form-item-explain-error')
          .textContent(),
      )
      .toContain('请填写不列入名单的原因');
    expect(await excluded.textContent()).not.toContain('未列入');
    await dialog.getByLabel('不列入名单的原因').fill(EXCLUSION_REASON);
    await page.locator('#exclude-ok').click();
    await expect.poll(() => excluded.textContent(), { timeout: 30_000 }).toContain('未列入（设区市调整）');
    expect(await excluded.textContent()).toContain(EXCLUSION_REASON);
    expect(await kept.textContent()).toContain('列入名单');
    await shot(page, 'list-excluded');

    await page.locator('#publish-publicity').click();
    await page
      .getByLabel(/异议受理方式/)
      .fill('南京市工业和信息化局中小企业处，电话 025-68788888，地址 南京市北京东路 41 号');
    await page.locator('#publish-ok').click();
    await expect.poll(() => page.locator('#list-status').textContent(), { timeout: 30_000 }).toBe('公示中');
    const href = (await page.getByRole('link', { name: '查看公开页面' }).getAttribute('href')) ?? '';
    expect(href).toMatch(/\/public\/lists\/[0-9a-f-]+/);

    await b.context.clearCookies();
    await page.goto(b.baseUrl + href);
    await page
      .locator('#public-entries tr', { hasText: NJ_KEPT.enterpriseName })
      .waitFor({ timeout: 30_000 });
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toContain(NJ_EXCLUDED.enterpriseName);
    expect(body).not.toContain(EXCLUSION_REASON);
    await shot(page, 'list-excluded-public');
  });

  it('the province sees every city list with counts and downloads the Excel and PDF exports', async () => {
    const page = await loginAs(b, 'js_province');
    await page.getByRole('menuitem', { name: '各市名单' }).click();
    await page.waitForURL(/\/gov\/province\/lists/);
    const table = page.locator('#province-lists');
    // Jiangsu's 13 设区市, each with its row (a city without a list shows 未创建).
    await expect.poll(() => table.locator('.ant-table-row').count(), { timeout: 30_000 }).toBe(13);
    const nanjing = table.locator('.ant-table-row', { hasText: '南京市' });
    expect(await nanjing.textContent()).toContain('公示中');
    const cells = nanjing.locator('td');
    expect(Number(await cells.nth(5).textContent())).toBeGreaterThanOrEqual(1); // 列入
    expect(Number(await cells.nth(6).textContent())).toBeGreaterThanOrEqual(1); // 未列入
    expect(await table.locator('.ant-table-summary').textContent()).toContain('合计');
    await shot(page, 'province-lists');

    const xlsx = await downloadOf(page, () => page.locator('#export-xlsx').click());
    expect(xlsx.name).toMatch(/\.xlsx$/);
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const pdf = await downloadOf(page, () => page.locator('#export-pdf').click());
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
  });
});
