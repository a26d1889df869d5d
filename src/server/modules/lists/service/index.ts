/**
 * The city's 创新型中小企业 list: draft → publicity (公示) → announced (公告). See lists-api.ts for the contract.
 * Jurisdiction: a city reviewer manages its own city's lists; the province reads every list; anything else is
 * NOT_FOUND. All times come from the injected clock; calendar days are Asia/Shanghai.
 */
export {
  type ListRow,
  type EntryRow,
  type ObjectionRow,
  LIST_NOT_FOUND,
  NOTIFY_RECOGNITION_JOB,
  RECOGNITION_TITLE_INNOVATIVE,
  NOTIFY_LIST_OUTCOME_JOB,
  cityName,
  defaultTitle,
  defaultIssuer,
  loadList,
} from './common';
export { countsOf, summaryOf, listDetail, listLists } from './read';
export { createList, addEntry, entryAction } from './draft';
export { publishPublicity, announceList } from './publicity';
export { newTrackingNo, trackingNo, objectionViews, resolveObjection } from './objections';
