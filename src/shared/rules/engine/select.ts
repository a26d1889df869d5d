/**
 * Which standard judges an application: by tier, track (first application or 复核) and application date, with a
 * per-campaign override. Pure; rules-2026.md §1.1, §1.6, §7.
 *
 * - Before 2026-04-01: the 2022 standards (工信部企业〔2022〕63号).
 * - From 2026-04-01: 专精特新 and 小巨人 by the 2026 standards (工信部企业〔2026〕2号 附件1/2); 创新型 keeps the 2022
 *   standard until a merged 科技和创新型 standard is issued (2号 第三十条 [S]); 科技型 is always 国科发政〔2017〕115号.
 * - A campaign may override one tier × track, e.g. the 2026 复核 of the 小巨人 cohort "按2022年标准把握"
 *   (工信厅企业函〔2026〕117号): `{ 'little-giant:review': 'little-giant-2022' }`.
 */
import type { Tier } from './types';

export type Track = 'first' | 'review';

/** Per-campaign choice of standard for one tier and track, e.g. { 'little-giant:review': 'little-giant-2022' }. */
export type CampaignRuleOverrides = Partial<Record<`${Tier}:${Track}`, string>>;

export interface SelectionInput {
  tier: Tier;
  track: Track;
  /** The application's date (ISO 'YYYY-MM-DD' or a full timestamp; the first 10 characters are the day). */
  applicationDate: string;
  overrides?: CampaignRuleOverrides | null;
}

export interface Selection {
  standardId: string;
  /** Chinese sentence: why this standard applies. */
  reason: string;
}

/** First day of 工信部企业〔2026〕2号 (rules-2026.md §1.1 [V]). */
export const RULES_2026_EFFECTIVE_FROM = '2026-04-01';

/** Every standard id the selection can return, with its tier. */
export const STANDARD_TIERS: Readonly<Record<string, Tier>> = {
  'tech-sme-2017': 'tech-sme',
  'innovative-sme-2022': 'innovative-sme',
  'specialized-sme-2022': 'specialized-sme',
  'specialized-sme-2026': 'specialized-sme',
  'little-giant-2022': 'little-giant',
  'little-giant-2026': 'little-giant',
};

export const TIER_NAMES_ZH: Readonly<Record<Tier, string>> = {
  'tech-sme': '科技型中小企业',
  'innovative-sme': '创新型中小企业',
  'specialized-sme': '专精特新中小企业',
  'little-giant': '专精特新“小巨人”企业',
};

export const TRACK_NAMES_ZH: Readonly<Record<Track, string>> = { first: '首次申请', review: '复核' };

function dayOf(date: string): string {
  const d = String(date).slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error(`Invalid application date: ${date}`);
  return d;
}

/** The standard that judges an application. Throws on an invalid date or an override of the wrong tier. */
export function selectStandard(input: SelectionInput): Selection {
  const day = dayOf(input.applicationDate);
  const who = `${TIER_NAMES_ZH[input.tier]}${TRACK_NAMES_ZH[input.track]}`;
  const override = input.overrides?.[`${input.tier}:${input.track}`];
  if (override !== undefined) {
    if (STANDARD_TIERS[override] !== input.tier) {
      throw new Error(`Override ${override} is not a standard of tier ${input.tier}`);
    }
    return { standardId: override, reason: `${who}：本批次设置为按 ${override} 评价` };
  }
  const from2026 = day >= RULES_2026_EFFECTIVE_FROM;
  switch (input.tier) {
    case 'tech-sme':
      return { standardId: 'tech-sme-2017', reason: `${who}：按国科发政〔2017〕115号评价` };
    case 'innovative-sme':
      return {
        standardId: 'innovative-sme-2022',
        reason: from2026
          ? `${who}：合并的科技和创新型中小企业标准出台前，继续按工信部企业〔2022〕63号附件1评价（2号文第三十条）`
          : `${who}：按工信部企业〔2022〕63号附件1评价`,
      };
    case 'specialized-sme':
    case 'little-giant': {
      const year = from2026 ? '2026' : '2022';
      const doc = from2026
        ? `工信部企业〔2026〕2号${input.tier === 'specialized-sme' ? '附件1' : '附件2'}（2026年4月1日起申请适用）`
        : `工信部企业〔2022〕63号${input.tier === 'specialized-sme' ? '附件2' : '附件3'}（申请日期早于2026年4月1日）`;
      return { standardId: `${input.tier}-${year}`, reason: `${who}：按${doc}评价` };
    }
  }
}
