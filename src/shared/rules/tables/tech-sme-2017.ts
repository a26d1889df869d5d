/**
 * 科技型中小企业评价 (国科发政〔2017〕115号 第六–八条) as data; rules-2026.md §2.2. The 2026 ladder's 科技型 tier
 * still uses it (2号 第三十条 [S]; "无门槛变化" [V: R2, R3]).
 */
import type { BandDef, StandardTable } from '../engine/types';

const band = (letter: string, points: number, text: string, param?: string): BandDef =>
  param ? { letter, points, text, param } : { letter, points, text };

const P7 = '第七条';

export const TECH_SME_2017: StandardTable = {
  id: 'tech-sme-2017',
  tier: 'tech-sme',
  title: '科技型中小企业评价标准',
  documentNumber: '国科发政〔2017〕115号',
  version: 1,
  boundary: 'higher',
  boundaryText: '分档下限含本数（第七条各档“（含）”）；规模上限“不超过”含本数',
  fields: [
    { path: 'employees', label: '职工总数', unit: 'count' },
    { path: 'techStaff', label: '科技人员数', unit: 'count' },
    { path: 'salesRevenue', label: '年销售收入', unit: 'amount' },
    { path: 'totalAssets', label: '资产总额', unit: 'amount' },
    { path: 'rdExpense', label: '研发费用总额', unit: 'amount' },
    { path: 'totalCost', label: '成本费用支出总额', unit: 'amount' },
    { path: 'ip.classOne', label: '与主要产品相关的Ⅰ类知识产权', unit: 'count', whenMissing: 'zero' },
    { path: 'ip.classTwo', label: '与主要产品相关的Ⅱ类知识产权', unit: 'count', whenMissing: 'zero' },
    { path: 'basicConditionsMet', label: '符合第六条（一）（三）（四）基本条件', unit: 'bool' },
    {
      path: 'direct.highTech',
      label: '拥有有效期内高新技术企业资格证书',
      unit: 'bool',
      whenMissing: 'false',
    },
    {
      path: 'direct.nationalAwardTop3',
      label: '近五年内获得过国家级科技奖励并在获奖单位中排名前三',
      unit: 'bool',
      whenMissing: 'false',
    },
    {
      path: 'direct.provincialRdInstitution',
      label: '拥有经认定的省部级以上研发机构',
      unit: 'bool',
      whenMissing: 'false',
    },
    {
      path: 'direct.ledStandard',
      label: '近五年内主导制定过国际标准、国家标准或行业标准',
      unit: 'bool',
      whenMissing: 'false',
    },
  ],
  params: [
    {
      key: 'employeesMax',
      label: '职工总数上限',
      unit: 'count',
      value: '500',
      clause: '第六条（二）',
      level: 'V',
    },
    {
      key: 'salesMax',
      label: '年销售收入上限',
      unit: 'amount',
      value: '20000',
      clause: '第六条（二）',
      level: 'V',
    },
    {
      key: 'assetsMax',
      label: '资产总额上限',
      unit: 'amount',
      value: '20000',
      clause: '第六条（二）',
      level: 'V',
    },
    {
      key: 'totalMin',
      label: '综合评价得分下限',
      unit: 'score',
      value: '60',
      clause: '第六条（五）',
      level: 'V',
    },
    ...(
      [
        ['A', '30'],
        ['B', '25'],
        ['C', '20'],
        ['D', '15'],
        ['E', '10'],
      ] as const
    ).map(([l, v]) => ({
      key: `techStaff.${l}`,
      label: `科技人员占比 ${l} 档下限`,
      unit: 'percent' as const,
      value: v,
      clause: P7,
      level: 'V' as const,
    })),
    ...(
      [
        ['A', '6'],
        ['B', '5'],
        ['C', '4'],
        ['D', '3'],
        ['E', '2'],
      ] as const
    ).map(([l, v]) => ({
      key: `rdSales.${l}`,
      label: `研发费用占销售收入比重 ${l} 档下限`,
      unit: 'percent' as const,
      value: v,
      clause: P7,
      level: 'V' as const,
    })),
    ...(
      [
        ['A', '30'],
        ['B', '25'],
        ['C', '20'],
        ['D', '15'],
        ['E', '10'],
      ] as const
    ).map(([l, v]) => ({
      key: `rdCost.${l}`,
      label: `研发费用占成本费用支出比重 ${l} 档下限`,
      unit: 'percent' as const,
      value: v,
      clause: P7,
      level: 'V' as const,
    })),
    {
      key: 'ipOne.A',
      label: 'Ⅰ类知识产权 A 档下限（项）',
      unit: 'count',
      value: '1',
      clause: P7,
      level: 'V',
    },
    ...(
      [
        ['B', '4'],
        ['C', '3'],
        ['D', '2'],
        ['E', '1'],
      ] as const
    ).map(([l, v]) => ({
      key: `ipTwo.${l}`,
      label: `Ⅱ类知识产权 ${l} 档下限（项）`,
      unit: 'count' as const,
      value: v,
      clause: P7,
      level: 'V' as const,
    })),
  ],
  indicators: [
    {
      key: 'techStaff',
      name: '科技人员指标',
      max: 20,
      clause: P7,
      level: 'V',
      bases: [
        {
          key: 'ratio',
          label: '科技人员数占职工总数比例',
          metric: { type: 'ratio', num: 'techStaff', den: 'employees', label: '科技人员数 ÷ 职工总数' },
          direction: 'atLeast',
          bands: [
            band('A', 20, '30%以上', 'techStaff.A'),
            band('B', 16, '25%（含）–30%', 'techStaff.B'),
            band('C', 12, '20%（含）–25%', 'techStaff.C'),
            band('D', 8, '15%（含）–20%', 'techStaff.D'),
            band('E', 4, '10%（含）–15%', 'techStaff.E'),
            band('F', 0, '10%以下'),
          ],
        },
      ],
    },
    {
      key: 'rd',
      name: '研发投入指标（企业从两种比例中选一项，取较高得分）',
      max: 50,
      clause: P7,
      level: 'V',
      bases: [
        {
          key: 'sales',
          label: '研发费用总额占销售收入总额比重',
          metric: { type: 'ratio', num: 'rdExpense', den: 'salesRevenue', label: '研发费用 ÷ 销售收入' },
          direction: 'atLeast',
          bands: [
            band('A', 50, '6%以上', 'rdSales.A'),
            band('B', 40, '5%（含）–6%', 'rdSales.B'),
            band('C', 30, '4%（含）–5%', 'rdSales.C'),
            band('D', 20, '3%（含）–4%', 'rdSales.D'),
            band('E', 10, '2%（含）–3%', 'rdSales.E'),
            band('F', 0, '2%以下'),
          ],
        },
        {
          key: 'cost',
          label: '研发费用总额占成本费用支出总额比重',
          metric: { type: 'ratio', num: 'rdExpense', den: 'totalCost', label: '研发费用 ÷ 成本费用支出' },
          direction: 'atLeast',
          bands: [
            band('A', 50, '30%以上', 'rdCost.A'),
            band('B', 40, '25%（含）–30%', 'rdCost.B'),
            band('C', 30, '20%（含）–25%', 'rdCost.C'),
            band('D', 20, '15%（含）–20%', 'rdCost.D'),
            band('E', 10, '10%（含）–15%', 'rdCost.E'),
            band('F', 0, '10%以下'),
          ],
        },
      ],
    },
    {
      key: 'ip',
      name: '科技成果指标（与主要产品相关的有效知识产权）',
      max: 30,
      clause: P7,
      level: 'V',
      bases: [
        {
          key: 'classOne',
          label: 'Ⅰ类知识产权',
          metric: { type: 'field', field: 'ip.classOne' },
          direction: 'atLeast',
          bands: [band('A', 30, '1项及以上Ⅰ类知识产权', 'ipOne.A'), band('F', 0, '没有Ⅰ类知识产权')],
        },
        {
          key: 'classTwo',
          label: 'Ⅱ类知识产权',
          metric: { type: 'field', field: 'ip.classTwo' },
          direction: 'atLeast',
          bands: [
            band('B', 24, '4项及以上Ⅱ类知识产权', 'ipTwo.B'),
            band('C', 18, '3项Ⅱ类知识产权', 'ipTwo.C'),
            band('D', 12, '2项Ⅱ类知识产权', 'ipTwo.D'),
            band('E', 6, '1项Ⅱ类知识产权', 'ipTwo.E'),
            band('F', 0, '没有知识产权'),
          ],
        },
      ],
    },
  ],
  direct: [
    {
      key: 'highTech',
      text: '拥有有效期内高新技术企业资格证书',
      clause: '第八条（一）',
      level: 'V',
      check: { type: 'flag', field: 'direct.highTech' },
    },
    {
      key: 'nationalAwardTop3',
      text: '近五年内获得过国家级科技奖励，并在获奖单位中排在前三名',
      clause: '第八条（二）',
      level: 'V',
      check: { type: 'flag', field: 'direct.nationalAwardTop3' },
    },
    {
      key: 'provincialRdInstitution',
      text: '拥有经认定的省部级以上研发机构',
      clause: '第八条（三）',
      level: 'V',
      check: { type: 'flag', field: 'direct.provincialRdInstitution' },
    },
    {
      key: 'ledStandard',
      text: '近五年内主导制定过国际标准、国家标准或行业标准',
      clause: '第八条（四）',
      level: 'V',
      check: { type: 'flag', field: 'direct.ledStandard' },
    },
  ],
  conditions: [
    {
      key: 'basic',
      title:
        '境内居民企业；产品和服务不属于禁止、限制和淘汰类；未发生重大安全、质量事故和严重环境违法、科研严重失信行为，未列入经营异常名录和严重违法失信企业名单',
      clause: '第六条（一）（三）（四）',
      level: 'V',
      check: { type: 'flag', field: 'basicConditionsMet' },
    },
    {
      key: 'size',
      title: '职工总数不超过500人、年销售收入不超过2亿元、资产总额不超过2亿元',
      clause: '第六条（二）',
      level: 'V',
      check: {
        type: 'all',
        of: [
          {
            type: 'compare',
            metric: { type: 'field', field: 'employees' },
            op: 'lte',
            param: 'employeesMax',
          },
          { type: 'compare', metric: { type: 'field', field: 'salesRevenue' }, op: 'lte', param: 'salesMax' },
          { type: 'compare', metric: { type: 'field', field: 'totalAssets' }, op: 'lte', param: 'assetsMax' },
        ],
      },
    },
    {
      key: 'score',
      title: '综合评价得分不低于60分且科技人员指标得分不为0分，或满足第八条直接确认条件之一',
      clause: '第六条（五）、第八条',
      level: 'V',
      check: {
        type: 'any',
        of: [
          { type: 'direct' },
          {
            type: 'all',
            of: [
              { type: 'compare', metric: { type: 'total' }, op: 'gte', param: 'totalMin' },
              {
                type: 'compare',
                metric: { type: 'points', indicator: 'techStaff' },
                op: 'gt',
                literal: { value: '0', unit: 'score' },
              },
            ],
          },
        ],
      },
    },
  ],
  notes: [
    '依据：国科发政〔2017〕115号第六至八条（rules-2026.md §2.2，多个转载来源一致 [V]）。',
    '研发投入指标取“研发费用÷销售收入”与“研发费用÷成本费用支出”中得分较高者；得分相同时按销售收入口径。',
    '入库登记编号有效期一年（第十一条 [S]）。',
  ],
};
