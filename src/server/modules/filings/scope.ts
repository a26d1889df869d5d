import { and, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../shared/permissions';
import { enterprises, filings } from '../../db/schema';

/**
 * THE jurisdiction rule for filings, in one place (architecture.md "one query scope"): composed into every
 * list and every single-record load, so a filing outside the caller's area is simply "not found".
 *
 * - anonymous: nothing;
 * - an enterprise: its own filings (drafts included);
 * - a county reviewer: submitted filings whose county is its county;
 * - a city reviewer: submitted filings whose city is its city;
 * - the province and administrators: every submitted filing.
 *
 * Drafts never leave the enterprise. Any query that bypasses this scope is named `unscoped…`.
 */
export function filingScope(actor: Actor | null): SQL {
  if (!actor) return sql`false`;
  if (actor.role === 'enterprise') {
    return actor.enterpriseId ? eq(filings.enterpriseId, actor.enterpriseId) : sql`false`;
  }
  const submitted = ne(filings.status, 'draft');
  switch (actor.role) {
    case 'county_reviewer':
      return actor.regionCode ? and(submitted, eq(filings.countyCode, actor.regionCode))! : sql`false`;
    case 'city_reviewer':
      return actor.regionCode ? and(submitted, eq(filings.cityCode, actor.regionCode))! : sql`false`;
    case 'province':
    case 'admin':
      return submitted;
    default:
      return sql`false`;
  }
}

/** Enterprises whose registered region the actor covers (for the licence image): the same rule, by region. */
export function enterpriseScope(actor: Actor | null): SQL {
  if (!actor) return sql`false`;
  switch (actor.role) {
    case 'enterprise':
      return actor.enterpriseId ? eq(enterprises.id, actor.enterpriseId) : sql`false`;
    case 'county_reviewer':
      return actor.regionCode ? eq(enterprises.countyCode, actor.regionCode) : sql`false`;
    case 'city_reviewer':
      return actor.regionCode ? eq(enterprises.cityCode, actor.regionCode) : sql`false`;
    case 'province':
    case 'admin':
      return sql`true`;
    default:
      return sql`false`;
  }
}

/** Whether the actor is the enterprise that owns a filing (the only one who may change it). */
export function isOwner(actor: Actor | null, filing: { enterpriseId: string }): boolean {
  return actor?.role === 'enterprise' && actor.enterpriseId === filing.enterpriseId;
}
