/**
 * Standards as data (issue 12, ADR 0015): the thresholds in force for each standard (the built-in table plus the
 * newest administrator version), the version history, new versions (province, one transaction with the audit
 * row), per-campaign rule overrides, and a self-check through the standard selected by date and track.
 */
import { desc, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { AppError, type FieldErrors } from '../../../shared/errors';
import type { Actor } from '../../../shared/permissions';
import { allows } from '../../../shared/permissions/policy';
import { displayThreshold, validThreshold } from '../../../shared/rules/engine/evaluate';
import {
  selectStandard,
  STANDARD_TIERS,
  TIER_NAMES_ZH,
  type CampaignRuleOverrides,
} from '../../../shared/rules/engine/select';
import type { StandardSheet, Tier } from '../../../shared/rules/engine/types';
import {
  evaluateVersioned,
  sheetById,
  sheetWithValues,
  STANDARD_SHEETS,
  type ParamVersion,
} from '../../../shared/rules/versioned';
import type {
  AssessRequest,
  AssessResponse,
  NewStandardVersion,
  RuleOverridesView,
  StandardDetail,
  StandardSummary,
} from '../../../shared/schemas/standards-api';
import type { DbOrTx } from '../../db/client';
import { campaigns, standardVersions } from '../../db/schema';
import { audit } from '../../plugins/audit';
import type { AppContext } from '../../types';
import { campaignsChanged } from '../campaigns/list-cache';
import { shanghaiDate } from '../campaigns/service';
import { isUuid } from '../filings/repository';
import { getCampaign } from '../campaigns/repository';

/** The thresholds in force for new evaluations by `standardId`: the newest version, or the built-in (1). */
export async function currentParams(db: DbOrTx, standardId: string): Promise<ParamVersion> {
  const [row] = await db
    .select({ version: standardVersions.version, values: standardVersions.values })
    .from(standardVersions)
    .where(eq(standardVersions.standardId, standardId))
    .orderBy(desc(standardVersions.version))
    .limit(1);
  return row ? { version: row.version, values: row.values } : { version: 1, values: {} };
}

function requireSheet(id: string): StandardSheet {
  const sheet = sheetById(id);
  if (!sheet) throw AppError.of('STANDARD_NOT_FOUND');
  return sheet;
}

function summaryOf(sheet: StandardSheet, current: ParamVersion): StandardSummary {
  return {
    id: sheet.id,
    tier: sheet.tier,
    tierName: TIER_NAMES_ZH[sheet.tier],
    title: sheet.title,
    documentNumber: sheet.documentNumber,
    currentVersion: current.version,
    correctedCount: Object.keys(current.values).length,
    toBeConfirmedCount:
      sheet.params.filter((p) => p.level === 'S').length +
      sheet.conditions.filter((c) => c.level === 'S').length,
  };
}

export async function listStandards(db: DbOrTx): Promise<{ items: StandardSummary[] }> {
  const items: StandardSummary[] = [];
  for (const sheet of STANDARD_SHEETS) items.push(summaryOf(sheet, await currentParams(db, sheet.id)));
  return { items };
}

export async function standardDetail(db: DbOrTx, actor: Actor, id: string): Promise<StandardDetail> {
  const sheet = requireSheet(id);
  const rows = await db
    .select()
    .from(standardVersions)
    .where(eq(standardVersions.standardId, id))
    .orderBy(desc(standardVersions.version));
  const current: ParamVersion = rows[0]
    ? { version: rows[0].version, values: rows[0].values }
    : { version: 1, values: {} };
  return {
    ...summaryOf(sheet, current),
    boundaryText: sheet.boundaryText,
    params: sheet.params.map((p) => {
      const value = current.values[p.key] ?? p.value;
      return {
        key: p.key,
        label: p.label,
        unit: p.unit,
        value,
        builtIn: p.value,
        corrected: value !== p.value,
        clause: p.clause,
        level: p.level,
        toBeConfirmed: p.level === 'S',
        note: p.note ?? null,
      };
    }),
    conditions: (sheetWithValues(id, current.values) ?? sheet).conditions.map((c) => ({
      key: c.key,
      title: c.title,
      clause: c.clause,
      level: c.level,
      atReview: c.atReview ?? null,
      atReviewLevel: c.atReviewLevel ?? null,
      note: c.note ?? null,
    })),
    notes: sheet.notes,
    versions: [
      ...rows.map((r) => ({
        version: r.version,
        values: r.values,
        reason: r.reason,
        createdByName: r.createdByName,
        createdAt: r.createdAt.toISOString(),
      })),
      {
        version: 1,
        values: {},
        reason: '内置标准（依据文件原文及调研结论）',
        createdByName: null,
        createdAt: null,
      },
    ],
    canEdit: allows(actor.role, 'standard.edit'),
  };
}

/**
 * A new version of a standard's thresholds: the current values with `body.values` applied. Values equal to the
 * built-in one are not stored (they are not corrections). Refuses unknown keys, invalid values, no change, and a
 * stale `expectedVersion` (someone else saved in between).
 */
export async function createStandardVersion(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  id: string,
  body: NewStandardVersion,
): Promise<StandardDetail> {
  if (!allows(actor.role, 'standard.edit')) {
    throw AppError.of('STANDARD_THRESHOLDS_PROVINCE_ONLY');
  }
  const sheet = requireSheet(id);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const current = await currentParams(tx, id);
    if (current.version !== body.expectedVersion) {
      throw AppError.of('STANDARD_CHANGED_TO', { version: current.version });
    }
    const fieldErrors: FieldErrors = {};
    const next: Record<string, string> = { ...current.values };
    for (const [key, raw] of Object.entries(body.values)) {
      const p = sheet.params.find((x) => x.key === key);
      if (!p) {
        fieldErrors[`values.${key}`] = '该标准没有这一门槛值';
        continue;
      }
      const value = raw.replace(/^(\d+)\.0+$/, '$1');
      if (!validThreshold(value, p.unit)) {
        fieldErrors[`values.${key}`] =
          p.unit === 'count' || p.unit === 'years'
            ? `“${p.label}”应为不小于 0 的整数`
            : `“${p.label}”应为不小于 0 的数字${p.unit === 'percent' ? '（百分数，最多四位小数）' : '（最多两位小数）'}`;
        continue;
      }
      if (value === p.value) delete next[key];
      else next[key] = value;
    }
    if (Object.keys(fieldErrors).length > 0) {
      throw AppError.of(
        'STANDARD_VALUES_INVALID',
        { problem: Object.values(fieldErrors)[0] ?? '' },
        fieldErrors,
      );
    }
    const same =
      Object.keys(next).length === Object.keys(current.values).length &&
      Object.entries(next).every(([k, v]) => current.values[k] === v);
    if (same) {
      throw AppError.of('THRESHOLDS_UNCHANGED').on('values');
    }
    const version = current.version + 1;
    const inserted = await tx
      .insert(standardVersions)
      .values({
        standardId: id,
        version,
        values: next,
        reason: body.reason.trim(),
        createdBy: actor.userId,
        createdByName: actor.displayName,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: standardVersions.id });
    if (inserted.length === 0) {
      throw AppError.of('STANDARD_CHANGED');
    }
    const changes = Object.fromEntries(
      sheet.params
        .filter((p) => (current.values[p.key] ?? p.value) !== (next[p.key] ?? p.value))
        .map((p) => [
          p.key,
          {
            label: p.label,
            before: displayThreshold(current.values[p.key] ?? p.value, p.unit),
            after: displayThreshold(next[p.key] ?? p.value, p.unit),
          },
        ]),
    );
    await audit(
      tx,
      request,
      {
        action: 'standard.version_create',
        targetType: 'standard',
        targetId: id,
        details: { version, previousVersion: current.version, changes, reason: body.reason.trim() },
      },
      now,
    );
  });
  return standardDetail(ctx.db, actor, id);
}

/** Validates a campaign's overrides: keys "tier:track", values standards of that tier. */
export function parseOverrides(raw: Record<string, string>): {
  overrides: CampaignRuleOverrides;
  errors: FieldErrors;
} {
  const errors: FieldErrors = {};
  const overrides: Record<string, string> = {};
  for (const [key, id] of Object.entries(raw)) {
    const m = /^(tech-sme|innovative-sme|specialized-sme|little-giant):(first|review)$/.exec(key);
    if (!m) {
      errors[`overrides.${key}`] = '设置项不正确（应为“层级:首次申请/复核”）';
      continue;
    }
    if (STANDARD_TIERS[id] !== (m[1] as Tier)) {
      errors[`overrides.${key}`] = `“${id}”不是${TIER_NAMES_ZH[m[1] as Tier]}的评价标准`;
      continue;
    }
    overrides[key] = id;
  }
  return { overrides: overrides as CampaignRuleOverrides, errors };
}

export async function setRuleOverrides(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  campaignId: string,
  raw: Record<string, string>,
): Promise<RuleOverridesView> {
  if (!allows(actor.role, 'standard.edit')) {
    throw AppError.of('CAMPAIGN_STANDARD_PROVINCE_ONLY');
  }
  if (!isUuid(campaignId)) throw AppError.of('CAMPAIGN_NOT_FOUND');
  const { overrides, errors } = parseOverrides(raw);
  if (Object.keys(errors).length > 0)
    throw AppError.of('RULE_OVERRIDES_INVALID', { problem: Object.values(errors)[0] ?? '' }, errors);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const c = await getCampaign(tx, campaignId, { forUpdate: true });
    await tx
      .update(campaigns)
      .set({ ruleOverrides: overrides as Record<string, string> })
      .where(eq(campaigns.id, campaignId));
    await audit(
      tx,
      request,
      {
        action: 'campaign.rule_overrides',
        targetType: 'campaign',
        targetId: campaignId,
        details: { before: c.ruleOverrides, after: overrides },
      },
      now,
    );
  });
  campaignsChanged(); // every committed write to campaigns drops the process's campaign list (one rule)
  return { campaignId, overrides: overrides as Record<string, string> };
}

/** Self-check: the standard chosen by tier, track and date (and the campaign's overrides), evaluated now. */
export async function assess(ctx: AppContext, body: AssessRequest): Promise<AssessResponse> {
  let overrides: CampaignRuleOverrides | null = null;
  if (body.campaignId) {
    const c = await getCampaign(ctx.db, body.campaignId);
    overrides = c.ruleOverrides as CampaignRuleOverrides;
  }
  const applicationDate = body.applicationDate ?? shanghaiDate(ctx.clock.now());
  const selection = selectStandard({ tier: body.tier, track: body.track, applicationDate, overrides });
  const params = sheetById(selection.standardId)
    ? await currentParams(ctx.db, selection.standardId)
    : undefined;
  const result = evaluateVersioned(selection.standardId, body.input, {
    review: body.track === 'review',
    ...(params ? { params } : {}),
  });
  return {
    standardId: selection.standardId,
    version: result.version,
    reason: selection.reason,
    result: JSON.parse(JSON.stringify(result)) as Record<string, unknown>,
  };
}
