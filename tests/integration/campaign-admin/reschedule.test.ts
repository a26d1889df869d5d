/**
 * Editing a campaign's filing window re-plans its scheduled cycle jobs in the same transaction: pending
 * reminders follow the new dates, a reminder already sent is never sent again, a reminder whose new time has
 * passed is not sent retroactively, the obligations job runs even when the new opening has passed, and the
 * clearance proposal moves with the deadline + the grace period (15 days by default).
 */
import { and, eq, like } from 'drizzle-orm';
import {
  auditEvents,
  clearances,
  jobs,
  notifications,
  updateObligations,
} from '../../../src/server/db/schema';
import { ManualClock } from '../../../src/server/services/clock';
import { runDueJobs } from '../../../src/server/services/jobs';
import type { CampaignAdminView } from '../../../src/shared/schemas/campaign-admin-api';
import { createPersonas, loginAs, setDbStatus, type Personas } from '../../helpers/personas';
import { createTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
let clock: ManualClock;
let p: Personas;
let enterpriseId: string;

beforeAll(async () => {
  clock = new ManualClock('2030-02-01T10:00:00+08:00');
  t = await createTestApp({ clock });
  p = await createPersonas(t);
  enterpriseId = p.ksEnterprise.enterpriseId!;
  await setDbStatus(t, enterpriseId, 'in_db');
});
afterAll(async () => {
  await t.close();
});

const WINDOW_2030 = {
  year: 2030,
  kindsOpen: ['entry', 'update'],
  filingOpensAt: '2030-02-20T00:00:00+08:00',
  filingClosesAt: '2030-03-24T23:59:59+08:00',
  countyReviewDeadline: '2030-03-28T23:59:59+08:00',
  cityReviewDeadline: '2030-03-31T23:59:59+08:00',
  listDeadline: '2030-04-15T23:59:59+08:00',
  standardId: 'innovative-sme-2022',
};

async function createCampaign(body: Record<string, unknown>): Promise<string> {
  const res = await p.province.client.post('/api/v1/campaigns', body);
  expect(res.statusCode).toBe(201);
  return (res.json() as CampaignAdminView).id;
}

/** The province edits the campaign now (a new session: moving the clock by weeks ends idle ones). */
async function edit(id: string, patch: Record<string, unknown>): Promise<void> {
  await loginAs(t, p.province.userId, p.province.client);
  const res = await p.province.client.request('PATCH', `/api/v1/campaigns/${id}`, { json: patch });
  expect(res.statusCode).toBe(200);
}

/** The campaign's cycle jobs by dedupe key (the per-enterprise SMS jobs left out). */
async function cycleJobs(campaignId: string) {
  const rows = await t.ctx.db.select().from(jobs);
  const keys = [
    ...['opening', 'halfway', 'before_7d', 'before_1d'].map((s) => `remind:${campaignId}:${s}`),
    `obligations:${campaignId}`,
    `propose:${campaignId}`,
  ];
  return new Map(rows.filter((r) => keys.includes(r.dedupeKey ?? '')).map((r) => [r.dedupeKey!, r]));
}

function runAts(m: Awaited<ReturnType<typeof cycleJobs>>): Record<string, string> {
  return Object.fromEntries([...m].map(([k, r]) => [k, r.runAt.toISOString()]));
}

/** The reminder messages the enterprise received for a stage of the campaign. */
async function messages(campaignId: string, stage: string) {
  return t.ctx.db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, p.ksEnterprise.userId),
        eq(notifications.dedupeKey, `remind:${campaignId}:${stage}:${enterpriseId}`),
      ),
    );
}

/** The reminder SMS jobs queued for a stage of the campaign (one per enterprise). */
async function smsJobs(campaignId: string, stage: string) {
  return t.ctx.db
    .select()
    .from(jobs)
    .where(like(jobs.dedupeKey, `remind:${campaignId}:${stage}:%`));
}

async function run(at: string): Promise<void> {
  clock.set(at);
  await runDueJobs(t.ctx, { limit: 500 });
}

describe('a later opening moved into the past', () => {
  it('runs the obligations job at once, but sends no retroactive opening reminder', async () => {
    const id = await createCampaign({
      ...WINDOW_2030,
      year: 2031,
      filingOpensAt: '2030-02-10T00:00:00+08:00',
      filingClosesAt: '2030-03-31T23:59:59+08:00',
      countyReviewDeadline: '2030-04-03T23:59:59+08:00',
      cityReviewDeadline: '2030-04-05T23:59:59+08:00',
    });
    await runDueJobs(t.ctx); // cycle.schedule plans the campaign
    const before = await cycleJobs(id);
    expect(before.get(`obligations:${id}`)!.runAt.toISOString()).toBe('2030-02-09T16:00:00.000Z');
    expect(before.get(`remind:${id}:opening`)!.runAt.toISOString()).toBe('2030-02-10T01:00:00.000Z');

    // At 10:00 the province opens the window from 08:00 today: the 09:00 opening reminder has passed.
    await edit(id, { filingOpensAt: '2030-02-01T08:00:00+08:00' });
    const after = await cycleJobs(id);
    expect(after.has(`remind:${id}:opening`)).toBe(false);
    expect(after.get(`obligations:${id}`)!.runAt.toISOString()).toBe('2030-02-01T00:00:00.000Z');
    const [audited] = await t.ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'campaign.update'), eq(auditEvents.targetId, id)));
    expect(audited!.details).toMatchObject({
      jobs: {
        cancelled: [{ dedupeKey: `remind:${id}:opening`, from: '2030-02-10T01:00:00.000Z', to: null }],
        moved: expect.arrayContaining([
          {
            dedupeKey: `obligations:${id}`,
            from: '2030-02-09T16:00:00.000Z',
            to: '2030-02-01T00:00:00.000Z',
          },
        ]),
      },
    });

    await runDueJobs(t.ctx);
    expect((await cycleJobs(id)).get(`obligations:${id}`)!.doneAt).not.toBeNull();
    const owed = await t.ctx.db
      .select()
      .from(updateObligations)
      .where(and(eq(updateObligations.campaignId, id), eq(updateObligations.enterpriseId, enterpriseId)));
    expect(owed).toHaveLength(1);
    expect(await messages(id, 'opening')).toHaveLength(0);
    expect(await smsJobs(id, 'opening')).toHaveLength(0);
  });
});

describe('moving the filing deadline', () => {
  let id: string;

  it('plans the reminders, the obligations record and the clearance proposal from the created dates', async () => {
    clock.set('2030-02-01T10:00:00+08:00');
    id = await createCampaign(WINDOW_2030);
    await runDueJobs(t.ctx);
    expect(runAts(await cycleJobs(id))).toEqual({
      [`remind:${id}:opening`]: '2030-02-20T01:00:00.000Z',
      [`remind:${id}:halfway`]: '2030-03-08T01:00:00.000Z',
      [`remind:${id}:before_7d`]: '2030-03-17T01:00:00.000Z',
      [`remind:${id}:before_1d`]: '2030-03-23T01:00:00.000Z',
      [`obligations:${id}`]: '2030-02-19T16:00:00.000Z',
      // The end of 24 March (Asia/Shanghai) + 15 days.
      [`propose:${id}`]: '2030-04-08T16:00:00.000Z',
    });
  });

  it('a later deadline moves the pending jobs; the reminders already sent stay done and are not sent again', async () => {
    await run('2030-03-08T10:00:00+08:00');
    expect(await messages(id, 'opening')).toHaveLength(1);
    expect(await messages(id, 'halfway')).toHaveLength(1);
    const sent = await cycleJobs(id);
    const halfwayDoneAt = sent.get(`remind:${id}:halfway`)!.doneAt!;
    expect(halfwayDoneAt).not.toBeNull();

    // A month more: halfway now falls on 26 March, after it was sent.
    await edit(id, {
      filingClosesAt: '2030-04-30T23:59:59+08:00',
      countyReviewDeadline: '2030-05-03T23:59:59+08:00',
      cityReviewDeadline: '2030-05-05T23:59:59+08:00',
      listDeadline: '2030-05-15T23:59:59+08:00',
    });
    const moved = await cycleJobs(id);
    expect(runAts(moved)).toEqual({
      [`remind:${id}:opening`]: '2030-02-20T01:00:00.000Z',
      [`remind:${id}:halfway`]: '2030-03-08T01:00:00.000Z',
      [`remind:${id}:before_7d`]: '2030-04-23T01:00:00.000Z',
      [`remind:${id}:before_1d`]: '2030-04-29T01:00:00.000Z',
      [`obligations:${id}`]: '2030-02-19T16:00:00.000Z',
      [`propose:${id}`]: '2030-05-15T16:00:00.000Z',
    });
    expect(moved.get(`remind:${id}:halfway`)!.doneAt).toEqual(halfwayDoneAt);
    expect(moved.get(`remind:${id}:before_7d`)!.doneAt).toBeNull();

    // The new halfway day comes: nothing is sent twice; the old 7-day instant passes without a reminder.
    await run('2030-03-26T10:00:00+08:00');
    expect(await messages(id, 'halfway')).toHaveLength(1);
    expect(await smsJobs(id, 'halfway')).toHaveLength(1);
    expect(await messages(id, 'before_7d')).toHaveLength(0);
    expect((await cycleJobs(id)).get(`remind:${id}:halfway`)!.doneAt).toEqual(halfwayDoneAt);
  });

  it('an earlier deadline drops the reminder whose new time has passed and moves the rest', async () => {
    // On 26 March the deadline becomes 1 April: 7 days before is 25 March (passed), 1 day before 31 March.
    await edit(id, {
      filingClosesAt: '2030-04-01T23:59:59+08:00',
      countyReviewDeadline: '2030-04-03T23:59:59+08:00',
      cityReviewDeadline: '2030-04-05T23:59:59+08:00',
      listDeadline: '2030-04-15T23:59:59+08:00',
    });
    const now = await cycleJobs(id);
    expect(now.has(`remind:${id}:before_7d`)).toBe(false);
    expect(now.get(`remind:${id}:before_1d`)!.runAt.toISOString()).toBe('2030-03-31T01:00:00.000Z');
    expect(now.get(`propose:${id}`)!.runAt.toISOString()).toBe('2030-04-16T16:00:00.000Z');

    await runDueJobs(t.ctx);
    expect(await messages(id, 'before_7d')).toHaveLength(0);
    expect(await smsJobs(id, 'before_7d')).toHaveLength(0);

    await run('2030-03-31T09:00:00+08:00');
    const [last] = await messages(id, 'before_1d');
    expect(last!.title).toContain('2030年4月1日');
    await run('2030-03-31T12:00:00+08:00');
    expect(await messages(id, 'before_1d')).toHaveLength(1);
  });

  it('the clearance proposal runs at the new deadline + the grace period', async () => {
    await run('2030-04-16T23:59:00+08:00');
    expect((await cycleJobs(id)).get(`propose:${id}`)!.doneAt).toBeNull();
    expect(await t.ctx.db.select().from(clearances).where(eq(clearances.campaignId, id))).toHaveLength(0);

    await run('2030-04-17T00:00:00+08:00');
    expect((await cycleJobs(id)).get(`propose:${id}`)!.doneAt).not.toBeNull();
    const proposed = await t.ctx.db
      .select()
      .from(clearances)
      .where(and(eq(clearances.campaignId, id), eq(clearances.enterpriseId, enterpriseId)));
    expect(proposed).toHaveLength(1);
    expect(proposed[0]!.status).toBe('proposed');
  });
});
