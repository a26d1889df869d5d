/** Typed calls of administration (src/shared/schemas/admin-api.ts is the contract). */
import type {
  AuditListResponse,
  AuditQuery,
  CreateGovUserRequest,
  DisableUserRequest,
  GovUserListQuery,
  GovUserListResponse,
  GovUserView,
  ResetUserPasswordRequest,
  ReviewUnitsResponse,
} from '../../shared/schemas/admin-api';
import { apiGet, apiPost } from './client';

type Query = Record<string, string | number | boolean | undefined | null>;

export const adminApi = {
  users: (q: GovUserListQuery) => apiGet<GovUserListResponse>('/api/v1/admin/users', { query: q as Query }),
  createUser: (body: CreateGovUserRequest) => apiPost<GovUserView>('/api/v1/admin/users', body),
  disable: (id: string, body: DisableUserRequest) =>
    apiPost<GovUserView>(`/api/v1/admin/users/${id}/disable`, body),
  enable: (id: string) => apiPost<GovUserView>(`/api/v1/admin/users/${id}/enable`),
  resetPassword: (id: string, body: ResetUserPasswordRequest) =>
    apiPost<GovUserView>(`/api/v1/admin/users/${id}/reset-password`, body),
  audit: (q: AuditQuery) =>
    apiGet<AuditListResponse>('/api/v1/admin/audit', {
      query: { ...q, success: q.success === undefined ? undefined : String(q.success) } as Query,
    }),
  reviewUnits: () => apiGet<ReviewUnitsResponse>('/api/v1/admin/review-units'),
};
