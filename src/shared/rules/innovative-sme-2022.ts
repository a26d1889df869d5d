/**
 * 创新型中小企业评价 (《优质中小企业梯度培育管理暂行办法》工信部企业〔2022〕63号 附件1), rules.md §1.
 * Six indicators in three categories (100 points), four floors, four direct conditions. Pure: no I/O.
 * All ratios are exact BigInt rationals; no floating point decides a band.
 */
import {
  amountToCents,
  centsToAmount,
  makeRatio,
  ratioView,
  subRatios,
  type Cents,
  type Ratio,
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
import { isObj, readAmount, readBool, readObj, type FieldError, type Obj } from './input';
import { ipOption, readIpItems, type IpItem } from './ip';

export const INNOVATIVE_SME_2022_ID = 'innovative-sme-2022' as const;

export type AmountInput = number | string;

/** Input shape: exactly the golden-case shape of cases/README.md (`innovative-sme-2022`). Amounts in 万元. */
export interface InnovativeSmeInput {
  intellectualProperty: IpItem[];
  lastYear: {
    operatingRevenue: AmountInput;
    rdExpense: AmountInput;
    mainBusinessRevenue: AmountInput;
    totalAssets: AmountInput;
    totalLiabilities: AmountInput;
  };
  yearBefore: { mainBusinessRevenue: AmountInput };
  mainProductStrategicEmerging: boolean;
  /** Missing keys mean false / 0. */
  direct?: {
    sciTechAwardWithin3Years?: boolean;
    validHonor?: boolean;
    provincialRdInstitution?: boolean;
    equityFinancing3Years?: AmountInput;
  };
}

export type InnovativeIndicatorKey = 'ip' | 'rdRatio' | 'growth' | 'debtRatio' | 'field' | 'mainShare';
export type InnovativeCategoryKey = 'innovation' | 'growth' | 'specialization';
export type InnovativeDirectKey = 'sciTechAward' | 'validHonor' | 'rdInstitution' | 'equityFinancing';

export interface InnovativeIndicatorDef {
  key: InnovativeIndicatorKey;
  category: InnovativeCategoryKey;
  name: string;
  max: number;
  bands: Band[];
}

/** The standard as data. Clause: 63号文 附件1 评价指标 (rules.md §1.2 table [V]). */
export const INNOVATIVE_SME_2022 = {
  id: INNOVATIVE_SME_2022_ID,
  /** Boundary convention (rules.md §1.2 "Boundary values" [S/UNVERIFIED]; cases/README.md conventions). */
  boundary: 'higher' as BoundaryConvention,
  categories: [
    { key: 'innovation', name: '创新能力', max: 40, floor: 20 },
    { key: 'growth', name: '成长性', max: 30, floor: 15 },
    { key: 'specialization', name: '专业化', max: 30, floor: 15 },
  ] as const,
  /** 评价得分达到60分以上 (rules.md §1.1 (A)). */
  totalFloor: 60,
  indicators: [
    {
      key: 'ip',
      category: 'innovation',
      name: '与企业主导产品相关的有效知识产权数量',
      max: 20,
      bands: [
        { letter: 'A', points: 20, text: 'Ⅰ类高价值知识产权1项以上' },
        { letter: 'B', points: 15, text: '自主研发的Ⅰ类知识产权1项以上' },
        { letter: 'C', points: 10, text: 'Ⅰ类知识产权1项以上' },
        { letter: 'D', points: 5, text: 'Ⅱ类知识产权1项以上' },
        { letter: 'E', points: 0, text: '无' },
      ],
    },
    {
      key: 'rdRatio',
      category: 'innovation',
      name: '上年度研发费用总额占营业收入总额比重',
      max: 20,
      bands: [
        { letter: 'A', points: 20, threshold: '5', text: '5%以上' },
        { letter: 'B', points: 15, threshold: '3', text: '3%–5%' },
        { letter: 'C', points: 10, threshold: '2', text: '2%–3%' },
        { letter: 'D', points: 5, threshold: '1', text: '1%–2%' },
        { letter: 'E', points: 0, text: '1%以下' },
      ],
    },
    {
      key: 'growth',
      category: 'growth',
      name: '上年度主营业务收入增长率',
      max: 20,
      bands: [
        { letter: 'A', points: 20, threshold: '15', text: '15%以上' },
        { letter: 'B', points: 15, threshold: '10', text: '10%–15%' },
        { letter: 'C', points: 10, threshold: '5', text: '5%–10%' },
        { letter: 'D', points: 5, threshold: '0', text: '0%–5%' },
        { letter: 'E', points: 0, text: '0%以下' },
      ],
    },
    {
      key: 'debtRatio',
      category: 'growth',
      name: '上年度资产负债率',
      max: 10,
      bands: [
        { letter: 'A', points: 10, threshold: '55', text: '55%以下' },
        { letter: 'B', points: 5, threshold: '75', text: '55%–75%' },
        { letter: 'C', points: 0, text: '75%以上' },
      ],
    },
    {
      key: 'field',
      category: 'specialization',
      name: '主导产品所属领域情况',
      max: 10,
      bands: [
        { letter: 'A', points: 10, text: '属于《战略性新兴产业分类》' },
        { letter: 'B', points: 5, text: '属于其他领域' },
      ],
    },
    {
      key: 'mainShare',
      category: 'specialization',
      name: '上年度主营业务收入总额占营业收入总额比重',
      max: 20,
      bands: [
        { letter: 'A', points: 20, threshold: '70', text: '70%以上' },
        { letter: 'B', points: 15, threshold: '60', text: '60%–70%' },
        { letter: 'C', points: 10, threshold: '55', text: '55%–60%' },
        { letter: 'D', points: 5, threshold: '50', text: '50%–55%' },
        { letter: 'E', points: 0, text: '50%以下' },
      ],
    },
  ] satisfies InnovativeIndicatorDef[],
  /** 直通条件 (rules.md §1.1 (B) [V]), in the order the result lists them. */
  directConditions: [
    { key: 'sciTechAward', text: '近三年内获得过国家级、省级科技奖励' },
    {
      key: 'validHonor',
      text: '获得高新技术企业、国家级技术创新示范企业、知识产权优势企业和知识产权示范企业等荣誉（均为有效期内）',
    },
    { key: 'rdInstitution', text: '拥有经认定的省部级以上研发机构' },
    { key: 'equityFinancing', text: '近三年新增股权融资总额（合格机构投资者的实缴额）500万元以上' },
  ] as const,
  /** 500万元, inclusive ("500万元以上" includes 500). */
  equityFinancingThreshold: amountToCents('500'),
} as const;

export interface IndicatorExplanation {
  key: InnovativeIndicatorKey;
  name: string;
  category: InnovativeCategoryKey;
  maxPoints: number;
  /** The inputs used, with Chinese labels; amounts as canonical strings (万元). */
  inputs: { label: string; value: string }[];
  /** Exact ratio (num/den as strings) and its display percent, for ratio indicators. */
  ratio: RatioView | null;
  band: string | null;
  points: number | null;
  /** The rule text in Chinese. */
  rule: string;
  /** Chinese sentence describing the outcome, or why it cannot be computed. */
  note: string;
}

export interface FloorCheck {
  key: 'total' | InnovativeCategoryKey;
  name: string;
  floor: number;
  score: number | null;
  met: boolean | null;
  /** Chinese sentence: met, or how many points are missing. */
  message: string;
}

export type ScoringStatus = 'scored' | 'needsManualReview' | 'invalidInput';

export interface InnovativeSmeResult {
  standardId: typeof INNOVATIVE_SME_2022_ID;
  status: ScoringStatus;
  /** Chinese reasons for manual review (status 'needsManualReview'). */
  reviewReasons: string[];
  /** Input errors with field paths (status 'invalidInput'). */
  errors: FieldError[];
  /** Chinese warnings on suspicious but scorable data. */
  warnings: string[];
  /** Total score; null unless every indicator could be computed. */
  total: number | null;
  /** Sum of the indicators that could be computed (for display during manual review; never a qualifying score). */
  partialTotal: number;
  categories: Record<InnovativeCategoryKey, number | null>;
  indicators: Record<InnovativeIndicatorKey, number | null>;
  qualifiedByScore: boolean | null;
  directConditions: InnovativeDirectKey[];
  /** true: qualified (score path or any direct condition); false: not; null: pending manual review. */
  qualified: boolean | null;
  explanation: {
    indicators: IndicatorExplanation[];
    floors: FloorCheck[];
    directConditions: { key: InnovativeDirectKey; text: string; met: boolean }[];
    boundary: string;
    summary: string;
  };
}

/** The data of the standard an evaluation uses: {@link INNOVATIVE_SME_2022} or a version with corrected thresholds. */
export interface InnovativeStandardData {
  boundary: BoundaryConvention;
  categories: readonly { key: InnovativeCategoryKey; name: string; max: number; floor: number }[];
  totalFloor: number;
  indicators: readonly InnovativeIndicatorDef[];
  directConditions: readonly { key: InnovativeDirectKey; text: string }[];
  equityFinancingThreshold: Cents;
}

export interface InnovativeSmeOptions {
  /** Override the boundary convention of the standard (default: the standard's 'higher'). */
  boundary?: BoundaryConvention;
  /** The standard's data with corrected thresholds (./tables/innovative-sme-2022.ts); default the built-in one. */
  standard?: InnovativeStandardData;
}

interface ParsedInput {
  ip: IpItem[];
  opRev: Cents | null;
  rd: Cents | null;
  mainRev: Cents | null;
  assets: Cents | null;
  liabilities: Cents | null;
  mainRevBefore: Cents | null;
  strategic: boolean;
  direct: { sciTechAward: boolean; validHonor: boolean; rdInstitution: boolean; equity: Cents };
}

/**
 * Validate raw input (parsed JSON or form data) against the golden-case shape; amounts must be non-negative with at
 * most two decimals. Returns the parsed values and the Chinese errors found.
 */
export function parseInnovativeSmeInput(raw: unknown): { value: ParsedInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const root: Obj = isObj(raw) ? raw : {};
  if (!isObj(raw)) errors.push({ path: '', message: '请填写创新型中小企业评价所需的数据' });
  const ly = readObj(root, 'lastYear', 'lastYear', '上年度经营数据', errors);
  const yb = readObj(root, 'yearBefore', 'yearBefore', '上上年度经营数据', errors);
  const d = readObj(root, 'direct', 'direct', '直通条件', errors, false);
  const value: ParsedInput = {
    ip: readIpItems(root['intellectualProperty'], 'intellectualProperty', errors),
    opRev: readAmount(ly, 'operatingRevenue', 'lastYear.operatingRevenue', '上年度营业收入', errors),
    rd: readAmount(ly, 'rdExpense', 'lastYear.rdExpense', '上年度研发费用总额', errors),
    mainRev: readAmount(
      ly,
      'mainBusinessRevenue',
      'lastYear.mainBusinessRevenue',
      '上年度主营业务收入',
      errors,
    ),
    assets: readAmount(ly, 'totalAssets', 'lastYear.totalAssets', '上年末资产总额', errors),
    liabilities: readAmount(ly, 'totalLiabilities', 'lastYear.totalLiabilities', '上年末负债总额', errors),
    mainRevBefore: readAmount(
      yb,
      'mainBusinessRevenue',
      'yearBefore.mainBusinessRevenue',
      '上上年度主营业务收入',
      errors,
    ),
    strategic: readBool(
      root,
      'mainProductStrategicEmerging',
      'mainProductStrategicEmerging',
      '主导产品是否属于《战略性新兴产业分类》',
      errors,
      { required: true },
    ),
    direct: {
      sciTechAward: readBool(
        d,
        'sciTechAwardWithin3Years',
        'direct.sciTechAwardWithin3Years',
        '近三年内获得国家级、省级科技奖励',
        errors,
      ),
      validHonor: readBool(d, 'validHonor', 'direct.validHonor', '有效期内的高新技术企业等荣誉', errors),
      rdInstitution: readBool(
        d,
        'provincialRdInstitution',
        'direct.provincialRdInstitution',
        '经认定的省部级以上研发机构',
        errors,
      ),
      equity:
        readAmount(
          d,
          'equityFinancing3Years',
          'direct.equityFinancing3Years',
          '近三年新增股权融资总额',
          errors,
          {
            defaultZero: true,
          },
        ) ?? 0n,
    },
  };
  return { value, errors };
}

function amt(c: Cents | null): string {
  return c === null ? '未填写' : `${centsToAmount(c)} 万元`;
}

/**
 * Evaluate an enterprise against 63号文 附件1 (rules.md §1).
 * - Indicators: bands as data in {@link INNOVATIVE_SME_2022}; ratios exact; edges per the boundary convention.
 * - Score path: total ≥ 60, innovation ≥ 20, growth ≥ 15, specialization ≥ 15.
 * - Direct path: any of the four direct conditions (equity financing ≥ 500万元).
 * - Uncomputable ratios (denominator 0: 上上年度主营业务收入, 营业收入 or 资产总额) → points null, status
 *   'needsManualReview', total null, qualifiedByScore null; qualified is true only through a direct condition.
 */
export function evaluateInnovativeSme(raw: unknown, options: InnovativeSmeOptions = {}): InnovativeSmeResult {
  const std: InnovativeStandardData = options.standard ?? INNOVATIVE_SME_2022;
  const boundary = options.boundary ?? std.boundary;
  const { value: v, errors } = parseInnovativeSmeInput(raw);
  const reviewReasons: string[] = [];
  const warnings: string[] = [];
  const defs = std.indicators as readonly InnovativeIndicatorDef[];
  const def = (k: InnovativeIndicatorKey): InnovativeIndicatorDef => defs.find((x) => x.key === k)!;
  const explanations: IndicatorExplanation[] = [];

  const ratioIndicator = (
    key: InnovativeIndicatorKey,
    inputs: { label: string; value: string }[],
    ratio: Ratio | null,
    direction: 'atLeast' | 'atMost',
    cannot: string,
  ): void => {
    const d = def(key);
    const rule = `${d.name}：${bandsText(d.bands)}（${BOUNDARY_TEXT_ZH[boundary]}）`;
    if (ratio === null) {
      const missing = inputs.some((i) => i.value === '未填写');
      if (!missing) reviewReasons.push(cannot);
      explanations.push({
        key,
        name: d.name,
        category: d.category,
        maxPoints: d.max,
        inputs,
        ratio: null,
        band: null,
        points: null,
        rule,
        note: missing ? '数据未填写完整，无法计算' : cannot,
      });
      return;
    }
    const band =
      direction === 'atLeast'
        ? pickBandAtLeast(ratio, d.bands, 'percent', boundary)
        : pickBandAtMost(ratio, d.bands, 'percent', boundary);
    const view = ratioView(ratio);
    explanations.push({
      key,
      name: d.name,
      category: d.category,
      maxPoints: d.max,
      inputs,
      ratio: view,
      band: band.letter,
      points: band.points,
      rule,
      note: `计算结果为 ${view.display}，属于 ${band.letter} 档（${band.text}），得 ${band.points} 分`,
    });
  };

  // 1. IP (related to the main product only).
  {
    const d = def('ip');
    const letter = ipOption(v.ip);
    const band = d.bands.find((b) => b.letter === letter)!;
    const related = v.ip.filter((i) => i.relatedToMainProduct);
    explanations.push({
      key: 'ip',
      name: d.name,
      category: d.category,
      maxPoints: d.max,
      inputs: [
        { label: '填报知识产权（项）', value: String(v.ip.length) },
        { label: '与主导产品相关的Ⅰ类（项）', value: String(related.filter((i) => i.class === 'I').length) },
        { label: '与主导产品相关的Ⅱ类（项）', value: String(related.filter((i) => i.class === 'II').length) },
      ],
      ratio: null,
      band: letter,
      points: band.points,
      rule: `${d.name}：${bandsText(d.bands)}（只计与主导产品相关的知识产权；Ⅱ类知识产权只能计入 D 档）`,
      note: `属于 ${letter} 档（${band.text}），得 ${band.points} 分`,
    });
  }

  // 2. R&D / operating revenue.
  ratioIndicator(
    'rdRatio',
    [
      { label: '上年度研发费用总额', value: amt(v.rd) },
      { label: '上年度营业收入', value: amt(v.opRev) },
    ],
    v.rd !== null && v.opRev !== null && v.opRev !== 0n ? makeRatio(v.rd, v.opRev) : null,
    'atLeast',
    '上年度营业收入为 0，无法计算研发费用占营业收入比重，请审核人员核实财务数据后人工认定',
  );

  // 3. Growth of main-business revenue: (last − before) / before.
  ratioIndicator(
    'growth',
    [
      { label: '上年度主营业务收入', value: amt(v.mainRev) },
      { label: '上上年度主营业务收入', value: amt(v.mainRevBefore) },
    ],
    v.mainRev !== null && v.mainRevBefore !== null && v.mainRevBefore !== 0n
      ? subRatios(makeRatio(v.mainRev, v.mainRevBefore), makeRatio(1n, 1n))
      : null,
    'atLeast',
    '上上年度主营业务收入为 0，无法计算主营业务收入增长率（公式：(上年度−上上年度)÷上上年度），请审核人员人工认定',
  );

  // 4. Debt ratio: liabilities / assets (lower is better).
  ratioIndicator(
    'debtRatio',
    [
      { label: '上年末负债总额', value: amt(v.liabilities) },
      { label: '上年末资产总额', value: amt(v.assets) },
    ],
    v.liabilities !== null && v.assets !== null && v.assets !== 0n
      ? makeRatio(v.liabilities, v.assets)
      : null,
    'atMost',
    '上年末资产总额为 0，无法计算资产负债率，请审核人员核实财务数据后人工认定',
  );

  // 5. Field of the main product.
  {
    const d = def('field');
    const band = d.bands[v.strategic ? 0 : 1]!;
    explanations.push({
      key: 'field',
      name: d.name,
      category: d.category,
      maxPoints: d.max,
      inputs: [{ label: '主导产品属于《战略性新兴产业分类(2018)》', value: v.strategic ? '是' : '否' }],
      ratio: null,
      band: band.letter,
      points: band.points,
      rule: `${d.name}：${bandsText(d.bands)}`,
      note: `属于 ${band.letter} 档（${band.text}），得 ${band.points} 分`,
    });
  }

  // 6. Main-business share of operating revenue. 主营业务收入 is part of 营业收入: a larger figure is impossible
  // data, never a full-marks share (issue 16 item 4) — the indicator goes to manual review with the reason.
  const impossibleShare = v.mainRev !== null && v.opRev !== null && v.opRev !== 0n && v.mainRev > v.opRev;
  ratioIndicator(
    'mainShare',
    [
      { label: '上年度主营业务收入', value: amt(v.mainRev) },
      { label: '上年度营业收入', value: amt(v.opRev) },
    ],
    v.mainRev !== null && v.opRev !== null && v.opRev !== 0n && !impossibleShare
      ? makeRatio(v.mainRev, v.opRev)
      : null,
    'atLeast',
    impossibleShare
      ? '上年度主营业务收入大于营业收入（主营业务收入应包含在营业收入之内），数据不合理，无法计算主营业务收入占比，请审核人员核实财务报表后人工认定'
      : '上年度营业收入为 0，无法计算主营业务收入占营业收入比重，请审核人员核实财务数据后人工认定',
  );

  if (v.mainRev !== null && v.opRev !== null && v.mainRev > v.opRev) {
    warnings.push('上年度主营业务收入大于营业收入，主营业务收入应包含在营业收入之内，请核对财务报表');
  }
  if (v.liabilities !== null && v.assets !== null && v.liabilities > v.assets && v.assets !== 0n) {
    warnings.push('负债总额大于资产总额（资不抵债），资产负债率超过100%，请核对财务报表');
  }

  const uniqueReasons = [...new Set(reviewReasons)];
  const indicators = Object.fromEntries(explanations.map((e) => [e.key, e.points])) as Record<
    InnovativeIndicatorKey,
    number | null
  >;
  const status: ScoringStatus =
    errors.length > 0 ? 'invalidInput' : uniqueReasons.length > 0 ? 'needsManualReview' : 'scored';
  const complete = status === 'scored';

  const categories = {} as Record<InnovativeCategoryKey, number | null>;
  for (const c of std.categories) {
    const pts = explanations.filter((e) => e.category === c.key).map((e) => e.points);
    categories[c.key] = pts.every((p) => p !== null) ? pts.reduce<number>((a, b) => a + (b ?? 0), 0) : null;
  }
  const partialTotal = explanations.reduce((a, e) => a + (e.points ?? 0), 0);
  const total = complete ? partialTotal : null;

  const floors: FloorCheck[] = [
    { key: 'total' as const, name: '评价总分', floor: std.totalFloor, score: total },
    ...std.categories.map((c) => ({
      key: c.key,
      name: `${c.name}指标得分`,
      floor: c.floor,
      score: complete ? categories[c.key] : null,
    })),
  ].map((f) => {
    if (f.score === null) {
      return {
        ...f,
        met: null,
        message: `${f.name}暂无法确定（需人工审核或补全数据），要求不低于 ${f.floor} 分`,
      };
    }
    const met = f.score >= f.floor;
    return {
      ...f,
      met,
      message: met
        ? `${f.name} ${f.score} 分，达到不低于 ${f.floor} 分的要求`
        : `${f.name} ${f.score} 分，低于 ${f.floor} 分的要求，还差 ${f.floor - f.score} 分`,
    };
  });
  const qualifiedByScore = complete ? floors.every((f) => f.met === true) : null;

  const directFlags: Record<InnovativeDirectKey, boolean> = {
    sciTechAward: v.direct.sciTechAward,
    validHonor: v.direct.validHonor,
    rdInstitution: v.direct.rdInstitution,
    equityFinancing: v.direct.equity >= std.equityFinancingThreshold,
  };
  const directList = std.directConditions.map((c) => ({ key: c.key, text: c.text, met: directFlags[c.key] }));
  const directConditions = errors.length > 0 ? [] : directList.filter((c) => c.met).map((c) => c.key);
  // Impossible figures hold the conclusion for a person even when a direct condition is met (issue 16 item 4):
  // the filing's data cannot be trusted as given.
  const qualified =
    errors.length > 0 || impossibleShare
      ? null
      : directConditions.length > 0
        ? true
        : qualifiedByScore === null
          ? null
          : qualifiedByScore;

  let summary: string;
  if (status === 'invalidInput') {
    summary = `填报数据有 ${errors.length} 处需要修改，修改后才能评分：${errors.map((e) => e.message).join('；')}`;
  } else {
    const scorePart = complete
      ? `评价得分 ${total} 分（创新能力 ${categories.innovation} 分、成长性 ${categories.growth} 分、专业化 ${categories.specialization} 分），${
          qualifiedByScore
            ? '满足评分条件'
            : `未满足评分条件：${floors
                .filter((f) => !f.met)
                .map((f) => f.message)
                .join('；')}`
        }`
      : `部分指标无法计算，需人工审核：${uniqueReasons.join('；')}`;
    const directPart =
      directConditions.length > 0
        ? `满足直通条件：${directList
            .filter((c) => c.met)
            .map((c) => c.text)
            .join('；')}`
        : '未满足直通条件';
    const verdict =
      qualified === true
        ? '符合创新型中小企业评价标准'
        : qualified === false
          ? '不符合创新型中小企业评价标准'
          : '是否符合标准待人工审核后确定';
    summary = `${scorePart}。${directPart}。结论：${verdict}。`;
  }

  return {
    standardId: INNOVATIVE_SME_2022_ID,
    status,
    reviewReasons: uniqueReasons,
    errors,
    warnings,
    total,
    partialTotal,
    categories,
    indicators,
    qualifiedByScore,
    directConditions,
    qualified,
    explanation: {
      indicators: explanations,
      floors,
      directConditions: directList,
      boundary: BOUNDARY_TEXT_ZH[boundary],
      summary,
    },
  };
}
