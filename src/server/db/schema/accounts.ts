/** Accounts and signing in: users, password history, login challenges and failures, sessions, captchas, SMS codes, rate limits. */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ROLES } from '../../../shared/permissions';
import { USER_STATUSES } from '../../../shared/schemas/admin-api';
import { createdAt, oneOf } from './common';
import { enterprises } from './enterprises';

/** Platform users: enterprise accounts and government accounts (role bound to a region). */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** enterprise | county_reviewer | city_reviewer | province | admin */
    role: text('role').notNull(),
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    /** Government users: the county, city or province (320000) they act for. */
    regionCode: text('region_code'),
    displayName: text('display_name').notNull(),
    mobile: text('mobile'),
    status: text('status').notNull().default('active'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when an administrator creates or resets the account: the first login must choose a new password. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /**
     * The TOTP secret (docs/adr/0023-second-factor-and-password-ageing.md), AES-256-GCM encrypted under a key
     * derived from TOTP_ENCRYPTION_KEY or SMS_CODE_PEPPER; never returned by any API once confirmed.
     */
    totpSecret: text('totp_secret'),
    /** A secret shown for enrolment, waiting for its first code (encrypted the same way). */
    totpPendingSecret: text('totp_pending_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The RFC 6238 time step of the last accepted code: a code is accepted once. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [
    oneOf('users_role_ck', t.role, ROLES),
    oneOf('users_status_ck', t.status, USER_STATUSES),

    // Usernames are unique regardless of case, so "Acme" and "acme" cannot both exist.
    uniqueIndex('users_username_uq').on(sql`lower(${t.username})`),
    index('users_enterprise_idx').on(t.enterpriseId),
  ],
);

/**
 * Hashes of the passwords a user had (the newest five are kept): a new password may not repeat any of them
 * (GB/T 22239 8.1.4.1 a, docs/adr/0023-second-factor-and-password-ageing.md).
 */
export const passwordHistory = pgTable(
  'password_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    passwordHash: text('password_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('password_history_user_idx').on(t.userId, t.id)],
);

/**
 * A login whose password was right and whose second factor is awaited: the token (its SHA-256 is the id) is
 * handed to the client for step 2, valid 5 minutes from the address that gave the password.
 */
export const loginChallenges = pgTable(
  'login_challenges',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_challenges_user_idx').on(t.userId)],
);

/**
 * Failed logins per account AND source address (docs/adr/0018-account-safety.md): 5 in a row from one address
 * lock that account from that address only, so nobody elsewhere can lock the real owner out. The account-wide
 * count that asks for a captcha stays on `users.failed_logins`; `users.locked_until` mirrors the latest lock
 * for the administrators' user list.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    failures: integer('failures').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('login_failures_user_source_uq').on(t.userId, t.source)],
);

/** Server-side sessions, so several app processes can serve one user. The cookie holds a token; we store its hash. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(), // sha256(token), hex
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Image captchas, stored so any app process can check them. Single use, short-lived. */
export const captchas = pgTable('captchas', {
  id: uuid('id').primaryKey().defaultRandom(),
  answer: text('answer').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: createdAt(),
});

/** SMS verification codes: hashed, 5 minutes, 5 tries. */
export const smsCodes = pgTable(
  'sms_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mobile: text('mobile').notNull(),
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    ip: text('ip'),
    createdAt: createdAt(),
  },
  (t) => [
    index('sms_codes_mobile_idx').on(t.mobile, t.createdAt),
    index('sms_codes_ip_idx').on(t.ip, t.createdAt),
  ],
);

/**
 * Fixed-window request counters shared by every app process (the store behind @fastify/rate-limit).
 */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limit_hits_reset_idx').on(t.resetAt)],
);
