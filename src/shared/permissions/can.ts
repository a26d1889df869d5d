/**
 * Who may do what: one pure `can(actor, action, record)` used by the server (every route) and the browser
 * (which buttons to show). Jurisdiction is data: every filing carries its county and city code, and
 *   - an enterprise sees its own records only;
 *   - a county reviewer sees filings of its county-level unit (a development zone acting as one included);
 *   - a city reviewer sees filings of its 设区市;
 *   - the province sees all of Jiangsu; the three administrators see no business record (三员分立);
 *   - no government user sees a draft that was never submitted.
 * The server's query scope (`filingScope`) expresses the same rule in SQL; a property test keeps them honest.
 */
import type { FilingStatus } from '../schemas/filing-api';
import { findTransition, type ReviewAction } from '../workflow';
import type { Actor } from './index';
import { DEPARTMENTS } from './rule';
import { matches, regionScope } from './scope';

export interface FilingRecord {
  enterpriseId: string;
  countyCode: string | null;
  cityCode: string | null;
  status: FilingStatus;
}

export type FilingAction = 'read' | 'edit' | 'submit' | 'withdraw' | 'export' | ReviewAction;

/** Filings are reached by their own enterprise and by the departments over their region (filings/scope.ts, in SQL). */
const REACHED_BY = [...DEPARTMENTS, 'enterprise'] as const;
const PLACED_BY = ['enterpriseId', 'countyCode', 'cityCode'] as const;

/**
 * Whether the actor's region covers the record (read access), independent of the action: the policy's one region
 * rule (scope.ts `regionScope`), the same value the server's filingScope turns into SQL. The three administrators
 * get no scope (三员分立).
 */
export function covers(
  actor: Actor,
  record: Pick<FilingRecord, 'enterpriseId' | 'countyCode' | 'cityCode'>,
): boolean {
  return matches(regionScope(actor, REACHED_BY, PLACED_BY), record);
}

/** Statuses in which the enterprise may change and (re)submit its filing. */
export const ENTERPRISE_EDITABLE: ReadonlySet<FilingStatus> = new Set(['draft', 'returned', 'withdrawn']);

export function can(actor: Actor | null, action: FilingAction, record: FilingRecord): boolean {
  if (!actor || !covers(actor, record)) return false;
  // A draft is the enterprise's own business until it is submitted.
  if (actor.role !== 'enterprise' && record.status === 'draft') return false;
  switch (action) {
    case 'read':
      return true;
    case 'edit':
    case 'submit':
      return actor.role === 'enterprise' && ENTERPRISE_EDITABLE.has(record.status);
    case 'withdraw':
      return actor.role === 'enterprise' && record.status === 'county_review';
    case 'export':
      return actor.role !== 'enterprise';
    default:
      return findTransition(record.status, action, actor.role) !== undefined;
  }
}
