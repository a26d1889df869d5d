import { SMS_TEMPLATE_KEYS, SMS_TEMPLATE_PARAMS, type SmsProviderName, type SmsTemplate } from '../sms';

/**
 * SMS settings (SMS_* environment variables, listed in the README and docs/deploy.md), validated at start-up:
 * a missing or malformed setting stops the process with a message in Chinese and English naming it.
 * Pure: no SDK is loaded here.
 */

/** How one of our templates is sent: the provider's template code and its parameters. */
export interface SmsTemplateMapping {
  /** Aliyun TemplateCode (SMS_123456789), Tencent TemplateId (1234567), or the HTTP gateway's own code. */
  code: string;
  /**
   * Provider parameter name → our parameter name, in the order an ordered-parameter provider (Tencent)
   * receives them. Written in SMS_TEMPLATE_MAP either as a list of our names (the provider uses the same names)
   * or as an object { "providerName": "ourName" }.
   */
  params: [string, string][];
}

export type SmsTemplateMap = Record<SmsTemplate, SmsTemplateMapping>;

export interface SmsConfig {
  provider: SmsProviderName;
  /** SMS_ALLOW_OUTBOX_IN_PRODUCTION=true: a production dry run whose messages go to the outbox table. */
  outboxInProduction: boolean;
  /** 短信签名 (without 【】), e.g. 江苏省中小企业梯度培育平台. */
  signName: string;
  /** Every template key mapped (aliyun, tencent; http when SMS_TEMPLATE_MAP is set). */
  templateMap: SmsTemplateMap | null;
  /** One request's time limit. */
  timeoutMs: number;
  aliyun?: { accessKeyId: string; accessKeySecret: string; region: string; endpoint: Endpoint };
  tencent?: {
    secretId: string;
    secretKey: string;
    sdkAppId: string;
    region: string;
    endpoint: Endpoint;
    /** Connect to this IP address instead of resolving the endpoint's host (private networks without DNS). */
    address: string | undefined;
  };
  http?: {
    url: string;
    /** [header name, value], e.g. ['Authorization', 'Bearer …']. */
    authHeader: [string, string] | null;
    /** A JSON document whose "{{placeholder}}" strings are filled per message (http.ts lists them). */
    bodyTemplate: unknown;
    /** Dot path of the gateway's result code in its JSON answer; unset: any 2xx answer is success. */
    codeField: string | undefined;
    successCodes: string[];
    retryCodes: string[];
    /** Dot path of the gateway's message id in its JSON answer. */
    idField: string;
  };
}

/** An endpoint given as a host (https is implied) or as a URL (http:// only for private networks). */
export interface Endpoint {
  protocol: 'http' | 'https';
  /** host[:port] */
  host: string;
}

export const DEFAULT_HTTP_BODY_TEMPLATE = {
  mobile: '{{mobile}}',
  signName: '{{signName}}',
  templateCode: '{{templateCode}}',
  params: '{{params}}',
  content: '{{content}}',
  requestId: '{{messageId}}',
};

type Env = Record<string, string | undefined>;

function fail(zh: string, en: string): never {
  throw new Error(`${zh}\n${en}`);
}

function requireAll(env: Env, provider: string, names: string[]): void {
  const missing = names.filter((n) => !env[n]?.trim());
  if (missing.length > 0) {
    fail(
      `SMS_PROVIDER=${provider} 需要设置 ${missing.join('、')}。`,
      `SMS_PROVIDER=${provider} requires ${missing.join(', ')}.`,
    );
  }
}

export function parseEndpoint(name: string, value: string): Endpoint {
  const v = value.trim();
  const m = /^(https?):\/\/([^/\s]+)\/?$/.exec(v);
  if (m) return { protocol: m[1] as 'http' | 'https', host: m[2]! };
  if (/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(v)) return { protocol: 'https', host: v };
  return fail(
    `${name} 应为主机名（如 dysmsapi.aliyuncs.com）或 http(s):// 地址：${value}`,
    `${name} must be a host name (e.g. dysmsapi.aliyuncs.com) or an http(s):// URL: ${value}`,
  );
}

/** SMS_TEMPLATE_MAP: { "register_code": { "code": "SMS_1", "params": ["code"] }, … } covering every template. */
export function parseTemplateMap(raw: string | undefined, required: boolean): SmsTemplateMap | null {
  if (!raw?.trim()) {
    if (!required) return null;
    fail(
      `SMS_TEMPLATE_MAP 未设置：需为每个短信模板（${SMS_TEMPLATE_KEYS.join('、')}）填写服务商的模板编号与参数。`,
      `SMS_TEMPLATE_MAP is not set: map every template key (${SMS_TEMPLATE_KEYS.join(', ')}) to the provider's template code and parameters.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    fail(
      `SMS_TEMPLATE_MAP 不是有效的 JSON：${(err as Error).message}`,
      `SMS_TEMPLATE_MAP is not valid JSON: ${(err as Error).message}`,
    );
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    fail('SMS_TEMPLATE_MAP 应为 JSON 对象。', 'SMS_TEMPLATE_MAP must be a JSON object.');
  }
  const obj = parsed as Record<string, unknown>;
  const unknownKeys = Object.keys(obj).filter((k) => !(SMS_TEMPLATE_KEYS as string[]).includes(k));
  if (unknownKeys.length > 0) {
    fail(
      `SMS_TEMPLATE_MAP 含有未知的模板：${unknownKeys.join('、')}`,
      `SMS_TEMPLATE_MAP has unknown template keys: ${unknownKeys.join(', ')}`,
    );
  }
  const missing = SMS_TEMPLATE_KEYS.filter((k) => !(k in obj));
  if (missing.length > 0) {
    fail(
      `SMS_TEMPLATE_MAP 缺少模板：${missing.join('、')}`,
      `SMS_TEMPLATE_MAP is missing template keys: ${missing.join(', ')}`,
    );
  }
  const map = {} as SmsTemplateMap;
  for (const key of SMS_TEMPLATE_KEYS) {
    const entry = obj[key] as { code?: unknown; params?: unknown } | null;
    const where = `SMS_TEMPLATE_MAP.${key}`;
    if (!entry || typeof entry !== 'object' || typeof entry.code !== 'string' || !entry.code.trim()) {
      fail(
        `${where}.code 未设置（服务商的模板编号）。`,
        `${where}.code is not set (the provider's template code).`,
      );
    }
    const ours = SMS_TEMPLATE_PARAMS[key] as readonly string[];
    let params: [string, string][];
    if (entry.params === undefined) params = ours.map((p) => [p, p]);
    else if (Array.isArray(entry.params) && entry.params.every((p) => typeof p === 'string'))
      params = (entry.params as string[]).map((p) => [p, p]);
    else if (
      typeof entry.params === 'object' &&
      entry.params !== null &&
      Object.values(entry.params).every((p) => typeof p === 'string')
    )
      params = Object.entries(entry.params as Record<string, string>);
    else
      fail(
        `${where}.params 应为参数名列表或 { 服务商参数名: 本平台参数名 }。`,
        `${where}.params must be a list of parameter names or { providerName: ourName }.`,
      );
    const bad = params.map(([, o]) => o).filter((o) => !ours.includes(o));
    if (bad.length > 0) {
      fail(
        `${where}.params 含有该模板没有的参数：${bad.join('、')}（可用：${ours.join('、') || '无'}）`,
        `${where}.params names parameters the template does not have: ${bad.join(', ')} (available: ${ours.join(', ') || 'none'})`,
      );
    }
    map[key] = { code: entry.code.trim(), params };
  }
  return map;
}

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 100 || n > 120_000) {
    fail(
      `${name} 应为 100 到 120000 之间的毫秒数：${raw}`,
      `${name} must be 100–120000 milliseconds: ${raw}`,
    );
  }
  return n;
}

function list(raw: string | undefined, fallback: string[]): string[] {
  if (raw === undefined) return fallback;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function loadSmsConfig(env: Env, mode: 'development' | 'production' | 'test'): SmsConfig {
  const raw = env.SMS_PROVIDER?.trim();
  const outboxInProduction = env.SMS_ALLOW_OUTBOX_IN_PRODUCTION === 'true';
  if (raw && !['outbox', 'aliyun', 'tencent', 'http'].includes(raw)) {
    fail(
      `SMS_PROVIDER 只能是 aliyun、tencent、http 或 outbox：${raw}`,
      `SMS_PROVIDER must be aliyun, tencent, http or outbox: ${raw}`,
    );
  }
  const provider = (raw || 'outbox') as SmsProviderName;
  if (mode === 'production' && provider === 'outbox' && !outboxInProduction) {
    fail(
      `生产环境必须配置短信服务：请设置 SMS_PROVIDER=aliyun、tencent 或 http 及其参数（见 docs/deploy.md “短信服务”）。` +
        `仅作演练时可设置 SMS_ALLOW_OUTBOX_IN_PRODUCTION=true，短信将只写入数据库而不会发出。`,
      `APP_MODE=production needs an SMS provider: set SMS_PROVIDER=aliyun, tencent or http and its settings ` +
        `(docs/deploy.md). For a dry run only, SMS_ALLOW_OUTBOX_IN_PRODUCTION=true keeps messages in the outbox table.`,
    );
  }
  const timeoutMs = positiveInt(env, 'SMS_TIMEOUT_MS', 5000);
  const base = { provider, outboxInProduction, timeoutMs, signName: env.SMS_SIGN_NAME?.trim() ?? '' };
  switch (provider) {
    case 'outbox':
      return { ...base, templateMap: null };
    case 'aliyun':
      requireAll(env, provider, [
        'SMS_SIGN_NAME',
        'SMS_ALIYUN_ACCESS_KEY_ID',
        'SMS_ALIYUN_ACCESS_KEY_SECRET',
      ]);
      return {
        ...base,
        templateMap: parseTemplateMap(env.SMS_TEMPLATE_MAP, true),
        aliyun: {
          accessKeyId: env.SMS_ALIYUN_ACCESS_KEY_ID!.trim(),
          accessKeySecret: env.SMS_ALIYUN_ACCESS_KEY_SECRET!.trim(),
          region: env.SMS_ALIYUN_REGION?.trim() || 'cn-hangzhou',
          endpoint: parseEndpoint('SMS_ALIYUN_ENDPOINT', env.SMS_ALIYUN_ENDPOINT || 'dysmsapi.aliyuncs.com'),
        },
      };
    case 'tencent': {
      requireAll(env, provider, [
        'SMS_SIGN_NAME',
        'SMS_TENCENT_SECRET_ID',
        'SMS_TENCENT_SECRET_KEY',
        'SMS_TENCENT_SDK_APP_ID',
      ]);
      const address = env.SMS_TENCENT_ADDRESS?.trim() || undefined;
      if (address && !/^[\d.]+$|^[0-9a-fA-F:]+$/.test(address)) {
        fail(
          `SMS_TENCENT_ADDRESS 应为 IP 地址：${address}`,
          `SMS_TENCENT_ADDRESS must be an IP address: ${address}`,
        );
      }
      return {
        ...base,
        templateMap: parseTemplateMap(env.SMS_TEMPLATE_MAP, true),
        tencent: {
          secretId: env.SMS_TENCENT_SECRET_ID!.trim(),
          secretKey: env.SMS_TENCENT_SECRET_KEY!.trim(),
          sdkAppId: env.SMS_TENCENT_SDK_APP_ID!.trim(),
          region: env.SMS_TENCENT_REGION?.trim() || 'ap-guangzhou',
          endpoint: parseEndpoint(
            'SMS_TENCENT_ENDPOINT',
            env.SMS_TENCENT_ENDPOINT || 'sms.tencentcloudapi.com',
          ),
          address,
        },
      };
    }
    case 'http': {
      requireAll(env, provider, ['SMS_HTTP_URL']);
      const url = env.SMS_HTTP_URL!.trim();
      if (!/^https?:\/\/[^\s]+$/.test(url)) {
        fail(
          `SMS_HTTP_URL 必须以 http:// 或 https:// 开头：${url}`,
          `SMS_HTTP_URL must start with http:// or https://: ${url}`,
        );
      }
      let authHeader: [string, string] | null = null;
      if (env.SMS_HTTP_AUTH_HEADER?.trim()) {
        const m = /^([A-Za-z0-9-]+):\s*(.+)$/.exec(env.SMS_HTTP_AUTH_HEADER.trim());
        if (!m) {
          fail(
            'SMS_HTTP_AUTH_HEADER 应写成“名称: 值”，如 Authorization: Bearer xxxx',
            'SMS_HTTP_AUTH_HEADER must read "Name: value", e.g. Authorization: Bearer xxxx',
          );
        }
        authHeader = [m[1]!, m[2]!];
      }
      let bodyTemplate: unknown = DEFAULT_HTTP_BODY_TEMPLATE;
      if (env.SMS_HTTP_BODY_TEMPLATE?.trim()) {
        try {
          bodyTemplate = JSON.parse(env.SMS_HTTP_BODY_TEMPLATE);
        } catch (err) {
          fail(
            `SMS_HTTP_BODY_TEMPLATE 不是有效的 JSON：${(err as Error).message}`,
            `SMS_HTTP_BODY_TEMPLATE is not valid JSON: ${(err as Error).message}`,
          );
        }
      }
      const usesMap = /\{\{templateCode\}\}/.test(JSON.stringify(bodyTemplate));
      return {
        ...base,
        templateMap: parseTemplateMap(env.SMS_TEMPLATE_MAP, usesMap),
        http: {
          url,
          authHeader,
          bodyTemplate,
          codeField: env.SMS_HTTP_CODE_FIELD?.trim() || undefined,
          successCodes: list(env.SMS_HTTP_SUCCESS_CODES, ['0', 'OK', 'ok', '200', 'success', 'SUCCESS']),
          retryCodes: list(env.SMS_HTTP_RETRY_CODES, []),
          idField: env.SMS_HTTP_ID_FIELD?.trim() || 'requestId',
        },
      };
    }
  }
}
