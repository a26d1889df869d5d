import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  SummaryQuery,
  SummaryResponse,
  TrendQuery,
  TrendResponse,
} from '../../../shared/schemas/statistics-api';
import { z } from '../../../shared/schemas/zod';
import { audit } from '../../plugins/audit';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { authorize } from '../../permissions/authorize';
import { shanghaiDate } from '../campaigns/service';
import { contentDisposition } from '../files/routes';
import { streamStatisticsXlsx } from './export';
import { summary, trend } from './service';

const TAGS = ['统计'];
const E = ErrorEnvelopeSchema;
const errors = { 400: E, 401: E, 403: E, 404: E };

export const statisticsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/api/v1/statistics/summary',
    {
      schema: {
        tags: TAGS,
        summary: '分地区统计：注册企业、填报（按状态、类型）、审核通过、公告创新型、清退、数据更新完成率',
        querystring: SummaryQuery,
        response: { 200: SummaryResponse, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'statistics.read');
      return summary(ctx.db, actor, request.query.year, ctx.clock.now(), request.query.regionCode);
    },
  );

  app.get(
    '/api/v1/statistics/trend',
    {
      schema: {
        tags: TAGS,
        summary: '历年趋势：本地区各年度批次的合计数',
        querystring: TrendQuery,
        response: { 200: TrendResponse, ...errors },
      },
    },
    async (request) =>
      trend(ctx.db, authorize(request, 'statistics.read'), ctx.clock.now(), request.query.regionCode),
  );

  app.get(
    '/api/v1/statistics/export.xlsx',
    {
      schema: {
        tags: TAGS,
        summary: '导出统计 Excel（分地区统计与历年趋势，流式生成）',
        querystring: SummaryQuery,
        response: {
          200: z.any().describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'statistics.read');
      const now = ctx.clock.now();
      const s = await summary(ctx.db, actor, request.query.year, now, request.query.regionCode);
      const t = await trend(ctx.db, actor, now, s.regionCode);
      await audit(
        ctx.db,
        request,
        { action: 'statistics.export', details: { year: s.year, regionCode: s.regionCode } },
        now,
      );
      const name = `优质中小企业统计_${s.regionName}_${s.year}年度_${shanghaiDate(now).replaceAll('-', '')}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition('attachment', name))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(streamStatisticsXlsx(s, t, request.log));
    },
  );
};
