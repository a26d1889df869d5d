import { SmsDeliveryError, type SmsMessage } from '../sms';
import type { SmsTemplateMap, SmsTemplateMapping } from './config';

/** The template's mapping, or a permanent error naming the key (validated at start-up, so a safety net). */
export function mappingOf(map: SmsTemplateMap | null, msg: SmsMessage): SmsTemplateMapping {
  const m = map?.[msg.template];
  if (!m) throw new SmsDeliveryError(false, 'TEMPLATE_NOT_MAPPED', `template ${msg.template} is not mapped`);
  return m;
}

/** [provider parameter name, value] in the mapping's order; values as strings (what every gateway takes). */
export function providerParams(mapping: SmsTemplateMapping, msg: SmsMessage): [string, string][] {
  return mapping.params.map(([provider, ours]) => {
    const v = msg.params[ours];
    if (v === undefined) {
      throw new SmsDeliveryError(
        false,
        'MISSING_PARAMETER',
        `template ${msg.template} lacks parameter ${ours}`,
      );
    }
    return [provider, String(v)];
  });
}

/** Node's and fetch's network failures: the request may not have reached the gateway; retrying can help. */
export function networkError(err: unknown, timeoutMs: number): SmsDeliveryError {
  const e = err as { code?: string; name?: string; message?: string; type?: string };
  const text = `${e.name ?? ''} ${e.code ?? ''} ${e.type ?? ''} ${e.message ?? ''}`;
  const timeout = /timeout|timed out|ETIMEDOUT|aborted|AbortError/i.test(text);
  return new SmsDeliveryError(
    true,
    timeout ? 'TIMEOUT' : 'NETWORK',
    timeout
      ? `no answer within ${timeoutMs} ms`
      : `network error: ${(e.code ?? e.message ?? String(err)).slice(0, 200)}`,
  );
}
