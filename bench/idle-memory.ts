/**
 * Idle memory and start-up time of one app process on a PostgreSQL server (production's shape), for both runtimes:
 * the compiled build (`node dist/server/main.js`) and the TypeScript sources through tsx. Each start migrates a
 * fresh empty database; idle RSS is VmRSS 3 s after the first 200 of /api/health, with no request served.
 * The figures of docs/performance.md ("Compiled build") and of docs/deploy.md's sizing table.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/idle-memory.ts [--port 4150]
 */
import { createDatabase, databaseUrl, dropDatabase } from './lib/db';
import { MB } from './lib/report';
import { ServerProcess, type Runtime } from './lib/server';

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 4150;
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;

for (const runtime of ['tsx', 'compiled'] as Runtime[]) {
  const ready: number[] = [];
  const idle: number[] = [];
  for (let i = 0; i < 3; i++) {
    const name = `bench_idle_${process.pid}_${runtime}_${i}`;
    await createDatabase(name);
    const s = new ServerProcess({ databaseUrl: databaseUrl(name), port, runtime });
    try {
      ready.push(await s.waitReady(120_000, 10));
      await new Promise((r) => setTimeout(r, 3000));
      idle.push(s.rss());
    } finally {
      await s.stop();
      await dropDatabase(name);
    }
  }
  console.log(
    `${runtime.padEnd(8)} start→ready median ${Math.round(median(ready))} ms (${ready.map(Math.round).join(' / ')}); ` +
      `idle RSS median ${(median(idle) / MB).toFixed(0)} MB (${idle.map((b) => (b / MB).toFixed(0)).join(' / ')})`,
  );
}
