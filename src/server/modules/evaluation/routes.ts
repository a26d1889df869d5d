import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CorrectionRequest,
  EvaluationDetail,
  EvaluationListQuery,
  EvaluationListResponse,
  PrepareResponse,
} from '../../../shared/schemas/evaluation-api';
import { z } from '../../../shared/schemas/zod';
import { audit } from '../../plugins/audit';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { authorize } from '../../permissions/authorize';
import { correctEvaluation, ensureEvaluations, evaluationDetail, listEvaluations } from './service';

const TAGS = ['创新型评价'];
const E = ErrorEnvelopeSchema;
const errors = { 400: E, 401: E, 403: E, 404: E, 409: E };

export const evaluationRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.post(
    '/api/v1/evaluation/campaigns/:campaignId/prepare',
    {
      schema: {
        tags: TAGS,
        summary: '为本市已审核通过的申报生成创新型中小企业评价（可重复调用，不会重复生成）',
        params: z.object({ campaignId: z.string() }),
        response: { 200: PrepareResponse, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'evaluation.prepare');
      const created = await ensureEvaluations(ctx, actor, request.params.campaignId);
      const list = await listEvaluations(ctx, actor, request.params.campaignId, {});
      if (created > 0) {
        await audit(
          ctx.db,
          request,
          {
            action: 'evaluation.prepare',
            targetType: 'campaign',
            targetId: request.params.campaignId,
            details: { created },
          },
          ctx.clock.now(),
        );
      }
      return { created, total: list.counts.total };
    },
  );

  app.get(
    '/api/v1/evaluation/campaigns/:campaignId/evaluations',
    {
      schema: {
        tags: TAGS,
        summary: '本辖区的评价列表（按得分从高到低；可按是否符合、得分区间、县区筛选）',
        params: z.object({ campaignId: z.string() }),
        querystring: EvaluationListQuery,
        response: { 200: EvaluationListResponse, ...errors },
      },
    },
    async (request) =>
      listEvaluations(ctx, authorize(request, 'evaluation.read'), request.params.campaignId, request.query),
  );

  app.get(
    '/api/v1/evaluation/evaluations/:id',
    {
      schema: {
        tags: TAGS,
        summary: '评价详情：评价数据、得分明细与说明、修正记录',
        params: z.object({ id: z.string() }),
        response: { 200: EvaluationDetail, ...errors },
      },
    },
    async (request) => evaluationDetail(ctx, authorize(request, 'evaluation.read'), request.params.id),
  );

  app.post(
    '/api/v1/evaluation/evaluations/:id/corrections',
    {
      schema: {
        tags: TAGS,
        summary: '修正评价数据（必须填写原因；重新计分并保留修正前后两个版本）',
        params: z.object({ id: z.string() }),
        body: CorrectionRequest,
        response: { 200: EvaluationDetail, ...errors },
      },
    },
    async (request) =>
      correctEvaluation(ctx, request, authorize(request, 'evaluation.read'), request.params.id, request.body),
  );
};
