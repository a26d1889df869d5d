import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CampaignAdminView,
  CampaignIdParams,
  CampaignInput,
  CampaignListResponse,
  CampaignPatch,
  DeadlinesParams,
  DeadlinesQuery,
  EffectiveDeadlinesResponse,
  ExtensionIdParams,
  ExtensionInput,
  ExtensionView,
} from '../../../shared/schemas/campaign-admin-api';
import { z } from '../../../shared/schemas/zod';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { requireActor } from '../../plugins/session';
import { authorize } from '../../permissions/authorize';
import {
  campaignAdminView,
  createCampaign,
  deleteExtension,
  effectiveDeadlines,
  listCampaigns,
  setExtension,
  updateCampaign,
} from './service';

const TAGS = ['填报批次管理'];
const errors = {
  400: ErrorEnvelopeSchema,
  401: ErrorEnvelopeSchema,
  403: ErrorEnvelopeSchema,
  404: ErrorEnvelopeSchema,
};

export const campaignAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/api/v1/campaigns',
    {
      schema: {
        tags: TAGS,
        summary: '全部填报批次（省工信厅、系统管理员）',
        response: { 200: CampaignListResponse, ...errors },
      },
    },
    async (request) => {
      authorize(request, 'campaign.manage');
      return listCampaigns(ctx);
    },
  );

  app.post(
    '/api/v1/campaigns',
    {
      schema: {
        tags: TAGS,
        summary:
          '新建年度填报批次（年度不可重复；开始 < 填报截止 ≤ 县区审核截止 ≤ 设区市审核截止 ≤ 名单报送截止）',
        body: CampaignInput,
        response: { 201: CampaignAdminView, ...errors },
      },
    },
    async (request, reply) => {
      authorize(request, 'campaign.manage');
      const view = await createCampaign(ctx, request, request.body);
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/v1/campaigns/:id',
    {
      schema: {
        tags: TAGS,
        summary: '填报批次详情，含各地区延期',
        params: CampaignIdParams,
        response: { 200: CampaignAdminView, ...errors },
      },
    },
    async (request) => {
      authorize(request, 'campaign.manage');
      return campaignAdminView(ctx, ctx.db, request.params.id);
    },
  );

  app.patch(
    '/api/v1/campaigns/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改填报批次（已有填报时不能修改年度和评价标准）',
        params: CampaignIdParams,
        body: CampaignPatch,
        response: { 200: CampaignAdminView, ...errors },
      },
    },
    async (request) => {
      authorize(request, 'campaign.manage');
      return updateCampaign(ctx, request, request.params.id, request.body);
    },
  );

  app.put(
    '/api/v1/campaigns/:id/extensions',
    {
      schema: {
        tags: TAGS,
        summary: '为县（市、区）或设区市延长审核截止时间（同一地区再次设置即替换）',
        params: CampaignIdParams,
        body: ExtensionInput,
        response: { 200: ExtensionView, ...errors },
      },
    },
    async (request) => {
      authorize(request, 'campaign.manage');
      return setExtension(ctx, request, request.params.id, request.body);
    },
  );

  app.delete(
    '/api/v1/campaigns/:id/extensions/:extensionId',
    {
      schema: {
        tags: TAGS,
        summary: '撤销一个地区的延期',
        params: ExtensionIdParams,
        response: { 204: z.null().describe('已撤销'), ...errors },
      },
    },
    async (request, reply) => {
      authorize(request, 'campaign.manage');
      await deleteExtension(ctx, request, request.params.id, request.params.extensionId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/campaigns/:id/deadlines',
    {
      schema: {
        tags: TAGS,
        summary: '某地区适用的填报和审核截止时间（含延期；:id 可为 current）',
        params: DeadlinesParams,
        querystring: DeadlinesQuery,
        response: { 200: EffectiveDeadlinesResponse, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return effectiveDeadlines(ctx, actor, request.params.id, request.query.regionCode);
    },
  );
};
