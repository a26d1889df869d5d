import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/server/config';
import { openDatabase } from '../../src/server/db/client';
import { DataDirLockedError } from '../../src/server/db/dir-lock';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('foundation', () => {
  it('answers /api/health with {"status":"ok"} once the database is ready', async () => {
    const res = await t.app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('serves the OpenAPI document and the browsable docs page', async () => {
    const doc = await t.app.inject('/api/openapi.json');
    expect(doc.statusCode).toBe(200);
    const json = doc.json();
    expect(json.openapi).toMatch(/^3\./);
    expect(Object.keys(json.paths)).toContain('/api/health');
    const page = await t.app.inject('/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('answers unknown API paths with the Chinese error envelope and a request id', async () => {
    const res = await t.app.inject('/api/v1/no-such-thing');
    expect(res.statusCode).toBe(404);
    const body = res.json();
    expect(body).toMatchObject({ code: 'NOT_FOUND', fieldErrors: {} });
    expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(body.requestId).toBe(res.headers['x-request-id']);
  });

  it('answers a duplicate that no earlier check caught (a unique violation) as a 409 conflict, not a 500', async () => {
    const c = t.client();
    const body = {
      username: 'dup_factory_user',
      password: 'Qmzrtvw7!x',
      enterpriseName: '重复测试企业有限公司',
      uscc: '91320583MA0DUP0001',
      mobile: '13800001234',
    };
    expect((await c.post('/api/v1/test/factory/enterprise-user', body)).statusCode).toBe(201);
    const again = await c.post('/api/v1/test/factory/enterprise-user', body);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('该记录已存在'),
    });
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', payload: {} });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_FAILED');
  });
});

describe('embedded database directory lock', () => {
  it('refuses a second opener of the same DATA_DIR with a clear message, and allows it after release', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sme-lock-'));
    try {
      fs.mkdirSync(dir, { recursive: true });
      // Another live process holds the lock: simulate with our parent's PID.
      fs.writeFileSync(path.join(dir, 'platform.lock'), String(process.ppid));
      await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/正被另一个进程/);
      // A stale lock (dead PID) is taken over.
      fs.writeFileSync(path.join(dir, 'platform.lock'), '999999');
      const database = await openDatabase({ dataDir: dir });
      expect(fs.readFileSync(path.join(dir, 'platform.lock'), 'utf8')).toBe(String(process.pid));
      await database.close();
      expect(fs.existsSync(path.join(dir, 'platform.lock'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000); // initialises a fresh PGlite directory: seconds alone, much longer on a loaded 2-core machine

  it('loads configuration with safe defaults', () => {
    const c = loadConfig({});
    expect(c.mode).toBe('development');
    expect(c.port).toBe(3000);
    expect(c.sessionIdleMinutes).toBe(30);
    expect(c.secureCookies).toBe(false);
    expect(c.testHooks).toBe(false);
    expect(() => loadConfig({ APP_MODE: 'production' })).toThrow(/SMS_CODE_PEPPER/);
    expect(() => loadConfig({ APP_MODE: 'production', SMS_CODE_PEPPER: 'x'.repeat(32) })).toThrow(
      /SMS_PROVIDER/,
    );
    const p = loadConfig({
      APP_MODE: 'production',
      DEMO_DATA: 'on',
      SMS_CODE_PEPPER: 'x'.repeat(32),
      SMS_ALLOW_OUTBOX_IN_PRODUCTION: 'true',
    });
    expect(p.demoData).toBe(false);
    expect(p.secureCookies).toBe(true);
    expect(p.devOutbox).toBe(false);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/postgres/);
  });
});
