import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../shared/errors';
import {
  parseQualityScore,
  QualityScoreListQuery,
  QualityScoreListResponse,
  QualityScoreView,
  SaveQualityScoreRequest,
} from '../../../shared/schemas/quality-api';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { authorize } from '../../permissions/authorize';
import { enterScore, listScores } from './service';

const TAGS = ['质量评价得分'];
const E = ErrorEnvelopeSchema;
const errors = { 400: E, 401: E, 403: E, 404: E };

export const qualityScoreRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/api/v1/quality-scores',
    {
      schema: {
        tags: TAGS,
        summary: '专精特新发展质量评价得分（本辖区；按年度、企业名称或信用代码筛选）',
        querystring: QualityScoreListQuery,
        response: { 200: QualityScoreListResponse, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'quality.read');
      return { items: await listScores(ctx.db, actor, request.query) };
    },
  );

  app.put(
    '/api/v1/quality-scores',
    {
      schema: {
        tags: TAGS,
        summary:
          '录入企业某年度的专精特新发展质量评价得分（省工信厅；设区市限本市企业）：得分由国家平台计算，本平台只记录得分及来源',
        body: SaveQualityScoreRequest,
        response: { 200: QualityScoreView, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'quality.write');
      const score = parseQualityScore(request.body.score);
      if (!score.ok) throw new AppError('VALIDATION_FAILED', score.message, { score: score.message });
      return enterScore(ctx.db, request, actor, { ...request.body, score: score.value }, ctx.clock.now());
    },
  );
};
