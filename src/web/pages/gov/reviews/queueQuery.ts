/**
 * The review queue's filters ↔ the page's query string, and keyset paging with a cursor stack. Pure (no React,
 * no antd) so it is unit-tested in Node. The URL is the single source of truth: a reload, a shared link or the
 * browser's back button brings back the same filters, sort and page.
 *
 *   ?scope=all&kind=entry&countyCode=320583&scoreMin=60&sort=score_desc&cursor=<c3>&prev=<c1>,<c2>
 *
 * `cursor` is the current page's cursor (absent on the first page); `prev` the cursors of the pages before it
 * (the first page's is the empty string, written as a leading comma), so 上一页 needs no server support.
 */
import type { FilingKind, FilingStatus } from '../../../../shared/schemas/filing-api';
import type { QueueQueryInput, QueueSort } from '../../../../shared/schemas/review-api';
import {
  KINDS as FILING_KINDS,
  SCOPES as QUEUE_SCOPES,
  SIZES as SME_SIZES,
  SORTS as QUEUE_SORTS,
  STATUSES as FILING_STATUSES,
  type SmeSize,
} from './labels';

export type QueueScope = (typeof QUEUE_SCOPES)[number];
export type { SmeSize };

export interface QueueFilters {
  scope: QueueScope;
  kind?: FilingKind;
  status?: FilingStatus;
  countyCode?: string;
  industry?: string;
  smeSize?: SmeSize;
  scoreMin?: number;
  scoreMax?: number;
  directMet?: 'true' | 'false';
  submittedFrom?: string;
  submittedTo?: string;
  q?: string;
  /** 批次: a campaign year or "all"; absent = the server's default (the current campaign in 本辖区全部). */
  campaign?: string;
  sort: QueueSort;
}

export const DEFAULT_FILTERS: QueueFilters = { scope: 'mine', sort: 'submitted_asc' };

/** The filter keys in URL order (stable, so equal filters give equal query strings). */
export const FILTER_KEYS = [
  'scope',
  'kind',
  'status',
  'countyCode',
  'industry',
  'smeSize',
  'scoreMin',
  'scoreMax',
  'directMet',
  'submittedFrom',
  'submittedTo',
  'q',
  'campaign',
  'sort',
] as const satisfies readonly (keyof QueueFilters)[];

const YMD = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined;
}

function score(v: string | null): number | undefined {
  if (v === null || !/^\d{1,3}$/.test(v)) return undefined;
  const n = Number(v);
  return n >= 0 && n <= 100 ? n : undefined;
}

/**
 * Reads the filters from a query string. Values the server would refuse are dropped (a hand-edited or stale
 * link shows the unfiltered queue rather than an error), so the result is always a valid QueueQuery.
 */
export function filtersFromSearch(search: URLSearchParams | string): QueueFilters {
  const p = typeof search === 'string' ? new URLSearchParams(search) : search;
  const f: QueueFilters = {
    scope: oneOf(QUEUE_SCOPES, p.get('scope')) ?? DEFAULT_FILTERS.scope,
    sort: oneOf(QUEUE_SORTS, p.get('sort')) ?? DEFAULT_FILTERS.sort,
  };
  const kind = oneOf(FILING_KINDS, p.get('kind'));
  if (kind) f.kind = kind;
  const status = oneOf(FILING_STATUSES, p.get('status'));
  if (status && status !== 'draft') f.status = status;
  const county = p.get('countyCode');
  if (county && /^32\d{4}$/.test(county)) f.countyCode = county;
  const industry = p.get('industry')?.trim();
  if (industry && /^[A-Za-z]\d{0,4}$/.test(industry)) f.industry = industry.toUpperCase();
  const size = oneOf(SME_SIZES, p.get('smeSize'));
  if (size) f.smeSize = size;
  const min = score(p.get('scoreMin'));
  const max = score(p.get('scoreMax'));
  if (min !== undefined) f.scoreMin = min;
  if (max !== undefined) f.scoreMax = max;
  const direct = oneOf(['true', 'false'] as const, p.get('directMet'));
  if (direct) f.directMet = direct;
  const from = p.get('submittedFrom');
  const to = p.get('submittedTo');
  if (from && YMD.test(from)) f.submittedFrom = from;
  if (to && YMD.test(to)) f.submittedTo = to;
  const q = p.get('q')?.trim();
  if (q) f.q = q.slice(0, 60);
  const campaign = p.get('campaign');
  if (campaign && /^(all|\d{4})$/.test(campaign)) f.campaign = campaign;
  return f;
}

/** Writes the filters as a query string, leaving out defaults and empty values. */
export function filtersToSearch(f: QueueFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = f[key];
    if (v === undefined || v === null || v === '') continue;
    if ((key === 'scope' || key === 'sort') && v === DEFAULT_FILTERS[key]) continue;
    p.set(key, String(v));
  }
  return p;
}

/** Whether two filter sets select the same rows in the same order. */
export function sameFilters(a: QueueFilters, b: QueueFilters): boolean {
  return filtersToSearch(a).toString() === filtersToSearch(b).toString();
}

/** How many filters besides scope and sort are set (the 筛选 badge). */
export function activeFilterCount(f: QueueFilters): number {
  return FILTER_KEYS.filter((k) => k !== 'scope' && k !== 'sort' && f[k] !== undefined).length;
}

// ------------------------------------------------------------------ paging

export interface PageState {
  /** The current page's cursor; undefined on the first page. */
  cursor?: string;
  /** Cursors of the previous pages, oldest first ('' = the first page). */
  prev: string[];
}

const CURSOR = /^[A-Za-z0-9_-]{1,400}$/;

export function pageFromSearch(search: URLSearchParams | string): PageState {
  const p = typeof search === 'string' ? new URLSearchParams(search) : search;
  const cursor = p.get('cursor') ?? undefined;
  if (!cursor || !CURSOR.test(cursor)) return { prev: [] };
  const raw = p.get('prev');
  const prev = raw === null ? [''] : raw.split(',').filter((c, i) => (i === 0 && c === '') || CURSOR.test(c));
  if (prev[0] !== '') prev.unshift('');
  return { cursor, prev };
}

/** The page number (1-based) for display only ("第 3 页"). */
export function pageNumber(page: PageState): number {
  return page.cursor ? page.prev.length + 1 : 1;
}

/** The query string of the next page: the current cursor goes onto the stack. */
export function nextPageSearch(f: QueueFilters, page: PageState, nextCursor: string): URLSearchParams {
  const p = filtersToSearch(f);
  const prev = page.cursor ? [...page.prev, page.cursor] : [''];
  p.set('cursor', nextCursor);
  p.set('prev', prev.join(','));
  return p;
}

/** The query string of the previous page, or null on the first page. */
export function prevPageSearch(f: QueueFilters, page: PageState): URLSearchParams | null {
  if (!page.cursor) return null;
  const p = filtersToSearch(f);
  const prev = [...page.prev];
  const back = prev.pop();
  if (back) {
    p.set('cursor', back);
    if (prev.length > 0) p.set('prev', prev.join(','));
  }
  return p;
}

/** The API query of a page of the queue. */
export function toQueueQuery(f: QueueFilters, page: PageState, limit = 20): QueueQueryInput {
  const q: QueueQueryInput = { ...f, limit };
  if (page.cursor) q.cursor = page.cursor;
  return q;
}

// ------------------------------------------------------------------ sorting by column

export type SortColumn = 'submittedAt' | 'scoreTotal';
export type SortOrder = 'ascend' | 'descend' | null;

/** The antd column sort state for a queue sort. */
export function columnSortOrder(sort: QueueSort, column: SortColumn): SortOrder {
  if (column === 'submittedAt') {
    return sort === 'submitted_asc' ? 'ascend' : sort === 'submitted_desc' ? 'descend' : null;
  }
  return sort === 'score_desc' ? 'descend' : null;
}

/** The queue sort for a column click (the score sorts high → low only; no sort = the default). */
export function sortFromColumn(column: SortColumn | undefined, order: SortOrder): QueueSort {
  if (column === 'scoreTotal' && order) return 'score_desc';
  if (column === 'submittedAt' && order === 'descend') return 'submitted_desc';
  return 'submitted_asc';
}
