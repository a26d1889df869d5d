import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import helmet from 'helmet';
import pino from 'pino';
import type { AppConfig } from './config';
import { openDatabase, type Database } from './db/client';
import { seedDemoData } from './demo';
import { maskMobilesInText } from '../shared/pii';
import { registerModules } from './modules';
import { inputGuardPlugin } from './plugins/input-guard';
import { errorsPlugin } from './plugins/errors';
import { metricsPlugin } from './plugins/metrics';
import { requestLogPlugin } from './plugins/request-log';
import { sessionPlugin } from './plugins/session';
import { systemClock, type Clock } from './services/clock';
import { startAuditSealer } from './services/audit-chain';
import { startJobWorker } from './services/jobs';
import { createMetrics } from './services/metrics';
import type { SmsProvider } from './services/sms';
import { createSmsGateway } from './services/sms-providers';
import { SmsSender } from './services/sms-sender';
import { createDbRateLimitStore } from './services/rate-limit-store';
import { createStorage, type Storage } from './services/storage';
import type { AppContext } from './types';

export interface BuildAppOptions {
  /** An already open database (tests); otherwise one is opened from the config. */
  database?: Database;
  storage?: Storage;
  sms?: SmsProvider;
  clock?: Clock;
  /** A pino destination for tests that inspect the logs. */
  logStream?: NodeJS.WritableStream;
}

/** Fields that must never reach the logs. */
const REDACT = [
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordConfirm',
  '*.smsCode',
  '*.code',
  '*.token',
];

/**
 * The one factory the process entry and every test use: configuration in, a ready Fastify instance out.
 * The database is migrated (and, in development, seeded with demo data) before the instance is returned.
 */
export async function buildApp(config: AppConfig, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  // Logs go to stdout asynchronously (the request does not wait for the write), gathered into writes of 4 KB or
  // whatever a second brought (one write system call per request line was ~3 % of a save's CPU, issue #15);
  // flushed when the app closes, and by pino when the process exits.
  const logDestination = opts.logStream
    ? undefined
    : pino.destination({ dest: 1, sync: false, minLength: 4096 });
  const logFlusher = logDestination
    ? setInterval(() => {
        logDestination.flush();
      }, 1000).unref()
    : undefined;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: REDACT, censor: '[redacted]' },
      // No whole mobile number in any log line, whatever logged it (request, error, job, SMS): ADR 0025.
      hooks: { streamWrite: maskMobilesInText },
      stream: opts.logStream ?? logDestination,
    },
    // One line per request instead of Fastify's two (plugins/request-log.ts).
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const database =
    opts.database ??
    (await openDatabase(
      config.databaseUrl
        ? {
            databaseUrl: config.databaseUrl,
            poolSize: config.dbPoolSize,
            ...(config.databaseListenUrl ? { listenUrl: config.databaseListenUrl } : {}),
          }
        : { dataDir: config.dataDir },
    ));
  const ownsDatabase = !opts.database;
  const clock = opts.clock ?? systemClock;
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    storage: opts.storage ?? (await createStorage(config)),
    sms: opts.sms ?? new SmsSender(database.db, createSmsGateway(config.sms, database.db), clock, app.log),
    clock,
    metrics: createMetrics(database, clock),
  };
  app.decorate('ctx', ctx);
  app.addHook('onClose', async () => {
    // The S3 client keeps HTTP connections open; a storage passed in belongs to the caller.
    if (!opts.storage) (ctx.storage as Partial<{ destroy(): void }>).destroy?.();
    if (ownsDatabase) await database.close();
    clearInterval(logFlusher);
    try {
      logDestination?.flushSync();
    } catch {
      // nothing written yet
    }
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await errorsPlugin(app);
  await metricsPlugin(app, ctx.metrics, config.metricsToken);
  requestLogPlugin(app);
  await app.register(cookie);
  // Security headers (helmet). Built ONCE here and applied by one hook: @fastify/helmet rebuilt the whole
  // middleware chain (and re-parsed the CSP) on every request, ~5 % of a trivial request's CPU (issue #15).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd injects its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        objectSrc: ["'none'"],
        frameSrc: ["'self'", 'blob:'],
        frameAncestors: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.secureCookies,
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (err) => done(err as Error | undefined));
  });
  await app.register(multipart, {
    limits: {
      fileSize: Math.max(config.licenceMaxBytes, config.attachmentMaxBytes),
      files: 1,
      fields: 40,
      fieldSize: 64 * 1024,
      parts: 45,
    },
  });
  // Per-route limits only (global: false); the counters live in PostgreSQL so every process shares them.
  await app.register(rateLimit, {
    global: false,
    store: createDbRateLimitStore(database, {
      onPruneError: (err) => app.log.warn({ err }, 'rate-limit prune failed'),
    }),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: '江苏省优质中小企业梯度培育平台 API',
        description:
          '企业填报、县区/设区市审核、创新型中小企业评价的接口。错误统一返回 { code, message, fieldErrors, requestId }。',
        version: '1',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sid' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  inputGuardPlugin(app);
  await sessionPlugin(app);
  await app.register(registerModules);
  // Background jobs (notifications, digests): polled in every process; tests run them with their own clock.
  if (config.mode !== 'test') startJobWorker(app);
  if (config.mode !== 'test') startAuditSealer(app);

  // The built web app, with client-side routing: unknown non-API paths serve index.html.
  const indexHtml = path.join(config.webDistDir, 'index.html');
  if (fs.existsSync(indexHtml)) {
    await app.register(fastifyStatic, { root: config.webDistDir, wildcard: false, index: false });
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const url = request.url.split('?')[0] ?? '/';
      if (url.startsWith('/api/')) return reply.callNotFound();
      const candidate = path.join(config.webDistDir, path.normalize(url));
      if (
        candidate.startsWith(config.webDistDir) &&
        url !== '/' &&
        fs.existsSync(candidate) &&
        fs.statSync(candidate).isFile()
      ) {
        return reply.sendFile(path.relative(config.webDistDir, candidate));
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }

  if (config.demoData) await seedDemoData(ctx, app.log);
  await app.ready();
  return app;
}
