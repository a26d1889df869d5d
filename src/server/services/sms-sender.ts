import { eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client';
import { smsMessages } from '../db/schema';
import type { Clock } from './clock';
import { PermanentJobError, type JobInfo } from './jobs';
import {
  renderSms,
  SECRET_SMS_TEMPLATES,
  SmsDeliveryError,
  type SmsGateway,
  type SmsParams,
  type SmsProvider,
  type SmsProviderName,
  type SmsSendOptions,
  type SmsSendResult,
  type SmsTemplate,
} from './sms';

/*
 * ctx.sms: every SMS goes through here, whatever the gateway. Each message gets a row in sms_messages (codes
 * masked) that follows it to its final status with the gateway's request id; each hand-over's outcome is
 * published to onSmsResult() listeners (the metrics module counts them).
 *
 * Retries: a send without a job (verification codes, the administrator's test message) tries once more at once
 * after a retryable failure; a send from a job tries once and leaves retrying to the job outbox, with its
 * backoff (sendSmsJob below). Permanent failures are never retried.
 */

export type SmsOutcome = 'sent' | 'retry' | 'failed';

export interface SmsResultEvent {
  provider: SmsProviderName;
  template: SmsTemplate;
  purpose: string;
  /** sent; retry: a retryable failure that will be tried again; failed: the message's final failure. */
  outcome: SmsOutcome;
  /** The gateway's code (OK, isv.BUSINESS_LIMIT_CONTROL, TIMEOUT …). */
  code: string;
  durationMs: number;
}

type Listener = (e: SmsResultEvent) => void;
const listeners = new Set<Listener>();

/** Subscribes to every hand-over's outcome (process-wide); returns the unsubscribe function. */
export function onSmsResult(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function publish(e: SmsResultEvent): void {
  for (const l of listeners) {
    try {
      l(e);
    } catch {
      // A listener's fault must not fail a send.
    }
  }
}

/** Pause before the immediate retry of a send without a job. */
export const SMS_RETRY_DELAY_MS = 300;
const ERROR_MAX = 500;

function plainParams(params: unknown): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (params && typeof params === 'object') {
    for (const [k, v] of Object.entries(params)) {
      if (typeof v === 'string' || typeof v === 'number') out[k] = v;
    }
  }
  return out;
}

export class SmsSender implements SmsProvider {
  constructor(
    private readonly db: Db,
    readonly gateway: SmsGateway,
    private readonly clock: Clock,
    private readonly log?: Pick<FastifyBaseLogger, 'warn' | 'error'>,
  ) {}

  private async openRow(
    mobile: string,
    template: SmsTemplate,
    body: string,
    purpose: string,
    jobId: number | undefined,
  ): Promise<number> {
    const now = this.clock.now();
    const values = {
      provider: this.gateway.name,
      mobile,
      template,
      body,
      purpose,
      status: 'sending',
      jobId: jobId ?? null,
      createdAt: now,
      updatedAt: now,
    };
    const q = this.db.insert(smsMessages).values(values);
    const rows = await (
      jobId === undefined
        ? q
        : q.onConflictDoUpdate({ target: smsMessages.jobId, set: { status: 'sending', updatedAt: now } })
    ).returning({ id: smsMessages.id });
    return rows[0]!.id;
  }

  async send<T extends SmsTemplate>(
    mobile: string,
    template: T,
    params: SmsParams<T>,
    opts: SmsSendOptions = {},
  ): Promise<SmsSendResult> {
    const p = plainParams(params);
    const secret = SECRET_SMS_TEMPLATES.includes(template);
    const body = renderSms(template, p);
    const stored = secret ? renderSms(template, { ...p, code: '******' }) : body;
    const purpose = opts.purpose ?? (secret ? 'code' : 'notification');
    const id = await this.openRow(mobile, template, stored, purpose, opts.job?.id);
    const retries = opts.retries ?? (opts.job ? 0 : 1);
    for (let i = 0; ; i++) {
      const started = performance.now();
      try {
        const r = await this.gateway.deliver({ id, mobile, template, params: p, body });
        const now = this.clock.now();
        await this.db
          .update(smsMessages)
          .set({
            status: 'sent',
            attempts: sql`${smsMessages.attempts} + 1`,
            providerRequestId: r.requestId,
            providerCode: r.code,
            lastError: null,
            updatedAt: now,
            sentAt: now,
          })
          .where(eq(smsMessages.id, id));
        publish(this.event(template, purpose, 'sent', r.code, started));
        return { messageId: id, requestId: r.requestId };
      } catch (err) {
        const e =
          err instanceof SmsDeliveryError
            ? err
            : new SmsDeliveryError(true, 'ERROR', err instanceof Error ? err.message : String(err));
        const again = e.retryable && i < retries;
        const jobAgain = e.retryable && opts.job !== undefined && opts.job.attempt < opts.job.maxAttempts;
        const outcome: SmsOutcome = again || jobAgain ? 'retry' : 'failed';
        await this.db
          .update(smsMessages)
          .set({
            status: outcome === 'retry' ? 'retrying' : 'failed',
            attempts: sql`${smsMessages.attempts} + 1`,
            providerCode: e.code,
            ...(e.requestId ? { providerRequestId: e.requestId } : {}),
            lastError: e.message.slice(0, ERROR_MAX),
            updatedAt: this.clock.now(),
          })
          .where(eq(smsMessages.id, id));
        publish(this.event(template, purpose, outcome, e.code, started));
        this.log?.[outcome === 'failed' ? 'error' : 'warn'](
          { smsId: id, provider: this.gateway.name, template, code: e.code, retryable: e.retryable },
          outcome === 'failed' ? 'SMS not sent' : 'SMS not sent; will retry',
        );
        if (!again) throw e;
        await new Promise((r) => setTimeout(r, SMS_RETRY_DELAY_MS));
      }
    }
  }

  private event(
    template: SmsTemplate,
    purpose: string,
    outcome: SmsOutcome,
    code: string,
    started: number,
  ): SmsResultEvent {
    return {
      provider: this.gateway.name,
      template,
      purpose,
      outcome,
      code,
      durationMs: performance.now() - started,
    };
  }
}

/**
 * Sends one SMS from a job handler: a retryable failure is rethrown (the job outbox retries with backoff),
 * a permanent one becomes PermanentJobError (the job fails at once, nothing is sent again).
 */
export async function sendSmsJob<T extends SmsTemplate>(
  sms: SmsProvider,
  job: JobInfo,
  mobile: string,
  template: T,
  params: SmsParams<T>,
): Promise<void> {
  try {
    await sms.send(mobile, template, params, {
      job: { id: job.id, attempt: job.attempt, maxAttempts: job.maxAttempts },
    });
  } catch (err) {
    if (err instanceof SmsDeliveryError && !err.retryable) {
      throw new PermanentJobError(`SMS not sent (${err.code}): ${err.message}`);
    }
    throw err;
  }
}
