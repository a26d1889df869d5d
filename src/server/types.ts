import type { Actor } from '../shared/permissions';
import type { AppConfig } from './config';
import type { Database, Db } from './db/client';
import type { Clock } from './services/clock';
import type { Metrics } from './services/metrics';
import type { SmsProvider } from './services/sms';
import type { Storage } from './services/storage';

/** Everything a route or service needs, built once by buildApp() and shared by every request. */
export interface AppContext {
  config: AppConfig;
  database: Database;
  db: Db;
  storage: Storage;
  sms: SmsProvider;
  clock: Clock;
  /** Prometheus metrics of this app instance (GET /metrics). */
  metrics: Metrics;
}

export interface SessionInfo {
  id: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionInfo | null;
  }
}
