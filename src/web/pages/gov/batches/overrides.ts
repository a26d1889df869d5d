/**
 * 批次适用的评价标准: the rows of the province's form and the overrides it saves (pure; ./RuleOverrides.tsx).
 */
import { STANDARD_TIERS, TIER_NAMES_ZH, TRACK_NAMES_ZH } from '../../../../shared/rules/engine/select';
import type { Tier } from '../../../../shared/rules/engine/types';
import { standardLabel } from '../../../../shared/rules/standards';

export const AUTO = '';

export interface OverrideRow {
  /** 层级:申请类型, e.g. 'little-giant:review'. */
  key: string;
  label: string;
  /** The standards of the tier, as options. */
  options: { value: string; label: string }[];
}

/** The rows of the form: every tier × track whose tier has more than one standard, ladder order. */
export function overrideRows(): OverrideRow[] {
  const tiers: Tier[] = ['tech-sme', 'innovative-sme', 'specialized-sme', 'little-giant'];
  const rows: OverrideRow[] = [];
  for (const tier of tiers) {
    const ids = Object.keys(STANDARD_TIERS).filter((id) => STANDARD_TIERS[id] === tier);
    if (ids.length < 2) continue;
    for (const track of ['first', 'review'] as const) {
      rows.push({
        key: `${tier}:${track}`,
        label: `${TIER_NAMES_ZH[tier]} · ${TRACK_NAMES_ZH[track]}`,
        options: [
          { value: AUTO, label: '按申请日期自动选择（默认）' },
          ...ids.map((id) => ({ value: id, label: standardLabel(id) })),
        ],
      });
    }
  }
  return rows;
}

/** The overrides to save: only the rows set to a standard (an empty object clears every override). */
export function overridesOf(choices: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(choices).filter(([, id]) => id !== AUTO));
}

/** Short Chinese text of a campaign's overrides for the table, e.g. 「小巨人 复核：…（2022）」. */
export function overridesText(overrides: Record<string, string>): string[] {
  const labels = new Map(overrideRows().map((r) => [r.key, r.label]));
  return Object.entries(overrides).map(([k, id]) => `${labels.get(k) ?? k}：${standardLabel(id)}`);
}
