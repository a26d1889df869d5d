import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AuditExportQuery,
  AuditListResponse,
  AuditQuery,
  CreateGovUserRequest,
  DisableUserRequest,
  GovUserListQuery,
  GovUserListResponse,
  GovUserView,
  ResetUserPasswordRequest,
  ReviewUnitsResponse,
  UserIdParams,
} from '../../../shared/schemas/admin-api';
import {
  SmsMessageListQuery,
  SmsMessageListResponse,
  SmsTestRequest,
  SmsTestResponse,
} from '../../../shared/schemas/sms-api';
import { z } from '../../../shared/schemas/zod';
import { audit } from '../../plugins/audit';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { contentDisposition } from '../files/routes';
import { authorize } from '../../permissions/authorize';
import { auditExportFileName, streamAuditXlsx } from './audit-export';
import { searchAudit } from './audit-log';
import { reviewUnits } from './review-units';
import { listSmsMessages, sendTestSms } from './sms';
import {
  createGovUser,
  disableGovUser,
  enableGovUser,
  getGovUserView,
  listGovUsers,
  resetGovUserPassword,
} from './users';

const TAGS = ['系统管理'];
const errors = {
  400: ErrorEnvelopeSchema,
  401: ErrorEnvelopeSchema,
  403: ErrorEnvelopeSchema,
  404: ErrorEnvelopeSchema,
  409: ErrorEnvelopeSchema,
};

/**
 * Administration, split between the three administrators (三员分立): accounts and review units for the system
 * administrator, password resets for the security administrator, the audit log for the audit administrator.
 */
export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/api/v1/admin/users',
    {
      schema: {
        tags: TAGS,
        summary: '工信部门账号列表（按用户名排序，游标分页）',
        querystring: GovUserListQuery,
        response: { 200: GovUserListResponse, ...errors },
      },
    },
    async (request) => {
      authorize(request, 'account.read');
      return listGovUsers(ctx, request.query);
    },
  );

  app.post(
    '/api/v1/admin/users',
    {
      schema: {
        tags: TAGS,
        summary:
          '新建工信部门账号（县区账号绑定县区或开发区，设区市账号绑定设区市，省厅和管理员绑定 320000）',
        body: CreateGovUserRequest,
        response: { 201: GovUserView, ...errors },
      },
    },
    async (request, reply) => {
      authorize(request, 'account.manage');
      return reply.status(201).send(await createGovUser(ctx, request, request.body));
    },
  );

  app.get(
    '/api/v1/admin/users/:id',
    {
      schema: {
        tags: TAGS,
        summary: '工信部门账号详情',
        params: UserIdParams,
        response: { 200: GovUserView, ...errors },
      },
    },
    async (request) => {
      authorize(request, 'account.read');
      return getGovUserView(ctx, request.params.id);
    },
  );

  app.post(
    '/api/v1/admin/users/:id/disable',
    {
      schema: {
        tags: TAGS,
        summary: '停用账号（立即退出该账号所有登录）',
        params: UserIdParams,
        body: DisableUserRequest,
        response: { 200: GovUserView, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'account.manage');
      return disableGovUser(ctx, request, actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/v1/admin/users/:id/enable',
    {
      schema: {
        tags: TAGS,
        summary: '启用账号（同时解除登录失败锁定）',
        params: UserIdParams,
        response: { 200: GovUserView, ...errors },
      },
    },
    async (request) => {
      authorize(request, 'account.manage');
      return enableGovUser(ctx, request, request.params.id);
    },
  );

  app.post(
    '/api/v1/admin/users/:id/reset-password',
    {
      schema: {
        tags: TAGS,
        summary: '重置密码（新密码须符合密码规则；该账号所有登录立即退出）',
        params: UserIdParams,
        body: ResetUserPasswordRequest,
        response: { 200: GovUserView, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'account.reset_password');
      return resetGovUserPassword(ctx, request, actor, request.params.id, request.body);
    },
  );

  app.get(
    '/api/v1/admin/audit',
    {
      schema: {
        tags: TAGS,
        summary: '审计日志查询（最新在前，游标分页）',
        querystring: AuditQuery,
        response: { 200: AuditListResponse, ...errors },
      },
    },
    async (request) => {
      authorize(request, 'audit.read');
      return searchAudit(ctx, request, request.query);
    },
  );

  app.get(
    '/api/v1/admin/audit/export.xlsx',
    {
      schema: {
        tags: TAGS,
        summary: '按时段导出审计日志 Excel（审计管理员；中文表头与操作名称，流式生成；导出本身记入审计日志）',
        querystring: AuditExportQuery,
        response: {
          200: z.any().describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      authorize(request, 'audit.read');
      const q = request.query;
      const now = ctx.clock.now();
      // Audited before the first byte, so the export is in the log even if the download is cut off.
      await audit(
        ctx.db,
        request,
        { action: 'admin.audit.export', targetType: 'audit_log', details: { filters: q } },
        now,
      );
      const stream = streamAuditXlsx(ctx, q, request.log);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          contentDisposition('attachment', auditExportFileName(new Date(q.from), new Date(q.to))),
        )
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );

  app.get(
    '/api/v1/admin/review-units',
    {
      schema: {
        tags: TAGS,
        summary: '审核单位：13 个设区市及其县（市、区）和开发区，以及各单位的审核账号数',
        response: { 200: ReviewUnitsResponse, ...errors },
      },
    },
    async (request) => {
      authorize(request, 'review_unit.read');
      return reviewUnits(ctx);
    },
  );

  app.get(
    '/api/v1/admin/sms',
    {
      schema: {
        tags: TAGS,
        summary: '短信发送记录（最新在前，手机号脱敏，含网关流水号与最终状态）',
        querystring: SmsMessageListQuery,
        response: { 200: SmsMessageListResponse, ...errors },
      },
    },
    async (request) => {
      authorize(request, 'sms.manage');
      return listSmsMessages(ctx, request.query);
    },
  );

  app.post(
    '/api/v1/admin/sms/test',
    {
      schema: {
        tags: TAGS,
        summary: '发送测试短信（立即发送，记入审计日志）',
        body: SmsTestRequest,
        response: { 200: SmsTestResponse, ...errors },
      },
    },
    async (request) => {
      authorize(request, 'sms.manage');
      return sendTestSms(ctx, request, request.body.mobile);
    },
  );
};
