/** Typed calls of the annual cycle API (src/shared/schemas/cycle-api.ts is the contract). */
import type { z } from '../../shared/schemas/zod';
import type {
  AppealRequest,
  ClearanceListResponse,
  ClearanceView,
  ConfirmResponse,
  DecideRequest,
  OutstandingResponse,
  ProposeResponse,
} from '../../shared/schemas/cycle-api';
import { apiGet, apiPost } from './client';

const e = encodeURIComponent;
export type ClearanceStatus = ClearanceView['status'];

export const cycleApi = {
  outstanding: (
    campaignId: string,
    q: { countyCode?: string; priority?: 'true' | 'false'; cursor?: string; limit?: number } = {},
  ) => apiGet<OutstandingResponse>(`/api/v1/cycle/campaigns/${e(campaignId)}/outstanding`, { query: q }),
  propose: (campaignId: string, graceDays?: number) =>
    apiPost<z.infer<typeof ProposeResponse>>(
      `/api/v1/cycle/campaigns/${e(campaignId)}/clearance/propose`,
      graceDays === undefined ? {} : { graceDays },
    ),
  clearances: (campaignId: string, q: { status?: ClearanceStatus; cursor?: string; limit?: number } = {}) =>
    apiGet<z.infer<typeof ClearanceListResponse>>(`/api/v1/cycle/campaigns/${e(campaignId)}/clearances`, {
      query: q,
    }),
  confirm: (campaignId: string, ids: string[]) =>
    apiPost<z.infer<typeof ConfirmResponse>>(`/api/v1/cycle/campaigns/${e(campaignId)}/clearances/confirm`, {
      ids,
    }),
  mine: () => apiGet<z.infer<typeof ClearanceListResponse>>('/api/v1/cycle/clearances/mine'),
  appeal: (id: string, body: z.infer<typeof AppealRequest>) =>
    apiPost<ClearanceView>(`/api/v1/cycle/clearances/${e(id)}/appeal`, body),
  decide: (id: string, body: z.infer<typeof DecideRequest>) =>
    apiPost<ClearanceView>(`/api/v1/cycle/clearances/${e(id)}/decide`, body),
};
