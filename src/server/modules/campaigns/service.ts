import { and, eq } from 'drizzle-orm';
import { rereviewStartRefusal } from '../cycle/service';
import { AppError } from '../../../shared/errors';
import {
  FILING_KIND_LABELS,
  FILING_KINDS,
  FILING_STATUS_LABELS,
  type CampaignView,
  type CurrentCampaignResponse,
  type FilingKind,
  type FilingStatus,
} from '../../../shared/schemas/filing-api';
import type { DbOrTx } from '../../db/client';
import { campaigns, enterprises, filings } from '../../db/schema';
import type { AppContext } from '../../types';
import {
  shanghaiDate,
  shanghaiDateLabel,
  shanghaiDateTimeLabel,
  shanghaiDayEnd,
  shanghaiDayStart,
  shanghaiYear,
} from '../../../shared/time';
import { getProvinceSettings } from '../settings/service';
import { campaignsChanged } from './list-cache';

export type Campaign = typeof campaigns.$inferSelect;

/** The default 创新型 standard of a campaign (工信部企业〔2022〕63号). */
export const DEFAULT_STANDARD_ID = 'innovative-sme-2022';
const DAY_MS = 24 * 60 * 60 * 1000;

export { shanghaiDate, shanghaiDateLabel, shanghaiDateTimeLabel };

const ymd = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** The start of a calendar day in Asia/Shanghai. */
function startOfDay(year: number, month: number, day: number): Date {
  return shanghaiDayStart(ymd(year, month, day));
}

/** The last millisecond of a calendar day in Asia/Shanghai (deadlines include their whole day). */
function endOfDay(year: number, month: number, day: number): Date {
  return shanghaiDayEnd(ymd(year, month, day));
}

export function campaignName(year: number): string {
  return `${year}年度优质中小企业入库培育和创新型中小企业评价`;
}

/** The first campaign year of the 2026 办法 (工信部企业〔2026〕2号): 科技型 joins, the update deadline is a setting. */
export const RULES_2026_FIRST_CAMPAIGN_YEAR = 2026;

/**
 * The campaign of `year`, created when missing. Up to 2025 with the 2023 notice's pattern: filing 02-20 to 03-24,
 * county review by 03-28, city review by 03-31 ("工信部门审核截止时间为3月底"), list due 04-15; 新增入库 and 数据更新.
 * From 2026 (ADR 0012): filing from 02-20 to the province's annual update deadline (setting, default 05-31 —
 * 2号: 每年5月31日前更新), county review 7 days and city review 14 days after it, list 30 days after it; 新增入库,
 * 数据更新 and 科技型中小企业评价.
 */
export async function ensureDefaultCampaign(ctx: Pick<AppContext, 'db'>, year: number): Promise<Campaign> {
  const [existing] = await ctx.db.select().from(campaigns).where(eq(campaigns.year, year)).limit(1);
  if (existing) return existing;
  let values: Omit<typeof campaigns.$inferInsert, 'year' | 'name' | 'standardId'>;
  if (year >= RULES_2026_FIRST_CAMPAIGN_YEAR) {
    const { updateDeadline } = await getProvinceSettings(ctx.db);
    const [m, d] = updateDeadline.split('-').map(Number) as [number, number];
    const closes = endOfDay(year, m, d);
    values = {
      kindsOpen: ['entry', 'update', 'tech_sme'],
      filingOpensAt: startOfDay(year, 2, 20),
      filingClosesAt: closes,
      countyReviewDeadline: new Date(closes.getTime() + 7 * DAY_MS),
      cityReviewDeadline: new Date(closes.getTime() + 14 * DAY_MS),
      listDeadline: new Date(closes.getTime() + 30 * DAY_MS),
    };
  } else {
    values = {
      kindsOpen: ['entry', 'update'],
      filingOpensAt: startOfDay(year, 2, 20),
      filingClosesAt: endOfDay(year, 3, 24),
      countyReviewDeadline: endOfDay(year, 3, 28),
      cityReviewDeadline: endOfDay(year, 3, 31),
      listDeadline: endOfDay(year, 4, 15),
    };
  }
  const [created] = await ctx.db
    .insert(campaigns)
    .values({ year, name: campaignName(year), standardId: DEFAULT_STANDARD_ID, ...values })
    .returning();
  campaignsChanged();
  return created!;
}

/**
 * Demo mode: a campaign whose filing window includes today (opened 10 days ago, closing in 30 days), with the
 * review deadlines after it in the notice's rhythm.
 */
export async function ensureDemoCampaign(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<Campaign> {
  const now = ctx.clock.now();
  const year = shanghaiYear(now);
  const [existing] = await ctx.db.select().from(campaigns).where(eq(campaigns.year, year)).limit(1);
  if (existing) return existing;
  const [y, m, d] = shanghaiDate(now).split('-').map(Number) as [number, number, number];
  const today = startOfDay(y, m, d).getTime();
  const closes = new Date(today + 31 * DAY_MS - 1);
  const [created] = await ctx.db
    .insert(campaigns)
    .values({
      year,
      name: campaignName(year),
      kindsOpen:
        year >= RULES_2026_FIRST_CAMPAIGN_YEAR ? ['entry', 'update', 'tech_sme'] : ['entry', 'update'],
      filingOpensAt: new Date(today - 10 * DAY_MS),
      filingClosesAt: closes,
      countyReviewDeadline: new Date(closes.getTime() + 4 * DAY_MS),
      cityReviewDeadline: new Date(closes.getTime() + 7 * DAY_MS),
      listDeadline: new Date(closes.getTime() + 22 * DAY_MS),
      standardId: DEFAULT_STANDARD_ID,
    })
    .returning();
  campaignsChanged();
  return created!;
}

export function isFilingOpen(
  campaign: Pick<Campaign, 'filingOpensAt' | 'filingClosesAt'>,
  now: Date,
): boolean {
  return (
    campaign.filingOpensAt.getTime() <= now.getTime() && now.getTime() <= campaign.filingClosesAt.getTime()
  );
}

export function windowText(campaign: Campaign): string {
  return `${shanghaiDateLabel(campaign.filingOpensAt)}至${shanghaiDateLabel(campaign.filingClosesAt)}`;
}

/** Why the filing window refuses an action now (WINDOW_CLOSED with the dates), or null when it is open. */
export function windowClosedError(campaign: Campaign, now: Date): AppError | null {
  if (now.getTime() < campaign.filingOpensAt.getTime()) {
    return AppError.of('FILING_NOT_YET_OPEN', { campaign: campaign.name, window: windowText(campaign) });
  }
  if (now.getTime() > campaign.filingClosesAt.getTime()) {
    return AppError.of('FILING_WINDOW_ENDED', {
      campaign: campaign.name,
      closedOn: shanghaiDateLabel(campaign.filingClosesAt),
      window: windowText(campaign),
    });
  }
  return null;
}

/** The message of windowClosedError, or null when the window is open. */
export function windowClosedMessage(campaign: Campaign, now: Date): string | null {
  return windowClosedError(campaign, now)?.message ?? null;
}

/** Throws WINDOW_CLOSED (with the dates) when the filing window does not include now. */
export function requireFilingWindow(campaign: Campaign, now: Date): void {
  const error = windowClosedError(campaign, now);
  if (error) throw error;
}

/**
 * The campaign that is "current": the one whose filing window includes now; otherwise one still in review
 * (its list deadline not yet passed); otherwise the next one to open; otherwise the latest.
 */
export async function findCurrentCampaign(db: DbOrTx, now: Date): Promise<Campaign | undefined> {
  return currentCampaignOf(await db.select().from(campaigns), now);
}

/** findCurrentCampaign's choice among campaigns already read (any order). */
export function currentCampaignOf<
  C extends Pick<Campaign, 'filingOpensAt' | 'filingClosesAt' | 'listDeadline'>,
>(campaignRows: readonly C[], now: Date): C | undefined {
  const all = [...campaignRows].sort((a, b) => b.filingOpensAt.getTime() - a.filingOpensAt.getTime());
  const t = now.getTime();
  return (
    all.find((c) => isFilingOpen(c, now)) ??
    all.find((c) => c.filingOpensAt.getTime() <= t && t <= c.listDeadline.getTime()) ??
    [...all].reverse().find((c) => c.filingOpensAt.getTime() > t) ??
    all[0]
  );
}

export function campaignView(campaign: Campaign, now: Date): CampaignView {
  return {
    id: campaign.id,
    year: campaign.year,
    fiscalYear: campaign.year - 1,
    name: campaign.name,
    kindsOpen: campaign.kindsOpen.filter((k): k is FilingKind =>
      (FILING_KINDS as readonly string[]).includes(k),
    ),
    filingOpensAt: campaign.filingOpensAt.toISOString(),
    filingClosesAt: campaign.filingClosesAt.toISOString(),
    countyReviewDeadline: campaign.countyReviewDeadline.toISOString(),
    cityReviewDeadline: campaign.cityReviewDeadline.toISOString(),
    listDeadline: campaign.listDeadline.toISOString(),
    standardId: campaign.standardId,
    filingOpen: isFilingOpen(campaign, now),
  };
}

export type StartCheck = { allowed: boolean; reason: string | null };

/** Whether the enterprise may start each kind of filing in the campaign now, and why not (Chinese). */
export async function startChecks(
  db: DbOrTx,
  campaign: Campaign | undefined,
  enterpriseId: string | null,
  now: Date,
): Promise<{ canStart: Record<FilingKind, StartCheck>; dbStatus: string }> {
  const canStart = {} as Record<FilingKind, StartCheck>;
  const refuseAll = (reason: string) => {
    for (const kind of FILING_KINDS) canStart[kind] = { allowed: false, reason };
  };
  if (!enterpriseId) {
    refuseAll('仅企业用户可以填报。');
    return { canStart, dbStatus: 'none' };
  }
  const [enterprise] = await db
    .select({ dbStatus: enterprises.dbStatus })
    .from(enterprises)
    .where(eq(enterprises.id, enterpriseId));
  const dbStatus = enterprise?.dbStatus ?? 'none';
  if (!campaign) {
    refuseAll('当前没有填报批次，请留意省工信厅的年度通知。');
    return { canStart, dbStatus };
  }
  const existing = await db
    .select({ kind: filings.kind, status: filings.status })
    .from(filings)
    .where(and(eq(filings.enterpriseId, enterpriseId), eq(filings.campaignId, campaign.id)));
  const closed = windowClosedMessage(campaign, now);
  for (const kind of FILING_KINDS) {
    const label = FILING_KIND_LABELS[kind];
    const mine = existing.find((f) => f.kind === kind);
    let reason: string | null = null;
    if (mine) {
      const status = FILING_STATUS_LABELS[mine.status as FilingStatus] ?? mine.status;
      reason = `本批次已有一份“${label}”填报（${status}），请在“我的填报”中查看或继续填写。`;
    } else if (!campaign.kindsOpen.includes(kind)) {
      reason = `本批次未开放“${label}”。`;
    } else if (closed) {
      reason = closed;
    } else if (kind === 'rereview') {
      reason = await rereviewStartRefusal(db, enterpriseId, campaign);
    } else if (kind === 'entry' && dbStatus === 'in_db') {
      reason = '贵企业已在培育库中，请选择“数据更新”更新年度数据。';
    } else if (kind === 'update' && existing.some((f) => f.kind === 'entry' && f.status === 'approved')) {
      // The entry filed this year's figures already; an update in the same campaign would only repeat them.
      reason = '贵企业本批次的“新增入库”已审核通过，本年度数据已随入库申请报送，无需再做数据更新。';
    } else if (kind === 'update' && dbStatus !== 'in_db') {
      reason =
        dbStatus === 'cleared'
          ? '贵企业已被清退出库，请选择“新增入库”重新申请入库。'
          : '贵企业尚未入库，请选择“新增入库”申请入库。';
    }
    canStart[kind] = { allowed: reason === null, reason };
  }
  return { canStart, dbStatus };
}

export type { CurrentCampaignResponse };
