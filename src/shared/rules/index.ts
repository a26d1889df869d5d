/**
 * Public API of the policy rules engine (pure; runs in the browser and on the server).
 * See docs/domain/scoring.md for the clauses, sources and conventions.
 */
export * from '../money';
export * from './bands';
export * from './growth';
export * from './input';
export * from './ip';
export * from './uscc';
export * from './industry-catalogue';
export * from './sme-size-2011.data';
export * from './sme-size-2011';
export * from './innovative-sme-2022';
export * from './specialized-sme-2022';
export * from './little-giant-2022';
export * from './standards';
export * from './cases';
