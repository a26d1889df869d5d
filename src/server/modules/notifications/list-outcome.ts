import { messageEnterprise } from './messages';
import { eq } from 'drizzle-orm';
import { regionPath } from '../../../shared/regions';
import { z } from '../../../shared/schemas/zod';
import { enterprises, recognitionLists } from '../../db/schema';
import { PermanentJobError } from '../../services/jobs';
import type { AppContext } from '../../types';
import { NOTIFY_LIST_OUTCOME_JOB } from '../lists/service';
import { enqueueSms, smsLink } from './sms-job';

const Payload = z.object({
  enterpriseId: z.string().uuid(),
  listId: z.string().uuid(),
  outcome: z.enum(['excluded', 'removed']),
  reason: z.string().min(1),
});

/** Where the enterprise sees where it stands on the ladder (its recognitions and what it may apply for next). */
export const LIST_OUTCOME_LINK = '/qiye/ladder';

/** The in-app message of a list outcome, as the enterprise reads it. */
export function listOutcomeMessage(
  outcome: 'excluded' | 'removed',
  list: { title: string; issuingDepartment: string; cityCode: string },
  reason: string,
): { title: string; body: string } {
  const city = `${regionPath(list.cityCode) ?? ''}工信部门`;
  const why = reason.trim().replace(/[。.；;，,]+$/, '');
  const ask = `如有疑问，请联系${city}（${list.issuingDepartment}）。`;
  return outcome === 'excluded'
    ? {
        title: `贵企业未列入“${list.title}”`,
        body: `${list.issuingDepartment}在拟定“${list.title}”时未将贵企业列入。原因：${why}。${ask}贵企业可在以后年度批次重新申请。`,
      }
    : {
        title: `贵企业已从“${list.title}”中移出`,
        body: `“${list.title}”公示期间收到对贵企业的异议，经${list.issuingDepartment}核查，异议成立，贵企业已从名单中移出（${why}）。${ask}`,
      };
}

/**
 * 'notify.list_outcome' (enqueued by the lists module): tells the enterprise's active users in-app and its
 * contact mobile by SMS that it was excluded from a draft list or removed from a list in 公示, with the reason
 * (in-app only) and whom to ask. Both are deduplicated per list, enterprise and outcome.
 */
export async function handleNotifyListOutcome(ctx: AppContext, raw: Record<string, unknown>): Promise<void> {
  const parsed = Payload.safeParse(raw);
  if (!parsed.success)
    throw new PermanentJobError(`malformed ${NOTIFY_LIST_OUTCOME_JOB} payload: ${parsed.error.message}`);
  const { enterpriseId, listId, outcome, reason } = parsed.data;
  const [list] = await ctx.db.select().from(recognitionLists).where(eq(recognitionLists.id, listId));
  if (!list) throw new PermanentJobError(`list ${listId} not found`);
  const [ent] = await ctx.db
    .select({ mobile: enterprises.contactMobile })
    .from(enterprises)
    .where(eq(enterprises.id, enterpriseId));
  if (!ent) throw new PermanentJobError(`enterprise ${enterpriseId} not found`);
  const message = listOutcomeMessage(outcome, list, reason);
  const dedupeKey = `list:${listId}:${outcome}`;
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await messageEnterprise(tx, enterpriseId, { ...message, link: LIST_OUTCOME_LINK, dedupeKey }, now);
    if (ent.mobile && /^1\d{10}$/.test(ent.mobile)) {
      await enqueueSms(tx, {
        mobile: ent.mobile,
        template: 'list_outcome',
        params: { title: list.title, link: smsLink(ctx.config.publicBaseUrl, LIST_OUTCOME_LINK) },
        dedupeKey: `sms:list:${listId}:enterprise:${enterpriseId}:${outcome}`,
      });
    }
  });
}
