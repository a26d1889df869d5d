/**
 * Thresholds of 《中小企业划型标准规定》(工信部联企业〔2011〕300号) as data, keyed by GB/T 4754-2017 scope, following
 * 《统计上大中小微型企业划分办法(2017)》's table (rules.md §4 [V]).
 *
 * Each row gives, per indicator, the LOWER bound of 大型 (large), 中型 (medium) and 小型 (small); below the small bound is
 * 微型 (micro). Units: employees X in persons; revenue Y and assets Z in 万元 (decimal strings, compared exactly).
 */

export type SizeIndicator = 'employees' | 'revenue' | 'assets';

export interface SizeThresholds {
  large: string;
  medium: string;
  small: string;
}

export interface SizeRow {
  id: string;
  name: string;
  /** Code prefixes (letter + digits) this row covers; the longest matching prefix over all rows wins. */
  scopes: string[];
  indicators: Partial<Record<SizeIndicator, SizeThresholds>>;
  /** True when 300号 does not list the industry and it is classified "参照本规定" (by analogy): rules.md §4 "Other". */
  byAnalogy?: boolean;
  note?: string;
}

const t = (large: string, medium: string, small: string): SizeThresholds => ({ large, medium, small });

/** The 300号 table. Row ids are stable: filings may record them. */
export const SME_SIZE_2011_ROWS: readonly SizeRow[] = [
  {
    id: 'agriculture',
    name: '农、林、牧、渔业',
    scopes: ['A'],
    indicators: { revenue: t('20000', '500', '50') },
  },
  {
    id: 'industry',
    name: '工业（采矿业，制造业，电力、热力、燃气及水生产和供应业）',
    scopes: ['B', 'C', 'D'],
    indicators: { employees: t('1000', '300', '20'), revenue: t('40000', '2000', '300') },
  },
  {
    id: 'construction',
    name: '建筑业',
    scopes: ['E'],
    indicators: { revenue: t('80000', '6000', '300'), assets: t('80000', '5000', '300') },
  },
  {
    id: 'wholesale',
    name: '批发业',
    scopes: ['F51'],
    indicators: { employees: t('200', '20', '5'), revenue: t('40000', '5000', '1000') },
  },
  {
    id: 'retail',
    name: '零售业',
    scopes: ['F52'],
    indicators: { employees: t('300', '50', '10'), revenue: t('20000', '500', '100') },
  },
  {
    id: 'transport',
    name: '交通运输业（不含铁路运输业）',
    scopes: ['G54', 'G55', 'G56', 'G57', 'G58'],
    indicators: { employees: t('1000', '300', '20'), revenue: t('30000', '3000', '200') },
  },
  {
    id: 'warehousing',
    name: '仓储业',
    scopes: ['G59'],
    indicators: { employees: t('200', '100', '20'), revenue: t('30000', '1000', '100') },
  },
  {
    id: 'postal',
    name: '邮政业',
    scopes: ['G60'],
    indicators: { employees: t('1000', '300', '20'), revenue: t('30000', '2000', '100') },
  },
  {
    id: 'accommodation',
    name: '住宿业',
    scopes: ['H61'],
    indicators: { employees: t('300', '100', '10'), revenue: t('10000', '2000', '100') },
  },
  {
    id: 'catering',
    name: '餐饮业',
    scopes: ['H62'],
    indicators: { employees: t('300', '100', '10'), revenue: t('10000', '2000', '100') },
  },
  {
    id: 'information-transmission',
    name: '信息传输业',
    scopes: ['I63', 'I64'],
    indicators: { employees: t('2000', '100', '10'), revenue: t('100000', '1000', '100') },
  },
  {
    id: 'software',
    name: '软件和信息技术服务业',
    scopes: ['I65'],
    indicators: { employees: t('300', '100', '10'), revenue: t('10000', '1000', '50') },
  },
  {
    id: 'real-estate-development',
    name: '房地产开发经营',
    scopes: ['K701'],
    indicators: { revenue: t('200000', '1000', '100'), assets: t('10000', '5000', '2000') },
  },
  {
    id: 'property-management',
    name: '物业管理',
    scopes: ['K702'],
    indicators: { employees: t('1000', '300', '100'), revenue: t('5000', '1000', '500') },
  },
  {
    id: 'leasing-business-services',
    name: '租赁和商务服务业',
    scopes: ['L'],
    indicators: { employees: t('300', '100', '10'), assets: t('120000', '8000', '100') },
  },
  {
    id: 'other',
    name: '其他未列明行业',
    scopes: ['M', 'N', 'O', 'Q85', 'R', 'K703', 'K709'],
    indicators: { employees: t('300', '100', '10') },
  },
  {
    id: 'other-by-analogy',
    name: '其他未列明行业（参照划型）',
    scopes: ['G53', 'K704', 'P', 'Q84'],
    indicators: { employees: t('300', '100', '10') },
    byAnalogy: true,
    note: '300号未列明该行业，参照“其他未列明行业”划型（300号：本规定以外的行业参照本规定进行划型），请审核人员确认',
  },
];

/** Industries the 300号 table does not classify at all (金融业 has its own standard; S, T are not enterprises). */
export const SME_SIZE_2011_UNSUPPORTED: readonly { scope: string; message: string }[] = [
  {
    scope: 'J',
    message:
      '金融业企业划型适用《金融业企业划型标准规定》（银发〔2015〕309号），不适用300号，本平台不自动划型，请联系审核人员人工确认',
  },
  {
    scope: 'S',
    message: '公共管理、社会保障和社会组织不是企业，不能按中小企业划型，请核对所属行业代码',
  },
  { scope: 'T', message: '国际组织不是企业，不能按中小企业划型，请核对所属行业代码' },
];

/** Scopes that need at least a 中类 code to decide the row (房地产业 is split by 中类). */
export const SME_SIZE_2011_NEEDS_DETAIL: readonly { scope: string; message: string }[] = [
  {
    scope: 'K70',
    message: '房地产业需填写到中类或小类（例如 K7010 房地产开发经营、K7020 物业管理），才能确定划型标准',
  },
];
