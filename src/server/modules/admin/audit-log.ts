import { and, desc, eq, gte, inArray, like, lt, sql, type SQL } from 'drizzle-orm';
import { auditActionLabel } from '../../../shared/audit/labels';
import type { FastifyRequest } from 'fastify';
import type { AuditListResponse, AuditQuery } from '../../../shared/schemas/admin-api';
import type { z } from '../../../shared/schemas/zod';
import {
  auditEvents,
  campaigns,
  enterprises,
  filings,
  files,
  recognitionLists,
  users,
} from '../../db/schema';
import { audit } from '../../plugins/audit';
import type { AppContext } from '../../types';

export const TARGET_TYPE_LABELS: Record<string, string> = {
  filing: '填报',
  enterprise: '企业',
  user: '用户',
  file: '文件',
  campaign: '批次',
  evaluation: '评价',
  list: '名单',
  audit_log: '审计日志',
  settings: '设置',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Names beside ids: users' display names and the targets' names, in one query per kind on the page. */
export async function auditNames(
  ctx: AppContext,
  page: { userId: string | null; targetType: string | null; targetId: string | null }[],
) {
  const ids = (type: string) => [
    ...new Set(
      page
        .filter((r) => r.targetType === type && r.targetId && UUID.test(r.targetId))
        .map((r) => r.targetId!),
    ),
  ];
  const userIds = [
    ...new Set([...page.map((r) => r.userId).filter((x): x is string => !!x), ...ids('user')]),
  ];
  const users_ = new Map<string, string>();
  if (userIds.length) {
    for (const u of await ctx.db
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(inArray(users.id, userIds))) {
      users_.set(u.id, u.name);
    }
  }
  const targets = new Map<string, string>();
  for (const [id, name] of users_) targets.set(`user:${id}`, name);
  const lookups: [string, () => Promise<{ id: string; name: string }[]>][] = [
    [
      'filing',
      () =>
        ctx.db
          .select({ id: filings.id, name: filings.enterpriseName })
          .from(filings)
          .where(inArray(filings.id, ids('filing'))),
    ],
    [
      'enterprise',
      () =>
        ctx.db
          .select({ id: enterprises.id, name: enterprises.name })
          .from(enterprises)
          .where(inArray(enterprises.id, ids('enterprise'))),
    ],
    [
      'file',
      () =>
        ctx.db
          .select({ id: files.id, name: files.originalName })
          .from(files)
          .where(inArray(files.id, ids('file'))),
    ],
    [
      'list',
      () =>
        ctx.db
          .select({ id: recognitionLists.id, name: recognitionLists.title })
          .from(recognitionLists)
          .where(inArray(recognitionLists.id, ids('list'))),
    ],
    [
      'campaign',
      () =>
        ctx.db
          .select({ id: campaigns.id, name: campaigns.name })
          .from(campaigns)
          .where(inArray(campaigns.id, ids('campaign'))),
    ],
  ];
  for (const [type, load] of lookups) {
    if (ids(type).length === 0) continue;
    for (const row of await load()) targets.set(`${type}:${row.id}`, row.name);
  }
  return { users: users_, targets };
}

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
  const where = auditFilters(q);
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

  const names = await auditNames(ctx, page);
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
      actionLabel: auditActionLabel(r.action),
      userDisplayName: r.userId ? (names.users.get(r.userId) ?? null) : null,
      targetTypeLabel: r.targetType ? (TARGET_TYPE_LABELS[r.targetType] ?? r.targetType) : null,
      targetName:
        r.targetType && r.targetId ? (names.targets.get(`${r.targetType}:${r.targetId}`) ?? null) : null,
    })),
    nextCursor: rows.length > q.limit && last ? String(last.id) : null,
  };
}

/** The list's filters as SQL conditions (the search and the Excel export share them). */
export function auditFilters(q: Omit<z.output<typeof AuditQuery>, 'cursor' | 'limit'>): (SQL | undefined)[] {
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
  return where;
}
