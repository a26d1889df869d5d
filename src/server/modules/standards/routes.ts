import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AssessRequest,
  AssessResponse,
  NewStandardVersion,
  RuleOverridesUpdate,
  RuleOverridesView,
  StandardDetail,
  StandardListResponse,
} from '../../../shared/schemas/standards-api';
import { z } from '../../../shared/schemas/zod';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { requireActor } from '../../plugins/session';
import { authorize } from '../../permissions/authorize';
import { assess, createStandardVersion, listStandards, setRuleOverrides, standardDetail } from './service';

const TAGS = ['评价标准'];
const E = ErrorEnvelopeSchema;
const errors = { 400: E, 401: E, 403: E, 404: E, 409: E };
const IdParams = z.object({ standardId: z.string().max(64) });

export const standardRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/api/v1/standards',
    {
      schema: {
        tags: TAGS,
        summary: '评价标准列表：各标准当前版本、已修正门槛数、待核实项数',
        response: { 200: StandardListResponse, ...errors },
      },
    },
    async (request) => {
      authorize(request, 'standard.read');
      return listStandards(ctx.db);
    },
  );

  app.get(
    '/api/v1/standards/:standardId',
    {
      schema: {
        tags: TAGS,
        summary: '评价标准详情：各条件及门槛值（条款、核实程度、待核实标记）和历次修改版本',
        params: IdParams,
        response: { 200: StandardDetail, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'standard.read');
      return standardDetail(ctx.db, actor, request.params.standardId);
    },
  );

  app.post(
    '/api/v1/standards/:standardId/versions',
    {
      schema: {
        tags: TAGS,
        summary: '修正门槛值（省工信厅）：生成新版本，已作出的评价结果保留原版本',
        params: IdParams,
        body: NewStandardVersion,
        response: { 200: StandardDetail, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'standard.read');
      return createStandardVersion(ctx, request, actor, request.params.standardId, request.body);
    },
  );

  app.put(
    '/api/v1/campaigns/:id/rule-overrides',
    {
      schema: {
        tags: TAGS,
        summary: '设置批次适用的评价标准（省工信厅），如2026年小巨人复核按2022年标准',
        params: z.object({ id: z.string() }),
        body: RuleOverridesUpdate,
        response: { 200: RuleOverridesView, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'standard.read');
      return setRuleOverrides(ctx, request, actor, request.params.id, request.body.overrides);
    },
  );

  app.post(
    '/api/v1/standards/assess',
    {
      schema: {
        tags: TAGS,
        summary: '自评：按申请日期与申请类型（首次申请或复核）选择适用标准并评价，不保存',
        body: AssessRequest,
        response: { 200: AssessResponse, ...errors },
      },
    },
    async (request) => {
      requireActor(request);
      return assess(ctx, request.body);
    },
  );
};
