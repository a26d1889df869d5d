import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../../shared/permissions';
import { can as canList } from '../../../../shared/permissions/list';
import { shanghaiDay } from '../../../../shared/recognition';
import {
  ENTRY_STATE_LABELS,
  LIST_STATUS_LABELS,
  type EntryState,
  type ListCounts,
  type ListDetail,
  type ListStatus,
  type ListSummary,
} from '../../../../shared/schemas/lists-api';
import type { DbOrTx } from '../../../db/client';
import { evaluations, objections, recognitionListEntries, recognitionLists } from '../../../db/schema';
import { listScope } from '../../../permissions/sql';
import type { AppContext } from '../../../types';
import { countyName } from '../../evaluation/service';
import { getProvinceSettings } from '../../settings/service';
import { cityName, type ListRow } from './common';

const EMPTY_COUNTS: ListCounts = {
  included: 0,
  excluded: 0,
  removed: 0,
  objections: 0,
  openObjections: 0,
  upheld: 0,
  rejected: 0,
};

/** Counts of entries by state and objections by status, for several lists at once. */
export async function countsOf(db: DbOrTx, listIds: string[]): Promise<Map<string, ListCounts>> {
  const out = new Map<string, ListCounts>();
  if (listIds.length === 0) return out;
  for (const id of listIds) out.set(id, { ...EMPTY_COUNTS });
  const entryRows = await db
    .select({
      listId: recognitionListEntries.listId,
      state: recognitionListEntries.state,
      n: sql<number>`count(*)::int`,
    })
    .from(recognitionListEntries)
    .where(inArray(recognitionListEntries.listId, listIds))
    .groupBy(recognitionListEntries.listId, recognitionListEntries.state);
  for (const r of entryRows) {
    const c = out.get(r.listId)!;
    if (r.state === 'included' || r.state === 'excluded' || r.state === 'removed') c[r.state] = Number(r.n);
  }
  const objRows = await db
    .select({ listId: objections.listId, status: objections.status, n: sql<number>`count(*)::int` })
    .from(objections)
    .where(inArray(objections.listId, listIds))
    .groupBy(objections.listId, objections.status);
  for (const r of objRows) {
    const c = out.get(r.listId)!;
    const n = Number(r.n);
    c.objections += n;
    if (r.status === 'open') c.openObjections += n;
    if (r.status === 'upheld') c.upheld += n;
    if (r.status === 'rejected') c.rejected += n;
  }
  return out;
}

export function summaryOf(l: ListRow, counts: ListCounts): ListSummary {
  return {
    id: l.id,
    campaignId: l.campaignId,
    cityCode: l.cityCode,
    cityName: cityName(l.cityCode),
    title: l.title,
    issuingDepartment: l.issuingDepartment,
    status: l.status as ListStatus,
    statusLabel: LIST_STATUS_LABELS[l.status as ListStatus] ?? l.status,
    publicityStart: l.publicityStart?.toISOString() ?? null,
    publicityEnd: l.publicityEnd?.toISOString() ?? null,
    documentNo: l.documentNo,
    announcedAt: l.announcedAt?.toISOString() ?? null,
    counts,
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
  };
}

/** Why announcing is impossible now, or null. */
export function announceBlocker(l: ListRow, counts: ListCounts, now: Date): string | null {
  if (l.status === 'draft') return '名单尚未公示，公示期满且异议处理完毕后才能公告。';
  if (l.status === 'announced') return '名单已公告。';
  if (l.publicityEnd && now.getTime() <= l.publicityEnd.getTime()) {
    return `公示期至 ${shanghaiDay(l.publicityEnd)} 结束，公示期满后才能公告。`;
  }
  if (counts.openObjections > 0) return `还有 ${counts.openObjections} 件异议未处理，处理完毕后才能公告。`;
  if (counts.included === 0) return '名单中没有列入的企业，不能公告。';
  return null;
}

export async function listDetail(ctx: AppContext, actor: Actor, list: ListRow): Promise<ListDetail> {
  const now = ctx.clock.now();
  const counts = (await countsOf(ctx.db, [list.id])).get(list.id)!;
  const entries = await ctx.db
    .select({
      entry: recognitionListEntries,
      scoreTotal: evaluations.scoreTotal,
      qualified: evaluations.qualified,
    })
    .from(recognitionListEntries)
    .leftJoin(evaluations, eq(evaluations.id, recognitionListEntries.evaluationId))
    .where(eq(recognitionListEntries.listId, list.id))
    .orderBy(
      asc(recognitionListEntries.countyCode),
      asc(recognitionListEntries.enterpriseName),
      asc(recognitionListEntries.id),
    );
  const open = await ctx.db
    .select({ entryId: objections.entryId, n: sql<number>`count(*)::int` })
    .from(objections)
    .where(and(eq(objections.listId, list.id), eq(objections.status, 'open')))
    .groupBy(objections.entryId);
  const openBy = new Map(open.map((o) => [o.entryId, Number(o.n)]));
  const manage = canList(actor, 'list.manage', list);
  const blocker = announceBlocker(list, counts, now);
  return {
    ...summaryOf(list, counts),
    objectionContact: list.objectionContact,
    entries: entries.map(({ entry: e, scoreTotal, qualified }) => ({
      id: e.id,
      enterpriseId: e.enterpriseId,
      evaluationId: e.evaluationId,
      filingId: e.filingId,
      enterpriseName: e.enterpriseName,
      uscc: e.uscc,
      countyCode: e.countyCode,
      countyName: countyName(e.countyCode),
      scoreTotal: scoreTotal ?? null,
      qualified: qualified ?? null,
      state: e.state as EntryState,
      stateLabel: ENTRY_STATE_LABELS[e.state as EntryState] ?? e.state,
      reason: e.reason,
      openObjections: openBy.get(e.id) ?? 0,
    })),
    allowed: {
      editEntries: manage && list.status === 'draft',
      publishPublicity: manage && list.status === 'draft' && counts.included > 0,
      resolveObjections: manage && list.status === 'publicity' && counts.openObjections > 0,
      announce: manage && blocker === null,
    },
    announceBlockedReason: blocker,
    defaultPublicityDays: (await getProvinceSettings(ctx.db)).publicityDays,
  };
}

export async function listLists(ctx: AppContext, actor: Actor, campaignId?: string): Promise<ListSummary[]> {
  const conds: SQL[] = [listScope(actor)];
  if (campaignId) conds.push(eq(recognitionLists.campaignId, campaignId));
  const rows = await ctx.db
    .select()
    .from(recognitionLists)
    .where(and(...conds))
    .orderBy(sql`${recognitionLists.createdAt} desc`, asc(recognitionLists.cityCode));
  const counts = await countsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => summaryOf(r, counts.get(r.id)!));
}
