/** Typed calls of the standards API (src/shared/schemas/standards-api.ts is the contract). */
import type {
  NewStandardVersion,
  StandardDetail,
  StandardListResponse,
} from '../../shared/schemas/standards-api';
import { apiGet, apiPost } from './client';

export const standardsApi = {
  list: () => apiGet<StandardListResponse>('/api/v1/standards'),
  detail: (id: string) => apiGet<StandardDetail>(`/api/v1/standards/${encodeURIComponent(id)}`),
  newVersion: (id: string, body: NewStandardVersion) =>
    apiPost<StandardDetail>(`/api/v1/standards/${encodeURIComponent(id)}/versions`, body),
};
