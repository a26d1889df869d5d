import { and, eq, like } from 'drizzle-orm';
import { jobs, smsCodes, smsMessages, smsOutbox } from '../../../src/server/db/schema';
import { ensureDefaultCampaign } from '../../../src/server/modules/campaigns/service';
import { ManualClock } from '../../../src/server/services/clock';
import { runDueJobs } from '../../../src/server/services/jobs';
import { onSmsResult, type SmsResultEvent } from '../../../src/server/services/sms-sender';
import { captcha, postMultipart, registerFields } from '../../helpers/accounts';
import { pngBuffer } from '../../helpers/images';
import { createPersonas, loginAs, type Personas } from '../../helpers/personas';
import { smsEnv } from '../../helpers/sms-env';
import {
  startFakeAliyun,
  startFakeHttpGateway,
  startFakeTencent,
  type FakeGateway,
  type RecordedRequest,
} from '../../helpers/sms-fakes';
import { createTestApp, type TestApp, type TestClient } from '../../helpers/test-app';
import { ALIYUN_KEY, HTTP_TOKEN, TENCENT_KEY } from '../../helpers/sms-env';
import { actOk, detail, insertSubmitted, newEnterprise } from '../review/helpers';
import { IN_WINDOW, YEAR } from '../filings/flow';

/*
 * Done-when of issue 11 item 1, per provider pointed at its loopback fake: registration sends a code the
 * person then registers with; a review action's notification reaches the gateway exactly once; throttling
 * is retried (at once for codes, with the job outbox's backoff for notifications), permanent errors are not;
 * a gateway that is down leaves the person's daily quota untouched.
 */

type Provider = 'aliyun' | 'tencent' | 'http';

const FAKES: Record<Provider, () => Promise<FakeGateway>> = {
  aliyun: () => startFakeAliyun(ALIYUN_KEY.id, ALIYUN_KEY.secret),
  tencent: () => startFakeTencent(TENCENT_KEY.id, TENCENT_KEY.secret),
  http: () => startFakeHttpGateway(HTTP_TOKEN),
};

/** The mobile, template (our key, from the template map's codes) and parameters a fake received. */
function decode(
  provider: Provider,
  r: RecordedRequest,
): { mobile: string; template: string; params: string[] } {
  if (provider === 'aliyun') {
    const q = new URL(r.url, 'http://x').searchParams;
    const params = q.get('TemplateParam');
    return {
      mobile: q.get('PhoneNumbers')!,
      template: q.get('TemplateCode')!.replace('SMS_', ''),
      params: params ? Object.values(JSON.parse(params) as Record<string, string>) : [],
    };
  }
  const b = JSON.parse(r.body);
  if (provider === 'tencent') {
    return { mobile: b.PhoneNumberSet[0].slice(3), template: b.TemplateId, params: b.TemplateParamSet };
  }
  return { mobile: b.phone, template: b.template, params: Object.values(b.vars as Record<string, string>) };
}

/** Template codes in the test map are 900000 + the key's index; the HTTP gateway receives our key. */
function templateOf(provider: Provider, code: string): string {
  if (provider === 'http') return code;
  const keys = [
    'register_code',
    'reset_password_code',
    'change_mobile_code',
    'username_reminder',
    'password_changed',
    'filing_returned',
  ];
  return keys[Number(code) - 900_000] ?? `other:${code}`;
}

describe.each(['aliyun', 'tencent', 'http'] as const)(
  'SMS_PROVIDER=%s against a loopback fake',
  (provider) => {
    let fake: FakeGateway;
    let t: TestApp;
    let p: Personas;
    const events: SmsResultEvent[] = [];
    let unsubscribe: () => void;

    beforeAll(async () => {
      fake = await FAKES[provider]();
      t = await createTestApp({ clock: new ManualClock(IN_WINDOW), env: smsEnv(provider, fake) });
      await ensureDefaultCampaign(t.ctx, YEAR);
      p = await createPersonas(t);
      unsubscribe = onSmsResult((e) => events.push(e));
    });
    afterAll(async () => {
      unsubscribe();
      await t.close();
      await fake.close();
    });
    beforeEach(() => {
      fake.reset();
      events.length = 0;
    });

    const sent = (template: string, mobile?: string) =>
      fake.requests
        .map((r) => ({ r, d: decode(provider, r) }))
        .filter(({ d }) => templateOf(provider, d.template) === template && (!mobile || d.mobile === mobile));

    async function askCode(client: TestClient, fields: Record<string, string>) {
      return client.post('/api/v1/auth/register/sms-code', { ...fields, ...(await captcha(client)) });
    }

    it('registration: the code reaches the gateway (signed), and the person registers with it', async () => {
      const client = t.client();
      const fields = registerFields();
      const res = await askCode(client, fields);
      expect(res.statusCode).toBe(200);
      const got = sent('register_code', fields.contactMobile);
      expect(got).toHaveLength(1);
      expect(got[0]!.r.signatureValid).toBe(true);
      const code = got[0]!.d.params[0]!;
      expect(code).toMatch(/^\d{6}$/);
      // Nothing goes to the development outbox; the message log keeps the code masked.
      expect(await t.ctx.db.select().from(smsOutbox)).toHaveLength(0);
      const [row] = await t.ctx.db
        .select()
        .from(smsMessages)
        .where(eq(smsMessages.mobile, fields.contactMobile!));
      expect(row).toMatchObject({ provider, status: 'sent', purpose: 'code', attempts: 1 });
      expect(row!.providerRequestId).toBeTruthy();
      expect(row!.body).toContain('验证码 ******');
      expect(row!.body).not.toContain(code);
      expect(events).toMatchObject([{ provider, template: 'register_code', outcome: 'sent' }]);

      const reg = await postMultipart(
        client,
        '/api/v1/auth/register',
        { ...fields, smsCode: code },
        { data: await pngBuffer() },
      );
      expect(reg.statusCode).toBe(201);
    });

    it('a review action’s notification reaches the gateway exactly once', async () => {
      const mobile = '13700001111';
      await t.ctx.database.query('update enterprises set contact_mobile = $1 where id = $2', [
        mobile,
        p.ksEnterprise.enterpriseId,
      ]);
      const f = await insertSubmitted(t, { enterprise: p.ksEnterprise, countyCode: '320583' });
      const d = await detail(p.ksCounty.client, f.id);
      await actOk(p.ksCounty.client, f.id, {
        action: 'county_return',
        reason: '请补充研发费用明细',
        expectedStatusVersion: d.statusVersion,
        returnSections: [{ section: 'operations', fields: {} }],
      });
      await runDueJobs(t.ctx);
      t.clock.advance(60 * 60_000);
      await runDueJobs(t.ctx);
      const got = sent('filing_returned', mobile);
      expect(got).toHaveLength(1);
      expect(got[0]!.r.signatureValid).toBe(true);
      const [row] = await t.ctx.db
        .select()
        .from(smsMessages)
        .where(and(eq(smsMessages.mobile, mobile), eq(smsMessages.template, 'filing_returned')));
      expect(row).toMatchObject({ status: 'sent', purpose: 'notification', attempts: 1 });
      expect(row!.jobId).not.toBeNull();
    });

    it('a gateway that is down: the person is told, and nothing is taken from the daily quota', async () => {
      const client = t.client();
      const fields = registerFields();
      fake.always({ kind: 'status', status: 503 });
      const down = await askCode(client, fields);
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({
        code: 'SMS_UNAVAILABLE',
        message: '短信服务暂不可用，请稍后再试。',
      });
      // Sent at once and tried once more.
      expect(sent('register_code', fields.contactMobile)).toHaveLength(2);
      expect(
        await t.ctx.db.select().from(smsCodes).where(eq(smsCodes.mobile, fields.contactMobile!)),
      ).toHaveLength(0);
      const [row] = await t.ctx.db
        .select()
        .from(smsMessages)
        .where(eq(smsMessages.mobile, fields.contactMobile!));
      expect(row).toMatchObject({ status: 'failed', attempts: 2 });
      expect(events.map((e) => e.outcome)).toEqual(['retry', 'failed']);

      // The gateway is back: no "once a minute" wait, since nothing was consumed.
      fake.always(null);
      const again = await askCode(client, fields);
      expect(again.statusCode).toBe(200);
      expect(
        await t.ctx.db.select().from(smsCodes).where(eq(smsCodes.mobile, fields.contactMobile!)),
      ).toHaveLength(1);
    });
  },
);

describe('retries (SMS_PROVIDER=aliyun)', () => {
  let fake: FakeGateway;
  let t: TestApp;
  let p: Personas;

  beforeAll(async () => {
    fake = await startFakeAliyun(ALIYUN_KEY.id, ALIYUN_KEY.secret);
    t = await createTestApp({ clock: new ManualClock(IN_WINDOW), env: smsEnv('aliyun', fake) });
    await ensureDefaultCampaign(t.ctx, YEAR);
    p = await createPersonas(t);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  it('a code: throttling is retried once at once; a permanent error is not retried', async () => {
    const client = t.client();
    const a = registerFields();
    fake.next({ kind: 'code', code: 'isv.BUSINESS_LIMIT_CONTROL' });
    expect(
      (await client.post('/api/v1/auth/register/sms-code', { ...a, ...(await captcha(client)) })).statusCode,
    ).toBe(200);
    expect(fake.requests).toHaveLength(2);

    fake.reset();
    const b = registerFields();
    fake.next({ kind: 'code', code: 'isv.MOBILE_NUMBER_ILLEGAL' });
    const res = await client.post('/api/v1/auth/register/sms-code', { ...b, ...(await captcha(client)) });
    expect(res.statusCode).toBe(503);
    expect(fake.requests).toHaveLength(1);
    const [row] = await t.ctx.db.select().from(smsMessages).where(eq(smsMessages.mobile, b.contactMobile!));
    expect(row).toMatchObject({ status: 'failed', providerCode: 'isv.MOBILE_NUMBER_ILLEGAL', attempts: 1 });
  });

  async function returnFiling(mobile: string) {
    const e = await newEnterprise(t, '320583');
    await t.ctx.database.query('update enterprises set contact_mobile = $1 where id = $2', [
      mobile,
      e.enterpriseId,
    ]);
    const f = await insertSubmitted(t, { enterprise: e, countyCode: '320583' });
    // A fresh session: earlier tests move the clock past the idle limit.
    const reviewer = await loginAs(t, p.ksCounty.userId);
    const d = await detail(reviewer, f.id);
    await actOk(reviewer, f.id, {
      action: 'county_return',
      reason: '请补充材料',
      expectedStatusVersion: d.statusVersion,
      returnSections: [{ section: 'operations', fields: {} }],
    });
  }

  const messageTo = async (mobile: string) =>
    (await t.ctx.db.select().from(smsMessages).where(eq(smsMessages.mobile, mobile)))[0];

  it('a notification: throttling is retried by the job outbox after its backoff, then sent once', async () => {
    const mobile = '13700002222';
    await returnFiling(mobile);
    // The notify job runs, enqueues the SMS job, which meets throttling.
    fake.next({ kind: 'code', code: 'isv.BUSINESS_LIMIT_CONTROL' });
    await runDueJobs(t.ctx);
    expect(fake.requests).toHaveLength(1);
    const first = await messageTo(mobile);
    expect(first).toMatchObject({
      status: 'retrying',
      attempts: 1,
      providerCode: 'isv.BUSINESS_LIMIT_CONTROL',
    });
    const [job] = await t.ctx.db.select().from(jobs).where(eq(jobs.id, first!.jobId!));
    expect(job!.doneAt).toBeNull();
    // Not before the backoff (30 s).
    t.clock.advance(10_000);
    await runDueJobs(t.ctx);
    expect(fake.requests).toHaveLength(1);
    t.clock.advance(25_000);
    await runDueJobs(t.ctx);
    expect(fake.requests).toHaveLength(2);
    const done = await messageTo(mobile);
    expect(done).toMatchObject({ status: 'sent', attempts: 2, providerCode: 'OK', jobId: first!.jobId });
    expect(done!.providerRequestId).toBe('ali-biz-2');
    t.clock.advance(24 * 60 * 60_000);
    await runDueJobs(t.ctx);
    expect(fake.requests).toHaveLength(2);
  });

  it('a notification: a permanent error fails the job at once and is never sent again', async () => {
    const mobile = '13700003333';
    await returnFiling(mobile);
    fake.next({ kind: 'code', code: 'isv.SMS_TEMPLATE_ILLEGAL' });
    await runDueJobs(t.ctx);
    t.clock.advance(24 * 60 * 60_000);
    await runDueJobs(t.ctx);
    expect(fake.requests).toHaveLength(1);
    const row = await messageTo(mobile);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, providerCode: 'isv.SMS_TEMPLATE_ILLEGAL' });
    const [job] = await t.ctx.db.select().from(jobs).where(eq(jobs.id, row!.jobId!));
    expect(job!.doneAt).not.toBeNull();
    expect(job!.lastError).toMatch(/isv\.SMS_TEMPLATE_ILLEGAL/);
  });

  it('a notification whose gateway never recovers is marked failed when the job gives up', async () => {
    const mobile = '13700004444';
    await returnFiling(mobile);
    fake.always({ kind: 'status', status: 503 });
    for (let i = 0; i < 12; i++) {
      await runDueJobs(t.ctx);
      t.clock.advance(6 * 60 * 60_000);
    }
    fake.always(null);
    const row = await messageTo(mobile);
    const [job] = await t.ctx.db.select().from(jobs).where(eq(jobs.id, row!.jobId!));
    expect(row).toMatchObject({ status: 'failed', attempts: job!.maxAttempts });
    expect(job!.doneAt).not.toBeNull();
    expect(fake.requests.filter((r) => r.url.includes('TemplateCode=SMS_900005'))).toHaveLength(
      job!.maxAttempts,
    );
    expect((await t.ctx.db.select().from(jobs).where(like(jobs.kind, 'sms%'))).length).toBeGreaterThan(0);
  });
});
