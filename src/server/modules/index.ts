import type { FastifyInstance } from 'fastify';
import { healthRoutes } from './health/routes';

/** Every feature module registers its routes here. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
}
