/** The signed, hash-chained audit log. */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Append-only audit log of account events, views and actions. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    action: text('action').notNull(),
    userId: uuid('user_id'),
    username: text('username'),
    role: text('role'),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    success: boolean('success').notNull().default(true),
    details: jsonb('details').$type<Record<string, unknown>>(),
    /**
     * Tamper evidence (issue 17, ADR 0031): `mac` = HMAC-SHA256(AUDIT_HMAC_KEY, the row's id and content), written
     * with the row, no lock; a background sealer (services/audit-chain.ts) later chains committed rows: `seq` (the
     * chain order, assigned at sealing, unique), `prev_hash` (the hash of the previous sealed row of the same
     * `chain`, the row's Asia/Shanghai day) and `hash` = HMAC-SHA256(prev_hash + the canonical content). Unsealed:
     * `seq` null. Rows of ADR 0017/0027 have a hash and no mac (chains `YYYY-MM-DD#NN` or the bare day, seq = id);
     * rows written before the chain existed have neither.
     */
    chain: text('chain'),
    prevHash: text('prev_hash'),
    hash: text('hash'),
    mac: text('mac'),
    seq: bigint('seq', { mode: 'number' }),
  },
  (t) => [
    index('audit_events_at_idx').on(t.at),
    index('audit_events_chain_idx').on(t.chain, t.seq),
    uniqueIndex('audit_events_seq_idx').on(t.seq),
    index('audit_events_unsealed_idx')
      .on(t.id)
      .where(sql`${t.seq} is null`),
    index('audit_events_user_idx').on(t.userId, t.at),
    index('audit_events_action_idx').on(t.action, t.at),
  ],
);
