import { loadConfig } from '../../../src/server/config';
import { loadSmsConfig } from '../../../src/server/services/sms-providers/config';
import { templateMapJson } from '../../helpers/sms-env';

/** SMS settings are checked at start-up: each error names the setting, in Chinese and in English. */

const PEPPER = { SMS_CODE_PEPPER: 'x'.repeat(32) };
const ALIYUN = {
  SMS_PROVIDER: 'aliyun',
  SMS_SIGN_NAME: '江苏省中小企业梯度培育平台',
  SMS_ALIYUN_ACCESS_KEY_ID: 'id',
  SMS_ALIYUN_ACCESS_KEY_SECRET: 'secret',
  SMS_TEMPLATE_MAP: templateMapJson('aliyun'),
};

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an error');
}

describe('SMS settings at start-up', () => {
  it('production refuses the outbox (and no provider) unless SMS_ALLOW_OUTBOX_IN_PRODUCTION=true', () => {
    for (const env of [{}, { SMS_PROVIDER: 'outbox' }]) {
      const msg = errorOf(() => loadConfig({ APP_MODE: 'production', ...PEPPER, ...env }));
      expect(msg).toContain('生产环境必须配置短信服务');
      expect(msg).toContain('SMS_PROVIDER');
      expect(msg).toContain('SMS_ALLOW_OUTBOX_IN_PRODUCTION');
    }
    const dry = loadConfig({ APP_MODE: 'production', ...PEPPER, SMS_ALLOW_OUTBOX_IN_PRODUCTION: 'true' });
    expect(dry.sms).toMatchObject({ provider: 'outbox', outboxInProduction: true });
    expect(loadConfig({ APP_MODE: 'production', ...PEPPER, ...ALIYUN }).sms.provider).toBe('aliyun');
    // Development and test default to the outbox.
    expect(loadConfig({}).sms.provider).toBe('outbox');
  });

  it('names each missing setting', () => {
    expect(errorOf(() => loadSmsConfig({ SMS_PROVIDER: 'sms-cat' }, 'test'))).toMatch(/SMS_PROVIDER 只能是/);
    const aliyun = errorOf(() => loadSmsConfig({ SMS_PROVIDER: 'aliyun', SMS_SIGN_NAME: '签名' }, 'test'));
    expect(aliyun).toContain(
      'SMS_PROVIDER=aliyun 需要设置 SMS_ALIYUN_ACCESS_KEY_ID、SMS_ALIYUN_ACCESS_KEY_SECRET',
    );
    expect(aliyun).toContain('requires SMS_ALIYUN_ACCESS_KEY_ID, SMS_ALIYUN_ACCESS_KEY_SECRET');
    const tencent = errorOf(() =>
      loadSmsConfig(
        { SMS_PROVIDER: 'tencent', SMS_TENCENT_SECRET_ID: 'a', SMS_TENCENT_SECRET_KEY: 'b' },
        'test',
      ),
    );
    expect(tencent).toContain('SMS_SIGN_NAME、SMS_TENCENT_SDK_APP_ID');
    expect(errorOf(() => loadSmsConfig({ SMS_PROVIDER: 'http' }, 'test'))).toContain('SMS_HTTP_URL');
    expect(errorOf(() => loadSmsConfig({ SMS_PROVIDER: 'http', SMS_HTTP_URL: 'ftp://x' }, 'test'))).toContain(
      'SMS_HTTP_URL 必须以 http:// 或 https:// 开头',
    );
    expect(
      errorOf(() =>
        loadSmsConfig(
          { SMS_PROVIDER: 'http', SMS_HTTP_URL: 'https://x', SMS_HTTP_AUTH_HEADER: 'nocolon' },
          'test',
        ),
      ),
    ).toContain('SMS_HTTP_AUTH_HEADER');
    expect(errorOf(() => loadSmsConfig({ ...ALIYUN, SMS_ALIYUN_ENDPOINT: 'not a host/' }, 'test'))).toContain(
      'SMS_ALIYUN_ENDPOINT',
    );
  });

  it('checks the template map: every template, known parameters only', () => {
    const { SMS_TEMPLATE_MAP: _omit, ...noMap } = ALIYUN;
    expect(errorOf(() => loadSmsConfig(noMap, 'test'))).toMatch(/SMS_TEMPLATE_MAP 未设置/);
    expect(errorOf(() => loadSmsConfig({ ...ALIYUN, SMS_TEMPLATE_MAP: '{oops' }, 'test'))).toMatch(
      /SMS_TEMPLATE_MAP 不是有效的 JSON/,
    );
    const partial = JSON.parse(templateMapJson('aliyun')) as Record<string, unknown>;
    delete partial.review_digest;
    delete partial.sms_test;
    expect(
      errorOf(() => loadSmsConfig({ ...ALIYUN, SMS_TEMPLATE_MAP: JSON.stringify(partial) }, 'test')),
    ).toContain('SMS_TEMPLATE_MAP 缺少模板：review_digest、sms_test');
    const badParam = templateMapJson('aliyun', {
      register_code: { code: 'SMS_1', params: ['verification'] },
    });
    expect(errorOf(() => loadSmsConfig({ ...ALIYUN, SMS_TEMPLATE_MAP: badParam }, 'test'))).toContain(
      'SMS_TEMPLATE_MAP.register_code.params 含有该模板没有的参数：verification（可用：code）',
    );
    const noCode = templateMapJson('aliyun', { password_changed: { params: [] } });
    expect(errorOf(() => loadSmsConfig({ ...ALIYUN, SMS_TEMPLATE_MAP: noCode }, 'test'))).toContain(
      'SMS_TEMPLATE_MAP.password_changed.code 未设置',
    );
    const ok = loadSmsConfig(
      {
        ...ALIYUN,
        SMS_TEMPLATE_MAP: templateMapJson('aliyun', {
          review_digest: { code: 'SMS_9', params: { n: 'arrived', p: 'pending' } },
        }),
      },
      'test',
    );
    expect(ok.templateMap!.review_digest).toEqual({
      code: 'SMS_9',
      params: [
        ['n', 'arrived'],
        ['p', 'pending'],
      ],
    });
    expect(ok.templateMap!.register_code).toEqual({ code: 'SMS_900000', params: [['code', 'code']] });
    expect(ok.aliyun!.endpoint).toEqual({ protocol: 'https', host: 'dysmsapi.aliyuncs.com' });
  });

  it('the HTTP gateway needs the template map only when its body names {{templateCode}}', () => {
    const base = { SMS_PROVIDER: 'http', SMS_HTTP_URL: 'https://sms.gov.example/api/send' };
    expect(
      loadSmsConfig({ ...base, SMS_HTTP_BODY_TEMPLATE: '{"m":"{{mobile}}","t":"{{content}}"}' }, 'test')
        .templateMap,
    ).toBeNull();
    expect(errorOf(() => loadSmsConfig(base, 'test'))).toMatch(/SMS_TEMPLATE_MAP 未设置/);
  });
});
