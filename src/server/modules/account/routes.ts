import { eq } from 'drizzle-orm';
import { z } from '../../../shared/schemas/zod';
import QRCode from 'qrcode';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../shared/errors';
import {
  ChangeMobileRequest,
  ChangeMobileSmsRequest,
  ChangePasswordRequest,
  SessionResponse,
  SmsSentResponse,
  TotpConfirmRequest,
  TotpSetupRequest,
  TotpSetupResponse,
} from '../../../shared/schemas/auth';
import { enterprises, users } from '../../db/schema';
import { audit } from '../../plugins/audit';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { requireActor, startSession } from '../../plugins/session';
import { authorize } from '../../permissions/authorize';
import { requireCaptcha } from '../../services/captcha';
import { passwordProblem } from '../../../shared/schemas/fields';
import { maskMobile } from '../../../shared/pii';
import { PASSWORD_HISTORY, passwordReused } from '../../services/password-policy';
import { hashPassword, verifyPassword } from '../../services/passwords';
import { checkSmsCode, consumeSmsCode, issueSmsCode } from '../../services/sms-codes';
import type { AppContext } from '../../types';
import { checkTotp, decryptSecret, encryptSecret, newTotpSecret, totpUri } from '../../services/totp';
import { LOGIN_RATE_LIMIT, SMS_RATE_LIMIT } from '../auth/common';
import { enqueueSms } from '../notifications/sms-job';
import { sessionResponse } from '../auth/view';
import { setChosenPassword } from '../auth/service';
import { contentDisposition } from '../files/routes';
import { myDataWorkbook } from './my-data';

const TAGS = ['账号设置'];
const errors = { 400: ErrorEnvelopeSchema, 401: ErrorEnvelopeSchema, 429: ErrorEnvelopeSchema };

const changeMobilePurpose = (userId: string) => `change_mobile:${userId}`;

async function currentUser(ctx: AppContext, userId: string) {
  const [row] = await ctx.db
    .select({ user: users, contactMobile: enterprises.contactMobile })
    .from(users)
    .leftJoin(enterprises, eq(enterprises.id, users.enterpriseId))
    .where(eq(users.id, userId));
  if (!row) throw new AppError('UNAUTHENTICATED');
  return { ...row.user, currentMobile: row.contactMobile ?? row.user.mobile };
}

export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/api/v1/account/my-data.xlsx',
    {
      schema: {
        tags: TAGS,
        summary: '下载本企业个人信息（账号、企业注册信息、填报中的联系人；Excel，中文表头；记入审计日志）',
        response: {
          200: z.any().describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
          401: ErrorEnvelopeSchema,
          403: ErrorEnvelopeSchema,
        },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'enterprise.own');
      if (!actor.enterpriseId) throw new AppError('FORBIDDEN');
      const now = ctx.clock.now();
      const data = await myDataWorkbook(ctx.db, actor.userId, actor.enterpriseId, now);
      await audit(
        ctx.db,
        request,
        {
          action: 'account.data_export',
          targetType: 'enterprise',
          targetId: actor.enterpriseId,
          details: { enterpriseName: data.enterpriseName, filings: data.filingCount },
        },
        now,
      );
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition('attachment', data.fileName))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(data.workbook);
    },
  );

  app.post(
    '/api/v1/account/password',
    {
      schema: {
        tags: TAGS,
        summary: '修改密码（需当前密码；其他设备全部退出，本设备重新登录；同时解除“须先修改密码”）',
        body: ChangePasswordRequest,
        response: { 200: SessionResponse, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const user = await currentUser(ctx, actor.userId);
      const body = request.body;
      if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
        await audit(
          ctx.db,
          request,
          {
            action: 'account.password_change',
            success: false,
            details: { reason: 'wrong_current_password' },
          },
          ctx.clock.now(),
        );
        throw AppError.of('CURRENT_PASSWORD_WRONG').on('currentPassword');
      }
      if (body.password === body.currentPassword) {
        throw AppError.of('PASSWORD_SAME_AS_CURRENT').on('password');
      }
      const weak = passwordProblem(body.password, user.username);
      if (weak) throw new AppError('VALIDATION_FAILED', weak, { password: weak });
      if (await passwordReused(ctx.db, user.id, body.password)) {
        throw AppError.of('PASSWORD_REUSED', { count: PASSWORD_HISTORY }).on('password');
      }
      const passwordHash = await hashPassword(body.password);
      const now = ctx.clock.now();
      const csrfToken = await ctx.db.transaction(async (tx) => {
        await setChosenPassword(tx, user.id, passwordHash, now);
        await audit(tx, request, { action: 'account.password_change' }, now);
        if (user.currentMobile) {
          await enqueueSms(tx, {
            mobile: user.currentMobile,
            template: 'password_changed',
            params: undefined,
            dedupeKey: `sms:password-changed:${user.id}:${now.getTime()}`,
          });
        }
        return startSession(ctx, request, reply, user.id, tx);
      });
      return sessionResponse(ctx, request, reply, { userId: user.id, csrfToken });
    },
  );

  app.post(
    '/api/v1/account/totp/setup',
    {
      config: SMS_RATE_LIMIT,
      schema: {
        tags: TAGS,
        summary:
          '绑定身份验证器第一步：凭当前密码生成新密钥（二维码与密钥文本只显示这一次；输入验证码确认前不生效）',
        body: TotpSetupRequest,
        response: { 200: TotpSetupResponse, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const user = await currentUser(ctx, actor.userId);
      const now = ctx.clock.now();
      if (!(await verifyPassword(user.passwordHash, request.body.currentPassword))) {
        await audit(
          ctx.db,
          request,
          { action: 'account.totp_setup', success: false, details: { reason: 'wrong_current_password' } },
          now,
        );
        throw AppError.of('CURRENT_PASSWORD_WRONG').on('currentPassword');
      }
      const secret = newTotpSecret();
      const otpauthUri = totpUri(user.username, secret);
      await ctx.db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ totpPendingSecret: encryptSecret(ctx.config.totpKey, secret) })
          .where(eq(users.id, user.id));
        await audit(tx, request, { action: 'account.totp_setup' }, now);
      });
      const qrDataUrl = await QRCode.toDataURL(otpauthUri, {
        errorCorrectionLevel: 'M',
        margin: 1,
        width: 220,
      });
      return { secret, otpauthUri, qrDataUrl };
    },
  );

  app.post(
    '/api/v1/account/totp/confirm',
    {
      config: LOGIN_RATE_LIMIT,
      schema: {
        tags: TAGS,
        summary: '绑定身份验证器第二步：输入身份验证器显示的 6 位验证码，确认后每次登录均须输入',
        body: TotpConfirmRequest,
        response: { 200: SessionResponse, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const user = await currentUser(ctx, actor.userId);
      const now = ctx.clock.now();
      if (!user.totpPendingSecret) {
        throw AppError.of('TOTP_SETUP_NOT_STARTED').on('code');
      }
      const step = await checkTotp(
        decryptSecret(ctx.config.totpKey, user.totpPendingSecret),
        request.body.code,
        now,
        null,
      );
      if (step === null) {
        await audit(
          ctx.db,
          request,
          { action: 'account.totp_enabled', success: false, details: { reason: 'wrong_code' } },
          now,
        );
        throw AppError.of('TOTP_SETUP_CODE_WRONG').on('code');
      }
      await ctx.db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({
            totpSecret: user.totpPendingSecret,
            totpPendingSecret: null,
            totpEnabledAt: now,
            totpLastStep: step,
          })
          .where(eq(users.id, user.id));
        await audit(
          tx,
          request,
          { action: 'account.totp_enabled', details: { replaced: !!user.totpSecret } },
          now,
        );
      });
      return sessionResponse(ctx, request, reply);
    },
  );

  app.post(
    '/api/v1/account/mobile/sms-code',
    {
      config: SMS_RATE_LIMIT,
      schema: {
        tags: TAGS,
        summary: '更换联系手机：向新手机号发送短信验证码',
        body: ChangeMobileSmsRequest,
        response: { 200: SmsSentResponse, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const user = await currentUser(ctx, actor.userId);
      await requireCaptcha(ctx, request.body.captchaId, request.body.captchaAnswer);
      if (user.currentMobile === request.body.mobile) {
        throw AppError.of('MOBILE_UNCHANGED').on('mobile');
      }
      return issueSmsCode(ctx, {
        mobile: request.body.mobile,
        purpose: changeMobilePurpose(user.id),
        template: 'change_mobile_code',
        ip: request.ip,
      });
    },
  );

  app.post(
    '/api/v1/account/mobile',
    {
      config: SMS_RATE_LIMIT,
      schema: {
        tags: TAGS,
        summary: '更换联系手机：凭新手机收到的短信验证码确认',
        body: ChangeMobileRequest,
        response: { 200: SessionResponse, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const user = await currentUser(ctx, actor.userId);
      const { mobile, smsCode } = request.body;
      const checked = await checkSmsCode(ctx, {
        mobile,
        purpose: changeMobilePurpose(user.id),
        code: smsCode,
      });
      if (!checked.ok) throw new AppError('VALIDATION_FAILED', checked.message, { smsCode: checked.message });
      const now = ctx.clock.now();
      await ctx.db.transaction(async (tx) => {
        await consumeSmsCode(tx, checked.id, now);
        await tx.update(users).set({ mobile }).where(eq(users.id, user.id));
        if (user.enterpriseId) {
          await tx
            .update(enterprises)
            .set({ contactMobile: mobile, updatedAt: now })
            .where(eq(enterprises.id, user.enterpriseId));
        }
        await audit(
          tx,
          request,
          {
            action: 'account.mobile_change',
            details: {
              from: maskMobile(user.currentMobile),
              to: maskMobile(mobile),
            },
          },
          now,
        );
      });
      return sessionResponse(ctx, request, reply);
    },
  );
};
