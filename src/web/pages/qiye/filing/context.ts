import { createContext, useContext } from 'react';
import type { SectionKey } from '../../../../shared/schemas/filing-api';
import type { Data } from './model';

export interface EditorContextValue {
  values: Record<SectionKey, Data>;
  /** Sets one field (dotted path within the section). */
  setField: (section: SectionKey, path: string, value: unknown) => void;
  /** Marks a field as visited (its "请填写…" message shows from then on). */
  touch: (section: SectionKey, path: string) => void;
  /** The message to show beside a field now, or null. */
  errorOf: (section: SectionKey, path: string) => string | null;
  warningOf: (section: SectionKey, path: string) => string | null;
  /** The reviewer's comment on a field of a returned filing, or null. */
  commentOf: (section: SectionKey, path: string) => string | null;
  editable: (section: SectionKey) => boolean;
  /** 数据更新: last year's approved value of a field, or undefined. */
  previousOf: (section: SectionKey, path: string) => unknown;
  campaignYear: number;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const v = useContext(EditorContext);
  if (!v) throw new Error('useEditor() outside the filing editor');
  return v;
}

export function fieldId(section: SectionKey, path: string): string {
  return `fld-${section}-${path.replace(/\./g, '-')}`;
}
