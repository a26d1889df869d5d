import { and, eq } from 'drizzle-orm';
import { AppError, REASONS } from '../../../../shared/errors';
import type { Actor } from '../../../../shared/permissions';
import { can as canList } from '../../../../shared/permissions/list';
import { findRegion } from '../../../../shared/regions';
import type { DbOrTx, Tx } from '../../../db/client';
import { objections, recognitionListEntries, recognitionLists } from '../../../db/schema';
import { listScope } from '../../../permissions/sql';
import { enqueue } from '../../../services/jobs';
import { isUuid } from '../../filings/repository';

export type ListRow = typeof recognitionLists.$inferSelect;
export type EntryRow = typeof recognitionListEntries.$inferSelect;
export type ObjectionRow = typeof objections.$inferSelect;

export const LIST_NOT_FOUND = REASONS.LIST_NOT_FOUND.message;

/** Job kind of the recognition notification (in-app message + SMS). See the module README in the report. */
export const NOTIFY_RECOGNITION_JOB = 'notify.recognition';
export const RECOGNITION_TITLE_INNOVATIVE = '创新型中小企业';
/**
 * Job kind of the list-outcome notification (in-app message + SMS): an enterprise excluded from a draft list or
 * removed from a list in 公示 because an objection was upheld (issue 16 item 7). Handler in
 * notifications/list-outcome.ts.
 */
export const NOTIFY_LIST_OUTCOME_JOB = 'notify.list_outcome';

/** Enqueues the list-outcome notification in the caller's transaction (once per list, enterprise and outcome). */
export async function enqueueListOutcome(
  tx: Tx,
  p: { enterpriseId: string; listId: string; outcome: 'excluded' | 'removed'; reason: string },
): Promise<void> {
  await enqueue(tx, {
    kind: NOTIFY_LIST_OUTCOME_JOB,
    payload: p,
    dedupeKey: `list:${p.listId}:enterprise:${p.enterpriseId}:${p.outcome}`,
  });
}

export function cityName(code: string): string {
  return findRegion(code)?.name ?? code;
}

export function defaultTitle(cityCode: string, year: number): string {
  return `${cityName(cityCode)}${year}年度创新型中小企业名单`;
}

export function defaultIssuer(cityCode: string): string {
  return `${cityName(cityCode)}工业和信息化局`;
}

export function requireManager(actor: Actor, list: ListRow): void {
  if (!canList(actor, 'list.manage', list)) throw AppError.of('LIST_CITY_ONLY');
}

export async function loadList(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<ListRow> {
  if (!isUuid(id)) throw AppError.of('LIST_NOT_FOUND');
  const q = db
    .select()
    .from(recognitionLists)
    .where(and(eq(recognitionLists.id, id), listScope(actor)));
  const rows = lock ? await q.for('update') : await q;
  if (!rows[0]) throw AppError.of('LIST_NOT_FOUND');
  return rows[0];
}
