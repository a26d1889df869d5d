/**
 * Subject: 年度更新与清退 (update obligations and clearances), placed by county and city and owned by an
 * enterprise. The departments read what their region covers; the city proposes (the province may too), confirms
 * and decides appeals for its own enterprises; the enterprise sees and appeals its own clearances.
 */
import type { Actor } from './index';
import { DEPARTMENTS, decide, type Rule } from './rule';
import { matches, regionScope, type Scope } from './scope';

export interface ClearanceRecord {
  enterpriseId: string;
  countyCode: string;
  cityCode: string;
}

const ownCity = (a: Actor, r: ClearanceRecord) => matches(regionScope(a, ['city_reviewer'], ['cityCode']), r);

export const CLEARANCE_POLICY = {
  /** Schedule the campaign's update reminders and clearance run. */
  'clearance.schedule': { roles: ['province', 'admin'] },
  'clearance.read': {
    roles: DEPARTMENTS,
    when: (a: Actor, r: ClearanceRecord) =>
      matches(regionScope(a, DEPARTMENTS, ['countyCode', 'cityCode']), r),
  },
  'clearance.propose': { roles: ['city_reviewer', 'province'] },
  'clearance.confirm': { roles: ['city_reviewer'], when: ownCity },
  'clearance.decide': { roles: ['city_reviewer'], when: ownCity },
  /** The enterprise's own clearances: list and appeal. */
  'clearance.own': {
    roles: ['enterprise'],
    when: (a: Actor, r: ClearanceRecord) => matches(regionScope(a, ['enterprise'], ['enterpriseId']), r),
  },
} as const satisfies Record<string, Rule<ClearanceRecord>>;

export type ClearanceAction = keyof typeof CLEARANCE_POLICY;

/** The clearances the actor reaches (read, or its own): the SQL twin of 'clearance.read' ∪ 'clearance.own'. */
export function scope(actor: Actor | null): Scope {
  return regionScope(actor, [...DEPARTMENTS, 'enterprise'], ['enterpriseId', 'countyCode', 'cityCode']);
}

export function can(actor: Actor | null, action: ClearanceAction, record: ClearanceRecord): boolean {
  return decide<ClearanceRecord>(CLEARANCE_POLICY[action], actor, record);
}
