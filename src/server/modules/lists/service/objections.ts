import crypto from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../../shared/errors';
import type { Actor } from '../../../../shared/permissions';
import { maskPhone } from '../../../../shared/pii';
import { shanghaiDay } from '../../../../shared/recognition';
import {
  OBJECTION_STATUS_LABELS,
  type ObjectionStatus,
  type ObjectionView,
} from '../../../../shared/schemas/lists-api';
import { files, objections, recognitionListEntries, recognitionLists } from '../../../db/schema';
import { audit } from '../../../plugins/audit';
import type { AppContext } from '../../../types';
import { isUuid } from '../../filings/repository';
import { enqueueListOutcome, loadList, requireManager, type ObjectionRow } from './common';

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
