import { and, ne, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../shared/permissions';
import { DEPARTMENTS } from '../../../shared/permissions/rule';
import { regionScope } from '../../../shared/permissions/scope';
import { enterprises, filings } from '../../db/schema';
import { toSql } from '../../permissions/sql';

/**
 * Filings and enterprises are reached by their own enterprise as well as by the departments over their region:
 * the one region rule of the policy (shared/permissions/scope.ts `regionScope`), as SQL (permissions/sql.ts
 * `toSql`).
 */
const REACHED_BY = [...DEPARTMENTS, 'enterprise'] as const;
const PLACED_BY = ['enterpriseId', 'countyCode', 'cityCode'] as const;

/**
 * THE jurisdiction rule for filings, in one place (architecture.md "one query scope"): composed into every
 * list and every single-record load, so a filing outside the caller's area is simply "not found".
 *
 * - anonymous: nothing;
 * - an enterprise: its own filings (drafts included);
 * - a county reviewer: submitted filings whose county is its county;
 * - a city reviewer: submitted filings whose city is its city;
 * - the province: every submitted filing (the three administrators: none, 三员分立).
 *
 * Drafts never leave the enterprise. Any query that bypasses this scope is named `unscoped…`. Checked against
 * the shared `can()` on random rows by tests/integration/access/scopes.test.ts.
 */
export function filingScope(actor: Actor | null): SQL {
  const region = toSql(regionScope(actor, REACHED_BY, PLACED_BY), {
    enterpriseId: filings.enterpriseId,
    countyCode: filings.countyCode,
    cityCode: filings.cityCode,
  });
  // Drafts never leave the enterprise.
  return actor && actor.role !== 'enterprise' ? and(ne(filings.status, 'draft'), region)! : region;
}

/** Enterprises whose registered region the actor covers, or its own (for the licence image): the same rule. */
export function enterpriseScope(actor: Actor | null): SQL {
  return toSql(regionScope(actor, REACHED_BY, PLACED_BY), {
    enterpriseId: enterprises.id,
    countyCode: enterprises.countyCode,
    cityCode: enterprises.cityCode,
  });
}

/** Whether the actor is the enterprise that owns a filing (the only one who may change it). */
export function isOwner(actor: Actor | null, filing: { enterpriseId: string }): boolean {
  return actor?.role === 'enterprise' && actor.enterpriseId === filing.enterpriseId;
}
