import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { GovUserView, UserIdParams } from '../../../shared/schemas/admin-api';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { requireActor } from '../../plugins/session';
import { endUserSessions, unlockUser } from './service';

const TAGS = ['安全管理'];
/** 安全管理员 only (三员分立, src/shared/permissions). */
const SECURITY = ['security_admin'] as const;
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
      requireActor(request, SECURITY);
      return unlockUser(ctx, request, request.params.id);
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
      const actor = requireActor(request, SECURITY);
      return endUserSessions(ctx, request, actor, request.params.id);
    },
  );
};
