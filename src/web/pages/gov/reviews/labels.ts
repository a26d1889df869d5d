/**
 * The queue page's option lists and labels, kept here so the page does not load the Zod schema modules (and
 * Zod itself) at runtime: only their TYPES are imported, and the compile-time checks below fail when the
 * shared lists change. tests/unit/web/review-query.test.ts checks that the labels equal the shared ones.
 */
import type { FilingKind, FilingStatus, SectionKey } from '../../../../shared/schemas/filing-api';
import type { QueueSort } from '../../../../shared/schemas/review-api';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <A, B>(ok: Same<A, B>) => ok;

export const KINDS = ['entry', 'update', 'rereview', 'tech_sme'] as const;
export const STATUSES = [
  'draft',
  'county_review',
  'city_review',
  'approved',
  'returned',
  'refused',
  'withdrawn',
] as const;
export const SCOPES = ['mine', 'all'] as const;
export const SORTS = ['submitted_asc', 'submitted_desc', 'score_desc'] as const;
export const SIZES = ['large', 'medium', 'small', 'micro'] as const;

same<(typeof KINDS)[number], FilingKind>(true);
same<(typeof STATUSES)[number], FilingStatus>(true);
same<(typeof SORTS)[number], QueueSort>(true);

export type SmeSize = (typeof SIZES)[number];

export const KIND_LABELS: Record<FilingKind, string> = {
  entry: '新增入库',
  update: '数据更新',
  rereview: '复核申请',
  tech_sme: '科技型中小企业评价',
};

export const STATUS_LABELS: Record<FilingStatus, string> = {
  draft: '草稿',
  county_review: '待县区审核',
  city_review: '待设区市审核',
  approved: '已通过',
  returned: '已退回',
  refused: '未通过',
  withdrawn: '已撤回',
};

export const SORT_LABELS: Record<QueueSort, string> = {
  submitted_asc: '提交时间（早→晚）',
  submitted_desc: '提交时间（晚→早）',
  score_desc: '自评总分（高→低）',
};

export const SIZE_LABELS: Record<SmeSize, string> = {
  large: '大型',
  medium: '中型',
  small: '小型',
  micro: '微型',
};

export const SECTIONS = [
  'basic',
  'products',
  'operations',
  'innovation',
  'recognitions',
  'techSme',
  'attachments',
] as const;
same<(typeof SECTIONS)[number], SectionKey>(true);

/** The sections a filing of this kind has (as sectionKeysOf in the shared filing API, without loading Zod). */
export function sectionsOfKind(kind: string): readonly SectionKey[] {
  return kind === 'tech_sme' ? ['basic', 'techSme', 'attachments'] : SECTIONS.filter((k) => k !== 'techSme');
}

export const SECTION_NAMES: Record<SectionKey, string> = {
  basic: '基本情况',
  products: '产品信息',
  operations: '经营情况',
  innovation: '创新研发',
  recognitions: '已认定事项',
  techSme: '科技型评价指标',
  attachments: '附件',
};
