/**
 * The audit log of a period as an .xlsx for the audit administrator (issue 17 item 4), STREAMED like the other
 * exports: rows read oldest first in keyset batches of 1000 and written into the reply as they come, so memory
 * stays flat whatever the period. Chinese headers and action labels; the row id, day chain and hash are
 * included so a printed or filed export can be matched against the chain (audit-verify) or an archive.
 */
import type { PassThrough } from 'node:stream';
import { and, asc, sql, type SQL } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { auditActionLabel } from '../../../shared/audit/labels';
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/permissions';
import type { AuditExportQuery } from '../../../shared/schemas/admin-api';
import type { z } from '../../../shared/schemas/zod';
import { shanghaiStamp } from '../../../shared/time';
import { auditEvents } from '../../db/schema';
import { streamXlsx, type XlsxCell } from '../../services/xlsx';
import type { AppContext } from '../../types';
import { auditFilters, auditNames, TARGET_TYPE_LABELS } from './audit-log';

/** 2026-03-02 09:00:05 (Beijing time). */
export function beijingDateTime(at: Date): string {
  return shanghaiStamp(at, { seconds: true });
}

export const AUDIT_EXPORT_COLUMNS: { header: string; key: string; width: number }[] = [
  { header: '序号', key: 'no', width: 8 },
  { header: '时间（北京时间）', key: 'at', width: 20 },
  { header: '操作', key: 'actionLabel', width: 24 },
  { header: '操作代码', key: 'action', width: 26 },
  { header: '结果', key: 'success', width: 8 },
  { header: '用户名', key: 'username', width: 16 },
  { header: '姓名', key: 'displayName', width: 16 },
  { header: '角色', key: 'role', width: 16 },
  { header: '对象类型', key: 'targetType', width: 10 },
  { header: '对象', key: 'targetName', width: 28 },
  { header: '对象编号', key: 'targetId', width: 38 },
  { header: 'IP 地址', key: 'ip', width: 16 },
  { header: '浏览器', key: 'userAgent', width: 30 },
  { header: '请求编号', key: 'requestId', width: 38 },
  { header: '详情', key: 'details', width: 50 },
  { header: '记录编号', key: 'id', width: 10 },
  { header: '日链', key: 'chain', width: 12 },
  { header: '哈希', key: 'hash', width: 66 },
];

/** 审计日志_20260301-20260331.xlsx (the last day shown is the one before the exclusive end). */
export function auditExportFileName(from: Date, to: Date): string {
  const day = (d: Date) => beijingDateTime(d).slice(0, 10).replaceAll('-', '');
  return `审计日志_${day(from)}-${day(new Date(to.getTime() - 1))}.xlsx`;
}

function roleLabel(role: string | null): string {
  if (!role) return '';
  return (ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as Role] : role;
}

/** Starts writing the workbook into a stream and returns it (sent as the reply body); a failure aborts it. */
export function streamAuditXlsx(
  ctx: AppContext,
  q: z.output<typeof AuditExportQuery>,
  log: FastifyBaseLogger,
): PassThrough {
  async function* rows(): AsyncGenerator<XlsxCell[][]> {
    const filters = auditFilters(q);
    let n = 0;
    let lastId: number | null = null;
    for (;;) {
      const after: SQL | undefined =
        lastId === null
          ? undefined
          : sql`(${auditEvents.at}, ${auditEvents.id}) > (select c.at, c.id from audit_events c where c.id = ${lastId})`;
      const page: (typeof auditEvents.$inferSelect)[] = await ctx.db
        .select()
        .from(auditEvents)
        .where(and(...filters, after))
        .orderBy(asc(auditEvents.at), asc(auditEvents.id))
        .limit(1000);
      if (page.length === 0) return;
      const names = await auditNames(ctx, page);
      yield page.map((r) => {
        n += 1;
        const cells: Record<string, XlsxCell> = {
          no: n,
          at: beijingDateTime(r.at),
          actionLabel: auditActionLabel(r.action),
          action: r.action,
          success: r.success ? '成功' : '失败',
          username: r.username ?? '',
          displayName: r.userId ? (names.users.get(r.userId) ?? '') : '',
          role: roleLabel(r.role),
          targetType: r.targetType ? (TARGET_TYPE_LABELS[r.targetType] ?? r.targetType) : '',
          targetName:
            r.targetType && r.targetId ? (names.targets.get(`${r.targetType}:${r.targetId}`) ?? '') : '',
          targetId: r.targetId ?? '',
          ip: r.ip ?? '',
          userAgent: r.userAgent ?? '',
          requestId: r.requestId ?? '',
          details: r.details ? JSON.stringify(r.details) : '',
          id: Number(r.id),
          chain: r.chain ?? '',
          hash: r.hash ?? (r.mac ? '（待封链）' : ''),
        };
        return AUDIT_EXPORT_COLUMNS.map((c) => cells[c.key]);
      });
      lastId = Number(page[page.length - 1]!.id);
    }
  }
  return streamXlsx(
    () => ({
      sheets: [{ name: '审计日志', columns: AUDIT_EXPORT_COLUMNS, rows: rows() }],
      at: ctx.clock.now(),
    }),
    (err) => log.error({ err }, 'audit xlsx export failed part-way'),
  );
}
