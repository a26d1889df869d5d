/**
 * The shape of a field definition of the filing form (the data itself is in fields.ts and, for 科技型中小企业评价,
 * tech-sme.ts). A leaf module, so that both can name the type without importing each other.
 */
import type { Option } from './options';

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'amount'
  | 'count'
  | 'percent'
  | 'date'
  | 'year'
  | 'select'
  | 'multiselect'
  | 'bool'
  | 'region'
  | 'industry'
  | 'list'
  | 'derived';

export interface FieldDef {
  path: string;
  label: string;
  unit?: '万元' | '人' | '%' | '年' | '项' | '名';
  /** What to enter, in which unit, which indicator it feeds (Chinese). */
  help: string;
  /** Indicators / rules fed by the field (Chinese names). */
  feeds?: string[];
  /** Always required (for 经营情况: required for the last two fiscal years, see `requiredYears`). */
  required: boolean;
  /** When the field is required only under a condition, the condition in Chinese. */
  requiredWhen?: string;
  /** 经营情况: the field is required for these fiscal years only ('lastTwo' = campaignYear−2 and −1). */
  requiredYears?: 'lastTwo';
  kind: FieldKind;
  options?: readonly Option[];
  maxLength?: number;
}
