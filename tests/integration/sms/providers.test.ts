import { loadSmsConfig } from '../../../src/server/services/sms-providers/config';
import { createSmsGateway } from '../../../src/server/services/sms-providers';
import { SmsDeliveryError, type SmsGateway, type SmsMessage } from '../../../src/server/services/sms';
import {
  startFakeAliyun,
  startFakeHttpGateway,
  startFakeTencent,
  type FakeGateway,
} from '../../helpers/sms-fakes';
import { ALIYUN_KEY, HTTP_TOKEN, smsEnv, TENCENT_KEY, templateMapJson } from '../../helpers/sms-env';

/*
 * Each gateway against a loopback fake of its HTTP API: what the SDK puts on the wire (signature, headers,
 * template code and parameters), and how answers are classified: throttling and timeouts retryable,
 * invalid numbers and unapproved templates permanent.
 */

const db = null as never; // gateways other than the outbox never touch the database

function gateway(env: Record<string, string>): SmsGateway {
  return createSmsGateway(loadSmsConfig(env, 'test'), db);
}

const codeMsg: SmsMessage = {
  id: 41,
  mobile: '13812345678',
  template: 'register_code',
  params: { code: '246810' },
  body: '【江苏省中小企业梯度培育平台】您正在注册企业账号，验证码 246810，5 分钟内有效。如非本人操作，请忽略本短信。',
};
const digestMsg: SmsMessage = {
  id: 42,
  mobile: '13812345678',
  template: 'review_digest',
  params: { arrived: 3, pending: 17 },
  body: '今日新到待审核 3 件，当前共 17 件待审核',
};

async function failure(p: Promise<unknown>): Promise<SmsDeliveryError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof SmsDeliveryError) return err;
    throw err;
  }
  throw new Error('expected a SmsDeliveryError');
}

describe('Aliyun (Dysmsapi SendSms through the official SDK)', () => {
  let fake: FakeGateway;
  beforeAll(async () => {
    fake = await startFakeAliyun(ALIYUN_KEY.id, ALIYUN_KEY.secret);
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('signs with ACS3-HMAC-SHA256 and sends sign name, template code and named parameters', async () => {
    const r = await gateway(smsEnv('aliyun', fake)).deliver(codeMsg);
    expect(r).toEqual({ requestId: 'ali-biz-1', code: 'OK' });
    const req = fake.requests[0]!;
    expect(req.algorithm).toBe('ACS3-HMAC-SHA256');
    expect(req.signatureValid).toBe(true);
    expect(req.headers['x-acs-action']).toBe('SendSms');
    expect(req.headers['x-acs-version']).toBe('2017-05-25');
    const q = new URL(req.url, 'http://x').searchParams;
    expect(q.get('PhoneNumbers')).toBe('13812345678');
    expect(q.get('SignName')).toBe('江苏省中小企业梯度培育平台');
    expect(q.get('TemplateCode')).toBe('SMS_900000');
    expect(JSON.parse(q.get('TemplateParam')!)).toEqual({ code: '246810' });
    expect(q.get('OutId')).toBe('41');
  });

  it('maps our parameter names to the template’s own names', async () => {
    const env = {
      ...smsEnv('aliyun', fake),
      SMS_TEMPLATE_MAP: templateMapJson('aliyun', {
        review_digest: { code: 'SMS_77', params: { newCount: 'arrived', total: 'pending' } },
      }),
    };
    await gateway(env).deliver(digestMsg);
    const q = new URL(fake.requests[0]!.url, 'http://x').searchParams;
    expect(q.get('TemplateCode')).toBe('SMS_77');
    expect(JSON.parse(q.get('TemplateParam')!)).toEqual({ newCount: '3', total: '17' });
  });

  it('a wrong secret gives a signature the service would refuse (the fake checks it)', async () => {
    await gateway({ ...smsEnv('aliyun', fake), SMS_ALIYUN_ACCESS_KEY_SECRET: 'not-the-secret' }).deliver(
      codeMsg,
    );
    expect(fake.requests[0]!.signatureValid).toBe(false);
  });

  it('classifies answers: frequency limit and HTTP throttling retryable; invalid number, unapproved template permanent', async () => {
    const g = gateway(smsEnv('aliyun', fake));
    fake.next(
      { kind: 'code', code: 'isv.BUSINESS_LIMIT_CONTROL' },
      { kind: 'code', code: 'Throttling.User', status: 400 },
      { kind: 'status', status: 503 },
      { kind: 'code', code: 'isv.MOBILE_NUMBER_ILLEGAL' },
      { kind: 'code', code: 'isv.SMS_TEMPLATE_ILLEGAL' },
      { kind: 'code', code: 'InvalidAccessKeyId.NotFound', status: 404 },
    );
    const results = [];
    for (let i = 0; i < 6; i++) {
      const e = await failure(g.deliver(codeMsg));
      results.push([e.code, e.retryable]);
    }
    expect(results).toEqual([
      ['isv.BUSINESS_LIMIT_CONTROL', true],
      ['Throttling.User', true],
      ['ServiceUnavailable', true],
      ['isv.MOBILE_NUMBER_ILLEGAL', false],
      ['isv.SMS_TEMPLATE_ILLEGAL', false],
      ['InvalidAccessKeyId.NotFound', false],
    ]);
    // One request per delivery: the SDK's own retries stay off (the job outbox retries).
    expect(fake.requests).toHaveLength(6);
  });

  it('a gateway that does not answer is a retryable timeout within SMS_TIMEOUT_MS', async () => {
    fake.next({ kind: 'hang' });
    const started = Date.now();
    const e = await failure(gateway({ ...smsEnv('aliyun', fake), SMS_TIMEOUT_MS: '400' }).deliver(codeMsg));
    expect(e.retryable).toBe(true);
    expect(e.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('Tencent Cloud (SendSms 2021-01-11 through tencentcloud-sdk-nodejs-sms)', () => {
  let fake: FakeGateway;
  beforeAll(async () => {
    fake = await startFakeTencent(TENCENT_KEY.id, TENCENT_KEY.secret);
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('signs with TC3-HMAC-SHA256 (scope …/sms/tc3_request) and sends ordered parameters', async () => {
    const r = await gateway(smsEnv('tencent', fake)).deliver(digestMsg);
    expect(r).toEqual({ requestId: 'tc-serial-1', code: 'Ok' });
    const req = fake.requests[0]!;
    expect(req.algorithm).toBe('TC3-HMAC-SHA256');
    expect(String(req.headers.authorization)).toMatch(
      /Credential=AKID-fake-secret-id\/\d{4}-\d{2}-\d{2}\/sms\/tc3_request/,
    );
    expect(req.signatureValid).toBe(true);
    expect(req.headers['x-tc-action']).toBe('SendSms');
    expect(req.headers['x-tc-version']).toBe('2021-01-11');
    expect(req.headers['x-tc-region']).toBe('ap-guangzhou');
    expect(req.headers.host).toMatch(/^sms\.fake\.invalid:\d+$/);
    expect(JSON.parse(req.body)).toEqual({
      PhoneNumberSet: ['+8613812345678'],
      SmsSdkAppId: '1400000001',
      SignName: '江苏省中小企业梯度培育平台',
      TemplateId: '900009',
      TemplateParamSet: ['3', '17'],
      SessionContext: '42',
    });
  });

  it('a wrong secret key gives a signature the service would refuse', async () => {
    await gateway({ ...smsEnv('tencent', fake), SMS_TENCENT_SECRET_KEY: 'wrong' }).deliver(codeMsg);
    expect(fake.requests[0]!.signatureValid).toBe(false);
  });

  it('classifies answers: limits and request throttling retryable; bad number, unapproved template, auth permanent', async () => {
    const g = gateway(smsEnv('tencent', fake));
    fake.next(
      { kind: 'code', code: 'LimitExceeded.PhoneNumberThirtySecondLimit' },
      { kind: 'code', code: 'RequestLimitExceeded', requestLevel: true },
      { kind: 'code', code: 'InternalError.Timeout', requestLevel: true },
      { kind: 'status', status: 502 },
      { kind: 'code', code: 'InvalidParameterValue.IncorrectPhoneNumber' },
      { kind: 'code', code: 'FailedOperation.TemplateIncorrectOrUnapproved' },
      { kind: 'code', code: 'AuthFailure.SignatureFailure', requestLevel: true },
    );
    const results = [];
    for (let i = 0; i < 7; i++) {
      const e = await failure(g.deliver(codeMsg));
      results.push([e.code, e.retryable]);
    }
    expect(results).toEqual([
      ['LimitExceeded.PhoneNumberThirtySecondLimit', true],
      ['RequestLimitExceeded', true],
      ['InternalError.Timeout', true],
      ['HTTP_502', true],
      ['InvalidParameterValue.IncorrectPhoneNumber', false],
      ['FailedOperation.TemplateIncorrectOrUnapproved', false],
      ['AuthFailure.SignatureFailure', false],
    ]);
    expect(fake.requests).toHaveLength(7);
  });

  it('a gateway that does not answer is a retryable timeout', async () => {
    fake.next({ kind: 'hang' });
    const e = await failure(gateway({ ...smsEnv('tencent', fake), SMS_TIMEOUT_MS: '400' }).deliver(codeMsg));
    expect([e.code, e.retryable]).toEqual(['TIMEOUT', true]);
  });
});

describe('a province’s HTTP gateway (SMS_PROVIDER=http)', () => {
  let fake: FakeGateway;
  beforeAll(async () => {
    fake = await startFakeHttpGateway(HTTP_TOKEN);
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('POSTs the body template filled per message, with the auth header', async () => {
    const r = await gateway(smsEnv('http', fake)).deliver(digestMsg);
    expect(r).toEqual({ requestId: 'gov-1', code: '0' });
    const req = fake.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/api/sms/send');
    expect(req.signatureValid).toBe(true);
    expect(req.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(req.body)).toEqual({
      phone: '13812345678',
      sign: '江苏省中小企业梯度培育平台',
      text: digestMsg.body,
      template: 'review_digest',
      vars: { arrived: '3', pending: '17' },
      bizId: 'jssme-42',
    });
  });

  it('classifies answers: 429, 5xx and listed retry codes retryable; other codes and 4xx permanent', async () => {
    const g = gateway(smsEnv('http', fake));
    fake.next(
      { kind: 'status', status: 429 },
      { kind: 'status', status: 500 },
      { kind: 'code', code: 'BUSY' },
      { kind: 'code', code: 'MOBILE_INVALID' },
      { kind: 'status', status: 401 },
    );
    const results = [];
    for (let i = 0; i < 5; i++) {
      const e = await failure(g.deliver(codeMsg));
      results.push([e.code, e.retryable]);
    }
    expect(results).toEqual([
      ['HTTP_429', true],
      ['HTTP_500', true],
      ['BUSY', true],
      ['MOBILE_INVALID', false],
      ['HTTP_401', false],
    ]);
  });

  it('a gateway that does not answer is a retryable timeout; a closed port a retryable network error', async () => {
    fake.next({ kind: 'hang' });
    const e = await failure(gateway({ ...smsEnv('http', fake), SMS_TIMEOUT_MS: '300' }).deliver(codeMsg));
    expect([e.code, e.retryable]).toEqual(['TIMEOUT', true]);
    const closed = await failure(
      gateway({ ...smsEnv('http', fake), SMS_HTTP_URL: 'http://127.0.0.1:9/none' }).deliver(codeMsg),
    );
    expect([closed.code, closed.retryable]).toEqual(['NETWORK', true]);
  });
});
