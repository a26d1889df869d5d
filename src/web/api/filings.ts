/** Typed calls of the filing API (src/shared/schemas/filing-api.ts is the contract). */
import type {
  AttachmentView,
  CurrentCampaignResponse,
  FilingDetail,
  FilingKind,
  FilingListResponse,
  HistoryResponse,
  SaveSectionRequest,
  SectionKey,
  SectionState,
  SubmitRequest,
  VerifyResponse,
} from '../../shared/schemas/filing-api';
import { apiDelete, apiGet, apiPost, apiPut, currentCsrfToken } from './client';

const base = (id: string) => `/api/v1/filings/${encodeURIComponent(id)}`;

export const filingsApi = {
  currentCampaign: () => apiGet<CurrentCampaignResponse>('/api/v1/campaigns/current'),
  list: () => apiGet<FilingListResponse>('/api/v1/filings'),
  start: (kind: FilingKind) => apiPost<FilingDetail>('/api/v1/filings', { kind }),
  get: (id: string) => apiGet<FilingDetail>(base(id)),
  saveSection: (id: string, section: SectionKey, body: SaveSectionRequest) =>
    apiPut<SectionState>(`${base(id)}/sections/${section}`, body),
  /** The 营业执照 uploaded at registration, as the filing's 营业执照 attachment. */
  attachRegistrationLicence: (id: string) =>
    apiPost<AttachmentView>(`${base(id)}/attachments/registration-licence`, undefined),
  deleteAttachment: (id: string, attachmentId: string) =>
    apiDelete<void>(`${base(id)}/attachments/${encodeURIComponent(attachmentId)}`),
  submit: (id: string, body: SubmitRequest) => apiPost<FilingDetail>(`${base(id)}/submit`, body),
  withdraw: (id: string, reason?: string) =>
    apiPost<FilingDetail>(`${base(id)}/withdraw`, reason ? { reason } : {}),
  history: (id: string) => apiGet<HistoryResponse>(`${base(id)}/history`),
  verify: (code: string) =>
    apiGet<VerifyResponse>(`/api/v1/public/verify/${encodeURIComponent(code)}`, { skipAuthRedirect: true }),
};

/** The 申报书 of a filing (inline in the browser, or as a download). */
export function documentUrl(id: string, download = false): string {
  return `${base(id)}/document.pdf${download ? '?download=1' : ''}`;
}

/** The 自评表 (printable before submission; the submitted one after). */
export function selfAssessmentUrl(id: string, download = false): string {
  return `${base(id)}/self-assessment.pdf${download ? '?download=1' : ''}`;
}

/**
 * Fetches a generated PDF and hands it to the browser as a download; a refusal (e.g. sections still incomplete)
 * is thrown as an Error with the server's Chinese message instead of opening a page of JSON.
 */
export async function downloadPdf(url: string, fileName: string): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? '文件生成失败，请稍后重试。');
  }
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** A stored file (attachment preview or download). */
export function fileUrl(fileId: string, download = false): string {
  return `/api/v1/files/${encodeURIComponent(fileId)}${download ? '?download=1' : ''}`;
}

/**
 * Saves a section with `fetch(..., { keepalive: true })`, for page hide / tab close: the browser finishes the
 * request even when the page is gone. Nobody reads the answer; the localStorage draft stays until a later page
 * load sees that the server has the data.
 */
export function saveSectionKeepalive(id: string, section: SectionKey, body: SaveSectionRequest): void {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  const token = currentCsrfToken();
  if (token) headers['x-csrf-token'] = token;
  try {
    void fetch(`${base(id)}/sections/${section}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify(body),
      credentials: 'same-origin',
      keepalive: true,
    }).catch(() => undefined);
  } catch {
    // keepalive quota exceeded or fetch unavailable: the localStorage draft still has the input.
  }
}
