/**
 * The public registry (公开查询): enterprises holding a VALID recognition today. No login; rate-limited per IP.
 *
 * Performance (issue #7, docs/performance.md): one query over the registry's holders (VALID recognitions of an
 * announced or imported list) joined to their enterprises; the enterprise match drives the plan.
 * - A credit code of 18 characters is an equality on enterprises.uscc (unique index enterprises_uscc_uq).
 * - Partial codes and names are ILIKE '%q%', answered by the pg_trgm GIN indexes enterprises_name_trgm_idx and
 *   enterprises_uscc_trgm_idx (a bitmap index scan, then one probe of recognitions_enterprise_idx per matching
 *   enterprise): ~1–11 ms at 486,496 enterprises for a 6-character fragment matching ~1,000 of them.
 * - A trigram index needs at least 3 characters. A 2-character name (the contract's minimum, which the public
 *   page also states) cannot use it and is a scan of the enterprises (~0.2 s at 486k); the public rate limit
 *   (30 per minute and client) bounds what that costs. Raising the minimum to 3 is proposed in the report.
 */
import { and, asc, eq, gte, inArray, lte, or, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../shared/errors';
import { maskUscc, shanghaiDay } from '../../../shared/recognition';
import { REGISTRY_MAX_RESULTS, RegistryQuery, RegistryResponse } from '../../../shared/schemas/registry-api';
import { enterprises, recognitions } from '../../db/schema';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import type { AppContext } from '../../types';

/** Recognitions the registry shows: announced or imported lists (never self-declared honours). */
export const REGISTRY_SOURCES = ['announcement', 'import', 'rereview'] as const;

/** 30 queries per IP per minute. */
export const REGISTRY_RATE_LIMIT = {
  rateLimit: {
    max: 30,
    timeWindow: 60_000,
    errorResponseBuilder: (_req: FastifyRequest, c: { ttl: number }) =>
      new AppError('RATE_LIMITED', `查询过于频繁，请在 ${Math.max(1, Math.ceil(c.ttl / 1000))} 秒后再试。`),
  },
};

const CODE = /^[0-9A-Za-z]+$/;

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function searchRegistry(ctx: AppContext, rawQ: string) {
  const q = rawQ.trim().replace(/\s+/g, '');
  const now = ctx.clock.now();
  const isCode = CODE.test(q);
  if (isCode && q.length < 6) {
    const message = '请输入企业名称（至少 2 个字）或统一社会信用代码（至少 6 位）';
    throw new AppError('VALIDATION_FAILED', message, { q: message });
  }
  let match;
  if (isCode && q.length === 18) match = eq(enterprises.uscc, q.toUpperCase());
  else if (isCode) {
    const pattern = `%${likeEscape(q)}%`;
    match = or(sql`${enterprises.uscc} ilike ${pattern}`, sql`${enterprises.name} ilike ${pattern}`)!;
  } else match = sql`${enterprises.name} ilike ${`%${likeEscape(q)}%`}`;
  const rows = await ctx.db
    .select({
      name: enterprises.name,
      uscc: enterprises.uscc,
      title: recognitions.title,
      issuer: recognitions.issuer,
      documentNo: recognitions.documentNo,
      validFrom: recognitions.validFrom,
      validTo: recognitions.validTo,
    })
    .from(recognitions)
    .innerJoin(enterprises, eq(enterprises.id, recognitions.enterpriseId))
    .where(
      and(
        eq(recognitions.status, 'valid'),
        inArray(recognitions.source, [...REGISTRY_SOURCES]),
        lte(recognitions.validFrom, now),
        gte(recognitions.validTo, now),
        match,
      ),
    )
    .orderBy(asc(enterprises.name), asc(recognitions.validFrom))
    .limit(REGISTRY_MAX_RESULTS + 1);
  return {
    items: rows.slice(0, REGISTRY_MAX_RESULTS).map((r) => ({
      enterpriseName: r.name,
      maskedUscc: maskUscc(r.uscc),
      title: r.title,
      issuer: r.issuer,
      documentNo: r.documentNo,
      validFrom: shanghaiDay(r.validFrom),
      validTo: shanghaiDay(r.validTo),
    })),
    truncated: rows.length > REGISTRY_MAX_RESULTS,
    asOf: shanghaiDay(now),
  };
}

export const registryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/public/registry',
    {
      config: REGISTRY_RATE_LIMIT,
      schema: {
        tags: ['公示公告（公开）'],
        summary: '查询有效期内的创新型中小企业等认定（按企业名称或统一社会信用代码；最多 20 条）',
        querystring: RegistryQuery,
        response: { 200: RegistryResponse, 400: ErrorEnvelopeSchema, 429: ErrorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return searchRegistry(app.ctx, request.query.q);
    },
  );
};
