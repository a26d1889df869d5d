import { eq } from 'drizzle-orm';
import { maskMobile } from '../../../src/shared/pii';
import { captchas } from '../../../src/server/db/schema';
import { captcha, registerEnterprise } from '../../helpers/accounts';
import { createTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const ACCOUNT_PATHS = [
  '/api/v1/auth/session',
  '/api/v1/captcha',
  '/api/v1/auth/register/sms-code',
  '/api/v1/auth/register',
  '/api/v1/auth/login',
  '/api/v1/auth/logout',
  '/api/v1/auth/recover-username',
  '/api/v1/auth/password-reset/sms-code',
  '/api/v1/auth/password-reset',
  '/api/v1/account/password',
  '/api/v1/account/mobile/sms-code',
  '/api/v1/account/mobile',
  '/api/v1/dev/sms-outbox',
  '/api/v1/test/captcha/{id}',
];

describe('session and captcha', () => {
  it('GET /auth/session answers an anonymous visitor and sets the CSRF cookie', async () => {
    const res = await t.app.inject('/api/v1/auth/session');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({
      user: null,
      csrfToken: expect.any(String),
      mode: 'test',
      demo: false,
      limits: { licenceMaxBytes: 5 * 1024 * 1024, attachmentMaxBytes: 20 * 1024 * 1024 },
      sessionIdleMinutes: 30,
    });
    expect(res.cookies.find((c) => c.name === 'csrf')?.value).toBe(body.csrfToken);
  });

  it('GET /captcha returns an SVG; the answer is stored lower-cased with a 5-minute expiry', async () => {
    const res = await t.app.inject('/api/v1/captcha');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const { captchaId, svg } = res.json();
    expect(svg).toMatch(/^<svg/);
    const [row] = await t.ctx.db.select().from(captchas).where(eq(captchas.id, captchaId));
    expect(row!.answer).toBe(row!.answer.toLowerCase());
    expect(row!.answer).toHaveLength(4);
    expect(row!.expiresAt.getTime() - t.clock.now().getTime()).toBe(5 * 60_000);
    const hook = await t.app.inject(`/api/v1/test/captcha/${captchaId}`);
    expect(hook.json()).toEqual({ answer: row!.answer });
  });

  it('the captcha answer is case-insensitive and single use', async () => {
    const client = t.client();
    const { fields } = await registerEnterprise(t, t.client());
    const c = await captcha(client);
    const body = {
      uscc: fields.uscc,
      mobile: fields.contactMobile,
      captchaId: c.captchaId,
      captchaAnswer: c.captchaAnswer.toUpperCase(),
    };
    expect((await client.post('/api/v1/auth/recover-username', body)).statusCode).toBe(200);
    const reuse = await client.post('/api/v1/auth/recover-username', body);
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().fieldErrors.captchaAnswer).toContain('换一张');
  });

  it('the test hook answers 404 for an unknown captcha', async () => {
    const res = await t.app.inject('/api/v1/test/captcha/00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
  });
});

describe('dev outbox', () => {
  it('lists the newest messages first, filtered by mobile', async () => {
    const { fields } = await registerEnterprise(t, t.client());
    const res = await t.app.inject(`/api/v1/dev/sms-outbox?mobile=${fields.contactMobile}`);
    expect(res.statusCode).toBe(200);
    const { messages } = res.json();
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((m: { mobile: string }) => m.mobile === maskMobile(fields.contactMobile))).toBe(
      true,
    );
    expect(res.body).not.toContain(fields.contactMobile);
    const ids = messages.map((m: { id: number }) => m.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const bad = await t.app.inject('/api/v1/dev/sms-outbox?mobile=abc');
    expect(bad.statusCode).toBe(400);
  });

  it('returns at most 50 messages', async () => {
    const { smsOutbox } = await import('../../../src/server/db/schema');
    await t.ctx.db.insert(smsOutbox).values(
      Array.from({ length: 60 }, (_, i) => ({
        mobile: '13512340000',
        template: 'register_code',
        body: `m${i}`,
      })),
    );
    const res = await t.app.inject('/api/v1/dev/sms-outbox');
    expect(res.json().messages).toHaveLength(50);
  });
});

describe('OpenAPI', () => {
  it('documents every account endpoint with tags and a Chinese summary', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    for (const p of ACCOUNT_PATHS) {
      expect(Object.keys(doc.paths)).toContain(p);
      for (const op of Object.values(doc.paths[p]) as { tags?: string[]; summary?: string }[]) {
        expect(op.tags?.length).toBeGreaterThan(0);
        expect(op.summary).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
    expect(doc.paths['/api/v1/auth/login'].post.requestBody).toBeTruthy();
    expect(doc.paths['/api/v1/auth/login'].post.responses['200']).toBeTruthy();
    expect(Object.keys(doc.paths['/api/v1/auth/register'].post.requestBody.content)).toEqual([
      'multipart/form-data',
    ]);
  });
});

describe('per-IP route limits', () => {
  it('login: the per-IP limit follows LOGIN_LIMIT_PER_MINUTE (for offices behind one address)', async () => {
    const small = await createTestApp({ env: { LOGIN_LIMIT_PER_MINUTE: '3' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await small.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: '10.9.8.6',
          headers: {
            cookie: 'csrf=abcdefghijklmnopqrstuvwxyz',
            'x-csrf-token': 'abcdefghijklmnopqrstuvwxyz',
          },
          payload: { username: 'someone', password: 'Wrong@12345' },
        });
        codes.push(res.statusCode);
      }
      expect(codes.slice(0, 3).every((c) => c !== 429)).toBe(true);
      expect(codes[3]).toBe(429);
    } finally {
      await small.close();
    }
  });

  it('login: too many attempts from one IP answer 429 with a Chinese message saying when to retry', async () => {
    let last;
    for (let i = 0; i < 31; i++) {
      last = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.9.8.7',
        headers: { cookie: 'csrf=abcdefghijklmnopqrstuvwxyz', 'x-csrf-token': 'abcdefghijklmnopqrstuvwxyz' },
        payload: { username: 'someone', password: 'Wrong@12345' },
      });
    }
    expect(last!.statusCode).toBe(429);
    expect(last!.json()).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/登录尝试过于频繁，请在 \d+ 秒后再试/),
    });
    // Another IP is not affected.
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.9.8.8',
      headers: { cookie: 'csrf=abcdefghijklmnopqrstuvwxyz', 'x-csrf-token': 'abcdefghijklmnopqrstuvwxyz' },
      payload: { username: 'someone_else', password: 'Wrong@12345' },
    });
    expect(other.statusCode).toBe(401);
  });

  it('SMS endpoints: too many requests from one IP answer 429', async () => {
    let last;
    for (let i = 0; i < 21; i++) {
      last = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/sms-code',
        remoteAddress: '10.9.8.9',
        headers: { cookie: 'csrf=abcdefghijklmnopqrstuvwxyz', 'x-csrf-token': 'abcdefghijklmnopqrstuvwxyz' },
        payload: {},
      });
    }
    expect(last!.statusCode).toBe(429);
    expect(last!.json().code).toBe('RATE_LIMITED');
  });
});

describe('test hooks and the outbox outside test mode', () => {
  it.each([
    ['development', 200],
    ['production', 404],
  ] as const)('%s: the captcha hook is 404; the outbox answers %i', async (mode, outboxStatus) => {
    const other = await createTestApp({
      env: {
        APP_MODE: mode,
        DEMO_DATA: 'off',
        SMS_CODE_PEPPER: 'p'.repeat(32),
        SMS_ALLOW_OUTBOX_IN_PRODUCTION: 'true',
      },
    });
    try {
      expect(other.config.testHooks).toBe(false);
      const { captchaId } = (await other.app.inject('/api/v1/captcha')).json();
      const hook = await other.app.inject(`/api/v1/test/captcha/${captchaId}`);
      expect(hook.statusCode).toBe(404);
      expect(hook.json().code).toBe('NOT_FOUND');
      expect((await other.app.inject('/api/v1/dev/sms-outbox')).statusCode).toBe(outboxStatus);
      const factory = await other.app.inject({ method: 'POST', url: '/api/v1/test/factory/enterprise-user' });
      expect(factory.statusCode).not.toBe(201);
      const doc = (await other.app.inject('/api/openapi.json')).json();
      expect(Object.keys(doc.paths)).not.toContain('/api/v1/test/captcha/{id}');
    } finally {
      await other.close();
    }
  });
});
