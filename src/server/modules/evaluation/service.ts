/**
 * 创新型中小企业评价 (issue 6 item 1): one evaluation per approved filing, on the input derived from the submitted
 * snapshot, by the standard recorded on the filing; reviewer corrections keep both versions.
 */
import { and, asc, eq, gte, isNull, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { AppError, type FieldErrors } from '../../../shared/errors';
import type { Actor } from '../../../shared/permissions';
import { can as canEvaluation } from '../../../shared/permissions/evaluation';
import { findRegion } from '../../../shared/regions';
import { parseAmount } from '../../../shared/money';
import type { InnovativeSmeResult } from '../../../shared/rules';
import {
  EVALUATION_AMOUNT_PATHS,
  EVALUATION_BOOLEAN_PATHS,
  EVALUATION_IP_FIELDS,
  EVALUATION_PATH_LABELS,
  type CorrectionView,
  type EvaluationDetail,
  type EvaluationListQuery,
  type EvaluationListResponse,
  type EvaluationSummary,
} from '../../../shared/schemas/evaluation-api';
import type { FilingKind } from '../../../shared/schemas/filing-api';
import type { DbOrTx } from '../../db/client';
import { evaluationCorrections, evaluations, filings, recognitionLists } from '../../db/schema';
import { evaluationFilingScope, evaluationScope } from '../../permissions/sql';
import { audit } from '../../plugins/audit';
import type { AppContext } from '../../types';
import { shanghaiDate } from '../campaigns/service';
import { isUuid } from '../filings/repository';
import type { Snapshot } from '../filings/service';
import { currentParams } from '../standards/service';
import { evaluateByStandard, innovativeInputOf, type DisplayIpItem, type EvalInput } from './input';
import { getCampaign } from '../campaigns/repository';

export type EvaluationRow = typeof evaluations.$inferSelect;

export const NOT_FOUND_MESSAGE = '未找到该评价记录，或不在您的管辖范围内。';

export function qualifiedLabel(q: boolean | null): string {
  return q === true ? '符合' : q === false ? '不符合' : '待人工认定';
}

export function countyName(code: string): string {
  return findRegion(code)?.name ?? code;
}

/**
 * Creates the missing evaluations of the approved filings in `campaignId` that the actor's region covers.
 * Idempotent and race-safe (unique filing_id, ON CONFLICT DO NOTHING). Returns how many were created.
 */
export async function ensureEvaluations(ctx: AppContext, actor: Actor, campaignId: string): Promise<number> {
  const campaign = await getCampaign(ctx.db, campaignId);
  const missing = await ctx.db
    .select({ filing: filings })
    .from(filings)
    .leftJoin(evaluations, eq(evaluations.filingId, filings.id))
    .where(
      and(
        eq(filings.campaignId, campaignId),
        eq(filings.status, 'approved'),
        // 创新型 is evaluated on the 入库培育 filings; a 科技型 self-evaluation is judged by 115号 (ADR 0012).
        ne(filings.kind, 'tech_sme'),
        evaluationFilingScope(actor),
        isNull(evaluations.id),
      ),
    );
  let created = 0;
  const now = ctx.clock.now();
  for (const { filing } of missing) {
    const snapshot = filing.snapshot as unknown as Snapshot | null;
    if (!snapshot || !filing.countyCode || !filing.cityCode) continue;
    const standardId = filing.standardId ?? snapshot.standardId ?? campaign.standardId;
    const input = innovativeInputOf(snapshot.sections, {
      campaignYear: campaign.year,
      asOf: snapshot.submittedAt ? shanghaiDate(new Date(snapshot.submittedAt)) : shanghaiDate(now),
      kind: filing.kind as FilingKind,
    });
    // The thresholds in force now are recorded with the evaluation: later corrections of the standard make a new
    // version and never change this result (ADR 0015).
    const params = await currentParams(ctx.db, standardId);
    const result = evaluateByStandard(standardId, input, params);
    const rows = await ctx.db
      .insert(evaluations)
      .values({
        filingId: filing.id,
        campaignId,
        enterpriseId: filing.enterpriseId,
        countyCode: filing.countyCode,
        cityCode: filing.cityCode,
        standardId,
        standardVersion: params.version,
        thresholds: params.values,
        input,
        result: toJson(result),
        scoreTotal: result.total,
        qualified: result.qualified,
        version: 1,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: evaluations.filingId })
      .returning({ id: evaluations.id });
    created += rows.length;
  }
  return created;
}

function toJson(v: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(v)) as Record<string, unknown>;
}

interface Row {
  evaluation: EvaluationRow;
  enterpriseName: string;
  uscc: string;
}

function summaryOf(r: Row, corrected: boolean): EvaluationSummary {
  const e = r.evaluation;
  const result = e.result as unknown as Partial<InnovativeSmeResult>;
  return {
    id: e.id,
    filingId: e.filingId,
    campaignId: e.campaignId,
    enterpriseId: e.enterpriseId,
    enterpriseName: r.enterpriseName,
    uscc: r.uscc,
    countyCode: e.countyCode,
    countyName: countyName(e.countyCode),
    cityCode: e.cityCode,
    standardId: e.standardId,
    standardVersion: e.standardVersion,
    scoreTotal: e.scoreTotal,
    categories: (result.categories ?? {}) as Record<string, number | null>,
    directConditions: result.directConditions ?? [],
    qualified: e.qualified,
    qualifiedLabel: qualifiedLabel(e.qualified),
    corrected,
    version: e.version,
    updatedAt: e.updatedAt.toISOString(),
  };
}

export async function listEvaluations(
  ctx: AppContext,
  actor: Actor,
  campaignId: string,
  q: EvaluationListQuery,
): Promise<EvaluationListResponse> {
  await ensureEvaluations(ctx, actor, campaignId);
  const conds: SQL[] = [eq(evaluations.campaignId, campaignId), evaluationScope(actor)];
  const base = [...conds];
  if (q.qualified === 'true') conds.push(eq(evaluations.qualified, true));
  if (q.qualified === 'false') conds.push(eq(evaluations.qualified, false));
  if (q.qualified === 'pending') conds.push(isNull(evaluations.qualified));
  if (q.minScore !== undefined) conds.push(gte(evaluations.scoreTotal, q.minScore));
  if (q.maxScore !== undefined) conds.push(lte(evaluations.scoreTotal, q.maxScore));
  if (q.countyCode) conds.push(eq(evaluations.countyCode, q.countyCode));
  const rows = await ctx.db
    .select({
      evaluation: evaluations,
      enterpriseName: filings.enterpriseName,
      uscc: filings.uscc,
      corrected: sql<boolean>`${evaluations.version} > 1`,
    })
    .from(evaluations)
    .innerJoin(filings, eq(filings.id, evaluations.filingId))
    .where(and(...conds))
    .orderBy(
      sql`${evaluations.scoreTotal} desc nulls last`,
      asc(filings.enterpriseName),
      asc(evaluations.id),
    );
  const [counts] = await ctx.db
    .select({
      total: sql<number>`count(*)::int`,
      qualified: sql<number>`count(*) filter (where ${evaluations.qualified} = true)::int`,
      notQualified: sql<number>`count(*) filter (where ${evaluations.qualified} = false)::int`,
      pending: sql<number>`count(*) filter (where ${evaluations.qualified} is null)::int`,
    })
    .from(evaluations)
    .where(and(...base));
  return {
    items: rows.map((r) => summaryOf(r, Boolean(r.corrected))),
    counts: {
      total: Number(counts?.total ?? 0),
      qualified: Number(counts?.qualified ?? 0),
      notQualified: Number(counts?.notQualified ?? 0),
      pending: Number(counts?.pending ?? 0),
    },
  };
}

async function loadScoped(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<Row> {
  if (!isUuid(id)) throw AppError.of('EVALUATION_NOT_FOUND');
  const q = db
    .select({ evaluation: evaluations, enterpriseName: filings.enterpriseName, uscc: filings.uscc })
    .from(evaluations)
    .innerJoin(filings, eq(filings.id, evaluations.filingId))
    .where(and(eq(evaluations.id, id), evaluationScope(actor)));
  const rows = lock ? await q.for('update', { of: evaluations }) : await q;
  if (!rows[0]) throw AppError.of('EVALUATION_NOT_FOUND');
  return rows[0];
}

/** Whether the city's list for the campaign is past draft (then evaluations are frozen). */
async function listFrozen(db: DbOrTx, e: EvaluationRow): Promise<boolean> {
  const [l] = await db
    .select({ status: recognitionLists.status })
    .from(recognitionLists)
    .where(and(eq(recognitionLists.campaignId, e.campaignId), eq(recognitionLists.cityCode, e.cityCode)));
  return l !== undefined && l.status !== 'draft';
}

function correctablePaths(input: EvalInput): EvaluationDetail['correctablePaths'] {
  const out: EvaluationDetail['correctablePaths'] = [];
  for (const p of EVALUATION_AMOUNT_PATHS)
    out.push({ path: p, label: EVALUATION_PATH_LABELS[p]!, kind: 'amount' });
  for (const p of EVALUATION_BOOLEAN_PATHS)
    out.push({ path: p, label: EVALUATION_PATH_LABELS[p]!, kind: 'boolean' });
  const items = (input['intellectualProperty'] as DisplayIpItem[] | undefined) ?? [];
  items.forEach((item, i) => {
    const name = item.name ? `“${item.name}”` : '';
    for (const f of EVALUATION_IP_FIELDS) {
      out.push({
        path: `intellectualProperty.${i}.${f}`,
        label: `第 ${i + 1} 项知识产权${name}·${EVALUATION_PATH_LABELS[f]}`,
        kind: f === 'class' ? 'ipClass' : 'boolean',
      });
    }
  });
  return out;
}

function pathLabel(path: string, input: EvalInput): string {
  const m = /^intellectualProperty\.(\d+)\.(\w+)$/.exec(path);
  if (m) {
    const items = (input['intellectualProperty'] as DisplayIpItem[] | undefined) ?? [];
    const item = items[Number(m[1])];
    return `第 ${Number(m[1]) + 1} 项知识产权${item?.name ? `“${item.name}”` : ''}·${EVALUATION_PATH_LABELS[m[2]!] ?? m[2]}`;
  }
  return EVALUATION_PATH_LABELS[path] ?? path;
}

export async function evaluationDetail(ctx: AppContext, actor: Actor, id: string): Promise<EvaluationDetail> {
  const row = await loadScoped(ctx.db, actor, id);
  const e = row.evaluation;
  const corrections = await ctx.db
    .select()
    .from(evaluationCorrections)
    .where(eq(evaluationCorrections.evaluationId, e.id))
    .orderBy(asc(evaluationCorrections.id));
  const canCorrect = canEvaluation(actor, 'evaluation.correct', e) && !(await listFrozen(ctx.db, e));
  return {
    ...summaryOf(row, corrections.length > 0),
    input: e.input,
    result: e.result,
    corrections: corrections.map((c): CorrectionView => {
      const before = c.resultBefore as Partial<InnovativeSmeResult>;
      const after = c.resultAfter as Partial<InnovativeSmeResult>;
      const changes = c.changes as Record<string, { before: unknown; after: unknown }>;
      return {
        id: Number(c.id),
        at: c.at.toISOString(),
        actorName: c.actorName,
        reason: c.reason,
        changes: Object.fromEntries(
          Object.entries(changes).map(([k, v]) => [k, { ...v, label: pathLabel(k, c.inputBefore) }]),
        ),
        inputBefore: c.inputBefore,
        resultBefore: c.resultBefore,
        resultAfter: c.resultAfter,
        scoreBefore: before.total ?? null,
        scoreAfter: after.total ?? null,
        qualifiedBefore: before.qualified ?? null,
        qualifiedAfter: after.qualified ?? null,
      };
    }),
    correctablePaths: correctablePaths(e.input),
    canCorrect,
  };
}

const AMOUNT_PATHS: ReadonlySet<string> = new Set(EVALUATION_AMOUNT_PATHS);
const BOOLEAN_PATHS: ReadonlySet<string> = new Set(EVALUATION_BOOLEAN_PATHS);

/** Applies `changes` to a copy of `input`; returns the new input and path → {before, after} of real changes. */
export function applyChanges(
  input: EvalInput,
  changes: Record<string, string | number | boolean>,
): {
  next: EvalInput;
  applied: Record<string, { before: unknown; after: unknown }>;
  fieldErrors: FieldErrors;
} {
  const next = JSON.parse(JSON.stringify(input)) as EvalInput;
  const applied: Record<string, { before: unknown; after: unknown }> = {};
  const fieldErrors: FieldErrors = {};
  const obj = (key: string): Record<string, unknown> => {
    const v = next[key];
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    const fresh: Record<string, unknown> = {};
    next[key] = fresh;
    return fresh;
  };
  for (const [path, value] of Object.entries(changes)) {
    const fk = `changes.${path}`;
    let target: Record<string, unknown>;
    let key: string;
    let after: unknown;
    if (AMOUNT_PATHS.has(path)) {
      const r = typeof value === 'boolean' ? null : parseAmount(value, { allowNegative: false });
      if (!r || !r.ok) {
        fieldErrors[fk] =
          `${EVALUATION_PATH_LABELS[path]}应为不小于 0 的金额（万元，最多两位小数），例如 1234.56`;
        continue;
      }
      [target, key] = [obj(path.split('.')[0]!), path.split('.')[1]!];
      after = r.value;
    } else if (BOOLEAN_PATHS.has(path)) {
      if (typeof value !== 'boolean') {
        fieldErrors[fk] = `${EVALUATION_PATH_LABELS[path]}只能选择“是”或“否”`;
        continue;
      }
      const parts = path.split('.');
      [target, key] = parts.length === 1 ? [next, parts[0]!] : [obj(parts[0]!), parts[1]!];
      after = value;
    } else {
      const m = /^intellectualProperty\.(\d+)\.(\w+)$/.exec(path);
      const items = (next['intellectualProperty'] as Record<string, unknown>[] | undefined) ?? [];
      const field = m?.[2];
      const item = m ? items[Number(m[1])] : undefined;
      if (!m || !item || !field || !(EVALUATION_IP_FIELDS as readonly string[]).includes(field)) {
        fieldErrors[fk] = '不能修正该项数据（请从可修正的项目中选择）';
        continue;
      }
      if (field === 'class') {
        if (value !== 'I' && value !== 'II') {
          fieldErrors[fk] = '知识产权类别只能为 Ⅰ类（I）或 Ⅱ类（II）';
          continue;
        }
      } else if (typeof value !== 'boolean') {
        fieldErrors[fk] = `${EVALUATION_PATH_LABELS[field]}只能选择“是”或“否”`;
        continue;
      }
      [target, key] = [item, field];
      after = value;
    }
    const before = target[key] ?? null;
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    target[key] = after;
    applied[path] = { before, after };
  }
  return { next, applied, fieldErrors };
}

export async function correctEvaluation(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  body: { changes: Record<string, string | number | boolean>; reason: string; expectedVersion: number },
): Promise<EvaluationDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await loadScoped(tx, actor, id, true);
    const e = row.evaluation;
    if (!canEvaluation(actor, 'evaluation.correct', e)) {
      throw AppError.of('EVALUATION_CITY_ONLY');
    }
    if (e.version !== body.expectedVersion) {
      throw AppError.of('EVALUATION_CHANGED');
    }
    if (await listFrozen(tx, e)) {
      throw AppError.of('EVALUATION_LIST_FROZEN');
    }
    const { next, applied, fieldErrors } = applyChanges(e.input, body.changes);
    if (Object.keys(fieldErrors).length > 0) {
      throw AppError.of(
        'EVALUATION_CHANGES_INVALID',
        { problem: Object.values(fieldErrors)[0]! },
        fieldErrors,
      );
    }
    if (Object.keys(applied).length === 0) {
      throw AppError.of('CORRECTION_UNCHANGED').on('changes');
    }
    // A correction of the data re-evaluates with the thresholds the evaluation was made with, not today's.
    const result = evaluateByStandard(e.standardId, next, {
      version: e.standardVersion,
      values: e.thresholds,
    });
    if (result.status === 'invalidInput') {
      const errs: FieldErrors = {};
      for (const err of result.errors) errs[`changes.${err.path}`] = err.message;
      throw AppError.of('EVALUATION_CHANGES_INVALID', { problem: result.errors[0]?.message ?? '' }, errs);
    }
    const updated = await tx
      .update(evaluations)
      .set({
        input: next,
        result: toJson(result),
        scoreTotal: result.total,
        qualified: result.qualified,
        version: e.version + 1,
        updatedAt: now,
      })
      .where(and(eq(evaluations.id, e.id), eq(evaluations.version, e.version)))
      .returning({ id: evaluations.id });
    if (updated.length === 0) throw AppError.of('EVALUATION_CHANGED');
    await tx.insert(evaluationCorrections).values({
      evaluationId: e.id,
      at: now,
      actorUserId: actor.userId,
      actorName: actor.displayName,
      reason: body.reason.trim(),
      changes: applied,
      inputBefore: e.input,
      resultBefore: e.result,
      resultAfter: toJson(result),
    });
    await audit(
      tx,
      request,
      {
        action: 'evaluation.correct',
        targetType: 'evaluation',
        targetId: e.id,
        details: {
          changes: applied,
          reason: body.reason.trim(),
          scoreBefore: e.scoreTotal,
          scoreAfter: result.total,
          version: e.version + 1,
        },
      },
      now,
    );
  });
  return evaluationDetail(ctx, actor, id);
}
