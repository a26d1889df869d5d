/** Typed calls of the 名单 API (src/shared/schemas/lists-api.ts is the contract). */
import type {
  AnnounceRequest,
  CreateListRequest,
  EntryActionRequest,
  ListDetail,
  ListSummary,
  ObjectionLookup,
  ObjectionReceipt,
  ObjectionRequest,
  ObjectionView,
  ProvinceOverview,
  PublicListDetail,
  PublicListSummary,
  PublicUploadResponse,
  PublicityRequest,
  ResolveRequest,
} from '../../shared/schemas/lists-api';
import { apiGet, apiPost, apiPostForm, buildUrl, toFormData } from './client';

const e = encodeURIComponent;

export const listsApi = {
  create: (body: CreateListRequest) => apiPost<ListDetail>('/api/v1/lists', body),
  list: (campaignId?: string) => apiGet<ListSummary[]>('/api/v1/lists', { query: { campaignId } }),
  detail: (id: string) => apiGet<ListDetail>(`/api/v1/lists/${e(id)}`),
  addEntry: (id: string, evaluationId: string) =>
    apiPost<ListDetail>(`/api/v1/lists/${e(id)}/entries`, { evaluationId }),
  entryAction: (id: string, entryId: string, body: EntryActionRequest) =>
    apiPost<ListDetail>(`/api/v1/lists/${e(id)}/entries/${e(entryId)}`, body),
  publish: (id: string, body: PublicityRequest) =>
    apiPost<ListDetail>(`/api/v1/lists/${e(id)}/publish-publicity`, body),
  objections: (id: string) => apiGet<ObjectionView[]>(`/api/v1/lists/${e(id)}/objections`),
  resolve: (id: string, objectionId: string, body: ResolveRequest) =>
    apiPost<ObjectionView>(`/api/v1/lists/${e(id)}/objections/${e(objectionId)}/resolve`, body),
  announce: (id: string, body: AnnounceRequest) =>
    apiPost<ListDetail>(`/api/v1/lists/${e(id)}/announce`, body),

  province: (campaignId: string) =>
    apiGet<ProvinceOverview>('/api/v1/province/lists', { query: { campaignId } }),
  provinceExportUrl: (campaignId: string, kind: 'xlsx' | 'pdf') =>
    buildUrl(`/api/v1/province/lists/export.${kind}`, { campaignId }),

  publicLists: () => apiGet<PublicListSummary[]>('/api/v1/public/lists'),
  publicDetail: (id: string) => apiGet<PublicListDetail>(`/api/v1/public/lists/${e(id)}`),
  uploadObjectionFile: (file: File) =>
    apiPostForm<PublicUploadResponse>('/api/v1/public/objection-files', toFormData({}, { file })),
  submitObjection: (id: string, body: ObjectionRequest) =>
    apiPost<ObjectionReceipt>(`/api/v1/public/lists/${e(id)}/objections`, body),
  objectionStatus: (trackingNo: string, phone: string) =>
    apiGet<ObjectionLookup>(`/api/v1/public/objections/${e(trackingNo)}`, { query: { phone } }),
};
