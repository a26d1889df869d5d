/** The audited reveal of a whole number (src/shared/schemas/pii-api.ts, ADR 0025). */
import type { PiiRevealRequest, PiiRevealResponse } from '../../shared/schemas/pii-api';
import { apiPost } from './client';

export const piiApi = {
  reveal: (body: PiiRevealRequest) => apiPost<PiiRevealResponse>('/api/v1/pii/reveal', body),
};
