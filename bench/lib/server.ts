/**
 * The platform as real separate processes, one or several on consecutive ports behind the same database: the
 * compiled build `node dist/server/main.js` (what production runs; default) or, with `--runtime tsx`,
 * `node --import tsx src/server/main.ts` (development). Peak memory is the
 * kernel's VmHWM of each process, reset before each measurement through /proc/<pid>/clear_refs.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const RESULTS_DIR = path.join(ROOT, 'bench', 'results');

/** How the server runs: the compiled JavaScript of `npm run build` or the TypeScript sources through tsx. */
export type Runtime = 'compiled' | 'tsx';

/** The runtime of this benchmark run: BENCH_RUNTIME (set by `--runtime`), compiled unless told. */
export function benchRuntime(): Runtime {
  return process.env.BENCH_RUNTIME === 'tsx' ? 'tsx' : 'compiled';
}

let compiled = false;
/** Compiles the server into dist/server (scripts/build-server.mjs) once per benchmark run. */
export function ensureCompiledServer(): void {
  if (compiled) return;
  execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'inherit' });
  compiled = true;
}

/** The node arguments that start the server in `runtime`. */
export function serverArgs(runtime: Runtime): string[] {
  return runtime === 'tsx' ? ['--import', 'tsx', 'src/server/main.ts'] : ['dist/server/main.js'];
}

export interface ServerOptions {
  /** Default: benchRuntime(). */
  runtime?: Runtime;
  /** postgres://… (PostgreSQL); omit for embedded PGlite in dataDir. */
  databaseUrl?: string;
  dataDir?: string;
  port: number;
  mode?: 'production' | 'test' | 'development';
  env?: Record<string, string>;
  /** Log file (stdout + stderr). */
  logFile?: string;
}

export class ServerProcess {
  readonly child: ChildProcess;
  readonly startedAt = performance.now();
  readyAt: number | null = null;
  private exited = false;
  private peakSampled = 0;
  private sampler: NodeJS.Timeout | null = null;

  constructor(readonly opts: ServerOptions) {
    const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bench-server-'));
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const log = fs.openSync(opts.logFile ?? path.join(RESULTS_DIR, `server-${opts.port}.log`), 'w');
    // e.g. BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server process.
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const runtime = opts.runtime ?? benchRuntime();
    if (runtime === 'compiled') ensureCompiledServer();
    this.child = spawn(process.execPath, [...nodeArgs, ...serverArgs(runtime)], {
      cwd: ROOT,
      stdio: ['ignore', log, log],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/root',
        TMPDIR: process.env.TMPDIR ?? os.tmpdir(),
        TZ: 'Asia/Shanghai',
        APP_MODE: opts.mode ?? 'production',
        PORT: String(opts.port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DEMO_DATA: 'off',
        SMS_CODE_PEPPER: 'bench-pepper-0123456789abcdef',
        // Benchmarks send no real SMS: the outbox table stands in for the gateway.
        SMS_ALLOW_OUTBOX_IN_PRODUCTION: 'true',
        WEB_DIST_DIR: path.join(dataDir, 'no-web'),
        // The public registry is rate-limited per client IP: the benchmark plays many clients via X-Forwarded-For.
        TRUST_PROXY: 'true',
        LOG_LEVEL: 'info',
        ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
        // SESSION_CACHE=off in the bench's environment: compare with and without the session cache (ADR 0036).
        ...(process.env.SESSION_CACHE ? { SESSION_CACHE: process.env.SESSION_CACHE } : {}),
        ...opts.env,
      },
    });
    fs.closeSync(log);
    this.child.once('exit', () => {
      this.exited = true;
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get url(): string {
    return `http://127.0.0.1:${this.opts.port}`;
  }

  /** Polls /api/health until it answers 200 (the server's readiness), at most timeoutMs. */
  async waitReady(timeoutMs = 60_000, pollMs = 20): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if (this.exited)
        throw new Error(
          `server on port ${this.opts.port} exited (see ${RESULTS_DIR}/server-${this.opts.port}.log)`,
        );
      try {
        const res = await fetch(`${this.url}/api/health`);
        if (res.status === 200) {
          this.readyAt = performance.now();
          return this.readyAt - this.startedAt;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
    throw new Error(`server on port ${this.opts.port} not ready after ${timeoutMs} ms`);
  }

  private status(): Record<string, number> {
    const text = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const out: Record<string, number> = {};
    for (const m of text.matchAll(/^(VmHWM|VmRSS):\s+(\d+) kB$/gm)) out[m[1]!] = Number(m[2]) * 1024;
    return out;
  }

  /** Resets the peak (VmHWM) and starts sampling RSS every 50 ms as a fallback. */
  resetPeak(): void {
    try {
      fs.writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
    } catch {
      // not permitted: the sampled peak still works
    }
    this.peakSampled = this.status().VmRSS ?? 0;
    if (this.sampler) clearInterval(this.sampler);
    this.sampler = setInterval(() => {
      try {
        this.peakSampled = Math.max(this.peakSampled, this.status().VmRSS ?? 0);
      } catch {
        // exited
      }
    }, 50);
    this.sampler.unref();
  }

  /** Peak RSS in bytes since the last resetPeak() (the larger of VmHWM and the sampled peak). */
  peakRss(): number {
    try {
      const s = this.status();
      this.peakSampled = Math.max(this.peakSampled, s.VmRSS ?? 0);
      return Math.max(s.VmHWM ?? 0, this.peakSampled);
    } catch {
      return this.peakSampled;
    }
  }

  rss(): number {
    return this.status().VmRSS ?? 0;
  }

  async stop(): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
    if (this.exited) return;
    const done = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await done;
    clearTimeout(timer);
  }
}

/** A group of processes behind the same database (the "N processes" variant), on ports basePort, basePort + 1, … */
export class ServerGroup {
  constructor(readonly servers: ServerProcess[]) {}

  static async start(
    n: number,
    opts: Omit<ServerOptions, 'port'> & { basePort: number },
  ): Promise<ServerGroup> {
    const servers: ServerProcess[] = [];
    for (let i = 0; i < n; i++) servers.push(new ServerProcess({ ...opts, port: opts.basePort + i }));
    const group = new ServerGroup(servers);
    try {
      await Promise.all(servers.map((s) => s.waitReady(120_000)));
    } catch (err) {
      await group.stop();
      throw err;
    }
    return group;
  }

  get urls(): string[] {
    return this.servers.map((s) => s.url);
  }

  resetPeak(): void {
    for (const s of this.servers) s.resetPeak();
  }

  /** Peak RSS per process, bytes. */
  peaks(): number[] {
    return this.servers.map((s) => s.peakRss());
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.stop()));
  }
}
