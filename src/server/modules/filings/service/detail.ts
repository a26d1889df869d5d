import { maskPiiDeep } from '../../../../shared/pii';
import { eq } from 'drizzle-orm';
import { AppError, REASONS } from '../../../../shared/errors';
import type { Actor } from '../../../../shared/permissions';
import { reviewingDepartments } from '../../../../shared/regions';
import {
  FILING_KIND_LABELS,
  FILING_STATUS_LABELS,
  SECTION_KEYS,
  type AttachmentView,
  type FilingDetail,
  type FilingKind,
  type FilingStatus,
  type FilingSummary,
  type HistoryItem,
  type SectionKey,
  type SectionState,
} from '../../../../shared/schemas/filing-api';
import type { DbOrTx } from '../../../db/client';
import { enterprises } from '../../../db/schema';
import type { AppContext } from '../../../types';
import { campaignView, type Campaign } from '../../campaigns/service';
import { actionLabel, levelLabel } from '../labels';
import {
  findLastApproved,
  listScopedFilings,
  loadAttachments,
  loadHistory,
  loadSections,
  registrationLicenceOf,
  reviewerActedSinceSubmission,
  type FilingRow,
  type HistoryRow,
  type SectionRow,
} from '../repository';
import {
  allowedEnterpriseActions,
  checkAttachmentsSection,
  checkSection,
  regionCodes,
  type Sections,
} from '../rules';
import { isOwner } from '../scope';
import { editableSections, returnInfoOf, type LiveFiling } from '../editable';
import { currentParams } from '../../standards/service';
import { TECH_SME_STANDARD_ID } from '../../../../shared/filing/tech-sme-assess';
import { editWindowMessage, getScopedFiling, returnedToCounty, ruleCtx } from './common';
import { getCampaign } from '../../campaigns/repository';

function reviewingDepartment(countyCode: string | null): string | null {
  return countyCode ? (reviewingDepartments(countyCode)?.county.name ?? null) : null;
}

function summaryOf(filing: FilingRow, campaign: Campaign, fallbackCounty: string | null): FilingSummary {
  return {
    id: filing.id,
    kind: filing.kind as FilingKind,
    kindLabel: FILING_KIND_LABELS[filing.kind as FilingKind] ?? filing.kind,
    status: filing.status as FilingStatus,
    statusLabel: FILING_STATUS_LABELS[filing.status as FilingStatus] ?? filing.status,
    campaignYear: campaign.year,
    campaignName: campaign.name,
    enterpriseName: filing.enterpriseName,
    submittedAt: filing.submittedAt?.toISOString() ?? null,
    lastActionAt: filing.lastActionAt.toISOString(),
    scoreTotal: filing.scoreTotal,
    reviewingDepartment: reviewingDepartment(filing.countyCode ?? fallbackCounty),
  };
}

/** “我的填报” is an enterprise's own list; government users page through their region's in “待我审核”. */
export const OWN_FILINGS_ENTERPRISE_ONLY = REASONS.OWN_FILINGS_ENTERPRISE_ONLY.message;

/** The enterprise's own filings, newest first (an enterprise has a handful; no paging needed). */
export async function listOwnFilings(ctx: AppContext, actor: Actor): Promise<FilingSummary[]> {
  if (actor.role !== 'enterprise' || !actor.enterpriseId) {
    throw AppError.of('OWN_FILINGS_ENTERPRISE_ONLY');
  }
  const rows = await listScopedFilings(ctx.db, actor);
  const [e] = await ctx.db
    .select({ countyCode: enterprises.countyCode })
    .from(enterprises)
    .where(eq(enterprises.id, actor.enterpriseId));
  return rows.map((r) => summaryOf(r.filing, r.campaign, e?.countyCode ?? null));
}

export interface Snapshot {
  sections: Sections;
  attachments: {
    slot: string;
    fileId: string;
    name: string;
    mimeType: string;
    sizeBytes: number;
    sha256: string;
  }[];
  assessment: Record<string, unknown>;
  standardId: string;
  fiscalYear: number;
  submittedAt: string;
  verificationCode: string;
  countyCode: string;
  cityCode: string;
}

export function snapshotOf(filing: FilingRow): Snapshot | null {
  return (filing.snapshot as unknown as Snapshot | null) ?? null;
}

export function sectionsRecord(rows: SectionRow[]): Sections {
  const out = {} as Sections;
  for (const key of SECTION_KEYS) {
    out[key] = (rows.find((r) => r.section === key)?.data ?? {}) as Record<string, unknown>;
  }
  return out;
}

/** Builds the detail the caller may see: the owner sees the live sections, reviewers the submitted snapshot. */
/** The thresholds in force of the 科技型 table for a 科技型 filing (ADR 0015), else undefined. */
export async function techSmeParams(
  db: DbOrTx,
  kind: string,
): Promise<{ version: number; values: Record<string, string> } | undefined> {
  return kind === 'tech_sme' ? currentParams(db, TECH_SME_STANDARD_ID) : undefined;
}

/**
 * What a caller already read of the filing, in the state the detail shows (e.g. a submit's transaction after its
 * writes), and the handle to read the rest with: the detail then reads only what is missing (issue #15).
 */
export interface LoadedFiling {
  db: DbOrTx;
  campaign: Campaign;
  sectionRows: SectionRow[];
  attachmentRows: Awaited<ReturnType<typeof loadAttachments>>;
}

export async function buildDetail(
  ctx: AppContext,
  actor: Actor,
  filing: FilingRow,
  loaded?: LoadedFiling,
): Promise<FilingDetail> {
  const db = loaded?.db ?? ctx.db;
  const now = ctx.clock.now();
  // Sequential on purpose: one pooled connection per request.
  const campaign = loaded?.campaign ?? (await getCampaign(db, filing.campaignId));
  const sectionRows = loaded?.sectionRows ?? (await loadSections(db, filing.id));
  const attachmentRows = loaded?.attachmentRows ?? (await loadAttachments(db, filing.id));
  const history = await loadHistory(db, filing.id);
  const owner = isOwner(actor, filing);
  const snapshot = snapshotOf(filing);
  const attachments: AttachmentView[] = attachmentRows.map(({ attachment, file }) => ({
    id: attachment.id,
    slot: attachment.slot,
    fileId: file.id,
    name: file.originalName,
    mimeType: file.mimeType,
    sizeBytes: file.sizeBytes,
    createdAt: attachment.createdAt.toISOString(),
  }));
  const rctx = ruleCtx(campaign, filing.kind, now, attachments);
  const useSnapshot = !owner && snapshot !== null;
  const sections = {} as Record<SectionKey, SectionState>;
  const source = useSnapshot ? snapshot.sections : sectionsRecord(sectionRows);
  for (const key of SECTION_KEYS) {
    const row = sectionRows.find((r) => r.section === key);
    const data = source[key] ?? {};
    const checked =
      key === 'attachments' ? checkAttachmentsSection(source, rctx) : checkSection(key, data, rctx);
    sections[key] = {
      section: key,
      // Anyone but the enterprise itself reads the numbers masked; the whole one is an audited reveal (ADR 0025).
      data: owner ? checked.data : maskPiiDeep(useSnapshot ? data : checked.data),
      version: row?.version ?? 0,
      complete: checked.complete,
      valid: checked.valid,
      fieldErrors: checked.fieldErrors,
      updatedAt: (row?.updatedAt ?? filing.updatedAt).toISOString(),
    };
  }
  const live: LiveFiling = {
    sections: sectionsRecord(sectionRows),
    sectionUpdatedAt: Object.fromEntries(sectionRows.map((r) => [r.section, r.updatedAt])),
    attachmentAddedAt: attachmentRows.map((a) => a.attachment.createdAt),
    rctx,
  };
  const everSubmitted = filing.submittedAt !== null;
  let allowedActions: FilingDetail['allowedActions'] = [];
  if (owner) {
    const countyActed = reviewerActedSinceSubmission(history);
    allowedActions = allowedEnterpriseActions(filing.status as FilingStatus, { countyActed, everSubmitted });
    if (editWindowMessage(campaign, filing, now)) {
      allowedActions = allowedActions.filter((a) => a !== 'save' && a !== 'submit');
    }
  } else if (snapshot) {
    allowedActions = ['document'];
  }
  let previous: FilingDetail['previous'] = null;
  if (filing.kind === 'update') {
    const prev = await findLastApproved(db, filing.enterpriseId, campaign.year);
    const prevSnapshot = prev ? snapshotOf(prev.filing) : null;
    if (prev && prevSnapshot) {
      previous = {
        filingId: prev.filing.id,
        campaignYear: prev.campaign.year,
        sections: owner ? prevSnapshot.sections : maskPiiDeep(prevSnapshot.sections),
      };
    }
  }
  const ruleParams = await techSmeParams(db, filing.kind);
  let fallbackCounty: string | null = null;
  if (!filing.countyCode) fallbackCounty = regionCodes(sectionsRecord(sectionRows).basic)?.countyCode ?? null;
  return {
    ...summaryOf(filing, campaign, fallbackCounty),
    campaign: campaignView(campaign, now),
    countyCode: filing.countyCode,
    cityCode: filing.cityCode,
    sections,
    attachments,
    editableSections: owner ? editableSections(filing, live) : [],
    // The enterprise reads a return addressed to it; a city's return to the county is between the departments.
    returnInfo: owner && returnedToCounty(filing) ? null : returnInfoOf(filing),
    registrationLicence: owner ? await registrationLicenceView(db, filing.enterpriseId) : null,
    allowedActions,
    previous,
    ruleParams: ruleParams ? { standardId: TECH_SME_STANDARD_ID, ...ruleParams } : null,
    submission: snapshot
      ? {
          standardId: snapshot.standardId,
          submittedAt: snapshot.submittedAt,
          verificationCode: snapshot.verificationCode,
          assessment: snapshot.assessment,
        }
      : null,
  };
}

async function registrationLicenceView(
  db: DbOrTx,
  enterpriseId: string,
): Promise<FilingDetail['registrationLicence']> {
  const licence = await registrationLicenceOf(db, enterpriseId);
  return licence ? { mimeType: licence.mimeType, sizeBytes: licence.sizeBytes } : null;
}

export async function filingHistoryItems(ctx: AppContext, actor: Actor, id: string): Promise<HistoryItem[]> {
  const filing = await getScopedFiling(ctx.db, actor, id);
  const rows: HistoryRow[] = await loadHistory(ctx.db, filing.id);
  return rows.map((h) => ({
    id: h.id,
    at: h.at.toISOString(),
    action: h.action,
    actionLabel: actionLabel(h.action),
    level: h.level,
    levelLabel: levelLabel(h.level),
    actorName: h.actorName,
    fromStatus: h.fromStatus,
    toStatus: h.toStatus,
    reason: h.reason,
  }));
}
