/** Typed calls of the review API (src/shared/schemas/review-api.ts is the contract). */
import type {
  ActionRequest,
  ActionResponse,
  BatchRequest,
  BatchResponse,
  CountsResponse,
  QueueQueryInput,
  QueueResponse,
  RegionCorrectionRequest,
  RegionCorrectionResponse,
  ReviewDetail,
  TransferredOutDetail,
  TransferredOutResponse,
} from '../../shared/schemas/review-api';
import { apiGet, apiPost, buildUrl } from './client';

type Query = Record<string, string | number | boolean | undefined | null>;

const listeners = new Set<() => void>();

export const reviewApi = {
  queue: (q: QueueQueryInput, signal?: AbortSignal) =>
    apiGet<QueueResponse>('/api/v1/review/queue', { query: q as Query, signal }),
  counts: () => apiGet<CountsResponse>('/api/v1/review/counts'),
  /** The export URL for the same filters (cursor and limit are left out). */
  exportUrl: (q: QueueQueryInput) => {
    const { cursor: _c, limit: _l, ...rest } = q;
    return buildUrl('/api/v1/review/export.xlsx', rest as Query);
  },
  detail: (id: string) => apiGet<ReviewDetail>(`/api/v1/review/filings/${encodeURIComponent(id)}`),
  act: (id: string, body: ActionRequest) =>
    apiPost<ActionResponse>(`/api/v1/review/filings/${encodeURIComponent(id)}/actions`, body),
  transferredOut: () => apiGet<TransferredOutResponse>('/api/v1/review/transferred-out'),
  transferredOutDetail: (id: string) =>
    apiGet<TransferredOutDetail>(`/api/v1/review/transferred-out/${encodeURIComponent(id)}`),
  batch: (body: BatchRequest) => apiPost<BatchResponse>('/api/v1/review/batch', body),
  correctRegion: (enterpriseId: string, body: RegionCorrectionRequest) =>
    apiPost<RegionCorrectionResponse>(
      `/api/v1/review/enterprises/${encodeURIComponent(enterpriseId)}/region`,
      body,
    ),
  /** Tells the menu badges that the queue changed (after an action). */
  changed: () => listeners.forEach((l) => l()),
  onChanged: (l: () => void) => {
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  },
};
