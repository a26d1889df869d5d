import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { orgCodeCheckChar, usccCheckChar } from '../../src/shared/rules/uscc';
import { expectAccessibleBoth } from './a11y';
import { runJobs } from './api';
import { apiPost, captchaAnswer, codeIn, latestSms, openBrowser, type Browser } from './browser';

/** A valid synthetic credit code (prefix 91, 昆山 registration authority) from an 8-digit body. */
function uscc(body8: string): string {
  const first17 = `91320583${body8}${orgCodeCheckChar(body8)}`;
  return first17 + usccCheckChar(first17);
}

const PASSWORD = 'Qiye@2023ab';
let b: Browser;
let licence: string;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sme-licence-'));
  licence = path.join(dir, '营业执照.png');
  await sharp({ create: { width: 400, height: 300, channels: 3, background: '#d8e6f3' } })
    .png()
    .toFile(licence);
});

beforeEach(async () => {
  b = await openBrowser();
});
afterEach(async () => {
  await b.close();
});

/** Captchas are single use and the page refreshes them after each failure: wait for a fresh one. */
const usedCaptchas = new Set<string>();
async function fillCaptcha(opts: { fresh?: boolean } = {}): Promise<void> {
  const fresh = opts.fresh ?? true;
  const img = b.page.locator('img[alt="图形验证码"][data-captcha-id]');
  await expect
    .poll(async () => {
      const id = (await img.count()) ? await img.getAttribute('data-captcha-id') : null;
      return id !== null && (!fresh || !usedCaptchas.has(id));
    })
    .toBe(true);
  usedCaptchas.add((await img.getAttribute('data-captcha-id'))!);
  await b.page.fill('#captchaAnswer', await captchaAnswer(b));
}

async function login(username: string, password: string): Promise<void> {
  await b.page.goto(`${b.baseUrl}/login`);
  await b.page.fill('#username', username);
  await b.page.fill('#password', password);
  await b.page.getByRole('button', { name: /登\s*录/ }).click();
}

describe('enterprise accounts in Chromium', () => {
  it('registers with a licence image, a captcha and an SMS code, then logs out and in again', async () => {
    const page = b.page;
    const mobile = '13900000011';
    const code = uscc('81000011');
    await page.goto(`${b.baseUrl}/register`);
    await page.fill('#username', 'kunshan_e2e');
    await page.fill('#password', PASSWORD);
    await page.fill('#passwordConfirm', PASSWORD);
    await page.fill('#enterpriseName', '昆山端到端测试科技有限公司');
    await page.fill('#contactName', '张测试');
    await page.fill('#contactMobile', mobile);
    // FAQ 1.5: a wrong credit code blocks the SMS, and the page says which field.
    await page.fill('#uscc', '91320583000000000X');
    await fillCaptcha();
    await page.click('#sendSmsCode');
    await expect.poll(() => page.locator('#sms-alert').textContent()).toContain('统一社会信用代码');
    // The button leaves its loading state (dimmed) once the refusal is shown.
    await expect.poll(() => page.locator('#sendSmsCode.ant-btn-loading').count()).toBe(0);
    await expectAccessibleBoth(page, '注册（信用代码错误提示）');
    const noSms = await b.api<{ messages: unknown[] }>(`/api/v1/dev/sms-outbox?mobile=${mobile}`);
    expect(noSms.messages).toHaveLength(0);

    // Lower-case input is normalised by the shared schema. The blocked attempt never reached the server
    // (the browser runs the same schema), so the captcha on the page is still unused.
    await page.fill('#uscc', code.toLowerCase());
    await page.setInputFiles('#licence', licence);
    await fillCaptcha({ fresh: false });
    await page.click('#sendSmsCode');
    await expect
      .poll(
        async () =>
          (await b.api<{ messages: unknown[] }>(`/api/v1/dev/sms-outbox?mobile=${mobile}`)).messages.length,
      )
      .toBe(1);
    await page.fill('#smsCode', codeIn(await latestSms(b, mobile)));
    await page.getByRole('button', { name: /^注\s*册$/ }).click();
    await page.waitForURL(/\/qiye/);
    await expect.poll(() => page.locator('body').textContent()).toContain('昆山端到端测试科技有限公司');

    // The licence uploaded here is offered as the filing's 营业执照 attachment: no second upload.
    await page.goto(`${b.baseUrl}/qiye/filings`);
    const startEntry = page.locator('#start-entry');
    await expect.poll(() => startEntry.isEnabled()).toBe(true);
    await startEntry.click();
    await page.waitForURL(/\/qiye\/filings\/[0-9a-f-]{36}$/);
    await page.locator('.ant-tabs-tab [data-section="attachments"]').click();
    const licenceSlot = page.locator('.slot-row[data-slot="businessLicense"]');
    await licenceSlot.locator('#use-registration-licence').click();
    await expect
      .poll(() => licenceSlot.locator('.slot-file-name').allTextContents())
      .toEqual(['营业执照（注册时上传）.png']);
    await expect.poll(() => licenceSlot.locator('#use-registration-licence').count()).toBe(0);

    // Log out from the account menu, then log in again with the new account.
    await page.click('#account-menu');
    await page.getByText('退出登录').click();
    await page.waitForURL(/\/login/);
    await login('kunshan_e2e', PASSWORD);
    await page.waitForURL(/\/qiye/);
    await expect.poll(() => page.locator('body').textContent()).toContain(code);
  });

  it('checks the credit code when it is left: one message for a short code, 该企业已注册 before any captcha', async () => {
    const code = uscc('81000055');
    await apiPost(b, '/api/v1/test/factory/enterprise-user', {
      username: 'taken_uscc_e2e',
      password: PASSWORD,
      enterpriseName: '苏州已注册信用代码测试有限公司',
      uscc: code,
      mobile: '13900000055',
    });
    const page = b.page;
    await page.goto(`${b.baseUrl}/register`);
    const field = page.locator('.ant-form-item', { has: page.locator('#uscc') });
    const errors = field.locator('.ant-form-item-explain-error');
    // A wrong check digit, refused when the SMS code is asked for.
    await page.fill('#uscc', `${code.slice(0, 17)}${code.endsWith('0') ? '1' : '0'}`);
    await fillCaptcha();
    await page.click('#sendSmsCode');
    await expect.poll(() => page.locator('#sms-alert').textContent()).toContain('校验位不正确');
    // Shortened to 17 characters: the length, and only the length (the check-digit summary is gone).
    await page.fill('#uscc', code.slice(0, 17));
    await page.locator('#uscc').press('Tab');
    await expect
      .poll(() => errors.allTextContents())
      .toEqual(['统一社会信用代码应为18位，当前为17位，请对照营业执照核对']);
    expect(await page.locator('body').textContent()).not.toContain('校验位');
    // The registered code: said as soon as the field is left, with the way to recover the username.
    await page.fill('#uscc', code);
    await page.locator('#uscc').press('Tab');
    await expect.poll(() => errors.allTextContents()).toEqual([expect.stringMatching(/^该企业已注册/)]);
    await expect.poll(() => field.getByRole('note').textContent()).toContain('忘记用户名');
    // No captcha was asked for it, and the stale summary of the first attempt is gone.
    expect(await page.locator('#sms-alert').count()).toBe(0);
    // A code nobody registered: no message.
    await page.fill('#uscc', uscc('81000056'));
    await page.locator('#uscc').press('Tab');
    await expect.poll(() => errors.count()).toBe(0);
  });

  it('recovers a forgotten username by SMS to the registered mobile, never on screen (FAQ 1.1)', async () => {
    const mobile = '13900000022';
    const code = uscc('81000022');
    await apiPost(b, '/api/v1/test/factory/enterprise-user', {
      username: 'forgot_e2e',
      password: PASSWORD,
      enterpriseName: '苏州找回用户名测试有限公司',
      uscc: code,
      mobile,
    });
    const page = b.page;
    await page.goto(`${b.baseUrl}/forgot-username`);
    await page.fill('#uscc', code);
    await page.fill('#mobile', mobile);
    await fillCaptcha();
    await page.getByRole('button', { name: /找回|提交|发送/ }).click();
    await expect.poll(() => page.locator('body').textContent()).toContain('已受理');
    expect(await page.locator('body').textContent()).not.toContain('forgot_e2e');
    // The reminder goes out through the job outbox (retried if the gateway is down), as in production.
    await runJobs(b.baseUrl);
    await expect.poll(async () => latestSms(b, mobile).catch(() => '')).toContain('forgot_e2e');
  });

  it('resets a password with an SMS code; the old password stops working', async () => {
    const mobile = '13900000033';
    await apiPost(b, '/api/v1/test/factory/enterprise-user', {
      username: 'reset_e2e',
      password: PASSWORD,
      enterpriseName: '苏州重置密码测试有限公司',
      uscc: uscc('81000033'),
      mobile,
    });
    const page = b.page;
    await page.goto(`${b.baseUrl}/reset-password`);
    await page.fill('#username', 'reset_e2e');
    await fillCaptcha();
    await page.getByRole('button', { name: '获取短信验证码' }).click();
    await expect.poll(async () => latestSms(b, mobile).catch(() => '')).toContain('重置登录密码');
    await page.fill('#smsCode', codeIn(await latestSms(b, mobile)));
    await page.fill('#password', 'Newpass@2024');
    await page.fill('#passwordConfirm', 'Newpass@2024');
    await page.getByRole('button', { name: '重置密码' }).click();
    await expect.poll(() => page.locator('body').textContent()).toContain('密码已重置');

    await login('reset_e2e', PASSWORD);
    await expect.poll(() => page.locator('body').textContent()).toContain('用户名或密码错误');
    await login('reset_e2e', 'Newpass@2024');
    await page.waitForURL(/\/qiye/);
  });

  it('asks for a captcha after repeated failures and locks the account after five in a row', async () => {
    await apiPost(b, '/api/v1/test/factory/enterprise-user', {
      username: 'lock_e2e',
      password: PASSWORD,
      enterpriseName: '苏州锁定测试有限公司',
      uscc: uscc('81000044'),
      mobile: '13900000044',
    });
    const page = b.page;
    await page.goto(`${b.baseUrl}/login`);
    await page.fill('#username', 'lock_e2e');
    let needCaptcha = false;
    let sawCaptcha = false;
    for (let i = 1; i <= 5; i++) {
      if (needCaptcha) {
        sawCaptcha = true;
        await fillCaptcha();
      }
      await page.fill('#password', `Wrong@pass${i}`);
      const done = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
      await page.getByRole('button', { name: /登\s*录/ }).click();
      const body = (await (await done).json()) as { code: string };
      if (body.code === 'CAPTCHA_REQUIRED') needCaptcha = true;
    }
    expect(sawCaptcha).toBe(true);
    // Even the right password is refused while locked, with the 15-minute message.
    await fillCaptcha();
    await page.fill('#password', PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect.poll(() => page.locator('#login-alert').textContent()).toContain('锁定');
    expect(page.url()).toContain('/login');
  });
});
