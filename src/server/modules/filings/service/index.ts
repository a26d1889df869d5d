export { ruleCtx, getScopedFiling, requireEditWindow } from './common';
export {
  OWN_FILINGS_ENTERPRISE_ONLY,
  listOwnFilings,
  type Snapshot,
  snapshotOf,
  techSmeParams,
  buildDetail,
  filingHistoryItems,
} from './detail';
export { startFiling } from './start';
export { saveSection } from './sections';
export {
  newVerificationCode,
  canonicalJson,
  snapshotDigest,
  type SubmitInput,
  submitFiling,
  withdrawFiling,
} from './submit';
export { editableSections, returnInfoOf } from '../editable';
