import { desc, eq } from 'drizzle-orm';
import { auditEvents, smsMessages } from '../../../src/server/db/schema';
import { SMS_TEMPLATE_KEYS } from '../../../src/server/services/sms';
import { createPersonas, type Personas } from '../../helpers/personas';
import { smsEnv } from '../../helpers/sms-env';
import { startFakeAliyun, type FakeGateway } from '../../helpers/sms-fakes';
import { ALIYUN_KEY } from '../../helpers/sms-env';
import { captcha, registerFields } from '../../helpers/accounts';
import { createTestApp, type TestApp } from '../../helpers/test-app';

/** 系统管理 → 短信: the message log with masked numbers and the administrator's audited test message. */

let fake: FakeGateway;
let t: TestApp;
let p: Personas;
beforeAll(async () => {
  fake = await startFakeAliyun(ALIYUN_KEY.id, ALIYUN_KEY.secret);
  t = await createTestApp({ env: smsEnv('aliyun', fake) });
  p = await createPersonas(t);
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

describe('系统管理 → 短信', () => {
  it('lists the last messages: status, gateway id, masked number, no code', async () => {
    const client = t.client();
    const fields = registerFields({ contactMobile: '13812345678' });
    expect(
      (await client.post('/api/v1/auth/register/sms-code', { ...fields, ...(await captcha(client)) }))
        .statusCode,
    ).toBe(200);
    const code = JSON.parse(
      new URL(fake.requests.at(-1)!.url, 'http://x').searchParams.get('TemplateParam')!,
    ).code;
    const res = await p.admin.client.get('/api/v1/admin/sms');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      provider: 'aliyun',
      signName: '江苏省中小企业梯度培育平台',
      nextCursor: null,
    });
    expect(body.items[0]).toMatchObject({
      mobileMasked: '138****5678',
      template: 'register_code',
      purpose: 'code',
      status: 'sent',
      attempts: 1,
      providerCode: 'OK',
    });
    expect(body.items[0].providerRequestId).toMatch(/^ali-biz-/);
    expect(res.body).not.toContain('13812345678');
    expect(res.body).not.toContain(code);
    expect(body.items[0].body).toContain('验证码 ******');

    const failed = await p.admin.client.get('/api/v1/admin/sms?status=failed');
    expect(failed.json().items).toEqual([]);
    expect((await p.province.client.get('/api/v1/admin/sms')).statusCode).toBe(403);
  });

  it('sends a test message at once and audits it, success or failure', async () => {
    const ok = await p.admin.client.post('/api/v1/admin/sms/test', { mobile: '139 0000 1234' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      sent: true,
      item: { mobileMasked: '139****1234', template: 'sms_test', purpose: 'test', status: 'sent' },
    });
    expect(ok.json().message).toContain('测试短信已提交短信网关');
    const q = new URL(fake.requests.at(-1)!.url, 'http://x').searchParams;
    expect(q.get('PhoneNumbers')).toBe('13900001234');
    // The test map numbers the templates in order (sms-env.ts).
    expect(q.get('TemplateCode')).toBe(`SMS_${900_000 + SMS_TEMPLATE_KEYS.indexOf('sms_test')}`);

    fake.next({ kind: 'code', code: 'isv.SMS_SIGNATURE_ILLEGAL' });
    const bad = await p.admin.client.post('/api/v1/admin/sms/test', { mobile: '13900001234' });
    expect(bad.statusCode).toBe(200);
    expect(bad.json()).toMatchObject({
      sent: false,
      item: { status: 'failed', providerCode: 'isv.SMS_SIGNATURE_ILLEGAL' },
    });
    expect(bad.json().message).toContain('测试短信发送失败：isv.SMS_SIGNATURE_ILLEGAL');

    const audits = await t.ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'admin.sms.test'))
      .orderBy(desc(auditEvents.id));
    expect(audits.map((a) => a.success)).toEqual([false, true]);
    expect(audits[0]!.details).toMatchObject({
      mobile: '139****1234',
      provider: 'aliyun',
      code: 'isv.SMS_SIGNATURE_ILLEGAL',
    });
    expect(JSON.stringify(audits)).not.toContain('13900001234');
    expect(audits[1]!.username).toBe(p.admin.username);

    const invalid = await p.admin.client.post('/api/v1/admin/sms/test', { mobile: '1234' });
    expect(invalid.statusCode).toBe(400);
    const rows = await t.ctx.db.select().from(smsMessages).where(eq(smsMessages.purpose, 'test'));
    expect(rows).toHaveLength(2);
  });
});
