/**
 * 专精特新"小巨人"企业认定 (工信部企业〔2022〕63号 附件3): its thresholds as a parameter sheet (clause and level
 * each), correctable and versioned like the tables; the evaluator and result shape stay those of
 * ../little-giant-2022.ts. Used for applications before 2026-04-01 and, by a campaign's choice, for the 2026 复核
 * cohort (工信厅企业函〔2026〕117号).
 */
import { amountToCents, centsToAmount } from '../../money';
import { evaluateLittleGiant, LITTLE_GIANT_2022, type LittleGiantStandardData } from '../little-giant-2022';
import { resolveSheetParams, thresholdsOf } from '../engine/evaluate';
import type { ParamDef, StandardSheet, ThresholdUsed } from '../engine/types';

const A = '63号文附件3';
const amount = (c: bigint) => centsToAmount(c).replace(/\.00$/, '');
const p = (
  key: string,
  label: string,
  unit: ParamDef['unit'],
  value: string,
  clause: string,
  level: 'V' | 'S' = 'V',
  note?: string,
): ParamDef => ({
  key,
  label,
  unit,
  value,
  clause,
  level,
  ...(note ? { note } : {}),
});

export const LITTLE_GIANT_2022_SHEET: StandardSheet = {
  id: 'little-giant-2022',
  tier: 'little-giant',
  title: '专精特新“小巨人”企业认定标准（2022）',
  documentNumber: '工信部企业〔2022〕63号 附件3',
  version: 1,
  boundaryText: '“以上”“不低于”含本数（≥），“不高于”含本数（≤）',
  params: [
    p(
      'nicheYearsMin',
      '从事细分市场年限下限',
      'years',
      String(LITTLE_GIANT_2022.nicheYearsMin),
      `${A}（一）专`,
    ),
    p(
      'mainShareMin',
      '主营业务收入占营业收入比重下限',
      'percent',
      LITTLE_GIANT_2022.mainShareMin,
      `${A}（一）专`,
    ),
    p(
      'avgGrowthMin',
      '近2年主营业务收入平均增长率下限',
      'percent',
      LITTLE_GIANT_2022.avgGrowthMin,
      `${A}（一）专`,
    ),
    p('debtRatioMax', '资产负债率上限', 'percent', LITTLE_GIANT_2022.debtRatioMax, `${A}（二）精`),
    p(
      'marketShareMin',
      '全国细分市场占有率下限',
      'percent',
      LITTLE_GIANT_2022.marketShareMin,
      `${A}（三）特`,
    ),
    p(
      'revenueLarge',
      '研发强度分档：营业收入1亿元档',
      'amount',
      amount(LITTLE_GIANT_2022.revenueLarge),
      `${A}（四）新`,
    ),
    p(
      'revenueMedium',
      '研发强度分档：营业收入5000万元档',
      'amount',
      amount(LITTLE_GIANT_2022.revenueMedium),
      `${A}（四）新`,
    ),
    p(
      'rdRatioLarge',
      '营业收入1亿元以上：研发强度下限',
      'percent',
      LITTLE_GIANT_2022.rdRatioLarge,
      `${A}（四）新`,
    ),
    p(
      'rdRatioMedium',
      '营业收入5000万–1亿元：研发强度下限',
      'percent',
      LITTLE_GIANT_2022.rdRatioMedium,
      `${A}（四）新`,
    ),
    p(
      'smallEquityMin',
      '营业收入5000万元以下：近2年股权融资下限',
      'amount',
      amount(LITTLE_GIANT_2022.smallEquityMin),
      `${A}（四）新`,
    ),
    p(
      'smallRdTotalMin',
      '营业收入5000万元以下：研发费用下限',
      'amount',
      amount(LITTLE_GIANT_2022.smallRdTotalMin),
      `${A}（四）新`,
      'S',
      '按近2年合计理解，待核实',
    ),
    p(
      'smallRdStaffMin',
      '营业收入5000万元以下：研发人员占比下限',
      'percent',
      LITTLE_GIANT_2022.smallRdStaffMin,
      `${A}（四）新`,
    ),
    p(
      'classOneIpMin',
      'Ⅰ类知识产权下限（项）',
      'count',
      String(LITTLE_GIANT_2022.classOneIpMin),
      `${A}（四）新`,
    ),
  ],
  conditions: [
    { key: 'precondition', title: '已是有效期内的专精特新中小企业', clause: A, level: 'V' },
    {
      key: '专',
      title: '专业化：细分市场3年以上、主营占比70%以上、近2年主营业务收入平均增长率5%以上',
      clause: `${A}（一）`,
      level: 'V',
    },
    {
      key: '精',
      title: '精细化：战略与治理、核心业务信息系统、管理体系认证、资产负债率不高于70%',
      clause: `${A}（二）`,
      level: 'V',
    },
    {
      key: '特',
      title: '特色化：全国细分市场占有率10%以上且享有较高知名度、自主品牌',
      clause: `${A}（三）`,
      level: 'V',
    },
    {
      key: '新',
      title: '创新能力：研发强度按营业收入分档、研发机构、Ⅰ类知识产权2项以上，或创新直通条件',
      clause: `${A}（四）`,
      level: 'V',
    },
    {
      key: '链',
      title: '产业链配套：位于产业链关键环节，补短板、锻长板、填空白',
      clause: `${A}（五）`,
      level: 'V',
    },
    {
      key: '品',
      title: '主导产品所属领域：工业“六基”、制造强国战略十大重点产业或网络强国建设领域',
      clause: `${A}（六）`,
      level: 'V',
    },
  ],
  notes: [
    '2026年4月1日前的申请适用；2026年度小巨人复核按2022年标准把握（工信厅企业函〔2026〕117号），由批次设置选择。',
    '条件表述为文件原文，修正门槛值后以“门槛值”所列数值为准。',
  ],
};

export function littleGiantStandardWith(values: Record<string, string> | undefined): LittleGiantStandardData {
  const r = resolveSheetParams(LITTLE_GIANT_2022_SHEET, values);
  const v = (k: string): string => r.get(k)!.value;
  return {
    nicheYearsMin: Number(v('nicheYearsMin')),
    mainShareMin: v('mainShareMin'),
    avgGrowthMin: v('avgGrowthMin'),
    debtRatioMax: v('debtRatioMax'),
    marketShareMin: v('marketShareMin'),
    revenueLarge: amountToCents(v('revenueLarge')),
    revenueMedium: amountToCents(v('revenueMedium')),
    rdRatioLarge: v('rdRatioLarge'),
    rdRatioMedium: v('rdRatioMedium'),
    smallEquityMin: amountToCents(v('smallEquityMin')),
    smallRdTotalMin: amountToCents(v('smallRdTotalMin')),
    smallRdStaffMin: v('smallRdStaffMin'),
    classOneIpMin: Number(v('classOneIpMin')),
    growthFormula: LITTLE_GIANT_2022.growthFormula,
  };
}

export function evaluateLittleGiantVersioned(
  raw: unknown,
  params?: { version: number; values: Record<string, string> },
): ReturnType<typeof evaluateLittleGiant> & { version: number; thresholds: ThresholdUsed[] } {
  const resolved = resolveSheetParams(LITTLE_GIANT_2022_SHEET, params?.values);
  return {
    ...evaluateLittleGiant(raw, { standard: littleGiantStandardWith(params?.values) }),
    version: params?.version ?? LITTLE_GIANT_2022_SHEET.version,
    thresholds: thresholdsOf(resolved),
  };
}
