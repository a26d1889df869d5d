import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../../shared/errors';
import type { Actor } from '../../../../shared/permissions';
import { type EntryActionRequest } from '../../../../shared/schemas/lists-api';
import type { Tx } from '../../../db/client';
import { evaluations, recognitionListEntries, recognitionLists } from '../../../db/schema';
import { audit } from '../../../plugins/audit';
import type { AppContext } from '../../../types';
import { isUuid } from '../../filings/repository';
import { ensureEvaluations } from '../../evaluation/service';
import { filings } from '../../../db/schema';
import {
  defaultIssuer,
  defaultTitle,
  enqueueListOutcome,
  loadList,
  requireManager,
  type ListRow,
} from './common';
import { getCampaign } from '../../campaigns/repository';

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
  const campaign = await getCampaign(ctx.db, body.campaignId);
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

export async function requireDraft(list: ListRow): Promise<void> {
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
      throw AppError.of('NOT_QUALIFIED_CORRECT_FIRST').on('evaluationId');
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
