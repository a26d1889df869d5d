/** Typed calls of administration (src/shared/schemas/admin-api.ts is the contract). */
import type {
  AuditExportQuery,
  AuditListResponse,
  AuditQuery,
  CreateGovUserRequest,
  DisableUserRequest,
  GovUserListQuery,
  GovUserListResponse,
  GovUserView,
  ResetUserPasswordRequest,
  ReviewUnitsResponse,
  SecurityPolicy,
  SecurityPolicyUpdate,
} from '../../shared/schemas/admin-api';
import type {
  SmsMessageListQuery,
  SmsMessageListResponse,
  SmsTestRequest,
  SmsTestResponse,
} from '../../shared/schemas/sms-api';
import { apiGet, apiPost, apiPut, buildUrl } from './client';

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
  /** The Excel of a period (the audit administrator's; the server audits the export). */
  auditExportUrl: (q: AuditExportQuery) =>
    buildUrl('/api/v1/admin/audit/export.xlsx', {
      ...q,
      success: q.success === undefined ? undefined : String(q.success),
    } as Query),
  unlock: (id: string) => apiPost<GovUserView>(`/api/v1/security/users/${id}/unlock`),
  endSessions: (id: string) => apiPost<GovUserView>(`/api/v1/security/users/${id}/end-sessions`),
  resetSecondFactor: (id: string) => apiPost<GovUserView>(`/api/v1/security/users/${id}/reset-second-factor`),
  securityPolicy: () => apiGet<SecurityPolicy>('/api/v1/security/policy'),
  saveSecurityPolicy: (body: SecurityPolicyUpdate) => apiPut<SecurityPolicy>('/api/v1/security/policy', body),
  reviewUnits: () => apiGet<ReviewUnitsResponse>('/api/v1/admin/review-units'),
  smsMessages: (q: SmsMessageListQuery) =>
    apiGet<SmsMessageListResponse>('/api/v1/admin/sms', { query: q as Query }),
  smsTest: (body: SmsTestRequest) => apiPost<SmsTestResponse>('/api/v1/admin/sms/test', body),
};
