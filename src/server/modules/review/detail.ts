/**
 * The review page: everything a reviewer needs about one filing in one response — the submitted snapshot,
 * attachments, the frozen assessment, the 数据更新 comparison, data-quality flags, the history, the return info,
 * what changed on resubmission and the caller's allowed actions. Opening it marks the filing viewed at the
 * caller's level and writes a filing.view audit row.
 */
import { filingNoticeStatuses, type NoticeStatus } from '../notifications/notice-status';
import { and, desc, eq, lt, ne } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../../../shared/permissions';
import { parseAmount } from '../../../shared/money';
import { maskPiiDeep, maskPiiValue } from '../../../shared/pii';
import {
  FILING_KIND_LABELS,
  FILING_STATUS_LABELS,
  SECTION_KEYS,
  type FilingKind,
  type FilingStatus,
  type ReturnInfo,
  type SectionKey,
} from '../../../shared/schemas/filing-api';
import type { DataQualityFlag, ReviewDetail, ReviewHistoryItem } from '../../../shared/schemas/review-api';
import { REVIEW_ACTION_LABELS, type ReviewAction } from '../../../shared/workflow';
import type { DbOrTx } from '../../db/client';
import { campaigns, filings } from '../../db/schema';
import { audit } from '../../plugins/audit';
import type { AppContext } from '../../types';
import { shanghaiDateLabel } from '../campaigns/service';
import { actionLabel, levelLabel } from '../filings/labels';
import { findScopedFiling, loadHistory, type HistoryRow } from '../filings/repository';
import { attachmentSlotLabel } from '../filings/rules';
import { snapshotOf, type Snapshot } from '../filings/service';
import { effectiveDeadline } from './actions';
import { diffSections, fieldLabel, flatten, sameValue } from './diff';
import { allowedReviewActions, isUnviewed, regionNameOf, smeSizeLabel, type FilingRow } from './queue';
import { getCampaign } from '../campaigns/repository';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A comparison row with a personal number masked on both sides (ADR 0025): "changed" is computed before. */
const maskChange = <T extends { path: string; previous: unknown; current: unknown }>(f: T): T => ({
  ...f,
  previous: maskPiiValue(f.path, f.previous),
  current: maskPiiValue(f.path, f.current),
});

const cents = (v: unknown): bigint | null => {
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  if (typeof v === 'string' && v.trim() === '') return null;
  const r = parseAmount(v);
  return r.ok ? r.cents : null;
};

function statusLabel(s: string | null): string | null {
  return s ? (FILING_STATUS_LABELS[s as FilingStatus] ?? s) : null;
}

/** The enterprise's approved filings of EARLIER campaigns, newest first. Unscoped: the comparison base of a
 * filing the caller may already see (the enterprise may have moved region since). */
export async function unscopedEarlierApproved(db: DbOrTx, filing: FilingRow, campaignYear: number) {
  return db
    .select({ filing: filings, year: campaigns.year })
    .from(filings)
    .innerJoin(campaigns, eq(campaigns.id, filings.campaignId))
    .where(
      and(
        eq(filings.enterpriseId, filing.enterpriseId),
        eq(filings.status, 'approved'),
        // The 入库培育 filings only: a 科技型 self-evaluation has its own sections (ADR 0012).
        ne(filings.kind, 'tech_sme'),
        ne(filings.id, filing.id),
        lt(campaigns.year, campaignYear),
      ),
    )
    .orderBy(desc(campaigns.year), desc(filings.submittedAt));
}

/** Year figures compared with what the enterprise filed for the same fiscal year in earlier approved filings. */
const YEAR_FIELDS_CHECKED: readonly string[] = [
  'operatingRevenue',
  'mainBusinessRevenue',
  'rdExpense',
  'totalAssets',
  'totalLiabilities',
  'totalProfit',
  'netProfit',
  'employees',
];

/** Data-quality flags a reviewer should look at (never block an action). */
export function dataQualityFlags(
  filing: Pick<FilingRow, 'uscc' | 'smeSize'>,
  snapshot: Snapshot | null,
  campaignYear: number,
  earlier: { year: number; sections: Partial<Record<SectionKey, unknown>> }[],
): DataQualityFlag[] {
  const flags: DataQualityFlag[] = [];
  const ops = snapshot?.sections.operations;
  const years = isObj(ops) && isObj(ops['years']) ? (ops['years'] as Obj) : {};
  for (const [year, data] of Object.entries(years).sort(([a], [b]) => a.localeCompare(b))) {
    if (!isObj(data)) continue;
    const rev = cents(data['operatingRevenue']);
    const main = cents(data['mainBusinessRevenue']);
    const rd = cents(data['rdExpense']);
    if (rev !== null && main !== null && main > rev) {
      flags.push({
        code: 'main_revenue_above_revenue',
        message: `${year} 年度主营业务收入（${data['mainBusinessRevenue']} 万元）大于营业收入（${data['operatingRevenue']} 万元），主营业务收入应包含在营业收入之内`,
        section: 'operations',
        path: `years.${year}.mainBusinessRevenue`,
      });
    }
    if (rev !== null && rd !== null && rd > rev) {
      flags.push({
        code: 'rd_above_revenue',
        message: `${year} 年度研发费用（${data['rdExpense']} 万元）大于营业收入（${data['operatingRevenue']} 万元）`,
        section: 'operations',
        path: `years.${year}.rdExpense`,
      });
    }
  }
  const y1 = String(campaignYear - 1);
  const y2 = String(campaignYear - 2);
  const m1 = isObj(years[y1]) ? cents((years[y1] as Obj)['mainBusinessRevenue']) : null;
  const m0 = isObj(years[y2]) ? cents((years[y2] as Obj)['mainBusinessRevenue']) : null;
  // growth = m1 / m0 − 1 > 200 %  ⇔  m1 > 3 · m0 (exact, in cents)
  if (m1 !== null && m0 !== null && m0 > 0n && m1 > 3n * m0) {
    const pct = Number(((m1 - m0) * 10000n) / m0) / 100;
    flags.push({
      code: 'growth_above_200',
      message: `${y1} 年度主营业务收入增长率为 ${pct.toFixed(2)}%，超过 200%，请核对两个年度的主营业务收入`,
      section: 'operations',
      path: `years.${y1}.mainBusinessRevenue`,
    });
  }
  const assessment = snapshot?.assessment as Obj | undefined;
  if (filing.smeSize === 'large' || assessment?.['isSme'] === false) {
    flags.push({
      code: 'not_sme',
      message: '按《中小企业划型标准规定》测算为大型企业，不属于中小企业，不符合入库条件',
      section: 'basic',
      path: 'industryCode',
    });
  }
  if (!filing.uscc.startsWith('91')) {
    flags.push({
      code: 'non_enterprise_uscc',
      message: `统一社会信用代码 ${filing.uscc} 不以“91”开头，不是企业（工商登记的公司）的代码，请核实申报主体`,
      section: 'basic',
      path: 'uscc',
    });
  }
  const seen = new Set<string>();
  for (const e of earlier) {
    const before = flatten((e.sections.operations as Obj | undefined)?.['years'] ?? {});
    for (const [p, prev] of before) {
      const [year, field] = p.split('.');
      if (!year || !field || seen.has(p) || !YEAR_FIELDS_CHECKED.includes(field)) continue;
      const cur = isObj(years[year]) ? (years[year] as Obj)[field] : undefined;
      if (
        cur === undefined ||
        cur === null ||
        cur === '' ||
        prev === null ||
        prev === '' ||
        prev === undefined
      ) {
        continue;
      }
      if (sameValue(prev, cur)) continue;
      seen.add(p);
      const path = `years.${p}`;
      flags.push({
        code: 'year_figure_differs',
        message: `${fieldLabel('operations', path).replace('经营情况：', '')}本次填报为 ${String(cur)}，与 ${e.year} 年度批次已通过的填报（${String(prev)}）不一致`,
        section: 'operations',
        path,
      });
    }
  }
  return flags;
}

/** One history row for a department; `notices` adds whether the enterprise's message and SMS went out. */
export function historyItem(
  h: HistoryRow,
  notices: Map<number, NoticeStatus> = new Map(),
): ReviewHistoryItem {
  const review = REVIEW_ACTION_LABELS[h.action as ReviewAction];
  const details = h.details ? { ...h.details } : null;
  // The resubmission's copy of the previous sections is large; the page shows the diff instead.
  if (details) delete details['previousSections'];
  return {
    id: h.id,
    at: h.at.toISOString(),
    action: h.action,
    actionLabel: review ?? actionLabel(h.action),
    level: h.level,
    levelLabel: levelLabel(h.level),
    actorName: h.actorName,
    fromStatus: h.fromStatus,
    fromStatusLabel: statusLabel(h.fromStatus),
    toStatus: h.toStatus,
    toStatusLabel: statusLabel(h.toStatus),
    reason: h.reason,
    details,
    notice: notices.get(h.id) ?? null,
  };
}

function resubmissionOf(history: HistoryRow[], snapshot: Snapshot | null): ReviewDetail['resubmission'] {
  const lastSubmission = [...history].reverse().find((h) => h.action === 'submit' || h.action === 'resubmit');
  if (!lastSubmission || lastSubmission.action !== 'resubmit' || !snapshot) return null;
  const d = (lastSubmission.details ?? {}) as Obj;
  const previous = isObj(d['previousSections'])
    ? (d['previousSections'] as Partial<Record<SectionKey, unknown>>)
    : {};
  const fields = diffSections(previous, snapshot.sections, { onlyChanged: true });
  const changed = Array.isArray(d['changedSections'])
    ? (d['changedSections'] as SectionKey[]).filter((k) => (SECTION_KEYS as readonly string[]).includes(k))
    : [...new Set(fields.map((f) => f.section))];
  return {
    resubmittedAt: lastSubmission.at.toISOString(),
    returnInfo: isObj(d['returnInfo']) ? (d['returnInfo'] as unknown as ReturnInfo) : null,
    changedSections: changed,
    fields: fields.map(maskChange),
  };
}

/** Which deadline governs the caller now: its own level, or (the province) the level the filing waits at. */
function deadlineLevel(actor: Actor, status: string): 'county' | 'city' | null {
  if (status !== 'county_review' && status !== 'city_review') return null;
  if (actor.role === 'county_reviewer') return status === 'county_review' ? 'county' : null;
  if (actor.role === 'city_reviewer') return status === 'city_review' ? 'city' : null;
  return status === 'county_review' ? 'county' : 'city';
}

export async function reviewDetail(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
): Promise<ReviewDetail> {
  const now = ctx.clock.now();
  const { filing, firstView } = await ctx.db.transaction(async (tx) => {
    const row = await findScopedFiling(tx, actor, id);
    if (!row) throw AppError.of('FILING_NOT_FOUND');
    const first = isUnviewed(actor, row);
    if (first) {
      const set = actor.role === 'county_reviewer' ? { countyViewedAt: now } : { cityViewedAt: now };
      await tx.update(filings).set(set).where(eq(filings.id, row.id));
    }
    await audit(
      tx,
      request,
      {
        action: 'filing.view',
        targetType: 'filing',
        targetId: row.id,
        details: { page: 'review', firstView: first },
      },
      now,
    );
    return { filing: row, firstView: first };
  });

  const db = ctx.db;
  const campaign = await getCampaign(db, filing.campaignId);
  const history = await loadHistory(db, filing.id);
  const notices = await filingNoticeStatuses(db, filing.id);
  const snapshot = snapshotOf(filing);
  const sections = {} as Record<SectionKey, Obj>;
  for (const key of SECTION_KEYS) {
    const s = snapshot?.sections[key];
    sections[key] = isObj(s) ? s : {};
  }
  const earlier = await unscopedEarlierApproved(db, filing, campaign.year);
  const earlierSnapshots = earlier
    .map((e) => ({ year: e.year, id: e.filing.id, snapshot: snapshotOf(e.filing) }))
    .filter((e): e is { year: number; id: string; snapshot: Snapshot } => e.snapshot !== null);

  let comparison: ReviewDetail['comparison'] = null;
  const base = earlierSnapshots[0];
  if (filing.kind === 'update' && base) {
    const all = diffSections(base.snapshot.sections, sections, {
      onlyChanged: false,
      sections: ['basic', 'products', 'operations', 'innovation', 'recognitions'],
    });
    // Compare only the years both filings cover (issue 16 item 3): a year that left the window or came into it
    // is not a "change" of the enterprise's figures.
    const yearsOf = (ops: unknown) =>
      new Set(isObj(ops) && isObj(ops['years']) ? Object.keys(ops['years'] as Obj) : []);
    const before = yearsOf(base.snapshot.sections.operations);
    const now_ = yearsOf(sections.operations);
    const yearOf = (f: { section: string; path: string }) =>
      f.section === 'operations' && f.path.startsWith('years.') ? f.path.split('.')[1]! : null;
    const common = (f: { section: string; path: string }) => {
      const y = yearOf(f);
      return y === null || (before.has(y) && now_.has(y));
    };
    const fields = all.filter(common);
    comparison = {
      previousFilingId: base.id,
      previousCampaignYear: base.year,
      changedCount: fields.filter((f) => f.changed).length,
      fields: fields.map(maskChange),
      droppedYears: [...before].filter((y) => !now_.has(y)).sort(),
      newYears: [...now_].filter((y) => !before.has(y)).sort(),
      apartFields: all.filter((f) => !common(f)).map((f) => maskChange({ ...f, changed: false })),
    };
  }

  const level = deadlineLevel(actor, filing.status);
  let deadline: ReviewDetail['deadline'] = null;
  if (level) {
    const d = await effectiveDeadline(db, filing, level);
    deadline = {
      level,
      at: d.at.toISOString(),
      label: shanghaiDateLabel(d.at),
      extended: d.extended,
      passed: now.getTime() > d.at.getTime(),
    };
  }

  return {
    id: filing.id,
    enterpriseId: filing.enterpriseId,
    enterpriseName: filing.enterpriseName,
    uscc: filing.uscc,
    kind: filing.kind as FilingKind,
    kindLabel: FILING_KIND_LABELS[filing.kind as FilingKind] ?? filing.kind,
    status: filing.status as FilingStatus,
    statusLabel: statusLabel(filing.status) ?? filing.status,
    statusVersion: filing.statusVersion,
    countyCode: filing.countyCode,
    cityCode: filing.cityCode,
    regionName: regionNameOf(filing.countyCode),
    campaign: { id: campaign.id, year: campaign.year, name: campaign.name },
    submittedAt: filing.submittedAt?.toISOString() ?? null,
    lastActionAt: filing.lastActionAt.toISOString(),
    verificationCode: filing.verificationCode,
    scoreTotal: filing.scoreTotal,
    smeSize: filing.smeSize,
    smeSizeLabel: smeSizeLabel(filing.smeSize),
    directMet: filing.directMet,
    qualified: filing.qualified,
    // The numbers masked; the reviewer reveals a whole one with 显示, audited (POST /api/v1/pii/reveal).
    sections: maskPiiDeep(sections),
    attachments: (snapshot?.attachments ?? []).map((a) => ({
      slot: a.slot,
      slotLabel: attachmentSlotLabel(a.slot),
      fileId: a.fileId,
      name: a.name,
      mimeType: a.mimeType,
      sizeBytes: a.sizeBytes,
      url: `/api/v1/files/${a.fileId}`,
    })),
    assessment: {
      standardId: snapshot?.standardId ?? filing.standardId ?? campaign.standardId,
      fiscalYear: snapshot?.fiscalYear ?? null,
      result: snapshot?.assessment ?? {},
    },
    comparison,
    flags: dataQualityFlags(
      filing,
      snapshot,
      campaign.year,
      earlierSnapshots.map((e) => ({ year: e.year, sections: e.snapshot.sections })),
    ),
    history: history.map((h) => historyItem(h, notices)),
    returnInfo: (filing.returnInfo as ReturnInfo | null) ?? null,
    resubmission: resubmissionOf(history, snapshot),
    deadline,
    allowedActions: allowedReviewActions(actor, filing),
    firstView,
  };
}
