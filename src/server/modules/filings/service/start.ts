import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../../shared/errors';
import {
  FILING_KIND_LABELS,
  sectionKeysOf,
  type FilingDetail,
  type FilingKind,
} from '../../../../shared/schemas/filing-api';
import { enterprises, filings, filingSections } from '../../../db/schema';
import { audit } from '../../../plugins/audit';
import { requireActor } from '../../../plugins/session';
import type { AppContext } from '../../../types';
import { uniqueViolation } from '../../auth/common';
import { findCurrentCampaign, requireFilingWindow, startChecks } from '../../campaigns/service';
import { findLastApproved } from '../repository';
import { checkSection, prefillEntry, prefillUpdate, type Sections } from '../rules';
import { standardIdOf } from '../standard';
import { getScopedFiling, ruleCtx, writeHistory } from './common';
import { buildDetail, snapshotOf } from './detail';

/** POST /filings: starts a 新增入库 or 数据更新 of the current campaign, prefilled. */
export async function startFiling(
  ctx: AppContext,
  request: FastifyRequest,
  kind: FilingKind,
): Promise<FilingDetail> {
  const actor = requireActor(request);
  if (actor.role !== 'enterprise' || !actor.enterpriseId) throw AppError.of('ENTERPRISE_ONLY_FILING');
  const enterpriseId = actor.enterpriseId;
  const now = ctx.clock.now();
  const campaign = await findCurrentCampaign(ctx.db, now);
  if (!campaign) throw AppError.of('NO_OPEN_CAMPAIGN');
  requireFilingWindow(campaign, now);
  const { canStart } = await startChecks(ctx.db, campaign, enterpriseId, now);
  const check = canStart[kind];
  if (!check.allowed) throw new AppError('INVALID_STATE', check.reason ?? undefined);

  const [enterprise] = await ctx.db.select().from(enterprises).where(eq(enterprises.id, enterpriseId));
  if (!enterprise) throw AppError.of('OWN_ENTERPRISE_NOT_FOUND');
  const rctx = ruleCtx(campaign, kind, now);
  let prefilled: Sections;
  let prefilledFrom: string | null = null;
  if (kind === 'update') {
    const prev = await findLastApproved(ctx.db, enterpriseId, campaign.year);
    const prevSnapshot = prev ? snapshotOf(prev.filing) : null;
    if (prev && prevSnapshot) {
      prefilled = prefillUpdate(prevSnapshot.sections, rctx, enterprise);
      prefilledFrom = prev.filing.id;
    } else {
      prefilled = prefillEntry(enterprise, rctx);
    }
  } else {
    prefilled = prefillEntry(enterprise, rctx);
  }

  const id = crypto.randomUUID();
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.insert(filings).values({
        id,
        enterpriseId,
        campaignId: campaign.id,
        kind,
        status: 'draft',
        enterpriseName: enterprise.name,
        uscc: enterprise.uscc,
        standardId: standardIdOf(kind, campaign),
        lastActionAt: now,
        createdAt: now,
        updatedAt: now,
      });
      for (const key of sectionKeysOf(kind)) {
        const checked = checkSection(key, prefilled[key] ?? {}, { ...rctx, attachments: [] });
        await tx.insert(filingSections).values({
          filingId: id,
          section: key,
          data: checked.data,
          version: 0,
          complete: checked.complete,
          valid: checked.valid,
          updatedAt: now,
          updatedBy: actor.userId,
        });
      }
      await writeHistory(tx, actor, {
        filingId: id,
        action: 'create',
        level: 'enterprise',
        at: now,
        fromStatus: null,
        toStatus: 'draft',
        details: { kind, prefilledFrom },
      });
      await audit(
        tx,
        request,
        { action: 'filing.create', targetType: 'filing', targetId: id, details: { kind } },
        now,
      );
    });
  } catch (err) {
    if (uniqueViolation(err) === 'filings_one_per_kind_uq') {
      throw AppError.of('FILING_OF_KIND_EXISTS', { kind: FILING_KIND_LABELS[kind] });
    }
    throw err;
  }
  const filing = await getScopedFiling(ctx.db, actor, id);
  return buildDetail(ctx, actor, filing);
}

/**
 * Refuses a section the filing's status does not let the enterprise change. On a return, what the resubmission
 * needs stays editable beside what the return marked (ADR 0011), so the live filing is read before refusing.
 */
