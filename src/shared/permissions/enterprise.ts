/**
 * Subject: 企业 (an enterprise's own record, ladder and data; its quality score; its personal numbers). Placed by
 * county and city. The enterprise reaches its own; the departments the enterprises their region covers.
 */
import type { Actor } from './index';
import { DEPARTMENTS, decide, type Rule } from './rule';
import { matches, regionScope, type Scope } from './scope';

export interface EnterpriseRecord {
  enterpriseId: string;
  countyCode: string | null;
  cityCode: string | null;
}

const inRegion = (a: Actor, r: EnterpriseRecord) => matches(scope(a), r);
const ownCity = (a: Actor, r: EnterpriseRecord) =>
  matches(regionScope(a, ['city_reviewer', 'province'], ['cityCode']), r);

export const ENTERPRISE_POLICY = {
  /** The enterprise's own pages: its record, its ladder, the export of its own data. */
  'enterprise.own': {
    roles: ['enterprise'],
    when: (a: Actor, r: EnterpriseRecord) => a.enterpriseId !== null && a.enterpriseId === r.enterpriseId,
  },
  /** An enterprise's record (filings, recognitions, events) for the departments over its region. */
  'enterprise.read': { roles: DEPARTMENTS, when: inRegion },
  /** 质量评价得分: read (region), enter or import (the province anywhere, a city its own). */
  'quality.read': { roles: DEPARTMENTS, when: inRegion },
  'quality.write': { roles: ['city_reviewer', 'province'], when: ownCity },
  /** A whole mobile number behind a mask, on an enterprise or a filing: the departments over its region. */
  'pii.reveal': { roles: DEPARTMENTS, when: inRegion },
} as const satisfies Record<string, Rule<EnterpriseRecord>>;

export type EnterpriseAction = keyof typeof ENTERPRISE_POLICY;

/** The enterprises the departments reach (the SQL twin of 'enterprise.read'; enterprises are not in it). */
export function scope(actor: Actor | null): Scope {
  return regionScope(actor, DEPARTMENTS, ['countyCode', 'cityCode']);
}

/** The enterprises whose quality score the actor may enter: the SQL twin of 'quality.write'. */
export function writeScope(actor: Actor | null): Scope {
  return regionScope(actor, ['city_reviewer', 'province'], ['cityCode']);
}

export function can(actor: Actor | null, action: EnterpriseAction, record: EnterpriseRecord): boolean {
  return decide<EnterpriseRecord>(ENTERPRISE_POLICY[action], actor, record);
}
