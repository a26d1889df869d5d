/**
 * 专精特新"小巨人"企业认定标准 (工信部企业〔2022〕63号 附件3; rules.md §2.3) as data: the precondition and the six
 * aspects 专、精、特、新、链、品, each a condition whose items are checked from figures (exact) or confirmed by a
 * reviewer (true / false / null = pending). Evaluated by the rules engine; ../little-giant-2022.ts gives the result
 * its stored shape. Used for applications before 2026-04-01 and, by a campaign's choice, for the 2026 复核 cohort
 * (工信厅企业函〔2026〕117号). Texts quote the thresholds as `{key}`, so a corrected value is what they say.
 * Parameter keys are those of stored corrections (standard_versions): never rename one.
 */
import { sheetOf } from '../engine/evaluate';
import type { Check, Metric, ParamDef, StandardSheet, StandardTable } from '../engine/types';

const A = '63号文附件3';

const p = (
  key: string,
  label: string,
  unit: ParamDef['unit'],
  value: string,
  clause: string,
  level: 'V' | 'S' = 'V',
  note?: string,
): ParamDef => ({ key, label, unit, value, clause, level, ...(note ? { note } : {}) });

const field = (f: string): Metric => ({ type: 'field', field: f });
const ratio = (num: string, den: string, zeroText: string): Metric => ({ type: 'ratio', num, den, zeroText });
const cmp = (metric: Metric, op: 'gte' | 'lte' | 'lt', param: string): Check => ({
  type: 'compare',
  metric,
  op,
  param,
});
const reviewer = (key: string, title: string, level: 'V' | 'S' = 'V'): Check => ({
  type: 'flag',
  field: `reviewer.${key}`,
  key,
  title,
  source: 'reviewer',
  level,
});
const rd1 = ratio(
  'lastYear.rdExpense',
  'lastYear.operatingRevenue',
  '上年度营业收入为 0，无法计算研发费用占比，请人工认定',
);
const rd2 = ratio(
  'yearBefore.rdExpense',
  'yearBefore.operatingRevenue',
  '上上年度营业收入为 0，无法计算研发费用占比，请人工认定',
);
const opRev = field('lastYear.operatingRevenue');

export const LITTLE_GIANT_2022_TABLE: StandardTable = {
  id: 'little-giant-2022',
  tier: 'little-giant',
  title: '专精特新“小巨人”企业认定标准（2022）',
  documentNumber: '工信部企业〔2022〕63号 附件3',
  version: 1,
  boundary: 'higher',
  boundaryText: '“以上”“不低于”含本数（≥），“不高于”含本数（≤）',
  inputLabel: '专精特新“小巨人”认定',
  fields: [
    { path: 'nicheYears', label: '从事特定细分市场年限', unit: 'count', required: true },
    { path: 'lastYear.operatingRevenue', label: '上年度营业收入', unit: 'amount', required: true },
    { path: 'lastYear.mainBusinessRevenue', label: '上年度主营业务收入', unit: 'amount', required: true },
    { path: 'lastYear.rdExpense', label: '上年度研发费用', unit: 'amount', required: true },
    { path: 'lastYear.totalAssets', label: '上年末资产总额', unit: 'amount', required: true },
    { path: 'lastYear.totalLiabilities', label: '上年末负债总额', unit: 'amount', required: true },
    { path: 'lastYear.employees', label: '上年末从业人员', unit: 'count', required: true },
    { path: 'lastYear.rdEmployees', label: '上年末研发人员', unit: 'count', required: true },
    { path: 'yearBefore.operatingRevenue', label: '上上年度营业收入', unit: 'amount', required: true },
    { path: 'yearBefore.mainBusinessRevenue', label: '上上年度主营业务收入', unit: 'amount', required: true },
    { path: 'yearBefore.rdExpense', label: '上上年度研发费用', unit: 'amount', required: true },
    {
      path: 'twoYearsBefore.mainBusinessRevenue',
      label: '上上上年度主营业务收入',
      unit: 'amount',
      required: true,
    },
    { path: 'equityFinancing2Years', label: '近2年新增股权融资总额', unit: 'amount', whenMissing: 'zero' },
    { path: 'nationalMarketShare', label: '主导产品全国细分市场占有率', unit: 'percent', required: true },
    { path: 'classOneIpCount', label: '与主导产品相关的Ⅰ类知识产权数量', unit: 'count', required: true },
    { path: 'reviewer.isSpecializedSme', label: '是否为有效期内的专精特新中小企业', unit: 'bool' },
    { path: 'reviewer.strategyAndGovernance', label: '是否具有长期发展战略和健全的治理结构', unit: 'bool' },
    { path: 'reviewer.coreBusinessInfoSystem', label: '是否至少1项核心业务采用信息系统支撑', unit: 'bool' },
    {
      path: 'reviewer.certification',
      label: '是否取得相关管理体系认证或产品通过发达国家和地区认证',
      unit: 'bool',
    },
    { path: 'reviewer.ownBrand', label: '是否拥有直接面向市场并具有竞争优势的自主品牌', unit: 'bool' },
    { path: 'reviewer.rdInstitution', label: '是否自建或与高等院校、科研机构联合建立研发机构', unit: 'bool' },
    { path: 'reviewer.ipAppliedWithBenefit', label: 'Ⅰ类知识产权是否实际应用并已产生经济效益', unit: 'bool' },
    {
      path: 'reviewer.chain',
      label: '“链”：是否位于产业链关键环节并发挥补短板、锻长板、填空白等作用',
      unit: 'bool',
    },
    {
      path: 'reviewer.product',
      label: '“品”：主导产品是否属于工业“六基”、制造强国十大重点产业领域或网络强国相关领域',
      unit: 'bool',
    },
    { path: 'direct.nationalAwardTop3', label: '国家级科技奖励排名前三', unit: 'bool', whenMissing: 'false' },
    { path: 'direct.makerChinaTop50', label: '创客中国全国50强企业组', unit: 'bool', whenMissing: 'false' },
  ],
  params: [
    p('nicheYearsMin', '从事细分市场年限下限', 'years', '3', `${A}（一）专`),
    p('mainShareMin', '主营业务收入占营业收入比重下限', 'percent', '70', `${A}（一）专`),
    p('avgGrowthMin', '近2年主营业务收入平均增长率下限', 'percent', '5', `${A}（一）专`),
    p('debtRatioMax', '资产负债率上限', 'percent', '70', `${A}（二）精`),
    p('marketShareMin', '全国细分市场占有率下限', 'percent', '10', `${A}（三）特`),
    p('revenueLarge', '研发强度分档：营业收入1亿元档', 'amount', '10000', `${A}（四）新`),
    p('revenueMedium', '研发强度分档：营业收入5000万元档', 'amount', '5000', `${A}（四）新`),
    p('rdRatioLarge', '营业收入1亿元以上：研发强度下限', 'percent', '3', `${A}（四）新`),
    p('rdRatioMedium', '营业收入5000万–1亿元：研发强度下限', 'percent', '6', `${A}（四）新`),
    p('smallEquityMin', '营业收入5000万元以下：近2年股权融资下限', 'amount', '8000', `${A}（四）新`),
    p(
      'smallRdTotalMin',
      '营业收入5000万元以下：研发费用下限',
      'amount',
      '3000',
      `${A}（四）新`,
      'S',
      '按近2年合计理解，待核实',
    ),
    p('smallRdStaffMin', '营业收入5000万元以下：研发人员占比下限', 'percent', '50', `${A}（四）新`),
    p('classOneIpMin', 'Ⅰ类知识产权下限（项）', 'count', '2', `${A}（四）新`),
  ],
  indicators: [],
  direct: [
    {
      key: 'nationalAwardTop3',
      text: '近三年获得国家级科技奖励并在获奖单位中排名前三',
      clause: `${A}（四）新（二）`,
      level: 'V',
      check: { type: 'flag', field: 'direct.nationalAwardTop3' },
    },
    {
      key: 'makerChinaTop50',
      text: '近三年进入“创客中国”中小企业创新创业大赛全国50强企业组名单',
      clause: `${A}（四）新（二）`,
      level: 'V',
      check: { type: 'flag', field: 'direct.makerChinaTop50' },
    },
  ],
  conditions: [
    {
      key: 'precondition',
      title: '已是有效期内的专精特新中小企业',
      clause: A,
      level: 'V',
      check: { ...reviewer('isSpecializedSme', '已是有效期内的专精特新中小企业', 'S'), key: 'precondition' },
    },
    {
      key: '专',
      title:
        '专业化：细分市场{nicheYearsMin}以上、主营占比{mainShareMin}以上、近2年主营业务收入平均增长率{avgGrowthMin}以上',
      clause: `${A}（一）`,
      level: 'V',
      check: {
        type: 'all',
        of: [
          {
            ...cmp(field('nicheYears'), 'gte', 'nicheYearsMin'),
            key: 'nicheYears',
            title: '截至上年末，从事特定细分市场时间达到{nicheYearsMin}以上',
          },
          {
            ...cmp(
              ratio(
                'lastYear.mainBusinessRevenue',
                'lastYear.operatingRevenue',
                '营业收入为 0，无法计算，请人工认定',
              ),
              'gte',
              'mainShareMin',
            ),
            key: 'mainShare',
            title: '主营业务收入总额占营业收入总额比重不低于{mainShareMin}',
          },
          {
            ...cmp(
              {
                type: 'meanGrowth',
                fields: [
                  'twoYearsBefore.mainBusinessRevenue',
                  'yearBefore.mainBusinessRevenue',
                  'lastYear.mainBusinessRevenue',
                ],
                formula: 'mean',
                label: '近2年主营业务收入平均增长率',
              },
              'gte',
              'avgGrowthMin',
            ),
            key: 'avgGrowth',
            title: '近2年主营业务收入平均增长率不低于{avgGrowthMin}',
            level: 'S',
          },
        ],
      },
    },
    {
      key: '精',
      title: '精细化：战略与治理、核心业务信息系统、管理体系认证、资产负债率不高于{debtRatioMax}',
      clause: `${A}（二）`,
      level: 'V',
      check: {
        type: 'all',
        of: [
          reviewer('strategyAndGovernance', '具有长期发展战略，公司治理规范'),
          reviewer('coreBusinessInfoSystem', '至少1项核心业务采用信息系统支撑'),
          reviewer('certification', '取得相关管理体系认证，或产品通过发达国家和地区产品认证'),
          {
            ...cmp(
              ratio(
                'lastYear.totalLiabilities',
                'lastYear.totalAssets',
                '资产总额为 0，无法计算，请人工认定',
              ),
              'lte',
              'debtRatioMax',
            ),
            key: 'debtRatio',
            title: '截至上年末资产负债率不高于{debtRatioMax}',
          },
        ],
      },
    },
    {
      key: '特',
      title: '特色化：全国细分市场占有率{marketShareMin}以上且享有较高知名度、自主品牌',
      clause: `${A}（三）`,
      level: 'V',
      check: {
        type: 'all',
        of: [
          {
            ...cmp(field('nationalMarketShare'), 'gte', 'marketShareMin'),
            key: 'marketShare',
            title: '主导产品在全国细分市场占有率达到{marketShareMin}以上',
          },
          reviewer('ownBrand', '拥有直接面向市场并具有竞争优势的自主品牌'),
        ],
      },
    },
    {
      key: '新',
      title: '创新能力：研发强度按营业收入分档、研发机构、Ⅰ类知识产权{classOneIpMin}项以上，或创新直通条件',
      clause: `${A}（四）`,
      level: 'V',
      check: {
        type: 'any',
        of: [
          {
            type: 'all',
            of: [
              {
                type: 'any',
                key: 'rdIntensity',
                title:
                  '研发投入：营业收入{revenueLarge}以上的，近2年研发费用占营业收入比重均不低于{rdRatioLarge}；{revenueMedium}–{revenueLarge}的，均不低于{rdRatioMedium}；{revenueMedium}以下的，近2年新增股权融资总额{smallEquityMin}以上且研发费用总额{smallRdTotalMin}以上、研发人员占比{smallRdStaffMin}以上',
                of: [
                  {
                    type: 'all',
                    of: [
                      cmp(opRev, 'gte', 'revenueLarge'),
                      cmp(rd1, 'gte', 'rdRatioLarge'),
                      cmp(rd2, 'gte', 'rdRatioLarge'),
                    ],
                  },
                  {
                    type: 'all',
                    of: [
                      cmp(opRev, 'gte', 'revenueMedium'),
                      cmp(opRev, 'lt', 'revenueLarge'),
                      cmp(rd1, 'gte', 'rdRatioMedium'),
                      cmp(rd2, 'gte', 'rdRatioMedium'),
                    ],
                  },
                  {
                    type: 'all',
                    of: [
                      cmp(opRev, 'lt', 'revenueMedium'),
                      cmp(field('equityFinancing2Years'), 'gte', 'smallEquityMin'),
                      cmp(
                        {
                          type: 'sum',
                          fields: ['lastYear.rdExpense', 'yearBefore.rdExpense'],
                          label: '近2年研发费用合计',
                        },
                        'gte',
                        'smallRdTotalMin',
                      ),
                      cmp(
                        ratio(
                          'lastYear.rdEmployees',
                          'lastYear.employees',
                          '上年末从业人员为 0，无法计算研发人员占比，请人工认定',
                        ),
                        'gte',
                        'smallRdStaffMin',
                      ),
                    ],
                  },
                ],
              },
              reviewer('rdInstitution', '自建或与高等院校、科研机构联合建立研发机构'),
              {
                type: 'all',
                key: 'classOneIp',
                title: '拥有{classOneIpMin}项以上与主导产品相关的Ⅰ类知识产权，且实际应用并已产生经济效益',
                of: [
                  cmp(field('classOneIpCount'), 'gte', 'classOneIpMin'),
                  { type: 'flag', field: 'reviewer.ipAppliedWithBenefit' },
                ],
              },
            ],
          },
          {
            type: 'direct',
            key: 'innovationDirect',
            title:
              '创新直通条件：近三年获得国家级科技奖励并在获奖单位中排名前三，或近三年进入“创客中国”大赛全国50强企业组名单',
          },
        ],
      },
    },
    {
      key: '链',
      title: '产业链配套：位于产业链关键环节，补短板、锻长板、填空白',
      clause: `${A}（五）`,
      level: 'V',
      check: reviewer(
        'chain',
        '位于产业链关键环节，发挥“补短板”“锻长板”“填空白”等作用，提升产业链供应链韧性和安全水平',
        'S',
      ),
    },
    {
      key: '品',
      title: '主导产品所属领域：工业“六基”、制造强国战略十大重点产业或网络强国建设领域',
      clause: `${A}（六）`,
      level: 'V',
      check: reviewer(
        'product',
        '主导产品属于工业“六基”、制造强国战略十大重点产业领域或网络强国建设相关领域',
        'S',
      ),
    },
  ],
  notes: [
    '2026年4月1日前的申请适用；2026年度小巨人复核按2022年标准把握（工信厅企业函〔2026〕117号），由批次设置选择。',
    '条件表述中的数值取自门槛值，门槛值修正后条件表述随之改变。',
  ],
};

export const LITTLE_GIANT_2022_SHEET: StandardSheet = sheetOf(LITTLE_GIANT_2022_TABLE);
