/**
 * Subject: 统计. A department reads the figures of any region within its own (the province: Jiangsu 320000);
 * the record is the region asked about. There is no row filter: the region code is the scope.
 */
import { isWithin } from '../regions';
import type { Actor } from './index';
import { DEPARTMENTS, decide, type Rule } from './rule';

export interface StatisticsRecord {
  regionCode: string;
}

export const PROVINCE_CODE = '320000';

/** The region the actor's figures default to: the province's Jiangsu, a reviewer's own region; null for others. */
export function ownRegion(actor: Actor | null): string | null {
  if (!actor || !(DEPARTMENTS as readonly string[]).includes(actor.role)) return null;
  return actor.role === 'province' ? PROVINCE_CODE : actor.regionCode;
}

export const STATISTICS_POLICY = {
  'statistics.read': {
    roles: DEPARTMENTS,
    when: (a: Actor, r: StatisticsRecord) => {
      const own = ownRegion(a);
      return own !== null && isWithin(r.regionCode, own);
    },
  },
} as const satisfies Record<string, Rule<StatisticsRecord>>;

export type StatisticsAction = keyof typeof STATISTICS_POLICY;

export function can(actor: Actor | null, action: StatisticsAction, record: StatisticsRecord): boolean {
  return decide<StatisticsRecord>(STATISTICS_POLICY[action], actor, record);
}
