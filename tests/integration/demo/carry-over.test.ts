/**
 * Issue 16 item 3: a demo 数据更新's figures agree with the enterprise's last approved filing for the years both
 * cover (the demo used to shift them by a year: 16 flags and "61 项变化" for one enterprise), and the comparison
 * counts only those years, with the dropped and the new year apart.
 */
import { DEMO_PASSWORD, seedDemoData } from '../../../src/server/demo';
import type { QueueResponse, ReviewDetail } from '../../../src/shared/schemas/review-api';
import { createTestApp, type TestApp, type TestClient } from '../../helpers/test-app';

let t: TestApp;
let county: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoData(t.ctx, t.app.log);
  county = t.client();
  const res = await county.post('/api/v1/auth/login', { username: 'ks_county', password: DEMO_PASSWORD });
  expect(res.statusCode).toBe(200);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('demo 数据更新 against last year’s approved filing', () => {
  it('agree on every year both filings cover; the window’s moved year is shown apart, not as a change', async () => {
    const queue = (await county.get('/api/v1/review/queue')).json() as QueueResponse;
    let compared = 0;
    for (const item of queue.items) {
      const d = (await county.get(`/api/v1/review/filings/${item.id}`)).json() as ReviewDetail;
      if (!d.comparison) continue;
      compared++;
      const prev = d.comparison.previousCampaignYear;
      const campaignYear = d.assessment.fiscalYear! + 1;
      // The window moved by the campaigns between the two filings: those years are apart.
      expect(d.comparison.droppedYears.length).toBe(campaignYear - prev);
      expect(d.comparison.newYears.length).toBe(campaignYear - prev);
      expect(d.comparison.apartFields.length).toBeGreaterThan(0);
      expect(d.comparison.apartFields.every((f) => !f.changed)).toBe(true);
      const opsChanged = d.comparison.fields.filter((f) => f.section === 'operations' && f.changed);
      expect(opsChanged.map((f) => f.label)).toEqual([]);
      expect(d.flags.filter((f) => f.code === 'year_figure_differs').map((f) => f.message)).toEqual([]);
    }
    expect(compared).toBeGreaterThan(0);
  });
});
