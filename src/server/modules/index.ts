import type { FastifyInstance } from 'fastify';
import { accountRoutes } from './account/routes';
import { adminRoutes } from './admin/routes';
import { authRoutes } from './auth/routes';
import { campaignAdminRoutes } from './campaign-admin/routes';
import { campaignRoutes } from './campaigns/routes';
import { captchaRoutes } from './captcha/routes';
import { cycleRoutes } from './cycle/routes';
import { devOutboxRoutes, testHookRoutes } from './dev/routes';
import { fileRoutes } from './files/routes';
import { filingRoutes, filingTestHookRoutes } from './filings/routes';
import { evaluationRoutes } from './evaluation/routes';
import { exchangeRoutes } from './exchange/routes';
import { healthRoutes } from './health/routes';
import { listRoutes } from './lists/routes';
import { notificationRoutes, notificationTestHookRoutes } from './notifications/routes';
import { recordRoutes } from './records/routes';
import { statisticsRoutes } from './statistics/routes';
import { registryRoutes } from './registry/routes';
import { reviewRoutes } from './review/routes';
import { testingRoutes } from './testing/routes';

/** Every feature module registers its routes here. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(captchaRoutes);
  await app.register(authRoutes);
  await app.register(accountRoutes);
  await app.register(campaignRoutes);
  await app.register(campaignAdminRoutes);
  await app.register(filingRoutes);
  await app.register(fileRoutes);
  await app.register(reviewRoutes);
  await app.register(notificationRoutes);
  await app.register(adminRoutes);
  await app.register(evaluationRoutes);
  await app.register(listRoutes);
  await app.register(registryRoutes);
  await app.register(recordRoutes);
  await app.register(cycleRoutes);
  await app.register(statisticsRoutes);
  await app.register(exchangeRoutes);
  if (app.ctx.config.devOutbox) await app.register(devOutboxRoutes);
  if (app.ctx.config.testHooks) await app.register(testHookRoutes);
  if (app.ctx.config.testHooks) await app.register(filingTestHookRoutes);
  if (app.ctx.config.testHooks) await app.register(notificationTestHookRoutes);
  if (app.ctx.config.testHooks) await app.register(testingRoutes);
}
