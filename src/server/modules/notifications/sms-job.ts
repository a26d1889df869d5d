import { z } from '../../../shared/schemas/zod';
import type { DbOrTx } from '../../db/client';
import { enqueue, PermanentJobError, type JobInfo } from '../../services/jobs';
import type { AppContext } from '../../types';
import { sendSmsJob } from '../../services/sms-sender';
import type { SmsParams, SmsTemplate } from '../../services/sms';
import { JOB_KINDS } from '../../../shared/schemas/notifications-api';

/** The SMS of the annual cycle (update reminders and the steps of a 清退), sent as sms.send jobs like the rest. */
export const CYCLE_SMS_TEMPLATES = [
  'cycle_update_reminder',
  'cycle_clearance_proposed',
  'cycle_cleared',
  'cycle_appeal_decided',
] as const satisfies readonly SmsTemplate[];

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
  ...CYCLE_SMS_TEMPLATES,
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
type SmsJobPayload = z.infer<typeof SmsJobPayload>;

/** The one SMS job contract: the jobs row of an sms.send (for callers that insert many rows at once). */
export function smsJob(sms: {
  mobile: string;
  template: JobSmsTemplate;
  params: Record<string, string | number>;
  dedupeKey: string;
  runAt?: Date;
}): { kind: string; payload: SmsJobPayload; dedupeKey: string; runAt: Date } {
  return {
    kind: JOB_KINDS.smsSend,
    payload: { mobile: sms.mobile, template: sms.template, params: sms.params },
    dedupeKey: sms.dedupeKey,
    runAt: sms.runAt ?? new Date(0),
  };
}

/**
 * Enqueues one SMS in the caller's transaction. The dedupe key makes "never sent twice" a database guarantee:
 * a handler that runs again for the same event enqueues nothing new.
 */
export async function enqueueSms<T extends JobSmsTemplate>(
  tx: DbOrTx,
  sms: { mobile: string; template: T; params: SmsParams<T>; dedupeKey: string; runAt?: Date },
): Promise<void> {
  await enqueue(tx, smsJob({ ...sms, params: (sms.params ?? {}) as Record<string, string | number> }));
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

/**
 * The cycle module's own SMS job kind before sms.send carried its templates. Nothing enqueues it any more; jobs of
 * this kind already queued (or retrying) when the server was upgraded still run through handleLegacyCycleSms.
 */
export const LEGACY_CYCLE_SMS_JOB = 'cycle.sms';

/** The payload a cycle.sms job was enqueued with: a mobile, a cycle template and its parameters. */
const LegacyCycleSmsPayload = z.object({
  mobile: z.string(),
  template: z.enum(CYCLE_SMS_TEMPLATES),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/**
 * 'cycle.sms' (compatibility): maps an already-queued job's payload to the sms.send payload and sends it as
 * sms.send does, under the same job (its sms_messages row and dedupe key stay linked to it).
 */
export async function handleLegacyCycleSms(
  ctx: AppContext,
  raw: Record<string, unknown>,
  job: JobInfo,
): Promise<void> {
  const old = LegacyCycleSmsPayload.safeParse(raw);
  if (!old.success) throw new PermanentJobError(`malformed cycle.sms payload: ${old.error.message}`);
  const payload: SmsJobPayload = {
    mobile: old.data.mobile,
    template: old.data.template,
    params: old.data.params ?? {},
  };
  await handleSmsSend(ctx, payload, job);
}
