/**
 * 创新型中小企业评价标准 (工信部企业〔2022〕63号 附件1; rules.md §1) as data: six indicators in three categories
 * (100 points), the floors, the four 直通 conditions. Evaluated by the rules engine; ../innovative-sme-2022.ts
 * gives the result the shape stored evaluations, the review pages and the 申报书 read. Parameter keys are those
 * of the stored corrections (standard_versions): never rename one.
 */
import { sheetOf } from '../engine/evaluate';
import type { BandDef, Check, Metric, ParamDef, StandardSheet, StandardTable } from '../engine/types';

const A1 = '63号文附件1';
const BANDS = `${A1} 评价指标`;

const pct = (key: string, label: string, value: string): ParamDef => ({
  key,
  label,
  unit: 'percent',
  value,
  clause: BANDS,
  level: 'V',
});
const score = (key: string, label: string, value: string): ParamDef => ({
  key,
  label,
  unit: 'score',
  value,
  clause: `${A1}（一）`,
  level: 'V',
});
const ratio = (num: string, den: string, zeroText: string): Metric => ({ type: 'ratio', num, den, zeroText });
const band = (letter: string, points: number, text: string, param?: string): BandDef => ({
  letter,
  points,
  text,
  ...(param ? { param } : {}),
});
const atLeastOne = (where: Record<string, unknown>): Check => ({
  type: 'compare',
  metric: { type: 'count', field: 'intellectualProperty', where: { relatedToMainProduct: true, ...where } },
  op: 'gte',
  literal: { value: '1', unit: 'count' },
});
const cmp = (metric: Metric, op: 'gte' | 'lte', param: string, title?: string): Check => ({
  type: 'compare',
  metric,
  op,
  param,
  ...(title ? { title } : {}),
});
const flag = (field: string): Check => ({ type: 'flag', field });

const MAIN_SHARE_ZERO =
  '上年度营业收入为 0，无法计算主营业务收入占营业收入比重，请审核人员核实财务数据后人工认定';

export const INNOVATIVE_SME_2022_TABLE: StandardTable = {
  id: 'innovative-sme-2022',
  tier: 'innovative-sme',
  title: '创新型中小企业评价标准',
  documentNumber: '工信部企业〔2022〕63号 附件1',
  version: 1,
  boundary: 'higher',
  boundaryText: '恰好等于分档临界值的，计入得分较高的一档（rules.md §1.2，[S] 待核实）',
  inputLabel: '创新型中小企业评价',
  fields: [
    { path: 'intellectualProperty', label: '知识产权', unit: 'ipList' },
    { path: 'lastYear.operatingRevenue', label: '上年度营业收入', unit: 'amount', required: true },
    { path: 'lastYear.rdExpense', label: '上年度研发费用总额', unit: 'amount', required: true },
    { path: 'lastYear.mainBusinessRevenue', label: '上年度主营业务收入', unit: 'amount', required: true },
    { path: 'lastYear.totalAssets', label: '上年末资产总额', unit: 'amount', required: true },
    { path: 'lastYear.totalLiabilities', label: '上年末负债总额', unit: 'amount', required: true },
    { path: 'yearBefore.mainBusinessRevenue', label: '上上年度主营业务收入', unit: 'amount', required: true },
    {
      path: 'mainProductStrategicEmerging',
      label: '主导产品是否属于《战略性新兴产业分类》',
      unit: 'bool',
      required: true,
    },
    {
      path: 'direct.sciTechAwardWithin3Years',
      label: '近三年内获得国家级、省级科技奖励',
      unit: 'bool',
      whenMissing: 'false',
    },
    { path: 'direct.validHonor', label: '有效期内的高新技术企业等荣誉', unit: 'bool', whenMissing: 'false' },
    {
      path: 'direct.provincialRdInstitution',
      label: '经认定的省部级以上研发机构',
      unit: 'bool',
      whenMissing: 'false',
    },
    {
      path: 'direct.equityFinancing3Years',
      label: '近三年新增股权融资总额',
      unit: 'amount',
      whenMissing: 'zero',
    },
  ],
  params: [
    score('totalFloor', '评价总分下限', '60'),
    score('floor.innovation', '创新能力指标得分下限', '20'),
    score('floor.growth', '成长性指标得分下限', '15'),
    score('floor.specialization', '专业化指标得分下限', '15'),
    pct('rdRatio.A', '上年度研发费用总额占营业收入总额比重 A 档（5%以上）下限', '5'),
    pct('rdRatio.B', '上年度研发费用总额占营业收入总额比重 B 档（3%–5%）下限', '3'),
    pct('rdRatio.C', '上年度研发费用总额占营业收入总额比重 C 档（2%–3%）下限', '2'),
    pct('rdRatio.D', '上年度研发费用总额占营业收入总额比重 D 档（1%–2%）下限', '1'),
    pct('growth.A', '上年度主营业务收入增长率 A 档（15%以上）下限', '15'),
    pct('growth.B', '上年度主营业务收入增长率 B 档（10%–15%）下限', '10'),
    pct('growth.C', '上年度主营业务收入增长率 C 档（5%–10%）下限', '5'),
    pct('growth.D', '上年度主营业务收入增长率 D 档（0%–5%）下限', '0'),
    pct('debtRatio.A', '上年度资产负债率 A 档（55%以下）上限', '55'),
    pct('debtRatio.B', '上年度资产负债率 B 档（55%–75%）上限', '75'),
    pct('mainShare.A', '上年度主营业务收入总额占营业收入总额比重 A 档（70%以上）下限', '70'),
    pct('mainShare.B', '上年度主营业务收入总额占营业收入总额比重 B 档（60%–70%）下限', '60'),
    pct('mainShare.C', '上年度主营业务收入总额占营业收入总额比重 C 档（55%–60%）下限', '55'),
    pct('mainShare.D', '上年度主营业务收入总额占营业收入总额比重 D 档（50%–55%）下限', '50'),
    {
      key: 'equityFinancingMin',
      label: '直通条件：近三年新增股权融资总额下限',
      unit: 'amount',
      value: '500',
      clause: `${A1}（二）4`,
      level: 'V',
    },
  ],
  categories: [
    { key: 'innovation', name: '创新能力', max: 40 },
    { key: 'growth', name: '成长性', max: 30 },
    { key: 'specialization', name: '专业化', max: 30 },
  ],
  indicators: [
    {
      key: 'ip',
      category: 'innovation',
      name: '与企业主导产品相关的有效知识产权数量',
      max: 20,
      clause: BANDS,
      level: 'V',
      bases: [
        {
          key: 'options',
          label: '与主导产品相关的知识产权',
          direction: 'atLeast',
          rule: 'A. Ⅰ类高价值知识产权1项以上 20分；B. 自主研发的Ⅰ类知识产权1项以上 15分；C. Ⅰ类知识产权1项以上 10分；D. Ⅱ类知识产权1项以上 5分；E. 无 0分（只计与主导产品相关的知识产权；Ⅱ类知识产权只能计入 D 档）',
          bands: [
            {
              ...band('A', 20, 'Ⅰ类高价值知识产权1项以上'),
              when: atLeastOne({ class: 'I', highValue: true }),
            },
            {
              ...band('B', 15, '自主研发的Ⅰ类知识产权1项以上'),
              when: atLeastOne({ class: 'I', selfDeveloped: true }),
            },
            { ...band('C', 10, 'Ⅰ类知识产权1项以上'), when: atLeastOne({ class: 'I' }) },
            { ...band('D', 5, 'Ⅱ类知识产权1项以上'), when: atLeastOne({ class: 'II' }) },
            band('E', 0, '无'),
          ],
        },
      ],
    },
    {
      key: 'rdRatio',
      category: 'innovation',
      name: '上年度研发费用总额占营业收入总额比重',
      max: 20,
      clause: BANDS,
      level: 'V',
      bases: [
        {
          key: 'ratio',
          label: '研发费用占营业收入比重',
          metric: ratio(
            'lastYear.rdExpense',
            'lastYear.operatingRevenue',
            '上年度营业收入为 0，无法计算研发费用占营业收入比重，请审核人员核实财务数据后人工认定',
          ),
          direction: 'atLeast',
          bands: [
            band('A', 20, '{rdRatio.A}以上', 'rdRatio.A'),
            band('B', 15, '{rdRatio.B}–{rdRatio.A}', 'rdRatio.B'),
            band('C', 10, '{rdRatio.C}–{rdRatio.B}', 'rdRatio.C'),
            band('D', 5, '{rdRatio.D}–{rdRatio.C}', 'rdRatio.D'),
            band('E', 0, '{rdRatio.D}以下'),
          ],
        },
      ],
    },
    {
      key: 'growth',
      category: 'growth',
      name: '上年度主营业务收入增长率',
      max: 20,
      clause: BANDS,
      level: 'V',
      bases: [
        {
          key: 'growth',
          label: '主营业务收入增长率',
          metric: {
            type: 'growth',
            from: 'yearBefore.mainBusinessRevenue',
            to: 'lastYear.mainBusinessRevenue',
            years: 1,
            zeroText:
              '上上年度主营业务收入为 0，无法计算主营业务收入增长率（公式：(上年度−上上年度)÷上上年度），请审核人员人工认定',
          },
          direction: 'atLeast',
          bands: [
            band('A', 20, '{growth.A}以上', 'growth.A'),
            band('B', 15, '{growth.B}–{growth.A}', 'growth.B'),
            band('C', 10, '{growth.C}–{growth.B}', 'growth.C'),
            band('D', 5, '{growth.D}–{growth.C}', 'growth.D'),
            band('E', 0, '{growth.D}以下'),
          ],
        },
      ],
    },
    {
      key: 'debtRatio',
      category: 'growth',
      name: '上年度资产负债率',
      max: 10,
      clause: BANDS,
      level: 'V',
      bases: [
        {
          key: 'ratio',
          label: '资产负债率',
          metric: ratio(
            'lastYear.totalLiabilities',
            'lastYear.totalAssets',
            '上年末资产总额为 0，无法计算资产负债率，请审核人员核实财务数据后人工认定',
          ),
          direction: 'atMost',
          bands: [
            band('A', 10, '{debtRatio.A}以下', 'debtRatio.A'),
            band('B', 5, '{debtRatio.A}–{debtRatio.B}', 'debtRatio.B'),
            band('C', 0, '{debtRatio.B}以上'),
          ],
        },
      ],
    },
    {
      key: 'field',
      category: 'specialization',
      name: '主导产品所属领域情况',
      max: 10,
      clause: BANDS,
      level: 'V',
      bases: [
        {
          key: 'options',
          label: '主导产品所属领域',
          direction: 'atLeast',
          bands: [
            { ...band('A', 10, '属于《战略性新兴产业分类》'), when: flag('mainProductStrategicEmerging') },
            band('B', 5, '属于其他领域'),
          ],
        },
      ],
    },
    {
      key: 'mainShare',
      category: 'specialization',
      name: '上年度主营业务收入总额占营业收入总额比重',
      max: 20,
      clause: BANDS,
      level: 'V',
      bases: [
        {
          key: 'ratio',
          label: '主营业务收入占营业收入比重',
          metric: {
            ...(ratio(
              'lastYear.mainBusinessRevenue',
              'lastYear.operatingRevenue',
              MAIN_SHARE_ZERO,
            ) as Metric & { type: 'ratio' }),
            // 主营业务收入 is part of 营业收入: a larger figure is impossible data, never a full-marks share.
            impossibleAbove: {
              percent: '100',
              reason:
                '上年度主营业务收入大于营业收入（主营业务收入应包含在营业收入之内），数据不合理，无法计算主营业务收入占比，请审核人员核实财务报表后人工认定',
            },
          },
          direction: 'atLeast',
          bands: [
            band('A', 20, '{mainShare.A}以上', 'mainShare.A'),
            band('B', 15, '{mainShare.B}–{mainShare.A}', 'mainShare.B'),
            band('C', 10, '{mainShare.C}–{mainShare.B}', 'mainShare.C'),
            band('D', 5, '{mainShare.D}–{mainShare.C}', 'mainShare.D'),
            band('E', 0, '{mainShare.D}以下'),
          ],
        },
      ],
    },
  ],
  direct: [
    {
      key: 'sciTechAward',
      text: '近三年内获得过国家级、省级科技奖励',
      clause: `${A1}（二）1`,
      level: 'V',
      check: flag('direct.sciTechAwardWithin3Years'),
    },
    {
      key: 'validHonor',
      text: '获得高新技术企业、国家级技术创新示范企业、知识产权优势企业和知识产权示范企业等荣誉（均为有效期内）',
      clause: `${A1}（二）2`,
      level: 'V',
      check: flag('direct.validHonor'),
    },
    {
      key: 'rdInstitution',
      text: '拥有经认定的省部级以上研发机构',
      clause: `${A1}（二）3`,
      level: 'V',
      check: flag('direct.provincialRdInstitution'),
    },
    {
      key: 'equityFinancing',
      text: '近三年新增股权融资总额（合格机构投资者的实缴额）{equityFinancingMin}以上',
      clause: `${A1}（二）4`,
      level: 'V',
      check: cmp({ type: 'field', field: 'direct.equityFinancing3Years' }, 'gte', 'equityFinancingMin'),
    },
  ],
  conditions: [
    {
      key: 'score',
      title:
        '评价得分达到{totalFloor}以上，且创新能力不低于{floor.innovation}、成长性不低于{floor.growth}、专业化不低于{floor.specialization}；或满足直通条件之一',
      clause: `${A1}（一）（二）`,
      level: 'V',
      check: {
        type: 'any',
        of: [
          {
            type: 'all',
            key: 'byScore',
            title: '评价得分达到{totalFloor}以上，且各类指标得分达到下限',
            of: [
              cmp({ type: 'total' }, 'gte', 'totalFloor'),
              cmp({ type: 'category', key: 'innovation' }, 'gte', 'floor.innovation'),
              cmp({ type: 'category', key: 'growth' }, 'gte', 'floor.growth'),
              cmp({ type: 'category', key: 'specialization' }, 'gte', 'floor.specialization'),
            ],
          },
          { type: 'direct', key: 'direct', title: '满足直通条件之一' },
        ],
      },
    },
    {
      // Impossible figures hold the conclusion for a person even when a direct condition is met (issue 16
      // item 4): the filing's data cannot be trusted as given. Never unmet: a ratio above 100% is pending.
      key: 'plausible',
      title: '上年度主营业务收入不大于营业收入（数据合理）',
      clause: `${A1} 评价指标说明`,
      level: 'V',
      check: {
        type: 'any',
        of: [
          {
            type: 'compare',
            metric: { type: 'field', field: 'lastYear.operatingRevenue' },
            op: 'lte',
            literal: { value: '0', unit: 'amount' },
          },
          {
            type: 'compare',
            metric: {
              type: 'ratio',
              num: 'lastYear.mainBusinessRevenue',
              den: 'lastYear.operatingRevenue',
              zeroText: MAIN_SHARE_ZERO,
              impossibleAbove: {
                percent: '100',
                reason:
                  '上年度主营业务收入大于营业收入（主营业务收入应包含在营业收入之内），数据不合理，无法计算主营业务收入占比，请审核人员核实财务报表后人工认定',
              },
            },
            op: 'lte',
            literal: { value: '100', unit: 'percent' },
          },
        ],
      },
    },
  ],
  warnings: [
    {
      check: {
        type: 'compare',
        metric: { type: 'diff', a: 'lastYear.mainBusinessRevenue', b: 'lastYear.operatingRevenue' },
        op: 'lte',
        literal: { value: '0', unit: 'amount' },
      },
      text: '上年度主营业务收入大于营业收入，主营业务收入应包含在营业收入之内，请核对财务报表',
    },
    {
      check: {
        type: 'any',
        of: [
          {
            type: 'compare',
            metric: { type: 'field', field: 'lastYear.totalAssets' },
            op: 'lte',
            literal: { value: '0', unit: 'amount' },
          },
          {
            type: 'compare',
            metric: { type: 'diff', a: 'lastYear.totalLiabilities', b: 'lastYear.totalAssets' },
            op: 'lte',
            literal: { value: '0', unit: 'amount' },
          },
        ],
      },
      text: '负债总额大于资产总额（资不抵债），资产负债率超过100%，请核对财务报表',
    },
  ],
  notes: [
    '2026年4月1日后，合并的科技和创新型中小企业标准出台前继续沿用（工信部企业〔2026〕2号第三十条 [S]）。',
    '分档临界值计入较高一档的约定为 [S]，待核实。',
  ],
};

export const INNOVATIVE_SME_2022_SHEET: StandardSheet = sheetOf(INNOVATIVE_SME_2022_TABLE);
