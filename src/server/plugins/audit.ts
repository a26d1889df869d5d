import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../db/client';
import { appendAudit } from '../services/audit-chain';

export interface AuditEntry {
  action: string;
  success?: boolean;
  userId?: string | null;
  username?: string | null;
  role?: string | null;
  targetType?: string;
  targetId?: string;
  /** Never put passwords, codes or tokens here. */
  details?: Record<string, unknown>;
}

/**
 * Records an audit event with time, account, IP and user agent, inside the caller's transaction if any,
 * signed and sealed into the day's chain after the commit (services/audit-chain.ts, ADR 0031).
 */
export async function audit(
  tx: DbOrTx,
  request: FastifyRequest,
  entry: AuditEntry,
  at?: Date,
): Promise<void> {
  await appendAudit(
    tx,
    request.server.ctx.config.auditKey,
    {
      at: at ?? new Date(),
      action: entry.action,
      success: entry.success ?? true,
      userId: entry.userId ?? request.actor?.userId ?? null,
      username: entry.username ?? request.actor?.username ?? null,
      role: entry.role ?? request.actor?.role ?? null,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      ip: request.ip,
      userAgent: String(request.headers['user-agent'] ?? '').slice(0, 300),
      requestId: String(request.id),
      details: entry.details ?? null,
    },
    request.server.ctx.db,
  );
}
