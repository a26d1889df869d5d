/**
 * The Drizzle schema, one file per area. Everything is re-exported here, so `from '../db/schema'` keeps working;
 * drizzle.config.ts and scripts/check-migrations.mjs read this file. Database conventions and the column helpers
 * are in ./common.ts.
 */
export * from './enterprises';
export * from './accounts';
export * from './audit';
export * from './campaigns';
export * from './filings';
export * from './review';
export * from './recognitions';
export * from './cycle';
export * from './jobs';
export * from './settings';
