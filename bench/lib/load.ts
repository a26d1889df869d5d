/**
 * Load with autocannon, bounded in time AND count, across one or several server processes: one autocannon
 * instance per process runs concurrently (connections split between them) and every response's latency is
 * recorded from autocannon's `response` event, so the percentiles of the merged run are exact, not averaged.
 *
 * Requests come from a shared `next()` (a pool of users/filings): each request is built when a connection is
 * free, and `done(status, body)` sees its response (e.g. to put a filing back with its new version).
 */
import autocannon from 'autocannon';

export interface Job {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Called with the response (e.g. to return a resource to the pool with its new version). */
  done?: (status: number, body: string) => void;
}

export interface LoadOptions {
  urls: string[];
  connections: number;
  /** Stop after this many requests in total (bounded count). */
  amount: number;
  /** Stop after this many seconds whatever the count (bounded time). */
  maxSeconds: number;
  next: () => Job;
  /** Whether the response body is needed by done() (default: true when done is used). */
  timeoutSeconds?: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  statuses: Record<string, number>;
  /** Non-2xx responses and transport errors. */
  errors: number;
  errorSamples: string[];
}

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Splits n into k parts that differ by at most one. */
function split(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errorSamples: string[] = [];
  let transportErrors = 0;
  const k = Math.min(o.urls.length, o.connections);
  const conns = split(o.connections, k);
  // Each instance's amount is a multiple of its connections, so no connection sends a request beyond the pool.
  const amounts = split(o.amount, k).map((a, i) => Math.max(conns[i]!, a - (a % conns[i]!)));
  const started = performance.now();
  const instances = o.urls.slice(0, k).map((url, i) => {
    const inst = autocannon({
      url,
      connections: conns[i]!,
      amount: amounts[i]!,
      timeout: o.timeoutSeconds ?? 30,
      requests: [
        {
          setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
            const job = o.next();
            context.job = job;
            return {
              ...req,
              method: job.method,
              path: job.path,
              headers: job.headers,
              ...(job.body !== undefined ? { body: job.body } : { body: undefined }),
            };
          },
          onResponse: (status: number, body: string, context: Record<string, unknown>) => {
            statuses[status] = (statuses[status] ?? 0) + 1;
            if ((status < 200 || status >= 300) && errorSamples.length < 5) {
              errorSamples.push(`${status} ${String(body).slice(0, 300)}`);
            }
            (context.job as Job | undefined)?.done?.(status, body);
          },
        },
      ],
    } as autocannon.Options);
    inst.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
    });
    inst.on('reqError', (err: Error) => {
      transportErrors += 1;
      if (errorSamples.length < 5) errorSamples.push(`transport: ${err.message}`);
    });
    return inst;
  });
  const timer = setTimeout(() => {
    for (const inst of instances) inst.stop();
  }, o.maxSeconds * 1000);
  await Promise.all(
    instances.map((inst) => new Promise<void>((resolve) => inst.once('done', () => resolve()))),
  );
  clearTimeout(timer);
  const seconds = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  const non2xx = Object.entries(statuses)
    .filter(([s]) => Number(s) < 200 || Number(s) >= 300)
    .reduce((a, [, n]) => a + n, 0);
  return {
    requests: sorted.length,
    seconds,
    rps: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : 0,
    statuses,
    errors: non2xx + transportErrors,
    errorSamples,
  };
}

/** A round-robin over a fixed list (read-only jobs). */
export function cycle<T>(items: T[]): () => T {
  if (items.length === 0) throw new Error('nothing to cycle over');
  let i = 0;
  return () => items[i++ % items.length]!;
}
