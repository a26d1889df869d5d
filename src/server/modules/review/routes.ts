import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ActionRequest,
  ActionResponse,
  BatchRequest,
  BatchResponse,
  CountsResponse,
  QueueQuery,
  QueueResponse,
  RegionCorrectionRequest,
  RegionCorrectionResponse,
  ReviewDetail,
  TransferredOutDetail,
  TransferredOutResponse,
} from '../../../shared/schemas/review-api';
import { z } from '../../../shared/schemas/zod';
import { audit } from '../../plugins/audit';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { authorize } from '../../permissions/authorize';
import { contentDisposition } from '../files/routes';
import { applyReviewAction, batchApprove } from './actions';
import { reviewDetail } from './detail';
import { exportFileName, streamQueueXlsx } from './export';
import { queueCounts, queuePage, queueWhere, resolveCampaign, toQueueRow } from './queue';
import { correctEnterpriseRegion } from './region';
import { listTransferredOut, transferredOutDetail } from './transferred';

const TAGS = ['审核'];
const E = ErrorEnvelopeSchema;
const errors = { 400: E, 401: E, 403: E, 404: E, 409: E };
const IdParams = z.object({ id: z.string() });

export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/api/v1/review/queue',
    {
      schema: {
        tags: TAGS,
        summary: '审核队列：默认“待我审核”，scope=all 为本辖区全部已提交申报；筛选、排序与游标翻页',
        querystring: QueueQuery,
        response: { 200: QueueResponse, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'filing.review');
      const { filter, campaign, campaigns } = await resolveCampaign(ctx.db, ctx.clock.now(), request.query);
      const { rows, nextCursor } = await queuePage(ctx.db, actor, filter);
      return { items: rows.map((r) => toQueueRow(actor, r)), nextCursor, campaign, campaigns };
    },
  );

  app.get(
    '/api/v1/review/counts',
    {
      schema: {
        tags: TAGS,
        summary: '待审核数量（菜单角标）：县区待审、设区市待审、待我审核及其中未查看的数量',
        response: { 200: CountsResponse, 401: E, 403: E },
      },
    },
    async (request) => queueCounts(ctx.db, authorize(request, 'filing.review')),
  );

  app.get(
    '/api/v1/review/export.xlsx',
    {
      schema: {
        tags: TAGS,
        summary: '按当前筛选条件导出 Excel（流式生成，数量不限）',
        querystring: QueueQuery,
        response: {
          200: z.any().describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'filing.review');
      const now = ctx.clock.now();
      // The same 批次 as the list (the current campaign unless another is chosen).
      const { filter: q, campaign } = await resolveCampaign(ctx.db, now, request.query);
      queueWhere(actor, q); // validates the filters (400) before the download starts
      const { cursor: _cursor, limit: _limit, campaignId: _campaignId, ...filters } = q;
      await audit(
        ctx.db,
        request,
        {
          action: 'review.export',
          targetType: 'filing',
          details: { filters: { ...filters, campaign: campaign?.year ?? 'all' } },
        },
        now,
      );
      // The whole filtered set, from the start, whatever page the console was on.
      const stream = streamQueueXlsx(
        ctx.db,
        actor,
        { ...filters, campaignId: q.campaignId, limit: 1000 },
        request.log,
        now,
      );
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          contentDisposition('attachment', exportFileName(now, q.scope, campaign?.year ?? null)),
        )
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );

  app.get(
    '/api/v1/review/transferred-out',
    {
      schema: {
        tags: TAGS,
        summary: '已转出：从本县区（或本设区市）转交到其他地区的申报（只读，不含申报内容与附件）',
        response: { 200: TransferredOutResponse, 401: E, 403: E },
      },
    },
    async (request) => ({
      items: await listTransferredOut(ctx.db, authorize(request, 'filing.transferred_out')),
    }),
  );

  app.get(
    '/api/v1/review/transferred-out/:id',
    {
      schema: {
        tags: TAGS,
        summary: '已转出申报：转出前的办理记录与转出信息（只读）',
        params: IdParams,
        response: { 200: TransferredOutDetail, 401: E, 403: E, 404: E },
      },
    },
    async (request) =>
      transferredOutDetail(ctx.db, authorize(request, 'filing.transferred_out'), request.params.id),
  );

  app.get(
    '/api/v1/review/filings/:id',
    {
      schema: {
        tags: TAGS,
        summary:
          '审核页：提交的内容、附件、自评结果、同比、数据质量提示、办理记录、退回与修改对比、可执行操作',
        params: IdParams,
        response: { 200: ReviewDetail, 401: E, 403: E, 404: E },
      },
    },
    async (request) => reviewDetail(ctx, request, authorize(request, 'filing.review'), request.params.id),
  );

  app.post(
    '/api/v1/review/filings/:id/actions',
    {
      schema: {
        tags: TAGS,
        summary:
          '审核操作：通过、退回企业、退回县区、不通过、转交（expectedStatusVersion 不是最新时返回 409）',
        params: IdParams,
        body: ActionRequest,
        response: { 200: ActionResponse, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'filing.review');
      const b = request.body;
      return applyReviewAction(ctx, request, actor, request.params.id, {
        action: b.action,
        reason: b.reason,
        expectedStatusVersion: b.expectedStatusVersion,
        returnSections: b.returnSections,
        toCountyCode: b.toCountyCode,
        registrationNo: b.registrationNo,
      });
    },
  );

  app.post(
    '/api/v1/review/batch',
    {
      schema: {
        tags: TAGS,
        summary: '批量审核通过（最多 500 条；逐条办理，逐条返回结果）',
        body: BatchRequest,
        response: { 200: BatchResponse, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'filing.review');
      return batchApprove(ctx, request, actor, request.body.action, request.body.ids);
    },
  );

  app.post(
    '/api/v1/review/enterprises/:id/region',
    {
      schema: {
        tags: TAGS,
        summary: '更正企业注册地（仅省工信厅；待县区审核的申报随之转到新县区）',
        params: IdParams,
        body: RegionCorrectionRequest,
        response: { 200: RegionCorrectionResponse, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'filing.reassign_region');
      return correctEnterpriseRegion(ctx, request, actor, request.params.id, request.body);
    },
  );
};
