import { and, inArray, sql } from 'drizzle-orm';
import { COUNTY_KIND_LABELS, type ReviewUnitsResponse } from '../../../shared/schemas/admin-api';
import { cities, countiesOf } from '../../../shared/regions';
import { users } from '../../db/schema';
import type { AppContext } from '../../types';

/**
 * The 13 设区市 and their county-level review units, development zones flagged, with the number of reviewer
 * accounts each has. Every county-level unit — development zones included — is a review unit (ADR 0004):
 * an enterprise registered in a zone is reviewed by the zone's department, so there is nothing to switch.
 */
export async function reviewUnits(ctx: AppContext): Promise<ReviewUnitsResponse> {
  const rows = await ctx.db
    .select({
      role: users.role,
      regionCode: users.regionCode,
      status: users.status,
      n: sql<number>`count(*)::int`,
    })
    .from(users)
    .where(and(inArray(users.role, ['county_reviewer', 'city_reviewer'])))
    .groupBy(users.role, users.regionCode, users.status);
  const count = (role: string, code: string, active: boolean) =>
    rows
      .filter((r) => r.role === role && r.regionCode === code && (r.status === 'active') === active)
      .reduce((s, r) => s + r.n, 0);

  let units = 0;
  let devZones = 0;
  let unitsWithoutReviewer = 0;
  const out = cities().map((city) => ({
    code: city.code,
    name: city.name,
    reviewerCount: count('city_reviewer', city.code, true),
    disabledReviewerCount: count('city_reviewer', city.code, false),
    units: countiesOf(city.code).map((c) => {
      const reviewerCount = count('county_reviewer', c.code, true);
      units += 1;
      if (c.kind === 'dev_zone') devZones += 1;
      if (reviewerCount === 0) unitsWithoutReviewer += 1;
      return {
        code: c.code,
        name: c.name,
        kind: c.kind,
        kindLabel: COUNTY_KIND_LABELS[c.kind],
        devZone: c.kind === 'dev_zone',
        reviewUnit: true,
        reviewerCount,
        disabledReviewerCount: count('county_reviewer', c.code, false),
      };
    }),
  }));
  return { cities: out, totals: { cities: out.length, units, devZones, unitsWithoutReviewer } };
}
