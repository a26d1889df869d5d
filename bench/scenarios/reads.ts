/**
 * Read paths: the reviewer queue (first page and a deep keyset page, with filters), the review page of one
 * filing, and the public registry lookup. Latency targets are read at `readConnections` concurrent users.
 */
import type { BenchContext } from '../lib/context';
import { cycle, runLoad, type Job, type LoadResult } from '../lib/load';
import { MB, target } from '../lib/report';
import { authHeaders, createSessions, type BenchSession } from '../lib/sessions';
import { countyPending } from './writes';

const figures = (ctx: BenchContext, r: LoadResult) => {
  const peaks = ctx.servers.peaks();
  return {
    rps: r.rps,
    p50: r.p50,
    p95: r.p95,
    p99: r.p99,
    max: r.max,
    requests: r.requests,
    errors: r.errors,
    peakRssMB: Math.max(...peaks) / MB,
  };
};

const healthBaseline = (ctx: BenchContext) => ({
  baseline: { label: 'GET /api/health p95 (same run)', value: ctx.baselines.healthP95 ?? NaN, unit: 'ms' },
});

interface QueueVariant {
  label: string;
  session: BenchSession;
  query: string;
}

/** Queue views as reviewers use them: own queue, region-wide lists with filters, the province's view. */
async function queueVariants(ctx: BenchContext): Promise<QueueVariant[]> {
  const busiest = await ctx.db.query<{ county_code: string; city_code: string }>(
    `select county_code, min(city_code) as city_code from filings where campaign_id = $1 and status = 'county_review'
     group by county_code order by count(*) desc limit 6`,
    [ctx.currentCampaignId],
  );
  const rev = ctx.generated!.reviewers;
  const users = [
    ...busiest.map((b) => rev.county[b.county_code]!),
    ...busiest.map((b) => rev.city[b.city_code]!),
    rev.province,
  ];
  const sessions = await createSessions(ctx.db, users);
  const s = (id: string) => sessions.get(id)!;
  const out: QueueVariant[] = [];
  for (const b of busiest) {
    out.push({ label: 'county mine', session: s(rev.county[b.county_code]!), query: 'scope=mine' });
    out.push({
      label: 'city all, kind+score filters',
      session: s(rev.city[b.city_code]!),
      query: 'scope=all&kind=update&scoreMin=60',
    });
    out.push({
      label: 'city mine, size filter',
      session: s(rev.city[b.city_code]!),
      query: 'scope=mine&smeSize=small',
    });
  }
  out.push({ label: 'province mine, industry', session: s(rev.province), query: 'scope=mine&industry=C34' });
  out.push({
    label: 'province all, qualified, newest first',
    session: s(rev.province),
    query: 'scope=all&qualified=true&sort=submitted_desc',
  });
  return out;
}

/** Walks a variant with pages of 100 to about `depth` rows and returns the cursor there (keyset, as the console does). */
async function deepCursor(
  ctx: BenchContext,
  v: QueueVariant,
  depth: number,
): Promise<{ cursor: string | null; rows: number }> {
  let cursor: string | null = null;
  let rows = 0;
  while (rows < depth) {
    const url: string = `${ctx.servers.urls[0]}/api/v1/review/queue?${v.query}&limit=100${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await fetch(url, { headers: authHeaders(v.session) });
    if (res.status !== 200) throw new Error(`queue walk ${res.status}: ${await res.text()}`);
    const page = (await res.json()) as { items: unknown[]; nextCursor: string | null };
    if (!page.nextCursor) break;
    rows += page.items.length;
    cursor = page.nextCursor;
  }
  return { cursor, rows };
}

export async function queue(ctx: BenchContext, filings: number): Promise<void> {
  const variants = await queueVariants(ctx);
  const amount = ctx.full ? 6000 : 2000;
  const maxSeconds = ctx.full ? 40 : 15;
  const first = cycle(variants);
  ctx.servers.resetPeak();
  const r1 = await runLoad({
    urls: ctx.servers.urls,
    connections: ctx.readConnections,
    amount,
    maxSeconds,
    next: (): Job => {
      const v = first();
      return { method: 'GET', path: `/api/v1/review/queue?${v.query}`, headers: authHeaders(v.session) };
    },
  });
  const sizeNote = `${filings.toLocaleString('en')} filings in the database`;
  ctx.report.add({
    name: 'queue first page',
    what: `GET /api/v1/review/queue (20 rows; ${variants.length} reviewer/filter variants), ${ctx.readConnections} connections, ${sizeNote}`,
    figures: figures(ctx, r1),
    ...healthBaseline(ctx),
    ratio: { label: 'queue p95 ÷ health p95', value: r1.p95 / (ctx.baselines.healthP95 ?? NaN) },
    targets: [target(`queue first page p95 (${sizeNote})`, r1.p95, '<=', 30, 'ms')],
    notes: r1.errorSamples,
  });

  const depth = ctx.full ? 5000 : 1000;
  const deep: { v: QueueVariant; cursor: string; rows: number }[] = [];
  for (const v of variants) {
    const c = await deepCursor(ctx, v, depth);
    if (c.cursor) deep.push({ v, cursor: c.cursor, rows: c.rows });
  }
  const avgDepth = deep.reduce((a, d) => a + d.rows, 0) / Math.max(1, deep.length);
  const nextDeep = cycle(deep);
  ctx.servers.resetPeak();
  const r2 = await runLoad({
    urls: ctx.servers.urls,
    connections: ctx.readConnections,
    amount,
    maxSeconds,
    next: (): Job => {
      const d = nextDeep();
      return {
        method: 'GET',
        path: `/api/v1/review/queue?${d.v.query}&cursor=${d.cursor}`,
        headers: authHeaders(d.v.session),
      };
    },
  });
  ctx.report.add({
    name: 'queue deep page',
    what: `GET /api/v1/review/queue with a keyset cursor ~${Math.round(avgDepth)} rows deep (max ${depth}; ${deep.length} variants), ${ctx.readConnections} connections, ${sizeNote}`,
    figures: { ...figures(ctx, r2), averageDepthRows: avgDepth },
    ...healthBaseline(ctx),
    ratio: { label: 'queue p95 ÷ health p95', value: r2.p95 / (ctx.baselines.healthP95 ?? NaN) },
    targets: [target(`queue deep page p95 (${sizeNote})`, r2.p95, '<=', 30, 'ms')],
    notes: r2.errorSamples,
  });
}

export async function reviewPage(ctx: BenchContext): Promise<void> {
  const rows = await countyPending(ctx, ctx.full ? 2000 : 400);
  const reviewers = ctx.generated!.reviewers.county;
  const sessions = await createSessions(
    ctx.db,
    rows.map((r) => reviewers[r.county_code]!),
  );
  const next = cycle(rows);
  ctx.servers.resetPeak();
  const r = await runLoad({
    urls: ctx.servers.urls,
    connections: ctx.readConnections,
    amount: ctx.full ? 5000 : 1500,
    maxSeconds: ctx.full ? 40 : 15,
    next: (): Job => {
      const row = next();
      return {
        method: 'GET',
        path: `/api/v1/review/filings/${row.id}`,
        headers: authHeaders(sessions.get(reviewers[row.county_code]!)!),
      };
    },
  });
  ctx.report.add({
    name: 'review page',
    what: `GET /api/v1/review/filings/:id (snapshot, history, flags, comparison; marks viewed, writes audit), ${ctx.readConnections} connections, ${rows.length} filings`,
    figures: figures(ctx, r),
    ...healthBaseline(ctx),
    ratio: { label: 'review page p95 ÷ health p95', value: r.p95 / (ctx.baselines.healthP95 ?? NaN) },
    targets: [],
    notes: r.errorSamples,
  });
}

export async function registry(ctx: BenchContext): Promise<void> {
  const recognised = await ctx.db.query<{ name: string; uscc: string }>(
    `select e.name, e.uscc from recognitions r join enterprises e on e.id = r.enterprise_id
     where r.status = 'valid' and r.valid_from <= now() and r.valid_to >= now()
     order by r.id limit 500`,
  );
  if (recognised.length === 0) throw new Error('no valid recognitions to look up');
  // Half by the full credit code, half by a name fragment (brand + trade, as people type it).
  const queries = recognised.flatMap((e) => [e.uscc, e.name.slice(-10, -4)]);
  const next = cycle(queries);
  let ip = 0;
  ctx.servers.resetPeak();
  const r = await runLoad({
    urls: ctx.servers.urls,
    connections: ctx.readConnections,
    amount: ctx.full ? 10_000 : 3000,
    maxSeconds: ctx.full ? 40 : 15,
    next: (): Job => {
      ip += 1;
      return {
        method: 'GET',
        path: `/api/v1/public/registry?q=${encodeURIComponent(next())}`,
        // Many members of the public: the per-IP rate limit (30/min) applies to each, not to the benchmark.
        headers: {
          'user-agent': 'bench',
          'x-forwarded-for': `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`,
        },
      };
    },
  });
  ctx.report.add({
    name: 'public registry lookup',
    what: `GET /api/v1/public/registry?q= (credit code or name fragment, no login), ${ctx.readConnections} connections`,
    figures: figures(ctx, r),
    ...healthBaseline(ctx),
    ratio: { label: 'registry p95 ÷ health p95', value: r.p95 / (ctx.baselines.healthP95 ?? NaN) },
    // Issue #15's target (its earlier 10 ms was the first pass's goal before the holders table).
    targets: [target('registry p95', r.p95, '<=', 20, 'ms')],
    notes: r.errorSamples,
  });
}
