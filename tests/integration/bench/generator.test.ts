/**
 * The benchmark data generator (scripts/generate-data.ts) at a tiny size, on whichever database the suite runs
 * (PGlite or PostgreSQL): counts, spread over regions and statuses, valid credit codes, and that the app works on
 * the generated rows — a county reviewer's queue lists them, the review page opens, an enterprise saves a section
 * and submits a generated draft.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateData, type GenerateResult } from '../../../scripts/generate-data';
import { validateUscc } from '../../../src/shared/rules/uscc';
import { FILING_STATUSES } from '../../../src/shared/schemas/filing-api';
import type { QueueResponse } from '../../../src/shared/schemas/review-api';
import { loginAs } from '../../helpers/personas';
import { createTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
let g: GenerateResult;

const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  t.ctx.database.query<T>(text, params);

beforeAll(async () => {
  t = await createTestApp();
  g = await generateData(t.ctx.database, { enterprises: 300, now: t.clock.now(), batchSize: 200 });
});

afterAll(async () => {
  await t?.close();
});

describe('generate-data', () => {
  it('creates the requested enterprises, their users and consistent filings', async () => {
    expect(g.enterprises).toBe(300);
    const [counts] = await q<Record<string, number>>(
      `select (select count(*)::int from enterprises) as enterprises,
              (select count(*)::int from users where role = 'enterprise') as users,
              (select count(*)::int from filings) as filings,
              (select count(*)::int from filing_sections) as sections,
              (select count(*)::int from filing_history) as history,
              (select count(*)::int from files) as files,
              (select count(*)::int from filing_attachments) as attachments,
              (select count(*)::int from recognitions) as recognitions,
              (select count(*)::int from campaigns) as campaigns`,
    );
    expect(counts).toMatchObject({
      enterprises: 300,
      users: 300,
      filings: g.filings,
      sections: g.filings * 6,
      history: g.history,
      files: g.files,
      attachments: g.attachments,
      recognitions: g.recognitions,
      campaigns: 3,
    });
    // Entry then updates over three campaigns: more filings than enterprises, history at least one row each.
    expect(g.filings).toBeGreaterThan(300);
    expect(g.history).toBeGreaterThanOrEqual(g.filings);
    expect(g.recognitions).toBeGreaterThan(0);
    // Every submitted filing has its snapshot, region and verification code; drafts have none of them.
    const [bad] = await q<{ n: number }>(
      `select count(*)::int as n from filings where (status = 'draft') = (snapshot is not null or county_code is not null
         or verification_code is not null or submitted_at is not null)`,
    );
    expect(bad!.n).toBe(0);
    // A 数据更新 only follows an approved filing of an earlier campaign.
    const [orphanUpdates] = await q<{ n: number }>(
      `select count(*)::int as n from filings u join campaigns c on c.id = u.campaign_id where u.kind = 'update'
         and not exists (select 1 from filings p join campaigns pc on pc.id = p.campaign_id
                         where p.enterprise_id = u.enterprise_id and p.status = 'approved' and pc.year < c.year)`,
    );
    expect(orphanUpdates!.n).toBe(0);
  });

  it('spreads enterprises over all 13 cities and most counties, with valid credit codes', async () => {
    const cities = await q<{ city_code: string; n: number }>(
      `select city_code, count(*)::int as n from enterprises group by city_code`,
    );
    expect(cities).toHaveLength(13);
    const suzhou = cities.find((c) => c.city_code === '320500')!.n;
    const suqian = cities.find((c) => c.city_code === '321300')!.n;
    expect(suzhou).toBeGreaterThan(suqian); // weighted by size
    const [counties] = await q<{ n: number }>(
      `select count(distinct county_code)::int as n from enterprises`,
    );
    expect(counties!.n).toBeGreaterThan(60);
    const codes = await q<{ uscc: string; county_code: string }>(`select uscc, county_code from enterprises`);
    for (const c of codes) {
      const r = validateUscc(c.uscc);
      expect(r.valid && r.isEnterprise, c.uscc).toBe(true);
      expect(c.uscc.slice(2, 8)).toBe(c.county_code);
    }
    expect(new Set(codes.map((c) => c.uscc)).size).toBe(300);
  });

  it('spreads filings over every status, with live queues in the current campaign', async () => {
    for (const s of FILING_STATUSES) expect(g.byStatus[s] ?? 0, s).toBeGreaterThan(0);
    const current = g.campaigns.find((c) => c.current)!;
    const rows = await q<{ status: string; n: number }>(
      `select status, count(*)::int as n from filings where campaign_id = $1 group by status`,
      [current.id],
    );
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    expect(by.county_review).toBeGreaterThan(0);
    expect(by.city_review).toBeGreaterThan(0);
    expect(by.draft).toBeGreaterThan(0);
    // Earlier campaigns are settled: nothing waits for review there.
    const [stale] = await q<{ n: number }>(
      `select count(*)::int as n from filings where campaign_id <> $1 and status in ('county_review', 'city_review')`,
      [current.id],
    );
    expect(stale!.n).toBe(0);
  });

  it("a county reviewer's queue lists the generated filings and the review page opens", async () => {
    const [busiest] = await q<{ county_code: string; n: number }>(
      `select county_code, count(*)::int as n from filings where status = 'county_review'
       group by county_code order by count(*) desc, county_code limit 1`,
    );
    const reviewerId = g.reviewers.county[busiest!.county_code]!;
    expect(reviewerId).toBeTruthy();
    const reviewer = await loginAs(t, reviewerId);
    const res = await reviewer.get('/api/v1/review/queue?limit=100');
    expect(res.statusCode).toBe(200);
    const page = res.json() as QueueResponse;
    expect(page.items).toHaveLength(Math.min(100, busiest!.n));
    for (const item of page.items) {
      expect(item.countyCode).toBe(busiest!.county_code);
      expect(item.status).toBe('county_review');
      expect(item.allowedActions).toContain('county_approve');
    }
    const id = page.items[0]!.id;
    const detail = await reviewer.get(`/api/v1/review/filings/${id}`);
    expect(detail.statusCode).toBe(200);
    const body = detail.json() as Record<string, unknown>;
    expect(body.id).toBe(id);
    expect(body.countyCode).toBe(busiest!.county_code);
    expect(Object.keys(body.sections as object)).toEqual(
      expect.arrayContaining([
        'basic',
        'products',
        'operations',
        'innovation',
        'recognitions',
        'attachments',
      ]),
    );
    expect((body.attachments as unknown[]).length).toBeGreaterThan(0);
  });

  it('an enterprise saves a section of a generated draft and submits it', async () => {
    const current = g.campaigns.find((c) => c.current)!;
    const [draft] = await q<{ id: string; user_id: string; version: number; data: Record<string, unknown> }>(
      `select f.id, u.id as user_id, s.version, s.data from filings f
       join users u on u.enterprise_id = f.enterprise_id
       join filing_sections s on s.filing_id = f.id and s.section = 'operations'
       where f.campaign_id = $1 and f.status = 'draft'
         and exists (select 1 from filing_attachments a where a.filing_id = f.id)
       order by f.id limit 1`,
      [current.id],
    );
    expect(draft).toBeDefined();
    const owner = await loginAs(t, draft!.user_id);
    const saved = await owner.put(`/api/v1/filings/${draft!.id}/sections/operations`, {
      data: draft!.data,
      baseVersion: draft!.version,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: draft!.version + 1, complete: true, valid: true });
    const submitted = await owner.post(`/api/v1/filings/${draft!.id}/submit`, {
      declarations: { truthfulness: true, compliance: true },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ id: draft!.id, status: 'county_review' });
  });
});
