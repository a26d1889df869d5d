import { insertMessages, messageEnterprise } from './messages';
import { and, eq, gte, inArray, like, lt, sql } from 'drizzle-orm';
import { regionPath, findRegion } from '../../../shared/regions';
import { FILING_KIND_LABELS, type FilingKind } from '../../../shared/schemas/filing-api';
import {
  DigestReviewerPayload,
  JOB_KINDS,
  NotifyFilingPayload,
  REVIEW_ACTION_EVENTS,
  type NotifyFilingEvent,
} from '../../../shared/schemas/notifications-api';
import type { DbOrTx } from '../../db/client';
import { campaigns, enterprises, filingHistory, filings, notifications, users } from '../../db/schema';
import { enqueue, PermanentJobError } from '../../services/jobs';
import type { AppContext } from '../../types';
import { enqueueSms, smsLink, type JobSmsTemplate } from './sms-job';
import { addCalendarDays, shanghaiDate, shanghaiHour, shanghaiInstant } from '../../../shared/time';

const DAY_MS = 24 * 60 * 60_000;
/** Reviewer digests cover arrivals up to 18:00 Asia/Shanghai and are sent then. */
const DIGEST_CUTOFF_HOUR = 18;

/** The digest day (Asia/Shanghai, YYYY-MM-DD) an arrival at `at` is counted in: today's until 18:00, then tomorrow's. */
export function digestDayFor(at: Date): string {
  const day = shanghaiDate(at);
  return shanghaiHour(at) >= DIGEST_CUTOFF_HOUR ? addCalendarDays(day, 1) : day;
}

/** 18:00 Asia/Shanghai of a digest day: when its digest is sent, and the end of its (half-open) window. */
export function digestCutoff(day: string): Date {
  return shanghaiInstant(day, `${String(DIGEST_CUTOFF_HOUR).padStart(2, '0')}:00`);
}

/** Dedupe key prefix of the in-app message a reviewer gets when a filing arrives in their queue. */
const ARRIVAL_PREFIX = 'arrival:';

export const enterpriseFilingLink = (filingId: string) => `/qiye/filings/${filingId}`;
export const reviewFilingLink = (filingId: string) => `/gov/reviews/${filingId}`;

function department(code: string | null | undefined): string {
  const label = code ? regionPath(code) : undefined;
  return label ? `${label}工信部门` : '工信部门';
}

interface Message {
  title: string;
  body: string;
}

interface EventPlan {
  enterprise: Message | null;
  sms: Extract<JobSmsTemplate, `filing_${string}`> | null;
  /** Reviewers in whose queue the filing arrived. */
  reviewers: { role: 'county_reviewer' | 'city_reviewer'; regionCode: string; message: Message } | null;
}

interface EventFacts {
  event: NotifyFilingEvent;
  kindLabel: string;
  enterpriseName: string;
  campaignName: string;
  countyCode: string | null;
  cityCode: string | null;
  /** The region of the queue the filing arrived in (payload, else the filing's current one). */
  targetRegion: string | null;
  level: string;
  reason: string | null;
}

function withReason(text: string, reason: string | null, label = '原因'): string {
  return reason ? `${text}${label}：${reason}` : text;
}

/** What each event tells whom. Enterprise SMS carry no reason: they only ask to log in and read it there. */
function planFor(f: EventFacts): EventPlan {
  const filing = `“${f.kindLabel}”填报（${f.campaignName}）`;
  const byLevel = f.level === 'city' ? department(f.cityCode) : department(f.countyCode);
  switch (f.event) {
    case 'returned':
      return {
        enterprise: {
          title: '填报被退回，请修改后重新提交',
          body: withReason(
            `贵单位的${filing}已被${byLevel}退回修改，请在“我的填报”中按要求修改后重新提交。`,
            f.reason,
            '退回原因',
          ),
        },
        sms: 'filing_returned',
        reviewers: null,
      };
    case 'approved':
      return {
        enterprise: {
          title: '填报审核通过',
          body: `贵单位的${filing}已通过${department(f.cityCode)}审核。`,
        },
        sms: 'filing_approved',
        reviewers: null,
      };
    case 'refused':
      return {
        enterprise: {
          title: '填报未通过审核',
          body: withReason(`贵单位的${filing}未通过${byLevel}审核。`, f.reason),
        },
        sms: 'filing_refused',
        reviewers: null,
      };
    case 'transferred':
      return {
        enterprise: {
          title: '填报已转交其他县区审核',
          body: `贵单位的${filing}已转交${department(f.targetRegion)}审核，审核结果将另行通知。`,
        },
        sms: 'filing_transferred',
        reviewers: f.targetRegion
          ? {
              role: 'county_reviewer',
              regionCode: f.targetRegion,
              message: {
                title: `新到待审核：${f.enterpriseName}`,
                body: withReason(
                  `${f.enterpriseName}的${filing}已转交贵单位审核，请及时处理。`,
                  f.reason,
                  '转交原因',
                ),
              },
            }
          : null,
      };
    case 'county_approved':
      return {
        enterprise: {
          title: '县区审核已通过',
          body: `贵单位的${filing}已通过${department(f.countyCode)}审核，已报送${department(f.cityCode)}审核。`,
        },
        sms: null,
        reviewers: f.targetRegion
          ? {
              role: 'city_reviewer',
              regionCode: f.targetRegion,
              message: {
                title: `新到待审核：${f.enterpriseName}`,
                body: `${department(f.countyCode)}已审核通过${f.enterpriseName}的${filing}，请及时审核。`,
              },
            }
          : null,
      };
    case 'returned_to_county':
      return {
        enterprise: null,
        sms: null,
        reviewers: f.targetRegion
          ? {
              role: 'county_reviewer',
              regionCode: f.targetRegion,
              message: {
                title: `设区市退回重审：${f.enterpriseName}`,
                body: withReason(
                  `${department(f.cityCode)}将${f.enterpriseName}的${filing}退回贵单位重新审核，请及时处理。`,
                  f.reason,
                  '退回原因',
                ),
              },
            }
          : null,
      };
  }
}

function defaultTarget(
  event: NotifyFilingEvent,
  countyCode: string | null,
  cityCode: string | null,
): string | null {
  if (event === 'county_approved') return cityCode;
  if (event === 'transferred' || event === 'returned_to_county') return countyCode;
  return null;
}

/**
 * 'notify.filing': the messages of one review action. Everything it writes happens in one transaction and is
 * deduplicated (in-app messages by (user, dedupe key), jobs by their dedupe key), so running it twice — a
 * retry, or two workers — produces each message and each SMS once.
 */
export async function handleNotifyFiling(ctx: AppContext, raw: Record<string, unknown>): Promise<void> {
  const parsed = NotifyFilingPayload.safeParse(raw);
  if (!parsed.success)
    throw new PermanentJobError(`malformed notify.filing payload: ${parsed.error.message}`);
  const p = parsed.data;
  const event = REVIEW_ACTION_EVENTS[p.event];
  const [row] = await ctx.db
    .select({ filing: filings, campaignName: campaigns.name, contactMobile: enterprises.contactMobile })
    .from(filings)
    .innerJoin(campaigns, eq(campaigns.id, filings.campaignId))
    .innerJoin(enterprises, eq(enterprises.id, filings.enterpriseId))
    .where(eq(filings.id, p.filingId));
  if (!row) throw new PermanentJobError(`filing ${p.filingId} not found`);
  const [history] = await ctx.db
    .select()
    .from(filingHistory)
    .where(and(eq(filingHistory.id, p.historyId), eq(filingHistory.filingId, p.filingId)));
  if (!history) throw new PermanentJobError(`history ${p.historyId} of filing ${p.filingId} not found`);

  const { filing } = row;
  const transferredTo =
    event === 'transferred' && typeof history.details?.toCountyCode === 'string'
      ? history.details.toCountyCode
      : undefined;
  const targetRegion =
    p.regionCode ?? transferredTo ?? defaultTarget(event, filing.countyCode, filing.cityCode);
  const plan = planFor({
    event,
    kindLabel: FILING_KIND_LABELS[filing.kind as FilingKind] ?? filing.kind,
    enterpriseName: filing.enterpriseName,
    campaignName: row.campaignName,
    countyCode: filing.countyCode,
    cityCode: filing.cityCode,
    targetRegion: targetRegion && findRegion(targetRegion) ? targetRegion : null,
    level: history.level,
    reason: history.reason,
  });
  const now = ctx.clock.now();
  const eventKey = `filing:${filing.id}:${event}:${p.historyId}`;

  await ctx.db.transaction(async (tx) => {
    if (plan.enterprise) {
      await messageEnterprise(
        tx,
        filing.enterpriseId,
        { ...plan.enterprise, link: enterpriseFilingLink(filing.id), dedupeKey: eventKey },
        now,
      );
    }
    if (plan.sms && row.contactMobile) {
      await enqueueSms(tx, {
        mobile: row.contactMobile,
        template: plan.sms,
        params: {
          kind: FILING_KIND_LABELS[filing.kind as FilingKind] ?? filing.kind,
          link: smsLink(ctx.config.publicBaseUrl, enterpriseFilingLink(filing.id)),
        },
        dedupeKey: `sms:${eventKey}`,
      });
    }
    if (plan.reviewers) {
      const reviewers = await tx
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            eq(users.role, plan.reviewers.role),
            eq(users.regionCode, plan.reviewers.regionCode),
            eq(users.status, 'active'),
          ),
        );
      const ids = reviewers.map((r) => r.id);
      const dedupeKey = `${ARRIVAL_PREFIX}${filing.id}:${p.historyId}`;
      await insertMessages(
        tx,
        ids,
        { ...plan.reviewers.message, link: reviewFilingLink(filing.id), dedupeKey },
        now,
      );
      // The digest counts arrival messages by their time, so each goes to the day of the message actually kept
      // (on a second run, the first run's message).
      const arrivals =
        ids.length === 0
          ? []
          : await tx
              .select({ userId: notifications.userId, createdAt: notifications.createdAt })
              .from(notifications)
              .where(and(inArray(notifications.userId, ids), eq(notifications.dedupeKey, dedupeKey)));
      for (const a of arrivals) {
        const day = digestDayFor(a.createdAt);
        await enqueue(tx, {
          kind: JOB_KINDS.digestReviewer,
          payload: { userId: a.userId, day },
          dedupeKey: `${JOB_KINDS.digestReviewer}:${a.userId}:${day}`,
          runAt: digestCutoff(day),
        });
      }
    }
  });
}

/** Inserts one message per user; a (user, dedupe key) pair that exists already is left alone. */
/** How many filings wait in the reviewer's queue now. */
async function pendingCount(db: DbOrTx, role: string, regionCode: string): Promise<number> {
  const where =
    role === 'county_reviewer'
      ? and(eq(filings.countyCode, regionCode), eq(filings.status, 'county_review'))
      : and(eq(filings.cityCode, regionCode), eq(filings.status, 'city_review'));
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(filings)
    .where(where);
  return r?.n ?? 0;
}

/** 'digest.reviewer': "今日新到待审核 N 件" for one reviewer and day, in-app and by SMS when they have a mobile. */
export async function handleReviewerDigest(ctx: AppContext, raw: Record<string, unknown>): Promise<void> {
  const parsed = DigestReviewerPayload.safeParse(raw);
  if (!parsed.success)
    throw new PermanentJobError(`malformed digest.reviewer payload: ${parsed.error.message}`);
  const { userId, day } = parsed.data;
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId));
  if (!user || user.status !== 'active' || !user.regionCode) return;
  if (user.role !== 'county_reviewer' && user.role !== 'city_reviewer') return;
  const end = digestCutoff(day);
  const start = new Date(end.getTime() - DAY_MS);
  const [c] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        like(notifications.dedupeKey, `${ARRIVAL_PREFIX}%`),
        gte(notifications.createdAt, start),
        lt(notifications.createdAt, end),
      ),
    );
  const arrived = c?.n ?? 0;
  if (arrived === 0) return;
  const pending = await pendingCount(ctx.db, user.role, user.regionCode);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await insertMessages(
      tx,
      [userId],
      {
        title: `今日新到待审核 ${arrived} 件`,
        body: `今日（截至 ${DIGEST_CUTOFF_HOUR}:00）新到待审核 ${arrived} 件，当前共有 ${pending} 件待本单位审核，请及时处理。`,
        link: '/gov/reviews',
        dedupeKey: `digest:${day}`,
      },
      now,
    );
    if (user.mobile) {
      await enqueueSms(tx, {
        mobile: user.mobile,
        template: 'review_digest',
        params: { arrived, pending },
        dedupeKey: `sms:digest:${userId}:${day}`,
      });
    }
  });
}
