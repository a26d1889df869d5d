/**
 * The enterprise record (企业档案): recognitions with their validity, the database status (在库 / 已清退) with its
 * history from enterprise_events, and the honours declared in the latest approved filing's 已认定事项.
 *   GET /api/v1/enterprise/record               the logged-in enterprise
 *   GET /api/v1/review/enterprises/:id/record   reviewers whose region covers the enterprise (else 404)
 */
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../../../shared/permissions';
import { regionPath } from '../../../shared/regions';
import { daysLeft, shanghaiDay, validityState, VALIDITY_STATE_LABELS } from '../../../shared/recognition';
import { EnterpriseRecord } from '../../../shared/schemas/registry-api';
import { z } from '../../../shared/schemas/zod';
import { campaigns, enterpriseEvents, enterprises, filings, recognitions } from '../../db/schema';
import { audit } from '../../plugins/audit';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { authorize } from '../../permissions/authorize';
import type { AppContext } from '../../types';
import { isUuid } from '../filings/repository';
import type { Snapshot } from '../filings/service';
import { enterpriseScope } from '../filings/scope';

export const DB_STATUS_LABELS: Record<string, string> = { none: '未入库', in_db: '在库', cleared: '已清退' };

export const EVENT_LABELS: Record<string, string> = {
  entered: '入库',
  updated: '数据更新',
  clearance_proposed: '拟清退出库',
  cleared: '清退出库',
  appeal_filed: '提出申诉',
  reinstated: '恢复在库',
  recognised: '获得认定',
  recognition_extended: '认定有效期延续',
  recognition_revoked: '认定撤销',
  region_corrected: '更正注册地',
};

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** The 已认定事项 of a filing's recognitions section, as Chinese title/detail pairs. */
export function declaredHonoursOf(section: unknown): { title: string; detail: string }[] {
  const s = obj(section);
  const out: { title: string; detail: string }[] = [];
  const ht = obj(s['highTech']);
  if (ht['held'] === true) {
    out.push({
      title: '高新技术企业',
      detail: `证书编号 ${str(ht['certificateNo']) || '—'}，发证日期 ${str(ht['issueDate']) || '—'}`,
    });
  }
  const td = obj(s['techInnovationDemo']);
  if (td['held'] === true)
    out.push({ title: '国家级技术创新示范企业', detail: `${str(td['year']) || '—'} 年认定` });
  const ipd = obj(s['ipAdvantageOrDemo']);
  if (ipd['held'] === true) {
    out.push({
      title: str(ipd['type']) || '知识产权优势/示范企业',
      detail: `有效期至 ${str(ipd['validUntil']) || '—'}`,
    });
  }
  for (const a of Array.isArray(s['sciTechAwards']) ? s['sciTechAwards'] : []) {
    const r = obj(a);
    const level = r['level'] === 'national' ? '国家级' : r['level'] === 'provincial' ? '省级' : '';
    out.push({
      title: `${level}科技奖励：${str(r['name'])}`,
      detail: `${str(r['year'])} 年，${str(r['grade'])}，排名第 ${str(r['rank'])}`,
    });
  }
  const mc = obj(s['makerChina']);
  if (mc['rank'] === 'top500' || mc['rank'] === 'top50') {
    out.push({
      title: '“创客中国”中小企业创新创业大赛',
      detail: `${str(mc['year'])} 年入围全国 ${mc['rank'] === 'top50' ? '50' : '500'} 强企业组`,
    });
  }
  for (const h of Array.isArray(s['otherHonours']) ? s['otherHonours'] : []) {
    const r = obj(h);
    const name = str(r['name']);
    out.push({
      title: name ? `${str(r['type'])}：${name}` : str(r['type']),
      detail: `${str(r['year'])} 年认定${str(r['batch']) ? `（${str(r['batch'])}）` : ''}`,
    });
  }
  return out;
}

export async function enterpriseRecord(ctx: AppContext, enterpriseId: string): Promise<EnterpriseRecord> {
  const now = ctx.clock.now();
  const [e] = await ctx.db.select().from(enterprises).where(eq(enterprises.id, enterpriseId));
  if (!e) throw AppError.of('ENTERPRISE_NOT_FOUND');
  const recs = await ctx.db
    .select()
    .from(recognitions)
    .where(eq(recognitions.enterpriseId, e.id))
    .orderBy(desc(recognitions.validFrom), asc(recognitions.id));
  const events = await ctx.db
    .select()
    .from(enterpriseEvents)
    .where(eq(enterpriseEvents.enterpriseId, e.id))
    .orderBy(asc(enterpriseEvents.id));
  const [latest] = await ctx.db
    .select({ filing: filings, year: campaigns.year })
    .from(filings)
    .innerJoin(campaigns, eq(campaigns.id, filings.campaignId))
    .where(and(eq(filings.enterpriseId, e.id), eq(filings.status, 'approved'), ne(filings.kind, 'tech_sme')))
    .orderBy(desc(campaigns.year), desc(filings.submittedAt))
    .limit(1);
  const snapshot = (latest?.filing.snapshot as unknown as Snapshot | null) ?? null;
  const dbStatus = (['none', 'in_db', 'cleared'].includes(e.dbStatus) ? e.dbStatus : 'none') as
    'none' | 'in_db' | 'cleared';
  return {
    enterprise: {
      id: e.id,
      name: e.name,
      uscc: e.uscc,
      regionName: e.countyCode ? (regionPath(e.countyCode) ?? null) : null,
    },
    dbStatus,
    dbStatusLabel: DB_STATUS_LABELS[dbStatus]!,
    recognitions: recs.map((r) => {
      const state = validityState(r, now);
      return {
        id: r.id,
        kind: r.kind,
        title: r.title,
        source: r.source,
        issuer: r.issuer,
        documentNo: r.documentNo,
        validFrom: shanghaiDay(r.validFrom),
        validTo: shanghaiDay(r.validTo),
        state,
        stateLabel: VALIDITY_STATE_LABELS[state],
        daysLeft: daysLeft(r, now),
      };
    }),
    events: events.map((ev) => ({
      id: Number(ev.id),
      at: ev.at.toISOString(),
      event: ev.event,
      eventLabel: EVENT_LABELS[ev.event] ?? ev.event,
      actorName: ev.actorName,
      reason: ev.reason,
    })),
    declaredHonours: {
      filingId: latest?.filing.id ?? null,
      campaignYear: latest?.year ?? null,
      items: snapshot ? declaredHonoursOf(snapshot.sections?.recognitions) : [],
    },
    asOf: shanghaiDay(now),
  };
}

async function scopedEnterpriseId(ctx: AppContext, actor: Actor, id: string): Promise<string> {
  if (!isUuid(id)) throw AppError.of('ENTERPRISE_NOT_FOUND');
  const [row] = await ctx.db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(and(eq(enterprises.id, id), enterpriseScope(actor)));
  if (!row) throw AppError.of('ENTERPRISE_NOT_FOUND');
  return row.id;
}

export const recordRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const E = ErrorEnvelopeSchema;
  app.get(
    '/api/v1/enterprise/record',
    {
      schema: {
        tags: ['企业档案'],
        summary: '本企业档案：认定及有效期、在库状态及历史、最近一次通过审核的申报中的已认定事项',
        response: { 200: EnterpriseRecord, 401: E, 403: E, 404: E },
      },
    },
    async (request) => {
      const actor = authorize(request, 'enterprise.own');
      if (!actor.enterpriseId) throw new AppError('FORBIDDEN');
      return enterpriseRecord(ctx, actor.enterpriseId);
    },
  );

  app.get(
    '/api/v1/review/enterprises/:id/record',
    {
      schema: {
        tags: ['企业档案'],
        summary: '企业档案（辖区审核人员）',
        params: z.object({ id: z.string() }),
        response: { 200: EnterpriseRecord, 401: E, 403: E, 404: E },
      },
    },
    async (request) => {
      const actor = authorize(request, 'enterprise.read');
      const id = await scopedEnterpriseId(ctx, actor, request.params.id);
      await audit(
        ctx.db,
        request,
        { action: 'enterprise.record_view', targetType: 'enterprise', targetId: id },
        ctx.clock.now(),
      );
      return enterpriseRecord(ctx, id);
    },
  );
};
