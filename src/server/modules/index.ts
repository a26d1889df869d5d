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
import { filingRoutes } from './filings/routes';
import { evaluationRoutes } from './evaluation/routes';
import { exchangeRoutes } from './exchange/routes';
import { healthRoutes } from './health/routes';
import { listRoutes } from './lists/routes';
import { notificationRoutes, notificationTestHookRoutes } from './notifications/routes';
import { piiRoutes } from './pii/routes';
import { recordRoutes } from './records/routes';
import { statisticsRoutes } from './statistics/routes';
import { registryRoutes } from './registry/routes';
import { reviewRoutes } from './review/routes';
import { qualityScoreRoutes } from './quality-scores/routes';
import { ladderRoutes } from './ladder/routes';
import { securityRoutes } from './security/routes';
import { settingsRoutes } from './settings/routes';
import { standardRoutes } from './standards/routes';
import { testingRoutes } from './testing/routes';
import {
  handleClearanceNotice,
  handleCycleObligations,
  handleCyclePropose,
  handleCycleRemind,
  handleCycleSchedule,
} from './cycle/handlers';
import { handleNotifyFiling, handleReviewerDigest } from './notifications/handlers';
import { handleNotifyListOutcome } from './notifications/list-outcome';
import { handleNotifyRecognition } from './notifications/recognition';
import { handleLegacyCycleSms, handleSmsSend, LEGACY_CYCLE_SMS_JOB } from './notifications/sms-job';
import { NOTIFY_LIST_OUTCOME_JOB, NOTIFY_RECOGNITION_JOB } from './lists/service';
import { CYCLE_JOB_KINDS } from '../../shared/schemas/cycle-api';
import { JOB_KINDS } from '../../shared/schemas/notifications-api';
import { registerJobHandler } from '../services/jobs';

/** Every job kind and its handler: the worker (services/jobs.ts) runs only the kinds registered here. */
function registerJobHandlers(): void {
  registerJobHandler(JOB_KINDS.notifyFiling, handleNotifyFiling);
  registerJobHandler(JOB_KINDS.digestReviewer, handleReviewerDigest);
  registerJobHandler(JOB_KINDS.smsSend, handleSmsSend);
  registerJobHandler(NOTIFY_RECOGNITION_JOB, handleNotifyRecognition);
  registerJobHandler(NOTIFY_LIST_OUTCOME_JOB, handleNotifyListOutcome);
  registerJobHandler(CYCLE_JOB_KINDS.schedule, handleCycleSchedule);
  registerJobHandler(CYCLE_JOB_KINDS.remind, handleCycleRemind);
  registerJobHandler(CYCLE_JOB_KINDS.obligations, handleCycleObligations);
  registerJobHandler(CYCLE_JOB_KINDS.propose, handleCyclePropose);
  registerJobHandler(CYCLE_JOB_KINDS.notify, handleClearanceNotice);
  // cycle.sms jobs queued before the cycle module enqueued sms.send (compatibility; nothing enqueues it now).
  registerJobHandler(LEGACY_CYCLE_SMS_JOB, handleLegacyCycleSms);
}

/** Every feature module registers its routes and its job handlers here. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  registerJobHandlers();
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
  await app.register(securityRoutes);
  await app.register(evaluationRoutes);
  await app.register(listRoutes);
  await app.register(registryRoutes);
  await app.register(recordRoutes);
  await app.register(piiRoutes);
  await app.register(cycleRoutes);
  await app.register(statisticsRoutes);
  await app.register(exchangeRoutes);
  await app.register(settingsRoutes);
  await app.register(qualityScoreRoutes);
  await app.register(ladderRoutes);
  await app.register(standardRoutes);
  if (app.ctx.config.devOutbox) await app.register(devOutboxRoutes);
  if (app.ctx.config.testHooks) await app.register(testHookRoutes);
  if (app.ctx.config.testHooks) await app.register(notificationTestHookRoutes);
  if (app.ctx.config.testHooks) await app.register(testingRoutes);
}
