/** Typed calls of the statistics API (src/shared/schemas/statistics-api.ts is the contract). */
import type { SummaryResponse, TrendResponse } from '../../shared/schemas/statistics-api';
import { apiGet, buildUrl } from './client';

export const statisticsApi = {
  summary: (year: number, regionCode?: string) =>
    apiGet<SummaryResponse>('/api/v1/statistics/summary', { query: { year, regionCode } }),
  trend: (regionCode?: string) =>
    apiGet<TrendResponse>('/api/v1/statistics/trend', { query: { regionCode } }),
  exportUrl: (year: number, regionCode?: string) =>
    buildUrl('/api/v1/statistics/export.xlsx', { year, regionCode }),
};
