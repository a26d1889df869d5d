/**
 * 已转出 (issue #16, ADR 0020): after a transfer (转交, or the administrator's 注册地 correction) the losing county —
 * or the losing city, when the province moved a filing to another city — no longer sees the filing through the
 * jurisdiction scope. It keeps a read-only trace: the filing's name, credit code, kind, campaign, when and where it
 * went, by whom and why, and the history up to that transfer. Nothing else: no submitted content, no files, and
 * nothing that happened after it left.
 *
 * Found through the transfer history rows (action 'transfer', details.fromCountyCode), read by the partial
 * expression index filing_history_transfer_from_idx. A filing that came back to the caller's region is not
 * "transferred out": the ordinary review page shows it.
 */
import { and, desc, eq, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../../../shared/permissions';
import { countiesOf, regionPath } from '../../../shared/regions';
import { FILING_KIND_LABELS, type FilingKind } from '../../../shared/schemas/filing-api';
import type { TransferredOutDetail, TransferredOutItem } from '../../../shared/schemas/review-api';
import type { DbOrTx } from '../../db/client';
import { campaigns, filingHistory, filings } from '../../db/schema';
import { historyItem } from './detail';

const FROM_COUNTY = sql<string>`(${filingHistory.details} ->> 'fromCountyCode')`;

/** The counties whose transfers out concern the caller, and the condition "the filing is no longer ours". */
function lossOf(actor: Actor): { counties: string[]; gone: SQL } | null {
  if (!actor.regionCode) return null;
  if (actor.role === 'county_reviewer') {
    return { counties: [actor.regionCode], gone: ne(filings.countyCode, actor.regionCode) };
  }
  if (actor.role === 'city_reviewer') {
    const counties = countiesOf(actor.regionCode, { devZones: true }).map((c) => c.code);
    return { counties, gone: ne(filings.cityCode, actor.regionCode) };
  }
  return null;
}

interface Row {
  historyId: number;
  at: Date;
  reason: string | null;
  actorName: string | null;
  details: Record<string, unknown> | null;
  id: string;
  enterpriseName: string;
  uscc: string;
  kind: string;
  campaignYear: number;
}

function itemOf(r: Row): TransferredOutItem {
  const d = r.details ?? {};
  const from = typeof d['fromCountyCode'] === 'string' ? d['fromCountyCode'] : null;
  const to = typeof d['toCountyCode'] === 'string' ? d['toCountyCode'] : null;
  return {
    id: r.id,
    enterpriseName: r.enterpriseName,
    uscc: r.uscc,
    kind: r.kind as FilingKind,
    kindLabel: FILING_KIND_LABELS[r.kind as FilingKind] ?? r.kind,
    campaignYear: r.campaignYear,
    statusLabel: '已转出',
    transferredAt: r.at.toISOString(),
    fromRegion: from ? (regionPath(from) ?? from) : null,
    toRegion: to ? (regionPath(to) ?? to) : null,
    reason: r.reason,
    actorName: r.actorName,
  };
}

/** The latest transfer out of the caller's region of each filing now outside it (newest first). */
async function transfersOut(db: DbOrTx, actor: Actor, filingId?: string): Promise<Row[]> {
  const loss = lossOf(actor);
  if (!loss || loss.counties.length === 0) return [];
  const rows = await db
    .select({
      historyId: filingHistory.id,
      at: filingHistory.at,
      reason: filingHistory.reason,
      actorName: filingHistory.actorName,
      details: filingHistory.details,
      id: filings.id,
      enterpriseName: filings.enterpriseName,
      uscc: filings.uscc,
      kind: filings.kind,
      campaignYear: campaigns.year,
    })
    .from(filingHistory)
    .innerJoin(filings, eq(filings.id, filingHistory.filingId))
    .innerJoin(campaigns, eq(campaigns.id, filings.campaignId))
    .where(
      and(
        eq(filingHistory.action, 'transfer'),
        inArray(FROM_COUNTY, loss.counties),
        loss.gone,
        filingId ? eq(filings.id, filingId) : undefined,
      ),
    )
    .orderBy(desc(filingHistory.id))
    .limit(500);
  // A filing may have left several times (out, back, out again): its latest departure counts.
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

export async function listTransferredOut(db: DbOrTx, actor: Actor): Promise<TransferredOutItem[]> {
  return (await transfersOut(db, actor)).map(itemOf);
}

export async function transferredOutDetail(
  db: DbOrTx,
  actor: Actor,
  id: string,
): Promise<TransferredOutDetail> {
  const notFound = () => AppError.of('TRANSFERRED_FILING_NOT_FOUND');
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const [row] = await transfersOut(db, actor, id);
  if (!row) throw notFound();
  const history = await db
    .select()
    .from(filingHistory)
    .where(and(eq(filingHistory.filingId, id), lte(filingHistory.id, row.historyId)))
    .orderBy(filingHistory.id);
  return { ...itemOf(row), history: history.map((h) => historyItem(h)) };
}
