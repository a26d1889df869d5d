/**
 * Issue #15, docs/adr/0035-queue-one-round-trip.md: a queue page is the session lookup (none when the session is
 * cached, docs/adr/0036-session-cache.md) and then one statement (the page), whatever the filters, the 批次 or the
 * depth; the campaigns come from the process's list (campaigns/list-cache.ts), which a campaign written through the
 * services drops at once. The statements are counted at the database driver (every statement the app sends passes
 * through its `query`), not timed.
 */
import { sql } from 'drizzle-orm';
import type { CampaignAdminView } from '../../../src/shared/schemas/campaign-admin-api';
import type { QueueResponse } from '../../../src/shared/schemas/review-api';
import type { TestClient } from '../../helpers/test-app';
import {
  expectStatus,
  insertSubmitted,
  newEnterprise,
  setupReview,
  YEAR,
  type ReviewFixture,
} from './helpers';

let f: ReviewFixture;
const KS = '320583';

beforeAll(async () => {
  f = await setupReview();
  for (let i = 0; i < 3; i += 1) {
    const e = await newEnterprise(f.t, KS);
    await insertSubmitted(f.t, {
      enterprise: e,
      countyCode: KS,
      submittedAt: new Date(`${YEAR}-03-01T0${i + 1}:00:00+08:00`),
    });
  }
  await insertSubmitted(f.t, {
    enterprise: await newEnterprise(f.t, KS),
    countyCode: KS,
    year: YEAR - 1,
    status: 'approved',
    submittedAt: new Date(`${YEAR - 1}-03-01T09:00:00+08:00`),
  });
});
afterAll(async () => {
  await f.t.close();
});

/** The driver under the app's Drizzle instance: the PGlite instance, or the pg pool. */
function driver(): { query: (...args: unknown[]) => unknown } {
  return (f.t.ctx.db as unknown as { session: { client: { query: (...args: unknown[]) => unknown } } })
    .session.client;
}

/** The SQL text of every statement sent to the database while `run` runs. */
async function statementsOf<T>(run: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const spy = vi.spyOn(driver(), 'query');
  try {
    const result = await run();
    const statements = spy.mock.calls.map(([q]) =>
      typeof q === 'string' ? q : String((q as { text?: unknown }).text),
    );
    return { result, statements };
  } finally {
    spy.mockRestore();
  }
}

async function page(client: TestClient, query: string) {
  return statementsOf(async () => {
    const res = await client.get(`/api/v1/review/queue?${query}`);
    expectStatus(res, 200);
    return res.json() as QueueResponse;
  });
}

/**
 * The statements of one queue request: the session lookup unless the process's session cache holds the session
 * (docs/adr/0036-session-cache.md; counted in accounts/session-cache.test.ts), then the page (and the campaigns when
 * named).
 */
function expectSessionThen(statements: string[], ...rest: ('campaigns' | 'page')[]): void {
  const after = statements[0]?.includes('from "sessions"') ? statements.slice(1) : statements;
  expect(after).toHaveLength(rest.length);
  rest.forEach((what, i) => {
    const text = after[i]!;
    if (what === 'page') {
      expect(text).toContain('"queue_rows"');
    } else {
      expect(text).toContain('from "campaigns"');
      expect(text).not.toContain('"filings"');
    }
  });
}

describe('a queue page is the session lookup and one statement', () => {
  it('for 待我审核, the region-wide list of the current, a chosen or every campaign, filters and a deep page', async () => {
    const client = f.p.ksCounty.client;
    await page(client, ''); // the process's campaign list is read once (or was read by an earlier request)
    for (const query of [
      '',
      'scope=all',
      `scope=all&campaign=${YEAR - 1}`,
      'scope=all&campaign=all',
      'scope=all&kind=entry&sort=score_desc&q=测试',
      'scope=all&status=county_review&submittedFrom=2023-01-01&countyCode=320583',
    ]) {
      const { statements } = await page(client, query);
      expectSessionThen(statements, 'page');
    }
    const first = await page(client, 'scope=all&limit=1');
    expect(first.result.items).toHaveLength(1);
    expect(first.result.nextCursor).not.toBeNull();
    const deep = await page(client, `scope=all&limit=1&cursor=${first.result.nextCursor}`);
    expect(deep.result.items).toHaveLength(1);
    expect(deep.result.items[0]!.id).not.toBe(first.result.items[0]!.id);
    expectSessionThen(deep.statements, 'page');
    const city = await page(f.p.szCity.client, 'scope=all');
    expectSessionThen(city.statements, 'page');
  });

  it('a campaign created through the service is in the next page at once (one read of the campaigns)', async () => {
    const client = f.p.ksCounty.client;
    await page(client, 'scope=all');
    const year = YEAR + 1;
    const res = await f.p.province.client.post('/api/v1/campaigns', {
      year,
      kindsOpen: ['entry', 'update'],
      filingOpensAt: `${year}-02-20T00:00:00+08:00`,
      filingClosesAt: `${year}-03-24T23:59:59+08:00`,
      countyReviewDeadline: `${year}-03-28T23:59:59+08:00`,
      cityReviewDeadline: `${year}-03-31T23:59:59+08:00`,
      listDeadline: `${year}-04-15T23:59:59+08:00`,
      standardId: 'innovative-sme-2022',
    });
    expect(res.statusCode).toBe(201);
    expect((res.json() as CampaignAdminView).year).toBe(year);

    const after = await page(client, 'scope=all');
    expectSessionThen(after.statements, 'campaigns', 'page');
    expect(after.result.campaigns.map((c) => c.year)).toContain(year);
    expect(after.result.campaign).toMatchObject({ year: YEAR, current: true });
    const again = await page(client, 'scope=all');
    expectSessionThen(again.statements, 'page');
    expect(again.result.campaigns.map((c) => c.year)).toContain(year);
  });

  it('a year the list lacks is read from the table before a 400 (a campaign created by another process)', async () => {
    const client = f.p.ksCounty.client;
    await page(client, 'scope=all');
    const year = YEAR - 7;
    // Written behind the services' back, as another process (or an operator) would.
    await f.t.ctx.db.execute(sql`insert into campaigns (year, name, kinds_open, filing_opens_at,
      filing_closes_at, county_review_deadline, city_review_deadline, list_deadline, standard_id)
      values (${year}, ${`${year}年度测试批次`}, '["entry"]'::jsonb, ${`${year}-02-20T00:00:00+08:00`}::timestamptz,
      ${`${year}-03-24T23:59:59+08:00`}::timestamptz, ${`${year}-03-28T23:59:59+08:00`}::timestamptz,
      ${`${year}-03-31T23:59:59+08:00`}::timestamptz, ${`${year}-04-15T23:59:59+08:00`}::timestamptz,
      'innovative-sme-2022')`);
    const chosen = await page(client, `scope=all&campaign=${year}`);
    expectSessionThen(chosen.statements, 'campaigns', 'page');
    expect(chosen.result.campaign).toMatchObject({ year, current: false });
    expect(chosen.result.items).toEqual([]);

    const missing = await statementsOf(() =>
      client.get(`/api/v1/review/queue?scope=all&campaign=${YEAR - 9}`),
    );
    expectStatus(missing.result, 400);
    expectSessionThen(missing.statements, 'campaigns');
  });
});
