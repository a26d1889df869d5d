/**
 * Option lists of the filing form (rules.md §6, §7). Values are stored as given here; labels are Chinese.
 * Pure data.
 */
import { STRATEGIC_EMERGING_FIELDS } from '../rules/industry-catalogue';

export interface Option<T extends string = string> {
  value: T;
  label: string;
}

const opts = <T extends string>(values: readonly T[], labels?: Partial<Record<T, string>>): Option<T>[] =>
  values.map((value) => ({ value, label: labels?.[value] ?? value }));

/**
 * 登记注册类型 (国统字〔1998〕200号《关于划分企业登记注册类型的规定》). The codes listed in rules.md §7.1 are [S]; the
 * finer codes (141–149, 159, 171–174, 2xx, 3xx) follow the same 1998 code table [UNVERIFIED against the text].
 */
export const REGISTRATION_TYPES: readonly Option[] = [
  { value: '110', label: '110 国有企业' },
  { value: '120', label: '120 集体企业' },
  { value: '130', label: '130 股份合作企业' },
  { value: '140', label: '140 联营企业' },
  { value: '150', label: '150 有限责任公司' },
  { value: '151', label: '151 国有独资公司' },
  { value: '159', label: '159 其他有限责任公司' },
  { value: '160', label: '160 股份有限公司' },
  { value: '170', label: '170 私营企业' },
  { value: '171', label: '171 私营独资企业' },
  { value: '172', label: '172 私营合伙企业' },
  { value: '173', label: '173 私营有限责任公司' },
  { value: '174', label: '174 私营股份有限公司' },
  { value: '190', label: '190 其他企业' },
  { value: '210', label: '210 合资经营企业（港或澳、台资）' },
  { value: '220', label: '220 合作经营企业（港或澳、台资）' },
  { value: '230', label: '230 港、澳、台商独资经营企业' },
  { value: '240', label: '240 港、澳、台商投资股份有限公司' },
  { value: '290', label: '290 其他港澳台投资企业' },
  { value: '310', label: '310 中外合资经营企业' },
  { value: '320', label: '320 中外合作经营企业' },
  { value: '330', label: '330 外资企业' },
  { value: '340', label: '340 外商投资股份有限公司' },
  { value: '390', label: '390 其他外商投资企业' },
];
export const REGISTRATION_TYPE_VALUES = REGISTRATION_TYPES.map((o) => o.value);

export const LISTING_STATUSES = ['none', 'preparing', 'neeq', 'listed'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];
export const LISTING_STATUS_OPTIONS = opts(LISTING_STATUSES, {
  none: '未上市',
  preparing: '拟上市（已辅导备案）',
  neeq: '新三板挂牌',
  listed: '已上市',
});

/** 主导产品所属领域: one of the 9 fields of 战略性新兴产业分类(2018) (codes '1'–'9', rules.md §6.2), or 'other'. */
export const STRATEGIC_FIELD_VALUES: readonly string[] = [
  ...STRATEGIC_EMERGING_FIELDS.map((f) => f.code),
  'other',
];
export const STRATEGIC_FIELD_OPTIONS: readonly Option[] = [
  ...STRATEGIC_EMERGING_FIELDS.map((f) => ({ value: f.code, label: f.name })),
  { value: 'other', label: '其他领域（不属于《战略性新兴产业分类》）' },
];

/** 知识产权类别 → Ⅰ类 / Ⅱ类 (rules.md §1.3, §7.4; same classification as 高企认定). */
export const IP_CATEGORIES = [
  '发明专利',
  '国防专利',
  '植物新品种',
  '国家级农作物品种',
  '国家新药',
  '国家一级中药保护品种',
  '集成电路布图设计专有权',
  '实用新型专利',
  '外观设计专利',
  '软件著作权',
] as const;
export type IpCategory = (typeof IP_CATEGORIES)[number];
export const IP_CLASS: Record<IpCategory, 'I' | 'II'> = {
  发明专利: 'I',
  国防专利: 'I',
  植物新品种: 'I',
  国家级农作物品种: 'I',
  国家新药: 'I',
  国家一级中药保护品种: 'I',
  集成电路布图设计专有权: 'I',
  实用新型专利: 'II',
  外观设计专利: 'II',
  软件著作权: 'II',
};
export const IP_CATEGORY_OPTIONS: readonly Option<IpCategory>[] = IP_CATEGORIES.map((value) => ({
  value,
  label: `${value}（${IP_CLASS[value] === 'I' ? 'Ⅰ类' : 'Ⅱ类'}）`,
}));

/** 获得方式 (values as in the 高企 system, rules.md §1.3 [S]). */
export const IP_ACQUISITIONS = ['自主研发', '受让', '受赠', '并购', '其他'] as const;
export type IpAcquisition = (typeof IP_ACQUISITIONS)[number];

/** Ⅰ类高价值知识产权 依据 (rules.md §1.3 [S]). */
export const HIGH_VALUE_BASES = [
  '海外同族专利',
  '维持年限超过10年',
  '质押融资',
  '国家科学技术奖或中国专利奖',
] as const;
export type HighValueBasis = (typeof HIGH_VALUE_BASES)[number];

export const RD_INSTITUTION_TYPES = [
  '企业技术中心',
  '工程技术研究中心',
  '重点实验室',
  '工程研究中心',
  '工业设计中心',
  '院士工作站',
  '博士后工作站',
  '新型研发机构',
  '其他',
] as const;
export const RD_INSTITUTION_LEVELS = ['国家级', '省级', '市级', '市级以下'] as const;
export type RdInstitutionLevel = (typeof RD_INSTITUTION_LEVELS)[number];

/** 数字化水平 (专精特新 indicator 5, rules.md §2.2). */
export const DIGITAL_LEVELS = ['未评测', '一级', '二级', '三级', '四级'] as const;

/** 质量管理 items (专精特新 indicator 6, rules.md §2.2). */
export const QUALITY_ITEMS = ['省级以上质量奖', '质量管理体系认证', '自主品牌', '参与制修订标准'] as const;
export const QUALITY_ITEM_OPTIONS = opts(QUALITY_ITEMS, {
  省级以上质量奖: '获得省级以上质量奖荣誉',
  质量管理体系认证: '建立质量管理体系，获得 ISO9001 等认证',
  自主品牌: '拥有自主品牌',
  参与制修订标准: '参与制修订标准',
});

export const AWARD_LEVELS = ['national', 'provincial'] as const;
export type AwardLevel = (typeof AWARD_LEVELS)[number];
export const AWARD_LEVEL_OPTIONS = opts(AWARD_LEVELS, { national: '国家级', provincial: '省级（省部级）' });

export const IP_HONOUR_TYPES = ['知识产权优势企业', '知识产权示范企业'] as const;

export const MAKER_CHINA_RANKS = ['none', 'top500', 'top50'] as const;
export const MAKER_CHINA_OPTIONS = opts(MAKER_CHINA_RANKS, {
  none: '未入围',
  top500: '全国 500 强企业组',
  top50: '全国 50 强企业组',
});

export const HONOUR_TYPES = [
  '专精特新中小企业',
  '专精特新“小巨人”企业',
  '制造业单项冠军',
  '质量奖',
  '智能制造示范',
  '绿色工厂',
  '两化融合管理体系',
  '其他',
] as const;
