import { and, eq, exists, or, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../../../shared/permissions';
import { z } from '../../../shared/schemas/zod';
import type { DbOrTx } from '../../db/client';
import { enterprises, filingAttachments, filings, files } from '../../db/schema';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { requireActor } from '../../plugins/session';
import { isUuid } from '../filings/repository';
import { enterpriseScope, filingScope } from '../filings/scope';

export type FileRow = typeof files.$inferSelect;

/**
 * A stored file the actor may read, or undefined: the owning enterprise; a reviewer whose region covers a filing
 * that references the file (attached now or listed in its submitted snapshot, through filingScope), or the enterprise's licence image for reviewers of its region.
 */
export async function findReadableFile(
  db: DbOrTx,
  actor: Actor,
  fileId: string,
): Promise<FileRow | undefined> {
  if (!isUuid(fileId)) return undefined;
  const owner =
    actor.role === 'enterprise' && actor.enterpriseId
      ? eq(files.enterpriseId, actor.enterpriseId)
      : undefined;
  const viaFiling = exists(
    db
      .select({ one: filingAttachments.id })
      .from(filingAttachments)
      .innerJoin(filings, eq(filings.id, filingAttachments.filingId))
      .where(and(eq(filingAttachments.fileId, files.id), filingScope(actor))),
  );
  // A file a submitted snapshot still lists (e.g. removed from the draft after a return) stays readable to reviewers.
  const viaSnapshot = exists(
    db
      .select({ one: filings.id })
      .from(filings)
      .where(
        and(
          sql`${filings.snapshot} -> 'attachments' @> jsonb_build_array(jsonb_build_object('fileId', ${files.id}::text))`,
          filingScope(actor),
        ),
      ),
  );
  const viaLicence = exists(
    db
      .select({ one: enterprises.id })
      .from(enterprises)
      .where(and(eq(enterprises.licenceFileId, files.id), enterpriseScope(actor))),
  );
  const rows = await db
    .select()
    .from(files)
    .where(
      and(
        eq(files.id, fileId),
        owner ? or(owner, viaFiling, viaSnapshot, viaLicence) : or(viaFiling, viaSnapshot, viaLicence),
      ),
    )
    .limit(1);
  return rows[0];
}

/** RFC 6266 / RFC 5987: an ASCII fallback name and the UTF-8 name. */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const fileRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '/api/v1/files/:fileId',
    {
      schema: {
        tags: ['企业填报'],
        summary: '下载或在线查看文件（本企业，或辖区覆盖该文件所属填报的审核人员）',
        params: z.object({ fileId: z.string() }),
        querystring: z.object({ download: z.enum(['0', '1']).optional() }),
        response: {
          200: z.any().describe('文件内容（Content-Type 为文件类型）'),
          401: ErrorEnvelopeSchema,
          404: ErrorEnvelopeSchema,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const file = await findReadableFile(ctx.db, actor, request.params.fileId);
      if (!file) throw AppError.of('FILE_NOT_FOUND');
      const body = await ctx.storage.stream(file.storageKey);
      const mode = request.query.download === '1' ? 'attachment' : 'inline';
      return reply
        .header('content-type', file.mimeType)
        .header('content-length', file.sizeBytes)
        .header('content-disposition', contentDisposition(mode, file.originalName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  );
};
