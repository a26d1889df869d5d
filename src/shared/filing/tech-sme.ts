/**
 * The 科技型评价指标 section of a 科技型中小企业 self-evaluation (国科发政〔2017〕115号, rules-2026.md §2.2): the
 * figures of the last accounting year (职工总数, 科技人员数, 销售收入, 成本费用支出, 研发费用, 资产总额), the Ⅰ类/Ⅱ类
 * 知识产权 counts, the 第六条 conditions the enterprise declares and the four 第八条 direct conditions. Field
 * definitions (for the form and the help icons), the reader (validation and a typed view) and the empty section.
 * Evaluation itself is the rules engine's (src/shared/rules). Pure: no I/O.
 */
import { parseAmount } from '../money';
import { Collector, isObj, readAmountField, readBoolField, readCountField, readText, type Obj } from './read';
import type { FieldDef } from './field-def';
import type { ReadContext, SectionRead } from './sections';

export interface TechSmeParsed {
  /** The accounting year the figures are for (campaign year − 1). */
  fiscalYear: number;
  employees: number | null;
  techStaff: number | null;
  salesRevenue: string | null;
  totalCost: string | null;
  rdExpense: string | null;
  totalAssets: string | null;
  ipClassI: number | null;
  ipClassII: number | null;
  residentEnterprise: boolean | null;
  notProhibited: boolean | null;
  noMajorIncident: boolean | null;
  highTechValid: boolean;
  highTechCertNo: string | null;
  nationalAwardTop3: boolean;
  provincialRdInstitution: boolean;
  ledStandard: boolean;
}

const AMOUNT_HELP = '单位：万元，按上一会计年度经审计的财务报表填写，最多两位小数，例如 1,234.56';
const F_STAFF = '科技人员指标（科技人员数 ÷ 职工总数）';
const F_RD = '研发投入指标（研发费用 ÷ 销售收入，或 ÷ 成本费用支出，取较优者）';
const F_IP = '科技成果指标（Ⅰ类 / Ⅱ类知识产权）';
const F_SIZE = '规模条件（职工总数 ≤ 500 人，销售收入、资产总额 ≤ 2 亿元）';
const F_DIRECT = '直接确认条件（第八条）';

export const TECH_SME_FIELDS: FieldDef[] = [
  {
    path: 'employees',
    label: '职工总数',
    kind: 'count',
    unit: '人',
    required: true,
    feeds: [F_STAFF, F_SIZE],
    help: '上一年度在职、兼职和临时聘用人员合计；兼职、临时聘用人员须全年累计工作 6 个月以上',
  },
  {
    path: 'techStaff',
    label: '科技人员数',
    kind: 'count',
    unit: '人',
    required: true,
    feeds: [F_STAFF],
    help: '直接从事研发和相关技术创新活动，以及专门从事上述活动管理和提供直接服务的人员（兼职、临时聘用须累计工作 6 个月以上）',
  },
  {
    path: 'salesRevenue',
    label: '销售收入',
    kind: 'amount',
    unit: '万元',
    required: true,
    feeds: [F_RD, F_SIZE],
    help: `上一年度主营业务收入与其他业务收入之和。${AMOUNT_HELP}`,
  },
  {
    path: 'totalCost',
    label: '成本费用支出总额',
    kind: 'amount',
    unit: '万元',
    required: true,
    feeds: [F_RD],
    help: `上一年度主营业务成本、其他业务成本、销售费用、管理费用、财务费用之和。${AMOUNT_HELP}`,
  },
  {
    path: 'rdExpense',
    label: '研发费用总额',
    kind: 'amount',
    unit: '万元',
    required: true,
    feeds: [F_RD],
    help: `上一年度研发费用，按财税〔2015〕119号口径归集。${AMOUNT_HELP}`,
  },
  {
    path: 'totalAssets',
    label: '资产总额',
    kind: 'amount',
    unit: '万元',
    required: true,
    feeds: [F_SIZE],
    help: `上一年末资产总额。${AMOUNT_HELP}`,
  },
  {
    path: 'ipClassI',
    label: 'Ⅰ类知识产权',
    kind: 'count',
    unit: '项',
    required: true,
    feeds: [F_IP],
    help: '与主要产品（服务）相关、有效期内且无争议的发明专利、植物新品种、国家级农作物品种、国家新药、国家一级中药保护品种、集成电路布图设计专有权的项数；没有填 0',
  },
  {
    path: 'ipClassII',
    label: 'Ⅱ类知识产权',
    kind: 'count',
    unit: '项',
    required: true,
    feeds: [F_IP],
    help: '与主要产品（服务）相关、有效期内且无争议的实用新型专利、外观设计专利、软件著作权的项数；没有填 0',
  },
  {
    path: 'residentEnterprise',
    label: '在中国境内（不含港澳台）注册的居民企业',
    kind: 'bool',
    required: true,
    help: '第六条（一）：须为在中国境内（不包括港、澳、台地区）注册的居民企业',
  },
  {
    path: 'notProhibited',
    label: '产品和服务不属于国家规定的禁止、限制和淘汰类',
    kind: 'bool',
    required: true,
    help: '第六条（三）',
  },
  {
    path: 'noMajorIncident',
    label:
      '上一年及当年内未发生重大安全、重大质量事故和严重环境违法、科研严重失信行为，且未列入经营异常名录和严重违法失信企业名单',
    kind: 'bool',
    required: true,
    help: '第六条（四）',
  },
  {
    path: 'highTechValid',
    label: '拥有有效期内高新技术企业资格证书',
    kind: 'bool',
    required: false,
    feeds: [F_DIRECT],
    help: '第八条（一）：满足即可直接确认符合条件，须在附件中上传证书',
  },
  {
    path: 'highTechCertNo',
    label: '高新技术企业证书编号',
    kind: 'text',
    required: false,
    requiredWhen: '拥有有效期内高新技术企业资格证书时必填',
    maxLength: 30,
    help: '例如 GR202532001234',
  },
  {
    path: 'nationalAwardTop3',
    label: '近五年内获得过国家级科技奖励，并在获奖单位中排在前三名',
    kind: 'bool',
    required: false,
    feeds: [F_DIRECT],
    help: '第八条（二）：须在附件中上传获奖证书',
  },
  {
    path: 'provincialRdInstitution',
    label: '拥有经认定的省部级以上研发机构',
    kind: 'bool',
    required: false,
    feeds: [F_DIRECT],
    help: '第八条（三）：须在附件中上传认定文件',
  },
  {
    path: 'ledStandard',
    label: '近五年内主导制定过国际标准、国家标准或行业标准',
    kind: 'bool',
    required: false,
    feeds: [F_DIRECT],
    help: '第八条（四）：须在附件中上传标准文本或发布公告',
  },
];

export function emptyTechSmeSection(): Record<string, unknown> {
  return {
    employees: '',
    techStaff: '',
    salesRevenue: '',
    totalCost: '',
    rdExpense: '',
    totalAssets: '',
    ipClassI: '',
    ipClassII: '',
    residentEnterprise: null,
    notProhibited: null,
    noMajorIncident: null,
    highTechValid: false,
    highTechCertNo: '',
    nationalAwardTop3: false,
    provincialRdInstitution: false,
    ledStandard: false,
  };
}

function finish(c: Collector, normalized: Obj, parsed: TechSmeParsed): SectionRead<TechSmeParsed> {
  return {
    complete: !c.incomplete && !c.invalid,
    valid: !c.invalid,
    fieldErrors: c.fieldErrors,
    warnings: c.warnings,
    normalized,
    parsed,
  };
}

/** Reads the 科技型评价指标 section. Never throws. */
export function readTechSme(data: unknown, ctx: ReadContext): SectionRead<TechSmeParsed> {
  const c = new Collector();
  let o: Obj = {};
  if (isObj(data)) o = data;
  else if (data !== undefined && data !== null) c.bad('_', '本部分数据格式不正确，请重新填写后保存');
  const out: Obj = {};
  const fy = ctx.campaignYear - 1;
  const y = `${fy} 年度`;
  const employees = readCountField(o, 'employees', '', `${y}职工总数`, c, out, { required: true });
  let techStaff = readCountField(o, 'techStaff', '', `${y}科技人员数`, c, out, { required: true });
  if (employees !== null && techStaff !== null && techStaff > employees) {
    c.bad('techStaff', `科技人员数（${techStaff} 人）不能多于职工总数（${employees} 人），请核对`);
    techStaff = null;
  }
  const amount = (key: string, label: string) =>
    readAmountField(o, key, '', `${y}${label}`, c, out, { required: true });
  const salesRevenue = amount('salesRevenue', '销售收入');
  const totalCost = amount('totalCost', '成本费用支出总额');
  const rdExpense = amount('rdExpense', '研发费用总额');
  const totalAssets = amount('totalAssets', '资产总额');
  if (rdExpense && totalCost) {
    const r = parseAmount(rdExpense);
    const k = parseAmount(totalCost);
    if (r.ok && k.ok && r.cents > k.cents) {
      c.warn('rdExpense', '研发费用总额大于成本费用支出总额，请核对（研发费用通常计入成本费用）');
    }
  }
  const ipClassI = readCountField(o, 'ipClassI', '', 'Ⅰ类知识产权项数', c, out, {
    required: true,
    unit: '项',
    max: 10000,
  });
  const ipClassII = readCountField(o, 'ipClassII', '', 'Ⅱ类知识产权项数', c, out, {
    required: true,
    unit: '项',
    max: 10000,
  });
  const declared = (key: string, label: string) =>
    readBoolField(o, key, '', label, c, out, { required: true });
  const residentEnterprise = declared('residentEnterprise', '是否为境内注册的居民企业');
  const notProhibited = declared('notProhibited', '产品和服务是否不属于禁止、限制和淘汰类');
  const noMajorIncident = declared('noMajorIncident', '是否未发生重大事故、严重违法失信行为');
  const direct = (key: string, label: string) =>
    readBoolField(o, key, '', label, c, out, { fallback: false }) === true;
  const highTechValid = direct('highTechValid', '是否拥有有效期内高新技术企业资格证书');
  const highTechCertNo = readText(o, 'highTechCertNo', '', '高新技术企业证书编号', c, out, {
    required: highTechValid,
    compact: true,
    upper: true,
    max: 30,
  });
  if (!highTechValid && highTechCertNo !== null) out['highTechCertNo'] = '';
  return finish(c, out, {
    fiscalYear: fy,
    employees,
    techStaff,
    salesRevenue,
    totalCost,
    rdExpense,
    totalAssets,
    ipClassI,
    ipClassII,
    residentEnterprise,
    notProhibited,
    noMajorIncident,
    highTechValid,
    highTechCertNo: highTechValid ? highTechCertNo : null,
    nationalAwardTop3: direct('nationalAwardTop3', '是否获得国家级科技奖励并排名前三'),
    provincialRdInstitution: direct('provincialRdInstitution', '是否拥有省部级以上研发机构'),
    ledStandard: direct('ledStandard', '是否主导制定过国际、国家或行业标准'),
  });
}

/** Whether any of the four direct conditions is declared (drives the 直接确认条件证明 attachment). */
export function techSmeDirectClaimed(p: TechSmeParsed): boolean {
  return p.highTechValid || p.nationalAwardTop3 || p.provincialRdInstitution || p.ledStandard;
}
