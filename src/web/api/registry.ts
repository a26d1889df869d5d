/** Typed calls of the public registry and the enterprise record (src/shared/schemas/registry-api.ts). */
import type { EnterpriseRecord, RegistryResponse } from '../../shared/schemas/registry-api';
import { apiGet } from './client';

export const registryApi = {
  search: (q: string) => apiGet<RegistryResponse>('/api/v1/public/registry', { query: { q } }),
  myRecord: () => apiGet<EnterpriseRecord>('/api/v1/enterprise/record'),
  enterpriseRecord: (enterpriseId: string) =>
    apiGet<EnterpriseRecord>(`/api/v1/review/enterprises/${encodeURIComponent(enterpriseId)}/record`),
};
