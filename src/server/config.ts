import path from 'node:path';
import { z } from 'zod';

/**
 * All configuration comes from environment variables with safe defaults (listed in the README).
 *
 * APP_MODE:
 * - `development` (default): demo data and demo accounts on an empty database, the 演示环境 banner, the
 *   SMS outbox page for developers.
 * - `production`: no demo data, Secure cookies, no outbox page, no test hooks.
 * - `test`: like development without demo data, plus test-only hooks (captcha answers) that let the
 *   end-to-end suite drive the real flows. They are never registered in the other modes.
 */
const EnvSchema = z.object({
  APP_MODE: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  STORAGE_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  LICENCE_MAX_MB: z.coerce.number().positive().max(50).default(5),
  ATTACHMENT_MAX_MB: z.coerce.number().positive().max(200).default(20),
  DEMO_DATA: z.enum(['auto', 'on', 'off']).default('auto'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  WEB_DIST_DIR: z.string().default('./dist'),
  PUBLIC_BASE_URL: z.string().default('http://localhost:3000'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Secret key of the SMS-code HMAC, shared by every app process. Required in production. */
  SMS_CODE_PEPPER: z.string().optional(),
});

export type AppMode = 'development' | 'production' | 'test';

export interface AppConfig {
  mode: AppMode;
  host: string;
  port: number;
  dataDir: string;
  /** postgres://… switches from the embedded PGlite to a PostgreSQL server. */
  databaseUrl: string | undefined;
  storageDir: string;
  logLevel: string;
  sessionIdleMinutes: number;
  licenceMaxBytes: number;
  attachmentMaxBytes: number;
  /** Create demo data on an empty database. Never in production. */
  demoData: boolean;
  trustProxy: boolean;
  webDistDir: string;
  publicBaseUrl: string;
  dbPoolSize: number;
  /** Secure cookies: production only (development runs on plain http://localhost). */
  secureCookies: boolean;
  /** Test-only hooks (captcha answers). Registered in test mode only. */
  testHooks: boolean;
  /** The SMS outbox page for developers. Never in production. */
  devOutbox: boolean;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.DATABASE_URL && !/^postgres(ql)?:\/\//.test(e.DATABASE_URL)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const dataDir = path.resolve(e.DATA_DIR);
  const production = e.APP_MODE === 'production';
  if (production && (e.SMS_CODE_PEPPER ?? '').length < 16) {
    throw new Error(
      'SMS_CODE_PEPPER must be set in production: a random secret of at least 16 characters shared by every app process.',
    );
  }
  return {
    mode: e.APP_MODE,
    host: e.HOST,
    port: e.PORT,
    dataDir,
    databaseUrl: e.DATABASE_URL || undefined,
    storageDir: path.resolve(e.STORAGE_DIR ?? path.join(dataDir, 'files')),
    logLevel: e.LOG_LEVEL,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    licenceMaxBytes: Math.round(e.LICENCE_MAX_MB * 1024 * 1024),
    attachmentMaxBytes: Math.round(e.ATTACHMENT_MAX_MB * 1024 * 1024),
    // Development: demo data unless DEMO_DATA=off. Test: only with DEMO_DATA=on. Production: never.
    demoData: production ? false : e.APP_MODE === 'test' ? e.DEMO_DATA === 'on' : e.DEMO_DATA !== 'off',
    trustProxy: e.TRUST_PROXY === 'true',
    webDistDir: path.resolve(e.WEB_DIST_DIR),
    publicBaseUrl: e.PUBLIC_BASE_URL,
    dbPoolSize: e.DB_POOL_SIZE,
    secureCookies: production,
    testHooks: e.APP_MODE === 'test',
    devOutbox: !production,
  };
}
