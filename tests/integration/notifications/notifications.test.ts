import { and, eq, like } from 'drizzle-orm';
import { filingHistory, filings, jobs, notifications, smsOutbox, users } from '../../../src/server/db/schema';
import { ensureDefaultCampaign } from '../../../src/server/modules/campaigns/service';
import {
  digestCutoff,
  digestDayFor,
  handleNotifyFiling,
} from '../../../src/server/modules/notifications/handlers';
import { enqueueFilingNotification } from '../../../src/server/modules/review/notify';
import { ManualClock } from '../../../src/server/services/clock';
import { enqueue, runDueJobs } from '../../../src/server/services/jobs';
import { expectEveryLinkOpensAPage } from '../../helpers/links';
import type { SmsProvider } from '../../../src/server/services/sms';
import {
  JOB_KINDS,
  notifyFilingDedupeKey,
  type NotifyFilingPayload,
} from '../../../src/shared/schemas/notifications-api';
import { createPersonas, loginAs, type Persona, type Personas } from '../../helpers/personas';
import type { TestClient } from '../../helpers/test-app';
import { createTestApp, type TestApp } from '../../helpers/test-app';

// 2023-03-27 10:00 in Shanghai: county review in full swing.
const START = '2023-03-27T10:00:00+08:00';
let t: TestApp;
let clock: ManualClock;
let p: Personas;
const CITY_MOBILE = '13900000001';

beforeAll(async () => {
  clock = new ManualClock(START);
  t = await createTestApp({ clock });
  p = await createPersonas(t);
  await t.ctx.db.update(users).set({ mobile: CITY_MOBILE }).where(eq(users.id, p.szCity.userId));
});
afterAll(async () => {
  await t.close();
});

let seq = 0;
/** A submitted filing of the persona's enterprise, in a status, with one history row of the action. */
async function filingWithAction(
  who: Persona,
  f: { status: string; countyCode?: string; kind?: string },
  h: { action: string; level: string; reason?: string; details?: Record<string, unknown> },
): Promise<{ filingId: string; historyId: number }> {
  seq += 1;
  // One filing of a kind per enterprise and campaign: each test filing gets a campaign of its own.
  const campaign = await ensureDefaultCampaign(t.ctx, 2030 + seq);
  const [filing] = await t.ctx.db
    .insert(filings)
    .values({
      enterpriseId: who.enterpriseId!,
      campaignId: campaign.id,
      kind: f.kind ?? 'entry',
      status: f.status,
      countyCode: f.countyCode ?? '320583',
      cityCode: '320500',
      enterpriseName: who.displayName,
      uscc: `TEST${seq}`,
      submittedAt: clock.now(),
    })
    .returning({ id: filings.id });
  const [history] = await t.ctx.db
    .insert(filingHistory)
    .values({
      filingId: filing!.id,
      at: clock.now(),
      action: h.action,
      level: h.level,
      fromStatus: 'county_review',
      toStatus: f.status,
      reason: h.reason ?? null,
      details: h.details ?? null,
    })
    .returning({ id: filingHistory.id });
  return { filingId: filing!.id, historyId: history!.id };
}

async function notify(payload: NotifyFilingPayload): Promise<void> {
  await enqueue(t.ctx.db, {
    kind: JOB_KINDS.notifyFiling,
    payload: { ...payload },
    dedupeKey: notifyFilingDedupeKey(Number(payload.historyId)),
    runAt: clock.now(),
  });
}

async function smsTo(mobile: string) {
  return t.ctx.db.select().from(smsOutbox).where(eq(smsOutbox.mobile, mobile)).orderBy(smsOutbox.id);
}

async function messagesOf(userId: string, dedupePrefix = '') {
  return t.ctx.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), like(notifications.dedupeKey, `${dedupePrefix}%`)))
    .orderBy(notifications.id);
}

async function contactMobile(persona: Persona): Promise<string> {
  const [u] = await t.ctx.db.select({ mobile: users.mobile }).from(users).where(eq(users.id, persona.userId));
  return u!.mobile!;
}

describe('notify.filing', () => {
  it('a return sends the enterprise exactly one SMS and one in-app message, even when run twice', async () => {
    const reason = '研发费用明细与财务报表不一致，请核对后补充说明';
    const { filingId, historyId } = await filingWithAction(
      p.ksEnterprise,
      { status: 'returned' },
      { action: 'county_return', level: 'county', reason },
    );
    // Enqueued the way the review module does it, inside the action's transaction.
    await t.ctx.db.transaction((tx) =>
      enqueueFilingNotification(tx, { filingId, event: 'county_return', historyId }, clock.now()),
    );
    const payload = { filingId, event: 'county_return', historyId } as const;
    // The handler run twice directly (a retry after a crash), and the job itself.
    await handleNotifyFiling(t.ctx, payload);
    await handleNotifyFiling(t.ctx, payload);
    await runDueJobs(t.ctx);
    await runDueJobs(t.ctx);

    const mobile = await contactMobile(p.ksEnterprise);
    const sms = await smsTo(mobile);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.template).toBe('filing_returned');
    expect(sms[0]!.body).toContain('已被退回修改，请登录平台查看退回原因');
    // The SMS carries no reason: only a prompt to log in.
    expect(sms[0]!.body).not.toContain('研发费用');

    const messages = await messagesOf(p.ksEnterprise.userId, `filing:${filingId}:`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      title: '填报被退回，请修改后重新提交',
      link: `/qiye/filings/${filingId}`,
      readAt: null,
    });
    expect(messages[0]!.body).toContain('苏州市昆山市工信部门退回修改');
    expect(messages[0]!.body).toContain(`退回原因：${reason}`);
    // The other enterprise heard nothing.
    expect(await messagesOf(p.wjEnterprise.userId, `filing:${filingId}:`)).toHaveLength(0);
    const [job] = await t.ctx.db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `notify:${historyId}`));
    expect(job).toMatchObject({ attempts: 1, lastError: null });
  });

  it('approvals, refusals and transfers each have their own SMS and message', async () => {
    const mobile = await contactMobile(p.wjEnterprise);
    const before = (await smsTo(mobile)).length;
    const approved = await filingWithAction(
      p.wjEnterprise,
      { status: 'approved', countyCode: '320509' },
      { action: 'city_approve', level: 'city' },
    );
    await notify({ ...approved, event: 'city_approve' });
    const refused = await filingWithAction(
      p.wjEnterprise,
      { status: 'refused', countyCode: '320509' },
      { action: 'refuse', level: 'city', reason: '不符合入库条件' },
    );
    await notify({ ...refused, event: 'refuse' });
    await runDueJobs(t.ctx);
    const sms = (await smsTo(mobile)).slice(before);
    expect(sms.map((s) => s.template).sort()).toEqual(['filing_approved', 'filing_refused']);
    const titles = (await messagesOf(p.wjEnterprise.userId, 'filing:')).map((m) => m.title);
    expect(titles).toEqual(expect.arrayContaining(['填报审核通过', '填报未通过审核']));
    const refusal = (await messagesOf(p.wjEnterprise.userId, `filing:${refused.filingId}:`))[0]!;
    expect(refusal.body).toContain('未通过苏州市工信部门审核');
    expect(refusal.body).toContain('原因：不符合入库条件');
  });

  it('a transfer tells the enterprise and the reviewers of the new county, not the old one', async () => {
    const { filingId, historyId } = await filingWithAction(
      p.ksEnterprise,
      { status: 'county_review', countyCode: '320509' },
      {
        action: 'transfer',
        level: 'county',
        reason: '企业注册地在吴江区',
        details: { fromCountyCode: '320583', toCountyCode: '320509' },
      },
    );
    await notify({ filingId, historyId, event: 'transfer' });
    await runDueJobs(t.ctx);
    const arrival = await messagesOf(p.wjCounty.userId, `arrival:${filingId}:`);
    expect(arrival).toHaveLength(1);
    expect(arrival[0]!.title).toBe(`新到待审核：${p.ksEnterprise.displayName}`);
    expect(arrival[0]!.body).toContain('转交原因：企业注册地在吴江区');
    expect(arrival[0]!.link).toBe(`/gov/reviews/${filingId}`);
    expect(await messagesOf(p.ksCounty.userId, `arrival:${filingId}:`)).toHaveLength(0);
    const toEnterprise = await messagesOf(p.ksEnterprise.userId, `filing:${filingId}:`);
    expect(toEnterprise[0]!.body).toContain('已转交苏州市吴江区工信部门审核');
    const sms = await smsTo(await contactMobile(p.ksEnterprise));
    expect(sms[sms.length - 1]!.template).toBe('filing_transferred');
  });

  it('a county approval reaches the city reviewers, with a daily digest at 18:00', async () => {
    clock.set('2023-03-28T09:30:00+08:00');
    const a = await filingWithAction(
      p.ksEnterprise,
      { status: 'city_review' },
      { action: 'county_approve', level: 'county' },
    );
    const b = await filingWithAction(
      p.wjEnterprise,
      { status: 'city_review', countyCode: '320509' },
      { action: 'county_approve', level: 'county' },
    );
    await notify({ ...a, event: 'county_approve' });
    await notify({ ...b, event: 'county_approve' });
    await runDueJobs(t.ctx);

    const arrivals = await messagesOf(p.szCity.userId, 'arrival:');
    expect(arrivals.map((m) => m.link)).toEqual([`/gov/reviews/${a.filingId}`, `/gov/reviews/${b.filingId}`]);
    expect(arrivals[0]!.body).toContain('苏州市昆山市工信部门已审核通过');
    // The enterprise hears of it in the app only.
    expect((await messagesOf(p.ksEnterprise.userId, `filing:${a.filingId}:`))[0]!.title).toBe(
      '县区审核已通过',
    );
    expect((await smsTo(await contactMobile(p.ksEnterprise))).some((s) => s.body.includes('县区'))).toBe(
      false,
    );

    // One digest job for the reviewer and the day, due at 18:00.
    const day = digestDayFor(clock.now());
    expect(day).toBe('2023-03-28');
    const digestJobs = await t.ctx.db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `digest.reviewer:${p.szCity.userId}:${day}`));
    expect(digestJobs).toHaveLength(1);
    expect(digestJobs[0]!.runAt).toEqual(digestCutoff(day));
    expect(await messagesOf(p.szCity.userId, 'digest:')).toHaveLength(0);

    clock.set('2023-03-28T18:00:00+08:00');
    await runDueJobs(t.ctx);
    await runDueJobs(t.ctx);
    const digest = await messagesOf(p.szCity.userId, 'digest:');
    expect(digest).toHaveLength(1);
    expect(digest[0]!.title).toBe('今日新到待审核 2 件');
    expect(digest[0]!.body).toContain('当前共有 2 件待本单位审核');
    const citySms = await smsTo(CITY_MOBILE);
    expect(citySms).toHaveLength(1);
    expect(citySms[0]!.body).toContain('今日新到待审核 2 件');
    // The county reviewers had no arrivals that day: no digest.
    expect(await messagesOf(p.ksCounty.userId, 'digest:')).toHaveLength(0);
  });

  it('an arrival after 18:00 counts in the next day’s digest', () => {
    expect(digestDayFor(new Date('2023-03-28T17:59:59+08:00'))).toBe('2023-03-28');
    expect(digestDayFor(new Date('2023-03-28T18:00:00+08:00'))).toBe('2023-03-29');
    expect(digestDayFor(new Date('2023-03-31T23:00:00+08:00'))).toBe('2023-04-01');
  });

  it('a return to the county reaches the county reviewers only', async () => {
    clock.set('2023-03-29T10:00:00+08:00');
    const r = await filingWithAction(
      p.ksEnterprise,
      { status: 'county_review' },
      { action: 'city_return_to_county', level: 'city', reason: '请县区核实企业注册地' },
    );
    await notify({ ...r, event: 'city_return_to_county' });
    await runDueJobs(t.ctx);
    const m = await messagesOf(p.ksCounty.userId, `arrival:${r.filingId}:`);
    expect(m).toHaveLength(1);
    expect(m[0]!.title).toBe(`设区市退回重审：${p.ksEnterprise.displayName}`);
    expect(m[0]!.body).toContain('退回原因：请县区核实企业注册地');
    expect(await messagesOf(p.ksEnterprise.userId, `filing:${r.filingId}:`)).toHaveLength(0);
    expect(await messagesOf(p.wjCounty.userId, `arrival:${r.filingId}:`)).toHaveLength(0);
  });

  it('an SMS gateway failure is retried later and never undoes the in-app message', async () => {
    const original = t.ctx.sms;
    let attempts = 0;
    const failing: SmsProvider = {
      send: async () => {
        attempts += 1;
        throw new Error('SMS gateway unavailable');
      },
    };
    t.ctx.sms = failing;
    try {
      const r = await filingWithAction(
        p.wjEnterprise,
        { status: 'returned', countyCode: '320509' },
        { action: 'county_return', level: 'county', reason: '请补充知识产权证明' },
      );
      await notify({ ...r, event: 'county_return' });
      const mobile = await contactMobile(p.wjEnterprise);
      const before = (await smsTo(mobile)).length;
      const run = await runDueJobs(t.ctx);
      expect(run).toMatchObject({ ran: 2, succeeded: 1, failed: 1, gaveUp: 0 });
      expect(attempts).toBe(1);
      expect(await messagesOf(p.wjEnterprise.userId, `filing:${r.filingId}:`)).toHaveLength(1);
      const [smsJob] = await t.ctx.db
        .select()
        .from(jobs)
        .where(eq(jobs.dedupeKey, `sms:filing:${r.filingId}:returned:${r.historyId}`));
      expect(smsJob!.lastError).toContain('SMS gateway unavailable');

      t.ctx.sms = original;
      clock.advance(30_000);
      await runDueJobs(t.ctx);
      await runDueJobs(t.ctx);
      const sms = (await smsTo(mobile)).slice(before);
      expect(sms.map((s) => s.template)).toEqual(['filing_returned']);
    } finally {
      t.ctx.sms = original;
    }
  });

  it('a malformed payload or a missing filing fails the job without retries', async () => {
    await enqueue(t.ctx.db, {
      kind: JOB_KINDS.notifyFiling,
      payload: { filingId: 'nope', event: 'county_return' },
    });
    await enqueue(t.ctx.db, {
      kind: JOB_KINDS.notifyFiling,
      payload: { filingId: '00000000-0000-4000-8000-000000000000', event: 'county_return', historyId: 1 },
    });
    const r = await runDueJobs(t.ctx);
    expect(r).toMatchObject({ ran: 2, gaveUp: 2 });
  });
});

describe('every link of every notification opens a page (issue 16 item 7)', () => {
  it('the in-app messages and the SMS of returns, approvals, refusals, transfers and digests', async () => {
    const { messages, sms } = await expectEveryLinkOpensAPage(t.ctx.db, t.ctx.config.publicBaseUrl);
    // The enterprise's SMS of each review step carry the filing's page; the in-app messages cover both sides.
    expect(new Set(sms.map((x) => x.template))).toEqual(
      new Set(['filing_returned', 'filing_approved', 'filing_refused', 'filing_transferred']),
    );
    expect(sms.every((x) => /^\/qiye\/filings\/[0-9a-f-]{36}$/.test(x.path))).toBe(true);
    expect(messages.some((m) => m.link.startsWith('/qiye/filings/'))).toBe(true);
    expect(messages.some((m) => m.link.startsWith('/gov/reviews'))).toBe(true);
  });

  it('the reviewer sees on the filing’s history that the enterprise was told (message and SMS status)', async () => {
    const [msg] = await t.ctx.db
      .select()
      .from(notifications)
      .where(like(notifications.dedupeKey, 'filing:%:returned:%'))
      .limit(1);
    const [, filingId, , historyId] = msg!.dedupeKey!.split(':');
    const [f] = await t.ctx.db.select().from(filings).where(eq(filings.id, filingId!));
    const who = f!.countyCode === '320583' ? p.ksCounty : p.wjCounty;
    const reviewer = await loginAs(t, who.userId, who.client);
    const res = await reviewer.get(`/api/v1/review/filings/${filingId}`);
    expect(res.statusCode).toBe(200);
    const h = (res.json().history as { id: number; notice: unknown }[]).find(
      (x) => x.id === Number(historyId),
    );
    expect(h!.notice).toEqual({
      messages: expect.any(Number),
      sms: expect.objectContaining({
        status: 'sent',
        statusLabel: '已发送',
        mobile: expect.stringMatching(/^1\d\d\*{4}\d{4}$/),
      }),
    });
    expect((h!.notice as { messages: number }).messages).toBeGreaterThan(0);
    // A step that tells the enterprise nothing (the submission) has no notice.
    const submit = (res.json().history as { action: string; notice: unknown }[]).find(
      (x) => x.action === 'submit',
    );
    expect(submit?.notice ?? null).toBeNull();
  });
});

describe('the message centre API', () => {
  // The clock moved on by days above: fresh sessions.
  let province: TestClient;
  let admin: TestClient;
  let ksEnterprise: TestClient;
  let wjEnterprise: TestClient;
  let ksCounty: TestClient;
  beforeAll(async () => {
    province = await loginAs(t, p.province.userId);
    admin = await loginAs(t, p.admin.userId);
    ksEnterprise = await loginAs(t, p.ksEnterprise.userId);
    wjEnterprise = await loginAs(t, p.wjEnterprise.userId);
    ksCounty = await loginAs(t, p.ksCounty.userId);
  });

  async function seedMessages(userId: string, n: number, prefix: string): Promise<void> {
    for (let i = 0; i < n; i++) {
      clock.advance(1000);
      await t.ctx.db.insert(notifications).values({
        userId,
        title: `${prefix} ${i}`,
        body: '正文',
        link: null,
        dedupeKey: `${prefix}:${i}`,
        createdAt: clock.now(),
      });
    }
  }

  it('lists my messages newest first with a keyset cursor, and counts the unread', async () => {
    await seedMessages(p.province.userId, 5, 'api-list');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/notifications?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await province.get(url);
      expect(res.statusCode).toBe(200);
      const body = res.json() as {
        items: { title: string }[];
        nextCursor: string | null;
        unreadCount: number;
      };
      expect(body.items.length).toBeLessThanOrEqual(2);
      expect(body.unreadCount).toBe(5);
      seen.push(...body.items.map((i) => i.title));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['api-list 4', 'api-list 3', 'api-list 2', 'api-list 1', 'api-list 0']);
    const count = await province.get('/api/v1/notifications/unread-count');
    expect(count.json()).toEqual({ count: 5 });
  });

  it('marks one read (idempotently) and then all; unread filter', async () => {
    await seedMessages(p.admin.userId, 3, 'api-read');
    const me = { client: admin };
    const list = (await me.client.get('/api/v1/notifications')).json() as { items: { id: number }[] };
    const first = list.items[0]!.id;
    const r1 = await me.client.post(`/api/v1/notifications/${first}/read`);
    expect(r1.statusCode).toBe(200);
    expect(r1.json()).toMatchObject({
      item: { id: first, readAt: clock.now().toISOString() },
      unreadCount: 2,
    });
    clock.advance(60_000);
    const r2 = await me.client.post(`/api/v1/notifications/${first}/read`);
    // Marking again keeps the first read time.
    expect(r2.json()).toMatchObject({ item: { readAt: r1.json().item.readAt }, unreadCount: 2 });

    const unread = (await me.client.get('/api/v1/notifications?unread=true')).json() as {
      items: { id: number }[];
    };
    expect(unread.items.map((i) => i.id)).not.toContain(first);
    expect(unread.items).toHaveLength(2);

    const all = await me.client.post('/api/v1/notifications/read-all');
    expect(all.json()).toEqual({ updated: 2, unreadCount: 0 });
    expect((await me.client.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 0 });
  });

  it('another user can neither read nor mark my messages (NOT_FOUND)', async () => {
    const mine = await messagesOf(p.ksEnterprise.userId, 'filing:');
    const id = mine[0]!.id;
    const other = await wjEnterprise.post(`/api/v1/notifications/${id}/read`);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('NOT_FOUND');
    const reviewer = await ksCounty.post(`/api/v1/notifications/${id}/read`);
    expect(reviewer.statusCode).toBe(404);
    const [still] = await t.ctx.db.select().from(notifications).where(eq(notifications.id, id));
    expect(still!.readAt).toBeNull();
    const list = (await wjEnterprise.get('/api/v1/notifications?limit=100')).json() as {
      items: { id: number }[];
    };
    expect(list.items.map((i) => i.id)).not.toContain(id);
    // read-all marks only one's own.
    await wjEnterprise.post('/api/v1/notifications/read-all');
    const [after] = await t.ctx.db.select().from(notifications).where(eq(notifications.id, id));
    expect(after!.readAt).toBeNull();
    expect((await wjEnterprise.post('/api/v1/notifications/999999999/read')).statusCode).toBe(404);
  });

  it('requires a login and rejects bad parameters', async () => {
    expect((await p.anonymous.get('/api/v1/notifications')).statusCode).toBe(401);
    expect((await p.anonymous.get('/api/v1/notifications/unread-count')).statusCode).toBe(401);
    expect((await p.anonymous.post('/api/v1/notifications/read-all')).statusCode).toBe(401);
    const bad = await ksEnterprise.get('/api/v1/notifications?cursor=abc&limit=500');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fieldErrors).toMatchObject({ cursor: expect.any(String), limit: '每页最多 100 条' });
    expect((await ksEnterprise.post('/api/v1/notifications/x1/read')).statusCode).toBe(400);
  });

  it('test mode runs due jobs on request (for end-to-end journeys)', async () => {
    const res = await p.anonymous.post('/api/v1/test/jobs/run');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ran: expect.any(Number) });
  });
});
