/**
 * The annual cycle of the 培育库 (rules.md §1.4, §3; the 2023 notice: "对于未及时更新数据的在库企业，将按规则清退出库").
 * Pure functions: "now" is always passed in (an injected clock), never read here. No I/O.
 *
 *   reminderSchedule    when enterprises are reminded to update (09:00 Asia/Shanghai on the day of each stage)
 *   updateObligations   who must file a 数据更新 in a campaign (every 在库 enterprise; priority when recognised)
 *   clearanceProposals  who is proposed for 清退出库 once the filing deadline and the grace period have passed
 *   rereviewRefusal     whether an enterprise may start a 复核 filing in a campaign
 *   extendedValidTo     the new last valid day after a 复核 is approved
 */
import { addDays, endOfShanghaiDay, isValid, shanghaiDay, toDay } from '../recognition/validity';
import { addCalendarDays, shanghaiDateLabel, shanghaiInstant } from '../time';

const DAY_MS = 86_400_000;

/** Reminders go out at this hour, Asia/Shanghai. */
export const REMINDER_HOUR = 9;

/**
 * Days after the filing deadline before the system proposes 清退. CONFIGURABLE: callers pass `graceDays`
 * (the clearance endpoint accepts it in its body); this is only the default.
 */
export const DEFAULT_CLEARANCE_GRACE_DAYS = 15;

/**
 * Days after the city confirms a 清退 in which the enterprise may appeal (ADR 0021): the window ends at the end of
 * the Asia/Shanghai day `confirmed day + appealWindowDays`. A province setting; this is the default.
 */
export const DEFAULT_APPEAL_WINDOW_DAYS = 30;

/**
 * Days after a 拟清退 proposal is made in which the city may confirm it (ADR 0021); later it is 已失效 and cannot
 * be executed. A province setting; this is the default.
 */
export const DEFAULT_PROPOSAL_EXPIRY_DAYS = 60;

/** The last instant of the period of `days` calendar days after the Asia/Shanghai day of `from` (inclusive). */
export function periodEndsAt(from: Date, days: number): Date {
  return endOfShanghaiDay(addDays(shanghaiDay(from), days));
}

/** The last instant the enterprise may appeal a 清退 confirmed at `confirmedAt`. */
export function appealDeadline(confirmedAt: Date, appealWindowDays: number): Date {
  return periodEndsAt(confirmedAt, appealWindowDays);
}

/** The last instant a 拟清退 proposal made at `proposedAt` may be confirmed; afterwards it is 已失效. */
export function proposalExpiresAt(proposedAt: Date, proposalExpiryDays: number): Date {
  return periodEndsAt(proposedAt, proposalExpiryDays);
}

/** A 复核 extends the 创新型 validity by this many years from the old last valid day (rules.md §1.4). */
export const REREVIEW_EXTENSION_YEARS = 3;

export const REMINDER_STAGES = ['opening', 'halfway', 'before_7d', 'before_1d'] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number];
export const REMINDER_STAGE_LABELS: Record<ReminderStage, string> = {
  opening: '填报开始',
  halfway: '填报过半',
  before_7d: '截止前 7 天',
  before_1d: '截止前 1 天',
};

/** Recognition kinds that make an update obligation "priority" (创新型, 省级专精特新, 国家级专精特新“小巨人”). */
export const PRIORITY_RECOGNITION_KINDS = ['innovative', 'provincial_specialized', 'little_giant'] as const;

/** Filing statuses that count as "submitted or approved" for a 数据更新. */
export const UPDATED_STATUSES = ['county_review', 'city_review', 'approved'] as const;

export interface CampaignWindow {
  year: number;
  filingOpensAt: Date;
  filingClosesAt: Date;
}

export interface Reminder {
  stage: ReminderStage;
  at: Date;
}

/** 09:00 Asia/Shanghai of the calendar day (YYYY-MM-DD). */
function nineOn(day: string): Date {
  return shanghaiInstant(day, `${String(REMINDER_HOUR).padStart(2, '0')}:00`);
}

/**
 * The reminder instants of a campaign, in time order: 09:00 Asia/Shanghai on the opening day (or the opening
 * itself when the window opens later that day), on the day halfway through the window, 7 days and 1 day before
 * the day of the filing deadline. A stage that would fall before the opening reminder or after the deadline
 * (a short window) is left out; two stages on the same instant keep the earlier stage only.
 */
export function reminderSchedule(c: Pick<CampaignWindow, 'filingOpensAt' | 'filingClosesAt'>): Reminder[] {
  const opens = c.filingOpensAt.getTime();
  const closes = c.filingClosesAt.getTime();
  if (!(closes > opens)) return [];
  const openingNine = nineOn(shanghaiDay(c.filingOpensAt));
  const opening = new Date(Math.max(openingNine.getTime(), opens));
  const closeDay = shanghaiDay(c.filingClosesAt);
  const candidates: Reminder[] = [
    { stage: 'opening', at: opening },
    { stage: 'halfway', at: nineOn(shanghaiDay(new Date(opens + (closes - opens) / 2))) },
    { stage: 'before_7d', at: nineOn(addCalendarDays(closeDay, -7)) },
    { stage: 'before_1d', at: nineOn(addCalendarDays(closeDay, -1)) },
  ];
  const out: Reminder[] = [];
  for (const r of candidates) {
    const t = r.at.getTime();
    if (t < opening.getTime() || t > closes) continue;
    if (out.some((o) => o.at.getTime() >= t)) continue;
    out.push(r);
  }
  return out;
}

/**
 * The reminders still worth sending at `now`: every future one, plus the latest one already due (a campaign
 * scheduled late still gets one reminder at once, not a burst of stale ones). None once the window has closed.
 */
export function remindersToSchedule(c: Pick<CampaignWindow, 'filingOpensAt' | 'filingClosesAt'>, now: Date) {
  if (now.getTime() > c.filingClosesAt.getTime()) return [];
  const all = reminderSchedule(c);
  const past = all.filter((r) => r.at.getTime() <= now.getTime());
  const future = all.filter((r) => r.at.getTime() > now.getTime());
  return [...past.slice(-1), ...future];
}

export interface EnterpriseLike {
  id: string;
  dbStatus: string;
  countyCode: string | null;
  cityCode: string | null;
}

export interface RecognitionLike {
  enterpriseId: string;
  kind: string;
  validFrom: Date | string;
  validTo: Date | string;
  status: string;
}

export interface Obligation {
  enterpriseId: string;
  /** Holds a valid 创新型 or 专精特新 recognition: "必须及时更新年度数据". */
  priority: boolean;
}

/** Whether a recognition makes the update a priority on `asOf`. */
export function isPriorityRecognition(r: RecognitionLike, asOf: Date): boolean {
  return (PRIORITY_RECOGNITION_KINDS as readonly string[]).includes(r.kind) && isValid(r, asOf);
}

/** Every 在库 enterprise must update in the campaign; priority when it holds a valid 创新型 / 专精特新 recognition. */
export function updateObligations(
  enterprises: readonly EnterpriseLike[],
  recognitions: readonly RecognitionLike[],
  asOf: Date,
): Obligation[] {
  const priority = new Set(
    recognitions.filter((r) => isPriorityRecognition(r, asOf)).map((r) => r.enterpriseId),
  );
  return enterprises
    .filter((e) => e.dbStatus === 'in_db')
    .map((e) => ({ enterpriseId: e.id, priority: priority.has(e.id) }));
}

export interface FilingLike {
  enterpriseId: string;
  kind: string;
  status: string;
}

/** Whether the enterprise's filings of a campaign fulfil its obligation (an update submitted or approved, or an entry approved). */
export function hasUpdated(filings: readonly FilingLike[]): boolean {
  return filings.some(
    (f) =>
      (f.kind === 'update' && (UPDATED_STATUSES as readonly string[]).includes(f.status)) ||
      (f.kind === 'entry' && f.status === 'approved'),
  );
}

/** The instant from which clearance may be proposed: the end of the deadline's day plus the grace days. */
export function clearanceOpensAt(c: Pick<CampaignWindow, 'filingClosesAt'>, graceDays: number): Date {
  return new Date(endOfShanghaiDay(c.filingClosesAt).getTime() + graceDays * DAY_MS + 1);
}

export interface ClearanceProposal {
  enterpriseId: string;
  countyCode: string;
  cityCode: string;
  reason: string;
}

/** The Chinese reason of a proposal. */
export function clearanceReason(c: CampaignWindow, graceDays: number): string {
  return `未在${c.year}年度数据更新截止日期（${shanghaiDateLabel(c.filingClosesAt)}）及其后${graceDays}天宽限期内提交“数据更新”，按《江苏省优质中小企业梯度培育管理实施细则（暂行）》规定清退出库。`;
}

/**
 * After the filing deadline plus `graceDays` (default 15): the 在库 enterprises of the campaign with no
 * submitted-or-approved 数据更新 (and no 新增入库 approved in this campaign). Before then: none. Enterprises
 * without a registered county and city cannot be routed to a city and are left out (`unrouted`).
 */
export function clearanceProposals(input: {
  campaign: CampaignWindow;
  now: Date;
  enterprises: readonly EnterpriseLike[];
  filings: readonly FilingLike[];
  graceDays?: number;
}): { proposals: ClearanceProposal[]; unrouted: string[]; opensAt: Date } {
  const grace = input.graceDays ?? DEFAULT_CLEARANCE_GRACE_DAYS;
  const opensAt = clearanceOpensAt(input.campaign, grace);
  if (input.now.getTime() < opensAt.getTime()) return { proposals: [], unrouted: [], opensAt };
  const byEnterprise = new Map<string, FilingLike[]>();
  for (const f of input.filings) {
    const list = byEnterprise.get(f.enterpriseId) ?? [];
    list.push(f);
    byEnterprise.set(f.enterpriseId, list);
  }
  const reason = clearanceReason(input.campaign, grace);
  const proposals: ClearanceProposal[] = [];
  const unrouted: string[] = [];
  for (const e of input.enterprises) {
    if (e.dbStatus !== 'in_db' || hasUpdated(byEnterprise.get(e.id) ?? [])) continue;
    if (!e.countyCode || !e.cityCode) {
      unrouted.push(e.id);
      continue;
    }
    proposals.push({ enterpriseId: e.id, countyCode: e.countyCode, cityCode: e.cityCode, reason });
  }
  return { proposals, unrouted, opensAt };
}

/**
 * Why an enterprise may not start a 复核 (re-review) filing in the campaign of `campaignYear`, or null when it
 * may: it must be 在库 and hold a 创新型 recognition (not revoked) whose validity ends in that year.
 */
export function rereviewRefusal(
  dbStatus: string,
  recognitions: readonly RecognitionLike[],
  campaignYear: number,
): string | null {
  if (dbStatus !== 'in_db') return '仅在库企业可以申请复核。';
  const expiring = recognitions.some(
    (r) => r.kind === 'innovative' && r.status === 'valid' && toDay(r.validTo).startsWith(`${campaignYear}-`),
  );
  return expiring
    ? null
    : `贵企业没有在${campaignYear}年到期的创新型中小企业认定，无需申请复核（创新型中小企业有效期 3 年，到期当年申请复核）。`;
}

/** The last valid day after a 复核: the old last valid day plus 3 years (29 February → 28 February). */
export function extendedValidTo(oldValidTo: Date | string, years = REREVIEW_EXTENSION_YEARS): string {
  const [y, m, d] = toDay(oldValidTo).split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y + years, m - 1, d));
  // Date.UTC rolls 29 February of a non-leap year over to 1 March: take 28 February instead.
  if (t.getUTCMonth() !== m - 1) return `${y + years}-02-28`;
  return t.toISOString().slice(0, 10);
}
