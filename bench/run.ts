/**
 * The benchmarks (issue #7): `npm run bench` runs everything in a quick form (10^5 filings, short runs; a few
 * minutes); `npm run bench -- --full` at the national size (10^6 filings, ~480,000 enterprises) with longer runs.
 *
 * Options:
 *   --full                 national size and longer runs
 *   --filings N            generate N filings (default 100,000; --full 1,000,000)
 *   --enterprises N        generate N enterprises instead (filings follow from the plan, ~2 per enterprise)
 *   --reuse bench_name     use an existing generated database (skips generation; kept afterwards)
 *   --keep                 keep the generated database (printed at the end) for --reuse or EXPLAIN
 *   --processes N          N server processes on consecutive ports behind the same database (default 1)
 *   --connections N        connections of the write benchmarks (default 50)
 *   --read-connections N   connections of the read-latency benchmarks (default 10)
 *   --only a,b             a subset: web, coldstart, demo, pgbench, health, queue, registry, review, export, save, submit, approval
 *   --port N               first port (default 3900)
 *   --out FILE             results file: a name goes to bench/results/, a path is used as given (default latest.json)
 *   --runtime compiled|tsx the server as production runs it, compiled by `npm run build` (default), or through tsx
 *   --explain              write EXPLAIN (ANALYZE, BUFFERS) of the hot queries to bench/results/explain.md (at the
 *                          start, right after generation, before the benchmarks change the data)
 *
 * Everything runs on loopback against the PostgreSQL server of BENCH_DATABASE_URL (scripts/bench.sh starts a
 * private one; default postgres://postgres@127.0.0.1:5432/postgres); the database is bench_<timestamp>, dropped at
 * the end unless kept (--keep is useful only with a server that outlives the run, i.e. BENCH_DATABASE_URL set).
 * Results: printed, and written to bench/results/latest.json.
 */
import { generateData, type GenerateResult, type SqlRunner } from '../scripts/generate-data';
import { openDatabase } from '../src/server/db/client';
import type { BenchContext } from './lib/context';
import { createDatabase, databaseExists, databaseUrl, dropDatabase, poolRunner, serverFacts } from './lib/db';
import { Report } from './lib/report';
import { ServerGroup } from './lib/server';
import { explainHotQueries } from './explain';
import { healthBaseline, pgbenchInsert } from './scenarios/baselines';
import { excelExport } from './scenarios/export';
import { queue, registry, reviewPage } from './scenarios/reads';
import { coldStart, demoSeed } from './scenarios/startup';
import { webFirstLoad } from './scenarios/web';
import { approval, sectionSave, submit } from './scenarios/writes';

const ALL = [
  'web',
  'coldstart',
  'demo',
  'pgbench',
  'health',
  'queue',
  'registry',
  'review',
  'export',
  'save',
  'submit',
  'approval',
];

function parseArgs(argv: string[]) {
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (name: string, d?: number) => {
    const v = get(name);
    return v === undefined ? d : Number(v.replace(/_/g, ''));
  };
  const full = argv.includes('--full');
  return {
    full,
    filings: num('--filings'),
    enterprises: num('--enterprises'),
    reuse: get('--reuse'),
    keep: argv.includes('--keep'),
    processes: num('--processes', 1)!,
    connections: num('--connections', 50)!,
    readConnections: num('--read-connections', 10)!,
    only: new Set((get('--only') ?? ALL.join(',')).split(',').map((s) => s.trim())),
    port: num('--port', 3900)!,
    explain: argv.includes('--explain'),
    out: get('--out') ?? 'latest.json',
    runtime: get('--runtime') === 'tsx' ? ('tsx' as const) : ('compiled' as const),
  };
}

/** The parts of a generation result the scenarios need, read back from an existing database. */
async function describe(db: SqlRunner): Promise<GenerateResult> {
  const count = async (sql: string) => (await db.query<{ n: number }>(sql))[0]!.n;
  const campaigns = await db.query<{ id: string; year: number; current: boolean }>(
    `select id, year, filing_opens_at <= now() and now() <= filing_closes_at as current from campaigns order by year`,
  );
  const users = await db.query<{ id: string; role: string; region_code: string }>(
    `select id, role, region_code from users where username like 'bench\\_%'`,
  );
  const reviewers: GenerateResult['reviewers'] = { county: {}, city: {}, province: '' };
  for (const u of users) {
    if (u.role === 'county_reviewer') reviewers.county[u.region_code] = u.id;
    else if (u.role === 'city_reviewer') reviewers.city[u.region_code] = u.id;
    else if (u.role === 'province') reviewers.province = u.id;
  }
  const byStatus = Object.fromEntries(
    (
      await db.query<{ status: string; n: number }>(
        `select status, count(*)::int as n from filings group by status`,
      )
    ).map((r) => [r.status, r.n]),
  );
  return {
    campaigns,
    enterprises: await count('select count(*)::int as n from enterprises'),
    users: await count('select count(*)::int as n from users'),
    filings: await count('select count(*)::int as n from filings'),
    sections: await count('select count(*)::int as n from filing_sections'),
    history: await count('select count(*)::int as n from filing_history'),
    files: await count('select count(*)::int as n from files'),
    attachments: await count('select count(*)::int as n from filing_attachments'),
    recognitions: await count('select count(*)::int as n from recognitions'),
    byStatus,
    byCity: {},
    reviewers,
    seconds: 0,
    rowsPerSecond: 0,
  };
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const log = (l: string) => console.log(l);
  process.env.BENCH_RUNTIME = a.runtime;
  const report = new Report({ options: { ...a, only: [...a.only] } });
  const name = a.reuse ?? `bench_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
  const url = databaseUrl(name);
  const t0 = performance.now();
  console.log(
    `Benchmarks (${a.full ? 'full' : 'quick'}), database ${name}, ${a.processes} server process(es)`,
  );

  const ctxBase = {
    full: a.full,
    connections: a.connections,
    readConnections: a.readConnections,
    report,
    baselines: {},
    log,
  };

  // Independent of the database: the web bundle and the embedded cold start.
  const offline = {
    ...ctxBase,
    db: null as unknown as SqlRunner,
    databaseUrl: '',
    databaseName: '',
    servers: new ServerGroup([]),
    generated: null,
    currentCampaignId: '',
  } satisfies BenchContext;
  if (a.only.has('web')) await webFirstLoad(offline);
  if (a.only.has('coldstart')) await coldStart(offline, a.port + 50);
  if (a.only.has('demo')) await demoSeed(offline, a.port + 60);

  const needServer = ['health', 'queue', 'registry', 'review', 'export', 'save', 'submit', 'approval'].some(
    (s) => a.only.has(s),
  );
  const needDb = needServer || a.only.has('pgbench');
  if (!needDb) return finish(report, t0, a.out);

  let created = false;
  if (a.reuse) {
    if (!(await databaseExists(name))) throw new Error(`${name} does not exist`);
  } else {
    await createDatabase(name);
    created = true;
  }
  const runner = poolRunner(url, 2);
  let servers: ServerGroup | null = null;
  try {
    let generated: GenerateResult;
    if (a.reuse) {
      generated = await describe(runner);
      log(`Reusing ${name}: ${generated.enterprises} enterprises, ${generated.filings} filings`);
    } else {
      // Migrations through the app's own openDatabase(), then the generator.
      const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
      const filings = a.enterprises ? undefined : (a.filings ?? (a.full ? 1_000_000 : 100_000));
      log(
        `Generating ${filings ? `${filings.toLocaleString('en')} filings` : `${a.enterprises} enterprises`}…`,
      );
      try {
        generated = await generateData(database, {
          ...(filings ? { filings } : { enterprises: a.enterprises! }),
          log,
        });
      } finally {
        await database.close();
      }
      const rows =
        generated.enterprises +
        generated.users +
        generated.filings +
        generated.sections +
        generated.history +
        generated.files +
        generated.attachments +
        generated.recognitions;
      report.add({
        name: 'data generator',
        what: `scripts/generate-data.ts into PostgreSQL (unnest batches of 5000 filings, indexes rebuilt after the load)`,
        figures: {
          seconds: generated.seconds,
          rows,
          rowsPerSecond: generated.rowsPerSecond,
          enterprises: generated.enterprises,
          filings: generated.filings,
          sections: generated.sections,
          history: generated.history,
          files: generated.files,
          recognitions: generated.recognitions,
        },
        targets: [],
        notes: [`by status: ${JSON.stringify(generated.byStatus)}`],
      });
    }
    const size = await runner.query<{ db: string; filings: string }>(
      `select pg_size_pretty(pg_database_size(current_database())) as db, pg_size_pretty(pg_total_relation_size('filings')) as filings`,
    );
    report.meta.database = {
      name,
      ...size[0],
      ...(await serverFacts(runner)),
      generated: { ...generated, reviewers: undefined },
    };
    const current = generated.campaigns.find((c) => c.current);
    if (!current) throw new Error('no campaign open now');

    if (a.explain) log(`Written ${await explainHotQueries(name)}`);
    if (needServer) {
      servers = await ServerGroup.start(a.processes, { databaseUrl: url, basePort: a.port });
      log(`Server(s) ready: ${servers.urls.join(', ')}`);
    }
    const ctx: BenchContext = {
      ...ctxBase,
      db: runner,
      databaseUrl: url,
      databaseName: name,
      servers: servers ?? new ServerGroup([]),
      generated,
      currentCampaignId: current.id,
    };
    if (a.only.has('pgbench') || a.only.has('save') || a.only.has('submit') || a.only.has('approval'))
      await pgbenchInsert(ctx);
    if (needServer) await healthBaseline(ctx);
    if (a.only.has('queue')) await queue(ctx, generated.filings);
    if (a.only.has('registry')) await registry(ctx);
    if (a.only.has('review')) await reviewPage(ctx);
    if (a.only.has('export')) await excelExport(ctx);
    let saved: string[] = [];
    if (a.only.has('save')) saved = await sectionSave(ctx);
    if (a.only.has('submit')) await submit(ctx, saved);
    if (a.only.has('approval')) await approval(ctx);
  } finally {
    await servers?.stop();
    await runner.close();
    if (created && !a.keep) await dropDatabase(name);
    else log(`Database kept: ${name} (${url})`);
  }
  finish(report, t0, a.out);
}

function finish(report: Report, t0: number, out: string): void {
  console.log(report.summary());
  const file = report.write(out);
  console.log(`\nWritten ${file} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
