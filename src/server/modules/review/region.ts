/**
 * The province corrects an enterprise's registered region (注册地) — the root fix of the seed's FAQ 1.7
 * ("填写后，工信部门审核不到企业填报信息": the enterprise picked the wrong region). In one transaction:
 *   - the enterprise's county and city;
 *   - its filings waiting for COUNTY review move to the new county (a `transfer` history row each, a
 *     notification job, countyViewedAt reset), so the right department sees them at once;
 *   - its drafts and returned filings get the corrected 注册地 in 基本情况, so the next submission routes right
 *     (submission takes the region from 基本情况);
 *   - an audit row with the old and new region and the reason.
 * Filings already at the city or decided keep their region: their review happened where it happened.
 */
import { eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../../../shared/permissions';
import { cityOf, findRegion, regionPath } from '../../../shared/regions';
import type { RegionCorrectionResponse } from '../../../shared/schemas/review-api';
import { hasReason } from '../../../shared/workflow';
import { enterprises, filingHistory, filings } from '../../db/schema';
import { audit } from '../../plugins/audit';
import type { AppContext } from '../../types';
import { isUuid } from '../filings/repository';
import { setLiveRegion, unscopedEnterpriseFilings } from './actions';
import { enqueueFilingNotification } from './notify';

export async function correctEnterpriseRegion(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  enterpriseId: string,
  input: { countyCode: string; reason: string },
): Promise<RegionCorrectionResponse> {
  const now = ctx.clock.now();
  const reason = input.reason.trim();
  if (!hasReason(reason)) {
    throw AppError.of('REASON_REQUIRED', { what: '更正原因', note: '' }).on('reason');
  }
  const region = findRegion(input.countyCode);
  const city = cityOf(input.countyCode);
  if (!region || region.level !== 'county' || !city) {
    throw AppError.of('COUNTY_NOT_IN_JIANGSU').on('countyCode');
  }
  const target = { countyCode: input.countyCode, cityCode: city.code };
  if (!isUuid(enterpriseId)) throw AppError.of('ENTERPRISE_NOT_FOUND');

  return ctx.db.transaction(async (tx) => {
    const [enterprise] = await tx
      .select()
      .from(enterprises)
      .where(eq(enterprises.id, enterpriseId))
      .for('update');
    if (!enterprise) throw AppError.of('ENTERPRISE_NOT_FOUND');
    await tx
      .update(enterprises)
      .set({ countyCode: target.countyCode, cityCode: target.cityCode, updatedAt: now })
      .where(eq(enterprises.id, enterprise.id));

    const moved: string[] = [];
    for (const f of await unscopedEnterpriseFilings(tx, enterprise.id, ['county_review'])) {
      if (f.countyCode === target.countyCode) continue;
      await tx
        .update(filings)
        .set({
          countyCode: target.countyCode,
          cityCode: target.cityCode,
          countyViewedAt: null,
          cityViewedAt: null,
          statusVersion: sql`${filings.statusVersion} + 1`,
          lastActionAt: now,
          updatedAt: now,
        })
        .where(eq(filings.id, f.id));
      await setLiveRegion(tx, f.id, target, now);
      const [h] = await tx
        .insert(filingHistory)
        .values({
          filingId: f.id,
          at: now,
          action: 'transfer',
          actorUserId: actor.userId,
          actorRole: actor.role,
          actorName: actor.displayName,
          level: 'province',
          fromStatus: f.status,
          toStatus: f.status,
          reason: `更正企业注册地：${reason}`,
          details: {
            fromCountyCode: f.countyCode,
            toCountyCode: target.countyCode,
            fromRegion: f.countyCode ? (regionPath(f.countyCode) ?? null) : null,
            toRegion: regionPath(target.countyCode) ?? null,
            regionCorrection: true,
          },
        })
        .returning({ id: filingHistory.id });
      await enqueueFilingNotification(
        tx,
        { filingId: f.id, event: 'region_corrected', historyId: h!.id },
        now,
      );
      moved.push(f.id);
    }
    const open = await unscopedEnterpriseFilings(tx, enterprise.id, ['draft', 'returned']);
    for (const f of open) await setLiveRegion(tx, f.id, target, now);

    await audit(
      tx,
      request,
      {
        action: 'enterprise.region.correct',
        targetType: 'enterprise',
        targetId: enterprise.id,
        details: {
          fromCountyCode: enterprise.countyCode,
          toCountyCode: target.countyCode,
          reason,
          movedFilingIds: moved,
        },
      },
      now,
    );
    return {
      enterpriseId: enterprise.id,
      countyCode: target.countyCode,
      cityCode: target.cityCode,
      regionName: regionPath(target.countyCode) ?? target.countyCode,
      movedFilingIds: moved,
      updatedOpenFilings: open.length,
    };
  });
}
