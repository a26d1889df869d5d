/**
 * 专精特新中小企业认定标准 (工信部企业〔2026〕2号 附件1) as data; rules-2026.md §3 and §9.1. The official PDF was not
 * readable when this was written: levels follow rules-2026.md ([V] = ≥ 2 sources agree or official wording quoted
 * [Oq]; [S] = one source), and every value is a threshold an administrator can correct.
 */
import type { ConditionDef, FieldDef, StandardTable } from '../engine/types';

/** Fields and conditions shared with 附件2 (小巨人): SME, base conditions. */
export const BASE_FIELDS_2026: FieldDef[] = [
  { path: 'isSme', label: '属于中小企业（工信部联企业〔2011〕300号）', unit: 'bool' },
  {
    path: 'basicConditionsMet',
    label: '符合基本条件（未列入经营异常名录或严重失信主体名单等）',
    unit: 'bool',
  },
  { path: 'nicheYears', label: '截至上年末从事特定细分市场年限', unit: 'years' },
  { path: 'lastYear.operatingRevenue', label: '上年度营业收入', unit: 'amount' },
  { path: 'lastYear.mainBusinessRevenue', label: '上年度主营业务收入', unit: 'amount' },
  { path: 'lastYear.totalAssets', label: '上年末资产总额', unit: 'amount' },
  { path: 'lastYear.totalLiabilities', label: '上年末负债总额', unit: 'amount' },
  { path: 'lastYear.rdExpense', label: '上年度研发费用', unit: 'amount' },
  { path: 'yearBefore.operatingRevenue', label: '上上年度营业收入', unit: 'amount' },
  { path: 'yearBefore.rdExpense', label: '上上年度研发费用', unit: 'amount' },
  { path: 'classOneIp', label: '与主导产品相关的Ⅰ类知识产权（项）', unit: 'count' },
  { path: 'qualityScores.0', label: '本年度专精特新发展质量评价得分', unit: 'score' },
  { path: 'qualityScores.1', label: '上年度专精特新发展质量评价得分', unit: 'score' },
];

export function baseConditions2026(annex: string): ConditionDef[] {
  return [
    {
      key: 'sme',
      title: '属于中小企业',
      clause: `${annex}；工信部联企业〔2011〕300号`,
      level: 'V',
      check: { type: 'flag', field: 'isSme' },
    },
    {
      key: 'basic',
      title:
        '申报期未被列入经营异常名录或严重失信主体名单；产品不属于禁止、限制、淘汰类；近三年未发生较大生产安全事故、重大网络和数据安全事件、重大环境违法、严重质量问题等',
      clause: `${annex}；办法基本条件、附件3说明`,
      level: 'V',
      check: { type: 'flag', field: 'basicConditionsMet' },
    },
  ];
}

const ratio = (num: string, den: string, label: string) => ({ type: 'ratio' as const, num, den, label });
const field = (f: string) => ({ type: 'field' as const, field: f });

export const SPECIALIZED_SME_2026: StandardTable = {
  id: 'specialized-sme-2026',
  tier: 'specialized-sme',
  title: '专精特新中小企业认定标准',
  documentNumber: '工信部企业〔2026〕2号 附件1',
  version: 1,
  boundary: 'higher',
  boundaryText:
    '“以上”“不低于”“不超过”含本数（≥、≤），“超过”不含本数；依民法典第一千二百五十九条的起草惯例（rules-2026.md §9.1），附件3 是否另有规定待核实',
  fields: [
    ...BASE_FIELDS_2026,
    { path: 'holdsTechOrInnovativeTitle', label: '已获得科技和创新型中小企业称号（有效期内）', unit: 'bool' },
    {
      path: 'equityInvestmentTwoYears',
      label: '近两年新增股权投资（合格机构投资者实缴额）',
      unit: 'amount',
      whenMissing: 'zero',
    },
    {
      path: 'ipExemption.provincialAwardTop3',
      label: '近三年获得省部级以上科技奖励且在获奖单位中排名前三',
      unit: 'bool',
      whenMissing: 'false',
    },
    {
      path: 'ipExemption.provincialRdInstitution',
      label: '拥有经认定的省部级以上研发机构',
      unit: 'bool',
      whenMissing: 'false',
    },
    {
      path: 'marketPositionConfirmed',
      label: '主导产品国内或国际细分市场占有率较为靠前（审核确认）',
      unit: 'bool',
    },
  ],
  params: [
    {
      key: 'nicheYearsMin',
      label: '从事细分市场年限下限',
      unit: 'years',
      value: '3',
      clause: '附件1（一）',
      level: 'V',
    },
    {
      key: 'revenueMin',
      label: '上年度营业收入下限',
      unit: 'amount',
      value: '1500',
      clause: '附件1（二）',
      level: 'V',
    },
    {
      key: 'equityMin',
      label: '近两年新增股权投资下限（营业收入未达标时）',
      unit: 'amount',
      value: '2000',
      clause: '附件1（二）',
      level: 'V',
    },
    {
      key: 'mainShareMin',
      label: '主营业务收入占营业收入比重下限',
      unit: 'percent',
      value: '80',
      clause: '附件1（二）',
      level: 'V',
    },
    {
      key: 'debtRatioMax',
      label: '上年末资产负债率上限',
      unit: 'percent',
      value: '80',
      clause: '附件1（二）',
      level: 'V',
    },
    {
      key: 'rdExpenseMin',
      label: '每年研发费用下限',
      unit: 'amount',
      value: '100',
      clause: '附件1（三）',
      level: 'V',
    },
    {
      key: 'rdIntensityMin',
      label: '每年研发费用占营业收入比重下限',
      unit: 'percent',
      value: '3',
      clause: '附件1（三）',
      level: 'V',
    },
    {
      key: 'classOneIpMin',
      label: 'Ⅰ类知识产权下限（项）',
      unit: 'count',
      value: '1',
      clause: '附件1（四）',
      level: 'V',
    },
    {
      key: 'qualityScoreMin',
      label: '质量评价得分下限',
      unit: 'score',
      value: '50',
      clause: '附件1（六）',
      level: 'V',
    },
  ],
  indicators: [],
  direct: [],
  conditions: [
    ...baseConditions2026('附件1'),
    {
      key: 'title',
      title: '已获得科技和创新型中小企业称号',
      clause: '附件1（一）',
      level: 'V',
      check: { type: 'flag', field: 'holdsTechOrInnovativeTitle' },
      note: '科技型或创新型任一称号即可（第三十条口径 [S]）；是否须同时具备两者待核实',
    },
    {
      key: 'nicheYears',
      title: '截至上年末从事特定细分市场时间达3年以上',
      clause: '附件1（一）',
      level: 'V',
      check: { type: 'compare', metric: field('nicheYears'), op: 'gte', param: 'nicheYearsMin' },
    },
    {
      key: 'revenue',
      title:
        '上年度营业收入总额达1500万元以上，或近两年新增股权投资（合格机构投资者的实缴额）总额2000万元以上',
      clause: '附件1（二）',
      level: 'V',
      check: {
        type: 'any',
        of: [
          { type: 'compare', metric: field('lastYear.operatingRevenue'), op: 'gte', param: 'revenueMin' },
          { type: 'compare', metric: field('equityInvestmentTwoYears'), op: 'gte', param: 'equityMin' },
        ],
      },
    },
    {
      key: 'mainShare',
      title: '主营业务收入总额占营业收入总额比重不低于80%',
      clause: '附件1（二）',
      level: 'V',
      check: {
        type: 'compare',
        metric: ratio(
          'lastYear.mainBusinessRevenue',
          'lastYear.operatingRevenue',
          '上年度主营业务收入占营业收入比重',
        ),
        op: 'gte',
        param: 'mainShareMin',
      },
    },
    {
      key: 'debtRatio',
      title: '上年末资产负债率不超过80%',
      clause: '附件1（二）',
      level: 'V',
      check: {
        type: 'compare',
        metric: ratio('lastYear.totalLiabilities', 'lastYear.totalAssets', '上年末资产负债率'),
        op: 'lte',
        param: 'debtRatioMax',
      },
    },
    {
      key: 'rdExpense',
      title: '近两年研发费用均不低于100万元',
      clause: '附件1（三）',
      level: 'V',
      check: {
        type: 'all',
        of: [
          { type: 'compare', metric: field('lastYear.rdExpense'), op: 'gte', param: 'rdExpenseMin' },
          { type: 'compare', metric: field('yearBefore.rdExpense'), op: 'gte', param: 'rdExpenseMin' },
        ],
      },
    },
    {
      key: 'rdIntensity',
      title: '近两年研发费用每年占营业收入比重均不低于3%',
      clause: '附件1（三）',
      level: 'V',
      check: {
        type: 'all',
        of: [
          {
            type: 'compare',
            metric: ratio('lastYear.rdExpense', 'lastYear.operatingRevenue', '上年度研发费用占营业收入比重'),
            op: 'gte',
            param: 'rdIntensityMin',
          },
          {
            type: 'compare',
            metric: ratio(
              'yearBefore.rdExpense',
              'yearBefore.operatingRevenue',
              '上上年度研发费用占营业收入比重',
            ),
            op: 'gte',
            param: 'rdIntensityMin',
          },
        ],
      },
    },
    {
      key: 'ip',
      title:
        '拥有1项以上与主导产品相关的Ⅰ类知识产权并实际应用、产生经济效益；近三年获得省部级以上科技奖励且排名前三，或拥有经认定的省部级以上研发机构的除外',
      clause: '附件1（四）',
      level: 'V',
      check: {
        type: 'any',
        of: [
          { type: 'compare', metric: field('classOneIp'), op: 'gte', param: 'classOneIpMin' },
          { type: 'flag', field: 'ipExemption.provincialAwardTop3' },
          { type: 'flag', field: 'ipExemption.provincialRdInstitution' },
        ],
      },
      note: 'Ⅰ类知识产权不含转入取得，申请企业应在权利人中排名前三（附件3 [V]）',
    },
    {
      key: 'market',
      title:
        '主导产品在国内或国际细分市场占有率较为靠前，具有一定知名度和影响力（无量化标准，由审核人员确认）',
      clause: '附件1（五）',
      level: 'V',
      check: { type: 'flag', field: 'marketPositionConfirmed' },
    },
    {
      key: 'qualityScore',
      title: '本年度中小企业专精特新发展质量评价得分不低于50分（复核：近两年任一年度不低于50分）',
      clause: '附件1（六）',
      level: 'V',
      check: { type: 'compare', metric: field('qualityScores.0'), op: 'gte', param: 'qualityScoreMin' },
      atReview: {
        type: 'any',
        of: [
          { type: 'compare', metric: field('qualityScores.0'), op: 'gte', param: 'qualityScoreMin' },
          { type: 'compare', metric: field('qualityScores.1'), op: 'gte', param: 'qualityScoreMin' },
        ],
      },
      atReviewLevel: 'S',
      atReviewText: '复核：近两年任一年度得分不低于50分即满足',
      note: '得分由优质中小企业梯度培育平台计算，本平台只录入，不计算（rules-2026.md §3.1）',
    },
  ],
  notes: [
    '依据：工信部企业〔2026〕2号附件1，2026年4月1日起新申请适用（rules-2026.md §3、§9.1）。官方PDF尚未读到原文，各值以多个来源一致为准 [V]。',
    '复核时质量评价得分“近两年任一年度不低于50分”仅有一个来源 [S]，待核实。',
    '“科技和创新型中小企业称号”按科技型或创新型任一即可理解 [S]，待核实（第三十条）。',
  ],
};
