import { Writable } from 'node:stream';
import { registerEnterprise } from '../../helpers/accounts';
import { createTestApp, type TestApp } from '../../helpers/test-app';

/* One log line per request, after the response (issue #15): the fields an operator needs, no query string. */

const lines: Record<string, unknown>[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l));
    done();
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ logStream });
});
afterAll(async () => {
  await t.close();
});

describe('request logging', () => {
  it('writes exactly one line per request with method, path, route pattern, status, time and address', async () => {
    const res = await t.client().get('/api/v1/public/registry?q=%E6%98%86%E5%B1%B1%E7%A4%BA%E8%8C%83');
    const reqId = res.headers['x-request-id'];
    const mine = lines.filter((l) => l.reqId === reqId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      level: 30,
      msg: 'request',
      method: 'GET',
      path: '/api/v1/public/registry',
      route: '/api/v1/public/registry',
      status: res.statusCode,
      ip: '127.0.0.1',
    });
    expect(mine[0]!.ms).toEqual(expect.any(Number));
    // The search words stay out of the logs.
    expect(JSON.stringify(mine[0])).not.toContain('q=');
    expect(lines.some((l) => l.msg === 'incoming request' || l.msg === 'request completed')).toBe(false);
  });

  it('names the route pattern for a parametrised URL and the signed-in user', async () => {
    const client = t.client();
    await registerEnterprise(t, client); // ends logged in
    const me = (await client.session()).user as { id: string };
    const res = await client.get('/api/v1/filings/00000000-0000-4000-8000-000000000000');
    const line = lines.find((l) => l.reqId === res.headers['x-request-id'])!;
    expect(line).toMatchObject({ route: '/api/v1/filings/:id', status: res.statusCode, user: me.id });
    expect(line.path).toBe('/api/v1/filings/00000000-0000-4000-8000-000000000000');
  });
});
