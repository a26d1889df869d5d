import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UNMATCHED_ROUTE, type Metrics } from '../services/metrics';
import { onSmsResult } from '../services/sms-sender';
import { sendError } from './errors';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * Who may read /metrics (docs/adr/0014-metrics-and-readiness.md): with METRICS_TOKEN set, whoever sends
 * `Authorization: Bearer <token>`, from anywhere; without it, only a client on this machine that is not relaying
 * someone else: the socket's peer is loopback and no proxy header names another client (a request that came
 * through the site's nginx carries X-Forwarded-For, and is refused even though nginx connects from 127.0.0.1).
 */
export function metricsAllowed(request: FastifyRequest, token: string | undefined): boolean {
  if (token) {
    const given = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim() ?? '';
    const a = crypto.createHash('sha256').update(given).digest();
    const b = crypto.createHash('sha256').update(token).digest();
    return given.length > 0 && crypto.timingSafeEqual(a, b);
  }
  const peer = request.socket.remoteAddress ?? '';
  const relayed = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  return LOOPBACK.test(peer) && LOOPBACK.test(request.ip) && !relayed;
}

/**
 * Counts every answered request by route pattern and every SMS hand-over by provider and outcome (SmsSender's
 * onSmsResult hook: process-wide, and production runs one app per process), and serves the Prometheus text format
 * at GET /metrics.
 */
export async function metricsPlugin(
  app: FastifyInstance,
  metrics: Metrics,
  token: string | undefined,
): Promise<void> {
  const unsubscribe = onSmsResult((e) =>
    metrics.smsMessages.inc({ provider: e.provider, outcome: e.outcome }),
  );
  app.addHook('onClose', async () => {
    unsubscribe();
  });
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? UNMATCHED_ROUTE,
      status_code: String(reply.statusCode),
    };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!metricsAllowed(request, token)) {
      return sendError(reply, request, 'FORBIDDEN', '监控指标仅限本机或持有 METRICS_TOKEN 的监控系统读取。');
    }
    const body = await metrics.registry.metrics();
    return reply
      .header('content-type', metrics.registry.contentType)
      .header('cache-control', 'no-store')
      .send(body);
  });
}
