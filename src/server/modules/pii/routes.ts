/**
 * The audited reveal of a whole personal number (issue 17 item 5, ADR 0025). Lists, exports, logs and SMS views
 * show mobiles masked; a reviewer who needs to phone the enterprise presses 显示 and this route answers the whole
 * number — to a county, city or province reviewer whose region covers the record, by the record's own
 * jurisdiction rule (filingScope for a filing, the region rule for an enterprise). Every reveal is audited with
 * the enterprise as the target; a refusal (another region, a role that never sees business data) answers 403 and
 * is audited too (rate-limited per caller and target, so a script cannot flood the log).
 */
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../shared/errors';
import { covers, type Actor, type Role } from '../../../shared/permissions';
import { maskMobile } from '../../../shared/pii';
import {
  PII_FIELD_LABELS,
  PII_FIELDS,
  PiiRevealRequest,
  PiiRevealResponse,
  type PiiField,
} from '../../../shared/schemas/pii-api';
import { enterprises, filings } from '../../db/schema';
import { DeniedLimiter } from '../../plugins/access-denied';
import { audit } from '../../plugins/audit';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { requireActor } from '../../plugins/session';
import type { AppContext } from '../../types';
import { findScopedFiling } from '../filings/repository';
import { snapshotOf } from '../filings/service';

/** Who may see a whole number: the reviewing departments. Never the three administrators (三员分立). */
export const REVEAL_ROLES: readonly Role[] = ['county_reviewer', 'city_reviewer', 'province'];

const refusals = new DeniedLimiter();

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function valueAt(data: unknown, path: string): string | null {
  let cur: unknown = data;
  for (const seg of path.split('.')) cur = isObj(cur) ? cur[seg] : undefined;
  return typeof cur === 'string' && cur.trim() !== '' ? cur.trim() : null;
}

interface Target {
  enterpriseId: string;
  enterpriseName: string;
  countyCode: string | null;
  cityCode: string | null;
  /** Whether the record's own jurisdiction rule lets the actor read it. */
  inScope: boolean;
  value: string | null;
  filingId?: string;
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
      enterpriseId: e.id,
      enterpriseName: e.name,
      countyCode: e.countyCode,
      cityCode: e.cityCode,
      inScope: covers(actor, { enterpriseId: e.id, countyCode: e.countyCode, cityCode: e.cityCode }),
      value: e.contactMobile,
    };
  }
  const scoped = await findScopedFiling(ctx.db, actor, body.targetId);
  const [f] = scoped ? [scoped] : await ctx.db.select().from(filings).where(eq(filings.id, body.targetId));
  if (!f) return undefined;
  // What the reviewer reads is the submitted snapshot; a draft has none and is never a reviewer's.
  const basic = snapshotOf(f)?.sections.basic;
  return {
    enterpriseId: f.enterpriseId,
    enterpriseName: f.enterpriseName,
    countyCode: f.countyCode,
    cityCode: f.cityCode,
    inScope: scoped !== undefined,
    value: scoped ? valueAt(basic, body.field) : null,
    filingId: f.id,
  };
}

export async function revealPii(
  ctx: AppContext,
  request: FastifyRequest,
  body: PiiRevealRequest,
): Promise<PiiRevealResponse> {
  const actor = requireActor(request);
  if (!(PII_FIELDS[body.targetType] as readonly string[]).includes(body.field)) {
    const message = '该记录没有这个号码，请从页面上的“显示”按钮查看';
    throw new AppError('VALIDATION_FAILED', message, { field: message });
  }
  const label = PII_FIELD_LABELS[body.field as PiiField];
  const target = await loadTarget(ctx, actor, body);
  const now = ctx.clock.now();
  const entitled = REVEAL_ROLES.includes(actor.role) && target?.inScope === true;
  if (!target) throw new AppError('NOT_FOUND', '未找到该记录，或不在您的管辖范围内。');
  const details = {
    field: body.field,
    fieldLabel: label,
    enterpriseName: target.enterpriseName,
    via: body.targetType,
    ...(target.filingId ? { filingId: target.filingId } : {}),
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
          targetType: 'enterprise',
          targetId: target.enterpriseId,
          details,
        },
        now,
      );
    }
    throw new AppError(
      'FORBIDDEN',
      REVEAL_ROLES.includes(actor.role)
        ? '该企业不在您的管辖范围内，不能查看完整号码。'
        : '您的角色不能查看企业联系人的完整号码。',
    );
  }
  await audit(
    ctx.db,
    request,
    {
      action: 'pii.reveal',
      targetType: 'enterprise',
      targetId: target.enterpriseId,
      details: { ...details, masked: maskMobile(target.value) },
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
            new AppError(
              'RATE_LIMITED',
              `查看完整号码过于频繁，请在 ${Math.max(1, Math.ceil(c.ttl / 1000))} 秒后再试。`,
            ),
        },
      },
    },
    async (request) => revealPii(app.ctx, request, request.body),
  );
};
