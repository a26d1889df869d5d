import { and, eq, like } from 'drizzle-orm';
import { enterprises, notifications, recognitions, smsOutbox } from '../../../src/server/db/schema';
import { NOTIFY_RECOGNITION_JOB } from '../../../src/server/modules/lists/service';
import { ManualClock } from '../../../src/server/services/clock';
import { enqueue, runDueJobs } from '../../../src/server/services/jobs';
import { createPersonas, type Personas } from '../../helpers/personas';
import { createTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;
let p: Personas;

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2023-04-20T10:00:00+08:00') });
  p = await createPersonas(t);
});
afterAll(async () => {
  await t.close();
});

describe("'notify.recognition' jobs", () => {
  it('tell the enterprise in-app and by SMS once, with the validity, even when run twice', async () => {
    const enterpriseId = p.ksEnterprise.enterpriseId!;
    const [e] = await t.ctx.db.select().from(enterprises).where(eq(enterprises.id, enterpriseId));
    const [r] = await t.ctx.db
      .insert(recognitions)
      .values({
        enterpriseId,
        kind: 'innovative',
        title: '创新型中小企业',
        source: 'announcement',
        issuer: '苏州市工业和信息化局',
        documentNo: '苏工信〔2023〕12号',
        validFrom: new Date('2023-04-14T00:00:00+08:00'),
        validTo: new Date('2026-04-13T23:59:59+08:00'),
      })
      .returning();
    const job = { kind: NOTIFY_RECOGNITION_JOB, payload: { enterpriseId, recognitionId: r!.id } };
    await enqueue(t.ctx.db, { ...job, dedupeKey: `recognition:${r!.id}:announced` });
    await runDueJobs(t.ctx);
    // A second enqueue of the same event is a no-op; a handler run again inserts nothing new.
    await enqueue(t.ctx.db, { ...job, dedupeKey: `recognition:${r!.id}:announced` });
    await enqueue(t.ctx.db, { ...job, dedupeKey: `recognition:${r!.id}:again` });
    await runDueJobs(t.ctx);

    const messages = await t.ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, p.ksEnterprise.userId), like(notifications.title, '已获认定%')));
    expect(messages).toHaveLength(1);
    expect(messages[0]!.body).toContain('有效期至 2026-04-13');
    expect(messages[0]!.link).toBe('/qiye/record');
    const sms = await t.ctx.db.select().from(smsOutbox).where(eq(smsOutbox.mobile, e!.contactMobile));
    const announced = sms.filter((m) => m.template === 'recognition_announced');
    expect(announced).toHaveLength(1);
    expect(announced[0]!.body).toContain('创新型中小企业');
    expect(announced[0]!.body).toContain('2026-04-13');
  });
});
