/**
 * EXPLAIN (ANALYZE, BUFFERS) of the hot queries, exactly as the app sends them: the app's own functions run on a
 * Drizzle instance whose logger captures each statement and its parameters, which are then explained.
 *
 *   node --import tsx bench/explain.ts --db bench_20261128 [--out bench/results/explain.md]
 *   npm run bench -- --explain          (the same, on the run's database before it is dropped)
 *
 * Queries: the county queue's first page, the city's filtered region-wide list (first and deep page), the
 * province's region-wide list (the 批次 filter resolved as the route does), the registry lookup by credit code, by name fragment, by partial code and by a 2-character
 * name, the statistics summary of the province, a city and a county.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from '../src/server/db/client';
import * as schema from '../src/server/db/schema';
import { searchRegistry } from '../src/server/modules/registry/routes';
import { queuePage, resolveCampaign } from '../src/server/modules/review/queue';
import { summary } from '../src/server/modules/statistics/service';
import { systemClock } from '../src/server/services/clock';
import type { AppContext } from '../src/server/types';
import type { Actor } from '../src/shared/permissions';
import { QueueQuery } from '../src/shared/schemas/review-api';
import { databaseUrl } from './lib/db';
import { RESULTS_DIR } from './lib/server';

interface Captured {
  label: string;
  sql: string;
  params: unknown[];
}

export async function explainHotQueries(
  name: string,
  out = path.join(RESULTS_DIR, 'explain.md'),
): Promise<string> {
  const pool = new pg.Pool({ connectionString: databaseUrl(name), max: 2 });
  const captured: Captured[] = [];
  let label = '';
  const db = drizzle(pool, {
    schema,
    logger: { logQuery: (sql, params) => captured.push({ label, sql, params }) },
  }) as unknown as Db;
  const one = async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows[0] as T;

  const current = await one<{ id: string; year: number }>(
    `select id, year from campaigns where filing_opens_at <= now() and now() <= filing_closes_at`,
  );
  const busiest = await one<{ county_code: string; city_code: string }>(
    `select county_code, min(city_code) as city_code from filings where status = 'county_review'
     group by county_code order by count(*) desc limit 1`,
  );
  const actor = (role: Actor['role'], regionCode: string): Actor => ({
    userId: '00000000-0000-4000-8000-000000000000',
    username: 'explain',
    displayName: 'explain',
    role,
    enterpriseId: null,
    regionCode,
  });
  const county = actor('county_reviewer', busiest.county_code);
  const city = actor('city_reviewer', busiest.city_code);
  const province = actor('province', '320000');

  // The 批次 filter as the route resolves it (scope=all: the current campaign), not captured.
  const filter = async (q: Record<string, string>) => {
    const n = captured.length;
    const { filter } = await resolveCampaign(db, new Date(), QueueQuery.parse(q));
    captured.length = n;
    return filter;
  };
  label = 'queue first page: county reviewer, own queue (scope=mine)';
  await queuePage(db, county, await filter({}));
  label = `queue first page: city reviewer, region-wide list of campaign ${current.year} filtered (scope=all&kind=update&scoreMin=60)`;
  const cityQ = await filter({ scope: 'all', kind: 'update', scoreMin: '60' });
  let page = await queuePage(db, city, { ...cityQ, limit: 100 });
  // Walk ~2000 rows deep with pages of 100 (not captured), then capture the deep page.
  const captureFrom = captured.length;
  for (let i = 0; i < 19 && page.nextCursor; i++)
    page = await queuePage(db, city, { ...cityQ, limit: 100, cursor: page.nextCursor });
  captured.length = captureFrom;
  if (page.nextCursor) {
    label = 'queue deep page (~2000 rows in): the same city list with a keyset cursor';
    await queuePage(db, city, { ...cityQ, cursor: page.nextCursor });
  }
  label = `queue first page: province, region-wide list of campaign ${current.year}, qualified, newest first`;
  await queuePage(db, province, await filter({ scope: 'all', qualified: 'true', sort: 'submitted_desc' }));

  const e = await one<{ uscc: string; name: string }>(
    `select e.uscc, e.name from recognitions r join enterprises e on e.id = r.enterprise_id
     where r.status = 'valid' order by r.id limit 1`,
  );
  const ctx = { db, clock: systemClock } as unknown as AppContext;
  label = `registry lookup by credit code (${e.uscc})`;
  await searchRegistry(ctx, e.uscc);
  const fragment = e.name.slice(-10, -4);
  label = `registry lookup by name fragment (${fragment})`;
  await searchRegistry(ctx, fragment);
  const partial = e.uscc.slice(6, 14);
  label = `registry lookup by partial credit code (${partial})`;
  await searchRegistry(ctx, partial);
  const short = e.name.slice(-7, -4);
  label = `registry lookup by a 3-character name (${short}): the shortest the registry accepts`;
  await searchRegistry(ctx, short);

  label = `statistics summary: province, campaign ${current.year}, by city`;
  const t0 = performance.now();
  await summary(db, province, current.year, ctx.clock.now());
  const summaryMs = performance.now() - t0;
  label = `statistics summary: city ${busiest.city_code}, campaign ${current.year}, by county`;
  await summary(db, city, current.year, ctx.clock.now());
  label = `statistics summary: county ${busiest.county_code}, campaign ${current.year}`;
  await summary(db, county, current.year, ctx.clock.now());

  const size = await one<{ filings: number; enterprises: number; recognitions: number }>(
    `select (select count(*)::int from filings) as filings, (select count(*)::int from enterprises) as enterprises,
            (select count(*)::int from recognitions) as recognitions`,
  );
  const lines = [
    `# EXPLAIN (ANALYZE, BUFFERS) of the hot queries`,
    ``,
    `Database ${name}: ${size.filings.toLocaleString('en')} filings, ${size.enterprises.toLocaleString('en')} enterprises, ${size.recognitions.toLocaleString('en')} recognitions. ` +
      `Statistics summary (all its statements, one request's worth, cold-ish): ${summaryMs.toFixed(0)} ms.`,
    ``,
  ];
  for (const c of captured) {
    const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${c.sql}`, c.params);
    lines.push(
      `## ${c.label}`,
      '',
      '```sql',
      c.sql,
      '```',
      '',
      `params: \`${JSON.stringify(c.params)}\``,
      '',
      '```',
    );
    lines.push(...plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']!), '```', '');
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, lines.join('\n'));
  await pool.end();
  return out;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const arg = (n: string) => (argv.indexOf(n) >= 0 ? argv[argv.indexOf(n) + 1] : undefined);
  const name = arg('--db');
  if (!name) throw new Error('--db bench_… is required');
  console.log(`Written ${await explainHotQueries(name, arg('--out'))}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
