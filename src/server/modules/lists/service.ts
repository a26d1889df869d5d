/**
 * The city's 创新型中小企业 list: draft → publicity (公示) → announced (公告). See lists-api.ts for the contract.
 * Jurisdiction: a city reviewer manages its own city's lists; the province reads every list; anything else is
 * NOT_FOUND. All times come from the injected clock; calendar days are Asia/Shanghai.
 */
import crypto from 'node:crypto';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../../../shared/permissions';
import { maskPhone } from '../../../shared/pii';
import { findRegion } from '../../../shared/regions';
import {
  addDays,
  endOfShanghaiDay,
  isCalendarDay,
  shanghaiDay,
  startOfShanghaiDay,
  validTo as validToDay,
} from '../../../shared/recognition';
import {
  ENTRY_STATE_LABELS,
  LIST_STATUS_LABELS,
  OBJECTION_STATUS_LABELS,
  type AnnounceRequest,
  type EntryActionRequest,
  type EntryState,
  type ListCounts,
  type ListDetail,
  type ListStatus,
  type ListSummary,
  type ObjectionStatus,
  type ObjectionView,
  type PublicityRequest,
} from '../../../shared/schemas/lists-api';
import type { DbOrTx, Tx } from '../../db/client';
import {
  campaigns,
  enterpriseEvents,
  evaluations,
  files,
  objections,
  recognitionListEntries,
  recognitionLists,
  recognitions,
} from '../../db/schema';
import { audit } from '../../plugins/audit';
import { enqueue } from '../../services/jobs';
import type { AppContext } from '../../types';
import { isUuid } from '../filings/repository';
import { countyName, ensureEvaluations } from '../evaluation/service';
import { getProvinceSettings } from '../settings/service';
import { filings } from '../../db/schema';

export type ListRow = typeof recognitionLists.$inferSelect;
export type EntryRow = typeof recognitionListEntries.$inferSelect;
export type ObjectionRow = typeof objections.$inferSelect;

export const LIST_NOT_FOUND = '未找到该名单，或不在您的管辖范围内。';

/** Job kind of the recognition notification (in-app message + SMS). See the module README in the report. */
export const NOTIFY_RECOGNITION_JOB = 'notify.recognition';
export const RECOGNITION_TITLE_INNOVATIVE = '创新型中小企业';
/**
 * Job kind of the list-outcome notification (in-app message + SMS): an enterprise excluded from a draft list or
 * removed from a list in 公示 because an objection was upheld (issue 16 item 7). Handler in
 * notifications/list-outcome.ts.
 */
export const NOTIFY_LIST_OUTCOME_JOB = 'notify.list_outcome';

/** Enqueues the list-outcome notification in the caller's transaction (once per list, enterprise and outcome). */
async function enqueueListOutcome(
  tx: Tx,
  p: { enterpriseId: string; listId: string; outcome: 'excluded' | 'removed'; reason: string },
): Promise<void> {
  await enqueue(tx, {
    kind: NOTIFY_LIST_OUTCOME_JOB,
    payload: p,
    dedupeKey: `list:${p.listId}:enterprise:${p.enterpriseId}:${p.outcome}`,
  });
}

export function cityName(code: string): string {
  return findRegion(code)?.name ?? code;
}

export function defaultTitle(cityCode: string, year: number): string {
  return `${cityName(cityCode)}${year}年度创新型中小企业名单`;
}

export function defaultIssuer(cityCode: string): string {
  return `${cityName(cityCode)}工业和信息化局`;
}

/** Lists the actor may read: city → its city; province → all. */
export function listScope(actor: Actor): SQL {
  switch (actor.role) {
    case 'city_reviewer':
      return actor.regionCode ? eq(recognitionLists.cityCode, actor.regionCode) : sql`false`;
    case 'province':
      return sql`true`;
    default:
      return sql`false`;
  }
}

function canManage(actor: Actor, list: ListRow): boolean {
  return actor.role === 'city_reviewer' && actor.regionCode === list.cityCode;
}

function requireManager(actor: Actor, list: ListRow): void {
  if (!canManage(actor, list)) throw AppError.of('LIST_CITY_ONLY');
}

export async function loadList(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<ListRow> {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', LIST_NOT_FOUND);
  const q = db
    .select()
    .from(recognitionLists)
    .where(and(eq(recognitionLists.id, id), listScope(actor)));
  const rows = lock ? await q.for('update') : await q;
  if (!rows[0]) throw new AppError('NOT_FOUND', LIST_NOT_FOUND);
  return rows[0];
}

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
function announceBlocker(l: ListRow, counts: ListCounts, now: Date): string | null {
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
  const manage = canManage(actor, list);
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

/** Entries for every qualified evaluation of the city not yet on the list (one per enterprise). */
async function addQualified(tx: Tx, list: ListRow, now: Date, onlyEvaluationId?: string): Promise<number> {
  const conds: SQL[] = [eq(evaluations.campaignId, list.campaignId), eq(evaluations.cityCode, list.cityCode)];
  if (onlyEvaluationId) conds.push(eq(evaluations.id, onlyEvaluationId));
  else conds.push(eq(evaluations.qualified, true));
  const rows = await tx
    .select({ evaluation: evaluations, name: filings.enterpriseName, uscc: filings.uscc })
    .from(evaluations)
    .innerJoin(filings, eq(filings.id, evaluations.filingId))
    .where(and(...conds))
    .orderBy(asc(evaluations.createdAt));
  let added = 0;
  for (const r of rows) {
    const inserted = await tx
      .insert(recognitionListEntries)
      .values({
        listId: list.id,
        enterpriseId: r.evaluation.enterpriseId,
        filingId: r.evaluation.filingId,
        evaluationId: r.evaluation.id,
        enterpriseName: r.name,
        uscc: r.uscc,
        countyCode: r.evaluation.countyCode,
        state: 'included',
        createdAt: now,
      })
      .onConflictDoNothing({ target: [recognitionListEntries.listId, recognitionListEntries.enterpriseId] })
      .returning({ id: recognitionListEntries.id });
    added += inserted.length;
  }
  return added;
}

export async function createList(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  body: { campaignId: string; title?: string | undefined; issuingDepartment?: string | undefined },
): Promise<{ created: boolean; list: ListRow }> {
  const cityCode = actor.regionCode;
  if (actor.role !== 'city_reviewer' || !cityCode) throw AppError.of('LIST_COMPILE_CITY_ONLY');
  const [campaign] = await ctx.db.select().from(campaigns).where(eq(campaigns.id, body.campaignId));
  if (!campaign) throw AppError.of('CAMPAIGN_NOT_FOUND');
  const existing = async () =>
    (
      await ctx.db
        .select()
        .from(recognitionLists)
        .where(
          and(
            eq(recognitionLists.campaignId, campaign.id),
            eq(recognitionLists.cityCode, cityCode),
            eq(recognitionLists.kind, 'innovative'),
          ),
        )
    )[0];
  const found = await existing();
  if (found) return { created: false, list: found };
  await ensureEvaluations(ctx, actor, campaign.id);
  const now = ctx.clock.now();
  try {
    const list = await ctx.db.transaction(async (tx) => {
      const [l] = await tx
        .insert(recognitionLists)
        .values({
          campaignId: campaign.id,
          cityCode,
          kind: 'innovative',
          title: body.title ?? defaultTitle(cityCode, campaign.year),
          issuingDepartment: body.issuingDepartment ?? defaultIssuer(cityCode),
          status: 'draft',
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const added = await addQualified(tx, l!, now);
      await audit(
        tx,
        request,
        {
          action: 'list.create',
          targetType: 'recognition_list',
          targetId: l!.id,
          details: { preselected: added },
        },
        now,
      );
      return l!;
    });
    return { created: true, list };
  } catch (err) {
    // A concurrent create of the same city's list: return the one that won.
    const again = await existing();
    if (again) return { created: false, list: again };
    throw err;
  }
}

async function requireDraft(list: ListRow): Promise<void> {
  if (list.status !== 'draft') {
    throw AppError.of('LIST_FROZEN');
  }
}

export async function addEntry(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  evaluationId: string,
): Promise<ListRow> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const list = await loadList(tx, actor, id, true);
    requireManager(actor, list);
    await requireDraft(list);
    const [ev] = await tx
      .select()
      .from(evaluations)
      .where(
        and(
          eq(evaluations.id, evaluationId),
          eq(evaluations.campaignId, list.campaignId),
          eq(evaluations.cityCode, list.cityCode),
        ),
      );
    if (!ev) throw AppError.of('LIST_EVALUATION_NOT_FOUND');
    if (ev.qualified !== true) {
      const message =
        '该企业的评价结果不符合创新型中小企业标准，不能列入名单（如数据有误，请先修正评价数据）。';
      throw new AppError('VALIDATION_FAILED', message, { evaluationId: message });
    }
    const added = await addQualified(tx, list, now, ev.id);
    if (added === 0) {
      // Already on the list (perhaps excluded): include it again.
      await tx
        .update(recognitionListEntries)
        .set({ state: 'included', reason: null })
        .where(
          and(
            eq(recognitionListEntries.listId, list.id),
            eq(recognitionListEntries.enterpriseId, ev.enterpriseId),
          ),
        );
    }
    await tx.update(recognitionLists).set({ updatedAt: now }).where(eq(recognitionLists.id, list.id));
    await audit(
      tx,
      request,
      {
        action: 'list.entry_add',
        targetType: 'recognition_list',
        targetId: list.id,
        details: { evaluationId },
      },
      now,
    );
    return list;
  });
}

export async function entryAction(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  entryId: string,
  body: EntryActionRequest,
): Promise<ListRow> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const list = await loadList(tx, actor, id, true);
    requireManager(actor, list);
    await requireDraft(list);
    if (!isUuid(entryId)) throw AppError.of('LIST_ENTRY_NOT_FOUND');
    const [entry] = await tx
      .select()
      .from(recognitionListEntries)
      .where(and(eq(recognitionListEntries.id, entryId), eq(recognitionListEntries.listId, list.id)));
    if (!entry) throw AppError.of('LIST_ENTRY_NOT_FOUND');
    if (body.action === 'exclude') {
      await tx
        .update(recognitionListEntries)
        .set({ state: 'excluded', reason: body.reason.trim() })
        .where(eq(recognitionListEntries.id, entry.id));
      if (entry.state !== 'excluded') {
        await enqueueListOutcome(tx, {
          enterpriseId: entry.enterpriseId,
          listId: list.id,
          outcome: 'excluded',
          reason: body.reason.trim(),
        });
      }
    } else {
      if (entry.evaluationId) {
        const [ev] = await tx
          .select({ q: evaluations.qualified })
          .from(evaluations)
          .where(eq(evaluations.id, entry.evaluationId));
        if (ev && ev.q !== true) {
          throw AppError.of('NOT_QUALIFIED_FOR_LIST');
        }
      }
      await tx
        .update(recognitionListEntries)
        .set({ state: 'included', reason: null })
        .where(eq(recognitionListEntries.id, entry.id));
    }
    await tx.update(recognitionLists).set({ updatedAt: now }).where(eq(recognitionLists.id, list.id));
    await audit(
      tx,
      request,
      {
        action: `list.entry_${body.action}`,
        targetType: 'recognition_list',
        targetId: list.id,
        details: {
          entryId,
          enterpriseId: entry.enterpriseId,
          ...(body.action === 'exclude' ? { reason: body.reason.trim() } : {}),
        },
      },
      now,
    );
    return list;
  });
}

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
  if (Object.keys(fe).length > 0) throw new AppError('VALIDATION_FAILED', Object.values(fe)[0], fe);
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

/** Letters and digits that cannot be mistaken for one another when read out or typed (no 0/O, 1/I/L). */
const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * A new objection tracking number: `YY` + the Asia/Shanghai filing date (yyyymmdd) + 6 random characters of an
 * unambiguous alphabet (31^6 ≈ 8.9 × 10^8 per day), e.g. YY20261127A3F9K2. Unguessable; stored, unique.
 */
export function newTrackingNo(at: Date): string {
  let tail = '';
  for (let i = 0; i < 6; i++) tail += TRACKING_ALPHABET[crypto.randomInt(TRACKING_ALPHABET.length)];
  return `YY${shanghaiDay(at).replaceAll('-', '')}${tail}`;
}

/** The tracking number of an objection: the stored one, or (rows filed before numbers were stored) one derived from its id. */
export function trackingNo(o: Pick<ObjectionRow, 'id' | 'createdAt' | 'trackingNo'>): string {
  return (
    o.trackingNo ??
    `YY${shanghaiDay(o.createdAt).replaceAll('-', '')}${o.id.replaceAll('-', '').slice(0, 8).toUpperCase()}`
  );
}

export async function objectionViews(ctx: AppContext, listId: string): Promise<ObjectionView[]> {
  const rows = await ctx.db
    .select({ o: objections, name: recognitionListEntries.enterpriseName })
    .from(objections)
    .innerJoin(recognitionListEntries, eq(recognitionListEntries.id, objections.entryId))
    .where(eq(objections.listId, listId))
    .orderBy(asc(objections.createdAt), asc(objections.id));
  const fileIds = [...new Set(rows.flatMap((r) => r.o.fileIds ?? []))];
  const fileRows = fileIds.length
    ? await ctx.db
        .select({ id: files.id, name: files.originalName, size: files.sizeBytes })
        .from(files)
        .where(inArray(files.id, fileIds))
    : [];
  const byId = new Map(fileRows.map((f) => [f.id, f]));
  return rows.map(({ o, name }) => objectionView(o, name, byId));
}

function objectionView(
  o: ObjectionRow,
  enterpriseName: string,
  byId: Map<string, { id: string; name: string; size: number }> = new Map(),
): ObjectionView {
  return {
    id: o.id,
    trackingNo: trackingNo(o),
    listId: o.listId,
    entryId: o.entryId,
    enterpriseName,
    contactName: o.contactName,
    // Masked (ADR 0025): the city reveals it with 显示 to call the objector back, audited.
    contactPhone: maskPhone(o.contactPhone),
    contactEmail: o.contactEmail,
    reason: o.reason,
    files: (o.fileIds ?? []).flatMap((id) => {
      const f = byId.get(id);
      return f ? [{ id: f.id, name: f.name, sizeBytes: f.size }] : [];
    }),
    status: o.status as ObjectionStatus,
    statusLabel: OBJECTION_STATUS_LABELS[o.status as ObjectionStatus] ?? o.status,
    outcome: o.outcome,
    resolvedAt: o.resolvedAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
  };
}

export async function resolveObjection(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  objectionId: string,
  body: { outcome: 'upheld' | 'rejected'; text: string },
): Promise<ObjectionView> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const list = await loadList(tx, actor, id, true);
    requireManager(actor, list);
    if (!isUuid(objectionId)) throw AppError.of('OBJECTION_NOT_FOUND');
    const [o] = await tx
      .select()
      .from(objections)
      .where(and(eq(objections.id, objectionId), eq(objections.listId, list.id)))
      .for('update');
    if (!o) throw AppError.of('OBJECTION_NOT_FOUND');
    if (o.status !== 'open') throw AppError.of('OBJECTION_ALREADY_RESOLVED');
    if (list.status !== 'publicity') throw AppError.of('LIST_ALREADY_ANNOUNCED');
    const text = body.text.trim();
    await tx
      .update(objections)
      .set({ status: body.outcome, outcome: text, resolvedBy: actor.userId, resolvedAt: now })
      .where(eq(objections.id, o.id));
    if (body.outcome === 'upheld') {
      const [removed] = await tx
        .update(recognitionListEntries)
        .set({ state: 'removed', reason: `异议成立：${text}` })
        .where(eq(recognitionListEntries.id, o.entryId))
        .returning({ enterpriseId: recognitionListEntries.enterpriseId });
      if (removed) {
        await enqueueListOutcome(tx, {
          enterpriseId: removed.enterpriseId,
          listId: list.id,
          outcome: 'removed',
          reason: `异议成立：${text}`,
        });
      }
    }
    await tx.update(recognitionLists).set({ updatedAt: now }).where(eq(recognitionLists.id, list.id));
    await audit(
      tx,
      request,
      {
        action: `list.objection_${body.outcome}`,
        targetType: 'objection',
        targetId: o.id,
        details: { listId: list.id, entryId: o.entryId, text },
      },
      now,
    );
  });
  const views = await objectionViews(ctx, id);
  return views.find((v) => v.id === objectionId)!;
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
      const message = `公告日期应在公示期结束（${shanghaiDay(list.publicityEnd)}）之后`;
      throw new AppError('VALIDATION_FAILED', message, { date: message });
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
