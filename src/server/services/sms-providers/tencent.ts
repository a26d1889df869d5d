import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { SmsDeliveryError, type SmsGateway, type SmsMessage } from '../sms';
import type { SmsConfig } from './config';
import { mappingOf, networkError, providerParams } from './common';

/*
 * 腾讯云短信 (SMS API 2021-01-11 SendSms) through tencentcloud-sdk-nodejs-sms, which signs each request with
 * TC3-HMAC-SHA256 (Authorization header; the credential scope names the service from the endpoint's first
 * label, so a private endpoint must still start with "sms."). Template parameters are ordered.
 *
 * Request-level errors (throttling, auth, the service's faults) come back as Response.Error, which the SDK
 * throws; per-number results come in SendStatusSet[0].Code ("Ok" or an error code).
 */

export function tencentRetryable(code: string): boolean {
  return (
    code.startsWith('LimitExceeded.') ||
    code === 'RequestLimitExceeded' ||
    code.startsWith('RequestLimitExceeded.') ||
    code.startsWith('InternalError') ||
    code === 'ResourceUnavailable' ||
    code.startsWith('FailedOperation.InsufficientBalance') ||
    code === 'UnknownError' ||
    /^HTTP_5\d\d$/.test(code) ||
    code === 'HTTP_429'
  );
}

type SmsClient = {
  SendSms(req: Record<string, unknown>): Promise<{
    RequestId?: string;
    SendStatusSet?: { SerialNo?: string; Code?: string; Message?: string }[];
  }>;
};
type SmsClientClass = new (opts: Record<string, unknown>) => SmsClient;

let sdk: Promise<SmsClientClass> | undefined;
function loadSdk(): Promise<SmsClientClass> {
  sdk ??= import('tencentcloud-sdk-nodejs-sms').then((m) => {
    const mod = ((m as { default?: unknown }).default ?? m) as {
      sms: { v20210111: { Client: SmsClientClass } };
    };
    return mod.sms.v20210111.Client;
  });
  return sdk;
}

export class TencentSmsGateway implements SmsGateway {
  readonly name = 'tencent' as const;
  private client: Promise<SmsClient> | undefined;

  constructor(private readonly config: SmsConfig) {
    if (!config.tencent) throw new Error('TencentSmsGateway needs config.sms.tencent');
  }

  private getClient(): Promise<SmsClient> {
    this.client ??= loadSdk().then((Client) => {
      const t = this.config.tencent!;
      // SMS_TENCENT_ADDRESS: connect to that IP while the Host header and the signature keep the endpoint's name.
      const address = t.address;
      const lookup: LookupFunction | undefined = address
        ? (_host, opts, cb) => {
            const family = address.includes(':') ? 6 : 4;
            if ((opts as { all?: boolean }).all)
              (cb as never as (e: null, a: unknown[]) => void)(null, [{ address, family }]);
            else cb(null, address, family);
          }
        : undefined;
      const agent = lookup
        ? t.endpoint.protocol === 'https'
          ? new https.Agent({ lookup })
          : new http.Agent({ lookup })
        : undefined;
      return new Client({
        credential: { secretId: t.secretId, secretKey: t.secretKey },
        region: t.region,
        profile: {
          httpProfile: {
            endpoint: t.endpoint.host,
            protocol: `${t.endpoint.protocol}://`,
            reqTimeout: Math.max(1, Math.ceil(this.config.timeoutMs / 1000)),
            ...(agent ? { agent } : {}),
          },
        },
      });
    });
    return this.client;
  }

  async deliver(msg: SmsMessage): Promise<{ requestId: string | null; code: string }> {
    const mapping = mappingOf(this.config.templateMap, msg);
    const params = providerParams(mapping, msg);
    const client = await this.getClient();
    let res: Awaited<ReturnType<SmsClient['SendSms']>>;
    try {
      res = await client.SendSms({
        PhoneNumberSet: [`+86${msg.mobile}`],
        SmsSdkAppId: this.config.tencent!.sdkAppId,
        SignName: this.config.signName,
        TemplateId: mapping.code,
        TemplateParamSet: params.map(([, v]) => v),
        ...(msg.id !== null ? { SessionContext: String(msg.id) } : {}),
      });
    } catch (err) {
      const e = err as { code?: string; httpCode?: number; requestId?: string; message?: string };
      if (e.code) {
        throw new SmsDeliveryError(
          tencentRetryable(e.code),
          e.code,
          (e.message ?? e.code).slice(0, 500),
          e.requestId || null,
        );
      }
      if (typeof e.httpCode === 'number') {
        const code = `HTTP_${e.httpCode}`;
        throw new SmsDeliveryError(tencentRetryable(code), code, (e.message ?? code).slice(0, 500));
      }
      throw networkError(err, this.config.timeoutMs);
    }
    const status = res.SendStatusSet?.[0];
    const code = status?.Code ?? 'NO_STATUS';
    if (code !== 'Ok') {
      throw new SmsDeliveryError(
        tencentRetryable(code),
        code,
        status?.Message ?? code,
        res.RequestId ?? null,
      );
    }
    return { requestId: status?.SerialNo || res.RequestId || null, code };
  }
}
