import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../shared/errors';
import { LadderView } from '../../../shared/schemas/ladder-api';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { authorize } from '../../permissions/authorize';
import { ladderOf } from './service';

const E = ErrorEnvelopeSchema;

export const ladderRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(
    '/api/v1/ladder',
    {
      schema: {
        tags: ['我的梯度'],
        summary:
          '我的梯度（企业）：科技和创新型、专精特新、小巨人三级的达标情况、适用标准、未达到的条件（数值、门槛、条款）及距下一级所缺条件',
        response: { 200: LadderView, 401: E, 403: E },
      },
    },
    async (request) => {
      const actor = authorize(request, 'enterprise.own');
      if (!actor.enterpriseId) throw new AppError('FORBIDDEN');
      return ladderOf(ctx.db, actor.enterpriseId, ctx.clock.now());
    },
  );
};
