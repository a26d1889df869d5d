import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CaptchaResponse } from '../../../shared/schemas/auth';
import { createCaptcha } from '../../services/captcha';

export const captchaRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/v1/captcha',
    {
      schema: {
        tags: ['账号'],
        summary: '获取图形验证码（5 分钟内有效，只能使用一次；输错后请重新获取）',
        response: { 200: CaptchaResponse },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return createCaptcha(app.ctx);
    },
  );
};
