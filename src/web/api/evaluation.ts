/** Typed calls of the 创新型评价 API (src/shared/schemas/evaluation-api.ts is the contract). */
import type {
  CorrectionRequest,
  EvaluationDetail,
  EvaluationListQuery,
  EvaluationListResponse,
  PrepareResponse,
} from '../../shared/schemas/evaluation-api';
import { apiGet, apiPost } from './client';

const e = encodeURIComponent;
type Query = Record<string, string | number | boolean | undefined | null>;

export const evaluationApi = {
  prepare: (campaignId: string) =>
    apiPost<PrepareResponse>(`/api/v1/evaluation/campaigns/${e(campaignId)}/prepare`),
  list: (campaignId: string, q: EvaluationListQuery = {}) =>
    apiGet<EvaluationListResponse>(`/api/v1/evaluation/campaigns/${e(campaignId)}/evaluations`, {
      query: q as Query,
    }),
  detail: (id: string) => apiGet<EvaluationDetail>(`/api/v1/evaluation/evaluations/${e(id)}`),
  correct: (id: string, body: CorrectionRequest) =>
    apiPost<EvaluationDetail>(`/api/v1/evaluation/evaluations/${e(id)}/corrections`, body),
};
