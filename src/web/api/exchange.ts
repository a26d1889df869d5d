/** Typed calls of the exchange with the national platform (src/shared/schemas/exchange-api.ts is the contract). */
import type { ImportResponse } from '../../shared/schemas/exchange-api';
import { apiPostForm, buildUrl, toFormData } from './client';

export const exchangeApi = {
  /** The approved filings of a campaign, layout v2 (docs/exchange.md), as CSV or Excel. */
  exportUrl: (campaignId: string, format: 'csv' | 'xlsx') =>
    buildUrl(`/api/v1/exchange/filings.${format}`, { campaignId }),
  /** Imports a recognition list (.xlsx or .csv); every row is checked and the rows not imported are reported. */
  importRecognitions: (file: File) =>
    apiPostForm<ImportResponse>('/api/v1/exchange/recognitions/import', toFormData({}, { file })),
};
