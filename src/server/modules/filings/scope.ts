import { and, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
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
 * - the province: every submitted filing (the three administrators: none, 三员分立).
 *
 * Drafts never leave the enterprise. Any query that bypasses this scope is named `unscoped…`.
 */
/** The columns that place a record in a region (and, optionally, with its enterprise). */
export interface RegionColumns {
  /** When given, an enterprise sees its own records; otherwise enterprises see none. */
  enterpriseId?: AnyPgColumn;
  countyCode: AnyPgColumn;
  cityCode: AnyPgColumn;
}

/**
 * THE region rule, for any table that carries a county and a city code: an enterprise its own records, a county
 * reviewer its county, a city reviewer its city, the province all of Jiangsu; the three administrators and anonymous nothing (三员分立).
 */
export function regionScope(actor: Actor | null, cols: RegionColumns): SQL {
  if (!actor) return sql`false`;
  switch (actor.role) {
    case 'enterprise':
      return cols.enterpriseId && actor.enterpriseId ? eq(cols.enterpriseId, actor.enterpriseId) : sql`false`;
    case 'county_reviewer':
      return actor.regionCode ? eq(cols.countyCode, actor.regionCode) : sql`false`;
    case 'city_reviewer':
      return actor.regionCode ? eq(cols.cityCode, actor.regionCode) : sql`false`;
    case 'province':
      return sql`true`;
    default:
      return sql`false`;
  }
}

export function filingScope(actor: Actor | null): SQL {
  const region = regionScope(actor, {
    enterpriseId: filings.enterpriseId,
    countyCode: filings.countyCode,
    cityCode: filings.cityCode,
  });
  // Drafts never leave the enterprise.
  return actor && actor.role !== 'enterprise' ? and(ne(filings.status, 'draft'), region)! : region;
}

/** Enterprises whose registered region the actor covers (for the licence image): the same rule, by region. */
export function enterpriseScope(actor: Actor | null): SQL {
  return regionScope(actor, {
    enterpriseId: enterprises.id,
    countyCode: enterprises.countyCode,
    cityCode: enterprises.cityCode,
  });
}

/** Whether the actor is the enterprise that owns a filing (the only one who may change it). */
export function isOwner(actor: Actor | null, filing: { enterpriseId: string }): boolean {
  return actor?.role === 'enterprise' && actor.enterpriseId === filing.enterpriseId;
}
