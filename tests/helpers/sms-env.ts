import { SMS_TEMPLATE_KEYS, type SmsTemplate } from '../../src/server/services/sms';
import type { FakeGateway } from './sms-fakes';

/** SMS_TEMPLATE_MAP covering every template: Aliyun-style codes (SMS_9000xx) or Tencent-style ids (9000xx). */
export function templateMapJson(
  style: 'aliyun' | 'tencent',
  overrides: Partial<Record<SmsTemplate, unknown>> = {},
): string {
  const map: Record<string, unknown> = {};
  SMS_TEMPLATE_KEYS.forEach((k, i) => {
    const n = String(900_000 + i);
    map[k] = overrides[k] ?? { code: style === 'aliyun' ? `SMS_${n}` : n };
  });
  return JSON.stringify(map);
}

export const ALIYUN_KEY = { id: 'LTAI-fake-key-id', secret: 'fake-aliyun-secret-0123456789' };
export const TENCENT_KEY = { id: 'AKID-fake-secret-id', secret: 'fake-tencent-secret-0123456789' };
export const HTTP_TOKEN = 'gov-sms-token-0123456789';

/** The environment pointing SMS_PROVIDER at a loopback fake (sms-fakes.ts). */
export function smsEnv(provider: 'aliyun' | 'tencent' | 'http', fake: FakeGateway): Record<string, string> {
  const common = {
    SMS_PROVIDER: provider,
    SMS_SIGN_NAME: '江苏省中小企业梯度培育平台',
    SMS_TIMEOUT_MS: '1500',
  };
  if (provider === 'aliyun') {
    return {
      ...common,
      SMS_ALIYUN_ACCESS_KEY_ID: ALIYUN_KEY.id,
      SMS_ALIYUN_ACCESS_KEY_SECRET: ALIYUN_KEY.secret,
      SMS_ALIYUN_ENDPOINT: fake.url,
      SMS_TEMPLATE_MAP: templateMapJson('aliyun'),
    };
  }
  if (provider === 'tencent') {
    const port = fake.host.split(':')[1]!;
    return {
      ...common,
      SMS_TENCENT_SECRET_ID: TENCENT_KEY.id,
      SMS_TENCENT_SECRET_KEY: TENCENT_KEY.secret,
      SMS_TENCENT_SDK_APP_ID: '1400000001',
      // A name that can never resolve, reached through SMS_TENCENT_ADDRESS: the signature's scope says "sms".
      SMS_TENCENT_ENDPOINT: `http://sms.fake.invalid:${port}`,
      SMS_TENCENT_ADDRESS: '127.0.0.1',
      SMS_TEMPLATE_MAP: templateMapJson('tencent'),
    };
  }
  return {
    ...common,
    SMS_HTTP_URL: `${fake.url}/api/sms/send`,
    SMS_HTTP_AUTH_HEADER: `Authorization: Bearer ${HTTP_TOKEN}`,
    SMS_HTTP_BODY_TEMPLATE: JSON.stringify({
      phone: '{{mobile}}',
      sign: '{{signName}}',
      text: '{{content}}',
      template: '{{templateKey}}',
      vars: '{{params}}',
      bizId: 'jssme-{{messageId}}',
    }),
    SMS_HTTP_CODE_FIELD: 'code',
    SMS_HTTP_SUCCESS_CODES: '0',
    SMS_HTTP_RETRY_CODES: 'BUSY',
    SMS_HTTP_ID_FIELD: 'msgId',
  };
}
