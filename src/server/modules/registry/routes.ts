/**
 * The public registry (公开查询): enterprises holding a VALID recognition today. No login; rate-limited per IP.
 *
 * Performance (issues #7 and #15, docs/performance.md, ADR 0027): one prepared statement over `registry_entries`,
 * the holders-only table the database keeps in step with `recognitions` and `enterprises` (triggers of migration
 * 0018), so a lookup reads holders only and joins nothing.
 * - A credit code of 18 characters is an equality on registry_entries.uscc (registry_entries_uscc_idx).
 * - Partial codes and names are ILIKE '%q%', answered by the pg_trgm GIN indexes registry_entries_name_trgm_idx
 *   and registry_entries_uscc_trgm_idx.
 * - A trigram index needs at least 3 characters, so a name needs at least 3 characters (a scan otherwise) and a
 *   credit code at least 6.
 */
import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../shared/errors';
import { maskUscc, shanghaiDay } from '../../../shared/recognition';
import {
  REGISTRY_MAX_RESULTS,
  REGISTRY_QUERY_MESSAGE,
  RegistryQuery,
  RegistryResponse,
} from '../../../shared/schemas/registry-api';
import type { Db } from '../../db/client';
import { perDatabase } from '../../db/prepared';
import { registryEntries } from '../../db/schema';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import type { AppContext } from '../../types';

/**
 * Recognitions the registry shows: announced or imported lists (never self-declared honours). The triggers of
 * migration 0018 copy exactly these into registry_entries (tests/integration/registry/registry-entries.test.ts
 * compares the two).
 */
export const REGISTRY_SOURCES = ['announcement', 'import', 'rereview'] as const;

/** 30 queries per IP per minute. */
export const REGISTRY_RATE_LIMIT = {
  rateLimit: {
    max: 30,
    timeWindow: 60_000,
    errorResponseBuilder: (_req: FastifyRequest, c: { ttl: number }) =>
      AppError.of('TOO_FREQUENT', { what: '查询', seconds: Math.max(1, Math.ceil(c.ttl / 1000)) }),
  },
};

const CODE = /^[0-9A-Za-z]+$/;
/** A name fragment shorter than a trigram cannot use the index. */
export const REGISTRY_MIN_NAME = 3;
/** A partial credit code shorter than this matches too much to be a lookup. */
export const REGISTRY_MIN_CODE = 6;

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The three lookups, each built once per database and prepared (issue #15). */
const registryStatements = perDatabase((db: Db) => {
  const select = () =>
    db
      .select({
        name: registryEntries.name,
        uscc: registryEntries.uscc,
        title: registryEntries.title,
        issuer: registryEntries.issuer,
        documentNo: registryEntries.documentNo,
        validFrom: registryEntries.validFrom,
        validTo: registryEntries.validTo,
      })
      .from(registryEntries);
  const valid = sql`${registryEntries.validFrom} <= ${sql.placeholder('now')}::timestamptz and ${registryEntries.validTo} >= ${sql.placeholder('now')}::timestamptz`;
  const order = [
    asc(registryEntries.name),
    asc(registryEntries.validFrom),
    asc(registryEntries.recognitionId),
  ];
  return {
    byCode: select()
      .where(and(valid, eq(registryEntries.uscc, sql.placeholder('q'))))
      .orderBy(...order)
      .limit(REGISTRY_MAX_RESULTS + 1)
      .prepare('registry_by_code'),
    byPartialCode: select()
      .where(
        and(
          valid,
          or(
            sql`${registryEntries.uscc} ilike ${sql.placeholder('pattern')}`,
            sql`${registryEntries.name} ilike ${sql.placeholder('pattern')}`,
          ),
        ),
      )
      .orderBy(...order)
      .limit(REGISTRY_MAX_RESULTS + 1)
      .prepare('registry_by_partial_code'),
    byName: select()
      .where(and(valid, sql`${registryEntries.name} ilike ${sql.placeholder('pattern')}`))
      .orderBy(...order)
      .limit(REGISTRY_MAX_RESULTS + 1)
      .prepare('registry_by_name'),
  };
});

export async function searchRegistry(ctx: Pick<AppContext, 'db' | 'clock'>, rawQ: string) {
  const q = rawQ.trim().replace(/\s+/g, '');
  const now = ctx.clock.now();
  const isCode = CODE.test(q);
  if ((isCode && q.length < REGISTRY_MIN_CODE) || (!isCode && [...q].length < REGISTRY_MIN_NAME)) {
    throw new AppError('VALIDATION_FAILED', REGISTRY_QUERY_MESSAGE, { q: REGISTRY_QUERY_MESSAGE });
  }
  const st = registryStatements(ctx.db);
  const at = now.toISOString();
  const pattern = `%${likeEscape(q)}%`;
  const rows =
    isCode && q.length === 18
      ? await st.byCode.execute({ now: at, q: q.toUpperCase() })
      : isCode
        ? await st.byPartialCode.execute({ now: at, pattern })
        : await st.byName.execute({ now: at, pattern });
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
