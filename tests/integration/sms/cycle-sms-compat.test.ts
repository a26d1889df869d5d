import { eq } from 'drizzle-orm';
import { jobs, smsMessages, smsOutbox } from '../../../src/server/db/schema';
import { ManualClock } from '../../../src/server/services/clock';
import { runDueJobs } from '../../../src/server/services/jobs';
import { createTestApp, type TestApp } from '../../helpers/test-app';

/*
 * One SMS job contract: the cycle module enqueues sms.send. Jobs of its retired kind cycle.sms that were queued
 * before the upgrade still run: their payload is mapped to sms.send's and sent under the same job.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2023-06-10T10:00:00+08:00') });
});
afterAll(async () => {
  await t.close();
});

async function queueOld(payload: Record<string, unknown>, dedupeKey: string): Promise<number> {
  const [job] = await t.ctx.db
    .insert(jobs)
    .values({ kind: 'cycle.sms', payload, dedupeKey, runAt: new Date(0) })
    .returning({ id: jobs.id });
  return Number(job!.id);
}

describe('cycle.sms jobs queued before sms.send carried the cycle templates', () => {
  it('an already-queued cycle.sms job is sent once, as sms.send would send it, linked to its job', async () => {
    const id = await queueOld(
      {
        mobile: '13900001111',
        template: 'cycle_cleared',
        params: { appealUntil: '2023年7月8日', link: 'https://example.test/qiye/clearances' },
      },
      'sms:clearance:00000000-0000-4000-8000-000000000001:cleared',
    );
    await runDueJobs(t.ctx);
    const [job] = await t.ctx.db.select().from(jobs).where(eq(jobs.id, id));
    expect(job!.doneAt).not.toBeNull();
    expect(job!.lastError).toBeNull();
    const out = await t.ctx.db.select().from(smsOutbox).where(eq(smsOutbox.mobile, '13900001111'));
    expect(out).toHaveLength(1);
    expect(out[0]!.template).toBe('cycle_cleared');
    expect(out[0]!.body).toContain('2023年7月8日');
    expect(out[0]!.body).toContain('https://example.test/qiye/clearances');
    const [message] = await t.ctx.db.select().from(smsMessages).where(eq(smsMessages.jobId, id));
    expect(message).toMatchObject({ status: 'sent', template: 'cycle_cleared', purpose: 'notification' });

    // Run again (a second worker): nothing more is sent.
    await runDueJobs(t.ctx);
    expect(await t.ctx.db.select().from(smsOutbox).where(eq(smsOutbox.mobile, '13900001111'))).toHaveLength(
      1,
    );
  });

  it('a malformed old payload fails the job at once and sends nothing', async () => {
    const id = await queueOld(
      { mobile: '13900003333', template: 'login_code', params: { code: '123456' } },
      'sms:legacy-malformed',
    );
    await runDueJobs(t.ctx);
    const [job] = await t.ctx.db.select().from(jobs).where(eq(jobs.id, id));
    expect(job!.doneAt).not.toBeNull();
    expect(job!.lastError).toContain('malformed cycle.sms payload');
    expect(await t.ctx.db.select().from(smsOutbox).where(eq(smsOutbox.mobile, '13900003333'))).toHaveLength(
      0,
    );
  });
});
