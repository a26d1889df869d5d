import { desc, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isLoopbackHost } from '../../config';
import { AppError } from '../../../shared/errors';
import { OutboxResponse } from '../../../shared/schemas/auth';
import { maskMobile } from '../../../shared/pii';
import { mobile } from '../../../shared/schemas/fields';
import { z } from '../../../shared/schemas/zod';
import { captchas, smsOutbox } from '../../db/schema';
import { ErrorEnvelopeSchema } from '../../plugins/errors';

/**
 * Whether a request comes from this machine: the socket's peer is a loopback address and no proxy header names
 * anyone else (a reverse proxy on the same host would otherwise make every visitor look local).
 */
export function fromLoopback(request: FastifyRequest): boolean {
  const peers = [request.socket.remoteAddress ?? ''];
  for (const h of ['x-forwarded-for', 'x-real-ip', 'forwarded']) {
    const v = request.headers[h];
    if (v !== undefined) peers.push(...String(v).split(','));
  }
  return peers.every((p) => isLoopbackHost(p.replace(/^for=/i, '').replace(/"/g, '')));
}

/** Developer routes answer loopback clients only (the SMS outbox holds password-reset codes). */
export async function loopbackOnly(request: FastifyRequest): Promise<void> {
  if (!fromLoopback(request)) throw AppError.of('DEV_LOCAL_ONLY');
}

/** The SMS outbox page for developers (development and test modes only; never registered in production). */
export const devOutboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', loopbackOnly);
  app.get(
    '/api/v1/dev/sms-outbox',
    {
      schema: {
        tags: ['开发调试'],
        summary: '开发环境短信发件箱（最新在前，最多 50 条；生产环境不存在）',
        querystring: z.object({ mobile: mobile.optional() }),
        response: { 200: OutboxResponse, 400: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const q = app.ctx.db.select().from(smsOutbox);
      const rows = await (request.query.mobile ? q.where(eq(smsOutbox.mobile, request.query.mobile)) : q)
        .orderBy(desc(smsOutbox.id))
        .limit(50);
      return {
        messages: rows.map((r) => ({
          id: r.id,
          // Masked like every SMS view (ADR 0025): the page filters by a whole number the developer typed.
          mobile: maskMobile(r.mobile),
          body: r.body,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  );
};

/** Test-only hooks that let the end-to-end suite drive the real flows. Registered in test mode only. */
export const testHookRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/test/captcha/:id',
    {
      schema: {
        tags: ['开发调试'],
        summary: '测试模式：读取图形验证码答案（仅测试模式存在）',
        params: z.object({ id: z.string().uuid('图形验证码编号不正确') }),
        response: { 200: z.object({ answer: z.string() }), 404: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const [row] = await app.ctx.db
        .select({ answer: captchas.answer })
        .from(captchas)
        .where(eq(captchas.id, request.params.id));
      if (!row) throw AppError.of('CAPTCHA_NOT_FOUND');
      return { answer: row.answer };
    },
  );
};
