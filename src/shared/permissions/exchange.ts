/**
 * Subject: 数据交换 (exports to and imports from the national platform). Approved filings are exported by the
 * province (all) and a city (its own, by the filing's city); quality scores are imported by either; recognitions
 * by the province.
 */
import type { Actor } from './index';
import { decide, type Rule } from './rule';
import { matches, regionScope, type Scope } from './scope';

export interface ExportRecord {
  cityCode: string | null;
}

const EXPORTERS = ['city_reviewer', 'province'] as const;

export const EXPORT_POLICY = {
  'export.filings': { roles: EXPORTERS, when: (a: Actor, r: ExportRecord) => matches(scope(a), r) },
  'export.import_quality': { roles: ['city_reviewer', 'province'] },
  'export.import_recognitions': { roles: ['province'] },
} as const satisfies Record<string, Rule<ExportRecord>>;

export type ExportAction = keyof typeof EXPORT_POLICY;

/** The filings the actor may export: the SQL twin of 'export.filings'. */
export function scope(actor: Actor | null): Scope {
  return regionScope(actor, EXPORTERS, ['cityCode']);
}

export function can(actor: Actor | null, action: ExportAction, record: ExportRecord): boolean {
  return decide<ExportRecord>(EXPORT_POLICY[action], actor, record);
}
