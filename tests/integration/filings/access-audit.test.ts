/**
 * Issue 16 item 10: a refused read of a scoped object (a filing, its 申报书, its files) is audited with the target,
 * once per caller, route and target in a window (rate-limited), and never for the caller's own objects.
 */
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../../src/server/db/schema';
import { setup, submittedFiling, type Fixture } from './flow';

let f: Fixture;
beforeAll(async () => {
  f = await setup();
});
afterAll(async () => {
  await f.t.close();
});

async function denied(userId: string) {
  return f.t.ctx.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'access.denied'), eq(auditEvents.userId, userId)));
}

describe('refused access is audited', () => {
  it('records the 吴江 users’ refused reads of a 昆山 filing, its 申报书 and its file, with the target', async () => {
    const d = await submittedFiling(f);
    const fileId = d.attachments[0]!.fileId;
    const wj = f.p.wjCounty;
    const reads = [
      `/api/v1/review/filings/${d.id}`,
      `/api/v1/filings/${d.id}/document.pdf`,
      `/api/v1/files/${fileId}`,
    ];
    for (const url of reads) {
      const res = await wj.client.get(url);
      expect([403, 404]).toContain(res.statusCode);
    }
    const rows = await denied(wj.userId);
    expect(rows.map((r) => r.targetId).sort()).toEqual([d.id, d.id, fileId].sort());
    expect(rows.every((r) => r.success === false)).toBe(true);
    const review = rows.find((r) => (r.details as { route: string }).route === '/api/v1/review/filings/:id')!;
    expect(review).toMatchObject({ targetType: 'filing', username: wj.username });
    expect(rows.find((r) => r.targetId === fileId)!.targetType).toBe('file');

    const enterprise = f.p.wjEnterprise;
    expect((await enterprise.client.get(`/api/v1/filings/${d.id}`)).statusCode).toBe(404);
    expect((await denied(enterprise.userId)).map((r) => r.targetId)).toEqual([d.id]);
  });

  it('writes one row per caller, route and target in a window, however often it is tried', async () => {
    const d = (await f.p.ksEnterprise.client.get('/api/v1/filings')).json().items[0] as { id: string };
    const wj = f.p.wjEnterprise;
    const before = (await denied(wj.userId)).length;
    for (let i = 0; i < 10; i++) {
      expect((await wj.client.get(`/api/v1/filings/${d.id}/history`)).statusCode).toBe(404);
    }
    expect((await denied(wj.userId)).length).toBe(before + 1);
  });

  it('does not audit the owner reading its own filing', async () => {
    const ks = f.p.ksEnterprise;
    const d = (await ks.client.get('/api/v1/filings')).json().items[0] as { id: string };
    expect((await ks.client.get(`/api/v1/filings/${d.id}`)).statusCode).toBe(200);
    expect(await denied(ks.userId)).toEqual([]);
  });
});
