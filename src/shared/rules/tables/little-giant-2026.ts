/**
 * 专精特新"小巨人"企业认定标准 (工信部企业〔2026〕2号 附件2) as data; rules-2026.md §4. Numbers are [V]; the 复核
 * rules (growth not assessed, score in either year) are [S] and shown as 待核实.
 */
import type { StandardTable } from '../engine/types';
import { BASE_FIELDS_2026, baseConditions2026 } from './specialized-sme-2026';

const field = (f: string) => ({ type: 'field' as const, field: f });
const ratio = (num: string, den: string, label: string) => ({ type: 'ratio' as const, num, den, label });

export const LITTLE_GIANT_2026: StandardTable = {
  id: 'little-giant-2026',
  tier: 'little-giant',
  title: '专精特新“小巨人”企业认定标准',
  documentNumber: '工信部企业〔2026〕2号 附件2',
  version: 1,
  boundary: 'higher',
  boundaryText:
    '“以上”“不低于”“不超过”含本数（≥、≤），“超过”不含本数；依民法典第一千二百五十九条的起草惯例（rules-2026.md §9.1），附件3 是否另有规定待核实',
  fields: [
    ...BASE_FIELDS_2026,
    { path: 'holdsSpecializedTitle', label: '已获得专精特新中小企业称号（有效期内）', unit: 'bool' },
    { path: 'twoYearsBefore.operatingRevenue', label: '上上上年度营业收入', unit: 'amount' },
    {
      path: 'nationalAwardTop3',
      label: '近三年获得国家级科技奖励且在获奖单位中排名前三',
      unit: 'bool',
      whenMissing: 'false',
    },
    { path: 'marketShare', label: '主导产品国内或国际细分市场占有率', unit: 'percent' },
    { path: 'domesticTop3', label: '主导产品细分市场占有率国内前三名', unit: 'bool', whenMissing: 'false' },
    {
      path: 'fieldConfirmed',
      label:
        '主导产品属于工业“六基”或改造提升传统产业、培育壮大新兴产业、布局建设未来产业，位于产业链关键环节（审核确认）',
      unit: 'bool',
    },
  ],
  params: [
    {
      key: 'nicheYearsMin',
      label: '从事细分市场年限下限',
      unit: 'years',
      value: '3',
      clause: '附件2（一）',
      level: 'V',
    },
    {
      key: 'revenueMin',
      label: '上年度营业收入下限',
      unit: 'amount',
      value: '5000',
      clause: '附件2（二）',
      level: 'V',
    },
    {
      key: 'mainShareMin',
      label: '主营业务收入占营业收入比重下限',
      unit: 'percent',
      value: '90',
      clause: '附件2（二）',
      level: 'V',
    },
    {
      key: 'growthMin',
      label: '近两年营业收入复合增长率下限',
      unit: 'percent',
      value: '5',
      clause: '附件2（二）',
      level: 'V',
      note: '公式按“上年度÷上上上年度 ≥ (1+5%)²”计算，附件3原文公式待核实',
    },
    {
      key: 'debtRatioMax',
      label: '上年末资产负债率上限',
      unit: 'percent',
      value: '75',
      clause: '附件2（二）',
      level: 'V',
    },
    {
      key: 'rdTotalMin',
      label: '近两年研发费用合计下限',
      unit: 'amount',
      value: '1200',
      clause: '附件2（三）',
      level: 'V',
    },
    {
      key: 'rdIntensityMin',
      label: '每年研发费用占营业收入比重下限',
      unit: 'percent',
      value: '3',
      clause: '附件2（三）',
      level: 'V',
    },
    {
      key: 'classOneIpMin',
      label: 'Ⅰ类知识产权下限（项）',
      unit: 'count',
      value: '4',
      clause: '附件2（四）',
      level: 'V',
    },
    {
      key: 'marketShareMin',
      label: '细分市场占有率下限',
      unit: 'percent',
      value: '10',
      clause: '附件2（五）',
      level: 'V',
    },
    {
      key: 'qualityScoreMin',
      label: '质量评价得分下限',
      unit: 'score',
      value: '60',
      clause: '附件2（七）',
      level: 'V',
    },
  ],
  indicators: [],
  direct: [],
  conditions: [
    ...baseConditions2026('附件2'),
    {
      key: 'title',
      title: '已获得有效期内的专精特新中小企业称号',
      clause: '附件2（一）',
      level: 'V',
      check: { type: 'flag', field: 'holdsSpecializedTitle' },
    },
    {
      key: 'nicheYears',
      title: '截至上年末从事特定细分市场时间达3年以上',
      clause: '附件2（一）',
      level: 'V',
      check: { type: 'compare', metric: field('nicheYears'), op: 'gte', param: 'nicheYearsMin' },
      note: '2022年“补短板、填空白”企业放宽至2年的规定已取消 [S]',
    },
    {
      key: 'revenue',
      title: '上年度营业收入5000万元以上',
      clause: '附件2（二）',
      level: 'V',
      check: { type: 'compare', metric: field('lastYear.operatingRevenue'), op: 'gte', param: 'revenueMin' },
    },
    {
      key: 'mainShare',
      title: '主营业务收入占营业收入比重不低于90%',
      clause: '附件2（二）',
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
      key: 'growth',
      title: '近两年营业收入复合增长率不低于5%（复核时不评价）',
      clause: '附件2（二）',
      level: 'V',
      check: {
        type: 'compare',
        metric: {
          type: 'growth',
          from: 'twoYearsBefore.operatingRevenue',
          to: 'lastYear.operatingRevenue',
          years: 2,
          label: '近两年营业收入复合增长率',
        },
        op: 'gte',
        param: 'growthMin',
      },
      atReview: 'notAssessed',
      atReviewLevel: 'S',
      atReviewText: '复核时不评价营业收入复合增长率',
    },
    {
      key: 'debtRatio',
      title: '上年末资产负债率不超过75%',
      clause: '附件2（二）',
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
      title: '近两年研发费用总额不低于1200万元',
      clause: '附件2（三）',
      level: 'V',
      check: {
        type: 'compare',
        metric: {
          type: 'sum',
          fields: ['lastYear.rdExpense', 'yearBefore.rdExpense'],
          label: '近两年研发费用合计',
        },
        op: 'gte',
        param: 'rdTotalMin',
      },
    },
    {
      key: 'rdIntensity',
      title: '近两年每年研发费用占营业收入比重均不低于3%',
      clause: '附件2（三）',
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
        '拥有4项以上与主导产品相关的Ⅰ类知识产权并实际应用、产生经济效益；近三年获得国家级科技奖励且在获奖单位中排名前三的除外',
      clause: '附件2（四）',
      level: 'V',
      check: {
        type: 'any',
        of: [
          { type: 'compare', metric: field('classOneIp'), op: 'gte', param: 'classOneIpMin' },
          { type: 'flag', field: 'nationalAwardTop3' },
        ],
      },
      note: 'Ⅰ类知识产权不含转入取得，申请企业应在权利人中排名前三（附件3 [V]）',
    },
    {
      key: 'market',
      title: '主导产品在国内或国际细分市场占有率10%以上，或国内前三名',
      clause: '附件2（五）',
      level: 'V',
      check: {
        type: 'any',
        of: [
          { type: 'compare', metric: field('marketShare'), op: 'gte', param: 'marketShareMin' },
          { type: 'flag', field: 'domesticTop3' },
        ],
      },
    },
    {
      key: 'field',
      title:
        '主导产品属于工业“六基”领域或改造提升传统产业、培育壮大新兴产业、布局建设未来产业，位于产业链关键环节（审核确认）',
      clause: '附件2（六）',
      level: 'S',
      check: { type: 'flag', field: 'fieldConfirmed' },
      note: '所列领域 [V]；条文措辞仅一个来源 [S]',
    },
    {
      key: 'qualityScore',
      title: '当年度专精特新发展质量评价得分不低于60分（复核：近两年任一年度不低于60分）',
      clause: '附件2（七）',
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
      atReviewText: '复核：近两年任一年度得分不低于60分即满足',
    },
  ],
  notes: [
    '依据：工信部企业〔2026〕2号附件2，2026年4月1日起新申请适用（rules-2026.md §4）。',
    '2026年度小巨人复核按2022年标准把握（工信厅企业函〔2026〕117号）：由批次设置选择，不在本表内。',
    '复核时不评价复合增长率、质量评价得分取近两年任一年度，均仅一个来源 [S]，待核实。',
    '复合增长率公式按“上年度÷上上上年度 ≥ (1+5%)²”计算，附件3原文待核实。',
  ],
};
