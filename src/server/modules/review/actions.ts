/**
 * Review actions (县区 / 设区市 审核): ONE transaction per action — lock the filing (scoped), check jurisdiction and
 * the workflow table, the reason, the review deadline and the status version, apply the effect, write the
 * history row, the audit row and the notification job together, or nothing.
 */
import { onRereviewApproved } from '../cycle/service';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { fieldDef } from '../../../shared/filing';
import { AppError, type FieldErrors } from '../../../shared/errors';
import type { Actor } from '../../../shared/permissions';
import { can } from '../../../shared/permissions/can';
import { cityOf, findRegion, regionPath } from '../../../shared/regions';
import {
  FILING_STATUS_LABELS,
  SECTION_LABELS,
  type FilingStatus,
  type ReturnInfo,
  type SectionKey,
} from '../../../shared/schemas/filing-api';
import type { ActionResponse } from '../../../shared/schemas/review-api';
import {
  findTransition,
  hasReason,
  REVIEW_ACTION_LABELS,
  TRANSITIONS,
  withinDeadline,
  type ReviewAction,
  type Transition,
} from '../../../shared/workflow';
import type { DbOrTx, Tx } from '../../db/client';
import {
  campaignExtensions,
  campaigns,
  enterprises,
  filingHistory,
  filings,
  filingSections,
} from '../../db/schema';
import { audit } from '../../plugins/audit';
import type { AppContext } from '../../types';
import { shanghaiDateLabel } from '../campaigns/service';
import { findScopedFiling } from '../filings/repository';
import { allowedReviewActions, type FilingRow } from './queue';
import { enqueueFilingNotification } from './notify';
import { normalizeRegistrationNo, recordTechSmeRegistration } from './tech-sme';

export const CONFLICT_MESSAGE = '该申报已被他人处理，请刷新查看最新状态';

export interface ActionInput {
  action: ReviewAction;
  reason?: string | undefined;
  /** Null only for batch approval, which acts on whatever version is current (the status check still holds). */
  expectedStatusVersion: number | null;
  returnSections?: { section: SectionKey; fields: Record<string, string> }[] | undefined;
  toCountyCode?: string | undefined;
  /** 科技型中小企业评价, city approval: the 入库登记编号. */
  registrationNo?: string | undefined;
  /** Written into the audit details (e.g. batch). */
  auditDetails?: Record<string, unknown>;
}

/** The review level an actor acts at (history `level`). Administrators act with the province's reach. */
export function levelOf(actor: Actor): 'county' | 'city' | 'province' {
  if (actor.role === 'county_reviewer') return 'county';
  if (actor.role === 'city_reviewer') return 'city';
  return 'province';
}

export interface EffectiveDeadline {
  level: 'county' | 'city';
  at: Date;
  extended: boolean;
}

/** The review deadline of a level for a filing: the region's extension when there is one, else the campaign's. */
export async function effectiveDeadline(
  db: DbOrTx,
  filing: Pick<FilingRow, 'campaignId' | 'countyCode' | 'cityCode'>,
  level: 'county' | 'city',
): Promise<EffectiveDeadline> {
  const regionCode = level === 'county' ? filing.countyCode : filing.cityCode;
  // One statement (issue #15): the campaign's deadline and the region's extension, if any.
  const [row] = await db
    .select({ campaign: campaigns, extension: campaignExtensions.deadline })
    .from(campaigns)
    .leftJoin(
      campaignExtensions,
      and(
        eq(campaignExtensions.campaignId, campaigns.id),
        regionCode ? eq(campaignExtensions.regionCode, regionCode) : sql`false`,
        eq(campaignExtensions.level, level),
      ),
    )
    .where(eq(campaigns.id, filing.campaignId))
    .limit(1);
  if (!row) throw new Error(`campaign ${filing.campaignId} missing`);
  const base = level === 'county' ? row.campaign.countyReviewDeadline : row.campaign.cityReviewDeadline;
  if (row.extension) return { level, at: row.extension, extended: true };
  return { level, at: base, extended: false };
}

/** What REASON_REQUIRED asks for, per action (the enterprise reads the reason of a return or a refusal). */
const REASON_WANTED: Partial<Record<ReviewAction, { what: string; note: string }>> = {
  county_return: { what: '退回原因', note: '，企业将看到该原因' },
  city_return: { what: '退回原因', note: '，企业将看到该原因' },
  city_return_to_county: { what: '退回县区的原因', note: '' },
  refuse: { what: '不通过的原因', note: '，企业将看到该原因' },
  transfer: { what: '转交原因', note: '，例如“企业注册地应为某某区”' },
};

const RETURN_ACTIONS: ReadonlySet<ReviewAction> = new Set([
  'county_return',
  'city_return',
  'city_return_to_county',
]);

/** Why the action is not possible in the filing's status for the actor's role (the workflow table said no). */
function refusal(actor: Actor, filing: FilingRow, action: ReviewAction): AppError {
  const label = REVIEW_ACTION_LABELS[action];
  const roleMayEver = TRANSITIONS.some((t) => t.action === action && t.roles.includes(actor.role));
  if (!roleMayEver) return AppError.of('ROLE_CANNOT_ACT', { action: label });
  const status = FILING_STATUS_LABELS[filing.status as FilingStatus] ?? filing.status;
  return AppError.of('WRONG_STATUS_FOR_ACTION', { status, action: label });
}

function checkReturnSections(input: ActionInput): FieldErrors {
  const errors: FieldErrors = {};
  const seen = new Set<string>();
  (input.returnSections ?? []).forEach((s, i) => {
    if (seen.has(s.section)) errors[`returnSections.${i}.section`] = `“${SECTION_LABELS[s.section]}”重复了`;
    seen.add(s.section);
    if (s.section === 'attachments') return; // slot keys, checked by the enterprise's upload
    for (const path of Object.keys(s.fields)) {
      if (!fieldDef(s.section, path)) {
        errors[`returnSections.${i}.fields.${path}`] =
          `“${SECTION_LABELS[s.section]}”中没有这个字段，请重新标注`;
      }
    }
  });
  return errors;
}

interface TransferTarget {
  countyCode: string;
  cityCode: string;
}

/** Transfer rules: county and city reviewers within their city; the province anywhere. */
function checkTransferTarget(
  actor: Actor,
  filing: FilingRow,
  toCountyCode: string | undefined,
): TransferTarget {
  if (!toCountyCode) throw AppError.of('TRANSFER_COUNTY_REQUIRED').on('toCountyCode');
  const region = findRegion(toCountyCode);
  const city = cityOf(toCountyCode);
  if (!region || region.level !== 'county' || !city)
    throw AppError.of('COUNTY_NOT_IN_JIANGSU').on('toCountyCode');
  if (toCountyCode === filing.countyCode) throw AppError.of('TRANSFER_SAME_COUNTY').on('toCountyCode');
  const actorCity =
    actor.role === 'county_reviewer'
      ? (cityOf(actor.regionCode ?? '')?.code ?? null)
      : actor.role === 'city_reviewer'
        ? actor.regionCode
        : null;
  if ((actor.role === 'county_reviewer' || actor.role === 'city_reviewer') && city.code !== actorCity) {
    const cityName = findRegion(actorCity ?? '')?.name ?? '本设区市';
    throw AppError.of('TRANSFER_OUTSIDE_CITY', { cityName }).on('toCountyCode');
  }
  return { countyCode: toCountyCode, cityCode: city.code };
}

/** The filing's latest history row. */
async function latestHistory(tx: Tx, filingId: string) {
  const [row] = await tx
    .select()
    .from(filingHistory)
    .where(eq(filingHistory.filingId, filingId))
    .orderBy(desc(filingHistory.id))
    .limit(1);
  return row;
}

export function actionResponse(
  actor: Actor,
  f: FilingRow,
  historyId: number | null,
  repeated: boolean,
): ActionResponse {
  return {
    id: f.id,
    status: f.status as FilingStatus,
    statusLabel: FILING_STATUS_LABELS[f.status as FilingStatus] ?? f.status,
    statusVersion: f.statusVersion,
    countyCode: f.countyCode,
    cityCode: f.cityCode,
    historyId,
    repeated,
    allowedActions: allowedReviewActions(actor, f),
  };
}

/**
 * Keeps the enterprise's live 基本情况 in step with a corrected region, so a later (re)submission does not route
 * the filing back to the wrong county (submission takes the region from 基本情况). The section version is bumped:
 * an editor open on the old data gets a conflict instead of silently restoring the wrong county.
 */
export async function setLiveRegion(
  tx: Tx,
  filingId: string,
  target: TransferTarget,
  now: Date,
): Promise<void> {
  await tx
    .update(filingSections)
    .set({
      data: sql`${filingSections.data} || ${JSON.stringify({ countyCode: target.countyCode, cityCode: target.cityCode })}::jsonb`,
      version: sql`${filingSections.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(filingSections.filingId, filingId), eq(filingSections.section, 'basic')));
}

/** Applies one review action. Throws AppError; returns the new state (or the current one for a repeat). */
export async function applyReviewAction(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  input: ActionInput,
): Promise<ActionResponse> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const filing = await findScopedFiling(tx, actor, id, 'update');
    if (!filing) throw AppError.of('FILING_NOT_FOUND');
    const level = levelOf(actor);
    const transition: Transition | undefined = findTransition(
      filing.status as FilingStatus,
      input.action,
      actor.role,
    );

    if (input.expectedStatusVersion !== null && input.expectedStatusVersion !== filing.statusVersion) {
      // Idempotent repeat (a double click, a retried request): the caller's own last action, one version ago.
      const last = await latestHistory(tx, filing.id);
      const expectedTo = TRANSITIONS.find(
        (t) => t.action === input.action && t.roles.includes(actor.role),
      )?.to;
      if (
        last &&
        input.expectedStatusVersion === filing.statusVersion - 1 &&
        last.action === input.action &&
        last.level === level &&
        last.actorUserId === actor.userId &&
        last.toStatus === filing.status &&
        expectedTo === filing.status
      ) {
        return actionResponse(actor, filing, last.id, true);
      }
      throw AppError.of('FILING_ALREADY_HANDLED');
    }

    const record = {
      enterpriseId: filing.enterpriseId,
      countyCode: filing.countyCode,
      cityCode: filing.cityCode,
      status: filing.status as FilingStatus,
    };
    if (!transition || !can(actor, input.action, record)) throw refusal(actor, filing, input.action);

    const reason = input.reason?.trim() || null;
    const fieldErrors: FieldErrors = {};
    const wanted =
      transition.reasonRequired && !hasReason(reason)
        ? (REASON_WANTED[input.action] ?? { what: '原因', note: '' })
        : null;
    if (wanted) fieldErrors['reason'] = AppError.of('REASON_REQUIRED', wanted).message;
    if (RETURN_ACTIONS.has(input.action)) Object.assign(fieldErrors, checkReturnSections(input));
    let registrationNo: string | null = null;
    if (input.action === 'city_approve' && filing.kind === 'tech_sme') {
      const r = normalizeRegistrationNo(input.registrationNo);
      if (r.ok) registrationNo = r.value;
      else fieldErrors['registrationNo'] = r.message;
    }
    if (wanted) throw AppError.of('REASON_REQUIRED', wanted, fieldErrors);
    if (fieldErrors['registrationNo']) {
      throw new AppError('VALIDATION_FAILED', fieldErrors['registrationNo'], fieldErrors);
    }
    if (Object.keys(fieldErrors).length > 0) throw AppError.of('FIX_MARKED_FIELDS', {}, fieldErrors);

    if (transition.deadline) {
      const d = await effectiveDeadline(tx, filing, transition.deadline);
      if (!withinDeadline(now, d.at)) {
        throw AppError.of('REVIEW_DEADLINE_PASSED', {
          level: transition.deadline === 'county' ? '县区' : '设区市',
          deadline: shanghaiDateLabel(d.at),
          action: REVIEW_ACTION_LABELS[input.action],
        });
      }
    }

    const set: Partial<typeof filings.$inferInsert> = {
      status: transition.to,
      lastActionAt: now,
      updatedAt: now,
    };
    const details: Record<string, unknown> = {};
    let target: TransferTarget | null = null;
    switch (input.action) {
      case 'county_approve':
        set.cityViewedAt = null;
        break;
      case 'county_return':
      case 'city_return':
      case 'city_return_to_county': {
        const sections = (input.returnSections ?? []).map((s) => ({ section: s.section, fields: s.fields }));
        const returnInfo: ReturnInfo & { to: 'enterprise' | 'county' } = {
          reason: reason!,
          level: input.action === 'county_return' ? 'county' : 'city',
          at: now.toISOString(),
          sections,
          to: input.action === 'city_return_to_county' ? 'county' : 'enterprise',
        };
        set.returnInfo = returnInfo as unknown as Record<string, unknown>;
        // The filing comes back to the county as new (resubmission or return from the city).
        set.countyViewedAt = null;
        if (input.action !== 'city_return_to_county') set.cityViewedAt = null;
        details['returnSections'] = sections;
        details['to'] = returnInfo.to;
        break;
      }
      case 'transfer':
        target = checkTransferTarget(actor, filing, input.toCountyCode);
        set.countyCode = target.countyCode;
        set.cityCode = target.cityCode;
        set.countyViewedAt = null;
        set.cityViewedAt = null;
        details['fromCountyCode'] = filing.countyCode;
        details['toCountyCode'] = target.countyCode;
        details['fromRegion'] = filing.countyCode ? (regionPath(filing.countyCode) ?? null) : null;
        details['toRegion'] = regionPath(target.countyCode) ?? null;
        break;
      case 'city_approve':
      case 'refuse':
        break;
    }

    const [updated] = await tx
      .update(filings)
      .set({ ...set, statusVersion: sql`${filings.statusVersion} + 1` })
      .where(and(eq(filings.id, filing.id), eq(filings.statusVersion, filing.statusVersion)))
      .returning();
    if (!updated) throw AppError.of('FILING_ALREADY_HANDLED');

    if (input.action === 'city_approve' && registrationNo !== null) {
      // 科技型中小企业评价: a one-year registration; it is not an entry into the 培育库 (ADR 0012).
      const reg = await recordTechSmeRegistration(tx, updated, registrationNo, now, {
        userId: actor.userId,
        name: actor.displayName,
      });
      details['registrationNo'] = registrationNo;
      details['validTo'] = reg.validTo;
    } else if (input.action === 'city_approve') {
      // 新增入库 enters the database; 数据更新 keeps it there. The registered region follows the filing.
      await tx
        .update(enterprises)
        .set({
          dbStatus: 'in_db',
          countyCode: updated.countyCode,
          cityCode: updated.cityCode,
          updatedAt: now,
        })
        .where(eq(enterprises.id, filing.enterpriseId));
      // A passed 复核 extends the 创新型 recognition by three years.
      if (updated.kind === 'rereview') {
        await onRereviewApproved(tx, updated.id, now, { userId: actor.userId, name: actor.displayName });
      }
    }
    if (target) {
      await tx
        .update(enterprises)
        .set({ countyCode: target.countyCode, cityCode: target.cityCode, updatedAt: now })
        .where(eq(enterprises.id, filing.enterpriseId));
      await setLiveRegion(tx, filing.id, target, now);
    }

    const [history] = await tx
      .insert(filingHistory)
      .values({
        filingId: filing.id,
        at: now,
        action: input.action,
        actorUserId: actor.userId,
        actorRole: actor.role,
        actorName: actor.displayName,
        level,
        fromStatus: filing.status,
        toStatus: transition.to,
        reason,
        details: Object.keys(details).length > 0 ? details : null,
      })
      .returning({ id: filingHistory.id });
    await audit(
      tx,
      request,
      {
        action: `filing.review.${input.action}`,
        targetType: 'filing',
        targetId: filing.id,
        details: {
          from: filing.status,
          to: transition.to,
          historyId: history!.id,
          ...(reason ? { reason } : {}),
          ...(target ? { fromCountyCode: filing.countyCode, toCountyCode: target.countyCode } : {}),
          ...input.auditDetails,
        },
      },
      now,
    );
    await enqueueFilingNotification(
      tx,
      { filingId: filing.id, event: input.action, historyId: history!.id },
      now,
    );
    return actionResponse(actor, updated, history!.id, false);
  });
}

/** Batch approval: each item in its own transaction through the same action service. */
export async function batchApprove(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  action: 'county_approve' | 'city_approve',
  ids: string[],
) {
  const results: { id: string; ok: boolean; code?: string; message?: string; status?: FilingStatus }[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      const r = await applyReviewAction(ctx, request, actor, id, {
        action,
        expectedStatusVersion: null,
        auditDetails: { batch: true },
      });
      results.push({ id, ok: true, status: r.status });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ id, ok: false, code: err.code, message: err.message });
    }
  }
  const okCount = results.filter((r) => r.ok).length;
  return { okCount, failedCount: results.length - okCount, results };
}

/** Filings of an enterprise in given statuses (used by the region correction). */
export async function unscopedEnterpriseFilings(tx: Tx, enterpriseId: string, statuses: FilingStatus[]) {
  return tx
    .select()
    .from(filings)
    .where(and(eq(filings.enterpriseId, enterpriseId), inArray(filings.status, statuses)))
    .for('update');
}
