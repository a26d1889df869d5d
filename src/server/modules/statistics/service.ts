/**
 * Aggregate statistics: a handful of GROUP BY queries per request, each over one indexed access path, grouped
 * by the child region (city code for the province, county code for a city or county). No row leaves the
 * database; the totals row is the sum of the child rows.
 *
 * Access paths (see the report / docs for the recommended extra indexes):
 *   enterprises   by city_code / county_code (enterprises_county_idx; city needs an index, see below)
 *   filings       filings_campaign_idx (campaign_id, status)
 *   clearances    clearances_uq (campaign_id, enterprise_id); a stored 拟清退 past its expiry at `now` counts as
 *                 已失效 (`expired`), as the cycle module shows it (ADR 0021)
 *   obligations   update_obligations_region_idx (campaign_id, city_code, county_code): 应更新企业数 as recorded
 *                 when the campaign opened; campaigns without rows fall back to deriving it from today's status
 *   list entries  recognition_lists_city_uq (campaign_id, city_code, kind) → entries by list
 */
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { UPDATED_STATUSES } from '../../../shared/cycle';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../../../shared/permissions';
import { can as canStatistics, ownRegion } from '../../../shared/permissions/statistics';
import { cities, countiesOf, findRegion, regionPath } from '../../../shared/regions';
import { FILING_KINDS, FILING_STATUSES } from '../../../shared/schemas/filing-api';
import type { RegionFigures, SummaryResponse, TrendResponse } from '../../../shared/schemas/statistics-api';
import type { DbOrTx } from '../../db/client';
import { campaigns } from '../../db/schema';
import type { Campaign } from '../campaigns/service';
import { proposalLive, type ClearancePeriods } from '../cycle/service/clearances';
import { getProvinceSettings } from '../settings/service';
import { shanghaiDayStart } from '../../../shared/time';

const UPDATED = sql.raw(UPDATED_STATUSES.map((s) => `'${s}'`).join(','));

/**
 * The region the caller asks about ('statistics.read'): defaults to its own region (the policy's `ownRegion`),
 * must be a known region the policy lets it read. An account without a region may read none (403).
 */
export function resolveRegion(actor: Actor, regionCode: string | undefined): string {
  const own = ownRegion(actor);
  if (!own) throw new AppError('FORBIDDEN');
  const code = regionCode ?? own;
  if (!findRegion(code) || !canStatistics(actor, 'statistics.read', { regionCode: code })) {
    throw AppError.of('REGION_NOT_FOUND');
  }
  return code;
}

interface Grouping {
  /** The child regions, in order. */
  children: { code: string; name: string }[];
  /** 'city_code' or 'county_code'. */
  key: 'city_code' | 'county_code';
  /** Restricts a table alias to the region. */
  where: (alias: string) => SQL;
}

function grouping(regionCode: string): Grouping {
  const region = findRegion(regionCode)!;
  if (region.level === 'province') {
    return {
      children: cities().map((c) => ({ code: c.code, name: c.name })),
      key: 'city_code',
      where: (a) => sql.raw(`${a}.city_code is not null`),
    };
  }
  if (region.level === 'city') {
    return {
      children: countiesOf(regionCode).map((c) => ({ code: c.code, name: c.name })),
      key: 'county_code',
      where: (a) => sql`${sql.raw(a)}.city_code = ${regionCode}`,
    };
  }
  return {
    children: [{ code: regionCode, name: region.name }],
    key: 'county_code',
    where: (a) => sql`${sql.raw(a)}.county_code = ${regionCode}`,
  };
}

function emptyFigures(code: string, name: string): RegionFigures {
  const zero = <K extends string>(keys: readonly K[]) =>
    Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  return {
    regionCode: code,
    regionName: name,
    registeredEnterprises: 0,
    inDb: 0,
    filings: { total: 0, byStatus: zero(FILING_STATUSES), byKind: zero(FILING_KINDS) },
    approvals: { total: 0, byKind: zero(FILING_KINDS) },
    announcedInnovative: 0,
    clearances: { proposed: 0, expired: 0, confirmed: 0, cancelled: 0, reinstated: 0 },
    update: { obligated: 0, updated: 0, rate: null },
  };
}

function rate(updated: number, obligated: number): number | null {
  return obligated === 0 ? null : Math.round((updated / obligated) * 10000) / 10000;
}

type Rows<T> = { rows: T[] } | T[];
async function run<T>(db: DbOrTx, q: SQL): Promise<T[]> {
  const r = (await db.execute(q)) as unknown as Rows<T>;
  return Array.isArray(r) ? r : r.rows;
}

/** When a 拟清退 proposal counts as 已失效: the time asked about and the province's proposal expiry period. */
export type ExpiryPeriods = Pick<ClearancePeriods, 'now' | 'proposalExpiryDays'>;

/**
 * The figures of `regionCode`'s children for a campaign (null: no campaign that year). A 拟清退 proposal past its
 * expiry at `periods.now` is counted as `expired` (已失效), not as `proposed`.
 */
export async function regionFigures(
  db: DbOrTx,
  regionCode: string,
  year: number,
  campaign: Campaign | null,
  periods: ExpiryPeriods,
): Promise<{ rows: RegionFigures[]; total: RegionFigures }> {
  const g = grouping(regionCode);
  const byCode = new Map(g.children.map((c) => [c.code, emptyFigures(c.code, c.name)]));
  const at = (code: string | null) => (code ? byCode.get(code) : undefined);
  const key = sql.raw(g.key);
  const yearEnd = shanghaiDayStart(`${year + 1}-01-01`).toISOString();

  const ents = await run<{ k: string | null; registered: number; in_db: number }>(
    db,
    sql`select e.${key} as k, count(*) filter (where e.created_at < ${yearEnd}::timestamptz)::int as registered,
          count(*) filter (where e.db_status = 'in_db')::int as in_db
        from enterprises e where ${g.where('e')} group by 1`,
  );
  for (const r of ents) {
    const f = at(r.k);
    if (f) {
      f.registeredEnterprises = r.registered;
      f.inDb = r.in_db;
    }
  }

  if (campaign) {
    const fl = await run<{ k: string | null; kind: string; status: string; n: number }>(
      db,
      sql`select f.${key} as k, f.kind, f.status, count(*)::int as n from filings f
          where f.campaign_id = ${campaign.id} and ${g.where('f')} group by 1, 2, 3`,
    );
    for (const r of fl) {
      const f = at(r.k);
      if (!f) continue;
      f.filings.total += r.n;
      const s = r.status as keyof typeof f.filings.byStatus;
      if (s in f.filings.byStatus) f.filings.byStatus[s] += r.n;
      const kind = r.kind as keyof typeof f.filings.byKind;
      if (kind in f.filings.byKind) f.filings.byKind[kind] += r.n;
      if (r.status === 'approved') {
        f.approvals.total += r.n;
        if (kind in f.approvals.byKind) f.approvals.byKind[kind] += r.n;
      }
    }

    const listKey = g.key === 'city_code' ? sql.raw('l.city_code') : sql.raw('x.county_code');
    const an = await run<{ k: string | null; n: number }>(
      db,
      sql`select ${listKey} as k, count(*)::int as n from recognition_list_entries x
          join recognition_lists l on l.id = x.list_id
          where l.campaign_id = ${campaign.id} and l.kind = 'innovative' and l.status = 'announced'
            and x.state = 'included' and ${g.where(findRegion(regionCode)!.level === 'county' ? 'x' : 'l')}
          group by 1`,
    );
    for (const r of an) {
      const f = at(r.k);
      if (f) f.announcedInnovative = r.n;
    }

    // Unaliased: proposalLive names the clearances table's columns.
    const cl = await run<{ k: string | null; status: string; n: number }>(
      db,
      sql`select clearances.${key} as k,
            case when ${proposalLive(periods, false)} then 'expired' else clearances.status end as status,
            count(*)::int as n
          from clearances
          where clearances.campaign_id = ${campaign.id} and ${g.where('clearances')} group by 1, 2`,
    );
    for (const r of cl) {
      const f = at(r.k);
      const s = r.status as keyof RegionFigures['clearances'];
      if (f && s in f.clearances) f.clearances[s] = r.n;
    }

    const cid = campaign.id;
    const recorded = await run<{ one: number }>(
      db,
      sql`select 1 as one from update_obligations o where o.campaign_id = ${cid} limit 1`,
    );
    let up: { k: string | null; obligated: number; updated: number }[];
    if (recorded.length > 0) {
      // 应更新企业数 as recorded when the campaign opened: a past year's rate does not drift with today's status.
      // The updated count is a WHERE EXISTS, i.e. a semi-join the planner chooses per region: a hash semi-join
      // over one scan of the campaign's filings for the province, index probes for a county. It used to be
      // `count(*) filter (where exists …)`, a correlated subplan run once per obligation whatever the size
      // (issue #7: 279,141 probes, 1.28 s at 10^6 filings → 0.29 s; see docs/performance.md).
      const done = sql`exists (select 1 from filings u where u.enterprise_id = o.enterprise_id and u.campaign_id = ${cid}
        and ((u.kind = 'update' and u.status in (${UPDATED})) or (u.kind = 'entry' and u.status = 'approved')))`;
      up = await run(
        db,
        sql`select k, sum(obligated)::int as obligated, sum(updated)::int as updated from (
              select o.${key} as k, count(*) as obligated, 0::bigint as updated
              from update_obligations o where o.campaign_id = ${cid} and ${g.where('o')} group by 1
              union all
              select o.${key} as k, 0::bigint, count(*)
              from update_obligations o where o.campaign_id = ${cid} and ${g.where('o')} and ${done} group by 1
            ) t group by 1`,
      );
    } else {
      // Campaigns opened before obligations were recorded: derived from today's status.
      const hasUpdate = sql`exists (select 1 from filings u where u.enterprise_id = e.id and u.campaign_id = ${cid} and u.kind = 'update')`;
      const updated = sql`exists (select 1 from filings u where u.enterprise_id = e.id and u.campaign_id = ${cid} and u.kind = 'update' and u.status in (${UPDATED}))`;
      const entered = sql`exists (select 1 from filings n where n.enterprise_id = e.id and n.campaign_id = ${cid} and n.kind = 'entry' and n.status = 'approved')`;
      const cleared = sql`exists (select 1 from clearances c where c.enterprise_id = e.id and c.campaign_id = ${cid})`;
      const obligated = sql`((e.db_status = 'in_db' and not ${entered}) or ${hasUpdate} or ${cleared})`;
      up = await run(
        db,
        sql`select e.${key} as k, count(*) filter (where ${obligated})::int as obligated,
              count(*) filter (where ${obligated} and ${updated})::int as updated
            from enterprises e
            where ${g.where('e')} and (e.db_status = 'in_db' or ${hasUpdate} or ${cleared})
            group by 1`,
      );
    }
    for (const r of up) {
      const f = at(r.k);
      if (f) f.update = { obligated: r.obligated, updated: r.updated, rate: rate(r.updated, r.obligated) };
    }
  }

  const rows = [...byCode.values()];
  const region = findRegion(regionCode)!;
  const total = emptyFigures(regionCode, regionPath(regionCode) ?? region.name);
  for (const r of rows) {
    total.registeredEnterprises += r.registeredEnterprises;
    total.inDb += r.inDb;
    total.filings.total += r.filings.total;
    for (const s of FILING_STATUSES) total.filings.byStatus[s] += r.filings.byStatus[s];
    for (const k of FILING_KINDS) {
      total.filings.byKind[k] += r.filings.byKind[k];
      total.approvals.byKind[k] += r.approvals.byKind[k];
    }
    total.approvals.total += r.approvals.total;
    total.announcedInnovative += r.announcedInnovative;
    for (const s of ['proposed', 'expired', 'confirmed', 'cancelled', 'reinstated'] as const) {
      total.clearances[s] += r.clearances[s];
    }
    total.update.obligated += r.update.obligated;
    total.update.updated += r.update.updated;
  }
  total.update.rate = rate(total.update.updated, total.update.obligated);
  return { rows, total };
}

async function expiryPeriods(db: DbOrTx, now: Date): Promise<ExpiryPeriods> {
  return { now, proposalExpiryDays: (await getProvinceSettings(db)).proposalExpiryDays };
}

/** The figures of `year`'s campaign as of `now` (which 拟清退 proposals have expired). */
export async function summary(
  db: DbOrTx,
  actor: Actor,
  year: number,
  now: Date,
  regionCode?: string,
): Promise<SummaryResponse> {
  const code = resolveRegion(actor, regionCode);
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.year, year));
  const periods = await expiryPeriods(db, now);
  const { rows, total } = await regionFigures(db, code, year, campaign ?? null, periods);
  return {
    year,
    campaignId: campaign?.id ?? null,
    regionCode: code,
    regionName: total.regionName,
    rows,
    total,
  };
}

export async function trend(
  db: DbOrTx,
  actor: Actor,
  now: Date,
  regionCode?: string,
): Promise<TrendResponse> {
  const code = resolveRegion(actor, regionCode);
  const all = await db.select().from(campaigns).orderBy(asc(campaigns.year));
  const periods = await expiryPeriods(db, now);
  const years: TrendResponse['years'] = [];
  for (const c of all) {
    const { total } = await regionFigures(db, code, c.year, c, periods);
    years.push({ ...total, year: c.year, campaignId: c.id });
  }
  return { regionCode: code, regionName: regionPath(code) ?? code, years };
}
