/**
 * The audited reveal of a whole personal number (issue 17 item 5, ADR 0025). Lists, exports, logs and SMS views
 * show mobiles masked; a reviewer who needs to phone the enterprise presses 显示 and this route answers the whole
 * number — to a county, city or province reviewer whose region covers the record, by the record's own
 * jurisdiction rule (filingScope for a filing, the region rule for an enterprise, listScope for an objector's
 * phone). Every reveal is audited with the enterprise as the target (an objection: its list); a refusal (another region, a role that never sees business data) answers 403 and
 * is audited too (rate-limited per caller and target, so a script cannot flood the log).
 */
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../../../shared/permissions';
import { covers } from '../../../shared/permissions/can';
import { allows, revealAction } from '../../../shared/permissions/policy';
import { maskPhone } from '../../../shared/pii';
import {
  PII_FIELD_LABELS,
  PII_FIELDS,
  PiiRevealRequest,
  PiiRevealResponse,
  type PiiField,
} from '../../../shared/schemas/pii-api';
import { enterprises, filings, objections, recognitionListEntries, recognitionLists } from '../../db/schema';
import { DeniedLimiter } from '../../plugins/access-denied';
import { audit } from '../../plugins/audit';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { requireActor } from '../../plugins/session';
import type { AppContext } from '../../types';
import { findScopedFiling } from '../filings/repository';
import { snapshotOf } from '../filings/service';
import { listScope } from '../../permissions/sql';

const refusals = new DeniedLimiter();

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function valueAt(data: unknown, path: string): string | null {
  let cur: unknown = data;
  for (const seg of path.split('.')) cur = isObj(cur) ? cur[seg] : undefined;
  return typeof cur === 'string' && cur.trim() !== '' ? cur.trim() : null;
}

interface Target {
  /** The audit row's target: the enterprise whose number it is (an objection: the list it was filed against). */
  auditType: 'enterprise' | 'list';
  auditId: string;
  enterpriseName: string;
  /** Whether the record's own jurisdiction rule lets the actor read it. */
  inScope: boolean;
  value: string | null;
  /** Where the number was shown (a filing, an objection). */
  extra?: Record<string, string>;
}

async function loadTarget(
  ctx: AppContext,
  actor: Actor,
  body: PiiRevealRequest,
): Promise<Target | undefined> {
  if (body.targetType === 'enterprise') {
    const [e] = await ctx.db.select().from(enterprises).where(eq(enterprises.id, body.targetId));
    if (!e) return undefined;
    return {
      auditType: 'enterprise',
      auditId: e.id,
      enterpriseName: e.name,
      inScope: covers(actor, { enterpriseId: e.id, countyCode: e.countyCode, cityCode: e.cityCode }),
      value: e.contactMobile,
    };
  }
  if (body.targetType === 'objection') {
    const [row] = await ctx.db
      .select({ o: objections, enterpriseName: recognitionListEntries.enterpriseName })
      .from(objections)
      .innerJoin(recognitionListEntries, eq(recognitionListEntries.id, objections.entryId))
      .where(eq(objections.id, body.targetId));
    if (!row) return undefined;
    // The list's own scope (listScope): the city of the list, the province.
    const [list] = await ctx.db
      .select({ id: recognitionLists.id })
      .from(recognitionLists)
      .where(and(eq(recognitionLists.id, row.o.listId), listScope(actor)));
    return {
      auditType: 'list',
      auditId: row.o.listId,
      enterpriseName: row.enterpriseName,
      inScope: list !== undefined,
      value: row.o.contactPhone,
      extra: { objectionId: row.o.id, objectorName: row.o.contactName },
    };
  }
  const scoped = await findScopedFiling(ctx.db, actor, body.targetId);
  const [f] = scoped ? [scoped] : await ctx.db.select().from(filings).where(eq(filings.id, body.targetId));
  if (!f) return undefined;
  // What the reviewer reads is the submitted snapshot; a draft has none and is never a reviewer's.
  const basic = snapshotOf(f)?.sections.basic;
  return {
    auditType: 'enterprise',
    auditId: f.enterpriseId,
    enterpriseName: f.enterpriseName,
    inScope: scoped !== undefined,
    value: scoped ? valueAt(basic, body.field) : null,
    extra: { filingId: f.id },
  };
}

export async function revealPii(
  ctx: AppContext,
  request: FastifyRequest,
  body: PiiRevealRequest,
): Promise<PiiRevealResponse> {
  const actor = requireActor(request);
  if (!(PII_FIELDS[body.targetType] as readonly string[]).includes(body.field)) {
    throw AppError.of('PII_FIELD_UNKNOWN').on('field');
  }
  const label = PII_FIELD_LABELS[body.field as PiiField];
  const target = await loadTarget(ctx, actor, body);
  const now = ctx.clock.now();
  const roleMay = allows(actor.role, revealAction(body.targetType));
  const entitled = roleMay && target?.inScope === true;
  if (!target) throw AppError.of('RECORD_NOT_FOUND');
  const details = {
    field: body.field,
    fieldLabel: label,
    enterpriseName: target.enterpriseName,
    via: body.targetType,
    ...target.extra,
  };
  if (!entitled) {
    const key = `${actor.userId}|${body.targetType}|${body.targetId}|${body.field}`;
    if (refusals.allow(actor.userId, key, now.getTime())) {
      await audit(
        ctx.db,
        request,
        {
          action: 'pii.reveal_denied',
          success: false,
          targetType: target.auditType,
          targetId: target.auditId,
          details,
        },
        now,
      );
    }
    throw AppError.of(roleMay ? 'PII_OUT_OF_SCOPE' : 'PII_ROLE_CANNOT_VIEW');
  }
  await audit(
    ctx.db,
    request,
    {
      action: 'pii.reveal',
      targetType: target.auditType,
      targetId: target.auditId,
      details: { ...details, masked: target.value === null ? null : maskPhone(target.value) },
    },
    now,
  );
  return { value: target.value, label, enterpriseName: target.enterpriseName };
}

export const piiRoutes: FastifyPluginAsyncZod = async (app) => {
  const E = ErrorEnvelopeSchema;
  app.post(
    '/api/v1/pii/reveal',
    {
      schema: {
        tags: ['个人信息保护'],
        summary: '查看完整手机号（辖区审核人员；每次查看记入审计日志，越权被拒绝也记入）',
        body: PiiRevealRequest,
        response: { 200: PiiRevealResponse, 400: E, 401: E, 403: E, 404: E, 429: E },
      },
      config: {
        rateLimit: {
          max: 60,
          timeWindow: 60_000,
          keyGenerator: (request: FastifyRequest) => `pii-reveal:${request.actor?.userId ?? request.ip}`,
          errorResponseBuilder: (_req: FastifyRequest, c: { ttl: number }) =>
            AppError.of('TOO_FREQUENT', {
              what: '查看完整号码',
              seconds: Math.max(1, Math.ceil(c.ttl / 1000)),
            }),
        },
      },
    },
    async (request) => revealPii(app.ctx, request, request.body),
  );
};
