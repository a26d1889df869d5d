import crypto from 'node:crypto';
import { maskPiiDeep } from '../../../shared/pii';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { AppError, type FieldErrors } from '../../../shared/errors';
import type { Actor } from '../../../shared/permissions';
import { findRegion, reviewingDepartments } from '../../../shared/regions';
import {
  FILING_KIND_LABELS,
  FILING_STATUS_LABELS,
  SECTION_KEYS,
  SECTION_LABELS,
  sectionKeysOf,
  type AttachmentView,
  type FilingDetail,
  type FilingKind,
  type FilingStatus,
  type FilingSummary,
  type HistoryItem,
  type SectionKey,
  type SectionState,
} from '../../../shared/schemas/filing-api';
import type { DbOrTx, Tx } from '../../db/client';
import { auditEvents, enterprises, filingHistory, filings, filingSections } from '../../db/schema';
import { audit } from '../../plugins/audit';
import { auditRowColumns } from '../../services/audit-chain';
import { requireActor } from '../../plugins/session';
import type { AppContext } from '../../types';
import { uniqueViolation } from '../auth/common';
import {
  campaignView,
  findCurrentCampaign,
  requireFilingWindow,
  shanghaiDate,
  shanghaiDateLabel,
  startChecks,
  windowClosedMessage,
  type Campaign,
} from '../campaigns/service';
import { actionLabel, levelLabel } from './labels';
import {
  findFilingForSave,
  findLastApproved,
  findScopedFiling,
  getCampaign,
  listScopedFilings,
  loadAttachments,
  loadHistory,
  loadSections,
  registrationLicenceOf,
  reviewerActedSinceSubmission,
  type FilingRow,
  type HistoryRow,
  type SectionRow,
} from './repository';
import {
  allowedEnterpriseActions,
  assess,
  checkAttachmentsSection,
  checkSection,
  checkSubmission,
  prefillEntry,
  prefillUpdate,
  regionCodes,
  type RuleCtx,
  type Sections,
} from './rules';
import { isOwner } from './scope';
import { editableSections, isSectionEditable, returnInfoOf, type LiveFiling } from './editable';
import { standardIdOf } from './standard';
import { currentParams } from '../standards/service';
import { TECH_SME_STANDARD_ID } from '../../../shared/filing/tech-sme-assess';
import { ENTERPRISE_EDITABLE } from '../../../shared/permissions/can';

/** Statuses in which the filing has been handed in (a repeated submit changes nothing). */
const HANDED_IN: ReadonlySet<string> = new Set(['county_review', 'city_review', 'approved', 'refused']);
/** Statuses from which the enterprise may (re)submit. */
const SUBMITTABLE: ReadonlySet<string> = ENTERPRISE_EDITABLE;

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
function returnedToCounty(filing: FilingRow): boolean {
  return (filing.returnInfo as { to?: string } | null)?.to === 'county';
}

export { editableSections, returnInfoOf };

/**
 * Why editing is refused by time now, or null. A draft follows the campaign's filing window; a returned filing
 * may be corrected until the review deadline of the level that returned it (otherwise a return after the
 * window closed could never be answered).
 */
export function editWindowMessage(campaign: Campaign, filing: FilingRow, now: Date): string | null {
  if (filing.status !== 'returned') return windowClosedMessage(campaign, now);
  const level = returnInfoOf(filing)?.level ?? 'county';
  const deadline = level === 'city' ? campaign.cityReviewDeadline : campaign.countyReviewDeadline;
  if (now.getTime() <= deadline.getTime()) return null;
  return `退回修改的截止时间（${shanghaiDateLabel(deadline)}）已过，无法再修改或提交，请联系所在县（市、区）工信部门。`;
}

function requireEditWindow(campaign: Campaign, filing: FilingRow, now: Date): void {
  const message = editWindowMessage(campaign, filing, now);
  if (message) throw new AppError('WINDOW_CLOSED', message);
}

function requireEnterpriseOwner(actor: Actor, filing: FilingRow): void {
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
export const OWN_FILINGS_ENTERPRISE_ONLY =
  '“我的填报”仅供企业账号使用；本地区的填报请在“待我审核”中查看（支持筛选和分页）。';

/** The enterprise's own filings, newest first (an enterprise has a handful; no paging needed). */
export async function listOwnFilings(ctx: AppContext, actor: Actor): Promise<FilingSummary[]> {
  if (actor.role !== 'enterprise' || !actor.enterpriseId) {
    throw new AppError('FORBIDDEN', OWN_FILINGS_ENTERPRISE_ONLY);
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

function sectionsRecord(rows: SectionRow[]): Sections {
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

export async function buildDetail(ctx: AppContext, actor: Actor, filing: FilingRow): Promise<FilingDetail> {
  const db = ctx.db;
  const now = ctx.clock.now();
  // Sequential on purpose: one pooled connection per request.
  const campaign = await getCampaign(db, filing.campaignId);
  const sectionRows = await loadSections(db, filing.id);
  const attachmentRows = await loadAttachments(db, filing.id);
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

async function writeHistory(
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
async function requireEditableSection(
  db: DbOrTx,
  filing: FilingRow,
  campaign: Campaign,
  section: SectionKey,
  now: Date,
): Promise<void> {
  const { editable, sections } = await isSectionEditable(db, filing, section, (attachments) =>
    ruleCtx(campaign, filing.kind, now, attachments),
  );
  if (editable) return;
  const status = FILING_STATUS_LABELS[filing.status as FilingStatus] ?? filing.status;
  const message =
    filing.status === 'returned'
      ? `“${SECTION_LABELS[section]}”不在退回修改的范围内，只能修改：${sections
          .map((k) => SECTION_LABELS[k])
          .join('、')}。`
      : `填报当前状态为“${status}”，不能修改。`;
  throw new AppError('INVALID_STATE', message);
}

function sectionConflict(section: SectionKey): AppError {
  return AppError.of('SECTION_SAVED_ELSEWHERE', { section: SECTION_LABELS[section] });
}

/** Saves one section inside the caller's transaction (optimistic concurrency on the section's version). */
async function saveSectionTx(
  tx: Tx,
  actor: Actor,
  filing: FilingRow,
  campaign: Campaign,
  section: SectionKey,
  data: Record<string, unknown>,
  baseVersion: number,
  now: Date,
): Promise<SectionRow> {
  await requireEditableSection(tx, filing, campaign, section, now);
  const attachments = (await loadAttachments(tx, filing.id)).map((a) => ({ slot: a.attachment.slot }));
  const checked = checkSection(section, data, ruleCtx(campaign, filing.kind, now, attachments));
  const rows = await tx
    .update(filingSections)
    .set({
      data: checked.data,
      version: sql`${filingSections.version} + 1`,
      complete: checked.complete,
      valid: checked.valid,
      updatedAt: now,
      updatedBy: actor.userId,
    })
    .where(
      and(
        eq(filingSections.filingId, filing.id),
        eq(filingSections.section, section),
        eq(filingSections.version, baseVersion),
      ),
    )
    .returning();
  if (rows.length === 0) throw sectionConflict(section);
  return rows[0]!;
}

/**
 * PUT /filings/:id/sections/:section. Saving is never blocked by incomplete or invalid data.
 *
 * Round trips (issues #7, #15): BEGIN; one read (filing FOR NO KEY UPDATE + campaign + attachment slots); one write
 * (the section with its version check, the filing's updated_at and the audit row, as one statement of
 * data-modifying CTEs, all three only when the version matched); COMMIT. The audit row takes no chain lock: it is
 * written with its id (drawn ahead, services/audit-chain.ts) and its mac, and sealed into the day's chain after the
 * commit (ADR 0031). The section is validated once: the check that decided what to
 * store is the answer (the 附件 section alone is judged with the whole filing, read in the same transaction).
 */
export async function saveSection(
  ctx: AppContext,
  request: FastifyRequest,
  id: string,
  section: SectionKey,
  data: Record<string, unknown>,
  baseVersion: number,
): Promise<SectionState> {
  const actor = requireActor(request);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const found = await findFilingForSave(tx, actor, id);
    if (!found) throw AppError.of('FILING_NOT_FOUND');
    const { filing, campaign } = found;
    requireEnterpriseOwner(actor, filing);
    requireEditWindow(campaign, filing, now);
    await requireEditableSection(tx, filing, campaign, section, now);
    const rctx = ruleCtx(
      campaign,
      filing.kind,
      now,
      found.slots.map((slot) => ({ slot })),
    );
    const checked = checkSection(section, data, rctx);
    const at = now.toISOString();
    // The audit row is written unsealed (ADR 0031) with a mac over the version the section gets if the version
    // check passes (baseVersion + 1); on a conflict no row is written and the drawn id stays unused.
    const audited = {
      at: now,
      action: 'filing.section_save',
      success: true,
      userId: actor.userId,
      username: actor.username,
      role: actor.role,
      targetType: 'filing',
      targetId: filing.id,
      ip: request.ip,
      userAgent: String(request.headers['user-agent'] ?? '').slice(0, 300),
      requestId: String(request.id),
      details: { section, version: baseVersion + 1 },
    };
    const signed = await auditRowColumns(tx, ctx.config.auditKey, audited, ctx.db);
    const result = await tx.execute<{ version: number }>(sql`
      with s as (
        update ${filingSections}
        set data = ${JSON.stringify(checked.data)}::jsonb, version = version + 1,
            complete = ${checked.complete}::boolean, valid = ${checked.valid}::boolean,
            updated_at = ${at}::timestamptz, updated_by = ${actor.userId}::uuid
        where filing_id = ${filing.id}::uuid and section = ${section}::text and version = ${baseVersion}::int
        returning version
      ), f as (
        update ${filings} set updated_at = ${at}::timestamptz
        where id = ${filing.id}::uuid and exists (select 1 from s)
      ), a as (
        insert into ${auditEvents}
          (id, chain, mac, at, action, success, user_id, username, role, target_type, target_id, ip,
           user_agent, request_id, details)
        select ${signed.id}::bigint, ${signed.chain}::text, ${signed.mac}::text,
               ${at}::timestamptz, ${audited.action}::text, true, ${actor.userId}::uuid, ${actor.username}::text,
               ${actor.role}::text, 'filing', ${filing.id}::text, ${audited.ip}::text, ${audited.userAgent}::text,
               ${audited.requestId}::text, jsonb_build_object('section', ${section}::text, 'version', s.version)
        from s
      )
      select version from s`);
    const row = (result as unknown as { rows: { version: number }[] }).rows[0];
    if (!row) throw sectionConflict(section);
    const state =
      section === 'attachments'
        ? checkAttachmentsSection(sectionsRecord(await loadSections(tx, filing.id)), rctx)
        : checked;
    return {
      section,
      data: state.data,
      version: Number(row.version),
      complete: state.complete,
      valid: state.valid,
      fieldErrors: state.fieldErrors,
      updatedAt: at,
    };
  });
}

/** Unambiguous characters (no 0/O, 1/I/L) for the verification code printed on the 申报书. */
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
        message: `以下部分尚未填写完整或有误：${labels}。请按标红提示修改并保存后再提交。`,
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
      .returning({ id: filings.id });
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
    return { kind: 'submitted' as const };
  });
  if (outcome.kind === 'invalid')
    throw new AppError('VALIDATION_FAILED', outcome.message, outcome.fieldErrors);
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
