import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { AppError, type FieldErrors } from '../../../../shared/errors';
import { findRegion } from '../../../../shared/regions';
import {
  FILING_STATUS_LABELS,
  SECTION_KEYS,
  SECTION_LABELS,
  sectionKeysOf,
  type FilingDetail,
  type FilingStatus,
  type SectionKey,
} from '../../../../shared/schemas/filing-api';
import { enterprises, filings } from '../../../db/schema';
import { audit } from '../../../plugins/audit';
import { requireActor } from '../../../plugins/session';
import type { AppContext } from '../../../types';
import { loadAttachments, loadHistory, loadSections, reviewerActedSinceSubmission } from '../repository';
import { assess, checkSection, checkSubmission, regionCodes, type Sections } from '../rules';
import { buildDetail, snapshotOf, techSmeParams, type Snapshot } from './detail';
import {
  HANDED_IN,
  SUBMITTABLE,
  getScopedFiling,
  requireEditWindow,
  requireEnterpriseOwner,
  ruleCtx,
  writeHistory,
} from './common';
import { saveSectionTx } from './sections';
import { getCampaign } from '../../campaigns/repository';

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newVerificationCode(): string {
  const bytes = crypto.randomBytes(12);
  let out = '';
  for (const b of bytes) out += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return out;
}

/** Canonical JSON (sorted keys) so the digest of a snapshot does not depend on how the database orders keys. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function snapshotDigest(snapshot: Snapshot): string {
  return crypto.createHash('sha256').update(canonicalJson(snapshot)).digest('hex');
}

export interface SubmitInput {
  pendingSections: { section: SectionKey; data: Record<string, unknown>; baseVersion: number }[];
}

/**
 * POST /filings/:id/submit. One transaction: lock the filing row (a double click files once), save the pending
 * sections, check every section and the attachments, freeze the snapshot, move to county review, write history
 * and audit. A filing already handed in is returned unchanged (idempotent). When the check fails the pending
 * sections stay saved (so no typed work is lost) and the status does not change.
 */
export async function submitFiling(
  ctx: AppContext,
  request: FastifyRequest,
  id: string,
  input: SubmitInput,
): Promise<FilingDetail> {
  const actor = requireActor(request);
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx) => {
    const filing = await getScopedFiling(tx, actor, id, 'update');
    requireEnterpriseOwner(actor, filing);
    if (HANDED_IN.has(filing.status)) return { kind: 'unchanged' as const };
    if (!SUBMITTABLE.has(filing.status)) {
      throw AppError.of('FILING_WITHDRAWN');
    }
    const campaign = await getCampaign(tx, filing.campaignId);
    requireEditWindow(campaign, filing, now);
    for (const p of input.pendingSections) {
      await saveSectionTx(tx, actor, filing, campaign, p.section, p.data, p.baseVersion, now);
    }
    const sectionRows = await loadSections(tx, filing.id);
    const attachmentRows = await loadAttachments(tx, filing.id);
    const rctx = ruleCtx(
      campaign,
      filing.kind,
      now,
      attachmentRows.map((a) => ({ slot: a.attachment.slot })),
    );
    const sections = {} as Sections;
    for (const key of SECTION_KEYS) {
      const row = sectionRows.find((r) => r.section === key);
      sections[key] = checkSection(key, row?.data ?? {}, rctx).data;
    }
    const result = checkSubmission(sections, rctx);
    const fieldErrors: FieldErrors = { ...result.fieldErrors };
    const region = regionCodes(sections.basic);
    if (region && findRegion(region.countyCode)?.level !== 'county' && !result.fieldErrors[region.field]) {
      fieldErrors[region.field] = '注册地须选择江苏省的县（市、区），审核部门按注册地确定，请重新选择';
    }
    if (Object.keys(fieldErrors).length > 0 || !region || result.incompleteSections.length > 0) {
      const named = result.incompleteSections.length
        ? result.incompleteSections
        : [...new Set(Object.keys(fieldErrors).map((k) => k.split('.')[0] as SectionKey))];
      const labels = named.map((k) => SECTION_LABELS[k] ?? k).join('、');
      return {
        kind: 'invalid' as const,
        fieldErrors,
        sections: labels,
      };
    }
    const countyCode = region.countyCode;
    const cityCode = region.cityCode;
    const assessed = assess(sections, rctx, campaign.standardId, await techSmeParams(tx, filing.kind));
    // The code the printed 自评表 already carries, if it was printed (self-assessment.ts); else a new one.
    const verificationCode = filing.pendingVerificationCode ?? newVerificationCode();
    const snapshot: Snapshot = {
      sections,
      attachments: attachmentRows.map(({ attachment, file }) => ({
        slot: attachment.slot,
        fileId: file.id,
        name: file.originalName,
        mimeType: file.mimeType,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
      })),
      assessment: assessed.assessment,
      standardId: assessed.standardId,
      fiscalYear: campaign.year - 1,
      submittedAt: now.toISOString(),
      verificationCode,
      countyCode,
      cityCode,
    };
    const previousSnapshot = snapshotOf(filing);
    const resubmit = filing.status === 'returned' || filing.status === 'withdrawn';
    const updated = await tx
      .update(filings)
      .set({
        status: 'county_review',
        statusVersion: sql`${filings.statusVersion} + 1`,
        countyCode,
        cityCode,
        enterpriseName: assessed.enterpriseName ?? filing.enterpriseName,
        uscc: assessed.uscc ?? filing.uscc,
        industryCode: assessed.industryCode,
        smeSize: assessed.smeSize,
        scoreTotal: assessed.scoreTotal,
        directMet: assessed.directMet,
        qualified: assessed.qualified,
        standardId: assessed.standardId,
        snapshot: snapshot as unknown as Record<string, unknown>,
        verificationCode,
        pendingVerificationCode: null,
        submittedAt: now,
        lastActionAt: now,
        updatedAt: now,
      })
      .where(and(eq(filings.id, filing.id), eq(filings.statusVersion, filing.statusVersion)))
      .returning();
    if (updated.length === 0) throw new AppError('CONFLICT');
    await tx
      .update(enterprises)
      .set({ countyCode, cityCode, updatedAt: now })
      .where(eq(enterprises.id, filing.enterpriseId));
    const changedSections = previousSnapshot
      ? sectionKeysOf(filing.kind).filter(
          (k) => canonicalJson(previousSnapshot.sections[k] ?? {}) !== canonicalJson(sections[k] ?? {}),
        )
      : [];
    await writeHistory(tx, actor, {
      filingId: filing.id,
      action: resubmit ? 'resubmit' : 'submit',
      level: 'enterprise',
      at: now,
      fromStatus: filing.status,
      toStatus: 'county_review',
      details: {
        verificationCode,
        scoreTotal: assessed.scoreTotal,
        standardId: assessed.standardId,
        ...(previousSnapshot
          ? { previousSections: previousSnapshot.sections, changedSections, returnInfo: filing.returnInfo }
          : {}),
      },
    });
    await audit(
      tx,
      request,
      {
        action: resubmit ? 'filing.resubmit' : 'filing.submit',
        targetType: 'filing',
        targetId: filing.id,
        details: { countyCode, scoreTotal: assessed.scoreTotal },
      },
      now,
    );
    // The answer is built in the transaction from what it already read and wrote (issue #15): the filing row as
    // updated, its campaign, sections and attachments; the detail reads only the history and the rest.
    const detail = await buildDetail(ctx, actor, updated[0]!, {
      db: tx,
      campaign,
      sectionRows,
      attachmentRows,
    });
    return { kind: 'submitted' as const, detail };
  });
  if (outcome.kind === 'invalid')
    throw AppError.of('SUBMISSION_INCOMPLETE', { sections: outcome.sections }, outcome.fieldErrors);
  if (outcome.kind === 'submitted') return outcome.detail;
  return buildDetail(ctx, actor, await getScopedFiling(ctx.db, actor, id));
}

/** POST /filings/:id/withdraw: only in county review and before the county has acted. */
export async function withdrawFiling(
  ctx: AppContext,
  request: FastifyRequest,
  id: string,
  reason: string | undefined,
): Promise<FilingDetail> {
  const actor = requireActor(request);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const filing = await getScopedFiling(tx, actor, id, 'update');
    requireEnterpriseOwner(actor, filing);
    if (filing.status !== 'county_review') {
      const status = FILING_STATUS_LABELS[filing.status as FilingStatus] ?? filing.status;
      throw AppError.of('WITHDRAW_ONLY_IN_COUNTY_REVIEW', { status });
    }
    if (reviewerActedSinceSubmission(await loadHistory(tx, filing.id))) {
      throw AppError.of('WITHDRAW_AFTER_COUNTY_ACTED');
    }
    await tx
      .update(filings)
      .set({
        status: 'withdrawn',
        statusVersion: sql`${filings.statusVersion} + 1`,
        lastActionAt: now,
        updatedAt: now,
      })
      .where(eq(filings.id, filing.id));
    const text = reason?.trim() || null;
    await writeHistory(tx, actor, {
      filingId: filing.id,
      action: 'withdraw',
      level: 'enterprise',
      at: now,
      fromStatus: filing.status,
      toStatus: 'withdrawn',
      reason: text,
    });
    await audit(tx, request, { action: 'filing.withdraw', targetType: 'filing', targetId: filing.id }, now);
  });
  return buildDetail(ctx, actor, await getScopedFiling(ctx.db, actor, id));
}
