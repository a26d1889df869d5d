/** Typed call of 我的梯度 (src/shared/schemas/ladder-api.ts is the contract). */
import type { LadderView } from '../../shared/schemas/ladder-api';
import { apiGet } from './client';

export const ladderApi = {
  mine: () => apiGet<LadderView>('/api/v1/ladder'),
};
