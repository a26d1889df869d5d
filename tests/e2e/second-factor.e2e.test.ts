/**
 * The second factor in Chromium (issue 17 item 2, docs/adr/0023-second-factor-and-password-ageing.md): a province
 * user binds an authenticator app in 账号设置 (QR code and secret shown once, confirmed with a code), then logs
 * in again: after the password, login step 2 asks for the app's code; a wrong code is refused beside the field,
 * the right one opens the console. The codes are computed here with otplib from the secret the page showed.
 */
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGovUser, loginAs, shot } from './api';
import { openBrowser, type Browser } from './browser';

const PASSWORD = 'Shengji#Totp2026';
const USERNAME = `e2e_totp_${Date.now() % 1_000_000}`;

let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
  await createGovUser(b.baseUrl, {
    username: USERNAME,
    displayName: '第二因素测试',
    role: 'province',
    regionCode: '320000',
    password: PASSWORD,
  });
});
afterAll(async () => {
  await b?.close();
});

async function typePassword(): Promise<void> {
  const { page } = b;
  await b.context.clearCookies();
  await page.goto(`${b.baseUrl}/login`);
  await page.fill('#username', USERNAME);
  await page.fill('#password', PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

describe('authenticator app (TOTP)', () => {
  it('is bound in 账号设置 and then asked for at login', async () => {
    const { page } = b;
    await typePassword();
    await page.waitForURL((u) => u.pathname.startsWith('/gov'), { timeout: 30_000 });

    await page.goto(`${b.baseUrl}/gov/account`);
    await page.locator('#totp-card').waitFor();
    await page.fill('#totp-password', PASSWORD);
    await page.locator('#totp-start').click();
    await page.locator('#totp-qr').waitFor();
    expect(await page.locator('#totp-qr').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const secret = (await page.locator('#totp-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await shot(page, 'totp-enrol');
    await page.fill('#totp-code', await generate({ secret }));
    await page.locator('#totp-confirm').click();
    await expect.poll(() => page.getByText(/身份验证器已绑定。/).count()).toBeGreaterThan(0);
    // The secret is gone from the page once confirmed.
    expect(await page.locator('#totp-secret').count()).toBe(0);

    await typePassword();
    await page.locator('#second-factor-step').waitFor();
    expect(page.url()).toContain('/login');
    // No session yet: the console is not reachable.
    const state = await page.evaluate(
      async () => (await (await fetch('/api/v1/auth/session')).json()) as { user: unknown },
    );
    expect(state.user).toBeNull();

    await page.fill('#second-factor-code', '000000');
    await page.locator('#second-factor-submit').click();
    await expect.poll(() => page.getByText(/验证码不正确/).count()).toBeGreaterThan(0);
    await shot(page, 'totp-login-wrong');

    // The code of the next 30-second step: the one used to confirm the binding cannot be used again.
    const next = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    await page.fill('#second-factor-code', next);
    await page.locator('#second-factor-submit').click();
    await page.waitForURL((u) => u.pathname.startsWith('/gov'), { timeout: 30_000 });
    await expect.poll(() => page.locator('#gov-role').innerText()).toContain('省');
  });

  it('is reset by the security administrator in 用户管理; the next login takes the password alone', async () => {
    const page = await loginAs(b, 'sec_admin');
    await page.goto(`${b.baseUrl}/gov/users`);
    await page.locator('#security-policy').waitFor();
    await page.locator('#user-table').waitFor();
    await page.fill('#q', USERNAME);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const row = page.locator('#user-table tr', { hasText: USERNAME });
    await expect.poll(() => row.getByText('已绑定身份验证器').count()).toBe(1);
    await row.getByRole('button', { name: /重置第二因素/ }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /重\s*置/ })
      .click();
    await expect.poll(() => page.getByText(/已解除该账号绑定的身份验证器/).count()).toBeGreaterThan(0);
    await expect.poll(() => row.getByText('已绑定身份验证器').count()).toBe(0);
    await shot(page, 'totp-reset');

    // Test mode asks no factor of a province account without an app: the password logs in.
    await typePassword();
    await page.waitForURL((u) => u.pathname.startsWith('/gov'), { timeout: 30_000 });
    expect(await page.locator('#second-factor-step').count()).toBe(0);
  });
});
