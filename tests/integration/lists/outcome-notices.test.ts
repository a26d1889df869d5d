/**
 * Issue 16 item 7: an enterprise excluded from a draft list, or removed from a list in 公示 because an objection
 * was upheld, is told in-app (with the reason and whom to ask) and by SMS with a link that opens a page — once,
 * however often the jobs run.
 */
import { and, eq } from 'drizzle-orm';
import { jobs, notifications, smsOutbox } from '../../../src/server/db/schema';
import { NOTIFY_LIST_OUTCOME_JOB } from '../../../src/server/modules/lists/service';
import { runDueJobs } from '../../../src/server/services/jobs';
import type { ListDetail, ObjectionView } from '../../../src/shared/schemas/lists-api';
import { expectEveryLinkOpensAPage } from '../../helpers/links';
import {
  approvedFiling,
  captcha,
  expectStatus,
  freshIp,
  json,
  publicRequest,
  setClock,
  setupLists,
  type Approved,
  type ListsFixture,
} from './helpers';

let f: ListsFixture;
let a: Approved; // excluded from the draft
let b: Approved; // removed after an upheld objection
let c: Approved; // stays on the list: told nothing
let list: ListDetail;

beforeAll(async () => {
  f = await setupLists();
  a = await approvedFiling(f, { countyCode: '320583', via: 'db' });
  b = await approvedFiling(f, { countyCode: '320583', via: 'db' });
  c = await approvedFiling(f, { countyCode: '320583', via: 'db' });
  await setClock(f, '2023-04-01T09:00:00+08:00');
  const created = await f.p.szCity.client.post('/api/v1/lists', { campaignId: f.campaignId });
  expectStatus(created, 201);
  list = created.json() as ListDetail;
});

afterAll(async () => {
  await f?.t.close();
});

async function messagesOf(who: Approved) {
  return f.t.ctx.db.select().from(notifications).where(eq(notifications.userId, who.enterprise.userId));
}
async function smsTo(who: Approved) {
  return f.t.ctx.db
    .select()
    .from(smsOutbox)
    .where(and(eq(smsOutbox.mobile, who.mobile), eq(smsOutbox.template, 'list_outcome')));
}

describe('list outcomes the enterprise may contest', () => {
  it('an exclusion from the draft tells the enterprise in-app and by SMS, once', async () => {
    const entry = list.entries.find((e) => e.enterpriseId === a.enterpriseId)!;
    const url = `/api/v1/lists/${list.id}/entries/${entry.id}`;
    expectStatus(
      await f.p.szCity.client.post(url, { action: 'exclude', reason: '评价未通过：研发投入不达标。' }),
      200,
    );
    // Included again and excluded again: still one notice.
    expectStatus(await f.p.szCity.client.post(url, { action: 'include' }), 200);
    expectStatus(
      await f.p.szCity.client.post(url, { action: 'exclude', reason: '评价未通过：研发投入不达标。' }),
      200,
    );
    expect(await f.t.ctx.db.select().from(jobs).where(eq(jobs.kind, NOTIFY_LIST_OUTCOME_JOB))).toHaveLength(
      1,
    );
    await runDueJobs(f.t.ctx);
    await runDueJobs(f.t.ctx);

    const msgs = await messagesOf(a);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.title).toBe(`贵企业未列入“${list.title}”`);
    expect(msgs[0]!.body).toContain('原因：评价未通过：研发投入不达标。');
    expect(msgs[0]!.body).not.toContain('。。');
    expect(msgs[0]!.body).toContain('如有疑问，请联系');
    expect(msgs[0]!.body).toContain('苏州市');
    expect(msgs[0]!.link).toBe('/qiye/ladder');
    const sms = await smsTo(a);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toContain(list.title);
    expect(sms[0]!.body).toContain(`${f.t.ctx.config.publicBaseUrl.replace(/\/+$/, '')}/qiye/ladder`);
    expect(sms[0]!.body).not.toContain('研发投入'); // no reasons by SMS
  });

  it('an upheld objection in 公示 tells the removed enterprise, once; a rejected one tells nobody', async () => {
    list = await json<ListDetail>(f.p.szCity.client, 'POST', `/api/v1/lists/${list.id}/publish-publicity`, {
      start: '2023-04-03',
      end: '2023-04-09',
      objectionContact: '苏州市工业和信息化局中小企业处',
    });
    await setClock(f, '2023-04-05T10:00:00+08:00');
    for (const who of [b, c]) {
      const entryId = list.entries.find((e) => e.enterpriseId === who.enterpriseId)!.id;
      const res = await publicRequest(f.t, 'POST', `/api/v1/public/lists/${list.id}/objections`, {
        ip: freshIp(),
        json: {
          entryId,
          contactName: '李明',
          contactPhone: '13771234567',
          reason: '该企业主导产品并非自主研发，专利系近期受让取得。',
          ...(await captcha(f.t)),
        },
      });
      expectStatus(res, 201);
    }
    const objs = await json<ObjectionView[]>(f.p.szCity.client, 'GET', `/api/v1/lists/${list.id}/objections`);
    const entryOf = (who: Approved) => list.entries.find((e) => e.enterpriseId === who.enterpriseId)!.id;
    const ob = objs.find((o) => o.entryId === entryOf(b))!;
    const oc = objs.find((o) => o.entryId === entryOf(c))!;
    await json(f.p.szCity.client, 'POST', `/api/v1/lists/${list.id}/objections/${ob.id}/resolve`, {
      outcome: 'upheld',
      text: '经核查，专利系受让取得，异议成立',
    });
    await json(f.p.szCity.client, 'POST', `/api/v1/lists/${list.id}/objections/${oc.id}/resolve`, {
      outcome: 'rejected',
      text: '经核查，异议不成立',
    });
    await runDueJobs(f.t.ctx);
    await runDueJobs(f.t.ctx);

    const msgs = await messagesOf(b);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.title).toBe(`贵企业已从“${list.title}”中移出`);
    expect(msgs[0]!.body).toContain('异议成立：经核查，专利系受让取得，异议成立');
    expect(msgs[0]!.body).toContain('如有疑问，请联系');
    expect(await smsTo(b)).toHaveLength(1);
    expect(await messagesOf(c)).toHaveLength(0);
    expect(await smsTo(c)).toHaveLength(0);

    const links = await expectEveryLinkOpensAPage(f.t.ctx.db, f.t.ctx.config.publicBaseUrl);
    expect(links.sms.filter((s) => s.template === 'list_outcome').map((s) => s.path)).toEqual([
      '/qiye/ladder',
      '/qiye/ladder',
    ]);
  });
});
