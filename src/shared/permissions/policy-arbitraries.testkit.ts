/**
 * What the policy tables' property tests generate (ADR 0032): actors of every role, with or without a region and
 * an enterprise (empty strings included), over a few Jiangsu county-level and city codes. Test code only.
 */
import fc from 'fast-check';
import { ROLES, type Actor } from './index';

/** 昆山, 吴江, 玄武, 栖霞, 梁溪. */
export const COUNTIES = ['320583', '320509', '320102', '320115', '320214'];
/** 苏州, 南京, 无锡. */
export const CITIES = ['320500', '320100', '320200'];
/** Counties, cities, the province's code, an empty and a missing region. */
export const ALL_REGIONS: readonly (string | null)[] = [...COUNTIES, ...CITIES, '320000', '', null];

/** An actor of any role, its region and enterprise drawn from the given values. */
export function actorsOver(
  regionCodes: readonly (string | null)[],
  enterpriseIds: readonly (string | null)[],
): fc.Arbitrary<Actor> {
  return fc.record<Actor>({
    userId: fc.constant('u'),
    username: fc.constant('u'),
    displayName: fc.constant('u'),
    role: fc.constantFrom(...ROLES),
    regionCode: fc.constantFrom(...regionCodes),
    enterpriseId: fc.constantFrom(...enterpriseIds),
  });
}
