import { and, desc, eq, lte, ne, or, sql } from 'drizzle-orm';
import { enqueueCycleSchedule, replanCampaignJobs } from '../cycle/service';
import type { FastifyRequest } from 'fastify';
import { AppError, fieldError, type FieldErrors } from '../../../shared/errors';
import type { Actor } from '../../../shared/permissions';
import { cityOf, findRegion, regionPath } from '../../../shared/regions';
import { STANDARDS } from '../../../shared/rules/standards';
import {
  CAMPAIGN_DATE_FIELDS,
  campaignDateProblems,
  EXTENSION_LEVEL_LABELS,
  CampaignInput,
  CampaignPatch,
  ExtensionInput,
  type CampaignAdminView,
  type CampaignListResponse,
  type DeadlineView,
  type EffectiveDeadlinesResponse,
  type ExtensionLevel,
  type ExtensionView,
} from '../../../shared/schemas/campaign-admin-api';
import type { z } from '../../../shared/schemas/zod';
import type { DbOrTx } from '../../db/client';
import { campaignExtensions, campaigns, enterprises, filings } from '../../db/schema';
import { audit } from '../../plugins/audit';
import { getCampaign } from '../campaigns/repository';
import type { AppContext } from '../../types';
import {
  campaignName,
  campaignView,
  findCurrentCampaign,
  isFilingOpen,
  shanghaiDateTimeLabel,
  type Campaign,
} from '../campaigns/service';
import { campaignsChanged } from '../campaigns/list-cache';
import {
  listExtensions,
  resolveDeadlines,
  type CampaignExtension,
  type EffectiveDeadline,
} from './deadlines';

type CreateBody = z.output<typeof CampaignInput>;
type PatchBody = z.output<typeof CampaignPatch>;
type ExtensionBody = z.output<typeof ExtensionInput>;

/** Serialises campaign creation per year (there is no unique index on campaigns.year). */
const YEAR_LOCK_NAMESPACE = 727_010;

function extensionView(campaign: Campaign, e: CampaignExtension): ExtensionView {
  const level = e.level as ExtensionLevel;
  return {
    id: e.id,
    campaignId: e.campaignId,
    regionCode: e.regionCode,
    regionName: regionPath(e.regionCode) ?? e.regionCode,
    level,
    levelLabel: EXTENSION_LEVEL_LABELS[level] ?? e.level,
    deadline: e.deadline.toISOString(),
    baseDeadline: (level === 'city'
      ? campaign.cityReviewDeadline
      : campaign.countyReviewDeadline
    ).toISOString(),
    reason: e.reason,
    createdBy: e.createdBy,
    createdAt: e.createdAt.toISOString(),
  };
}

async function filingCounts(db: DbOrTx, campaignId?: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ campaignId: filings.campaignId, n: sql<number>`count(*)::int` })
    .from(filings)
    .where(campaignId ? eq(filings.campaignId, campaignId) : undefined)
    .groupBy(filings.campaignId);
  return new Map(rows.map((r) => [r.campaignId, r.n]));
}

function adminView(
  campaign: Campaign,
  extensions: CampaignExtension[],
  filingCount: number,
  now: Date,
): CampaignAdminView {
  return {
    ...campaignView(campaign, now),
    createdAt: campaign.createdAt.toISOString(),
    filingCount,
    ruleOverrides: (campaign.ruleOverrides ?? {}) as Record<string, string>,
    extensions: extensions
      .filter((e) => e.campaignId === campaign.id)
      .sort((a, b) => a.level.localeCompare(b.level) || a.regionCode.localeCompare(b.regionCode))
      .map((e) => extensionView(campaign, e)),
  };
}

export async function campaignAdminView(ctx: AppContext, db: DbOrTx, id: string): Promise<CampaignAdminView> {
  const campaign = await getCampaign(db, id);
  const counts = await filingCounts(db, id);
  return adminView(campaign, await listExtensions(db, id), counts.get(id) ?? 0, ctx.clock.now());
}

export async function listCampaigns(ctx: AppContext): Promise<CampaignListResponse> {
  const now = ctx.clock.now();
  const all = await ctx.db.select().from(campaigns).orderBy(desc(campaigns.year), desc(campaigns.createdAt));
  const extensions = await ctx.db.select().from(campaignExtensions);
  const counts = await filingCounts(ctx.db);
  const current = await findCurrentCampaign(ctx.db, now);
  return {
    items: all.map((c) => adminView(c, extensions, counts.get(c.id) ?? 0, now)),
    currentId: current?.id ?? null,
    standards: STANDARDS.list()
      .filter((s) => s.kind === 'innovative-sme')
      .map((s) => ({ id: s.id, title: `${s.title}（${s.documentNumber}）` })),
  };
}

async function lockYear(tx: DbOrTx, year: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${YEAR_LOCK_NAMESPACE}, ${year})`);
}

async function yearTaken(tx: DbOrTx, year: number, exceptId?: string): Promise<boolean> {
  const rows = await tx
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.year, year), exceptId ? ne(campaigns.id, exceptId) : undefined))
    .limit(1);
  return rows.length > 0;
}

const yearTakenMessage = (year: number) => `${year}年度的填报批次已存在，请直接修改该批次`;

function dates(v: Pick<CreateBody, (typeof CAMPAIGN_DATE_FIELDS)[number]>) {
  return {
    filingOpensAt: new Date(v.filingOpensAt),
    filingClosesAt: new Date(v.filingClosesAt),
    countyReviewDeadline: new Date(v.countyReviewDeadline),
    cityReviewDeadline: new Date(v.cityReviewDeadline),
    listDeadline: new Date(v.listDeadline),
  };
}

export async function createCampaign(
  ctx: AppContext,
  request: FastifyRequest,
  body: CreateBody,
): Promise<CampaignAdminView> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    await lockYear(tx, body.year);
    if (await yearTaken(tx, body.year)) throw fieldError({ year: yearTakenMessage(body.year) });
    const [row] = await tx
      .insert(campaigns)
      .values({
        year: body.year,
        name: body.name ?? campaignName(body.year),
        kindsOpen: body.kindsOpen,
        ...dates(body),
        standardId: body.standardId,
        createdAt: now,
      })
      .returning();
    // The annual cycle: reminders at the opening, halfway, 7 days and 1 day before the deadline.
    await enqueueCycleSchedule(tx, row!.id);
    await audit(
      tx,
      request,
      {
        action: 'campaign.create',
        targetType: 'campaign',
        targetId: row!.id,
        details: { year: row!.year, name: row!.name, ...serialisable(row!) },
      },
      now,
    );
    return row!.id;
  });
  campaignsChanged(); // committed: the review queue's campaign list is read again
  return campaignAdminView(ctx, ctx.db, id);
}

const EDITABLE = [
  'year',
  'name',
  'kindsOpen',
  ...CAMPAIGN_DATE_FIELDS,
  'standardId',
] as const satisfies readonly (keyof Campaign)[];
type Editable = (typeof EDITABLE)[number];

function serialisable(c: Pick<Campaign, Editable>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of EDITABLE) {
    const v = c[k];
    out[k] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

export async function updateCampaign(
  ctx: AppContext,
  request: FastifyRequest,
  id: string,
  patch: PatchBody,
): Promise<CampaignAdminView> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const before = await getCampaign(tx, id);
    const next: Pick<Campaign, Editable> = {
      year: patch.year ?? before.year,
      // A default name follows a changed year.
      name:
        patch.name ??
        (patch.year !== undefined && before.name === campaignName(before.year)
          ? campaignName(patch.year)
          : before.name),
      kindsOpen: patch.kindsOpen ?? before.kindsOpen,
      filingOpensAt: patch.filingOpensAt ? new Date(patch.filingOpensAt) : before.filingOpensAt,
      filingClosesAt: patch.filingClosesAt ? new Date(patch.filingClosesAt) : before.filingClosesAt,
      countyReviewDeadline: patch.countyReviewDeadline
        ? new Date(patch.countyReviewDeadline)
        : before.countyReviewDeadline,
      cityReviewDeadline: patch.cityReviewDeadline
        ? new Date(patch.cityReviewDeadline)
        : before.cityReviewDeadline,
      listDeadline: patch.listDeadline ? new Date(patch.listDeadline) : before.listDeadline,
      standardId: patch.standardId ?? before.standardId,
    };
    const problems: FieldErrors = campaignDateProblems(next);
    const filingCount = (await filingCounts(tx, id)).get(id) ?? 0;
    if (filingCount > 0 && next.year !== before.year) {
      problems.year = `本批次已有 ${filingCount} 份企业填报，不能修改年度`;
    }
    if (filingCount > 0 && next.standardId !== before.standardId) {
      problems.standardId = `本批次已有 ${filingCount} 份企业填报，不能更换评价标准`;
    }
    if (next.year !== before.year && !problems.year) {
      await lockYear(tx, next.year);
      if (await yearTaken(tx, next.year, id)) problems.year = yearTakenMessage(next.year);
    }
    if (Object.keys(problems).length > 0) throw fieldError(problems);

    const a = serialisable(before);
    const b = serialisable(next);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const k of EDITABLE) {
      if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) changes[k] = { from: a[k], to: b[k] };
    }
    if (Object.keys(changes).length === 0) return;
    await tx.update(campaigns).set(next).where(eq(campaigns.id, id));
    // The reminders, the obligations record and the clearance proposal follow the new filing window.
    const replanned =
      changes.filingOpensAt || changes.filingClosesAt
        ? await replanCampaignJobs(tx, { id, ...next }, now)
        : null;
    const jobChanges =
      replanned && replanned.moved.length + replanned.cancelled.length + replanned.added.length > 0
        ? { jobs: replanned }
        : {};
    // An extension that is no longer later than the campaign's own deadline has no effect: remove it, so every
    // reader (the review module's deadline guard included) sees the same deadline.
    const superseded = await tx
      .delete(campaignExtensions)
      .where(
        and(
          eq(campaignExtensions.campaignId, id),
          or(
            and(
              eq(campaignExtensions.level, 'county'),
              lte(campaignExtensions.deadline, next.countyReviewDeadline),
            ),
            and(
              eq(campaignExtensions.level, 'city'),
              lte(campaignExtensions.deadline, next.cityReviewDeadline),
            ),
          ),
        ),
      )
      .returning();
    await audit(
      tx,
      request,
      {
        action: 'campaign.update',
        targetType: 'campaign',
        targetId: id,
        details: {
          changes,
          ...jobChanges,
          ...(superseded.length > 0
            ? {
                removedExtensions: superseded.map((e) => ({
                  regionCode: e.regionCode,
                  level: e.level,
                  deadline: e.deadline.toISOString(),
                })),
              }
            : {}),
        },
      },
      now,
    );
  });
  campaignsChanged(); // committed: the review queue's campaign list is read again
  return campaignAdminView(ctx, ctx.db, id);
}

function extensionProblems(
  campaign: Campaign,
  extensions: CampaignExtension[],
  level: ExtensionLevel,
  regionCode: string,
  deadline: Date,
  now: Date,
): FieldErrors {
  const label = shanghaiDateTimeLabel;
  const t = deadline.getTime();
  const base = level === 'county' ? campaign.countyReviewDeadline : campaign.cityReviewDeadline;
  if (t <= base.getTime()) {
    return {
      deadline: `延期后的截止时间须晚于本批次的${EXTENSION_LEVEL_LABELS[level]}截止时间（${label(base)}）`,
    };
  }
  if (t <= now.getTime()) return { deadline: '延期后的截止时间须晚于当前时间' };
  if (t > campaign.listDeadline.getTime()) {
    return { deadline: `延期后的截止时间不能晚于名单报送截止时间（${label(campaign.listDeadline)}）` };
  }
  if (level === 'county') {
    const city = resolveDeadlines(campaign, extensions, regionCode).city.deadline;
    if (t > city.getTime()) {
      return {
        deadline: `县区审核截止时间不能晚于所在设区市的审核截止时间（${label(city)}），如需更晚，请先延长设区市审核截止时间`,
      };
    }
  } else {
    const latestCounty = extensions
      .filter((e) => e.level === 'county' && cityOf(e.regionCode)?.code === regionCode)
      .reduce<Date | null>((m, e) => (m && m.getTime() >= e.deadline.getTime() ? m : e.deadline), null);
    if (latestCounty && t < latestCounty.getTime()) {
      return {
        deadline: `本市已有县区审核延期至${label(latestCounty)}，设区市审核截止时间不能早于该时间`,
      };
    }
  }
  return {};
}

/** Creates or replaces the extension of a region (level from its code) in a campaign. */
export async function setExtension(
  ctx: AppContext,
  request: FastifyRequest,
  campaignId: string,
  body: ExtensionBody,
): Promise<ExtensionView> {
  const region = findRegion(body.regionCode);
  if (!region || region.level === 'province') {
    throw fieldError({ regionCode: '请选择江苏省内的县（市、区）或设区市' });
  }
  const level: ExtensionLevel = region.level === 'county' ? 'county' : 'city';
  const deadline = new Date(body.deadline);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const campaign = await getCampaign(tx, campaignId);
    const extensions = await listExtensions(tx, campaignId);
    const problems = extensionProblems(campaign, extensions, level, region.code, deadline, now);
    if (Object.keys(problems).length > 0) throw fieldError(problems);
    const previous = extensions.find((e) => e.regionCode === region.code && e.level === level);
    const [row] = await tx
      .insert(campaignExtensions)
      .values({
        campaignId,
        regionCode: region.code,
        level,
        deadline,
        reason: body.reason,
        createdBy: request.actor?.userId ?? null,
        createdAt: now,
      })
      .onConflictDoUpdate({
        target: [campaignExtensions.campaignId, campaignExtensions.regionCode, campaignExtensions.level],
        set: { deadline, reason: body.reason, createdBy: request.actor?.userId ?? null, createdAt: now },
      })
      .returning();
    await audit(
      tx,
      request,
      {
        action: 'campaign.extension.set',
        targetType: 'campaign',
        targetId: campaignId,
        details: {
          extensionId: row!.id,
          regionCode: region.code,
          level,
          deadline: deadline.toISOString(),
          previousDeadline: previous ? previous.deadline.toISOString() : null,
          reason: body.reason,
        },
      },
      now,
    );
    return extensionView(campaign, row!);
  });
}

export async function deleteExtension(
  ctx: AppContext,
  request: FastifyRequest,
  campaignId: string,
  extensionId: string,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(campaignExtensions)
      .where(and(eq(campaignExtensions.id, extensionId), eq(campaignExtensions.campaignId, campaignId)))
      .returning();
    if (!row) throw AppError.of('EXTENSION_NOT_FOUND');
    await audit(
      tx,
      request,
      {
        action: 'campaign.extension.delete',
        targetType: 'campaign',
        targetId: campaignId,
        details: {
          extensionId,
          regionCode: row.regionCode,
          level: row.level,
          deadline: row.deadline.toISOString(),
          reason: row.reason,
        },
      },
      now,
    );
  });
}

/**
 * The region whose deadlines the actor asks for: their own by default; an enterprise only its county, a
 * county reviewer only its county, a city reviewer its city and the city's counties; province and admin any.
 */
async function deadlineRegion(ctx: AppContext, actor: Actor, requested: string | undefined): Promise<string> {
  if (requested !== undefined && !findRegion(requested)) {
    throw fieldError({ regionCode: '地区代码不正确' });
  }
  let own: string;
  if (actor.role === 'enterprise') {
    const [e] = actor.enterpriseId
      ? await ctx.db
          .select({ countyCode: enterprises.countyCode })
          .from(enterprises)
          .where(eq(enterprises.id, actor.enterpriseId))
      : [];
    own = e?.countyCode ?? '320000';
  } else {
    own = actor.regionCode ?? '320000';
  }
  if (requested === undefined || requested === own) return own;
  const allowed =
    actor.role === 'province' ||
    actor.role === 'admin' ||
    (actor.role === 'city_reviewer' && cityOf(requested)?.code === own);
  if (!allowed) throw AppError.of('REGION_DEADLINES_NOT_FOUND');
  return requested;
}

function deadlineView(d: EffectiveDeadline, now: Date): DeadlineView {
  return {
    deadline: d.deadline.toISOString(),
    baseDeadline: d.baseDeadline.toISOString(),
    extended: d.extended,
    reason: d.reason,
    passed: now.getTime() > d.deadline.getTime(),
  };
}

export async function effectiveDeadlines(
  ctx: AppContext,
  actor: Actor,
  id: string,
  regionCode: string | undefined,
): Promise<EffectiveDeadlinesResponse> {
  const now = ctx.clock.now();
  const campaign = id === 'current' ? await findCurrentCampaign(ctx.db, now) : await getCampaign(ctx.db, id);
  if (!campaign) throw AppError.of('NO_CURRENT_CAMPAIGN');
  const code = await deadlineRegion(ctx, actor, regionCode);
  const region = findRegion(code)!;
  const resolved = resolveDeadlines(campaign, await listExtensions(ctx.db, campaign.id), code);
  const govOnly = actor.role !== 'enterprise';
  const view = (d: EffectiveDeadline) => {
    const v = deadlineView(d, now);
    // The reason for an extension is an internal matter between the departments.
    return govOnly ? v : { ...v, reason: null };
  };
  return {
    campaignId: campaign.id,
    campaignName: campaign.name,
    year: campaign.year,
    regionCode: code,
    regionName: regionPath(code) ?? region.name,
    regionLevel: region.level,
    filingOpensAt: campaign.filingOpensAt.toISOString(),
    filingClosesAt: campaign.filingClosesAt.toISOString(),
    filingOpen: isFilingOpen(campaign, now),
    countyReview: view(resolved.county),
    cityReview: view(resolved.city),
    listDeadline: campaign.listDeadline.toISOString(),
    serverTime: now.toISOString(),
  };
}
