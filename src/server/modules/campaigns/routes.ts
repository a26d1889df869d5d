import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CurrentCampaignResponse } from '../../../shared/schemas/filing-api';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { requireActor } from '../../plugins/session';
import { campaignView, ensureDefaultCampaign, findCurrentCampaign, startChecks } from './service';
import { shanghaiYear } from '../../../shared/time';

export const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  // Until campaign management arrives with the review issue, the current year's campaign is configured with
  // the 2023 notice's pattern at start-up (demo data may have created one already). Tests create their own.
  if (!ctx.config.testHooks) {
    app.addHook('onReady', async () => {
      await ensureDefaultCampaign(ctx, shanghaiYear(ctx.clock.now()));
    });
  }

  app.get(
    '/api/v1/campaigns/current',
    {
      schema: {
        tags: ['企业填报'],
        summary: '当前填报批次，以及本企业现在可以发起哪类填报（不可发起时给出原因）',
        response: { 200: CurrentCampaignResponse, 401: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const now = ctx.clock.now();
      const campaign = await findCurrentCampaign(ctx.db, now);
      const { canStart, dbStatus } = await startChecks(ctx.db, campaign, actor.enterpriseId, now);
      return { campaign: campaign ? campaignView(campaign, now) : null, canStart, dbStatus };
    },
  );
};
