/**
 * The filing vocabulary — section keys, kinds and statuses with their Chinese labels — without Zod, so a page that
 * needs only these (the filing editor's first load) does not load the schema library. src/shared/schemas/filing-api.ts
 * re-exports all of it beside the schemas.
 */
export const SECTION_KEYS = [
  'basic',
  'products',
  'operations',
  'innovation',
  'recognitions',
  'techSme',
  'attachments',
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];
export const SECTION_LABELS: Record<SectionKey, string> = {
  basic: '基本情况',
  products: '产品信息',
  operations: '经营情况',
  innovation: '创新研发',
  recognitions: '已认定事项',
  techSme: '科技型评价指标',
  attachments: '附件',
};

export const FILING_KINDS = ['entry', 'update', 'rereview', 'tech_sme'] as const;
export type FilingKind = (typeof FILING_KINDS)[number];
export const FILING_KIND_LABELS: Record<FilingKind, string> = {
  entry: '新增入库',
  update: '数据更新',
  rereview: '复核申请',
  tech_sme: '科技型中小企业评价',
};

/** The sections of the 入库培育 filings (新增入库 / 数据更新 / 复核申请). */
export const LADDER_SECTION_KEYS = [
  'basic',
  'products',
  'operations',
  'innovation',
  'recognitions',
  'attachments',
] as const satisfies readonly SectionKey[];
/** The sections of a 科技型中小企业 self-evaluation (国科发政〔2017〕115号): 基本情况, its own indicators, 附件. */
export const TECH_SME_SECTION_KEYS = [
  'basic',
  'techSme',
  'attachments',
] as const satisfies readonly SectionKey[];

/**
 * The sections a filing of this kind has, in form order. A section outside the list is not stored, cannot be
 * saved, and is reported empty and complete (nothing to fill).
 */
export function sectionKeysOf(kind: string): readonly SectionKey[] {
  return kind === 'tech_sme' ? TECH_SME_SECTION_KEYS : LADDER_SECTION_KEYS;
}

export const FILING_STATUSES = [
  'draft',
  'county_review',
  'city_review',
  'approved',
  'returned',
  'refused',
  'withdrawn',
] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];
export const FILING_STATUS_LABELS: Record<FilingStatus, string> = {
  draft: '草稿',
  county_review: '待县区审核',
  city_review: '待设区市审核',
  approved: '已通过',
  returned: '已退回',
  refused: '未通过',
  withdrawn: '已撤回',
};
