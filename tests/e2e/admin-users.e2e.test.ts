/**
 * The administrator's account journey in Chromium (issue 5): the admin creates a government account in 用户管理,
 * which is marked 待修改密码; the new user logs in with the initial password and sees only the page to change it
 * (no menu); after changing it the console opens with the menu. A reset by the security administrator (三员分立)
 * asks for a change again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, shot } from './api';
import { openBrowser, type Browser } from './browser';

const INITIAL = 'Chushi@2023ab';
const OWN = 'Ziji#Mima2023';
const RESET = 'Chongzhi@2023ab';
const USERNAME = `e2e_first_${Date.now() % 1_000_000}`;

let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});

/** The system administrator creates accounts; the security administrator resets passwords (三员分立). */
async function openUsers(as: 'admin' | 'sec_admin' = 'admin'): Promise<void> {
  const page = await loginAs(b, as);
  await page.goto(`${b.baseUrl}/gov/users`);
  await page.locator('#user-table').waitFor();
}

async function changePassword(current: string, next: string): Promise<void> {
  const page = b.page;
  await page.locator('#must-change-password').waitFor();
  await page.fill('#currentPassword', current);
  await page.fill('#password', next);
  await page.fill('#passwordConfirm', next);
  await page.getByRole('button', { name: /修改密码/ }).click();
}

describe('accounts created or reset by the administrator', () => {
  it('a new account must change its password before the console opens', async () => {
    const page = b.page;
    await openUsers();
    await page.locator('#user-new').click();
    const dialog = page.locator('.ant-modal', { has: page.locator('#user-form') });
    await dialog.locator('.ant-select', { has: page.locator('#role') }).click();
    await page.locator('.ant-select-item-option', { hasText: '省工信厅' }).click();
    await dialog.locator('#username').fill(USERNAME);
    await dialog.locator('#displayName').fill('首次登录测试');
    await dialog.locator('#password').fill(INITIAL);
    await dialog.locator('#passwordConfirm').fill(INITIAL);
    await page.getByRole('button', { name: /创\s*建/ }).click();
    await expect.poll(() => page.getByText(`已创建账号 ${USERNAME}`).count()).toBeGreaterThan(0);
    const row = page.locator('#user-table tr', { hasText: USERNAME });
    await expect.poll(() => row.getByText('待修改密码').count()).toBe(1);
    await shot(page, 'admin-users-created');

    await loginAs(b, USERNAME, INITIAL);
    await page.locator('#must-change-password').waitFor();
    expect(await page.getByText('首次登录或密码被重置后，请先修改密码。').count()).toBe(1);
    // Only the password page: no menu of the console.
    expect(await page.locator('.ant-layout-sider').count()).toBe(0);
    await shot(page, 'admin-users-must-change');

    await changePassword(INITIAL, OWN);
    await expect.poll(() => page.locator('.ant-layout-sider').count()).toBe(1);
    await expect.poll(() => page.locator('#must-change-password').count()).toBe(0);
    expect(await page.locator('.ant-layout-sider').getByText('待我审核').count()).toBe(1);
  });

  it('after a reset by the security administrator, the password must be changed again', async () => {
    const page = b.page;
    await openUsers('sec_admin');
    expect(await page.locator('#user-new').count()).toBe(0);
    const row = page.locator('#user-table tr', { hasText: USERNAME });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByText('待修改密码').count()).toBe(0);
    await row.getByRole('button', { name: /重置密码/ }).click();
    await page.locator('#reset-password-form').waitFor();
    await page.locator('#reset-password-form #password').fill(RESET);
    await page.locator('#reset-password-form #passwordConfirm').fill(RESET);
    await page
      .getByRole('button', { name: /重\s*置/ })
      .last()
      .click();
    await expect.poll(() => row.getByText('待修改密码').count()).toBe(1);

    await loginAs(b, USERNAME, RESET);
    await changePassword(RESET, 'Xin#Mima2024');
    await expect.poll(() => page.locator('.ant-layout-sider').count()).toBe(1);
  });
});
