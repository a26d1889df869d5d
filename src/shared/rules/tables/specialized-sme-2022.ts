/**
 * 专精特新中小企业认定标准 (工信部企业〔2022〕63号 附件2; rules.md §2.1–2.2) as data: four base conditions (all
 * required), the direct conditions of condition 4, and the 13-indicator score (100 points). Evaluated by the rules
 * engine; ../specialized-sme-2022.ts gives the result its stored shape.
 *
 * Options at level 'S' are [S]/[UNVERIFIED] in rules.md (indicator 5 beyond its first option and indicators 6–13
 * come from two public code repositories, not the original document) and are shown as 待核实.
 */
import { sheetOf } from '../engine/evaluate';
import type {
  BandDef,
  BasisDef,
  Check,
  IndicatorDef,
  Metric,
  ParamDef,
  StandardSheet,
  StandardTable,
  ValueUnit,
  Verification,
} from '../engine/types';

const A2 = '63号文附件2';
const IND = `${A2} 评价指标`;

/** Band edges of an indicator as parameters `${key}.${letter}` (correctable), with their level. */
function edges(
  key: string,
  name: string,
  unit: ValueUnit,
  values: [letter: string, value: string][],
  level: Verification,
  prefix = '',
): ParamDef[] {
  return values.map(([letter, value]) => ({
    key: `${key}.${prefix}${letter}`,
    label: `${name} ${letter} 档${prefix ? '（占比）' : ''}${key === 'debtRatio' ? '上限' : '下限'}`,
    unit,
    value,
    clause: IND,
    level,
  }));
}

/** Bands from their texts and points; every band but the last has the edge parameter of its letter. */
function bands(
  key: string,
  list: [letter: string, points: number, text: string][],
  level: Verification,
  prefix = '',
): BandDef[] {
  return list.map(([letter, points, text], i) => ({
    letter,
    points,
    text,
    ...(i < list.length - 1 ? { param: `${key}.${prefix}${letter}` } : {}),
    ...(level === 'S' ? { level } : {}),
  }));
}

function scored(
  key: string,
  no: number,
  category: string,
  name: string,
  max: number,
  level: Verification,
  base: Omit<BasisDef, 'key' | 'label'> & { label?: string },
): IndicatorDef {
  return {
    key,
    no,
    category,
    name,
    max,
    clause: IND,
    level,
    bases: [{ key: 'value', label: base.label ?? name, ...base }],
  };
}

const ratio = (num: string, den: string, zeroText: string): Metric => ({ type: 'ratio', num, den, zeroText });
const field = (f: string): Metric => ({ type: 'field', field: f });
const cmp = (metric: Metric, op: 'gte' | 'lte', param: string): Check => ({
  type: 'compare',
  metric,
  op,
  param,
});
const flag = (f: string): Check => ({ type: 'flag', field: f });
const is = (f: string, value: string): Check => ({ type: 'equals', field: f, value });
const ipAtLeastOne = (where: Record<string, unknown>): Check => ({
  type: 'compare',
  metric: { type: 'count', field: 'intellectualProperty', where: { relatedToMainProduct: true, ...where } },
  op: 'gte',
  literal: { value: '1', unit: 'count' },
});
const amount = (key: string, label: string, value: string, clause: string): ParamDef => ({
  key,
  label,
  unit: 'amount',
  value,
  clause,
  level: 'V',
});

export const SPECIALIZED_SME_2022_TABLE: StandardTable = {
  id: 'specialized-sme-2022',
  tier: 'specialized-sme',
  title: '专精特新中小企业认定标准（2022）',
  documentNumber: '工信部企业〔2022〕63号 附件2',
  version: 1,
  boundary: 'higher',
  boundaryText: '恰好等于分档临界值的，计入得分较高的一档；条件中“以上”“不低于”含本数（≥）',
  inputLabel: '专精特新中小企业认定',
  fields: [
    { path: 'nicheYears', label: '从事特定细分市场年限（满N年）', unit: 'count', required: true },
    { path: 'lastYear.operatingRevenue', label: '上年度营业收入', unit: 'amount', required: true },
    { path: 'lastYear.mainBusinessRevenue', label: '上年度主营业务收入', unit: 'amount', required: true },
    {
      path: 'lastYear.netProfit',
      label: '上年度净利润',
      unit: 'amount',
      required: true,
      allowNegative: true,
    },
    { path: 'lastYear.rdExpense', label: '上年度研发费用总额', unit: 'amount', required: true },
    { path: 'lastYear.totalAssets', label: '上年末资产总额', unit: 'amount', required: true },
    { path: 'lastYear.totalLiabilities', label: '上年末负债总额', unit: 'amount', required: true },
    { path: 'lastYear.employees', label: '上年末从业人员', unit: 'count', required: true },
    { path: 'lastYear.rdEmployees', label: '上年末研发人员', unit: 'count', required: true },
    { path: 'yearBefore.mainBusinessRevenue', label: '上上年度主营业务收入', unit: 'amount', required: true },
    { path: 'yearBefore.rdExpense', label: '上上年度研发费用总额', unit: 'amount', whenMissing: 'zero' },
    {
      path: 'twoYearsBefore.mainBusinessRevenue',
      label: '上上上年度主营业务收入',
      unit: 'amount',
      required: true,
    },
    { path: 'equityFinancing2Years', label: '近2年新增股权融资总额', unit: 'amount', whenMissing: 'zero' },
    {
      path: 'mainProductField',
      label: '主导产品所属领域情况',
      unit: 'enum',
      values: ['keyLink', 'sixBasics', 'none'],
      default: 'none',
    },
    {
      path: 'digitalLevel',
      label: '数字化水平等级',
      unit: 'count',
      max: 4,
      whenMissing: 'zero',
      invalidText: '数字化水平等级应为 1 至 4 级，未评测请留空',
    },
    {
      path: 'quality.provincialQualityAward',
      label: '获得省级以上质量奖荣誉',
      unit: 'bool',
      whenMissing: 'false',
    },
    {
      path: 'quality.qualitySystemCertified',
      label: '建立质量管理体系并获得ISO9001等认证',
      unit: 'bool',
      whenMissing: 'false',
    },
    { path: 'quality.ownBrand', label: '拥有自主品牌', unit: 'bool', whenMissing: 'false' },
    { path: 'quality.standardSetting', label: '参与制修订标准', unit: 'bool', whenMissing: 'false' },
    { path: 'intellectualProperty', label: '知识产权', unit: 'ipList' },
    {
      path: 'rdInstitutionLevel',
      label: '建立研发机构级别',
      unit: 'enum',
      values: ['national', 'provincial', 'municipal', 'belowMunicipal', 'none'],
      default: 'none',
    },
    {
      path: 'featurePoints',
      label: '特色化指标得分（审核人员录入）',
      unit: 'count',
      max: 15,
      invalidText: '特色化指标得分应为 0 至 15 的整数，尚未评定请留空',
    },
    { path: 'direct.provincialAwardTop3', label: '省级科技奖励排名前三', unit: 'bool', whenMissing: 'false' },
    { path: 'direct.nationalAwardTop5', label: '国家级科技奖励排名前五', unit: 'bool', whenMissing: 'false' },
    { path: 'direct.makerChinaTop500', label: '创客中国全国500强企业组', unit: 'bool', whenMissing: 'false' },
  ],
  params: [
    {
      key: 'nicheYearsMin',
      label: '从事特定细分市场年限下限',
      unit: 'years',
      value: '2',
      clause: `${A2}（一）`,
      level: 'V',
    },
    amount('rdAmountMin', '上年度研发费用总额下限', '100', `${A2}（二）`),
    {
      key: 'rdRatioMin',
      label: '上年度研发费用占营业收入比重下限',
      unit: 'percent',
      value: '3',
      clause: `${A2}（二）`,
      level: 'V',
    },
    amount('revenueMin', '上年度营业收入下限', '1000', `${A2}（三）`),
    amount('equityAltMin', '或近2年新增股权融资总额下限', '2000', `${A2}（三）`),
    {
      key: 'totalFloor',
      label: '评价得分下限',
      unit: 'score',
      value: '60',
      clause: `${A2}（四）`,
      level: 'V',
    },
    amount('directRdAverageMin', '直通条件：近两年研发费用总额均值下限', '1000', `${A2}（四）直通条件`),
    amount('directEquityMin', '直通条件：近两年新增股权融资总额下限', '6000', `${A2}（四）直通条件`),
    ...edges(
      'mainShare',
      '主营业务收入占比',
      'percent',
      [
        ['A', '80'],
        ['B', '70'],
        ['C', '60'],
      ],
      'V',
    ),
    ...edges(
      'avgGrowth',
      '近2年主营业务收入平均增长率',
      'percent',
      [
        ['A', '10'],
        ['B', '8'],
        ['C', '6'],
        ['D', '4'],
        ['E', '0'],
      ],
      'V',
    ),
    ...edges(
      'nicheYears',
      '从事特定细分市场年限',
      'years',
      [
        ['A', '10'],
        ['B', '8'],
        ['C', '6'],
        ['D', '4'],
        ['E', '2'],
      ],
      'V',
    ),
    ...edges(
      'digitalLevel',
      '数字化水平等级',
      'count',
      [
        ['A', '3'],
        ['B', '2'],
      ],
      'S',
    ),
    ...edges(
      'quality',
      '满足的质量管理项数',
      'count',
      [
        ['A', '2'],
        ['B', '1'],
      ],
      'S',
    ),
    ...edges(
      'netProfitMargin',
      '上年度净利润率',
      'percent',
      [
        ['A', '10'],
        ['B', '8'],
        ['C', '6'],
        ['D', '4'],
        ['E', '2'],
      ],
      'S',
    ),
    ...edges(
      'debtRatio',
      '上年度资产负债率',
      'percent',
      [
        ['A', '50'],
        ['B', '60'],
        ['C', '70'],
      ],
      'S',
    ),
    ...edges(
      'rdInvestment',
      '上年度研发费用总额',
      'amount',
      [
        ['A', '500'],
        ['B', '400'],
        ['C', '300'],
        ['D', '200'],
        ['E', '100'],
      ],
      'S',
    ),
    ...edges(
      'rdInvestment',
      '上年度研发费用占营业收入比重',
      'percent',
      [
        ['A', '10'],
        ['B', '8'],
        ['C', '6'],
        ['D', '4'],
        ['E', '3'],
      ],
      'S',
      'ratio.',
    ),
    ...edges(
      'rdStaffRatio',
      '上年度研发人员占比',
      'percent',
      [
        ['A', '20'],
        ['B', '10'],
        ['C', '5'],
      ],
      'S',
    ),
  ],
  categories: [
    { key: 'specialization', name: '专业化', max: 25 },
    { key: 'refinement', name: '精细化', max: 25 },
    { key: 'distinctiveness', name: '特色化', max: 15 },
    { key: 'innovation', name: '创新能力', max: 35 },
  ],
  indicators: [
    scored('mainShare', 1, 'specialization', '上年度主营业务收入总额占营业收入总额比重', 5, 'V', {
      metric: ratio(
        'lastYear.mainBusinessRevenue',
        'lastYear.operatingRevenue',
        '上年度营业收入为 0，无法计算主营业务收入占比，请审核人员人工认定',
      ),
      direction: 'atLeast',
      bands: bands(
        'mainShare',
        [
          ['A', 5, '{mainShare.A}以上'],
          ['B', 3, '{mainShare.B}–{mainShare.A}'],
          ['C', 1, '{mainShare.C}–{mainShare.B}'],
          ['D', 0, '{mainShare.C}以下'],
        ],
        'V',
      ),
    }),
    scored('avgGrowth', 2, 'specialization', '近2年主营业务收入平均增长率', 10, 'V', {
      metric: {
        type: 'meanGrowth',
        fields: [
          'twoYearsBefore.mainBusinessRevenue',
          'yearBefore.mainBusinessRevenue',
          'lastYear.mainBusinessRevenue',
        ],
        formula: 'mean',
        label: '近2年主营业务收入平均增长率',
      },
      direction: 'atLeast',
      bands: bands(
        'avgGrowth',
        [
          ['A', 10, '{avgGrowth.A}以上'],
          ['B', 8, '{avgGrowth.B}–{avgGrowth.A}'],
          ['C', 6, '{avgGrowth.C}–{avgGrowth.B}'],
          ['D', 4, '{avgGrowth.D}–{avgGrowth.C}'],
          ['E', 2, '{avgGrowth.E}–{avgGrowth.D}'],
          ['F', 0, '{avgGrowth.E}以下'],
        ],
        'V',
      ),
    }),
    // 「每满2年得1分」: the edges are full years, reached exactly.
    scored('nicheYears', 3, 'specialization', '从事特定细分市场年限', 5, 'V', {
      metric: field('nicheYears'),
      direction: 'atLeast',
      bands: bands(
        'nicheYears',
        [
          ['A', 5, '{nicheYears.A}以上'],
          ['B', 4, '{nicheYears.B}–{nicheYears.A}'],
          ['C', 3, '{nicheYears.C}–{nicheYears.B}'],
          ['D', 2, '{nicheYears.D}–{nicheYears.C}'],
          ['E', 1, '{nicheYears.E}–{nicheYears.D}'],
          ['F', 0, '{nicheYears.E}以下'],
        ],
        'V',
      ),
    }),
    scored('mainProductField', 4, 'specialization', '主导产品所属领域情况', 5, 'V', {
      direction: 'atLeast',
      bands: [
        {
          letter: 'A',
          points: 5,
          text: '在产业链供应链关键环节及关键领域“补短板”“锻长板”“填空白”取得实际成效',
          when: is('mainProductField', 'keyLink'),
        },
        {
          letter: 'B',
          points: 3,
          text: '属于工业“六基”领域、中华老字号名录或企业主导产品服务关键产业链重点龙头企业',
          when: is('mainProductField', 'sixBasics'),
        },
        { letter: 'C', points: 0, text: '不属于以上情况' },
      ],
    }),
    scored('digitalLevel', 5, 'refinement', '数字化水平', 5, 'V', {
      metric: field('digitalLevel'),
      direction: 'atLeast',
      bands: [
        { letter: 'A', points: 5, text: '三级以上', param: 'digitalLevel.A' },
        { letter: 'B', points: 3, text: '二级', param: 'digitalLevel.B', level: 'S' },
        { letter: 'C', points: 0, text: '一级（或未评测）', level: 'S' },
      ],
    }),
    scored('quality', 6, 'refinement', '质量管理水平（每满足一项加3分，最高5分）', 5, 'S', {
      metric: {
        type: 'countTrue',
        fields: [
          'quality.provincialQualityAward',
          'quality.qualitySystemCertified',
          'quality.ownBrand',
          'quality.standardSetting',
        ],
        label: '满足的质量管理项数',
      },
      direction: 'atLeast',
      bands: bands(
        'quality',
        [
          ['A', 5, '满足{quality.A}项以上'],
          ['B', 3, '满足{quality.B}项'],
          ['C', 0, '均不满足'],
        ],
        'S',
      ),
    }),
    scored('netProfitMargin', 7, 'refinement', '上年度净利润率', 10, 'S', {
      metric: ratio(
        'lastYear.netProfit',
        'lastYear.operatingRevenue',
        '上年度营业收入为 0，无法计算净利润率，请审核人员人工认定',
      ),
      direction: 'atLeast',
      bands: bands(
        'netProfitMargin',
        [
          ['A', 10, '{netProfitMargin.A}以上'],
          ['B', 8, '{netProfitMargin.B}–{netProfitMargin.A}'],
          ['C', 6, '{netProfitMargin.C}–{netProfitMargin.B}'],
          ['D', 4, '{netProfitMargin.D}–{netProfitMargin.C}'],
          ['E', 2, '{netProfitMargin.E}–{netProfitMargin.D}'],
          ['F', 0, '{netProfitMargin.E}以下'],
        ],
        'S',
      ),
    }),
    scored('debtRatio', 8, 'refinement', '上年度资产负债率', 5, 'S', {
      metric: ratio(
        'lastYear.totalLiabilities',
        'lastYear.totalAssets',
        '上年末资产总额为 0，无法计算资产负债率，请审核人员人工认定',
      ),
      direction: 'atMost',
      bands: bands(
        'debtRatio',
        [
          ['A', 5, '{debtRatio.A}以下'],
          ['B', 3, '{debtRatio.A}–{debtRatio.B}'],
          ['C', 1, '{debtRatio.B}–{debtRatio.C}'],
          ['D', 0, '{debtRatio.C}以上'],
        ],
        'S',
      ),
    }),
    {
      ...scored(
        'feature',
        9,
        'distinctiveness',
        '地方特色指标（由省级中小企业主管部门设定，审核人员录入得分）',
        15,
        'S',
        {
          label: '审核人员录入得分',
          metric: field('featurePoints'),
          direction: 'atLeast',
          pointsFromValue: true,
          rule: '满分 15 分，由省级中小企业主管部门自主设定 1–3 个指标；江苏省指标待确认，暂由审核人员录入得分',
          bands: [],
        },
      ),
      pendingReason: '特色化指标（15分）得分待审核人员评定，评定后才能得出总分',
    },
    scored('ip', 10, 'innovation', '与企业主导产品相关的有效知识产权数量', 10, 'S', {
      label: '与主导产品相关的知识产权',
      direction: 'atLeast',
      bands: [
        {
          letter: 'A',
          points: 10,
          text: 'Ⅰ类高价值知识产权1项以上',
          level: 'S',
          when: ipAtLeastOne({ class: 'I', highValue: true }),
        },
        {
          letter: 'B',
          points: 8,
          text: '自主研发Ⅰ类知识产权1项以上',
          level: 'S',
          when: ipAtLeastOne({ class: 'I', selfDeveloped: true }),
        },
        {
          letter: 'C',
          points: 6,
          text: 'Ⅰ类知识产权1项以上',
          level: 'S',
          when: ipAtLeastOne({ class: 'I' }),
        },
        {
          letter: 'D',
          points: 2,
          text: 'Ⅱ类知识产权1项以上',
          level: 'S',
          when: ipAtLeastOne({ class: 'II' }),
        },
        { letter: 'E', points: 0, text: '无', level: 'S' },
      ],
    }),
    {
      key: 'rdInvestment',
      no: 11,
      category: 'innovation',
      name: '上年度研发费用投入（总额或占比，取较高档）',
      max: 10,
      clause: IND,
      level: 'S',
      bases: [
        {
          key: 'amount',
          label: '按总额',
          metric: field('lastYear.rdExpense'),
          direction: 'atLeast',
          bands: bands(
            'rdInvestment',
            [
              ['A', 10, '总额{rdInvestment.A}以上'],
              ['B', 8, '总额{rdInvestment.B}–{rdInvestment.A}'],
              ['C', 6, '总额{rdInvestment.C}–{rdInvestment.B}'],
              ['D', 4, '总额{rdInvestment.D}–{rdInvestment.C}'],
              ['E', 2, '总额{rdInvestment.E}–{rdInvestment.D}'],
              ['F', 0, '不属于以上情况'],
            ],
            'S',
          ),
        },
        {
          key: 'ratio',
          label: '按占比',
          metric: ratio(
            'lastYear.rdExpense',
            'lastYear.operatingRevenue',
            '营业收入为 0，无法按研发费用占比计算',
          ),
          direction: 'atLeast',
          // Revenue 0: the amount alone decides (rules.md §2.2 open points [inferred]).
          optional: true,
          bands: bands(
            'rdInvestment',
            [
              ['A', 10, '占比{rdInvestment.ratio.A}以上'],
              ['B', 8, '占比{rdInvestment.ratio.B}–{rdInvestment.ratio.A}'],
              ['C', 6, '占比{rdInvestment.ratio.C}–{rdInvestment.ratio.B}'],
              ['D', 4, '占比{rdInvestment.ratio.D}–{rdInvestment.ratio.C}'],
              ['E', 2, '占比{rdInvestment.ratio.E}–{rdInvestment.ratio.D}'],
              ['F', 0, '不属于以上情况'],
            ],
            'S',
            'ratio.',
          ),
        },
      ],
    },
    scored('rdStaffRatio', 12, 'innovation', '上年度研发人员占比', 5, 'S', {
      metric: ratio(
        'lastYear.rdEmployees',
        'lastYear.employees',
        '上年末从业人员为 0，无法计算研发人员占比，请审核人员人工认定',
      ),
      direction: 'atLeast',
      bands: bands(
        'rdStaffRatio',
        [
          ['A', 5, '{rdStaffRatio.A}以上'],
          ['B', 3, '{rdStaffRatio.B}–{rdStaffRatio.A}'],
          ['C', 1, '{rdStaffRatio.C}–{rdStaffRatio.B}'],
          ['D', 0, '{rdStaffRatio.C}以下'],
        ],
        'S',
      ),
    }),
    scored('rdInstitution', 13, 'innovation', '建立研发机构级别', 10, 'S', {
      label: '研发机构级别',
      direction: 'atLeast',
      bands: [
        { letter: 'A', points: 10, text: '国家级', level: 'S', when: is('rdInstitutionLevel', 'national') },
        { letter: 'B', points: 8, text: '省级', level: 'S', when: is('rdInstitutionLevel', 'provincial') },
        { letter: 'C', points: 4, text: '市级', level: 'S', when: is('rdInstitutionLevel', 'municipal') },
        {
          letter: 'D',
          points: 2,
          text: '市级以下',
          level: 'S',
          when: is('rdInstitutionLevel', 'belowMunicipal'),
        },
        { letter: 'E', points: 0, text: '未建立', level: 'S' },
      ],
    }),
  ],
  direct: [
    {
      key: 'sciTechAward',
      text: '近三年获得过省级科技奖励并在获奖单位中排名前三，或国家级科技奖励并在获奖单位中排名前五',
      clause: `${A2}（四）直通条件1`,
      level: 'V',
      check: { type: 'any', of: [flag('direct.provincialAwardTop3'), flag('direct.nationalAwardTop5')] },
    },
    {
      key: 'rdAverage',
      text: '近两年研发费用总额均值在{directRdAverageMin}以上',
      clause: `${A2}（四）直通条件2`,
      level: 'V',
      check: cmp(
        {
          type: 'sum',
          fields: ['lastYear.rdExpense', 'yearBefore.rdExpense'],
          mean: true,
          label: '近两年研发费用总额均值',
        },
        'gte',
        'directRdAverageMin',
      ),
    },
    {
      key: 'equityFinancing',
      text: '近两年新增股权融资总额（合格机构投资者的实缴额）{directEquityMin}以上',
      clause: `${A2}（四）直通条件3`,
      level: 'V',
      check: cmp(field('equityFinancing2Years'), 'gte', 'directEquityMin'),
    },
    {
      key: 'makerChina',
      text: '近三年进入“创客中国”中小企业创新创业大赛全国500强企业组名单',
      clause: `${A2}（四）直通条件4`,
      level: 'V',
      check: flag('direct.makerChinaTop500'),
    },
  ],
  conditions: [
    {
      key: 'nicheYears',
      title: '从事特定细分市场时间达到{nicheYearsMin}以上',
      clause: `${A2}（一）`,
      level: 'V',
      check: cmp(field('nicheYears'), 'gte', 'nicheYearsMin'),
    },
    {
      key: 'rdInvestment',
      title: '上年度研发费用总额不低于{rdAmountMin}，且占营业收入总额比重不低于{rdRatioMin}',
      clause: `${A2}（二）`,
      level: 'V',
      check: {
        type: 'all',
        of: [
          cmp(field('lastYear.rdExpense'), 'gte', 'rdAmountMin'),
          cmp(
            ratio(
              'lastYear.rdExpense',
              'lastYear.operatingRevenue',
              '营业收入为 0，无法计算研发费用占比，请审核人员人工认定',
            ),
            'gte',
            'rdRatioMin',
          ),
        ],
      },
    },
    {
      key: 'revenue',
      title:
        '上年度营业收入总额在{revenueMin}以上，或近2年新增股权融资总额（合格机构投资者的实缴额）达到{equityAltMin}以上',
      clause: `${A2}（三）`,
      level: 'V',
      check: {
        type: 'any',
        of: [
          cmp(field('lastYear.operatingRevenue'), 'gte', 'revenueMin'),
          cmp(field('equityFinancing2Years'), 'gte', 'equityAltMin'),
        ],
      },
    },
    {
      key: 'scoreOrDirect',
      title: '评价得分达到{totalFloor}以上，或满足直通条件之一',
      clause: `${A2}（四）`,
      level: 'V',
      check: {
        type: 'any',
        of: [
          {
            ...cmp({ type: 'total', range: true }, 'gte', 'totalFloor'),
            key: 'byScore',
            title: '评价得分达到{totalFloor}以上',
          },
          { type: 'direct', key: 'direct', title: '满足直通条件之一' },
        ],
      },
    },
  ],
  notes: [
    '2026年4月1日前的申请适用（工信部企业〔2026〕2号施行前）。',
    '指标5第二项起、指标6–13的分档来自两个公开代码库，未见63号文原文，标为待核实。',
    '特色化指标（15分）由省级主管部门设定，江苏省（苏工信中小〔2022〕496号）原文未获取，暂由审核人员录入得分。',
  ],
};

export const SPECIALIZED_SME_2022_SHEET: StandardSheet = sheetOf(SPECIALIZED_SME_2022_TABLE);
