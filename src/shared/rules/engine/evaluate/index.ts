/**
 * The one evaluator of standards written as data (./types.ts). Exact arithmetic only (src/shared/money.ts:
 * BigInt hundredths and rationals); it also writes the Chinese explanation. Pure: no I/O.
 */
export { TO_BE_CONFIRMED_ZH, thresholdValue, displayThreshold, validThreshold, readFields } from './fields';
export { resolveParams, resolveSheetParams, renderText, thresholdsOf } from './params';
export { indicatorRules } from './explanation';
export { sheetOf, evaluateTable } from './evaluate';
