/**
 * The 公示 → 异议 → 公告 journey in Chromium (issue 6): an enterprise of 昆山 submits and is approved by the county
 * and the 苏州 city (a factory through the HTTP API, not clicks); the 苏州 city reviewer prepares the evaluations,
 * creates the list and publishes the 公示 in the console; an anonymous visitor reads the public list (masked
 * credit codes, no phone numbers) and files an objection with the captcha; the city rejects the objection with an
 * outcome text; the list is announced; the public registry finds the enterprise; the enterprise sees its
 * recognition on 我的认定.
 *
 * 公告 needs the publicity period to be over, and the API refuses a publicity that starts before today. The e2e
 * server runs on real time, so the test-mode hook POST /api/v1/test/lists/:id/end-publicity moves the window into
 * the past before the city announces.
 */
import { maskPhone } from '../../src/shared/pii';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, approvedKunshanEnterprise, loginAs, shot, usccFor } from './api';
import { openBrowser, type Browser } from './browser';

const QIYE_PASSWORD = 'Qiye@2023ab';
const QIYE_USER = 'publicity_e2e';
const QIYE_MOBILE = '13900000066';
const QIYE_NAME = '昆山公示测试科技有限公司';
const OBJECTOR_PHONE = '13712345678';
const END_PUBLICITY_HOOK = (listId: string) => `/api/v1/test/lists/${listId}/end-publicity`;
const QIYE_USCC = usccFor('320583', '66006600');

describe('publicity journey: list → 公示 → public objection → resolution → 公告 → registry', () => {
  let b: Browser;
  let listId = '';
  let trackingNo = '';

  beforeAll(async () => {
    b = await openBrowser();
    await approvedKunshanEnterprise(b.baseUrl, {
      username: QIYE_USER,
      password: QIYE_PASSWORD,
      enterpriseName: QIYE_NAME,
      uscc: QIYE_USCC,
      mobile: QIYE_MOBILE,
    });
  }, 180_000);

  afterAll(async () => {
    await b?.close();
  });

  it('the 苏州 city prepares the evaluations and sees the enterprise scored', async () => {
    const page = await loginAs(b, 'sz_city');
    await page.goto(`${b.baseUrl}/gov/evaluation`);
    await page.locator('#prepare').click();
    const row = page.locator('#evaluations tr', { hasText: QIYE_NAME });
    await row.waitFor({ timeout: 30_000 });
    await shot(page, 'evaluation');
    await row.getByRole('link', { name: QIYE_NAME }).click();
    await page.locator('#score-total').waitFor();
    await expect.poll(() => page.locator('body').textContent()).toContain('得分明细');
    await shot(page, 'evaluation-detail');

    // 修正: change one input with a reason; both versions are shown, and the history keeps the correction.
    await page.locator('#correct').click();
    await page.getByLabel('上年度研发费用总额（万元）').fill('400');
    await page.getByLabel('修正原因').fill('按审计报告更正研发费用');
    await page.locator('#correct-ok').click();
    await page.locator('#correction-compare').waitFor({ timeout: 30_000 });
    const compare = (await page.locator('#correction-compare').textContent()) ?? '';
    expect(compare).toContain('389.25');
    expect(compare).toContain('400');
    expect(await page.locator('#corrections').textContent()).toContain('按审计报告更正研发费用');
    await shot(page, 'evaluation-corrected');
  });

  it('the city creates the list and publishes the 公示', async () => {
    const page = b.page;
    await page.goto(`${b.baseUrl}/gov/lists`);
    await page.locator('#create-list, #list-entries').first().waitFor({ timeout: 30_000 });
    if (await page.locator('#create-list').count()) await page.locator('#create-list').click();
    await page.locator('#list-entries tr', { hasText: QIYE_NAME }).waitFor({ timeout: 30_000 });
    await page.locator('#publish-publicity').click();
    // The dialog tells how many working days the default dates cover (issue 16 minor).
    await expect
      .poll(() => page.locator('#publicity-working-days').textContent(), { timeout: 30_000 })
      .toMatch(/所选公示期共 \d+ 个自然日，其中 \d+ 个工作日/);
    await page
      .getByLabel(/异议受理方式/)
      .fill('苏州市工业和信息化局中小企业处，电话 0512-68612345，地址 苏州市三香路 998 号');
    await page.locator('#publish-ok').click();
    await expect.poll(() => page.locator('#list-status').textContent(), { timeout: 30_000 }).toBe('公示中');
    await shot(page, 'list-publicity');
    listId = /\/public\/lists\/([0-9a-f-]+)/.exec(
      (await page.getByRole('link', { name: '查看公开页面' }).getAttribute('href')) ?? '',
    )![1]!;
  });

  it('an anonymous visitor reads the list (masked codes, no phone numbers) and files an objection', async () => {
    const page = b.page;
    await b.context.clearCookies();
    await page.goto(`${b.baseUrl}/public/lists`);
    await page.getByRole('link', { name: /苏州/ }).first().click();
    await page.locator('#public-entries tr', { hasText: QIYE_NAME }).waitFor({ timeout: 30_000 });
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toContain(QIYE_USCC);
    expect(body).toContain(`${QIYE_USCC.slice(0, 8)}****`);
    expect(body).not.toContain(QIYE_MOBILE);
    await page.locator('#publicity-countdown').waitFor();

    await page.locator('#objection-form .ant-select').first().click();
    await page.locator('.ant-select-item-option', { hasText: QIYE_NAME }).click();
    await page.getByLabel('联系人姓名').fill('张异议');
    await page.getByLabel('联系电话').fill(OBJECTOR_PHONE);
    await page.getByLabel('异议理由').fill('该企业上年度研发费用数据与其年报披露的数据不一致，请核实。');
    const img = page.locator('img[alt="图形验证码"][data-captcha-id]');
    await img.waitFor();
    const { answer } = await b.api<{ answer: string }>(
      `/api/v1/test/captcha/${await img.getAttribute('data-captcha-id')}`,
    );
    await page.fill('#captchaAnswer', answer);
    await shot(page, 'objection-form');
    await page.locator('#objection-submit').click();
    await page.locator('#tracking-no').waitFor({ timeout: 30_000 });
    trackingNo = ((await page.locator('#tracking-no').textContent()) ?? '').trim();
    expect(trackingNo).not.toBe('');
    await shot(page, 'objection-receipt');

    // 异议进度查询: the receipt links to the lookup; the number with the phone's last 4 digits shows the state.
    await page.locator('#status-link').click();
    await page.waitForURL(/\/public\/objection-status/);
    expect(await page.locator('#trackingNo').inputValue()).toBe(trackingNo);
    await page.locator('#phone').fill('0000');
    await page.locator('#objection-status-submit').click();
    await expect
      .poll(() => page.locator('#objection-status-error').textContent(), { timeout: 30_000 })
      .toContain('未找到该受理编号，请核对编号和联系电话后四位');
    await page.locator('#phone').fill(OBJECTOR_PHONE.slice(-4));
    await page.locator('#objection-status-submit').click();
    await expect
      .poll(() => page.locator('#objection-status').textContent(), { timeout: 30_000 })
      .toBe('受理中');
    expect(await page.locator('#objection-status-result').textContent()).not.toContain(OBJECTOR_PHONE);
  });

  it('the city resolves the objection; 公告 stays disabled until the publicity ends', async () => {
    const page = await loginAs(b, 'sz_city');
    await page.goto(`${b.baseUrl}/gov/lists`);
    const row = page.locator('#objections tr', { hasText: trackingNo });
    await row.waitFor({ timeout: 30_000 });
    // The objector's phone is masked; 显示 reveals it to call back, audited (ADR 0025).
    expect(await row.textContent()).not.toContain(OBJECTOR_PHONE);
    expect(await row.textContent()).toContain(maskPhone(OBJECTOR_PHONE));
    await row.getByRole('button', { name: /显示完整号码/ }).click();
    await row.locator('a[data-revealed="true"]', { hasText: OBJECTOR_PHONE }).waitFor({ timeout: 15_000 });
    await row.getByRole('button', { name: /处\s*理/ }).click();
    await page.getByLabel(/异议不成立/).check();
    await page.getByLabel('处理意见').fill('经核实，企业研发费用数据以审计报告为准，异议不成立。');
    await page.locator('#resolve-ok').click();
    await expect
      .poll(() => page.locator('#objections').textContent(), { timeout: 30_000 })
      .toContain('异议不成立');
    expect(await page.locator('#announce').isDisabled()).toBe(true);
    await shot(page, 'list-resolved');

    // The objector's lookup now shows the outcome.
    await page.goto(`${b.baseUrl}/public/objection-status?no=${encodeURIComponent(trackingNo)}`);
    await page.locator('#phone').fill(OBJECTOR_PHONE.slice(-4));
    await page.locator('#objection-status-submit').click();
    await expect
      .poll(() => page.locator('#objection-status').textContent(), { timeout: 30_000 })
      .toBe('异议不成立');
    expect(await page.locator('#objection-outcome').textContent()).toContain('异议不成立');

    // The publicity window lasts days: the test-mode hook moves it into the past.
    const ended = await new ApiSession(b.baseUrl).raw('POST', END_PUBLICITY_HOOK(listId));
    expect(ended.status).toBe(200);
  });

  it('the city announces the list once the publicity is over', async () => {
    const page = b.page;
    await page.goto(`${b.baseUrl}/gov/lists`);
    await page.locator('#announce:not([disabled])').click();
    await page.getByLabel('公告文号').fill('苏工信中小〔2026〕88号');
    await page.locator('#announce-ok').click();
    await expect.poll(() => page.locator('#list-status').textContent(), { timeout: 30_000 }).toBe('已公告');
  });

  it('the public registry finds the enterprise, without its full credit code', async () => {
    const page = b.page;
    await b.context.clearCookies();
    await page.goto(`${b.baseUrl}/public/registry`);
    await page.locator('#registry-q').fill(QIYE_NAME);
    await page.locator('#registry-q').press('Enter');
    await page.locator('#registry-results tr', { hasText: QIYE_NAME }).waitFor({ timeout: 30_000 });
    expect(await page.locator('#registry-results').textContent()).toContain('苏工信中小〔2026〕88号');
    expect(await page.locator('body').textContent()).not.toContain(QIYE_USCC);
    await shot(page, 'registry');
  });

  it('the enterprise sees its record on 我的认定', async () => {
    const page = await loginAs(b, QIYE_USER, QIYE_PASSWORD);
    await page.getByRole('menuitem', { name: '我的认定' }).click();
    await page.waitForURL(/\/qiye\/record/);
    await page.locator('#db-status').waitFor({ timeout: 30_000 });
    await page.locator('#recognitions tr', { hasText: '创新型中小企业' }).waitFor();
    expect(await page.locator('#recognitions').textContent()).toContain('剩余');
    await shot(page, 'record');
  });
});
