/**
 * The rules engine's inputs for the 2026 专精特新 and 小巨人 standards (cases/README.md shapes) from what the
 * enterprise filed in its 入库培育 filing (the 2022-era sections), the titles it holds and the 质量评价得分 recorded
 * for it. What a filing does not contain is left out, so the engine reports it as 待确定 (pending) rather than
 * guessing: the market position, the 小巨人 field and the domestic top-three rank are a reviewer's judgment. Pure.
 */
import { addAmounts } from '../money';
import { assessFiling } from '../filing/assess';
import {
  fiscalYears,
  readBasic,
  readInnovation,
  readOperations,
  readProducts,
  readRecognitions,
  type YearParsed,
} from '../filing/sections';
import type { SectionKey } from '../schemas/filing-api';

export interface FiledLadderData {
  campaignYear: number;
  sections: Partial<Record<SectionKey, unknown>>;
}

export interface TitlesHeld {
  techOrInnovative: boolean;
  specialized: boolean;
}

/** [this year's score, last year's] as decimal strings, or null where none is recorded. */
export type QualityPair = [string | null, string | null];

const yearFigures = (y: YearParsed | undefined) => ({
  operatingRevenue: y?.operatingRevenue ?? null,
  mainBusinessRevenue: y?.mainBusinessRevenue ?? null,
  totalAssets: y?.totalAssets ?? null,
  totalLiabilities: y?.totalLiabilities ?? null,
  rdExpense: y?.rdExpense ?? null,
});

/**
 * The facts both 2026 standards share. `basicConditionsMet` follows the filing's 合规经营承诺 (a submitted filing
 * carries it); a filing never submitted leaves it pending.
 */
function common(filed: FiledLadderData, asOf: string, submitted: boolean) {
  const ctx = { campaignYear: filed.campaignYear, asOf };
  const s = filed.sections;
  const basic = readBasic(s.basic, ctx).parsed;
  const ops = readOperations(s.operations, ctx).parsed;
  const innovation = readInnovation(s.innovation, ctx).parsed;
  const recog = readRecognitions(s.recognitions, ctx).parsed;
  const [y3, y2, y1] = fiscalYears(filed.campaignYear);
  const assessment = assessFiling(s, { ...ctx, kind: 'entry' });
  // Ⅰ类 IP related to the main product, not obtained by transfer (2026 附件3: 不含转入).
  const classOneIp = innovation.ipItems.filter(
    (i) => i.ok && i.ipClass === 'I' && i.relatedToMainProduct === true && i.acquisition === '自主研发',
  ).length;
  const awardsTop3 = (levels: string[]) =>
    recog.sciTechAwards.some(
      (a) =>
        a.level !== null &&
        levels.includes(a.level) &&
        a.rank !== null &&
        a.rank <= 3 &&
        a.year !== null &&
        a.year >= filed.campaignYear - 3,
    );
  return {
    ops,
    y: { y3, y2, y1 },
    base: {
      isSme: assessment.isSme,
      basicConditionsMet: submitted ? true : null,
      nicheYears: basic.nicheYears,
      lastYear: yearFigures(ops.years[String(y1)]),
      yearBefore: yearFigures(ops.years[String(y2)]),
      classOneIp,
    },
    awardsTop3,
    provincialRdInstitution: innovation.rdInstitutions.some(
      (r) => r.ok && (r.level === '国家级' || r.level === '省级'),
    ),
    mainProducts: (readProducts(s.products, ctx).normalized['mainProducts'] ?? []) as Record<
      string,
      unknown
    >[],
  };
}

export function specializedInput(
  filed: FiledLadderData,
  o: { asOf: string; submitted: boolean; titles: TitlesHeld; scores: QualityPair; review: boolean },
): Record<string, unknown> {
  const c = common(filed, o.asOf, o.submitted);
  let equity = '0.00';
  for (const y of [c.y.y2, c.y.y1]) {
    const v = c.ops.years[String(y)]?.equityFinancing;
    if (v) equity = addAmounts(equity, v);
  }
  return {
    ...c.base,
    holdsTechOrInnovativeTitle: o.titles.techOrInnovative,
    equityInvestmentTwoYears: equity,
    ipExemption: {
      provincialAwardTop3: c.awardsTop3(['national', 'provincial']),
      provincialRdInstitution: c.provincialRdInstitution,
    },
    qualityScores: o.scores,
    review: o.review,
  };
}

export function littleGiantInput(
  filed: FiledLadderData,
  o: { asOf: string; submitted: boolean; titles: TitlesHeld; scores: QualityPair; review: boolean },
): Record<string, unknown> {
  const c = common(filed, o.asOf, o.submitted);
  // 主导产品 = the first product row; its 全国细分市场占有率 (percent, canonical "12.50") when filed.
  const marketShare = c.mainProducts[0]?.['marketShareNational'];
  return {
    ...c.base,
    holdsSpecializedTitle: o.titles.specialized,
    twoYearsBefore: { operatingRevenue: c.ops.years[String(c.y.y3)]?.operatingRevenue ?? null },
    nationalAwardTop3: c.awardsTop3(['national']),
    ...(typeof marketShare === 'string' && marketShare !== '' ? { marketShare } : {}),
    qualityScores: o.scores,
    review: o.review,
  };
}
