import { messageEnterprise } from './messages';
import { and, eq } from 'drizzle-orm';
import { z } from '../../../shared/schemas/zod';
import { enterprises, recognitions } from '../../db/schema';
import { PermanentJobError } from '../../services/jobs';
import type { AppContext } from '../../types';
import { enqueueSms } from './sms-job';
import { shanghaiDate } from '../../../shared/time';

const Payload = z.object({ enterpriseId: z.string().uuid(), recognitionId: z.string().uuid() });

/**
 * 'notify.recognition' (enqueued by the lists module at announcement): tells the enterprise's users in-app and
 * its contact mobile by SMS that it holds a recognition, with the validity. Both are deduplicated per
 * recognition, so running the job twice sends nothing twice.
 */
export async function handleNotifyRecognition(ctx: AppContext, raw: Record<string, unknown>): Promise<void> {
  const parsed = Payload.safeParse(raw);
  if (!parsed.success)
    throw new PermanentJobError(`malformed notify.recognition payload: ${parsed.error.message}`);
  const { enterpriseId, recognitionId } = parsed.data;
  const [row] = await ctx.db
    .select({ r: recognitions, mobile: enterprises.contactMobile })
    .from(recognitions)
    .innerJoin(enterprises, eq(enterprises.id, recognitions.enterpriseId))
    .where(and(eq(recognitions.id, recognitionId), eq(recognitions.enterpriseId, enterpriseId)));
  if (!row)
    throw new PermanentJobError(`recognition ${recognitionId} of enterprise ${enterpriseId} not found`);
  const validTo = shanghaiDate(row.r.validTo);
  const dedupeKey = `recognition:${recognitionId}:announced`;
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await messageEnterprise(
      tx,
      enterpriseId,
      {
        title: `已获认定：${row.r.title}`,
        body: `${row.r.issuer}已公告认定贵企业为“${row.r.title}”${row.r.documentNo ? `（${row.r.documentNo}）` : ''}，有效期至 ${validTo}。认定期内须每年完成数据更新。`,
        link: '/qiye/record',
        dedupeKey,
      },
      now,
    );
    if (row.mobile) {
      await enqueueSms(tx, {
        mobile: row.mobile,
        template: 'recognition_announced',
        params: { title: row.r.title, validTo },
        dedupeKey: `sms:${dedupeKey}`,
      });
    }
  });
}
