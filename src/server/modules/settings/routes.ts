import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../shared/errors';
import { allows } from '../../../shared/permissions/policy';
import { ProvinceSettings, ProvinceSettingsUpdate } from '../../../shared/schemas/settings-api';
import { audit } from '../../plugins/audit';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { requireActor } from '../../plugins/session';
import { authorize } from '../../permissions/authorize';
import { getProvinceSettings, saveProvinceSettings } from './service';

const TAGS = ['省级设置'];
const E = ErrorEnvelopeSchema;
const errors = { 400: E, 401: E, 403: E };

const pick = (s: ProvinceSettings) => ({
  publicityDays: s.publicityDays,
  clearanceGraceDays: s.clearanceGraceDays,
  appealWindowDays: s.appealWindowDays,
  proposalExpiryDays: s.proposalExpiryDays,
  updateDeadline: s.updateDeadline,
  cancelAfterTwoMissedUpdates: s.cancelAfterTwoMissedUpdates,
});

export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/api/v1/settings/province',
    {
      schema: {
        tags: TAGS,
        summary:
          '省级设置：默认公示天数、清退宽限天数、清退申诉期限、拟清退建议有效期、2026 年起的年度数据更新截止日期、两次未更新取消认定（未设置时为平台默认值 5 天、15 天、30 天、60 天、05-31、不启用）',
        response: { 200: ProvinceSettings, ...errors },
      },
    },
    async (request) => {
      authorize(request, 'settings.read');
      return getProvinceSettings(ctx.db);
    },
  );

  app.put(
    '/api/v1/settings/province',
    {
      schema: {
        tags: TAGS,
        summary:
          '修改省级设置（省工信厅）：公示天数 5–30 天，清退宽限天数 0–90 天，清退申诉期限 7–180 天，拟清退建议有效期 15–365 天',
        body: ProvinceSettingsUpdate,
        response: { 200: ProvinceSettings, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!allows(actor.role, 'settings.write')) {
        throw AppError.of('PROVINCE_SETTINGS_ONLY');
      }
      const now = ctx.clock.now();
      return ctx.db.transaction(async (tx) => {
        const { before, after } = await saveProvinceSettings(tx, request.body, actor.userId, now);
        await audit(
          tx,
          request,
          {
            action: 'settings.province_update',
            targetType: 'province_settings',
            targetId: '320000',
            details: {
              before: pick(before),
              after: pick(after),
            },
          },
          now,
        );
        return after;
      });
    },
  );
};
