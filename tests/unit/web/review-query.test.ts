import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  columnSortOrder,
  DEFAULT_FILTERS,
  filtersFromSearch,
  filtersToSearch,
  nextPageSearch,
  pageFromSearch,
  pageNumber,
  prevPageSearch,
  sameFilters,
  sortFromColumn,
  toQueueQuery,
  type QueueFilters,
} from '../../../src/web/pages/gov/reviews/queueQuery';
import {
  QUEUE_SCOPES,
  QUEUE_SORT_LABELS,
  QUEUE_SORTS,
  QueueQuery,
  SME_SIZE_LABELS,
  SME_SIZES,
} from '../../../src/shared/schemas/review-api';
import {
  FILING_KIND_LABELS,
  FILING_KINDS,
  FILING_STATUS_LABELS,
  FILING_STATUSES,
  SECTION_KEYS,
  SECTION_LABELS,
} from '../../../src/shared/schemas/filing-api';
import {
  KIND_LABELS,
  KINDS,
  SCOPES,
  SIZE_LABELS,
  SIZES,
  SORT_LABELS,
  SORTS,
  STATUS_LABELS,
  STATUSES,
  SECTIONS,
  SECTION_NAMES,
} from '../../../src/web/pages/gov/reviews/labels';

describe('review queue filters ↔ query string', () => {
  it('round-trips every filter', () => {
    const f: QueueFilters = {
      scope: 'all',
      kind: 'update',
      status: 'city_review',
      countyCode: '320583',
      industry: 'C34',
      smeSize: 'small',
      scoreMin: 60,
      scoreMax: 90,
      directMet: 'true',
      submittedFrom: '2023-03-01',
      submittedTo: '2023-03-24',
      q: '精工',
      campaign: '2023',
      sort: 'score_desc',
    };
    const qs = filtersToSearch(f).toString();
    expect(filtersFromSearch(qs)).toEqual(f);
    // The result is always a valid API query.
    expect(QueueQuery.safeParse(toQueueQuery(f, { prev: [] })).success).toBe(true);
  });

  it('leaves defaults and empty values out of the URL', () => {
    expect(filtersToSearch(DEFAULT_FILTERS).toString()).toBe('');
    expect(filtersToSearch({ ...DEFAULT_FILTERS, q: '' }).toString()).toBe('');
    expect(filtersToSearch({ ...DEFAULT_FILTERS, kind: 'entry' }).toString()).toBe('kind=entry');
  });

  it('drops values the server would refuse instead of failing the page', () => {
    const f = filtersFromSearch(
      '?scope=everything&kind=x&status=draft&countyCode=110101&industry=34C&smeSize=huge&scoreMin=-1&scoreMax=101&directMet=yes&submittedFrom=2023-3-1&sort=name&campaign=23',
    );
    expect(f).toEqual(DEFAULT_FILTERS);
    expect(QueueQuery.safeParse(toQueueQuery(f, { prev: [] })).success).toBe(true);
  });

  it('keeps the 批次 (a year or all) and leaves it out when absent (the server default)', () => {
    expect(filtersFromSearch('scope=all&campaign=all').campaign).toBe('all');
    expect(filtersFromSearch('scope=all&campaign=2024').campaign).toBe('2024');
    expect(filtersToSearch({ scope: 'all', sort: 'submitted_asc', campaign: '2024' }).toString()).toBe(
      'scope=all&campaign=2024',
    );
    expect(filtersFromSearch('scope=all').campaign).toBeUndefined();
  });

  it('normalises the industry prefix to upper case and trims the search', () => {
    const f = filtersFromSearch('industry=c3421&q=%20%E6%98%86%E5%B1%B1%20');
    expect(f.industry).toBe('C3421');
    expect(f.q).toBe('昆山');
  });

  it('compares filter sets and counts the active ones', () => {
    expect(sameFilters({ ...DEFAULT_FILTERS, kind: 'entry' }, filtersFromSearch('kind=entry'))).toBe(true);
    expect(sameFilters(DEFAULT_FILTERS, { ...DEFAULT_FILTERS, sort: 'score_desc' })).toBe(false);
    expect(activeFilterCount({ scope: 'all', sort: 'score_desc', kind: 'entry', scoreMin: 0 })).toBe(2);
  });
});

describe('review queue keyset paging', () => {
  const f: QueueFilters = { ...DEFAULT_FILTERS, kind: 'entry' };

  it('starts on the first page without a cursor', () => {
    const page = pageFromSearch('kind=entry');
    expect(page).toEqual({ prev: [] });
    expect(pageNumber(page)).toBe(1);
    expect(prevPageSearch(f, page)).toBeNull();
    expect(toQueueQuery(f, page).cursor).toBeUndefined();
  });

  it('pushes the cursors forward and pops them back', () => {
    const p1 = pageFromSearch('kind=entry');
    const s2 = nextPageSearch(f, p1, 'c2');
    const p2 = pageFromSearch(s2);
    expect(p2).toEqual({ cursor: 'c2', prev: [''] });
    expect(pageNumber(p2)).toBe(2);
    expect(filtersFromSearch(s2)).toEqual(f);

    const p3 = pageFromSearch(nextPageSearch(f, p2, 'c3'));
    expect(p3).toEqual({ cursor: 'c3', prev: ['', 'c2'] });
    expect(pageNumber(p3)).toBe(3);
    expect(toQueueQuery(f, p3, 20)).toMatchObject({ cursor: 'c3', limit: 20, kind: 'entry' });

    const back2 = pageFromSearch(prevPageSearch(f, p3)!);
    expect(back2).toEqual({ cursor: 'c2', prev: [''] });
    const back1 = prevPageSearch(f, back2)!;
    expect(back1.get('cursor')).toBeNull();
    expect(pageFromSearch(back1)).toEqual({ prev: [] });
  });

  it('ignores malformed cursors and survives a missing stack', () => {
    expect(pageFromSearch('cursor=%3Cscript%3E')).toEqual({ prev: [] });
    expect(pageFromSearch('cursor=abc')).toEqual({ cursor: 'abc', prev: [''] });
    expect(pageFromSearch('cursor=abc&prev=,x!y,ok')).toEqual({ cursor: 'abc', prev: ['', 'ok'] });
  });

  it('changing a filter drops the cursor (a cursor belongs to its filters and sort)', () => {
    const next = filtersToSearch({ ...f, sort: 'score_desc' });
    expect(next.get('cursor')).toBeNull();
  });
});

describe('review queue column sorting', () => {
  it('maps the queue sort to the column state and back', () => {
    expect(columnSortOrder('submitted_asc', 'submittedAt')).toBe('ascend');
    expect(columnSortOrder('submitted_desc', 'submittedAt')).toBe('descend');
    expect(columnSortOrder('score_desc', 'submittedAt')).toBeNull();
    expect(columnSortOrder('score_desc', 'scoreTotal')).toBe('descend');
    expect(sortFromColumn('scoreTotal', 'descend')).toBe('score_desc');
    expect(sortFromColumn('submittedAt', 'descend')).toBe('submitted_desc');
    expect(sortFromColumn('submittedAt', 'ascend')).toBe('submitted_asc');
    expect(sortFromColumn(undefined, null)).toBe('submitted_asc');
  });
});

describe('review queue labels (kept local so the page does not load Zod)', () => {
  it('equal the shared contract lists and labels', () => {
    expect([...KINDS]).toEqual([...FILING_KINDS]);
    expect([...STATUSES]).toEqual([...FILING_STATUSES]);
    expect([...SORTS]).toEqual([...QUEUE_SORTS]);
    expect([...SCOPES]).toEqual([...QUEUE_SCOPES]);
    expect([...SIZES]).toEqual([...SME_SIZES]);
    expect(KIND_LABELS).toEqual(FILING_KIND_LABELS);
    expect(STATUS_LABELS).toEqual(FILING_STATUS_LABELS);
    expect(SORT_LABELS).toEqual(QUEUE_SORT_LABELS);
    expect(SIZE_LABELS).toEqual(SME_SIZE_LABELS);
    expect([...SECTIONS]).toEqual([...SECTION_KEYS]);
    expect(SECTION_NAMES).toEqual(SECTION_LABELS);
  });
});
