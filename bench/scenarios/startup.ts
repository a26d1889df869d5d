/**
 * Embedded (PGlite) cold start: a new server process on an EXISTING data directory (data generated before),
 * from spawn to the first 200 of /api/health. Baseline: spawning `node --import tsx` with an empty script (the
 * part of start-up that is Node and the TypeScript loader, not the platform).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateData } from '../../scripts/generate-data';
import { openDatabase } from '../../src/server/db/client';
import type { BenchContext } from '../lib/context';
import { MB, target } from '../lib/report';
import { ROOT, ServerProcess } from '../lib/server';

export async function coldStart(ctx: BenchContext, port: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pglite-'));
  const enterprises = ctx.full ? 5000 : 1000;
  try {
    const database = await openDatabase({ dataDir: dir });
    const gen = await generateData(database, { enterprises, rebuildIndexes: false });
    await database.close();
    const times: number[] = [];
    const peaks: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = new ServerProcess({ dataDir: dir, port });
      try {
        times.push(await s.waitReady(60_000, 10));
        peaks.push(s.peakRss());
      } finally {
        await s.stop();
      }
    }
    const base: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      spawnSync(process.execPath, ['--import', 'tsx', '-e', ''], { cwd: ROOT });
      base.push(performance.now() - t0);
    }
    const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
    const m = median(times);
    ctx.report.add({
      name: 'embedded cold start',
      what: `PGlite data directory with ${gen.enterprises} enterprises / ${gen.filings} filings; spawn → /api/health 200, 3 starts`,
      figures: {
        medianMs: m,
        maxMs: Math.max(...times),
        runs: times.map((t) => Math.round(t)).join(' / '),
        peakRssMB: Math.max(...peaks) / MB,
        dataDirMB: dirSize(dir) / MB,
      },
      baseline: { label: 'node --import tsx, empty script (median of 3)', value: median(base), unit: 'ms' },
      ratio: { label: 'cold start ÷ bare node+tsx start', value: m / median(base) },
      targets: [target('cold start to ready /api/health (median)', m / 1000, '<=', 3, 's')],
    });
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
