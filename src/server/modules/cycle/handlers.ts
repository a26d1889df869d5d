/**
 * Job handlers of the annual cycle, registered with the other modules' in registerModules (modules/index.ts).
 * Every write is deduplicated, so a job that runs twice sends nothing twice.
 */
import { messageEnterprise } from '../notifications/messages';
import { eq } from 'drizzle-orm';
import { clearanceOpensAt, REMINDER_STAGES } from '../../../shared/cycle';
import { regionPath } from '../../../shared/regions';
import {
  CLEARANCE_NOTICE_EVENTS,
  CYCLE_JOB_KINDS,
  type ClearanceNoticeEvent,
} from '../../../shared/schemas/cycle-api';
import { z } from '../../../shared/schemas/zod';
import { campaigns, clearances, enterprises } from '../../db/schema';
import { enqueue, PermanentJobError } from '../../services/jobs';
import type { AppContext } from '../../types';
import { shanghaiDateLabel } from '../campaigns/service';
import { CYCLE_SMS_TEMPLATES, smsJob, smsLink } from '../notifications/sms-job';
import { getProvinceSettings } from '../settings/service';
import {
  appealUntilOf,
  clearancePeriods,
  expiryOf,
  noticeKey,
  proposeClearances,
  recordUpdateObligations,
  scheduleCampaignReminders,
  sendReminders,
} from './service';
import { getCampaign } from '../campaigns/repository';
import { findCampaign } from '../campaigns/repository';

const CampaignPayload = z.object({ campaignId: z.uuid() });
const RemindPayload = z.object({ campaignId: z.uuid(), stage: z.enum(REMINDER_STAGES) });
const NotifyPayload = z.object({
  clearanceId: z.uuid(),
  event: z.enum(CLEARANCE_NOTICE_EVENTS),
});

function parse<T extends z.ZodType>(schema: T, raw: unknown, kind: string): z.infer<T> {
  const r = schema.safeParse(raw);
  if (!r.success) throw new PermanentJobError(`malformed ${kind} payload: ${r.error.message}`);
  return r.data;
}

function department(code: string): string {
  return `${regionPath(code) ?? ''}工信部门`;
}

/** Where the enterprise reads its 清退, the reason, the appeal window and how to appeal (ADR 0021). */
export const ENTERPRISE_CLEARANCES_LINK = '/qiye/clearances';

/**
 * The in-app message of a clearance step, as the enterprise reads it. `appealUntil` / `expiresAt` are the
 * clearance's own instants (fixed when the step was taken).
 */
export function clearanceMessage(
  event: ClearanceNoticeEvent,
  c: { reason: string; cityCode: string; appealDecision: string | null },
  year: number,
  at: { appealUntil: Date | null; expiresAt: Date | null },
): { title: string; body: string } {
  const city = department(c.cityCode);
  switch (event) {
    case 'proposed':
      return {
        title: `贵企业已被列入${year}年度拟清退名单`,
        body: `拟清退原因：${c.reason} 请尽快在“我的填报”中提交${year}年度数据更新；在${city}确认清退前提交的，不予清退。${city}可在${at.expiresAt ? shanghaiDateLabel(at.expiresAt) : '拟清退建议有效期'}前确认清退，逾期该建议失效。`,
      };
    case 'cleared':
      return {
        title: '贵企业已被清退出优质中小企业培育库',
        body: `清退原因：${c.reason}（${city}确认）。如有异议，请于${at.appealUntil ? `${shanghaiDateLabel(at.appealUntil)}（含当日）` : '申诉期限'}前在“清退与申诉”页面点击“提出申诉”并写明理由（每次清退限申诉一次），由${city}复查后答复；逾期不再受理。申诉成立的，恢复在库；也可在以后年度批次通过“新增入库”重新申请入库。`,
      };
    case 'appeal_upheld':
      return {
        title: '清退申诉成立，已恢复在库',
        body: `贵企业对${year}年度清退出库提出的申诉经${city}复查成立，已恢复在库。复查意见：${c.appealDecision ?? ''}`,
      };
    case 'appeal_rejected':
      return {
        title: '清退申诉不成立',
        body: `贵企业对${year}年度清退出库提出的申诉经${city}复查不成立，维持清退。复查意见：${c.appealDecision ?? ''}。贵企业可在以后年度批次通过“新增入库”重新申请入库。`,
      };
  }
}

/** The SMS of a clearance step (no reasons by SMS; the link opens the page that shows them). */
export function clearanceSms(
  event: ClearanceNoticeEvent,
  year: number,
  appealUntil: Date | null,
  link: string,
): { template: (typeof CYCLE_SMS_TEMPLATES)[number]; params: Record<string, string | number> } {
  switch (event) {
    case 'proposed':
      return { template: 'cycle_clearance_proposed', params: { year, link } };
    case 'cleared':
      return {
        template: 'cycle_cleared',
        params: { appealUntil: appealUntil ? shanghaiDateLabel(appealUntil) : '申诉期限', link },
      };
    default:
      return {
        template: 'cycle_appeal_decided',
        params: {
          outcome: event === 'appeal_upheld' ? '申诉成立，已恢复在库' : '申诉不成立，维持清退',
          link,
        },
      };
  }
}

/** cycle.notify: the enterprise's in-app message and SMS about a step of its 清退 (proposal, clearance, appeal). */
export async function handleClearanceNotice(ctx: AppContext, raw: Record<string, unknown>): Promise<void> {
  const p = parse(NotifyPayload, raw, CYCLE_JOB_KINDS.notify);
  const [row] = await ctx.db
    .select({ c: clearances, year: campaigns.year, mobile: enterprises.contactMobile })
    .from(clearances)
    .innerJoin(campaigns, eq(campaigns.id, clearances.campaignId))
    .innerJoin(enterprises, eq(enterprises.id, clearances.enterpriseId))
    .where(eq(clearances.id, p.clearanceId));
  if (!row) throw new PermanentJobError(`clearance ${p.clearanceId} not found`);
  const c = row.c;
  // A proposal the city has already acted on (or that was cancelled) is no longer news.
  if (p.event === 'proposed' && c.status !== 'proposed') return;
  const periods = await clearancePeriods(ctx);
  const appealUntil = appealUntilOf(c, periods);
  const message = clearanceMessage(p.event, c, row.year, {
    appealUntil,
    expiresAt: c.status === 'proposed' ? expiryOf(c, periods) : null,
  });
  const key = noticeKey(c.id, p.event);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await messageEnterprise(
      tx,
      c.enterpriseId,
      { ...message, link: ENTERPRISE_CLEARANCES_LINK, dedupeKey: key },
      now,
    );
    if (/^1\d{10}$/.test(row.mobile)) {
      const sms = clearanceSms(
        p.event,
        row.year,
        appealUntil,
        smsLink(ctx.config.publicBaseUrl, ENTERPRISE_CLEARANCES_LINK),
      );
      await enqueue(tx, smsJob({ mobile: row.mobile, ...sms, dedupeKey: `sms:${key}` }));
    }
  });
}

/** cycle.schedule: enqueues the reminders and the clearance proposal of a campaign. */
export async function handleCycleSchedule(ctx: AppContext, raw: Record<string, unknown>): Promise<void> {
  const p = parse(CampaignPayload, raw, CYCLE_JOB_KINDS.schedule);
  if (!(await findCampaign(ctx.db, p.campaignId)))
    throw new PermanentJobError(`campaign ${p.campaignId} not found`);
  await scheduleCampaignReminders(ctx, p.campaignId);
}

/** cycle.remind: sends one reminder stage of a campaign. */
export async function handleCycleRemind(ctx: AppContext, raw: Record<string, unknown>): Promise<void> {
  const p = parse(RemindPayload, raw, CYCLE_JOB_KINDS.remind);
  await sendReminders(ctx, p.campaignId, p.stage);
}

/** cycle.obligations: records the campaign's update obligations. */
export async function handleCycleObligations(ctx: AppContext, raw: Record<string, unknown>): Promise<void> {
  const p = parse(CampaignPayload, raw, CYCLE_JOB_KINDS.obligations);
  if (!(await findCampaign(ctx.db, p.campaignId)))
    throw new PermanentJobError(`campaign ${p.campaignId} not found`);
  await recordUpdateObligations(ctx.db, p.campaignId, { now: ctx.clock.now() });
}

/** cycle.propose: the system's clearance proposal. */
export async function handleCyclePropose(ctx: AppContext, raw: Record<string, unknown>): Promise<void> {
  const p = parse(CampaignPayload, raw, CYCLE_JOB_KINDS.propose);
  // The province may have lengthened the grace period since the job was scheduled: come back when it ends.
  const { clearanceGraceDays } = await getProvinceSettings(ctx.db);
  const opensAt = clearanceOpensAt(await getCampaign(ctx.db, p.campaignId), clearanceGraceDays);
  if (ctx.clock.now().getTime() < opensAt.getTime()) {
    await enqueue(ctx.db, {
      kind: CYCLE_JOB_KINDS.propose,
      payload: { campaignId: p.campaignId },
      dedupeKey: `propose:${p.campaignId}:${clearanceGraceDays}`,
      runAt: opensAt,
    });
    return;
  }
  await proposeClearances(ctx, null, p.campaignId, clearanceGraceDays);
}
