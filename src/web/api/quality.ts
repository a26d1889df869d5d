/** Typed calls of the 质量评价得分 API (src/shared/schemas/quality-api.ts is the contract). */
import type {
  QualityImportResponse,
  QualityScoreListResponse,
  QualityScoreView,
  SaveQualityScoreRequest,
} from '../../shared/schemas/quality-api';
import { apiGet, apiPostForm, apiPut, buildUrl, toFormData } from './client';

export const qualityApi = {
  list: (year?: number) => apiGet<QualityScoreListResponse>(buildUrl('/api/v1/quality-scores', { year })),
  save: (body: SaveQualityScoreRequest) => apiPut<QualityScoreView>('/api/v1/quality-scores', body),
  importFile: (file: File) =>
    apiPostForm<QualityImportResponse>('/api/v1/exchange/quality-scores/import', toFormData({}, { file })),
};
