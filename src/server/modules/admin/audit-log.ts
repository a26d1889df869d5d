import { and, desc, eq, gte, like, lt, sql, type SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { AuditListResponse, AuditQuery } from '../../../shared/schemas/admin-api';
import type { z } from '../../../shared/schemas/zod';
import { auditEvents } from '../../db/schema';
import { audit } from '../../plugins/audit';
import type { AppContext } from '../../types';

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The audit log, newest first, filtered; keyset pagination on (at, id) so deep pages stay cheap (index
 * audit_events_at_idx). The cursor is the id of the last row: its exact `at` is read back in SQL, so no
 * timestamp precision is lost in a round trip through the browser.
 */
export async function searchAudit(
  ctx: AppContext,
  request: FastifyRequest,
  q: z.output<typeof AuditQuery>,
): Promise<AuditListResponse> {
  const where: (SQL | undefined)[] = [];
  if (q.action) {
    where.push(
      q.action.endsWith('*')
        ? like(auditEvents.action, `${escapeLike(q.action.slice(0, -1))}%`)
        : eq(auditEvents.action, q.action),
    );
  }
  if (q.userId) where.push(eq(auditEvents.userId, q.userId));
  if (q.username) where.push(sql`lower(${auditEvents.username}) = lower(${q.username.trim()})`);
  if (q.from) where.push(gte(auditEvents.at, new Date(q.from)));
  if (q.to) where.push(lt(auditEvents.at, new Date(q.to)));
  if (q.targetType) where.push(eq(auditEvents.targetType, q.targetType));
  if (q.targetId) where.push(eq(auditEvents.targetId, q.targetId));
  if (q.success !== undefined) where.push(eq(auditEvents.success, q.success));
  if (q.cursor) {
    where.push(
      sql`(${auditEvents.at}, ${auditEvents.id}) < (select c.at, c.id from audit_events c where c.id = ${Number(q.cursor)})`,
    );
  }
  const rows = await ctx.db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];

  // Reading the audit log is itself audited — once per search (its first page), not once per page turned.
  if (!q.cursor) {
    const { cursor: _cursor, limit: _limit, ...filters } = q;
    await audit(
      ctx.db,
      request,
      { action: 'admin.audit.search', targetType: 'audit_log', details: { filters, results: page.length } },
      ctx.clock.now(),
    );
  }

  return {
    items: page.map((r) => ({
      id: Number(r.id),
      at: r.at.toISOString(),
      action: r.action,
      success: r.success,
      userId: r.userId,
      username: r.username,
      role: r.role,
      targetType: r.targetType,
      targetId: r.targetId,
      ip: r.ip,
      userAgent: r.userAgent,
      requestId: r.requestId,
      details: r.details ?? null,
    })),
    nextCursor: rows.length > q.limit && last ? String(last.id) : null,
  };
}
