/**
 * Which standard judges a filing of a kind in a campaign: the 入库培育 filings are scored by the campaign's 创新型
 * standard; a 科技型中小企业 self-evaluation by 国科发政〔2017〕115号, the only 科技型 standard (rules-2026.md §2.2).
 */
import type { Campaign } from '../campaigns/service';
import { TECH_SME_STANDARD_ID } from '../../../shared/filing';

export { TECH_SME_STANDARD_ID } from '../../../shared/filing';

export function standardIdOf(kind: string, campaign: Pick<Campaign, 'standardId'>): string {
  return kind === 'tech_sme' ? TECH_SME_STANDARD_ID : campaign.standardId;
}
