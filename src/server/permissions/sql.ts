/**
 * The SQL twin of the subjects' scopes (ADR 0032): `toSql` turns a shared `Scope` into a WHERE clause over the
 * columns that place a table's rows, and each subject's scope is bound here to its table once. An integration
 * test (tests/integration/access/scopes.test.ts) checks every one against `filter(can)` on random rows.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from '../../shared/permissions';
import * as clearance from '../../shared/permissions/clearance';
import * as enterprise from '../../shared/permissions/enterprise';
import * as evaluation from '../../shared/permissions/evaluation';
import * as exchange from '../../shared/permissions/exchange';
import * as list from '../../shared/permissions/list';
import type { Scope, ScopeColumn } from '../../shared/permissions/scope';
import { clearances, enterprises, evaluations, filings, recognitionLists } from '../db/schema';

export type ScopeColumns = Partial<Record<ScopeColumn, AnyPgColumn>>;

/** A scope as SQL; a column the table does not have matches nothing (as `matches` does). */
export function toSql(scope: Scope, cols: ScopeColumns): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'none':
      return sql`false`;
    case 'eq': {
      const col = cols[scope.column];
      return col ? eq(col, scope.value) : sql`false`;
    }
  }
}

const FILING_REGION = { countyCode: filings.countyCode, cityCode: filings.cityCode };

/** Evaluations the actor reads ('evaluation.read'). */
export const evaluationScope = (actor: Actor | null): SQL =>
  toSql(evaluation.scope(actor), { countyCode: evaluations.countyCode, cityCode: evaluations.cityCode });

/** Approved filings to evaluate: the same rule, by the filing's columns. */
export const evaluationFilingScope = (actor: Actor | null): SQL =>
  toSql(evaluation.scope(actor), FILING_REGION);

/** Lists the actor reads ('list.read'). */
export const listScope = (actor: Actor | null): SQL =>
  toSql(list.scope(actor), { cityCode: recognitionLists.cityCode });

/** Filings the actor may export ('export.filings'). */
export const exportScope = (actor: Actor | null): SQL => toSql(exchange.scope(actor), FILING_REGION);

/** Clearances the actor reaches ('clearance.read', or the enterprise's own). */
export const clearanceScope = (actor: Actor | null): SQL =>
  toSql(clearance.scope(actor), {
    enterpriseId: clearances.enterpriseId,
    countyCode: clearances.countyCode,
    cityCode: clearances.cityCode,
  });

/** Enterprises the departments reach ('enterprise.read', 'quality.read'). */
export const enterpriseRegionScope = (actor: Actor | null): SQL =>
  toSql(enterprise.scope(actor), { countyCode: enterprises.countyCode, cityCode: enterprises.cityCode });

/** Enterprises whose quality score the actor may enter ('quality.write'). */
export const qualityWriteScope = (actor: Actor | null): SQL =>
  toSql(enterprise.writeScope(actor), { cityCode: enterprises.cityCode });
