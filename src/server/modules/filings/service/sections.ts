import { and, eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../../shared/errors';
import type { Actor } from '../../../../shared/permissions';
import {
  FILING_STATUS_LABELS,
  SECTION_LABELS,
  type FilingStatus,
  type SectionKey,
  type SectionState,
} from '../../../../shared/schemas/filing-api';
import type { Db, DbOrTx, Tx } from '../../../db/client';
import { perDatabase } from '../../../db/prepared';
import { auditEvents, campaigns, filings, filingSections } from '../../../db/schema';
import { auditRowColumns } from '../../../services/audit-chain';
import { requireActor } from '../../../plugins/session';
import type { AppContext } from '../../../types';
import { type Campaign } from '../../campaigns/service';
import {
  findFilingForSave,
  isUuid,
  loadAttachments,
  loadSections,
  type FilingRow,
  type SectionRow,
} from '../repository';
import { checkAttachmentsSection, checkSection } from '../rules';
import { editableSections, isSectionEditable } from '../editable';
import { isOwner } from '../scope';
import { requireEditWindow, requireEnterpriseOwner, ruleCtx } from './common';
import { sectionsRecord } from './detail';

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
  if (filing.status === 'returned') {
    throw AppError.of('SECTION_NOT_RETURNED', {
      section: SECTION_LABELS[section],
      sections: sections.map((k) => SECTION_LABELS[k]).join('、'),
    });
  }
  throw AppError.of('FILING_NOT_EDITABLE', {
    status: FILING_STATUS_LABELS[filing.status as FilingStatus] ?? filing.status,
  });
}

function sectionConflict(section: SectionKey): AppError {
  return AppError.of('SECTION_SAVED_ELSEWHERE', { section: SECTION_LABELS[section] });
}

/**
 * The audit row of a section save, both paths: signed over the version the section gets if the version check
 * passes (baseVersion + 1); on a conflict no row is written.
 */
function saveAudit(
  request: FastifyRequest,
  actor: Actor,
  filingId: string,
  section: SectionKey,
  baseVersion: number,
  now: Date,
) {
  return {
    at: now,
    action: 'filing.section_save',
    success: true,
    userId: actor.userId,
    username: actor.username,
    role: actor.role,
    targetType: 'filing',
    targetId: filingId,
    ip: request.ip,
    userAgent: String(request.headers['user-agent'] ?? '').slice(0, 300),
    requestId: String(request.id),
    details: { section, version: baseVersion + 1 },
  };
}

/** Saves one section inside the caller's transaction (optimistic concurrency on the section's version). */
export async function saveSectionTx(
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
 * The section save in one transaction: the path of the attachments section, of a filing some other write changed
 * between the fast path's read and write, and of every case the fast path does not take (saveSection).
 *
 * Round trips (issues #7, #15): BEGIN; one read (filing FOR NO KEY UPDATE + campaign + attachment slots); one write
 * (the section with its version check, the filing's updated_at and the audit row, as one statement of
 * data-modifying CTEs, all three only when the version matched); COMMIT. The audit row takes no chain lock: it is
 * written with its id (drawn ahead, services/audit-chain.ts) and its mac, and sealed into the day's chain after the
 * commit (ADR 0031). The section is validated once: the check that decided what to
 * store is the answer (the 附件 section alone is judged with the whole filing, read in the same transaction).
 */
async function saveSectionLocked(
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
    const audited = saveAudit(request, actor, filing.id, section, baseVersion, now);
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

/** The fast path's read: the filing with its campaign and the row's xmin (the version of the row the checks saw). */
const saveRead = perDatabase((db: Db) =>
  db
    .select({ filing: filings, campaign: campaigns, xmin: sql<string>`${filings}.xmin::text` })
    .from(filings)
    .innerJoin(campaigns, eq(campaigns.id, filings.campaignId))
    .where(eq(filings.id, sql.placeholder('id')))
    .prepare('section_save_read'),
);

/**
 * The fast path's write, ONE statement (its own transaction): lock the filing row FOR NO KEY UPDATE only if it is
 * still the version the checks were made on (xmin; under READ COMMITTED the lock re-reads the newest version and
 * re-checks the condition), then the section with its version check, the filing's updated_at and the signed audit
 * row, the last three only when both held. `locked` = 0 means another write changed the filing in between.
 */
const SAVE_WRITE = `
with f0 as (
  select id from filings where id = $1::uuid and xmin = $2::text::xid for no key update
), s as (
  update filing_sections
  set data = $3::jsonb, version = version + 1, complete = $4::boolean, valid = $5::boolean,
      updated_at = $6::timestamptz, updated_by = $7::uuid
  where filing_id = $1::uuid and section = $8::text and version = $9::int and exists (select 1 from f0)
  returning version
), f as (
  update filings set updated_at = $6::timestamptz where id = $1::uuid and exists (select 1 from s)
), a as (
  insert into audit_events
    (id, chain, mac, at, action, success, user_id, username, role, target_type, target_id, ip, user_agent,
     request_id, details)
  select $10::bigint, $11::text, $12::text, $6::timestamptz, 'filing.section_save', true, $7::uuid, $13::text,
         $14::text, 'filing', $1::text, $15::text, $16::text, $17::text,
         jsonb_build_object('section', $8::text, 'version', s.version)
  from s
)
select (select count(*) from f0)::int as locked, (select version from s) as version`;

/**
 * PUT /filings/:id/sections/:section. Saving is never blocked by incomplete or invalid data.
 *
 * Round trips (issues #7, #15; docs/adr/0038-section-save-two-statements.md): after the session lookup, the owner's
 * save of an editable section is two statements
 * and no BEGIN/COMMIT: one unlocked read (the filing, its campaign and the row's xmin), the checks in TypeScript,
 * then one write statement that locks the row only if it is unchanged (SAVE_WRITE) and writes the section with its
 * version check, the filing's updated_at and the audit row together (a statement is its own transaction). If any
 * other write touched the filing in between (a submit, a return, another section's save), nothing is written and
 * the save runs again as one locked transaction (saveSectionLocked), which decides as it always did. Everything the
 * fast path does not take — another actor, a missing filing, the 附件 section (judged with the whole filing), a
 * returned filing whose marked sections do not include this one — goes the locked way, so its answers (404, 403,
 * which sections are open) are the locked path's. The audit row is written unsealed (ADR 0031) with a mac over the
 * version the section gets if the version check passes (baseVersion + 1); on a conflict no row is written and the
 * drawn id stays unused.
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
  const locked = () => saveSectionLocked(ctx, request, id, section, data, baseVersion);
  if (actor.role !== 'enterprise' || section === 'attachments' || !isUuid(id)) return locked();
  const [found] = await saveRead(ctx.db).execute({ id });
  if (!found || !isOwner(actor, found.filing)) return locked();
  const { filing, campaign } = found;
  if (!editableSections(filing).includes(section)) return locked();
  const now = ctx.clock.now();
  requireEditWindow(campaign, filing, now);
  const checked = checkSection(section, data, ruleCtx(campaign, filing.kind, now));
  const at = now.toISOString();
  const audited = saveAudit(request, actor, filing.id, section, baseVersion, now);
  const signed = await auditRowColumns(ctx.db, ctx.config.auditKey, audited, ctx.db);
  const [row] = await ctx.database.query<{ locked: number; version: number | null }>(
    SAVE_WRITE,
    [
      filing.id,
      found.xmin,
      JSON.stringify(checked.data),
      checked.complete,
      checked.valid,
      at,
      actor.userId,
      section,
      baseVersion,
      signed.id,
      signed.chain,
      signed.mac,
      actor.username,
      actor.role,
      audited.ip,
      audited.userAgent,
      audited.requestId,
    ],
    'section_save_write',
  );
  if (!row || Number(row.locked) === 0) return locked();
  if (row.version === null) throw sectionConflict(section);
  return {
    section,
    data: checked.data,
    version: Number(row.version),
    complete: checked.complete,
    valid: checked.valid,
    fieldErrors: checked.fieldErrors,
    updatedAt: at,
  };
}
