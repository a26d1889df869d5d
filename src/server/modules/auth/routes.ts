import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  LoginRequest,
  LoginSecondFactorRequest,
  LoginSmsRequest,
  MessageResponse,
  RecoverUsernameRequest,
  RegisterFieldsShape,
  RegisterSmsRequest,
  ResetPasswordRequest,
  ResetSmsRequest,
  SessionResponse,
  SmsSentResponse,
  UsccCheckRequest,
  UsccCheckResponse,
} from '../../../shared/schemas/auth';
import { smsCode } from '../../../shared/schemas/fields';
import { z } from '../../../shared/schemas/zod';
import { audit } from '../../plugins/audit';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { endSession } from '../../plugins/session';
import {
  LOGIN_RATE_LIMIT,
  SMS_RATE_LIMIT,
  USCC_CHECK_RATE_LIMIT,
  USCC_TAKEN,
  usccRegistered,
} from './common';
import { register, sendRegisterCode } from './register';
import { login } from './login';
import { recoverUsername, resetPassword, sendResetCode } from './service';
import { sendLoginCode, verifySecondFactor } from './second-factor';
import { sessionResponse } from './view';

const TAGS = ['账号'];
const errors = { 400: ErrorEnvelopeSchema, 429: ErrorEnvelopeSchema };

/** Accepts any body: the handler validates it itself so that every blocking field is reported at once. */
const passThrough = () => (data: unknown) => ({ value: data });

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/api/v1/auth/session',
    {
      schema: {
        tags: TAGS,
        summary: '当前登录状态（同时设置 CSRF Cookie）',
        response: { 200: SessionResponse },
      },
    },
    async (request, reply) => sessionResponse(ctx, request, reply),
  );

  app.post(
    '/api/v1/auth/register/sms-code',
    {
      config: SMS_RATE_LIMIT,
      validatorCompiler: passThrough,
      schema: {
        tags: TAGS,
        summary: '注册：获取短信验证码（先校验整张表单与图形验证码，列出所有需要修改的字段）',
        body: RegisterSmsRequest,
        response: { 200: SmsSentResponse, ...errors },
      },
    },
    async (request) => sendRegisterCode(ctx, request, request.body as unknown),
  );

  app.post(
    '/api/v1/auth/register/uscc-check',
    {
      config: USCC_CHECK_RATE_LIMIT,
      schema: {
        tags: TAGS,
        summary: '注册：统一社会信用代码是否已注册（离开输入框时查询；只回答是或否，每个地址每分钟 10 次）',
        body: UsccCheckRequest,
        response: { 200: UsccCheckResponse, ...errors },
      },
    },
    async (request) => {
      const registered = await usccRegistered(ctx.db, request.body.uscc);
      return registered ? { registered, message: USCC_TAKEN } : { registered };
    },
  );

  app.post(
    '/api/v1/auth/register',
    {
      config: SMS_RATE_LIMIT,
      validatorCompiler: passThrough,
      schema: {
        tags: TAGS,
        summary: '企业注册（multipart/form-data：注册字段、smsCode 与营业执照图片 licence）',
        description:
          '表单字段同 RegisterRequest（username、password、passwordConfirm、enterpriseName、uscc、contactName、contactMobile、smsCode），' +
          '文件字段 licence 为 JPG 或 PNG 图片，大小不超过 limits.licenceMaxBytes。成功后自动登录。',
        consumes: ['multipart/form-data'],
        // Documentation of the form; the handler reads the multipart stream itself (see register.ts).
        body: z.object({
          ...RegisterFieldsShape,
          smsCode,
          licence: z.any().describe('营业执照图片文件（JPG 或 PNG）'),
        }),
        response: { 201: SessionResponse, ...errors, 413: ErrorEnvelopeSchema, 415: ErrorEnvelopeSchema },
      },
    },
    async (request, reply) => register(ctx, request, reply),
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: LOGIN_RATE_LIMIT,
      schema: {
        tags: TAGS,
        summary: '登录（连续失败 3 次后需图形验证码，5 次后锁定 15 分钟）',
        body: LoginRequest,
        response: {
          200: SessionResponse,
          ...errors,
          401: ErrorEnvelopeSchema,
          403: ErrorEnvelopeSchema,
          423: ErrorEnvelopeSchema,
        },
      },
    },
    async (request, reply) => {
      const result = await login(ctx, request, reply, request.body);
      if ('challenge' in result) return sessionResponse(ctx, request, reply, undefined, result.challenge);
      return sessionResponse(ctx, request, reply, result);
    },
  );

  app.post(
    '/api/v1/auth/login/sms-code',
    {
      config: SMS_RATE_LIMIT,
      schema: {
        tags: TAGS,
        summary: '登录第二步：向登记的手机发送登录短信验证码（需第一步返回的 token）',
        body: LoginSmsRequest,
        response: {
          200: SmsSentResponse,
          ...errors,
          401: ErrorEnvelopeSchema,
          403: ErrorEnvelopeSchema,
          423: ErrorEnvelopeSchema,
        },
      },
    },
    async (request) => sendLoginCode(ctx, request, request.body.token),
  );

  app.post(
    '/api/v1/auth/login/second-factor',
    {
      config: LOGIN_RATE_LIMIT,
      schema: {
        tags: TAGS,
        summary:
          '登录第二步：短信验证码或身份验证器（TOTP）的 6 位验证码；输错与密码错误一同计数，连续 5 次锁定 15 分钟',
        body: LoginSecondFactorRequest,
        response: {
          200: SessionResponse,
          ...errors,
          401: ErrorEnvelopeSchema,
          403: ErrorEnvelopeSchema,
          423: ErrorEnvelopeSchema,
        },
      },
    },
    async (request, reply) => {
      const fresh = await verifySecondFactor(ctx, request, reply, request.body);
      return sessionResponse(ctx, request, reply, fresh);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      schema: { tags: TAGS, summary: '退出登录', response: { 204: z.null() } },
    },
    async (request, reply) => {
      if (request.actor) await audit(ctx.db, request, { action: 'logout' }, ctx.clock.now());
      await endSession(ctx, request, reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/recover-username',
    {
      config: SMS_RATE_LIMIT,
      schema: {
        tags: TAGS,
        summary: '忘记用户名：用户名以短信发送至注册时的联系手机（无论是否匹配，答复相同）',
        body: RecoverUsernameRequest,
        response: { 200: MessageResponse, ...errors },
      },
    },
    async (request) => recoverUsername(ctx, request, request.body),
  );

  app.post(
    '/api/v1/auth/password-reset/sms-code',
    {
      config: SMS_RATE_LIMIT,
      schema: {
        tags: TAGS,
        summary: '忘记密码第一步：向注册时的联系手机发送短信验证码（无论用户名是否存在，答复相同）',
        body: ResetSmsRequest,
        response: { 200: MessageResponse, ...errors },
      },
    },
    async (request) => sendResetCode(ctx, request, request.body),
  );

  app.post(
    '/api/v1/auth/password-reset',
    {
      config: SMS_RATE_LIMIT,
      schema: {
        tags: TAGS,
        summary: '忘记密码第二步：凭短信验证码设置新密码（所有已登录设备退出）',
        body: ResetPasswordRequest,
        response: { 200: MessageResponse, ...errors },
      },
    },
    async (request) => resetPassword(ctx, request, request.body),
  );
};
