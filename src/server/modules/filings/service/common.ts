import { AppError } from '../../../../shared/errors';
import type { Actor } from '../../../../shared/permissions';
import { type FilingKind } from '../../../../shared/schemas/filing-api';
import type { DbOrTx, Tx } from '../../../db/client';
import { filingHistory } from '../../../db/schema';
import { shanghaiDate, shanghaiDateLabel, windowClosedError, type Campaign } from '../../campaigns/service';
import { findScopedFiling, type FilingRow } from '../repository';
import { type RuleCtx } from '../rules';
import { isOwner } from '../scope';
import { returnInfoOf } from '../editable';
import { ENTERPRISE_EDITABLE } from '../../../../shared/permissions/can';

/** Statuses in which the filing has been handed in (a repeated submit changes nothing). */
export const HANDED_IN: ReadonlySet<string> = new Set([
  'county_review',
  'city_review',
  'approved',
  'refused',
]);
/** Statuses from which the enterprise may (re)submit. */
export const SUBMITTABLE: ReadonlySet<string> = ENTERPRISE_EDITABLE;

export function ruleCtx(
  campaign: Campaign,
  kind: string,
  asOf: Date,
  attachments?: { slot: string }[],
): RuleCtx {
  return {
    campaignYear: campaign.year,
    asOf: shanghaiDate(asOf),
    kind: kind as FilingKind,
    ...(attachments ? { attachments } : {}),
  };
}

/** A city's return to the county (review module: `returnInfo.to === 'county'`). */
export function returnedToCounty(filing: FilingRow): boolean {
  return (filing.returnInfo as { to?: string } | null)?.to === 'county';
}

/**
 * Why editing is refused by time now, or null. A draft follows the campaign's filing window; a returned filing
 * may be corrected until the review deadline of the level that returned it (otherwise a return after the
 * window closed could never be answered).
 */
export function editWindowError(campaign: Campaign, filing: FilingRow, now: Date): AppError | null {
  if (filing.status !== 'returned') return windowClosedError(campaign, now);
  const level = returnInfoOf(filing)?.level ?? 'county';
  const deadline = level === 'city' ? campaign.cityReviewDeadline : campaign.countyReviewDeadline;
  if (now.getTime() <= deadline.getTime()) return null;
  return AppError.of('RETURN_EDIT_DEADLINE_PASSED', { deadline: shanghaiDateLabel(deadline) });
}

/** The message of editWindowError (null: the filing may be edited now). */
export function editWindowMessage(campaign: Campaign, filing: FilingRow, now: Date): string | null {
  return editWindowError(campaign, filing, now)?.message ?? null;
}

export function requireEditWindow(campaign: Campaign, filing: FilingRow, now: Date): void {
  const error = editWindowError(campaign, filing, now);
  if (error) throw error;
}

export function requireEnterpriseOwner(actor: Actor, filing: FilingRow): void {
  if (!isOwner(actor, filing)) throw AppError.of('REVIEWER_CANNOT_EDIT_FILING');
}

export async function getScopedFiling(
  db: DbOrTx,
  actor: Actor,
  id: string,
  lock?: 'update' | 'no key update',
): Promise<FilingRow> {
  const filing = await findScopedFiling(db, actor, id, lock);
  if (!filing) throw AppError.of('FILING_NOT_FOUND');
  return filing;
}

export async function writeHistory(
  tx: Tx,
  actor: Actor | null,
  entry: {
    filingId: string;
    action: string;
    level: string;
    at: Date;
    fromStatus: string | null;
    toStatus: string | null;
    reason?: string | null;
    details?: Record<string, unknown>;
    actorName?: string;
  },
): Promise<void> {
  await tx.insert(filingHistory).values({
    filingId: entry.filingId,
    at: entry.at,
    action: entry.action,
    actorUserId: actor?.userId ?? null,
    actorRole: actor?.role ?? null,
    actorName: entry.actorName ?? actor?.displayName ?? null,
    level: entry.level,
    fromStatus: entry.fromStatus,
    toStatus: entry.toStatus,
    reason: entry.reason ?? null,
    details: entry.details ?? null,
  });
}
