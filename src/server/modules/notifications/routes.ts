import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../shared/errors';
import {
  MarkReadResponse,
  NotificationIdParams,
  NotificationListQuery,
  NotificationListResponse,
  ReadAllResponse,
  RunJobsResponse,
  UnreadCountResponse,
  type NotificationView,
} from '../../../shared/schemas/notifications-api';
import type { DbOrTx } from '../../db/client';
import { notifications } from '../../db/schema';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { requireActor } from '../../plugins/session';
import { runDueJobs } from '../../services/jobs';

const TAGS = ['消息中心'];
const errors = { 400: ErrorEnvelopeSchema, 401: ErrorEnvelopeSchema, 404: ErrorEnvelopeSchema };

type Row = typeof notifications.$inferSelect;

function view(r: Row): NotificationView {
  return {
    id: Number(r.id),
    title: r.title,
    body: r.body,
    link: r.link,
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt ? r.readAt.toISOString() : null,
  };
}

async function unreadCount(db: DbOrTx, userId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return r?.n ?? 0;
}

/** The 消息中心: every logged-in user reads and marks only their own messages (another's is NOT_FOUND). */
export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags: TAGS,
        summary: '我的消息（最新在前，按游标分页）',
        querystring: NotificationListQuery,
        response: { 200: NotificationListResponse, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const q = request.query;
      const rows = await ctx.db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, actor.userId),
            q.cursor ? lt(notifications.id, Number(q.cursor)) : undefined,
            q.unread ? isNull(notifications.readAt) : undefined,
          ),
        )
        .orderBy(desc(notifications.id))
        .limit(q.limit + 1);
      const page = rows.slice(0, q.limit);
      const last = page[page.length - 1];
      return {
        items: page.map(view),
        nextCursor: rows.length > q.limit && last ? String(last.id) : null,
        unreadCount: await unreadCount(ctx.db, actor.userId),
      };
    },
  );

  app.get(
    '/api/v1/notifications/unread-count',
    {
      schema: {
        tags: TAGS,
        summary: '未读消息数',
        response: { 200: UnreadCountResponse, 401: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return { count: await unreadCount(ctx.db, actor.userId) };
    },
  );

  app.post(
    '/api/v1/notifications/read-all',
    {
      schema: {
        tags: TAGS,
        summary: '全部标记为已读',
        response: { 200: ReadAllResponse, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const rows = await ctx.db
        .update(notifications)
        .set({ readAt: ctx.clock.now() })
        .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
        .returning({ id: notifications.id });
      return { updated: rows.length, unreadCount: await unreadCount(ctx.db, actor.userId) };
    },
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags: TAGS,
        summary: '标记一条消息为已读（重复标记无副作用）',
        params: NotificationIdParams,
        response: { 200: MarkReadResponse, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const id = Number(request.params.id);
      const mine = and(eq(notifications.id, id), eq(notifications.userId, actor.userId));
      const [updated] = await ctx.db
        .update(notifications)
        .set({ readAt: ctx.clock.now() })
        .where(and(mine, isNull(notifications.readAt)))
        .returning();
      const row = updated ?? (await ctx.db.select().from(notifications).where(mine))[0];
      if (!row) throw AppError.of('MESSAGE_NOT_FOUND');
      return { item: view(row), unreadCount: await unreadCount(ctx.db, actor.userId) };
    },
  );
};

/** Test mode only: run due jobs now (the worker does not poll in test mode), so end-to-end journeys see messages. */
export const notificationTestHookRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/test/jobs/run',
    {
      schema: {
        tags: ['开发调试'],
        summary: '测试模式：立即执行到期的后台任务（仅测试模式存在）',
        response: { 200: RunJobsResponse },
      },
    },
    async () => runDueJobs(app.ctx, { limit: 500, log: app.log }),
  );
};
