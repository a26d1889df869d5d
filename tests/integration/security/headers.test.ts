import { createTestApp, type TestApp } from '../../helpers/test-app';

/**
 * The security headers every response carries (helmet, built once in buildApp): the content security policy the
 * web app was written for, no MIME sniffing, no framing by other sites, no referrer. Checked on an API answer, an
 * error answer and an unknown path, since the hook runs before routing.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "frame-src 'self' blob:",
  "frame-ancestors 'self'",
];

describe('security headers', () => {
  it.each([
    ['a successful API answer', '/api/health', 200],
    ['an unknown API path', '/api/v1/no-such-thing', 404],
    ['a refused request', '/api/v1/filings', 401],
  ])('are set on %s', async (_what, url, status) => {
    const res = await t.app.inject(url);
    expect(res.statusCode).toBe(status);
    const csp = String(res.headers['content-security-policy']).split(';');
    for (const directive of CSP) expect(csp).toContain(directive);
    expect(csp.some((d) => d.startsWith('upgrade-insecure-requests'))).toBe(false);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
    // Test mode serves plain HTTP: no HSTS (production sets it with secure cookies).
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('set HSTS when cookies are secure (production behind HTTPS)', async () => {
    const secure = await createTestApp({ config: { secureCookies: true } });
    try {
      const res = await secure.app.inject('/api/health');
      expect(secure.config.secureCookies).toBe(true);
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+; includeSubDomains$/);
    } finally {
      await secure.close();
    }
  });
});
