import client from 'prom-client';
import type { Database } from '../db/client';
import type { Clock } from './clock';

/**
 * The platform's Prometheus metrics (`GET /metrics`, docs/adr/0014-metrics-and-readiness.md). One registry per app
 * instance (the tests build many apps in one process), so nothing is shared through prom-client's global one.
 *
 * Counters live in the process: with several app processes, Prometheus scrapes each one and sums. Gauges that
 * describe the database (job queue) are read from it at scrape time, so every process reports the same figure.
 */
export interface Metrics {
  registry: client.Registry;
  /** Requests by method, route pattern (never the raw URL: ids would explode the series) and status code. */
  httpRequests: client.Counter<'method' | 'route' | 'status_code'>;
  httpDuration: client.Histogram<'method' | 'route' | 'status_code'>;
  /** Failed logins by reason (wrong_password, unknown_user), and accounts locked after repeated failures. */
  loginFailures: client.Counter<'reason'>;
  accountLockouts: client.Counter;
  /** Job runs by kind and outcome (succeeded, retry, gave_up): failures are the rate of the last two. */
  jobRuns: client.Counter<'kind' | 'outcome'>;
  /** SMS messages handed to a gateway, by provider and outcome (sent, retry, failed). */
  smsMessages: client.Counter<'provider' | 'outcome'>;
}

/** Seconds; from a cached read (~1 ms) to a large export (several seconds). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The label of a request that matched no route (404s, scanners): one series, whatever the URL. */
export const UNMATCHED_ROUTE = '(unmatched)';

/** `clock` decides what is due, as the job worker does (services/jobs.ts). */
export function createMetrics(database: Database, clock: Clock): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });

  const httpRequests = new client.Counter({
    name: 'sme_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [registry],
  });
  const httpDuration = new client.Histogram({
    name: 'sme_http_request_duration_seconds',
    help: 'Time from receiving a request to sending its response, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const loginFailures = new client.Counter({
    name: 'sme_login_failures_total',
    help: 'Failed logins by reason: wrong_password, unknown_user, locked (an attempt on an account locked from that address)',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const accountLockouts = new client.Counter({
    name: 'sme_account_lockouts_total',
    help: 'Accounts locked for 15 minutes from one address after repeated failed logins',
    registers: [registry],
  });
  const jobRuns = new client.Counter({
    name: 'sme_job_runs_total',
    help: 'Background job runs by kind and outcome (succeeded, retry, gave_up)',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const smsMessages = new client.Counter({
    name: 'sme_sms_messages_total',
    help: 'SMS messages handed to the gateway, by provider and outcome (sent, retry, failed)',
    labelNames: ['provider', 'outcome'] as const,
    registers: [registry],
  });

  new client.Gauge({
    name: 'sme_db_pool_connections',
    help: 'Database connections of this process by state (PostgreSQL pool: total, idle, waiting clients, max; embedded PGlite: one in-process connection)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const s = database.poolStats();
      this.reset();
      this.set({ state: 'total' }, s.total);
      if (s.idle !== undefined) this.set({ state: 'idle' }, s.idle);
      if (s.waiting !== undefined) this.set({ state: 'waiting' }, s.waiting);
      this.set({ state: 'max' }, s.max);
    },
  });
  new client.Gauge({
    name: 'sme_jobs_queue_depth',
    help: 'Background jobs not done yet, by kind: due now (waiting for a worker) or scheduled later (retries, reminders)',
    labelNames: ['kind', 'state'] as const,
    registers: [registry],
    async collect() {
      const rows = await database.query<{ kind: string; due: number; later: number }>(
        `select kind, count(*) filter (where run_at <= $1)::int as due,
                count(*) filter (where run_at > $1)::int as later
           from jobs where done_at is null group by kind`,
        [clock.now().toISOString()],
      );
      this.reset();
      for (const r of rows) {
        this.set({ kind: r.kind, state: 'due' }, r.due);
        this.set({ kind: r.kind, state: 'scheduled' }, r.later);
      }
    },
  });
  return { registry, httpRequests, httpDuration, loginFailures, accountLockouts, jobRuns, smsMessages };
}
