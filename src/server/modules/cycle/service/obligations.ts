import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import { PRIORITY_RECOGNITION_KINDS, type ReminderStage } from '../../../../shared/cycle';
import type { DbOrTx } from '../../../db/client';
import {
  enterprises,
  filings,
  jobs,
  notifications,
  recognitions,
  updateObligations,
  users,
} from '../../../db/schema';
import type { AppContext } from '../../../types';
import { shanghaiDateLabel } from '../../../../shared/time';
import { smsJob, smsLink } from '../../notifications/sms-job';
import { BATCH, ENTERPRISE_ID, PRIORITY_KINDS, priorityAt, type Campaign, updatedIn } from './common';
import { findCampaign, getCampaign } from '../../campaigns/repository';

// ---------------------------------------------------------------------------------------------------------
// Update obligations

const SPECIALISED_KINDS = sql.raw(
  PRIORITY_RECOGNITION_KINDS.filter((k) => k !== 'innovative')
    .map((k) => `'${k}'`)
    .join(','),
);

/**
 * Records who owes a 数据更新 in the campaign, as the campaign opens: every enterprise 在库 now, or holding a
 * 创新型 / 专精特新 recognition valid at the opening, with the strongest reason (specialised > innovative >
 * in_db). One INSERT … SELECT, ON CONFLICT DO NOTHING: running it again adds no duplicate. Enterprises without a
 * registered region, or whose 新增入库 was already approved in this campaign, owe nothing. Returns the rows added.
 */
export async function recordUpdateObligations(
  db: DbOrTx,
  campaignId: string,
  opts: { now?: Date } = {},
): Promise<number> {
  const campaign = await getCampaign(db, campaignId);
  const asOf = campaign.filingOpensAt.toISOString();
  const now = (opts.now ?? new Date()).toISOString();
  const held = (kinds: SQL) =>
    sql`exists (select 1 from ${recognitions} r where r.enterprise_id = e.id and r.kind in (${kinds})
      and r.status = 'valid' and r.valid_from <= ${asOf}::timestamptz and r.valid_to >= ${asOf}::timestamptz)`;
  const result = await db.execute(sql`
    insert into ${updateObligations} (campaign_id, enterprise_id, city_code, county_code, reason, created_at)
    select ${campaign.id}::uuid, e.id, e.city_code, e.county_code,
      case when ${held(SPECIALISED_KINDS)} then 'specialised'
           when ${held(sql.raw("'innovative'"))} then 'innovative'
           else 'in_db' end,
      ${now}::timestamptz
    from ${enterprises} e
    where e.city_code is not null and e.county_code is not null
      and (e.db_status = 'in_db' or ${held(PRIORITY_KINDS)})
      and not exists (select 1 from ${filings} f where f.enterprise_id = e.id and f.campaign_id = ${campaign.id}
        and f.kind = 'entry' and f.status = 'approved')
    on conflict (campaign_id, enterprise_id) do nothing
    returning enterprise_id`);
  const r = result as unknown as { rows?: unknown[]; length?: number };
  return Array.isArray(result) ? result.length : (r.rows?.length ?? 0);
}

/** Whether the campaign has recorded obligations (campaigns opened before they were recorded have none). */
export async function hasObligations(db: DbOrTx, campaignId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(updateObligations)
    .where(eq(updateObligations.campaignId, campaignId))
    .limit(1);
  return row !== undefined;
}

/** The enterprise (row of `enterprises`) owed a 数据更新 in the campaign; priority: for a recognition. */
export function obligatedIn(campaignId: string, priorityOnly = false): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${updateObligations} o where o.campaign_id = ${campaignId}
    and o.enterprise_id = ${ENTERPRISE_ID}${priorityOnly ? sql` and o.reason <> 'in_db'` : sql``})`;
}

function reminderMessage(campaign: Campaign, stage: ReminderStage, priority: boolean) {
  const deadline = shanghaiDateLabel(campaign.filingClosesAt);
  const lead =
    stage === 'opening'
      ? `${campaign.name}企业填报已开始。`
      : stage === 'before_1d'
        ? `${campaign.name}企业填报将于明天（${deadline}）截止。`
        : stage === 'before_7d'
          ? `${campaign.name}企业填报将于 7 天后（${deadline}）截止。`
          : `${campaign.name}企业填报时间已过半。`;
  const duty = priority
    ? '贵企业为已认定的创新型或专精特新中小企业，必须及时更新年度数据。'
    : '贵企业为优质中小企业培育库在库企业，须按要求更新年度数据。';
  return {
    title: `请于${deadline}前完成${campaign.year}年度数据更新`,
    body: `${lead}${duty}请登录平台，在“我的填报”中选择“数据更新”并于${deadline}前提交；逾期未更新的在库企业，将按规则清退出库。`,
  };
}

/**
 * cycle.remind: every in-database enterprise of the caller-less (province-wide) campaign that has not yet
 * updated gets an in-app message (to each active user) and an SMS job, both deduplicated by
 * `remind:<campaign>:<stage>:<enterprise>`: running the job twice sends nothing twice. Keyset batches of 1000.
 */
/** Where an update reminder (in-app and SMS) takes the enterprise: its filings, where 数据更新 starts. */
export const UPDATE_REMINDER_LINK = '/qiye/filings';

export async function sendReminders(
  ctx: AppContext,
  campaignId: string,
  stage: ReminderStage,
): Promise<number> {
  const campaign = await findCampaign(ctx.db, campaignId);
  if (!campaign) return 0;
  const now = ctx.clock.now();
  if (now.getTime() > campaign.filingClosesAt.getTime()) return 0; // stale: the window has closed
  let after = '00000000-0000-0000-0000-000000000000';
  let sent = 0;
  for (;;) {
    const batch = await ctx.db
      .select({
        id: enterprises.id,
        mobile: enterprises.contactMobile,
        priority: priorityAt(now),
      })
      .from(enterprises)
      .where(
        and(eq(enterprises.dbStatus, 'in_db'), gt(enterprises.id, after), sql`not ${updatedIn(campaignId)}`),
      )
      .orderBy(asc(enterprises.id))
      .limit(BATCH);
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;
    const members = await ctx.db
      .select({ id: users.id, enterpriseId: users.enterpriseId })
      .from(users)
      .where(
        and(
          inArray(
            users.enterpriseId,
            batch.map((b) => b.id),
          ),
          eq(users.status, 'active'),
        ),
      );
    const deadline = shanghaiDateLabel(campaign.filingClosesAt);
    await ctx.db.transaction(async (tx) => {
      const byId = new Map(batch.map((b) => [b.id, b]));
      const messages = members.flatMap((m) => {
        const e = m.enterpriseId ? byId.get(m.enterpriseId) : undefined;
        if (!e) return [];
        return [
          {
            userId: m.id,
            ...reminderMessage(campaign, stage, e.priority),
            link: UPDATE_REMINDER_LINK,
            dedupeKey: `remind:${campaignId}:${stage}:${e.id}`,
            createdAt: now,
          },
        ];
      });
      if (messages.length > 0) {
        await tx
          .insert(notifications)
          .values(messages)
          .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] });
      }
      const sms = batch
        .filter((b) => /^1\d{10}$/.test(b.mobile))
        .map((b) =>
          smsJob({
            mobile: b.mobile,
            template: 'cycle_update_reminder',
            params: {
              year: campaign.year,
              deadline,
              link: smsLink(ctx.config.publicBaseUrl, UPDATE_REMINDER_LINK),
            },
            dedupeKey: `remind:${campaignId}:${stage}:${b.id}`,
          }),
        );
      if (sms.length > 0) await tx.insert(jobs).values(sms).onConflictDoNothing({ target: jobs.dedupeKey });
    });
    sent += batch.length;
  }
  return sent;
}
