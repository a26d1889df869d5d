import { and, eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../../shared/errors';
import type { Actor } from '../../../../shared/permissions';
import {
  addDays,
  endOfShanghaiDay,
  isCalendarDay,
  shanghaiDay,
  startOfShanghaiDay,
  validTo as validToDay,
} from '../../../../shared/recognition';
import { type AnnounceRequest, type PublicityRequest } from '../../../../shared/schemas/lists-api';
import { enterpriseEvents, recognitionListEntries, recognitionLists, recognitions } from '../../../db/schema';
import { audit } from '../../../plugins/audit';
import { enqueue } from '../../../services/jobs';
import type { AppContext } from '../../../types';
import { getProvinceSettings } from '../../settings/service';
import {
  NOTIFY_RECOGNITION_JOB,
  RECOGNITION_TITLE_INNOVATIVE,
  loadList,
  requireManager,
  type ListRow,
} from './common';
import { requireDraft } from './draft';
import { announceBlocker, countsOf } from './read';

export async function publishPublicity(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  body: PublicityRequest,
): Promise<ListRow> {
  const now = ctx.clock.now();
  const today = shanghaiDay(now);
  const start = body.start ?? today;
  const publicityDays = body.end ? 0 : (await getProvinceSettings(ctx.db)).publicityDays;
  const end = body.end ?? addDays(start, publicityDays - 1);
  const fe: Record<string, string> = {};
  if (!isCalendarDay(start)) fe['start'] = '公示开始日期不是有效日期';
  else if (start < today) fe['start'] = '公示开始日期不能早于今天';
  if (!isCalendarDay(end)) fe['end'] = '公示结束日期不是有效日期';
  else if (end < start) fe['end'] = '公示结束日期不能早于开始日期';
  if (Object.keys(fe).length > 0) {
    throw AppError.of('PUBLICITY_DATES_INVALID', { problem: Object.values(fe)[0]! }, fe);
  }
  return ctx.db.transaction(async (tx) => {
    const list = await loadList(tx, actor, id, true);
    requireManager(actor, list);
    await requireDraft(list);
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(recognitionListEntries)
      .where(and(eq(recognitionListEntries.listId, list.id), eq(recognitionListEntries.state, 'included')));
    if (Number(n) === 0) throw AppError.of('LIST_EMPTY');
    const [updated] = await tx
      .update(recognitionLists)
      .set({
        status: 'publicity',
        publicityStart: startOfShanghaiDay(start),
        publicityEnd: endOfShanghaiDay(end),
        objectionContact: body.objectionContact.trim(),
        updatedAt: now,
      })
      .where(and(eq(recognitionLists.id, list.id), eq(recognitionLists.status, 'draft')))
      .returning();
    if (!updated) throw AppError.of('LIST_STATUS_CHANGED');
    await audit(
      tx,
      request,
      {
        action: 'list.publicity',
        targetType: 'recognition_list',
        targetId: list.id,
        details: { start, end, entries: Number(n) },
      },
      now,
    );
    return updated;
  });
}

export async function announceList(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  body: AnnounceRequest,
): Promise<ListRow> {
  const now = ctx.clock.now();
  const today = shanghaiDay(now);
  if (!isCalendarDay(body.date))
    throw AppError.of('ANNOUNCE_DATE_INVALID', {}, { date: '公告日期不是有效日期' });
  if (body.date > today) throw AppError.of('ANNOUNCE_DATE_IN_FUTURE', {}, { date: '公告日期不能晚于今天' });
  return ctx.db.transaction(async (tx) => {
    const list = await loadList(tx, actor, id, true);
    requireManager(actor, list);
    const counts = (await countsOf(tx, [list.id])).get(list.id)!;
    const blocker = announceBlocker(list, counts, now);
    if (blocker) throw new AppError('INVALID_STATE', blocker);
    if (list.publicityEnd && body.date <= shanghaiDay(list.publicityEnd)) {
      throw AppError.of('ANNOUNCE_DATE_NOT_AFTER_PUBLICITY', {
        publicityEnd: shanghaiDay(list.publicityEnd),
      }).on('date');
    }
    const [updated] = await tx
      .update(recognitionLists)
      .set({
        status: 'announced',
        documentNo: body.documentNo.trim(),
        announcedAt: startOfShanghaiDay(body.date),
        updatedAt: now,
      })
      .where(and(eq(recognitionLists.id, list.id), eq(recognitionLists.status, 'publicity')))
      .returning();
    if (!updated) throw AppError.of('LIST_STATUS_CHANGED');
    const entries = await tx
      .select()
      .from(recognitionListEntries)
      .where(and(eq(recognitionListEntries.listId, list.id), eq(recognitionListEntries.state, 'included')));
    const validFrom = startOfShanghaiDay(body.date);
    const validTo = endOfShanghaiDay(validToDay(body.date));
    for (const e of entries) {
      const [rec] = await tx
        .insert(recognitions)
        .values({
          enterpriseId: e.enterpriseId,
          kind: 'innovative',
          title: RECOGNITION_TITLE_INNOVATIVE,
          source: 'announcement',
          listId: list.id,
          issuer: list.issuingDepartment,
          documentNo: body.documentNo.trim(),
          validFrom,
          validTo,
          status: 'valid',
          createdAt: now,
        })
        .returning({ id: recognitions.id });
      await tx.insert(enterpriseEvents).values({
        enterpriseId: e.enterpriseId,
        at: now,
        event: 'recognised',
        actorUserId: actor.userId,
        actorName: actor.displayName,
        reason: `${list.title}（${body.documentNo.trim()}）`,
        details: {
          recognitionId: rec!.id,
          listId: list.id,
          title: RECOGNITION_TITLE_INNOVATIVE,
          validFrom: body.date,
          validTo: validToDay(body.date),
        },
      });
      await enqueue(tx, {
        kind: NOTIFY_RECOGNITION_JOB,
        payload: { enterpriseId: e.enterpriseId, recognitionId: rec!.id },
        dedupeKey: `recognition:${rec!.id}:announced`,
      });
    }
    await audit(
      tx,
      request,
      {
        action: 'list.announce',
        targetType: 'recognition_list',
        targetId: list.id,
        details: { documentNo: body.documentNo.trim(), date: body.date, recognised: entries.length },
      },
      now,
    );
    return updated;
  });
}
