/** Test names and, for a failed journey, what was still going on (see trace.ts); loaded only with E2E_TRACE. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { traced, traceLine } from './trace';

const ACTIVITY = `select pid, state, wait_event_type, wait_event, now() - xact_start, now() - query_start,
  left(regexp_replace(query, '\\s+', ' ', 'g'), 300) from pg_stat_activity
  where datname = current_database() and pid <> pg_backend_pid()`;
const LOCKS = 'select pid, locktype, relation::regclass, mode from pg_locks where not granted';

beforeEach((ctx) => traceLine(`TEST ${ctx.task.file.name} > ${ctx.task.name}`));

afterEach(async (ctx) => {
  const state = ctx.task.result?.state ?? 'unknown';
  traceLine(`END ${ctx.task.name} ${state}`);
  if (state !== 'fail') return;
  for (const waiting of traced.pending.values()) traceLine(`PENDING ${waiting}`);
  const url = process.env.E2E_DATABASE_URL;
  if (url) {
    for (const q of [ACTIVITY, LOCKS]) {
      try {
        traceLine(
          `SQL ${q.split(' from ')[1]?.split(/\s/)[0]}\n${execFileSync('psql', [url, '-Atc', q], { encoding: 'utf8' })}`,
        );
      } catch (err) {
        traceLine(`SQL failed: ${String(err)}`);
      }
    }
  }
  const dir = path.dirname(process.env.E2E_TRACE ?? '.');
  for (const [i, page] of traced.pages.entries()) {
    if (page.isClosed()) continue;
    const shot = path.join(dir, `failed-${ctx.task.id}-${i}.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
    traceLine(`SCREENSHOT ${shot} of ${page.url()}`);
  }
});
