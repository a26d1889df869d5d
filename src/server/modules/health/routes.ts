import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from '../../../shared/schemas/zod';
import { databaseReady } from '../../db/client';
import { sendError } from '../../plugins/errors';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['系统'],
        summary: '健康检查：数据库就绪后返回 {"status":"ok"}',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async (request, reply) => {
      if (!(await databaseReady(app.ctx.db))) return sendError(reply, request, 'SERVICE_UNAVAILABLE');
      return { status: 'ok' as const };
    },
  );
};
