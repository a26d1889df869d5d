/**
 * 专精特新中小企业认定 (工信部企业〔2022〕63号 附件2), rules.md §2.1–2.2: four base conditions (all required), the
 * direct conditions of condition 4, and the 13-indicator score (100 points). Pure: no I/O.
 *
 * Options marked `toBeConfirmed: true` are [S]/[UNVERIFIED] in rules.md (row 5 beyond its first option and rows 6–13
 * come from two public code repositories, not the original document) and must be confirmed before go-live.
 */
import {
  amountToCents,
  compareRatios,
  percent,
  centsToAmount,
  makeRatio,
  ratioView,
  type Cents,
  type RatioView,
} from '../money';
import {
  BOUNDARY_TEXT_ZH,
  bandsText,
  pickBandAtLeast,
  pickBandAtMost,
  type Band,
  type BoundaryConvention,
} from './bands';
import { GROWTH_FORMULA_TEXT_ZH, averageGrowth, type GrowthFormula } from './growth';
import {
  isObj,
  readAmount,
  readBool,
  readCount,
  readEnum,
  readObj,
  type FieldError,
  type Obj,
} from './input';
import { ipOption, readIpItems, type IpItem } from './ip';
import type { ScoringStatus } from './innovative-sme-2022';

export const SPECIALIZED_SME_2022_ID = 'specialized-sme-2022' as const;

type AmountInput = number | string;

export type MainProductField = 'keyLink' | 'sixBasics' | 'none';
export type RdInstitutionLevel = 'national' | 'provincial' | 'municipal' | 'belowMunicipal' | 'none';

/** Input of the 专精特新 evaluation. Amounts in 万元; counts in persons; years as full years (满N年). */
export interface SpecializedSmeInput {
  /** 从事特定细分市场年限 (full years, as at last year-end). */
  nicheYears: number;
  lastYear: {
    operatingRevenue: AmountInput;
    mainBusinessRevenue: AmountInput;
    netProfit: AmountInput;
    rdExpense: AmountInput;
    totalAssets: AmountInput;
    totalLiabilities: AmountInput;
    employees: number;
    rdEmployees: number;
  };
  yearBefore: { mainBusinessRevenue: AmountInput; rdExpense?: AmountInput };
  twoYearsBefore: { mainBusinessRevenue: AmountInput };
  /** 近2年新增股权融资总额（合格机构投资者实缴额）. Missing = 0. */
  equityFinancing2Years?: AmountInput;
  /** Indicator 4: 'keyLink' 补短板/锻长板/填空白取得实际成效; 'sixBasics' 工业"六基"/中华老字号/服务龙头企业; 'none'. */
  mainProductField: MainProductField;
  /** Indicator 5: 数字化水平等级 (1–4), 0 or null = not assessed. */
  digitalLevel?: number | null;
  /** Indicator 6 items. */
  quality?: {
    provincialQualityAward?: boolean;
    qualitySystemCertified?: boolean;
    ownBrand?: boolean;
    standardSetting?: boolean;
  };
  intellectualProperty: IpItem[];
  rdInstitutionLevel: RdInstitutionLevel;
  /** Indicator 9 (特色化, 15 points): reviewer-entered points 0..15; null = pending (待省级指标确定/审核). */
  featurePoints?: number | null;
  direct?: { provincialAwardTop3?: boolean; nationalAwardTop5?: boolean; makerChinaTop500?: boolean };
}

export type SpecializedIndicatorKey =
  | 'mainShare'
  | 'avgGrowth'
  | 'nicheYears'
  | 'mainProductField'
  | 'digitalLevel'
  | 'quality'
  | 'netProfitMargin'
  | 'debtRatio'
  | 'feature'
  | 'ip'
  | 'rdInvestment'
  | 'rdStaffRatio'
  | 'rdInstitution';

export type SpecializedCategoryKey = 'specialization' | 'refinement' | 'distinctiveness' | 'innovation';

interface IndicatorDef {
  key: SpecializedIndicatorKey;
  no: number;
  category: SpecializedCategoryKey;
  name: string;
  max: number;
  bands: Band[];
  /** For indicator 11: the second band list (ratio) beside the amount list. */
  ratioBands?: Band[];
  toBeConfirmed?: boolean;
}

const tbc = true; // [S]: two public code repositories agree; confirm against 63号文 附件2.

/** Province-defined 特色化 indicators (indicator 9). Jiangsu: 苏工信中小〔2022〕496号, text not available [UNVERIFIED]. */
export const SPECIALIZED_FEATURE_INDICATORS: Readonly<
  Record<
    string,
    { defined: boolean; indicators: { name: string; max: number }[]; source: string; toBeConfirmed: true }
  >
> = {
  '320000': {
    defined: false,
    indicators: [],
    source: '苏工信中小〔2022〕496号（原文未获取，指标待确认）',
    toBeConfirmed: true,
  },
};

/** The standard as data (rules.md §2.2 table). */
export const SPECIALIZED_SME_2022 = {
  id: SPECIALIZED_SME_2022_ID,
  boundary: 'higher' as BoundaryConvention,
  growthFormula: 'arithmeticMean' as GrowthFormula,
  totalFloor: 60,
  categories: [
    { key: 'specialization', name: '专业化', max: 25 },
    { key: 'refinement', name: '精细化', max: 25 },
    { key: 'distinctiveness', name: '特色化', max: 15 },
    { key: 'innovation', name: '创新能力', max: 35 },
  ] as const,
  indicators: [
    {
      key: 'mainShare',
      no: 1,
      category: 'specialization',
      name: '上年度主营业务收入总额占营业收入总额比重',
      max: 5,
      bands: [
        { letter: 'A', points: 5, threshold: '80', text: '80%以上' },
        { letter: 'B', points: 3, threshold: '70', text: '70%–80%' },
        { letter: 'C', points: 1, threshold: '60', text: '60%–70%' },
        { letter: 'D', points: 0, text: '60%以下' },
      ],
    },
    {
      key: 'avgGrowth',
      no: 2,
      category: 'specialization',
      name: '近2年主营业务收入平均增长率',
      max: 10,
      bands: [
        { letter: 'A', points: 10, threshold: '10', text: '10%以上' },
        { letter: 'B', points: 8, threshold: '8', text: '8%–10%' },
        { letter: 'C', points: 6, threshold: '6', text: '6%–8%' },
        { letter: 'D', points: 4, threshold: '4', text: '4%–6%' },
        { letter: 'E', points: 2, threshold: '0', text: '0%–4%' },
        { letter: 'F', points: 0, text: '0%以下' },
      ],
    },
    {
      key: 'nicheYears',
      no: 3,
      category: 'specialization',
      name: '从事特定细分市场年限',
      max: 5,
      bands: [
        { letter: 'A', points: 5, threshold: '10', text: '10年以上' },
        { letter: 'B', points: 4, threshold: '8', text: '8–10年' },
        { letter: 'C', points: 3, threshold: '6', text: '6–8年' },
        { letter: 'D', points: 2, threshold: '4', text: '4–6年' },
        { letter: 'E', points: 1, threshold: '2', text: '2–4年' },
        { letter: 'F', points: 0, text: '2年以下' },
      ],
    },
    {
      key: 'mainProductField',
      no: 4,
      category: 'specialization',
      name: '主导产品所属领域情况',
      max: 5,
      bands: [
        {
          letter: 'A',
          points: 5,
          text: '在产业链供应链关键环节及关键领域“补短板”“锻长板”“填空白”取得实际成效',
        },
        {
          letter: 'B',
          points: 3,
          text: '属于工业“六基”领域、中华老字号名录或企业主导产品服务关键产业链重点龙头企业',
        },
        { letter: 'C', points: 0, text: '不属于以上情况' },
      ],
    },
    {
      key: 'digitalLevel',
      no: 5,
      category: 'refinement',
      name: '数字化水平',
      max: 5,
      bands: [
        { letter: 'A', points: 5, threshold: '3', text: '三级以上' },
        { letter: 'B', points: 3, threshold: '2', text: '二级', toBeConfirmed: tbc },
        { letter: 'C', points: 0, text: '一级（或未评测）', toBeConfirmed: tbc },
      ],
    },
    {
      key: 'quality',
      no: 6,
      category: 'refinement',
      name: '质量管理水平（每满足一项加3分，最高5分）',
      max: 5,
      toBeConfirmed: tbc,
      bands: [
        { letter: 'A', points: 5, threshold: '2', text: '满足2项以上', toBeConfirmed: tbc },
        { letter: 'B', points: 3, threshold: '1', text: '满足1项', toBeConfirmed: tbc },
        { letter: 'C', points: 0, text: '均不满足', toBeConfirmed: tbc },
      ],
    },
    {
      key: 'netProfitMargin',
      no: 7,
      category: 'refinement',
      name: '上年度净利润率',
      max: 10,
      toBeConfirmed: tbc,
      bands: [
        { letter: 'A', points: 10, threshold: '10', text: '10%以上', toBeConfirmed: tbc },
        { letter: 'B', points: 8, threshold: '8', text: '8%–10%', toBeConfirmed: tbc },
        { letter: 'C', points: 6, threshold: '6', text: '6%–8%', toBeConfirmed: tbc },
        { letter: 'D', points: 4, threshold: '4', text: '4%–6%', toBeConfirmed: tbc },
        { letter: 'E', points: 2, threshold: '2', text: '2%–4%', toBeConfirmed: tbc },
        { letter: 'F', points: 0, text: '2%以下', toBeConfirmed: tbc },
      ],
    },
    {
      key: 'debtRatio',
      no: 8,
      category: 'refinement',
      name: '上年度资产负债率',
      max: 5,
      toBeConfirmed: tbc,
      bands: [
        { letter: 'A', points: 5, threshold: '50', text: '50%以下', toBeConfirmed: tbc },
        { letter: 'B', points: 3, threshold: '60', text: '50%–60%', toBeConfirmed: tbc },
        { letter: 'C', points: 1, threshold: '70', text: '60%–70%', toBeConfirmed: tbc },
        { letter: 'D', points: 0, text: '70%以上', toBeConfirmed: tbc },
      ],
    },
    {
      key: 'feature',
      no: 9,
      category: 'distinctiveness',
      name: '地方特色指标（由省级中小企业主管部门设定，审核人员录入得分）',
      max: 15,
      toBeConfirmed: tbc,
      bands: [],
    },
    {
      key: 'ip',
      no: 10,
      category: 'innovation',
      name: '与企业主导产品相关的有效知识产权数量',
      max: 10,
      toBeConfirmed: tbc,
      bands: [
        { letter: 'A', points: 10, text: 'Ⅰ类高价值知识产权1项以上', toBeConfirmed: tbc },
        { letter: 'B', points: 8, text: '自主研发Ⅰ类知识产权1项以上', toBeConfirmed: tbc },
        { letter: 'C', points: 6, text: 'Ⅰ类知识产权1项以上', toBeConfirmed: tbc },
        { letter: 'D', points: 2, text: 'Ⅱ类知识产权1项以上', toBeConfirmed: tbc },
        { letter: 'E', points: 0, text: '无', toBeConfirmed: tbc },
      ],
    },
    {
      key: 'rdInvestment',
      no: 11,
      category: 'innovation',
      name: '上年度研发费用投入（总额或占比，取较高档）',
      max: 10,
      toBeConfirmed: tbc,
      bands: [
        { letter: 'A', points: 10, threshold: '500', text: '总额500万元以上', toBeConfirmed: tbc },
        { letter: 'B', points: 8, threshold: '400', text: '总额400–500万元', toBeConfirmed: tbc },
        { letter: 'C', points: 6, threshold: '300', text: '总额300–400万元', toBeConfirmed: tbc },
        { letter: 'D', points: 4, threshold: '200', text: '总额200–300万元', toBeConfirmed: tbc },
        { letter: 'E', points: 2, threshold: '100', text: '总额100–200万元', toBeConfirmed: tbc },
        { letter: 'F', points: 0, text: '不属于以上情况', toBeConfirmed: tbc },
      ],
      ratioBands: [
        { letter: 'A', points: 10, threshold: '10', text: '占比10%以上', toBeConfirmed: tbc },
        { letter: 'B', points: 8, threshold: '8', text: '占比8%–10%', toBeConfirmed: tbc },
        { letter: 'C', points: 6, threshold: '6', text: '占比6%–8%', toBeConfirmed: tbc },
        { letter: 'D', points: 4, threshold: '4', text: '占比4%–6%', toBeConfirmed: tbc },
        { letter: 'E', points: 2, threshold: '3', text: '占比3%–4%', toBeConfirmed: tbc },
        { letter: 'F', points: 0, text: '不属于以上情况', toBeConfirmed: tbc },
      ],
    },
    {
      key: 'rdStaffRatio',
      no: 12,
      category: 'innovation',
      name: '上年度研发人员占比',
      max: 5,
      toBeConfirmed: tbc,
      bands: [
        { letter: 'A', points: 5, threshold: '20', text: '20%以上', toBeConfirmed: tbc },
        { letter: 'B', points: 3, threshold: '10', text: '10%–20%', toBeConfirmed: tbc },
        { letter: 'C', points: 1, threshold: '5', text: '5%–10%', toBeConfirmed: tbc },
        { letter: 'D', points: 0, text: '5%以下', toBeConfirmed: tbc },
      ],
    },
    {
      key: 'rdInstitution',
      no: 13,
      category: 'innovation',
      name: '建立研发机构级别',
      max: 10,
      toBeConfirmed: tbc,
      bands: [
        { letter: 'A', points: 10, text: '国家级', toBeConfirmed: tbc },
        { letter: 'B', points: 8, text: '省级', toBeConfirmed: tbc },
        { letter: 'C', points: 4, text: '市级', toBeConfirmed: tbc },
        { letter: 'D', points: 2, text: '市级以下', toBeConfirmed: tbc },
        { letter: 'E', points: 0, text: '未建立', toBeConfirmed: tbc },
      ],
    },
  ] satisfies IndicatorDef[],
  /** Base conditions 1–3 (rules.md §2.1 [V]). Amounts in hundredths of 万元. */
  nicheYearsMin: 2,
  rdAmountMin: amountToCents('100'),
  rdRatioMin: '3',
  revenueMin: amountToCents('1000'),
  equityAltMin: amountToCents('2000'),
  /** Direct conditions of condition 4 (rules.md §2.1 [V]). */
  directRdAverageMin: amountToCents('1000'),
  directEquityMin: amountToCents('6000'),
} as const;

export type ConditionStatus = 'met' | 'unmet' | 'pending';

export interface ConditionResult {
  id: string;
  text: string;
  status: ConditionStatus;
  detail: string;
}

export interface SpecializedIndicatorExplanation {
  key: SpecializedIndicatorKey;
  no: number;
  name: string;
  category: SpecializedCategoryKey;
  maxPoints: number;
  inputs: { label: string; value: string }[];
  ratio: RatioView | null;
  display: string | null;
  band: string | null;
  points: number | null;
  rule: string;
  note: string;
  toBeConfirmed: boolean;
}

export type SpecializedDirectKey = 'sciTechAward' | 'rdAverage' | 'equityFinancing' | 'makerChina';

export interface SpecializedSmeResult {
  standardId: typeof SPECIALIZED_SME_2022_ID;
  status: ScoringStatus;
  reviewReasons: string[];
  errors: FieldError[];
  /** Total score; null while any indicator (e.g. 特色化) is pending. */
  total: number | null;
  /** Lowest and highest possible totals given pending indicators. */
  totalRange: { min: number; max: number };
  categories: Record<SpecializedCategoryKey, number | null>;
  indicators: Record<SpecializedIndicatorKey, number | null>;
  /** Score ≥ 60: true / false, or null when pending indicators could still change the outcome. */
  qualifiedByScore: boolean | null;
  directConditions: SpecializedDirectKey[];
  /** The four base conditions (1 细分市场年限, 2 研发投入, 3 营业收入或股权融资, 4 评分或直通). */
  conditions: ConditionResult[];
  /** All four conditions met: true; any unmet: false; otherwise null (pending). */
  qualified: boolean | null;
  explanation: {
    indicators: SpecializedIndicatorExplanation[];
    boundary: string;
    growthFormula: string;
    summary: string;
  };
}

export interface SpecializedSmeOptions {
  boundary?: BoundaryConvention;
  growthFormula?: GrowthFormula;
}

function amt(c: Cents | null): string {
  return c === null ? '未填写' : `${centsToAmount(c)} 万元`;
}

/**
 * Evaluate an enterprise against 63号文 附件2 (rules.md §2.1–2.2). See the module comment for confirmations pending.
 */
export function evaluateSpecializedSme(
  raw: unknown,
  options: SpecializedSmeOptions = {},
): SpecializedSmeResult {
  const std = SPECIALIZED_SME_2022;
  const boundary = options.boundary ?? std.boundary;
  const growthFormula = options.growthFormula ?? std.growthFormula;
  const errors: FieldError[] = [];
  const root: Obj = isObj(raw) ? raw : {};
  if (!isObj(raw)) errors.push({ path: '', message: '请填写专精特新中小企业认定所需的数据' });
  const ly = readObj(root, 'lastYear', 'lastYear', '上年度经营数据', errors);
  const yb = readObj(root, 'yearBefore', 'yearBefore', '上上年度经营数据', errors);
  const y3 = readObj(root, 'twoYearsBefore', 'twoYearsBefore', '上上上年度经营数据', errors);
  const q = readObj(root, 'quality', 'quality', '质量管理情况', errors, false);
  const d = readObj(root, 'direct', 'direct', '直通条件', errors, false);

  const nicheYears = readCount(root, 'nicheYears', 'nicheYears', '从事特定细分市场年限（满N年）', errors);
  const opRev = readAmount(ly, 'operatingRevenue', 'lastYear.operatingRevenue', '上年度营业收入', errors);
  const mainRev = readAmount(
    ly,
    'mainBusinessRevenue',
    'lastYear.mainBusinessRevenue',
    '上年度主营业务收入',
    errors,
  );
  const netProfit = readAmount(ly, 'netProfit', 'lastYear.netProfit', '上年度净利润', errors, {
    allowNegative: true,
  });
  const rd = readAmount(ly, 'rdExpense', 'lastYear.rdExpense', '上年度研发费用总额', errors);
  const assets = readAmount(ly, 'totalAssets', 'lastYear.totalAssets', '上年末资产总额', errors);
  const liabilities = readAmount(
    ly,
    'totalLiabilities',
    'lastYear.totalLiabilities',
    '上年末负债总额',
    errors,
  );
  const employees = readCount(ly, 'employees', 'lastYear.employees', '上年末从业人员', errors);
  const rdEmployees = readCount(ly, 'rdEmployees', 'lastYear.rdEmployees', '上年末研发人员', errors);
  const mainRev2 = readAmount(
    yb,
    'mainBusinessRevenue',
    'yearBefore.mainBusinessRevenue',
    '上上年度主营业务收入',
    errors,
  );
  const rd2 = readAmount(yb, 'rdExpense', 'yearBefore.rdExpense', '上上年度研发费用总额', errors, {
    required: false,
  });
  const mainRev3 = readAmount(
    y3,
    'mainBusinessRevenue',
    'twoYearsBefore.mainBusinessRevenue',
    '上上上年度主营业务收入',
    errors,
  );
  const equity2 =
    readAmount(root, 'equityFinancing2Years', 'equityFinancing2Years', '近2年新增股权融资总额', errors, {
      defaultZero: true,
    }) ?? 0n;
  const field = readEnum(
    root,
    'mainProductField',
    'mainProductField',
    '主导产品所属领域情况',
    ['keyLink', 'sixBasics', 'none'] as const,
    errors,
    'none',
  );
  const digitalRaw = root['digitalLevel'];
  let digitalLevel = 0;
  if (digitalRaw !== undefined && digitalRaw !== null) {
    if (
      typeof digitalRaw === 'number' &&
      Number.isInteger(digitalRaw) &&
      digitalRaw >= 0 &&
      digitalRaw <= 4
    ) {
      digitalLevel = digitalRaw;
    } else errors.push({ path: 'digitalLevel', message: '数字化水平等级应为 1 至 4 级，未评测请留空' });
  }
  const qualityItems = [
    readBool(q, 'provincialQualityAward', 'quality.provincialQualityAward', '获得省级以上质量奖荣誉', errors),
    readBool(
      q,
      'qualitySystemCertified',
      'quality.qualitySystemCertified',
      '建立质量管理体系并获得ISO9001等认证',
      errors,
    ),
    readBool(q, 'ownBrand', 'quality.ownBrand', '拥有自主品牌', errors),
    readBool(q, 'standardSetting', 'quality.standardSetting', '参与制修订标准', errors),
  ].filter(Boolean).length;
  const ip = readIpItems(root['intellectualProperty'], 'intellectualProperty', errors);
  const inst = readEnum(
    root,
    'rdInstitutionLevel',
    'rdInstitutionLevel',
    '建立研发机构级别',
    ['national', 'provincial', 'municipal', 'belowMunicipal', 'none'] as const,
    errors,
    'none',
  );
  const featureRaw = root['featurePoints'];
  let featurePoints: number | null = null;
  if (featureRaw !== undefined && featureRaw !== null) {
    if (
      typeof featureRaw === 'number' &&
      Number.isInteger(featureRaw) &&
      featureRaw >= 0 &&
      featureRaw <= 15
    ) {
      featurePoints = featureRaw;
    } else
      errors.push({ path: 'featurePoints', message: '特色化指标得分应为 0 至 15 的整数，尚未评定请留空' });
  }
  const direct = {
    provincialAwardTop3: readBool(
      d,
      'provincialAwardTop3',
      'direct.provincialAwardTop3',
      '省级科技奖励排名前三',
      errors,
    ),
    nationalAwardTop5: readBool(
      d,
      'nationalAwardTop5',
      'direct.nationalAwardTop5',
      '国家级科技奖励排名前五',
      errors,
    ),
    makerChinaTop500: readBool(
      d,
      'makerChinaTop500',
      'direct.makerChinaTop500',
      '创客中国全国500强企业组',
      errors,
    ),
  };

  const defs = std.indicators as readonly IndicatorDef[];
  const def = (k: SpecializedIndicatorKey): IndicatorDef => defs.find((x) => x.key === k)!;
  const reviewReasons: string[] = [];
  const ex: SpecializedIndicatorExplanation[] = [];
  const boundaryText = BOUNDARY_TEXT_ZH[boundary];
  const push = (
    key: SpecializedIndicatorKey,
    inputs: { label: string; value: string }[],
    band: Band | null,
    extra: { ratio?: RatioView | null; display?: string | null; note?: string; points?: number | null } = {},
  ): void => {
    const dd = def(key);
    const points = extra.points !== undefined ? extra.points : band ? band.points : null;
    const rule =
      key === 'feature'
        ? `${dd.name}：满分 15 分，由省级中小企业主管部门自主设定 1–3 个指标；江苏省指标待确认，暂由审核人员录入得分`
        : `${dd.name}：${bandsText(dd.bands)}${dd.ratioBands ? `；或 ${bandsText(dd.ratioBands)}` : ''}（${boundaryText}）`;
    ex.push({
      key,
      no: dd.no,
      name: dd.name,
      category: dd.category,
      maxPoints: dd.max,
      inputs,
      ratio: extra.ratio ?? null,
      display: extra.display ?? extra.ratio?.display ?? null,
      band: band ? band.letter : null,
      points,
      rule,
      note:
        extra.note ??
        (points === null
          ? '无法计算'
          : `${(extra.display ?? extra.ratio?.display) ? `计算结果为 ${extra.display ?? extra.ratio?.display}，` : ''}${band ? `属于 ${band.letter} 档（${band.text}），` : ''}得 ${points} 分`),
      toBeConfirmed: dd.toBeConfirmed === true || (band?.toBeConfirmed ?? false),
    });
  };
  const ratioBand = (
    key: SpecializedIndicatorKey,
    inputs: { label: string; value: string }[],
    num: Cents | bigint | null,
    den: Cents | bigint | null,
    dir: 'atLeast' | 'atMost',
    zeroReason: string,
  ): void => {
    if (num === null || den === null) return push(key, inputs, null, { note: '数据未填写完整，无法计算' });
    if (den === 0n) {
      reviewReasons.push(zeroReason);
      return push(key, inputs, null, { note: zeroReason });
    }
    const r = makeRatio(num, den);
    const b =
      dir === 'atLeast'
        ? pickBandAtLeast(r, def(key).bands, 'percent', boundary)
        : pickBandAtMost(r, def(key).bands, 'percent', boundary);
    push(key, inputs, b, { ratio: ratioView(r) });
  };

  // 1. 主营业务收入占比
  ratioBand(
    'mainShare',
    [
      { label: '上年度主营业务收入', value: amt(mainRev) },
      { label: '上年度营业收入', value: amt(opRev) },
    ],
    mainRev,
    opRev,
    'atLeast',
    '上年度营业收入为 0，无法计算主营业务收入占比，请审核人员人工认定',
  );
  // 2. 近2年主营业务收入平均增长率
  {
    const inputs = [
      { label: '上年度主营业务收入', value: amt(mainRev) },
      { label: '上上年度主营业务收入', value: amt(mainRev2) },
      { label: '上上上年度主营业务收入', value: amt(mainRev3) },
    ];
    if (mainRev === null || mainRev2 === null || mainRev3 === null) {
      push('avgGrowth', inputs, null, { note: '数据未填写完整，无法计算' });
    } else {
      const g = averageGrowth(mainRev, mainRev2, mainRev3, growthFormula);
      if (!g.ok) {
        reviewReasons.push(g.reason);
        push('avgGrowth', inputs, null, { note: g.reason });
      } else {
        const b = pickBandAtLeast(g.compare, def('avgGrowth').bands, 'percent', boundary);
        push('avgGrowth', inputs, b, { ratio: g.ratio, display: g.display });
      }
    }
  }
  // 3. 细分市场年限: 每满2年得1分, 最高5分
  {
    const inputs = [
      { label: '从事特定细分市场年限', value: nicheYears === null ? '未填写' : `${nicheYears} 年` },
    ];
    push(
      'nicheYears',
      inputs,
      nicheYears === null
        ? null
        : // "每满2年得1分": a full 2 years always counts, whatever the boundary convention.
          pickBandAtLeast(
            makeRatio(BigInt(nicheYears) * 100n, 100n),
            def('nicheYears').bands,
            'amount',
            'higher',
          ),
    );
  }
  // 4. 主导产品所属领域
  push(
    'mainProductField',
    [
      {
        label: '主导产品所属领域',
        value: def('mainProductField').bands[['keyLink', 'sixBasics', 'none'].indexOf(field)]!.text,
      },
    ],
    def('mainProductField').bands[['keyLink', 'sixBasics', 'none'].indexOf(field)]!,
  );
  // 5. 数字化水平
  push(
    'digitalLevel',
    [{ label: '数字化水平等级', value: digitalLevel === 0 ? '未评测' : `${digitalLevel} 级` }],
    pickBandAtLeast(
      makeRatio(BigInt(digitalLevel) * 100n, 100n),
      def('digitalLevel').bands,
      'amount',
      'higher',
    ),
  );
  // 6. 质量管理水平: 每项3分, 最高5分
  push(
    'quality',
    [{ label: '满足的质量管理项数', value: `${qualityItems} 项` }],
    pickBandAtLeast(makeRatio(BigInt(qualityItems) * 100n, 100n), def('quality').bands, 'amount', 'higher'),
  );
  // 7. 净利润率
  ratioBand(
    'netProfitMargin',
    [
      { label: '上年度净利润', value: amt(netProfit) },
      { label: '上年度营业收入', value: amt(opRev) },
    ],
    netProfit,
    opRev,
    'atLeast',
    '上年度营业收入为 0，无法计算净利润率，请审核人员人工认定',
  );
  // 8. 资产负债率
  ratioBand(
    'debtRatio',
    [
      { label: '上年末负债总额', value: amt(liabilities) },
      { label: '上年末资产总额', value: amt(assets) },
    ],
    liabilities,
    assets,
    'atMost',
    '上年末资产总额为 0，无法计算资产负债率，请审核人员人工认定',
  );
  // 9. 特色化 (reviewer-entered)
  push(
    'feature',
    [{ label: '审核人员录入得分', value: featurePoints === null ? '待评定' : `${featurePoints} 分` }],
    null,
    {
      points: featurePoints,
      note:
        featurePoints === null
          ? '特色化指标待审核人员评定（省级指标待确认）'
          : `审核人员评定得 ${featurePoints} 分`,
    },
  );
  // 10. 知识产权
  {
    const letter = ipOption(ip);
    push(
      'ip',
      [{ label: '填报知识产权（项）', value: String(ip.length) }],
      def('ip').bands.find((b) => b.letter === letter)!,
    );
  }
  // 11. 研发费用投入: 总额 or 占比, the higher band (rules.md §2.2 open points [inferred]).
  {
    const dd = def('rdInvestment');
    const inputs = [
      { label: '上年度研发费用总额', value: amt(rd) },
      { label: '上年度营业收入', value: amt(opRev) },
    ];
    if (rd === null || opRev === null)
      push('rdInvestment', inputs, null, { note: '数据未填写完整，无法计算' });
    else {
      const byAmount = pickBandAtLeast(makeRatio(rd, 100n), dd.bands, 'amount', boundary);
      const ratio = opRev === 0n ? null : makeRatio(rd, opRev);
      const byRatio = ratio ? pickBandAtLeast(ratio, dd.ratioBands!, 'percent', boundary) : null;
      const best = byRatio && byRatio.points > byAmount.points ? byRatio : byAmount;
      push('rdInvestment', inputs, best, {
        ratio: ratio ? ratioView(ratio) : null,
        note: `按总额属于 ${byAmount.letter} 档（${byAmount.points} 分）${byRatio ? `，按占比 ${ratioView(ratio!).display} 属于 ${byRatio.letter} 档（${byRatio.points} 分）` : '，营业收入为 0 无法按占比计算'}，取较高档得 ${best.points} 分`,
      });
    }
  }
  // 12. 研发人员占比
  ratioBand(
    'rdStaffRatio',
    [
      { label: '上年末研发人员', value: rdEmployees === null ? '未填写' : `${rdEmployees} 人` },
      { label: '上年末从业人员', value: employees === null ? '未填写' : `${employees} 人` },
    ],
    rdEmployees === null ? null : BigInt(rdEmployees),
    employees === null ? null : BigInt(employees),
    'atLeast',
    '上年末从业人员为 0，无法计算研发人员占比，请审核人员人工认定',
  );
  // 13. 研发机构级别
  {
    const order = ['national', 'provincial', 'municipal', 'belowMunicipal', 'none'];
    const b = def('rdInstitution').bands[order.indexOf(inst)]!;
    push('rdInstitution', [{ label: '研发机构级别', value: b.text }], b);
  }

  const indicators = Object.fromEntries(ex.map((e) => [e.key, e.points])) as Record<
    SpecializedIndicatorKey,
    number | null
  >;
  const categories = {} as Record<SpecializedCategoryKey, number | null>;
  for (const c of std.categories) {
    const pts = ex.filter((e) => e.category === c.key).map((e) => e.points);
    categories[c.key] = pts.every((p) => p !== null) ? pts.reduce<number>((a, b) => a + (b ?? 0), 0) : null;
  }
  const known = ex.reduce((a, e) => a + (e.points ?? 0), 0);
  const unknownMax = ex.reduce((a, e) => a + (e.points === null ? e.maxPoints : 0), 0);
  const total = unknownMax === 0 && ex.every((e) => e.points !== null) ? known : null;
  if (featurePoints === null) reviewReasons.push('特色化指标（15分）得分待审核人员评定，评定后才能得出总分');
  const uniqueReasons = [...new Set(reviewReasons)];
  const status: ScoringStatus =
    errors.length > 0 ? 'invalidInput' : uniqueReasons.length > 0 ? 'needsManualReview' : 'scored';
  const qualifiedByScore =
    errors.length > 0
      ? null
      : known >= std.totalFloor
        ? true
        : known + unknownMax < std.totalFloor
          ? false
          : null;

  // Direct conditions of condition 4.
  const directFlags: Record<SpecializedDirectKey, boolean> = {
    sciTechAward: direct.provincialAwardTop3 || direct.nationalAwardTop5,
    rdAverage: rd !== null && rd2 !== null && rd + rd2 >= std.directRdAverageMin * 2n,
    equityFinancing: equity2 >= std.directEquityMin,
    makerChina: direct.makerChinaTop500,
  };
  const directTexts: Record<SpecializedDirectKey, string> = {
    sciTechAward: '近三年获得过省级科技奖励并在获奖单位中排名前三，或国家级科技奖励并在获奖单位中排名前五',
    rdAverage: '近两年研发费用总额均值在1000万元以上',
    equityFinancing: '近两年新增股权融资总额（合格机构投资者的实缴额）6000万元以上',
    makerChina: '近三年进入“创客中国”中小企业创新创业大赛全国500强企业组名单',
  };
  const directConditions = (Object.keys(directFlags) as SpecializedDirectKey[]).filter((k) => directFlags[k]);

  const conditions: ConditionResult[] = [];
  conditions.push({
    id: 'nicheYears',
    text: '从事特定细分市场时间达到2年以上',
    status: nicheYears === null ? 'pending' : nicheYears >= std.nicheYearsMin ? 'met' : 'unmet',
    detail: nicheYears === null ? '请填写从事特定细分市场年限' : `已从事 ${nicheYears} 年`,
  });
  {
    let status: ConditionStatus = 'pending';
    let detail = '请填写上年度研发费用和营业收入';
    if (rd !== null && opRev !== null) {
      const amountOk = rd >= std.rdAmountMin;
      if (opRev === 0n) {
        status = amountOk ? 'pending' : 'unmet';
        detail = amountOk
          ? '营业收入为 0，无法计算研发费用占比，请人工认定'
          : `研发费用 ${centsToAmount(rd)} 万元，低于100万元`;
      } else {
        const ratio = makeRatio(rd, opRev);
        const ratioOk = compareRatios(ratio, percent(std.rdRatioMin)) >= 0;
        status = amountOk && ratioOk ? 'met' : 'unmet';
        detail = `研发费用 ${centsToAmount(rd)} 万元${amountOk ? '' : '（低于100万元）'}，占营业收入 ${ratioView(ratio).display}${ratioOk ? '' : '（低于3%）'}`;
      }
    }
    conditions.push({
      id: 'rdInvestment',
      text: '上年度研发费用总额不低于100万元，且占营业收入总额比重不低于3%',
      status,
      detail,
    });
  }
  conditions.push({
    id: 'revenue',
    text: '上年度营业收入总额在1000万元以上，或近2年新增股权融资总额（合格机构投资者的实缴额）达到2000万元以上',
    status:
      opRev === null ? 'pending' : opRev >= std.revenueMin || equity2 >= std.equityAltMin ? 'met' : 'unmet',
    detail: `营业收入 ${amt(opRev)}，近2年新增股权融资 ${centsToAmount(equity2)} 万元`,
  });
  conditions.push({
    id: 'scoreOrDirect',
    text: '评价得分达到60分以上，或满足直通条件之一',
    status:
      directConditions.length > 0 || qualifiedByScore === true
        ? 'met'
        : qualifiedByScore === false
          ? 'unmet'
          : 'pending',
    detail:
      (total !== null
        ? `评价得分 ${total} 分`
        : `评价得分在 ${known} 至 ${known + unknownMax} 分之间（有待评定指标）`) +
      (directConditions.length > 0
        ? `；满足直通条件：${directConditions.map((k) => directTexts[k]).join('；')}`
        : '；未满足直通条件'),
  });
  const qualified =
    errors.length > 0
      ? null
      : conditions.some((c) => c.status === 'unmet')
        ? false
        : conditions.every((c) => c.status === 'met')
          ? true
          : null;

  const summary =
    status === 'invalidInput'
      ? `填报数据有 ${errors.length} 处需要修改：${errors.map((e) => e.message).join('；')}`
      : `${conditions.map((c) => `${c.text}：${c.status === 'met' ? '满足' : c.status === 'unmet' ? '不满足' : '待确定'}（${c.detail}）`).join('。')}。结论：${
          qualified === true
            ? '符合专精特新中小企业认定条件'
            : qualified === false
              ? '不符合专精特新中小企业认定条件'
              : '待审核确定'
        }。`;

  return {
    standardId: SPECIALIZED_SME_2022_ID,
    status,
    reviewReasons: uniqueReasons,
    errors,
    total,
    totalRange: { min: known, max: known + unknownMax },
    categories,
    indicators,
    qualifiedByScore,
    directConditions,
    conditions,
    qualified,
    explanation: {
      indicators: ex,
      boundary: boundaryText,
      growthFormula: GROWTH_FORMULA_TEXT_ZH[growthFormula],
      summary,
    },
  };
}
