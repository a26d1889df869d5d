import type { FastifyInstance } from 'fastify';

/**
 * One log line per request (issue #15), written when the response has gone: what an operator needs to find a
 * request and see how it went, nothing more — Fastify's own pair of lines ("incoming request" and "request
 * completed") is switched off in buildApp. The path is logged without its query string (searches may carry
 * enterprise names); the request id ties the line to the error envelope a user reports.
 */
export function requestLogPlugin(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    const q = request.url.indexOf('?');
    request.log.info(
      {
        method: request.method,
        path: q < 0 ? request.url : request.url.slice(0, q),
        route: request.routeOptions.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        ip: request.ip,
        user: request.actor?.userId,
      },
      'request',
    );
  });
}
