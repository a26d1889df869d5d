import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { DbOrTx } from '../db/client';
import { jobs } from '../db/schema';
import type { AppContext } from '../types';

/*
 * Background jobs over the `jobs` table: a transactional outbox (db/schema/jobs.ts). A change and the jobs it causes
 * commit together (`enqueue(tx, …)` inside the caller's transaction); a worker in any process later claims
 * due jobs with FOR UPDATE SKIP LOCKED, runs the handler registered for the job's kind, and marks it done, or
 * records the error and retries it later with exponential backoff, giving up after `max_attempts`.
 *
 * Delivery is at least once: a process that dies while running a job leaves it claimed until `locked_until`
 * passes, then another worker runs it again. Handlers are therefore idempotent (dedupe keys, ON CONFLICT).
 *
 * "Now" is always the injected clock, passed as a parameter (never SQL now()), so tests can move time.
 *
 * Job states (no status column; derived):
 *   pending   done_at IS NULL, locked_until IS NULL or passed
 *   running   done_at IS NULL, locked_until in the future
 *   done      done_at set, last_error NULL
 *   failed    done_at set, last_error set (gave up after max_attempts, or a permanent error)
 */

export type JobRow = typeof jobs.$inferSelect;

export interface EnqueueJob {
  kind: string;
  payload: Record<string, unknown>;
  /** Unique across all jobs: a second enqueue with the same key does nothing (returns null). */
  dedupeKey?: string;
  /**
   * Earliest time to run. Omitted: due at once — stored as the epoch, so a test clock set in the past (or a
   * clock slightly behind the database server's) still finds it due. Pass `ctx.clock.now()`-based times for
   * anything scheduled.
   */
  runAt?: Date;
  /** Default 8 (the column default). */
  maxAttempts?: number;
}

/** Inserts a job in the caller's transaction. Returns its id, or null when the dedupe key already exists. */
export async function enqueue(tx: DbOrTx, job: EnqueueJob): Promise<number | null> {
  const rows = await tx
    .insert(jobs)
    .values({
      kind: job.kind,
      payload: job.payload,
      dedupeKey: job.dedupeKey ?? null,
      runAt: job.runAt ?? new Date(0),
      ...(job.maxAttempts !== undefined ? { maxAttempts: job.maxAttempts } : {}),
    })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  return rows[0] ? Number(rows[0].id) : null;
}

export interface JobInfo {
  id: number;
  kind: string;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  runAt: Date;
}

export type JobHandler = (ctx: AppContext, payload: Record<string, unknown>, job: JobInfo) => Promise<void>;

/** Thrown by a handler when retrying cannot help (malformed payload, record gone): the job fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

const handlers = new Map<string, JobHandler>();

/**
 * Registers the handler of a job kind (process-wide; registerModules in modules/index.ts registers every
 * module's). Registering a kind again replaces its handler.
 */
export function registerJobHandler(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}

export function hasJobHandler(kind: string): boolean {
  return handlers.has(kind);
}

/** How long a claimed job stays invisible to other workers; handlers must finish well within it. */
export const JOB_LOCK_MS = 5 * 60_000;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 6 * 60 * 60_000;
const ERROR_MAX_CHARS = 2000;

/** The delay before retry number `attempt + 1`, after `attempt` failed runs: 30 s, 1 min, 2 min … capped at 6 h. */
export function backoffMs(attempt: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1), BACKOFF_MAX_MS);
}

export interface RunDueJobsOptions {
  /** At most this many jobs in this call (default 50). */
  limit?: number;
  /** Jobs claimed per round trip (default 10). */
  batchSize?: number;
  log?: Pick<FastifyBaseLogger, 'warn' | 'error'>;
}

export interface RunDueJobsResult {
  /** Jobs claimed and run (successfully or not). */
  ran: number;
  succeeded: number;
  failed: number;
  /** Of the failed: those given up on (max attempts reached or a permanent error). */
  gaveUp: number;
}

/**
 * Claims one batch of due jobs: a single statement (no long transaction, so it suits PGlite's one connection
 * too). FOR UPDATE SKIP LOCKED makes two workers claiming at the same moment take different jobs; a worker
 * whose snapshot predates another's claim re-checks the claimed row and skips it (its lock is in the future).
 * Claiming counts the attempt, so a job that crashes its process still uses up its attempts.
 */
async function claimBatch(ctx: AppContext, now: Date, n: number): Promise<JobRow[]> {
  const due = ctx.db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        isNull(jobs.doneAt),
        lte(jobs.runAt, now),
        or(isNull(jobs.lockedUntil), lt(jobs.lockedUntil, now)),
        lt(jobs.attempts, jobs.maxAttempts),
      ),
    )
    .orderBy(asc(jobs.runAt), asc(jobs.id))
    .limit(n)
    .for('update', { skipLocked: true });
  return ctx.db
    .update(jobs)
    .set({ lockedUntil: new Date(now.getTime() + JOB_LOCK_MS), attempts: sql`${jobs.attempts} + 1` })
    .where(inArray(jobs.id, due))
    .returning();
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.slice(0, ERROR_MAX_CHARS);
}

/** The claim is still ours: nobody reclaimed the job after our lock expired (that would bump attempts). */
function stillOurs(job: JobRow) {
  return and(eq(jobs.id, job.id), eq(jobs.attempts, job.attempts), isNull(jobs.doneAt));
}

async function runOne(
  ctx: AppContext,
  job: JobRow,
  log: RunDueJobsOptions['log'],
): Promise<'ok' | 'retry' | 'gave_up'> {
  const handler = handlers.get(job.kind);
  try {
    if (!handler) throw new PermanentJobError(`no handler registered for job kind "${job.kind}"`);
    await handler(ctx, job.payload, {
      id: Number(job.id),
      kind: job.kind,
      attempt: job.attempts,
      maxAttempts: job.maxAttempts,
      runAt: job.runAt,
    });
  } catch (err) {
    const now = ctx.clock.now();
    const permanent = err instanceof PermanentJobError;
    const giveUp = permanent || job.attempts >= job.maxAttempts;
    await ctx.db
      .update(jobs)
      .set(
        giveUp
          ? { doneAt: now, lockedUntil: null, lastError: errorText(err) }
          : {
              runAt: new Date(now.getTime() + backoffMs(job.attempts)),
              lockedUntil: null,
              lastError: errorText(err),
            },
      )
      .where(stillOurs(job));
    log?.[giveUp ? 'error' : 'warn'](
      { jobId: Number(job.id), kind: job.kind, attempt: job.attempts, err },
      giveUp ? 'job failed permanently' : 'job failed; will retry',
    );
    ctx.metrics.jobRuns.inc({ kind: job.kind, outcome: giveUp ? 'gave_up' : 'retry' });
    return giveUp ? 'gave_up' : 'retry';
  }
  await ctx.db
    .update(jobs)
    .set({ doneAt: ctx.clock.now(), lockedUntil: null, lastError: null })
    .where(stillOurs(job));
  ctx.metrics.jobRuns.inc({ kind: job.kind, outcome: 'succeeded' });
  return 'ok';
}

/**
 * Runs due jobs until none are left or `limit` have run. Jobs that a handler enqueues for immediately (e.g.
 * the SMS of a notification) are picked up in the same call. Safe to call from several processes at once.
 */
export async function runDueJobs(ctx: AppContext, opts: RunDueJobsOptions = {}): Promise<RunDueJobsResult> {
  const limit = opts.limit ?? 50;
  const batchSize = Math.max(1, Math.min(opts.batchSize ?? 10, limit));
  const result: RunDueJobsResult = { ran: 0, succeeded: 0, failed: 0, gaveUp: 0 };
  while (result.ran < limit) {
    const batch = await claimBatch(ctx, ctx.clock.now(), Math.min(batchSize, limit - result.ran));
    if (batch.length === 0) break;
    for (const job of batch) {
      const outcome = await runOne(ctx, job, opts.log);
      result.ran += 1;
      if (outcome === 'ok') result.succeeded += 1;
      else {
        result.failed += 1;
        if (outcome === 'gave_up') result.gaveUp += 1;
      }
    }
  }
  return result;
}

export interface JobWorkerOptions {
  intervalMs?: number;
  limit?: number;
}

/**
 * Polls for due jobs every few seconds once the app is ready; stops (and waits for the run in progress) when
 * the app closes. Not started in test mode: tests call runDueJobs() with their ManualClock.
 */
export function startJobWorker(app: FastifyInstance, opts: JobWorkerOptions = {}): void {
  const intervalMs = opts.intervalMs ?? 3000;
  const limit = opts.limit ?? 50;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let stopped = false;

  const tick = () => {
    if (running || stopped) return;
    running = runDueJobs(app.ctx, { limit, log: app.log })
      .then(() => undefined)
      .catch((err: unknown) => app.log.error({ err }, 'job worker run failed'))
      .finally(() => {
        running = null;
      });
  };

  app.addHook('onReady', async () => {
    timer = setInterval(tick, intervalMs);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    stopped = true;
    if (timer) clearInterval(timer);
    if (running) await running;
  });
}
