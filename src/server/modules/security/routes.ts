import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  GovUserView,
  SecurityPolicy,
  SecurityPolicyUpdate,
  UserIdParams,
} from '../../../shared/schemas/admin-api';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { authorize } from '../../permissions/authorize';
import {
  endUserSessions,
  getSecurityPolicy,
  resetSecondFactor,
  saveSecurityPolicy,
  unlockUser,
} from './service';

const TAGS = ['安全管理'];
const errors = {
  400: ErrorEnvelopeSchema,
  401: ErrorEnvelopeSchema,
  403: ErrorEnvelopeSchema,
  404: ErrorEnvelopeSchema,
  409: ErrorEnvelopeSchema,
};

/** The security administrator's actions on accounts: unlock, end sessions. Every one is audited. */
export const securityRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.post(
    '/api/v1/security/users/:id/unlock',
    {
      schema: {
        tags: TAGS,
        summary: '解除登录失败锁定（不改密码）',
        params: UserIdParams,
        response: { 200: GovUserView, ...errors },
      },
    },
    async (request) => {
      authorize(request, 'security.manage');
      return unlockUser(ctx, request, request.params.id);
    },
  );

  app.post(
    '/api/v1/security/users/:id/reset-second-factor',
    {
      schema: {
        tags: TAGS,
        summary: '重置第二因素：解除该账号绑定的身份验证器并强制退出（丢失或更换手机时）',
        params: UserIdParams,
        response: { 200: GovUserView, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'security.manage');
      return resetSecondFactor(ctx, request, actor, request.params.id);
    },
  );

  app.get(
    '/api/v1/security/policy',
    {
      schema: {
        tags: TAGS,
        summary: '登录安全策略：第二因素范围、密码有效期与历史密码数',
        response: { 200: SecurityPolicy, ...errors },
      },
    },
    async (request) => {
      authorize(request, 'security.manage');
      return getSecurityPolicy(ctx);
    },
  );

  app.put(
    '/api/v1/security/policy',
    {
      schema: {
        tags: TAGS,
        summary: '修改登录安全策略：县区、设区市审核员登录是否须使用第二因素',
        body: SecurityPolicyUpdate,
        response: { 200: SecurityPolicy, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'security.manage');
      return saveSecurityPolicy(ctx, request, actor, request.body);
    },
  );

  app.post(
    '/api/v1/security/users/:id/end-sessions',
    {
      schema: {
        tags: TAGS,
        summary: '强制退出该账号的所有登录',
        params: UserIdParams,
        response: { 200: GovUserView, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'security.manage');
      return endUserSessions(ctx, request, actor, request.params.id);
    },
  );
};
