import type * as DysmsapiModule from '@alicloud/dysmsapi20170525';
import { SmsDeliveryError, type SmsGateway, type SmsMessage } from '../sms';
import type { SmsConfig } from './config';
import { mappingOf, networkError, providerParams } from './common';

/*
 * 阿里云短信 (Dysmsapi 2017-05-25 SendSms) through the official SDK, which signs each request with
 * ACS3-HMAC-SHA256 (Authorization header). The SDK is loaded on first use. SDK-level retries stay off: the
 * job outbox retries (sms-sender.ts), so one attempt here is one request.
 *
 * SendSms answers HTTP 200 with Code "OK" or an error code; the gateway's own faults and throttling come as
 * HTTP 4xx/5xx, which the SDK throws.
 */

/** Codes that trying again later can fix: frequency limits, the service's own faults, an empty balance. */
const RETRYABLE = new Set([
  'isv.BUSINESS_LIMIT_CONTROL',
  'isv.DAY_LIMIT_CONTROL',
  'isv.OUT_OF_SERVICE',
  'isv.AMOUNT_NOT_ENOUGH',
  'isp.SYSTEM_ERROR',
  'isp.GATEWAY_ERROR',
  'isp.SERVICE_UNAVAILABLE',
  'SignatureNonceUsed',
  'ServiceUnavailable',
  'InternalError',
]);

export function aliyunRetryable(code: string, httpStatus?: number): boolean {
  if (RETRYABLE.has(code) || /Throttling/i.test(code)) return true;
  if (httpStatus !== undefined && httpStatus >= 500) return true;
  // Unknown isp.* codes are the platform's own faults; isv.* and the rest are about our request (permanent).
  return code.startsWith('isp.');
}

type Sdk = typeof DysmsapiModule;
let sdk:
  Promise<{ Client: Sdk['default']; SendSmsRequest: Sdk['SendSmsRequest']; Config: unknown }> | undefined;

function loadSdk() {
  sdk ??= Promise.all([import('@alicloud/dysmsapi20170525'), import('@alicloud/openapi-core')]).then(
    ([dys, core]) => {
      const d = (dys as { default?: unknown }).default as Record<string, unknown> & { default?: unknown };
      const c = ((core as { default?: unknown }).default ?? core) as { $OpenApiUtil: { Config: unknown } };
      return {
        Client: (d.default ?? d) as Sdk['default'],
        SendSmsRequest: (dys.SendSmsRequest ?? d.SendSmsRequest) as Sdk['SendSmsRequest'],
        Config:
          (core as { $OpenApiUtil?: { Config: unknown } }).$OpenApiUtil?.Config ?? c.$OpenApiUtil.Config,
      };
    },
  );
  return sdk;
}

export class AliyunSmsGateway implements SmsGateway {
  readonly name = 'aliyun' as const;
  private client: Promise<InstanceType<Sdk['default']>> | undefined;

  constructor(private readonly config: SmsConfig) {
    if (!config.aliyun) throw new Error('AliyunSmsGateway needs config.sms.aliyun');
  }

  private getClient() {
    this.client ??= loadSdk().then(({ Client, Config }) => {
      const a = this.config.aliyun!;
      const ConfigClass = Config as new (o: Record<string, unknown>) => unknown;
      return new Client(
        new ConfigClass({
          accessKeyId: a.accessKeyId,
          accessKeySecret: a.accessKeySecret,
          regionId: a.region,
          endpoint: a.endpoint.host,
          protocol: a.endpoint.protocol,
          connectTimeout: this.config.timeoutMs,
          readTimeout: this.config.timeoutMs,
        }) as never,
      );
    });
    return this.client;
  }

  async deliver(msg: SmsMessage): Promise<{ requestId: string | null; code: string }> {
    const mapping = mappingOf(this.config.templateMap, msg);
    const params = providerParams(mapping, msg);
    const { SendSmsRequest } = await loadSdk();
    const client = await this.getClient();
    let body: { code?: string; message?: string; bizId?: string; requestId?: string } | undefined;
    try {
      const res = await client.sendSms(
        new SendSmsRequest({
          phoneNumbers: msg.mobile,
          signName: this.config.signName,
          templateCode: mapping.code,
          ...(params.length > 0 ? { templateParam: JSON.stringify(Object.fromEntries(params)) } : {}),
          ...(msg.id !== null ? { outId: String(msg.id) } : {}),
        }),
      );
      body = res.body;
    } catch (err) {
      const e = err as { code?: string; statusCode?: number; message?: string; requestId?: string };
      if (typeof e.statusCode === 'number') {
        const code = e.code && e.code !== 'undefined' ? e.code : `HTTP_${e.statusCode}`;
        throw new SmsDeliveryError(
          aliyunRetryable(code, e.statusCode),
          code,
          (e.message ?? code).slice(0, 500),
          e.requestId && e.requestId !== 'undefined' ? e.requestId : null,
        );
      }
      throw networkError(err, this.config.timeoutMs);
    }
    const code = body?.code ?? 'NO_CODE';
    const requestId = body?.bizId || body?.requestId || null;
    if (code !== 'OK') {
      throw new SmsDeliveryError(aliyunRetryable(code), code, body?.message ?? code, body?.requestId ?? null);
    }
    return { requestId, code };
  }
}
