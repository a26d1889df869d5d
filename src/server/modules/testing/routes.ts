import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from '../../../shared/schemas/zod';
import { eq } from 'drizzle-orm';
import { enterprises, recognitionLists, users } from '../../db/schema';
import { hashPassword } from '../../services/passwords';

/**
 * Test-mode factories for the end-to-end journeys: data made by factories rather than by clicking
 * (architecture.md). Registered only when config.testHooks is on (APP_MODE=test); absent in development
 * and production, which a test checks.
 */
export const testingRoutes: FastifyPluginAsyncZod = async (app) => {
  if (!app.ctx.config.testHooks) return;

  app.post(
    '/api/v1/test/factory/enterprise-user',
    {
      schema: {
        hide: true,
        body: z.object({
          username: z.string(),
          password: z.string(),
          enterpriseName: z.string(),
          uscc: z.string(),
          mobile: z.string(),
          countyCode: z.string().optional(),
          cityCode: z.string().optional(),
        }),
        response: { 201: z.object({ userId: z.string(), enterpriseId: z.string() }) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const passwordHash = await hashPassword(b.password);
      const out = await app.ctx.db.transaction(async (tx) => {
        const [e] = await tx
          .insert(enterprises)
          .values({
            name: b.enterpriseName,
            uscc: b.uscc,
            contactName: '测试联系人',
            contactMobile: b.mobile,
            countyCode: b.countyCode ?? null,
            cityCode: b.cityCode ?? null,
          })
          .returning({ id: enterprises.id });
        const [u] = await tx
          .insert(users)
          .values({
            username: b.username,
            passwordHash,
            role: 'enterprise',
            enterpriseId: e!.id,
            displayName: b.enterpriseName,
            mobile: b.mobile,
          })
          .returning({ id: users.id });
        return { userId: u!.id, enterpriseId: e!.id };
      });
      return reply.status(201).send(out);
    },
  );

  /**
   * Moves a list's publicity window into the past (it ended yesterday; an announcement is dated after the day the
   * publicity ends), so a journey can announce without waiting days.
   */
  app.post(
    '/api/v1/test/lists/:id/end-publicity',
    {
      schema: {
        hide: true,
        params: z.object({ id: z.string().uuid() }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      const now = app.ctx.clock.now().getTime();
      const updated = await app.ctx.db
        .update(recognitionLists)
        .set({ publicityStart: new Date(now - 7 * 86_400_000), publicityEnd: new Date(now - 86_400_000) })
        .where(eq(recognitionLists.id, request.params.id))
        .returning({ id: recognitionLists.id });
      if (updated.length === 0) return reply.callNotFound();
      return { ok: true as const };
    },
  );
};
