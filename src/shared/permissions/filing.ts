/**
 * Subject: 填报 (filings). The record-level table — who may read, edit, submit, withdraw, export and take each
 * review action in which status — is `can()` in can.ts (its SQL twin: the server's `filingScope`); this table adds
 * the route-level actions of the review console.
 */
import { can as canFiling, type FilingRecord } from './can';
import type { Actor } from './index';
import { DEPARTMENTS, decide, type Rule } from './rule';

export const FILING_POLICY = {
  /** The review console: queue, counts, export, a filing's review detail and its actions, batch actions. */
  'filing.review': {
    roles: DEPARTMENTS,
    when: (a: Actor, r: FilingRecord) => canFiling(a, 'read', r),
  },
  /** Filings transferred away from the reviewer's unit (a county or city that lost them). */
  'filing.transferred_out': { roles: ['county_reviewer', 'city_reviewer'] },
  /** Correct an enterprise's registered region (moves its open filings to the new unit). */
  'filing.reassign_region': { roles: ['province'] },
} as const satisfies Record<string, Rule<FilingRecord>>;

export type FilingRouteAction = keyof typeof FILING_POLICY;

export function can(actor: Actor | null, action: FilingRouteAction, record: FilingRecord): boolean {
  return decide<FilingRecord>(FILING_POLICY[action], actor, record);
}
