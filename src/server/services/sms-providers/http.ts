import { SmsDeliveryError, type SmsGateway, type SmsMessage } from '../sms';
import type { SmsConfig } from './config';
import { networkError, providerParams } from './common';

/*
 * A province's own 政务短信平台 (or any gateway with a JSON API): one POST of a JSON body built from
 * SMS_HTTP_BODY_TEMPLATE to SMS_HTTP_URL, with an optional auth header and a time limit, so a deployment can
 * connect without code. Placeholders in the template's strings:
 *
 *   {{mobile}} {{signName}} {{content}} (the Chinese reference wording) {{messageId}} (our id)
 *   {{templateKey}} (our key) {{templateCode}} (SMS_TEMPLATE_MAP's code, else our key)
 *   {{params}}     an object { providerName: value } (a string that is exactly "{{params}}" becomes the object)
 *   {{paramList}}  the values in order (likewise becomes an array)
 *
 * The answer: HTTP 2xx is success unless SMS_HTTP_CODE_FIELD names a field whose value is not one of
 * SMS_HTTP_SUCCESS_CODES (then retried only when listed in SMS_HTTP_RETRY_CODES). 408, 429 and 5xx are retried,
 * other 4xx are permanent. The gateway's message id is read from SMS_HTTP_ID_FIELD.
 */

function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export function fillTemplate(template: unknown, values: Record<string, unknown>): unknown {
  if (typeof template === 'string') {
    const whole = /^\{\{(\w+)\}\}$/.exec(template);
    if (whole && whole[1]! in values) return values[whole[1]!];
    return template.replace(/\{\{(\w+)\}\}/g, (m, name: string) => {
      const v = values[name];
      if (v === undefined) return m;
      return typeof v === 'string' ? v : JSON.stringify(v);
    });
  }
  if (Array.isArray(template)) return template.map((t) => fillTemplate(t, values));
  if (template && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fillTemplate(v, values)]));
  }
  return template;
}

export class HttpSmsGateway implements SmsGateway {
  readonly name = 'http' as const;

  constructor(private readonly config: SmsConfig) {
    if (!config.http) throw new Error('HttpSmsGateway needs config.sms.http');
  }

  async deliver(msg: SmsMessage): Promise<{ requestId: string | null; code: string }> {
    const h = this.config.http!;
    const mapping = this.config.templateMap?.[msg.template];
    const params: [string, string][] = mapping
      ? providerParams(mapping, msg)
      : Object.entries(msg.params).map(([k, v]) => [k, String(v)]);
    const body = fillTemplate(h.bodyTemplate, {
      mobile: msg.mobile,
      signName: this.config.signName,
      content: msg.body,
      messageId: msg.id === null ? '' : String(msg.id),
      templateKey: msg.template,
      templateCode: mapping?.code ?? msg.template,
      params: Object.fromEntries(params),
      paramList: params.map(([, v]) => v),
    });
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (h.authHeader) headers[h.authHeader[0]] = h.authHeader[1];
    let res: Response;
    let text: string;
    try {
      res = await fetch(h.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        redirect: 'error',
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      throw networkError(err, this.config.timeoutMs);
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const rawId = at(json, h.idField);
    const requestId = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : null;
    if (!res.ok) {
      const code = `HTTP_${res.status}`;
      const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
      throw new SmsDeliveryError(retryable, code, `${code} ${text.slice(0, 300)}`, requestId);
    }
    if (h.codeField) {
      const raw = at(json, h.codeField);
      const code = raw === undefined || raw === null ? 'NO_CODE' : String(raw);
      if (!h.successCodes.includes(code)) {
        throw new SmsDeliveryError(h.retryCodes.includes(code), code, text.slice(0, 300) || code, requestId);
      }
      return { requestId, code };
    }
    return { requestId, code: `HTTP_${res.status}` };
  }
}
