/**
 * Baselines measured in the same run: pgbench single-row INSERT on a scratch table (the database's own write
 * rate on this machine), and GET /api/health through the same server processes and load tool (the stack's floor).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchContext } from '../lib/context';
import { runLoad } from '../lib/load';

const PGBENCH = process.env.PGBENCH ?? '/usr/lib/postgresql/15/bin/pgbench';

export async function pgbenchInsert(ctx: BenchContext): Promise<void> {
  await ctx.db.query(
    `create table if not exists bench_scratch (id bigserial primary key, filing_id uuid not null,
       section text not null, data jsonb not null, at timestamptz not null default now())`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pgbench-'));
  const script = path.join(dir, 'insert.sql');
  fs.writeFileSync(
    script,
    `INSERT INTO bench_scratch (filing_id, section, data) VALUES (gen_random_uuid(), 'operations', '{"taxPaid":"451.30"}');\n`,
  );
  const seconds = ctx.full ? 10 : 5;
  const u = new URL(ctx.databaseUrl);
  const args = [
    '-n',
    '-c',
    '8',
    '-j',
    '2',
    '-T',
    String(seconds),
    '-f',
    script,
    '-h',
    u.hostname,
    '-p',
    u.port || '5432',
    '-U',
    u.username || 'postgres',
    ctx.databaseName,
  ];
  ctx.log(`  pgbench ${args.join(' ')}`);
  const out = execFileSync(PGBENCH, args, { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? NaN);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1] ?? NaN);
  const tx = Number(/number of transactions actually processed: (\d+)/.exec(out)?.[1] ?? NaN);
  await ctx.db.query('drop table if exists bench_scratch');
  ctx.baselines.pgbenchInsertTps = tps;
  ctx.report.add({
    name: 'baseline: pgbench INSERT',
    what: `pgbench -n -c 8 -j 2 -T ${seconds} -f insert.sql (single-row INSERT into a scratch table, same server)`,
    figures: { tps, latencyAvgMs: latency, transactions: tx },
    targets: [],
  });
}

export async function healthBaseline(ctx: BenchContext): Promise<void> {
  const r = await runLoad({
    urls: ctx.servers.urls,
    connections: ctx.readConnections,
    amount: ctx.full ? 20_000 : 5_000,
    maxSeconds: ctx.full ? 20 : 8,
    next: () => ({ method: 'GET', path: '/api/health', headers: { 'user-agent': 'bench' } }),
  });
  ctx.baselines.healthRps = r.rps;
  ctx.baselines.healthP95 = r.p95;
  ctx.report.add({
    name: 'baseline: GET /api/health',
    what: `one trivial query (select 1) through the same stack, ${ctx.readConnections} connections, ${ctx.servers.servers.length} process(es)`,
    figures: { rps: r.rps, p50: r.p50, p95: r.p95, p99: r.p99, requests: r.requests, errors: r.errors },
    targets: [],
  });
}
