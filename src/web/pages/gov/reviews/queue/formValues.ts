/** The queue's filter form values and their mapping to and from the URL's filters. Pure. */
import type { GovRole } from '../../../../../shared/permissions';
import type { QueueCampaign } from '../../../../../shared/schemas/review-api';
import { filtersFromSearch, type QueueFilters } from '../queueQuery';

/** The statuses a submitted filing can have (the 全部 view's status filter). */
export const VIEW_STATUSES = [
  'county_review',
  'city_review',
  'approved',
  'returned',
  'refused',
  'withdrawn',
] as const;

/** The batch action of a role (county and city reviewers only). */
export function batchActionOf(role: GovRole): 'county_approve' | 'city_approve' | null {
  if (role === 'county_reviewer') return 'county_approve';
  if (role === 'city_reviewer') return 'city_approve';
  return null;
}

export interface FormValues {
  kind?: string;
  status?: string;
  countyCode?: string;
  industry?: string;
  smeSize?: string;
  // Plain number inputs (not antd InputNumber, which weighs ~7 KB gzip on this first-load route) give strings;
  // filtersFromSearch validates them like any query string.
  scoreMin?: number | string | null;
  scoreMax?: number | string | null;
  directMet?: 'true' | 'false';
  submittedFrom?: string;
  submittedTo?: string;
  q?: string;
  campaign?: string;
}

/** The 批次 the server shows when none is chosen: the current campaign in 本辖区全部, every campaign otherwise. */
export function defaultCampaign(scope: QueueFilters['scope'], campaigns: QueueCampaign[]): string {
  const current = campaigns.find((c) => c.current);
  return scope === 'all' && current ? String(current.year) : 'all';
}

export function toFormValues(f: QueueFilters): FormValues {
  return {
    kind: f.kind,
    status: f.status,
    countyCode: f.countyCode,
    industry: f.industry,
    smeSize: f.smeSize,
    scoreMin: f.scoreMin,
    scoreMax: f.scoreMax,
    directMet: f.directMet,
    submittedFrom: f.submittedFrom,
    submittedTo: f.submittedTo,
    q: f.q,
    campaign: f.campaign,
  };
}

export function fromFormValues(v: FormValues, base: QueueFilters, campaignDefault: string): QueueFilters {
  const search = new URLSearchParams();
  search.set('scope', base.scope);
  search.set('sort', base.sort);
  const put = (k: string, val: unknown) => {
    if (val !== undefined && val !== null && val !== '') search.set(k, String(val));
  };
  put('kind', v.kind);
  put('status', v.status);
  put('countyCode', v.countyCode);
  put('industry', v.industry?.trim());
  put('smeSize', v.smeSize);
  put('scoreMin', v.scoreMin);
  put('scoreMax', v.scoreMax);
  put('directMet', v.directMet);
  put('submittedFrom', v.submittedFrom);
  put('submittedTo', v.submittedTo);
  put('q', v.q?.trim());
  // The default 批次 stays out of the URL, so the link keeps following the current campaign.
  if (v.campaign !== campaignDefault) put('campaign', v.campaign);
  return filtersFromSearch(search);
}
