/**
 * Which sections the enterprise may change now (ADR 0011). A draft or a withdrawn filing: every section. A returned
 * filing: the sections the return marked (all when it marked none), PLUS every section that would stop the
 * resubmission (incomplete or with errors: e.g. a required attachment missing, or a certificate a corrected IP row
 * now needs), PLUS every section already changed since the return (so a section being repaired does not lock
 * itself the moment it becomes complete). A return therefore never leaves the enterprise without a way out.
 */
import { sectionKeysOf, type ReturnInfo, type SectionKey } from '../../../shared/schemas/filing-api';
import type { DbOrTx } from '../../db/client';
import { loadAttachments, loadSections, type FilingRow } from './repository';
import { checkSubmission, regionCodes, type RuleCtx, type Sections } from './rules';
import { findRegion } from '../../../shared/regions';

export function returnInfoOf(filing: FilingRow): ReturnInfo | null {
  return (filing.returnInfo as ReturnInfo | null) ?? null;
}

/** What the live (unsubmitted) filing looks like: its sections, when each changed, and its attachments. */
export interface LiveFiling {
  sections: Sections;
  /** When each section row was last saved. */
  sectionUpdatedAt: Partial<Record<SectionKey, Date>>;
  /** When each attachment was added. */
  attachmentAddedAt: Date[];
  /** The rule context, with the attachment slots. */
  rctx: RuleCtx;
}

/** The sections a return marked, or null when it marked none (= every section). */
export function markedSections(filing: FilingRow): SectionKey[] | null {
  const marked = returnInfoOf(filing)?.sections.map((s) => s.section) ?? [];
  return marked.length === 0 ? null : sectionKeysOf(filing.kind).filter((k) => marked.includes(k));
}

/** Sections that stop a submission now: incomplete, with a field error, or (basic) a 注册地 outside Jiangsu's counties. */
export function blockingSections(live: LiveFiling): SectionKey[] {
  const check = checkSubmission(live.sections, live.rctx);
  const blocking = new Set<SectionKey>(check.incompleteSections);
  for (const key of Object.keys(check.fieldErrors)) blocking.add(key.split('.')[0] as SectionKey);
  const region = regionCodes(live.sections.basic);
  if (!region || findRegion(region.countyCode)?.level !== 'county') blocking.add('basic');
  return sectionKeysOf(live.rctx.kind).filter((k) => blocking.has(k));
}

/**
 * The sections the enterprise may edit now. Without `live`, a returned filing yields only what the return marked
 * (the cheap answer; callers that refuse an edit must pass `live` before refusing).
 */
export function editableSections(filing: FilingRow, live?: LiveFiling): SectionKey[] {
  // A 科技型 filing has its own sections (sectionKeysOf): the others are not part of it.
  const keys = sectionKeysOf(filing.kind);
  if (filing.status === 'draft' || filing.status === 'withdrawn') return [...keys];
  if (filing.status !== 'returned') return [];
  const marked = markedSections(filing);
  if (!marked) return [...keys];
  if (!live) return marked;
  const open = new Set<SectionKey>([...marked, ...blockingSections(live)]);
  const returnedAt = Date.parse(returnInfoOf(filing)?.at ?? '');
  if (Number.isFinite(returnedAt)) {
    for (const key of keys) {
      const at = live.sectionUpdatedAt[key];
      if (at && at.getTime() > returnedAt) open.add(key);
    }
    if (live.attachmentAddedAt.some((at) => at.getTime() > returnedAt)) open.add('attachments');
  }
  return keys.filter((k) => open.has(k));
}

/** Reads the live filing (sections and attachments) for `editableSections`. */
export async function loadLiveFiling(
  db: DbOrTx,
  filing: FilingRow,
  rctxOf: (attachments: { slot: string }[]) => RuleCtx,
): Promise<LiveFiling> {
  const rows = await loadSections(db, filing.id);
  const attachments = await loadAttachments(db, filing.id);
  const sections = {} as Sections;
  const sectionUpdatedAt: LiveFiling['sectionUpdatedAt'] = {};
  for (const key of sectionKeysOf(filing.kind)) {
    const row = rows.find((r) => r.section === key);
    sections[key] = (row?.data ?? {}) as Record<string, unknown>;
    if (row) sectionUpdatedAt[key] = row.updatedAt;
  }
  return {
    sections,
    sectionUpdatedAt,
    attachmentAddedAt: attachments.map((a) => a.attachment.createdAt),
    rctx: rctxOf(attachments.map((a) => ({ slot: a.attachment.slot }))),
  };
}

/** Whether `section` may be edited now; reads the live filing only when the cheap answer is "no" on a return. */
export async function isSectionEditable(
  db: DbOrTx,
  filing: FilingRow,
  section: SectionKey,
  rctxOf: (attachments: { slot: string }[]) => RuleCtx,
): Promise<{ editable: boolean; sections: SectionKey[] }> {
  const cheap = editableSections(filing);
  if (cheap.includes(section) || filing.status !== 'returned') {
    return { editable: cheap.includes(section), sections: cheap };
  }
  const sections = editableSections(filing, await loadLiveFiling(db, filing, rctxOf));
  return { editable: sections.includes(section), sections };
}
