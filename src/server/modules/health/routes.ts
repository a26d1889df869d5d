import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from '../../../shared/schemas/zod';
import { databaseReady, MIGRATIONS_DIR } from '../../db/client';
import { sendError } from '../../plugins/errors';
import type { AppContext } from '../../types';

const CheckResult = z.object({ ok: z.boolean(), message: z.string() });
const ReadyResponse = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ database: CheckResult, migrations: CheckResult, storage: CheckResult }),
});
type Check = z.infer<typeof CheckResult>;

/** The newest migration this build ships (drizzle's journal: `when` is what __drizzle_migrations.created_at keeps). */
function latestShippedMigration(): { tag: string; when: number } {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  const last = journal.entries.at(-1);
  if (!last) throw new Error('the migrations journal is empty');
  return last;
}

async function checkMigrations(ctx: AppContext, shipped: { tag: string; when: number }): Promise<Check> {
  try {
    const [row] = await ctx.database.query<{ latest: string | null }>(
      'select max(created_at)::text as latest from drizzle.__drizzle_migrations',
    );
    const latest = Number(row?.latest ?? 0);
    return latest >= shipped.when
      ? { ok: true, message: `数据库结构为最新（${shipped.tag}）` }
      : { ok: false, message: `数据库结构落后于本版本：缺少迁移 ${shipped.tag} 及之前未执行的迁移` };
  } catch {
    return { ok: false, message: '无法读取数据库迁移记录' };
  }
}

/** Writes, reads back and deletes a small probe object: the same operations an upload needs. */
async function checkStorage(ctx: AppContext): Promise<Check> {
  const key = `readiness/${crypto.randomUUID()}`;
  const probe = Buffer.from(`ready ${new Date().toISOString()}`);
  try {
    await ctx.storage.put(key, probe);
    const back = await ctx.storage.get(key);
    await ctx.storage.delete(key);
    return back.equals(probe)
      ? { ok: true, message: '文件存储可写' }
      : { ok: false, message: '文件存储读回的内容与写入的不一致' };
  } catch {
    return { ok: false, message: '文件存储不可写' };
  }
}

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const shipped = latestShippedMigration();

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['系统'],
        summary: '存活检查：数据库应答后返回 {"status":"ok"}',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async (request, reply) => {
      if (!(await databaseReady(app.ctx.db))) return sendError(reply, request, 'SERVICE_UNAVAILABLE');
      return { status: 'ok' as const };
    },
  );

  app.get(
    '/api/ready',
    {
      schema: {
        tags: ['系统'],
        summary:
          '就绪检查：数据库可连接、数据库结构为最新、文件存储可写时返回 200，否则 503（负载均衡据此摘除实例）',
        response: { 200: ReadyResponse, 503: ReadyResponse },
      },
    },
    async (_request, reply) => {
      const ctx = app.ctx;
      const database: Check = (await databaseReady(ctx.db))
        ? { ok: true, message: '数据库可连接' }
        : { ok: false, message: '数据库无法连接' };
      const [migrations, storage] = database.ok
        ? await Promise.all([checkMigrations(ctx, shipped), checkStorage(ctx)])
        : [{ ok: false, message: '数据库无法连接，未检查迁移' }, await checkStorage(ctx)];
      const ready = database.ok && migrations.ok && storage.ok;
      return reply
        .code(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not_ready', checks: { database, migrations, storage } });
    },
  );
};
