import net from 'node:net';
import { captcha, registerEnterprise, registerFields, requestRegisterCode } from '../../helpers/accounts';
import {
  enqueue,
  PermanentJobError,
  registerJobHandler,
  runDueJobs,
} from '../../../src/server/services/jobs';
import { SMS_TEMPLATE_PARAMS } from '../../../src/server/services/sms';
import { createTestApp, type TestApp, type TestClient } from '../../helpers/test-app';
import { expectStatus, fillSample, setup, start, type Fixture } from '../filings/flow';

/*
 * GET /metrics (docs/adr/0014-metrics-and-readiness.md): Prometheus text format, request rate and latency by route
 * pattern, the database pool, the job queue, logins; readable from this machine only, or with METRICS_TOKEN.
 */

/** The value of the first sample whose line starts with `series` (name and labels exactly as printed). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function scrape(client: TestClient): Promise<string> {
  const res = await client.get('/metrics');
  expectStatus(res, 200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.body;
}

const SAVE_ROUTE = '/api/v1/filings/:id/sections/:section';

describe('GET /metrics', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await setup();
  });
  afterAll(async () => {
    await f.t.close();
  });

  it('after section saves, shows the save route latency histogram by route pattern, never the raw URL', async () => {
    const client = f.p.ksEnterprise.client;
    const filing = await start(client);
    await fillSample(client, filing); // five section saves
    const text = await scrape(f.t.client());
    const labels = `method="PUT",route="${SAVE_ROUTE}",status_code="200"`;
    expect(sample(text, `sme_http_request_duration_seconds_count{${labels}}`)).toBe(5);
    expect(sample(text, `sme_http_requests_total{${labels}}`)).toBe(5);
    // Cumulative buckets end at +Inf with every observation; the sum is a positive number of seconds.
    expect(sample(text, `sme_http_request_duration_seconds_bucket{le="+Inf",${labels}}`)).toBe(5);
    expect(sample(text, `sme_http_request_duration_seconds_sum{${labels}}`)).toBeGreaterThan(0);
    expect(text).toContain('# TYPE sme_http_request_duration_seconds histogram');
    expect(text).not.toContain(filing.id);
    // The process's own figures come with it (prom-client's default metrics).
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('puts requests that match no route under one label', async () => {
    const client = f.t.client();
    await client.get('/api/v1/no-such-thing/123');
    await client.get('/api/v1/no-such-thing/456');
    const text = await scrape(client);
    expect(
      sample(text, 'sme_http_requests_total{method="GET",route="(unmatched)",status_code="404"}'),
    ).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain('no-such-thing');
  });

  it('reports the database connections of this process', async () => {
    const text = await scrape(f.t.client());
    const total = sample(text, 'sme_db_pool_connections{state="total"}')!;
    const max = sample(text, 'sme_db_pool_connections{state="max"}')!;
    expect(total).toBeGreaterThanOrEqual(1);
    expect(max).toBeGreaterThanOrEqual(total);
    if (f.t.ctx.database.kind === 'postgres') {
      expect(sample(text, 'sme_db_pool_connections{state="idle"}')).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'sme_db_pool_connections{state="waiting"}')).toBe(0);
    } else {
      expect(max).toBe(1);
    }
  });

  it('shows the job queue depth and counts job failures by kind', async () => {
    registerJobHandler('metrics-test-permanent', async () => {
      throw new PermanentJobError('template not approved');
    });
    registerJobHandler('metrics-test-ok', async () => undefined);
    const later = new Date(f.t.clock.now().getTime() + 3_600_000);
    await enqueue(f.t.ctx.db, { kind: 'metrics-test-permanent', payload: {} });
    await enqueue(f.t.ctx.db, { kind: 'metrics-test-ok', payload: {} });
    await enqueue(f.t.ctx.db, { kind: 'metrics-test-ok', payload: {}, runAt: later });
    let text = await scrape(f.t.client());
    expect(sample(text, 'sme_jobs_queue_depth{kind="metrics-test-permanent",state="due"}')).toBe(1);
    expect(sample(text, 'sme_jobs_queue_depth{kind="metrics-test-ok",state="due"}')).toBe(1);
    expect(sample(text, 'sme_jobs_queue_depth{kind="metrics-test-ok",state="scheduled"}')).toBe(1);

    await runDueJobs(f.t.ctx);
    text = await scrape(f.t.client());
    expect(sample(text, 'sme_job_runs_total{kind="metrics-test-permanent",outcome="gave_up"}')).toBe(1);
    expect(sample(text, 'sme_job_runs_total{kind="metrics-test-ok",outcome="succeeded"}')).toBe(1);
    expect(sample(text, 'sme_jobs_queue_depth{kind="metrics-test-permanent",state="due"}')).toBeUndefined();
    expect(sample(text, 'sme_jobs_queue_depth{kind="metrics-test-ok",state="scheduled"}')).toBe(1);
  });

  it('counts login failures by reason and lockouts', async () => {
    const { fields } = await registerEnterprise(f.t, f.t.client());
    const username = fields.username!;
    const client = f.t.client();
    client.remoteAddress = '203.0.113.9';
    const login = (body: Record<string, unknown>) => client.post('/api/v1/auth/login', body);
    await login({ username: 'nobody_at_all', password: 'Wrong@12345' });
    for (let i = 1; i <= 5; i++) {
      const res = await login({ username, password: 'Wrong@12345', ...(i > 3 ? await captcha(client) : {}) });
      if (i === 5) expect(res.json().code).toBe('ACCOUNT_LOCKED');
    }
    await login({ username, password: 'Wrong@12345', ...(await captcha(client)) });
    const text = await scrape(f.t.client());
    expect(sample(text, 'sme_login_failures_total{reason="unknown_user"}')).toBe(1);
    // Every wrong password counts (the 3rd and 4th also ask for the captcha, the 5th locks); the 6th meets the lock.
    expect(sample(text, 'sme_login_failures_total{reason="wrong_password"}')).toBe(5);
    expect(sample(text, 'sme_login_failures_total{reason="locked"}')).toBe(1);
    expect(sample(text, 'sme_account_lockouts_total')).toBe(1);
  });

  it('answers 403 to another machine, and to a request relayed by the reverse proxy', async () => {
    const remote = f.t.client();
    remote.remoteAddress = '203.0.113.5';
    const res = await remote.get('/metrics');
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('METRICS_TOKEN'),
    });
    const proxied = await f.t.client().get('/metrics', { 'x-forwarded-for': '198.51.100.20' });
    expect(proxied.statusCode).toBe(403);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  let t: TestApp;
  const TOKEN = 'metrics-token-0123456789abcdef';
  beforeAll(async () => {
    t = await createTestApp({ env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('requires the bearer token, from anywhere, loopback included', async () => {
    const remote = t.client();
    remote.remoteAddress = '10.1.2.3';
    expect((await remote.get('/metrics', { authorization: `Bearer ${TOKEN}` })).statusCode).toBe(200);
    expect(
      (await remote.get('/metrics', { authorization: 'Bearer wrong-token-0123456789' })).statusCode,
    ).toBe(403);
    expect((await remote.get('/metrics')).statusCode).toBe(403);
    expect((await t.client().get('/metrics')).statusCode).toBe(403);
    expect((await t.client().get('/metrics', { authorization: `Bearer ${TOKEN}` })).statusCode).toBe(200);
  });
});

describe('SMS by provider in /metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    // An HTTP gateway on a loopback port nobody listens on: every hand-over is a network error.
    t = await createTestApp({
      env: {
        SMS_PROVIDER: 'http',
        SMS_HTTP_URL: `http://127.0.0.1:${await closedPort()}/send`,
        SMS_TEMPLATE_MAP: JSON.stringify(
          Object.fromEntries(
            Object.entries(SMS_TEMPLATE_PARAMS).map(([k, params]) => [k, { code: `T_${k}`, params }]),
          ),
        ),
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts a code whose gateway is down as one retry and one failure of that provider', async () => {
    const before = await scrape(t.client());
    expect(sample(before, 'sme_sms_messages_total{provider="http",outcome="failed"}')).toBeUndefined();
    const client = t.client();
    const res = await client.post('/api/v1/auth/register/sms-code', {
      ...registerFields(),
      ...(await captcha(client)),
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(500);
    expect(res.json().message).toContain('短信服务暂不可用');
    const text = await scrape(t.client());
    expect(sample(text, 'sme_sms_messages_total{provider="http",outcome="retry"}')).toBe(1);
    expect(sample(text, 'sme_sms_messages_total{provider="http",outcome="failed"}')).toBe(1);
    expect(sample(text, 'sme_sms_messages_total{provider="http",outcome="sent"}')).toBeUndefined();
  });
});

describe('SMS sent through the outbox in /metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts a delivered code as sent by the outbox provider', async () => {
    await requestRegisterCode(t, t.client(), registerFields());
    const text = await scrape(t.client());
    expect(sample(text, 'sme_sms_messages_total{provider="outbox",outcome="sent"}')).toBe(1);
  });
});

/** A loopback port that was free a moment ago and has nobody listening. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
