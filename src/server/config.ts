import crypto from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { loadSmsConfig, type SmsConfig } from './services/sms-providers/config';

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
  /** PostgreSQL: where the session cache's LISTEN connection goes (a session-mode connection); default DATABASE_URL. */
  DATABASE_LISTEN_URL: z.string().optional(),
  /** The per-process session cache (docs/adr/0036-session-cache.md): `off` reads every session from the database. */
  SESSION_CACHE: z.enum(['on', 'off']).default('on'),
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
  WEB_DIST_DIR: z.string().default('./dist/web'),
  PUBLIC_BASE_URL: z.string().default('http://localhost:3000'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LOGIN_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  /** Secret key of the SMS-code HMAC, shared by every app process. Required in production. */
  SMS_CODE_PEPPER: z.string().optional(),
  /** Secret key of the audit log's hash chain and of its monthly archives; unset: derived from SMS_CODE_PEPPER. */
  AUDIT_HMAC_KEY: z.string().optional(),
  /**
   * Days audit rows stay online before `audit-archive` moves them to signed monthly archives in the storage;
   * at least 180 (网络安全法 第二十一条, ADR 0024).
   */
  AUDIT_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(
      180,
      '审计日志在线保存期不得少于 180 天（网络安全法第二十一条）。Audit retention must be at least 180 days.',
    )
    .max(36500)
    .default(180),
  /** Where uploaded files live: `local` (STORAGE_DIR) or `s3` (an S3-compatible object store). */
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.string().optional(),
  S3_REGION: z.string().optional(),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_PREFIX: z.string().optional(),
  /**
   * Second factor at login (docs/adr/0023-second-factor-and-password-ageing.md): `auto` asks administrators and
   * the province for one in production only; `on` asks in every mode (to try it with the demo data).
   */
  SECOND_FACTOR: z.enum(['auto', 'on']).default('auto'),
  /** Secret key of the TOTP secrets' encryption; unset: derived from SMS_CODE_PEPPER. */
  TOTP_ENCRYPTION_KEY: z.string().optional(),
  /** Days a password stays valid (0: no expiry). Default 90 in production, none in development and test. */
  PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).max(3650).optional(),
  /** Bearer token of GET /metrics; unset: only clients on this machine (not through the proxy) may read it. */
  METRICS_TOKEN: z.string().optional(),
});

/** The object store of STORAGE_DRIVER=s3. */
export interface S3Config {
  /** https://… of an S3-compatible service (MinIO, Ceph, OSS/COS S3 endpoints); unset: AWS itself. */
  endpoint: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Prepended to every key (no leading slash, ends with "/" when set), so several platforms can share a bucket. */
  prefix: string;
}

export type AppMode = 'development' | 'production' | 'test';

export interface AppConfig {
  mode: AppMode;
  host: string;
  port: number;
  dataDir: string;
  /** postgres://… switches from the embedded PGlite to a PostgreSQL server. */
  databaseUrl: string | undefined;
  /** The session cache's listening connection (DATABASE_LISTEN_URL); undefined: databaseUrl. */
  databaseListenUrl: string | undefined;
  /** Resolve sessions from the process's cache, invalidated by the database's notifications (SESSION_CACHE). */
  sessionCache: boolean;
  storageDir: string;
  storageDriver: 'local' | 's3';
  /** Set when storageDriver is 's3'. */
  s3: S3Config | undefined;
  logLevel: string;
  sessionIdleMinutes: number;
  /**
   * Login attempts per client IP and minute, over all accounts (each account also locks after 5 failures).
   * Raise it when many users share one address (a department behind one NAT).
   */
  loginLimitPerMinute: number;
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
  /** Bearer token of GET /metrics (docs/adr/0014-metrics-and-readiness.md); undefined: loopback clients only. */
  metricsToken: string | undefined;
  /** The SMS gateway (SMS_PROVIDER and its settings; services/sms-providers/config.ts). */
  sms: SmsConfig;
  /** HMAC key of the audit hash chain and the signed audit archives (AUDIT_HMAC_KEY). */
  auditKey: string;
  /** Days audit rows stay online before they are archived (AUDIT_RETENTION_DAYS, at least 180). */
  auditRetentionDays: number;
  /** Whether the platform asks administrators and the province (and, by policy, reviewers) for a second factor. */
  secondFactor: boolean;
  /** AES-256-GCM key (32 bytes) of the stored TOTP secrets. */
  totpKey: Buffer;
  /** Days a password stays valid; 0: no expiry. */
  passwordMaxAgeDays: number;
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
  if (e.DATABASE_LISTEN_URL && !/^postgres(ql)?:\/\//.test(e.DATABASE_LISTEN_URL)) {
    throw new Error('DATABASE_LISTEN_URL must start with postgres:// or postgresql://');
  }
  const dataDir = path.resolve(e.DATA_DIR);
  const production = e.APP_MODE === 'production';
  if (!production && !isLoopbackHost(e.HOST)) {
    throw new Error(
      `APP_MODE=${e.APP_MODE} 只允许监听本机地址（HOST=127.0.0.1、::1 或 localhost），当前为 HOST=${e.HOST}：开发与测试模式带演示账号、短信发件箱和测试接口，不能对外提供服务。对外部署请设置 APP_MODE=production。\n` +
        `APP_MODE=${e.APP_MODE} may listen on a loopback address only (HOST=127.0.0.1, ::1 or localhost), not HOST=${e.HOST}: development and test modes carry demo accounts, the SMS outbox and test hooks. Set APP_MODE=production to serve others.`,
    );
  }
  if (production && (e.SMS_CODE_PEPPER ?? '').length < 16) {
    throw new Error(
      'SMS_CODE_PEPPER must be set in production: a random secret of at least 16 characters shared by every app process.',
    );
  }
  if (e.TOTP_ENCRYPTION_KEY !== undefined && e.TOTP_ENCRYPTION_KEY.length < 16) {
    throw new Error(
      'TOTP_ENCRYPTION_KEY 过短：至少 16 个字符的随机字符串，且各应用进程相同。TOTP_ENCRYPTION_KEY is too short: use a random secret of at least 16 characters, the same in every app process.',
    );
  }
  if (e.METRICS_TOKEN !== undefined && e.METRICS_TOKEN.length < 16) {
    throw new Error(
      'METRICS_TOKEN 过短：至少 16 个字符的随机字符串。METRICS_TOKEN is too short: use a random secret of at least 16 characters.',
    );
  }
  const sms = loadSmsConfig(env, e.APP_MODE);
  return {
    mode: e.APP_MODE,
    sms,
    storageDriver: e.STORAGE_DRIVER,
    s3: e.STORAGE_DRIVER === 's3' ? s3Config(e) : undefined,
    host: e.HOST,
    port: e.PORT,
    dataDir,
    databaseUrl: e.DATABASE_URL || undefined,
    databaseListenUrl: e.DATABASE_LISTEN_URL || undefined,
    sessionCache: e.SESSION_CACHE === 'on',
    storageDir: path.resolve(e.STORAGE_DIR ?? path.join(dataDir, 'files')),
    logLevel: e.LOG_LEVEL,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    loginLimitPerMinute: e.LOGIN_LIMIT_PER_MINUTE,
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
    metricsToken: e.METRICS_TOKEN || undefined,
    auditKey: auditKeyOf(e),
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    secondFactor: production || e.SECOND_FACTOR === 'on',
    totpKey: totpKeyOf(e),
    passwordMaxAgeDays: e.PASSWORD_MAX_AGE_DAYS ?? (production ? 90 : 0),
  };
}

/**
 * AUDIT_HMAC_KEY, or a key derived from SMS_CODE_PEPPER (HMAC with a purpose label, so the two secrets differ),
 * or a built-in development key. In production the pepper is required, so the audit key is always secret there.
 */
function auditKeyOf(e: z.infer<typeof EnvSchema>): string {
  if (e.AUDIT_HMAC_KEY) return e.AUDIT_HMAC_KEY;
  const base = e.SMS_CODE_PEPPER || 'jiangsu-sme-platform/development';
  return crypto.createHmac('sha256', base).update('jiangsu-sme-platform/audit-chain/v1').digest('hex');
}

/** The TOTP secrets' key: SHA-256 of TOTP_ENCRYPTION_KEY, or an HMAC of SMS_CODE_PEPPER with its own label. */
function totpKeyOf(e: z.infer<typeof EnvSchema>): Buffer {
  if (e.TOTP_ENCRYPTION_KEY) return crypto.createHash('sha256').update(e.TOTP_ENCRYPTION_KEY).digest();
  const base = e.SMS_CODE_PEPPER || 'jiangsu-sme-platform/development';
  return crypto.createHmac('sha256', base).update('jiangsu-sme-platform/totp-secrets/v1').digest();
}

/** 127.0.0.0/8, ::1 and localhost: addresses no other machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return (
    h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h)
  );
}

/** STORAGE_DRIVER=s3 needs a bucket and a key pair; a start-up error names what is missing, in both languages. */
function s3Config(e: z.infer<typeof EnvSchema>): S3Config {
  const missing = (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((k) => !e[k]);
  if (missing.length > 0) {
    throw new Error(
      `STORAGE_DRIVER=s3 需要设置 ${missing.join('、')}（对象存储的桶名与访问密钥）。\n` +
        `STORAGE_DRIVER=s3 requires ${missing.join(', ')} (the bucket and the access key pair).`,
    );
  }
  if (e.S3_ENDPOINT && !/^https?:\/\//.test(e.S3_ENDPOINT)) {
    throw new Error(
      `S3_ENDPOINT 必须以 http:// 或 https:// 开头：${e.S3_ENDPOINT}\nS3_ENDPOINT must start with http:// or https://`,
    );
  }
  const prefix = (e.S3_PREFIX ?? '').replace(/^\/+|\/+$/g, '');
  return {
    endpoint: e.S3_ENDPOINT || undefined,
    region: e.S3_REGION || 'us-east-1',
    bucket: e.S3_BUCKET!,
    accessKeyId: e.S3_ACCESS_KEY_ID!,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
    prefix: prefix ? `${prefix}/` : '',
  };
}
