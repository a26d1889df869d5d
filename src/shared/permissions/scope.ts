/**
 * Scopes as data (ADR 0032): which records of a subject an actor reaches, written once as a small predicate that
 * both sides evaluate — `matches(scope, record)` here (what `can()` uses) and the server's SQL twin
 * (`src/server/permissions/sql.ts` `toSql`), which turns the same value into a WHERE clause. A property test keeps
 * `can()` equal to an independent reference model, an integration test keeps the SQL equal to `filter(can)`.
 */
import type { Actor, Role } from './index';

/** The columns a subject may be placed by: its enterprise, its county-level unit, its 设区市. */
export type ScopeColumn = 'enterpriseId' | 'countyCode' | 'cityCode';

export type Scope = { kind: 'all' } | { kind: 'none' } | { kind: 'eq'; column: ScopeColumn; value: string };

export const ALL: Scope = { kind: 'all' };
export const NONE: Scope = { kind: 'none' };

/** A record placed by some of the scope columns (a missing column never matches). */
export type Placed = Partial<Record<ScopeColumn, string | null>>;

export function matches(scope: Scope, record: Placed): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'eq': {
      const v = record[scope.column];
      return v !== undefined && v !== null && v === scope.value;
    }
  }
}

/**
 * THE region rule: an enterprise its own records (where the subject has an enterprise), a county reviewer its
 * county-level unit, a city reviewer its 设区市, the province all of Jiangsu; anyone else — the three
 * administrators (三员分立), a role the subject does not admit, an account without its region — nothing.
 */
export function regionScope(
  actor: Actor | null,
  roles: readonly Role[],
  placedBy: readonly ScopeColumn[],
): Scope {
  if (!actor || !roles.includes(actor.role)) return NONE;
  const has = (c: ScopeColumn) => placedBy.includes(c);
  switch (actor.role) {
    case 'enterprise':
      return has('enterpriseId') && actor.enterpriseId
        ? { kind: 'eq', column: 'enterpriseId', value: actor.enterpriseId }
        : NONE;
    case 'county_reviewer':
      return has('countyCode') && actor.regionCode
        ? { kind: 'eq', column: 'countyCode', value: actor.regionCode }
        : NONE;
    case 'city_reviewer':
      return has('cityCode') && actor.regionCode
        ? { kind: 'eq', column: 'cityCode', value: actor.regionCode }
        : NONE;
    case 'province':
      return ALL;
    default:
      return NONE;
  }
}
