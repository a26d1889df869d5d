/**
 * Embedded (PGlite) cold start: a new server process on an EXISTING data directory (data generated before),
 * from spawn to the first 200 of /api/health, and its idle memory (VmRSS 3 s after ready, nothing requested).
 * Both runtimes, 3 starts each: the compiled build (`node dist/server/main.js`, production) and the TypeScript
 * sources through tsx (development, and production before issue #11). Baseline: spawning node with an empty
 * script, with the loader of the runtime (the part of start-up that is not the platform).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateData } from '../../scripts/generate-data';
import { openDatabase } from '../../src/server/db/client';
import type { BenchContext } from '../lib/context';
import { MB, target } from '../lib/report';
import { ROOT, ServerProcess, type Runtime } from '../lib/server';

export async function coldStart(ctx: BenchContext, port: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pglite-'));
  const enterprises = ctx.full ? 5000 : 1000;
  try {
    const database = await openDatabase({ dataDir: dir });
    const gen = await generateData(database, { enterprises, rebuildIndexes: false });
    await database.close();
    const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
    for (const runtime of ['tsx', 'compiled'] as Runtime[]) {
      const times: number[] = [];
      const peaks: number[] = [];
      const idle: number[] = [];
      for (let i = 0; i < 3; i++) {
        const s = new ServerProcess({ dataDir: dir, port, runtime });
        try {
          times.push(await s.waitReady(60_000, 10));
          peaks.push(s.peakRss());
          await new Promise((r) => setTimeout(r, 3000));
          idle.push(s.rss());
        } finally {
          await s.stop();
        }
      }
      const base: number[] = [];
      const bare = runtime === 'tsx' ? ['--import', 'tsx', '-e', ''] : ['-e', ''];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        spawnSync(process.execPath, bare, { cwd: ROOT });
        base.push(performance.now() - t0);
      }
      const m = median(times);
      ctx.report.add({
        name: `embedded cold start (${runtime})`,
        what: `${runtime === 'tsx' ? 'node --import tsx src/server/main.ts' : 'node dist/server/main.js'}; PGlite data directory with ${gen.enterprises} enterprises / ${gen.filings} filings; spawn → /api/health 200, 3 starts`,
        figures: {
          medianMs: m,
          maxMs: Math.max(...times),
          runs: times.map((t) => Math.round(t)).join(' / '),
          idleRssMB: median(idle) / MB,
          peakRssMB: Math.max(...peaks) / MB,
          dataDirMB: dirSize(dir) / MB,
        },
        baseline: { label: `node ${bare.join(' ')} (median of 3)`, value: median(base), unit: 'ms' },
        ratio: { label: 'cold start ÷ bare node start', value: m / median(base) },
        targets: [target('cold start to ready /api/health (median)', m / 1000, '<=', 3, 's')],
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function dirSize(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? dirSize(p) : fs.statSync(p).size;
  }
  return total;
}

/**
 * The README's first command on a fresh machine: a development server on an EMPTY PGlite data directory with demo
 * data on (migrations, then the demo seed: accounts, filings at every stage, lists, recognitions, statistics),
 * spawn → first 200 of /api/health, 3 starts on fresh directories. Baseline: the same start with DEMO_DATA=off
 * (migrations only), so the difference is the seed. Target: the seed under 10 s on an idle machine.
 */
export async function demoSeed(ctx: BenchContext, port: number): Promise<void> {
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  const startOnce = async (demo: 'on' | 'off'): Promise<number> => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-demo-'));
    const s = new ServerProcess({ dataDir: dir, port, mode: 'development', env: { DEMO_DATA: demo } });
    try {
      return await s.waitReady(180_000, 10);
    } finally {
      await s.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const withDemo: number[] = [];
  const without: number[] = [];
  for (let i = 0; i < 3; i++) {
    without.push(await startOnce('off'));
    withDemo.push(await startOnce('on'));
  }
  const seedMs = median(withDemo) - median(without);
  ctx.report.add({
    name: 'demo seed (first start)',
    what: 'development server on an empty PGlite directory, DEMO_DATA=on vs off; spawn → /api/health 200, 3 starts each',
    figures: {
      medianWithDemoMs: median(withDemo),
      medianWithoutMs: median(without),
      seedMs,
      runs: withDemo.map((t) => Math.round(t)).join(' / '),
    },
    baseline: {
      label: 'the same start with DEMO_DATA=off (median of 3)',
      value: median(without),
      unit: 'ms',
    },
    targets: [target('demo seed (with − without, median)', seedMs / 1000, '<=', 10, 's')],
  });
}
