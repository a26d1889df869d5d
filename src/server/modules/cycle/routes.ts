import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { REMINDER_STAGE_LABELS } from '../../../shared/cycle';
import {
  AppealRequest,
  CampaignIdParams,
  ClearanceIdParams,
  ClearanceListQuery,
  ClearanceListResponse,
  ClearanceView,
  ConfirmRequest,
  ConfirmResponse,
  DecideRequest,
  OutstandingQuery,
  OutstandingResponse,
  ProposeRequest,
  ProposeResponse,
  ScheduleResponse,
} from '../../../shared/schemas/cycle-api';
import { and, eq, inArray, or } from 'drizzle-orm';
import { clearances } from '../../db/schema';
import { audit } from '../../plugins/audit';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { authorize } from '../../permissions/authorize';
import {
  appealClearance,
  clearancePeriods,
  clearanceStatusFilter,
  confirmClearances,
  decideAppeal,
  listClearances,
  outstandingPage,
  proposeClearances,
  scheduleCampaignReminders,
} from './service';
import { getCampaign } from '../campaigns/repository';

const TAGS = ['年度更新与清退'];
const E = ErrorEnvelopeSchema;
const errors = { 400: E, 401: E, 403: E, 404: E, 409: E };

// 三员分立: the system administrator reads no business data; it keeps the campaigns' technical settings
// (here: scheduling the reminders of a campaign).

export const cycleRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.post(
    '/api/v1/cycle/campaigns/:id/schedule',
    {
      schema: {
        tags: TAGS,
        summary: '安排本批次的数据更新提醒（开始、过半、截止前 7 天、前 1 天 09:00），可重复调用',
        params: CampaignIdParams,
        response: { 200: ScheduleResponse, ...errors },
      },
    },
    async (request) => {
      authorize(request, 'clearance.schedule');
      const reminders = await scheduleCampaignReminders(ctx, request.params.id);
      await audit(
        ctx.db,
        request,
        { action: 'cycle.schedule', targetType: 'campaign', targetId: request.params.id },
        ctx.clock.now(),
      );
      return {
        campaignId: request.params.id,
        reminders: reminders.map((r) => ({
          stage: r.stage,
          stageLabel: REMINDER_STAGE_LABELS[r.stage],
          at: r.at.toISOString(),
          created: r.created,
        })),
      };
    },
  );

  app.get(
    '/api/v1/cycle/campaigns/:id/outstanding',
    {
      schema: {
        tags: TAGS,
        summary: '本辖区未完成数据更新的在库企业（重点企业标记、联系人，手机号脱敏；游标翻页）',
        params: CampaignIdParams,
        querystring: OutstandingQuery,
        response: { 200: OutstandingResponse, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'clearance.read');
      return outstandingPage(ctx, actor, request.params.id, request.query);
    },
  );

  app.post(
    '/api/v1/cycle/campaigns/:id/clearance/propose',
    {
      schema: {
        tags: TAGS,
        summary:
          '生成清退建议：截止日及宽限期（默认按省级设置，未设置时 15 天）后仍未提交数据更新的在库企业（可重复调用）',
        params: CampaignIdParams,
        body: ProposeRequest,
        response: { 200: ProposeResponse, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'clearance.propose');
      const r = await proposeClearances(ctx, actor, request.params.id, request.body.graceDays);
      await audit(
        ctx.db,
        request,
        {
          action: 'cycle.clearance.propose',
          targetType: 'campaign',
          targetId: request.params.id,
          details: { created: r.created },
        },
        ctx.clock.now(),
      );
      return { opensAt: r.opensAt.toISOString(), created: r.created, total: r.total, unrouted: r.unrouted };
    },
  );

  app.get(
    '/api/v1/cycle/campaigns/:id/clearances',
    {
      schema: {
        tags: TAGS,
        summary: '本辖区本批次的清退记录（拟清退、已清退、申诉）',
        params: CampaignIdParams,
        querystring: ClearanceListQuery,
        response: { 200: ClearanceListResponse, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'clearance.read');
      await getCampaign(ctx.db, request.params.id);
      const q = request.query;
      const periods = await clearancePeriods(ctx);
      return listClearances(
        ctx.db,
        actor,
        periods,
        and(eq(clearances.campaignId, request.params.id), clearanceStatusFilter(q.status, periods)),
        q.cursor,
        q.limit,
      );
    },
  );

  app.post(
    '/api/v1/cycle/campaigns/:id/clearances/confirm',
    {
      schema: {
        tags: TAGS,
        summary:
          '设区市确认清退所选企业（企业将收到清退通知及申诉方式；已失效的拟清退建议 409 CLEARANCE_PROPOSAL_EXPIRED）',
        params: CampaignIdParams,
        body: ConfirmRequest,
        response: { 200: ConfirmResponse, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'clearance.confirm');
      const r = await confirmClearances(ctx, actor, request.params.id, request.body.ids);
      await audit(
        ctx.db,
        request,
        {
          action: 'cycle.clearance.confirm',
          targetType: 'campaign',
          targetId: request.params.id,
          details: { confirmed: r.confirmed, cancelled: r.cancelled.map((c) => c.id) },
        },
        ctx.clock.now(),
      );
      return r;
    },
  );

  app.get(
    '/api/v1/cycle/clearances/mine',
    {
      schema: {
        tags: TAGS,
        summary: '本企业的清退记录（拟清退、已清退）、申诉期限与申诉状态',
        querystring: ClearanceListQuery,
        response: { 200: ClearanceListResponse, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'clearance.own');
      const q = request.query;
      const periods = await clearancePeriods(ctx);
      // The enterprise sees every step it may act on: a live proposal (it may still update), the clearance and
      // its appeal. Cancelled and lapsed proposals are no longer its concern.
      const where = and(
        or(
          inArray(clearances.status, ['confirmed', 'reinstated']),
          clearanceStatusFilter('proposed', periods),
        ),
        clearanceStatusFilter(q.status, periods),
      );
      return listClearances(ctx.db, actor, periods, where, q.cursor, q.limit);
    },
  );

  app.post(
    '/api/v1/cycle/clearances/:id/appeal',
    {
      schema: {
        tags: TAGS,
        summary:
          '被清退企业提出申诉（限一次，须写明理由，须在省级设置的申诉期限内；逾期 409 APPEAL_WINDOW_CLOSED）',
        params: ClearanceIdParams,
        body: AppealRequest,
        response: { 200: ClearanceView, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'clearance.own');
      const view = await appealClearance(ctx, actor, request.params.id, request.body.reason);
      await audit(
        ctx.db,
        request,
        { action: 'cycle.clearance.appeal', targetType: 'clearance', targetId: view.id },
        ctx.clock.now(),
      );
      return view;
    },
  );

  app.post(
    '/api/v1/cycle/clearances/:id/decide',
    {
      schema: {
        tags: TAGS,
        summary: '设区市处理清退申诉：成立（恢复在库）或不成立（维持清退），须写明意见',
        params: ClearanceIdParams,
        body: DecideRequest,
        response: { 200: ClearanceView, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'clearance.decide');
      const view = await decideAppeal(
        ctx,
        actor,
        request.params.id,
        request.body.decision,
        request.body.reason,
      );
      await audit(
        ctx.db,
        request,
        {
          action: 'cycle.clearance.decide',
          targetType: 'clearance',
          targetId: view.id,
          details: { decision: request.body.decision },
        },
        ctx.clock.now(),
      );
      return view;
    },
  );
};
