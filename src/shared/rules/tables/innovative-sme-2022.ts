/**
 * 创新型中小企业评价 (工信部企业〔2022〕63号 附件1): its thresholds as data (band edges, the floors, the 直通
 * equity amount), each with its clause and level, so that an administrator can correct them and every result
 * records the version and the thresholds it used. The evaluator and the result shape stay those of
 * ../innovative-sme-2022.ts (stored evaluations and the review pages read that shape).
 */
import { amountToCents, centsToAmount } from '../../money';
import {
  evaluateInnovativeSme,
  INNOVATIVE_SME_2022,
  type InnovativeSmeResult,
  type InnovativeStandardData,
} from '../innovative-sme-2022';
import { resolveSheetParams, thresholdsOf } from '../engine/evaluate';
import type { ParamDef, StandardSheet, ThresholdUsed } from '../engine/types';

const CLAUSE = '63号文附件1';

function bandParams(): ParamDef[] {
  const out: ParamDef[] = [];
  for (const ind of INNOVATIVE_SME_2022.indicators) {
    for (const b of ind.bands) {
      if (!('threshold' in b) || b.threshold === undefined) continue;
      out.push({
        key: `${ind.key}.${b.letter}`,
        label: `${ind.name} ${b.letter} 档（${b.text}）${ind.key === 'debtRatio' ? '上限' : '下限'}`,
        unit: 'percent',
        value: b.threshold,
        clause: `${CLAUSE} 评价指标`,
        level: 'V',
      });
    }
  }
  return out;
}

export const INNOVATIVE_SME_2022_SHEET: StandardSheet = {
  id: 'innovative-sme-2022',
  tier: 'innovative-sme',
  title: '创新型中小企业评价标准',
  documentNumber: '工信部企业〔2022〕63号 附件1',
  version: 1,
  boundaryText: '恰好等于分档临界值的，计入得分较高的一档（rules.md §1.2，[S] 待核实）',
  params: [
    {
      key: 'totalFloor',
      label: '评价总分下限',
      unit: 'score',
      value: '60',
      clause: `${CLAUSE}（一）`,
      level: 'V',
    },
    ...INNOVATIVE_SME_2022.categories.map((c): ParamDef => ({
      key: `floor.${c.key}`,
      label: `${c.name}指标得分下限`,
      unit: 'score',
      value: String(c.floor),
      clause: `${CLAUSE}（一）`,
      level: 'V',
    })),
    ...bandParams(),
    {
      key: 'equityFinancingMin',
      label: '直通条件：近三年新增股权融资总额下限',
      unit: 'amount',
      value: centsToAmount(INNOVATIVE_SME_2022.equityFinancingThreshold).replace(/\.00$/, ''),
      clause: `${CLAUSE}（二）4`,
      level: 'V',
    },
  ],
  conditions: [
    {
      key: 'score',
      title: '评价得分达到60分以上，且创新能力不低于20分、成长性和专业化各不低于15分',
      clause: `${CLAUSE}（一）`,
      level: 'V',
    },
    {
      key: 'direct',
      title: '或满足直通条件之一（科技奖励、有效荣誉、省部级以上研发机构、近三年股权融资500万元以上）',
      clause: `${CLAUSE}（二）`,
      level: 'V',
    },
  ],
  notes: [
    '2026年4月1日后，合并的科技和创新型中小企业标准出台前继续沿用（工信部企业〔2026〕2号第三十条 [S]）。',
    '分档临界值计入较高一档的约定为 [S]，待核实。',
  ],
};

/** The standard's data with corrected thresholds applied. */
export function innovativeStandardWith(values: Record<string, string> | undefined): InnovativeStandardData {
  const p = resolveSheetParams(INNOVATIVE_SME_2022_SHEET, values);
  const v = (k: string): string => p.get(k)!.value;
  return {
    boundary: INNOVATIVE_SME_2022.boundary,
    totalFloor: Number(v('totalFloor')),
    categories: INNOVATIVE_SME_2022.categories.map((c) => ({ ...c, floor: Number(v(`floor.${c.key}`)) })),
    indicators: INNOVATIVE_SME_2022.indicators.map((ind) => ({
      ...ind,
      bands: ind.bands.map((b) =>
        'threshold' in b && b.threshold !== undefined ? { ...b, threshold: v(`${ind.key}.${b.letter}`) } : b,
      ),
    })),
    directConditions: INNOVATIVE_SME_2022.directConditions,
    equityFinancingThreshold: amountToCents(v('equityFinancingMin')),
  };
}

/** Evaluate by 63号文附件1 with a version of its thresholds; the result records the version and thresholds. */
export function evaluateInnovativeVersioned(
  raw: unknown,
  params?: { version: number; values: Record<string, string> },
): InnovativeSmeResult & { version: number; thresholds: ThresholdUsed[] } {
  const resolved = resolveSheetParams(INNOVATIVE_SME_2022_SHEET, params?.values);
  const result = evaluateInnovativeSme(raw, { standard: innovativeStandardWith(params?.values) });
  return {
    ...result,
    version: params?.version ?? INNOVATIVE_SME_2022_SHEET.version,
    thresholds: thresholdsOf(resolved),
  };
}
