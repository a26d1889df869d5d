/**
 * Field definitions of the filing form: label, unit, the help text behind the field's small icon (the seed's
 * "点击部分填写项后小图标，可看到此项填写说明": what to enter, in which unit, which indicator it feeds) and whether it
 * is required. Paths are dotted; `*` stands for a row index (lists) or a fiscal year (经营情况 years.2022…).
 * Pure data.
 */
import type { SectionKey } from '../schemas/filing-api';
import {
  AWARD_LEVEL_OPTIONS,
  DIGITAL_LEVELS,
  HIGH_VALUE_BASES,
  HONOUR_TYPES,
  IP_ACQUISITIONS,
  IP_CATEGORY_OPTIONS,
  IP_HONOUR_TYPES,
  LISTING_STATUS_OPTIONS,
  MAKER_CHINA_OPTIONS,
  QUALITY_ITEM_OPTIONS,
  RD_INSTITUTION_LEVELS,
  RD_INSTITUTION_TYPES,
  REGISTRATION_TYPES,
  STRATEGIC_FIELD_OPTIONS,
  type Option,
} from './options';
import { TECH_SME_FIELDS } from './tech-sme';

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

const o = (values: readonly string[]): Option[] => values.map((v) => ({ value: v, label: v }));

const F_RD = '创新型指标2：研发费用占营业收入比重';
const F_GROWTH = '创新型指标3：主营业务收入增长率';
const F_DEBT = '创新型指标4：资产负债率';
const F_FIELD = '创新型指标5：主导产品所属领域';
const F_MAIN = '创新型指标6：主营业务收入占营业收入比重';
const F_IP = '创新型指标1：与主导产品相关的有效知识产权';
const F_SIZE = '中小企业划型';
const F_ROUTE = '审核部门（县区、设区市）';

const year = (
  key: string,
  label: string,
  kind: FieldKind,
  help: string,
  opts: { unit?: FieldDef['unit']; feeds?: string[]; req?: boolean } = {},
): FieldDef => ({
  path: `years.*.${key}`,
  label,
  kind,
  help,
  required: opts.req ?? false,
  ...(opts.req ? { requiredYears: 'lastTwo' as const } : {}),
  ...(opts.unit ? { unit: opts.unit } : {}),
  ...(opts.feeds ? { feeds: opts.feeds } : {}),
});

const AMOUNT_HELP = '单位：万元，按经审计的年度财务报表填写，最多两位小数，可带千位逗号，例如 1,234.56';

export const SECTION_FIELDS: Record<SectionKey, FieldDef[]> = {
  techSme: TECH_SME_FIELDS,
  basic: [
    {
      path: 'enterpriseName',
      label: '企业名称',
      kind: 'text',
      maxLength: 100,
      required: true,
      help: '与营业执照上的名称完全一致',
    },
    {
      path: 'uscc',
      label: '统一社会信用代码',
      kind: 'text',
      required: true,
      help: '18 位，见营业执照；注册账号时已自动带出。企业代码以 91 开头，字母 I、O、S、V、Z 不会出现',
    },
    {
      path: 'establishedDate',
      label: '成立日期',
      kind: 'date',
      required: true,
      help: '营业执照上的成立日期，格式 年-月-日',
    },
    {
      path: 'registeredCapital',
      label: '注册资本',
      kind: 'amount',
      unit: '万元',
      required: true,
      help: '单位：万元，与营业执照一致，例如 1,000 或 1000.00',
    },
    {
      path: 'countyCode',
      label: '注册地（县、市、区）',
      kind: 'region',
      required: true,
      feeds: [F_ROUTE],
      help: '选择企业注册所在的县（市、区）或开发区。注册地决定由哪个县区和设区市工信部门审核；选错会导致审核部门看不到您的填报（设区市自动带出）',
    },
    {
      path: 'address',
      label: '通讯地址',
      kind: 'text',
      maxLength: 200,
      required: true,
      help: '可收到纸质材料的详细地址',
    },
    { path: 'postcode', label: '邮政编码', kind: 'text', required: true, help: '6 位数字，例如 215300' },
    {
      path: 'legalRepresentative.name',
      label: '法定代表人',
      kind: 'text',
      required: true,
      help: '与营业执照一致',
    },
    {
      path: 'legalRepresentative.mobile',
      label: '法定代表人手机',
      kind: 'text',
      required: true,
      help: '11 位手机号码',
    },
    {
      path: 'contact.name',
      label: '联系人',
      kind: 'text',
      required: true,
      help: '负责本次填报、能回答审核问题的人员',
    },
    { path: 'contact.title', label: '联系人职务', kind: 'text', required: false, help: '例如 财务经理' },
    {
      path: 'contact.mobile',
      label: '联系人手机',
      kind: 'text',
      required: true,
      help: '11 位手机号码，审核退回等通知发送到此号码',
    },
    {
      path: 'contact.phone',
      label: '联系人座机',
      kind: 'text',
      required: false,
      help: '区号-号码，例如 0512-57001234',
    },
    {
      path: 'contact.email',
      label: '联系人邮箱',
      kind: 'text',
      required: false,
      help: '例如 name@example.com',
    },
    {
      path: 'registrationType',
      label: '登记注册类型',
      kind: 'select',
      options: REGISTRATION_TYPES,
      required: true,
      help: '按国统字〔1998〕200号《关于划分企业登记注册类型的规定》选择，例如民营有限公司选“173 私营有限责任公司”',
    },
    {
      path: 'industryCode',
      label: '所属行业',
      kind: 'industry',
      required: true,
      feeds: [F_SIZE],
      help: '按《国民经济行业分类》(GB/T 4754-2017) 选择，至少到大类（门类字母加 2 位数字，例如 C34），最好到小类（例如 C3421）；不知道代码的，输入产品或业务名称（例如“齿轮”）查找后选择。行业决定中小企业划型标准',
    },
    {
      path: 'listingStatus',
      label: '上市情况',
      kind: 'select',
      options: LISTING_STATUS_OPTIONS,
      required: true,
      help: '未上市、拟上市、新三板挂牌或已上市',
    },
    {
      path: 'stockCode',
      label: '股票代码',
      kind: 'text',
      required: false,
      requiredWhen: '已上市或新三板挂牌时必填',
      help: '例如 688001',
    },
    {
      path: 'nicheYears',
      label: '从事特定细分市场时间',
      kind: 'count',
      unit: '年',
      required: true,
      feeds: ['专精特新：细分市场年限'],
      help: '单位：年（整数），截至上年末企业在主导产品所属细分市场的经营年限',
    },
    {
      path: 'mainBusiness',
      label: '主营业务描述',
      kind: 'textarea',
      maxLength: 500,
      required: true,
      help: '不超过 500 字：主要产品或服务、所处产业链环节、主要客户',
    },
    {
      path: 'cityCode',
      label: '设区市',
      kind: 'derived',
      required: false,
      help: '由注册地自动带出，无需填写',
    },
  ],
  products: [
    {
      path: 'mainProducts',
      label: '主导产品',
      kind: 'list',
      required: true,
      help: '至少填写 1 个。第 1 行为主导产品（销售收入最高、占营业收入比重最大的产品），其所属领域用于创新型评价',
    },
    {
      path: 'mainProducts.*.name',
      label: '产品名称',
      kind: 'text',
      maxLength: 100,
      required: true,
      help: '例如 高精度数控车床',
    },
    {
      path: 'mainProducts.*.category',
      label: '产品类别/细分领域',
      kind: 'text',
      maxLength: 100,
      required: true,
      help: '例如 金属切削机床',
    },
    {
      path: 'mainProducts.*.strategicEmergingField',
      label: '所属领域',
      kind: 'select',
      options: STRATEGIC_FIELD_OPTIONS,
      required: true,
      feeds: [F_FIELD],
      help: '主导产品属于《战略性新兴产业分类(2018)》9 大领域之一的得 10 分，属于其他领域的得 5 分',
    },
    {
      path: 'mainProducts.*.salesRevenue',
      label: '上年度销售收入',
      kind: 'amount',
      unit: '万元',
      required: true,
      help: '单位：万元，该产品上一年度的销售收入',
    },
    {
      path: 'mainProducts.*.marketShareNational',
      label: '全国细分市场占有率',
      kind: 'percent',
      unit: '%',
      required: false,
      feeds: ['小巨人：细分市场占有率'],
      help: '单位：%，0 至 100，例如 12.5；无权威数据可不填',
    },
    {
      path: 'mainProducts.*.ownBrand',
      label: '自主品牌',
      kind: 'bool',
      required: false,
      help: '是否拥有直接面向市场的自主品牌',
    },
    {
      path: 'mainProducts.*.description',
      label: '产品简介',
      kind: 'textarea',
      maxLength: 500,
      required: false,
      help: '不超过 500 字：技术指标、应用领域',
    },
  ],
  operations: [
    year('operatingRevenue', '营业收入', 'amount', `${AMOUNT_HELP}。利润表“营业收入”`, {
      unit: '万元',
      feeds: [F_RD, F_MAIN, F_SIZE],
      req: true,
    }),
    year('mainBusinessRevenue', '主营业务收入', 'amount', `${AMOUNT_HELP}。应包含在营业收入之内`, {
      unit: '万元',
      feeds: [F_MAIN, F_GROWTH],
      req: true,
    }),
    year('operatingCost', '营业成本', 'amount', AMOUNT_HELP, { unit: '万元' }),
    year('totalProfit', '利润总额', 'amount', `${AMOUNT_HELP}。亏损填负数，例如 -12.5`, { unit: '万元' }),
    year('netProfit', '净利润', 'amount', `${AMOUNT_HELP}。亏损填负数`, {
      unit: '万元',
      feeds: ['专精特新：净利润率'],
    }),
    year('rdExpense', '研发费用', 'amount', `${AMOUNT_HELP}。按研发费用加计扣除口径或审计报告附注填写`, {
      unit: '万元',
      feeds: [F_RD],
      req: true,
    }),
    year('totalAssets', '资产总额', 'amount', `${AMOUNT_HELP}。资产负债表年末数`, {
      unit: '万元',
      feeds: [F_DEBT, F_SIZE],
      req: true,
    }),
    year('totalLiabilities', '负债总额', 'amount', `${AMOUNT_HELP}。资产负债表年末数`, {
      unit: '万元',
      feeds: [F_DEBT],
      req: true,
    }),
    year('taxPaid', '上缴税金', 'amount', AMOUNT_HELP, { unit: '万元' }),
    year('exportValue', '出口额', 'amount', AMOUNT_HELP, { unit: '万元' }),
    year('employees', '从业人员', 'count', '单位：人（整数），填年末（12 月）社保缴费人数', {
      unit: '人',
      feeds: [F_SIZE],
      req: true,
    }),
    year('rdStaff', '研发人员', 'count', '单位：人（整数），不能多于从业人员', {
      unit: '人',
      feeds: ['专精特新：研发人员占比'],
    }),
    year(
      'equityFinancing',
      '新增股权融资额',
      'amount',
      '单位：万元，当年合格机构投资者的实缴出资额；没有填 0 或不填。三年合计 500 万元以上满足直通条件',
      { unit: '万元', feeds: ['直通条件：近三年新增股权融资 500 万元以上'] },
    ),
    year('auditReportNo', '审计报告编码', 'text', '财政部注册会计师统一监管平台备案的报告编码'),
  ],
  innovation: [
    {
      path: 'ipItems',
      label: '知识产权',
      kind: 'list',
      required: false,
      feeds: [F_IP],
      help: '逐项填写有效的知识产权（不含商标）。受让未满 1 年的不计入评价',
    },
    {
      path: 'ipItems.*.category',
      label: '类别',
      kind: 'select',
      options: IP_CATEGORY_OPTIONS,
      required: true,
      feeds: [F_IP],
      help: '发明专利等为Ⅰ类；实用新型、外观设计、软件著作权为Ⅱ类',
    },
    {
      path: 'ipItems.*.number',
      label: '专利号/登记号',
      kind: 'text',
      required: true,
      help: '例如 ZL202110123456.7',
    },
    {
      path: 'ipItems.*.name',
      label: '名称',
      kind: 'text',
      maxLength: 200,
      required: true,
      help: '证书上的名称',
    },
    {
      path: 'ipItems.*.grantDate',
      label: '授权日期',
      kind: 'date',
      required: true,
      help: '证书上的授权（登记）日期',
    },
    {
      path: 'ipItems.*.acquisition',
      label: '获得方式',
      kind: 'select',
      options: o(IP_ACQUISITIONS),
      required: true,
      feeds: [F_IP],
      help: '自主研发的Ⅰ类知识产权得 15 分；受让等方式获得的Ⅰ类得 10 分',
    },
    {
      path: 'ipItems.*.transferDate',
      label: '受让（获得）日期',
      kind: 'date',
      required: false,
      requiredWhen: '获得方式不是“自主研发”时必填',
      help: '受让未满 1 年的知识产权不计入评价',
    },
    {
      path: 'ipItems.*.relatedToMainProduct',
      label: '与主导产品相关',
      kind: 'bool',
      required: true,
      feeds: [F_IP],
      help: '只有与主导产品相关的知识产权计入评价',
    },
    {
      path: 'ipItems.*.highValueBasis',
      label: '高价值依据',
      kind: 'multiselect',
      options: o(HIGH_VALUE_BASES),
      required: false,
      feeds: [F_IP],
      help: '仅Ⅰ类：满足任一项即为Ⅰ类高价值知识产权（得 20 分），须上传证明材料',
    },
    {
      path: 'rdInstitutions',
      label: '研发机构',
      kind: 'list',
      required: false,
      help: '经认定的研发机构；国家级、省级研发机构满足直通条件',
    },
    {
      path: 'rdInstitutions.*.name',
      label: '机构名称',
      kind: 'text',
      required: true,
      help: '认定文件上的名称',
    },
    {
      path: 'rdInstitutions.*.type',
      label: '类型',
      kind: 'select',
      options: o(RD_INSTITUTION_TYPES),
      required: true,
      help: '例如 企业技术中心',
    },
    {
      path: 'rdInstitutions.*.level',
      label: '级别',
      kind: 'select',
      options: o(RD_INSTITUTION_LEVELS),
      required: true,
      feeds: ['直通条件：省部级以上研发机构'],
      help: '按认定部门的级别选择',
    },
    {
      path: 'rdInstitutions.*.certifiedBy',
      label: '认定部门',
      kind: 'text',
      required: true,
      help: '例如 江苏省工业和信息化厅',
    },
    {
      path: 'rdInstitutions.*.certifiedDate',
      label: '认定日期',
      kind: 'date',
      required: true,
      help: '认定文件的日期',
    },
    {
      path: 'standardsParticipation',
      label: '参与制修订标准数',
      kind: 'count',
      unit: '项',
      required: false,
      help: '主持或参与制修订的国家、行业标准数（项）',
    },
    {
      path: 'digitalLevel',
      label: '数字化水平',
      kind: 'select',
      options: o(DIGITAL_LEVELS),
      required: false,
      feeds: ['专精特新：数字化水平'],
      help: '中小企业数字化水平评测等级',
    },
    {
      path: 'qualityItems',
      label: '质量管理',
      kind: 'multiselect',
      options: QUALITY_ITEM_OPTIONS,
      required: false,
      feeds: ['专精特新：质量管理水平'],
      help: '勾选符合的各项',
    },
  ],
  recognitions: [
    {
      path: 'highTech.held',
      label: '高新技术企业',
      kind: 'bool',
      required: false,
      feeds: ['直通条件：有效期内荣誉'],
      help: '证书有效期 3 年，有效期内的满足直通条件',
    },
    {
      path: 'highTech.certificateNo',
      label: '证书编号',
      kind: 'text',
      required: false,
      requiredWhen: '是高新技术企业时必填',
      help: '例如 GR202232001234',
    },
    {
      path: 'highTech.issueDate',
      label: '发证日期',
      kind: 'date',
      required: false,
      requiredWhen: '是高新技术企业时必填',
      help: '证书上的发证日期',
    },
    {
      path: 'techInnovationDemo.held',
      label: '国家级技术创新示范企业',
      kind: 'bool',
      required: false,
      feeds: ['直通条件：有效期内荣誉'],
      help: '工业和信息化部认定',
    },
    {
      path: 'techInnovationDemo.year',
      label: '认定年份',
      kind: 'year',
      required: false,
      requiredWhen: '是国家级技术创新示范企业时必填',
      help: '4 位年份',
    },
    {
      path: 'ipAdvantageOrDemo.held',
      label: '知识产权优势/示范企业',
      kind: 'bool',
      required: false,
      feeds: ['直通条件：有效期内荣誉'],
      help: '国家知识产权局认定，有效期内的满足直通条件',
    },
    {
      path: 'ipAdvantageOrDemo.type',
      label: '荣誉类型',
      kind: 'select',
      options: o(IP_HONOUR_TYPES),
      required: false,
      help: '知识产权优势企业或知识产权示范企业（选填）',
    },
    {
      path: 'ipAdvantageOrDemo.validUntil',
      label: '有效期至',
      kind: 'date',
      required: false,
      requiredWhen: '是知识产权优势/示范企业时必填',
      help: '证书或公告上的有效期截止日',
    },
    {
      path: 'sciTechAwards',
      label: '科技奖励',
      kind: 'list',
      required: false,
      feeds: ['直通条件：近三年国家级、省级科技奖励'],
      help: '近三年内的国家级、省级科技奖励满足直通条件',
    },
    {
      path: 'sciTechAwards.*.level',
      label: '级别',
      kind: 'select',
      options: AWARD_LEVEL_OPTIONS,
      required: true,
      help: '国家级或省级',
    },
    {
      path: 'sciTechAwards.*.name',
      label: '奖项名称',
      kind: 'text',
      required: true,
      help: '例如 江苏省科学技术奖',
    },
    { path: 'sciTechAwards.*.grade', label: '等级', kind: 'text', required: true, help: '例如 二等奖' },
    {
      path: 'sciTechAwards.*.rank',
      label: '本企业排名',
      kind: 'count',
      unit: '名',
      required: true,
      help: '本企业在获奖单位中的排名（整数）',
    },
    { path: 'sciTechAwards.*.year', label: '获奖年份', kind: 'year', required: true, help: '4 位年份' },
    {
      path: 'equityFinancing3Years',
      label: '近三年新增股权融资总额',
      kind: 'derived',
      unit: '万元',
      required: false,
      feeds: ['直通条件：近三年新增股权融资 500 万元以上'],
      help: '由“经营情况”中三个年度的新增股权融资额自动合计，不能单独修改',
    },
    {
      path: 'makerChina.rank',
      label: '创客中国',
      kind: 'select',
      options: MAKER_CHINA_OPTIONS,
      required: false,
      feeds: ['专精特新/小巨人：直通条件'],
      help: '“创客中国”中小企业创新创业大赛全国名次',
    },
    {
      path: 'makerChina.year',
      label: '入围年份',
      kind: 'year',
      required: false,
      requiredWhen: '入围时必填',
      help: '4 位年份',
    },
    {
      path: 'otherHonours',
      label: '其他荣誉',
      kind: 'list',
      required: false,
      help: '专精特新、小巨人、单项冠军、质量奖、智能制造、绿色工厂等',
    },
    {
      path: 'otherHonours.*.type',
      label: '荣誉类型',
      kind: 'select',
      options: o(HONOUR_TYPES),
      required: true,
      help: '选择荣誉类型',
    },
    {
      path: 'otherHonours.*.name',
      label: '荣誉名称',
      kind: 'text',
      required: false,
      requiredWhen: '类型为“其他”时必填',
      help: '例如 苏州市市长质量奖',
    },
    { path: 'otherHonours.*.batch', label: '批次', kind: 'text', required: false, help: '例如 第五批' },
    { path: 'otherHonours.*.year', label: '认定年份', kind: 'year', required: true, help: '4 位年份' },
  ],
  attachments: [],
};

/**
 * The field definition for a concrete field path ("years.2022.rdExpense" → "years.*.rdExpense";
 * "mainProducts.0.name" → "mainProducts.*.name"), or undefined.
 */
export function fieldDef(section: SectionKey, path: string): FieldDef | undefined {
  const generic = path
    .split('.')
    .map((seg) => (/^\d+$/.test(seg) ? '*' : seg))
    .join('.');
  return SECTION_FIELDS[section]?.find((f) => f.path === generic);
}

/** Help for the indicators and conditions of the self-assessment (Chinese), keyed as in the rules' results. */
export const INDICATOR_HELP: Record<string, { label: string; help: string }> = {
  ip: {
    label: '与主导产品相关的有效知识产权',
    help: 'Ⅰ类高价值 20 分；自主研发Ⅰ类 15 分；Ⅰ类 10 分；Ⅱ类 5 分；无 0 分。来自“创新研发”知识产权',
  },
  rdRatio: {
    label: '研发费用占营业收入比重',
    help: '上年度研发费用 ÷ 营业收入：5% 以上 20 分；3%–5% 15 分；2%–3% 10 分；1%–2% 5 分',
  },
  growth: {
    label: '主营业务收入增长率',
    help: '(上年度 − 上上年度) ÷ 上上年度：15% 以上 20 分；10%–15% 15 分；5%–10% 10 分；0%–5% 5 分',
  },
  debtRatio: {
    label: '资产负债率',
    help: '上年末负债总额 ÷ 资产总额：55% 以下 10 分；55%–75% 5 分；75% 以上 0 分',
  },
  field: {
    label: '主导产品所属领域',
    help: '属于《战略性新兴产业分类》10 分；其他领域 5 分。来自“产品信息”第 1 行',
  },
  mainShare: {
    label: '主营业务收入占比',
    help: '上年度主营业务收入 ÷ 营业收入：70% 以上 20 分；60%–70% 15 分；55%–60% 10 分；50%–55% 5 分',
  },
  score: { label: '评分条件', help: '总分 60 分以上，且创新能力不低于 20 分、成长性和专业化各不低于 15 分' },
  direct: { label: '直通条件', help: '满足任一直通条件即符合创新型中小企业评价标准，须上传直通条件证明' },
  size: {
    label: '中小企业划型',
    help: '按《中小企业划型标准规定》（工信部联企业〔2011〕300号），由所属行业、从业人员、营业收入、资产总额确定；大型企业不能入库',
  },
};
