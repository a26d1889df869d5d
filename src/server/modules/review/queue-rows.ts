/**
 * The queue's rows: what a row of the review queues (and of the export, the detail, the actions) is, and how a
 * filing row becomes a QueueRow for the caller (labels, the unviewed flag, the actions the caller may take).
 */
import type { Actor } from '../../../shared/permissions';
import { can } from '../../../shared/permissions/can';
import { regionPath } from '../../../shared/regions';
import { SIZE_NAMES_ZH, type SmeSize } from '../../../shared/rules/sme-size-2011';
import {
  FILING_KIND_LABELS,
  FILING_STATUS_LABELS,
  type FilingKind,
  type FilingStatus,
} from '../../../shared/schemas/filing-api';
import type { QueueQuery, QueueRow } from '../../../shared/schemas/review-api';
import { reviewActionsFor, type ReviewAction } from '../../../shared/workflow';
import type { filings } from '../../db/schema';
import { maskMobile } from '../../../shared/pii';

export type FilingRow = typeof filings.$inferSelect;

/** The filing columns a queue row, the export and the cursor read (queue-sql.ts FILING_COLUMNS). */
export const QUEUE_FILING_KEYS = [
  'id',
  'enterpriseId',
  'campaignId',
  'enterpriseName',
  'uscc',
  'countyCode',
  'cityCode',
  'kind',
  'status',
  'statusVersion',
  'submittedAt',
  'lastActionAt',
  'scoreTotal',
  'smeSize',
  'directMet',
  'qualified',
  'industryCode',
  'countyViewedAt',
  'cityViewedAt',
] as const satisfies readonly (keyof FilingRow)[];

export type QueueFilingRow = Pick<FilingRow, (typeof QUEUE_FILING_KEYS)[number]> & {
  campaignYear: number;
  campaignName: string;
  contactName: string | null;
  contactMobile: string | null;
  lastReason: string | null;
  handledAt: string | Date | null;
  handlerName: string | null;
};

/** The queue's query once the campaign filter is resolved to a campaign id (null: every campaign). */
export type QueueFilter = QueueQuery & { campaignId?: string | null };

/**
 * The statuses waiting at the caller's level ("待我审核"). Only county and city reviewers review filings one by one;
 * nothing in a filing's workflow waits for the province (it follows the counties' and cities' work in the
 * region-wide list, and the cities' lists on 各市名单), so its 待我审核 is empty (issue #16).
 */
export function pendingStatuses(actor: Actor): FilingStatus[] {
  switch (actor.role) {
    case 'county_reviewer':
      return ['county_review'];
    case 'city_reviewer':
      return ['city_review'];
    default:
      return [];
  }
}

/** Whether the filing waits at the caller's level and has not been opened there since it arrived. */
export function isUnviewed(
  actor: Actor,
  f: Pick<FilingRow, 'status' | 'countyViewedAt' | 'cityViewedAt' | 'submittedAt'>,
): boolean {
  if (actor.role === 'county_reviewer' && f.status === 'county_review') {
    // A resubmission arrives anew: a view before the (re)submission does not count.
    return f.countyViewedAt === null || (f.submittedAt !== null && f.countyViewedAt < f.submittedAt);
  }
  if (actor.role === 'city_reviewer' && f.status === 'city_review') return f.cityViewedAt === null;
  return false;
}

/** The review actions the caller may take on a filing now (the workflow table, then jurisdiction via can()). */
export function allowedReviewActions(
  actor: Actor,
  f: Pick<FilingRow, 'enterpriseId' | 'countyCode' | 'cityCode' | 'status'>,
): ReviewAction[] {
  const record = {
    enterpriseId: f.enterpriseId,
    countyCode: f.countyCode,
    cityCode: f.cityCode,
    status: f.status as FilingStatus,
  };
  return reviewActionsFor(record.status, actor.role).filter((a) => can(actor, a, record));
}

export function regionNameOf(countyCode: string | null): string | null {
  return countyCode ? (regionPath(countyCode) ?? countyCode) : null;
}

export function smeSizeLabel(size: string | null): string | null {
  if (!size) return null;
  const name = SIZE_NAMES_ZH[size as SmeSize];
  return name ? `${name}企业` : size;
}

export function toQueueRow(actor: Actor, f: QueueFilingRow): QueueRow {
  return {
    id: f.id,
    enterpriseName: f.enterpriseName,
    uscc: f.uscc,
    countyCode: f.countyCode,
    cityCode: f.cityCode,
    regionName: regionNameOf(f.countyCode),
    kind: f.kind as FilingKind,
    kindLabel: FILING_KIND_LABELS[f.kind as FilingKind] ?? f.kind,
    status: f.status as FilingStatus,
    statusLabel: FILING_STATUS_LABELS[f.status as FilingStatus] ?? f.status,
    statusVersion: f.statusVersion,
    submittedAt: f.submittedAt?.toISOString() ?? null,
    lastActionAt: f.lastActionAt.toISOString(),
    scoreTotal: f.scoreTotal,
    smeSize: f.smeSize,
    smeSizeLabel: smeSizeLabel(f.smeSize),
    directMet: f.directMet,
    qualified: f.qualified,
    industryCode: f.industryCode,
    campaignYear: f.campaignYear,
    campaignName: f.campaignName,
    contactName: f.contactName,
    contactMobileMasked: f.contactMobile ? maskMobile(f.contactMobile) : null,
    reason: f.lastReason,
    handledAt: f.handledAt === null ? null : new Date(f.handledAt).toISOString(),
    handlerName: f.handlerName,
    unviewed: isUnviewed(actor, f),
    allowedActions: allowedReviewActions(actor, f),
  };
}
