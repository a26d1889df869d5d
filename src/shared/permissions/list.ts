/**
 * Subject: 推荐名单 (recognition lists), placed by city. The city builds, publishes and announces its own lists
 * and resolves their objections; the province reads every list and keeps the provincial summary.
 */
import type { Actor } from './index';
import { decide, type Rule } from './rule';
import { matches, regionScope, type Scope } from './scope';

export interface ListRecord {
  cityCode: string;
}

const READERS = ['city_reviewer', 'province'] as const;

const ownCity = (a: Actor, r: ListRecord) => matches(regionScope(a, ['city_reviewer'], ['cityCode']), r);

export const LIST_POLICY = {
  'list.create': { roles: ['city_reviewer'] },
  'list.read': { roles: READERS, when: (a: Actor, r: ListRecord) => matches(scope(a), r) },
  /** Entries, publicity, objections, announcement: the city of the list only; the province only reads. */
  'list.manage': { roles: ['city_reviewer'], when: ownCity },
  /** The provincial summary of all cities' lists and its exports. */
  'list.summary': { roles: ['province'] },
} as const satisfies Record<string, Rule<ListRecord>>;

export type ListAction = keyof typeof LIST_POLICY;

/** The lists the actor reaches: the SQL twin of 'list.read'. */
export function scope(actor: Actor | null): Scope {
  return regionScope(actor, READERS, ['cityCode']);
}

export function can(actor: Actor | null, action: ListAction, record: ListRecord): boolean {
  return decide<ListRecord>(LIST_POLICY[action], actor, record);
}
