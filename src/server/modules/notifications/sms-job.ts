import { z } from '../../../shared/schemas/zod';
import type { DbOrTx } from '../../db/client';
import { enqueue, PermanentJobError, type JobInfo } from '../../services/jobs';
import type { AppContext } from '../../types';
import { sendSmsJob } from '../../services/sms-sender';
import type { SmsParams, SmsTemplate } from '../../services/sms';
import { JOB_KINDS } from '../../../shared/schemas/notifications-api';

/**
 * SMS sent from jobs: every template but verification codes, which never go through the jobs table (they are
 * secrets and must be sent at once); these templates carry no secret. A gateway's retryable failure makes the
 * job retry with backoff; a permanent one fails it at once (services/sms-sender.ts).
 */
export const JOB_SMS_TEMPLATES = [
  'filing_returned',
  'filing_approved',
  'filing_refused',
  'filing_transferred',
  'review_digest',
  'password_reset_by_admin',
  'recognition_announced',
  'list_outcome',
  'username_reminder',
  'password_changed',
] as const satisfies readonly SmsTemplate[];
export type JobSmsTemplate = (typeof JOB_SMS_TEMPLATES)[number];

/** The full address of a page of the web app, for an SMS (PUBLIC_BASE_URL + path; ADR 0021). */
export function smsLink(publicBaseUrl: string, path: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${path}`;
}

const SmsJobPayload = z.object({
  mobile: z.string().regex(/^1\d{10}$/),
  template: z.enum(JOB_SMS_TEMPLATES),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});

/**
 * Enqueues one SMS in the caller's transaction. The dedupe key makes "never sent twice" a database guarantee:
 * a handler that runs again for the same event enqueues nothing new.
 */
export async function enqueueSms<T extends JobSmsTemplate>(
  tx: DbOrTx,
  sms: { mobile: string; template: T; params: SmsParams<T>; dedupeKey: string; runAt?: Date },
): Promise<void> {
  await enqueue(tx, {
    kind: JOB_KINDS.smsSend,
    payload: {
      mobile: sms.mobile,
      template: sms.template,
      params: (sms.params ?? {}) as Record<string, unknown>,
    },
    dedupeKey: sms.dedupeKey,
    ...(sms.runAt ? { runAt: sms.runAt } : {}),
  });
}

/** 'sms.send': one SMS through the configured provider. */
export async function handleSmsSend(
  ctx: AppContext,
  raw: Record<string, unknown>,
  job: JobInfo,
): Promise<void> {
  const parsed = SmsJobPayload.safeParse(raw);
  if (!parsed.success) throw new PermanentJobError(`malformed sms.send payload: ${parsed.error.message}`);
  const { mobile, template, params } = parsed.data;
  await sendSmsJob(ctx.sms, job, mobile, template, params as never);
}
