/**
 * Excel export of ~100,000 rows (province, scope=all, a submission-date range chosen to hold 100,000 rows):
 * time to the last byte and the server's peak RSS during the download — twice in a row from the same process
 * (issue #15: the heap one export grows must be given back, so the second peak is reported on its own). Baseline: reading the same rows'
 * queue columns straight from PostgreSQL with the pg driver (no HTTP, no xlsx).
 */
import type { BenchContext } from '../lib/context';
import { MB, target } from '../lib/report';
import { authHeaders, createSessions } from '../lib/sessions';

const ROWS = 100_000;

function shanghaiDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export async function excelExport(ctx: BenchContext): Promise<void> {
  // The submission day at which 100,000 submitted filings (oldest first) are reached.
  const [edge] = await ctx.db.query<{ first: Date; last: Date | null; total: number }>(
    `select (select min(submitted_at) from filings where status <> 'draft' and submitted_at is not null) as first,
            (select submitted_at from filings where status <> 'draft' and submitted_at is not null
               order by submitted_at, id offset ${ROWS - 1} limit 1) as last,
            (select count(*)::int from filings where status <> 'draft' and submitted_at is not null) as total`,
  );
  const from = shanghaiDay(edge!.first);
  // Whole days: the range ends on the day of the 100,000th row (so it holds a little over 100,000).
  const to = edge!.last ? shanghaiDay(edge!.last) : shanghaiDay(new Date());
  const [{ n: rows } = { n: 0 }] = await ctx.db.query<{ n: number }>(
    `select count(*)::int as n from filings where status <> 'draft' and submitted_at is not null
       and submitted_at >= $1::timestamptz and submitted_at < $2::timestamptz + interval '1 day'`,
    [`${from}T00:00:00+08:00`, `${to}T00:00:00+08:00`],
  );
  const province = ctx.generated!.reviewers.province;
  const sessions = await createSessions(ctx.db, [province]);
  const path = `/api/v1/review/export.xlsx?scope=all&submittedFrom=${from}&submittedTo=${to}`;

  // Baseline: the same rows' queue columns through the pg driver.
  const b0 = performance.now();
  await ctx.db.query(
    `select id, enterprise_name, uscc, county_code, city_code, kind, status, status_version, submitted_at,
            last_action_at, score_total, sme_size, direct_met, qualified, industry_code, county_viewed_at, city_viewed_at
     from filings where status <> 'draft' and submitted_at is not null
       and submitted_at >= $1::timestamptz and submitted_at < $2::timestamptz + interval '1 day'
     order by submitted_at, id`,
    [`${from}T00:00:00+08:00`, `${to}T00:00:00+08:00`],
  );
  const baselineSeconds = (performance.now() - b0) / 1000;

  const server = ctx.servers.servers[0]!;
  for (const run of [1, 2]) {
    server.resetPeak();
    const rssBefore = server.rss();
    const t0 = performance.now();
    const res = await fetch(`${server.url}${path}`, { headers: authHeaders(sessions.get(province)!) });
    let bytes = 0;
    let firstByte = 0;
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!firstByte) firstByte = performance.now() - t0;
      bytes += value.byteLength;
    }
    const seconds = (performance.now() - t0) / 1000;
    const peak = server.peakRss();
    const scale = rows / ROWS;
    ctx.report.add({
      name: run === 1 ? 'Excel export' : 'Excel export, again from the same process',
      what: `GET ${path} as the province: ${rows.toLocaleString('en')} rows (${edge!.total.toLocaleString('en')} submitted in the database)`,
      figures: {
        status: res.status,
        rows,
        seconds,
        firstByteMs: firstByte,
        sizeMB: bytes / MB,
        rowsPerSecond: rows / seconds,
        peakRssMB: peak / MB,
        rssBeforeMB: rssBefore / MB,
      },
      baseline: {
        label: 'SELECT of the same rows via pg (no HTTP, no xlsx)',
        value: baselineSeconds,
        unit: 's',
      },
      ratio: { label: 'export time ÷ raw SELECT time', value: seconds / baselineSeconds },
      targets: [
        target(
          `export time${scale < 0.95 ? ` (scaled to 100k rows from ${rows})` : ''}`,
          seconds / Math.min(1, scale || 1),
          '<=',
          10,
          's',
        ),
        target('export peak RSS of the server process', peak / MB, '<', 300, 'MB'),
      ],
      notes: res.status === 200 ? [] : [`status ${res.status}`],
    });
  }
}
