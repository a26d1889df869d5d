/**
 * 专精特新"小巨人"企业认定 (工信部企业〔2022〕63号 附件3), rules.md §2.3: six aspects 专、精、特、新、链、品.
 * Numeric conditions are checked automatically (exact BigInt arithmetic, "≥/≤" inclusive as the texts say
 * 不低于/以上); judgement items (链, 品, governance, certification, …) are reviewer-confirmed inputs: true / false /
 * null = pending. Pure: no I/O.
 */
import {
  amountToCents,
  centsToAmount,
  compareRatios,
  makeRatio,
  percent,
  ratioView,
  type Ratio,
} from '../money';
import { averageGrowth, type GrowthFormula } from './growth';
import {
  isObj,
  readAmount,
  readBool,
  readCount,
  readObj,
  readPending,
  type FieldError,
  type Obj,
} from './input';
import type { ConditionStatus } from './specialized-sme-2022';

export const LITTLE_GIANT_2022_ID = 'little-giant-2022' as const;

type AmountInput = number | string;

export type LittleGiantAspect = 'precondition' | '专' | '精' | '特' | '新' | '链' | '品';

/** Input of the 小巨人 check. Amounts in 万元. Reviewer items: true / false / null (pending). */
export interface LittleGiantInput {
  nicheYears: number;
  lastYear: {
    operatingRevenue: AmountInput;
    mainBusinessRevenue: AmountInput;
    rdExpense: AmountInput;
    totalAssets: AmountInput;
    totalLiabilities: AmountInput;
    employees: number;
    rdEmployees: number;
  };
  yearBefore: { operatingRevenue: AmountInput; mainBusinessRevenue: AmountInput; rdExpense: AmountInput };
  twoYearsBefore: { mainBusinessRevenue: AmountInput };
  equityFinancing2Years?: AmountInput;
  /** 主导产品全国细分市场占有率, percent with at most 2 decimals (12.5 = 12.5%). */
  nationalMarketShare: AmountInput;
  /** 与主导产品相关的Ⅰ类知识产权数量. */
  classOneIpCount: number;
  reviewer?: {
    isSpecializedSme?: boolean | null;
    strategyAndGovernance?: boolean | null;
    coreBusinessInfoSystem?: boolean | null;
    certification?: boolean | null;
    ownBrand?: boolean | null;
    rdInstitution?: boolean | null;
    ipAppliedWithBenefit?: boolean | null;
    chain?: boolean | null;
    product?: boolean | null;
  };
  direct?: { nationalAwardTop3?: boolean; makerChinaTop50?: boolean };
}

export interface LittleGiantCondition {
  id: string;
  aspect: LittleGiantAspect;
  text: string;
  status: ConditionStatus;
  /** 'auto': computed from data; 'reviewer': confirmed by a reviewer. */
  source: 'auto' | 'reviewer';
  detail: string;
  toBeConfirmed?: boolean;
}

export interface LittleGiantResult {
  standardId: typeof LITTLE_GIANT_2022_ID;
  status: 'evaluated' | 'invalidInput';
  errors: FieldError[];
  conditions: LittleGiantCondition[];
  aspects: Record<LittleGiantAspect, ConditionStatus>;
  /** true when every aspect is met; false when any is unmet; null while items are pending. */
  qualified: boolean | null;
  summary: string;
}

export interface LittleGiantOptions {
  growthFormula?: GrowthFormula;
  /** The thresholds with an administrator's corrections (./tables/little-giant-2022.ts); default built-in. */
  standard?: LittleGiantStandardData;
}

/** The thresholds an evaluation uses: {@link LITTLE_GIANT_2022} or a corrected version of it. */
export interface LittleGiantStandardData {
  nicheYearsMin: number;
  mainShareMin: string;
  avgGrowthMin: string;
  debtRatioMax: string;
  marketShareMin: string;
  revenueLarge: bigint;
  revenueMedium: bigint;
  rdRatioLarge: string;
  rdRatioMedium: string;
  smallEquityMin: bigint;
  smallRdTotalMin: bigint;
  smallRdStaffMin: string;
  classOneIpMin: number;
  growthFormula: GrowthFormula;
}

/** Thresholds as data (rules.md §2.3 [V] unless marked). Amounts written in 万元, held in hundredths. */
export const LITTLE_GIANT_2022 = {
  id: LITTLE_GIANT_2022_ID,
  nicheYearsMin: 3,
  mainShareMin: '70',
  avgGrowthMin: '5',
  debtRatioMax: '70',
  marketShareMin: '10',
  revenueLarge: amountToCents('10000'), // 1亿元
  revenueMedium: amountToCents('5000'), // 5000万元
  rdRatioLarge: '3',
  rdRatioMedium: '6',
  smallEquityMin: amountToCents('8000'), // 8000万元
  smallRdTotalMin: amountToCents('3000'), // 3000万元 (近2年合计 assumed: toBeConfirmed)
  smallRdStaffMin: '50',
  classOneIpMin: 2,
  growthFormula: 'arithmeticMean' as GrowthFormula,
} as const;

/** a ≥ b, exactly. */
const atLeast = (a: Ratio, b: Ratio): boolean => compareRatios(a, b) >= 0;

function boolStatus(v: boolean | null): ConditionStatus {
  return v === null ? 'pending' : v ? 'met' : 'unmet';
}

function all(statuses: ConditionStatus[]): ConditionStatus {
  if (statuses.includes('unmet')) return 'unmet';
  if (statuses.includes('pending')) return 'pending';
  return 'met';
}

/** Evaluate the 小巨人 conditions (rules.md §2.3). */
export function evaluateLittleGiant(raw: unknown, options: LittleGiantOptions = {}): LittleGiantResult {
  const std: LittleGiantStandardData = options.standard ?? LITTLE_GIANT_2022;
  const errors: FieldError[] = [];
  const root: Obj = isObj(raw) ? raw : {};
  if (!isObj(raw)) errors.push({ path: '', message: '请填写专精特新“小巨人”认定所需的数据' });
  const ly = readObj(root, 'lastYear', 'lastYear', '上年度经营数据', errors);
  const yb = readObj(root, 'yearBefore', 'yearBefore', '上上年度经营数据', errors);
  const y3 = readObj(root, 'twoYearsBefore', 'twoYearsBefore', '上上上年度经营数据', errors);
  const rv = readObj(root, 'reviewer', 'reviewer', '审核确认事项', errors, false);
  const d = readObj(root, 'direct', 'direct', '创新直通条件', errors, false);

  const nicheYears = readCount(root, 'nicheYears', 'nicheYears', '从事特定细分市场年限', errors);
  const opRev = readAmount(ly, 'operatingRevenue', 'lastYear.operatingRevenue', '上年度营业收入', errors);
  const mainRev = readAmount(
    ly,
    'mainBusinessRevenue',
    'lastYear.mainBusinessRevenue',
    '上年度主营业务收入',
    errors,
  );
  const rd = readAmount(ly, 'rdExpense', 'lastYear.rdExpense', '上年度研发费用', errors);
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
  const opRev2 = readAmount(
    yb,
    'operatingRevenue',
    'yearBefore.operatingRevenue',
    '上上年度营业收入',
    errors,
  );
  const mainRev2 = readAmount(
    yb,
    'mainBusinessRevenue',
    'yearBefore.mainBusinessRevenue',
    '上上年度主营业务收入',
    errors,
  );
  const rd2 = readAmount(yb, 'rdExpense', 'yearBefore.rdExpense', '上上年度研发费用', errors);
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
  const marketShare = readAmount(
    root,
    'nationalMarketShare',
    'nationalMarketShare',
    '主导产品全国细分市场占有率',
    errors,
    { unit: '%' },
  );
  const ipCount = readCount(
    root,
    'classOneIpCount',
    'classOneIpCount',
    '与主导产品相关的Ⅰ类知识产权数量',
    errors,
  );
  const r = (k: string, label: string): boolean | null => readPending(rv, k, `reviewer.${k}`, label, errors);
  const reviewer = {
    isSpecializedSme: r('isSpecializedSme', '是否为有效期内的专精特新中小企业'),
    strategyAndGovernance: r('strategyAndGovernance', '是否具有长期发展战略和健全的治理结构'),
    coreBusinessInfoSystem: r('coreBusinessInfoSystem', '是否至少1项核心业务采用信息系统支撑'),
    certification: r('certification', '是否取得相关管理体系认证或产品通过发达国家和地区认证'),
    ownBrand: r('ownBrand', '是否拥有直接面向市场并具有竞争优势的自主品牌'),
    rdInstitution: r('rdInstitution', '是否自建或与高等院校、科研机构联合建立研发机构'),
    ipAppliedWithBenefit: r('ipAppliedWithBenefit', 'Ⅰ类知识产权是否实际应用并已产生经济效益'),
    chain: r('chain', '“链”：是否位于产业链关键环节并发挥补短板、锻长板、填空白等作用'),
    product: r('product', '“品”：主导产品是否属于工业“六基”、制造强国十大重点产业领域或网络强国相关领域'),
  };
  const direct = {
    nationalAwardTop3: readBool(
      d,
      'nationalAwardTop3',
      'direct.nationalAwardTop3',
      '国家级科技奖励排名前三',
      errors,
    ),
    makerChinaTop50: readBool(
      d,
      'makerChinaTop50',
      'direct.makerChinaTop50',
      '创客中国全国50强企业组',
      errors,
    ),
  };

  const conds: LittleGiantCondition[] = [];
  const add = (c: LittleGiantCondition): void => {
    conds.push(c);
  };
  const rev = (
    id: string,
    aspect: LittleGiantAspect,
    text: string,
    v: boolean | null,
    wordingUnverified = false,
  ): void =>
    add({
      id,
      aspect,
      text,
      status: boolStatus(v),
      source: 'reviewer',
      detail: v === null ? '待审核人员确认' : v ? '审核人员已确认满足' : '审核人员确认不满足',
      ...(wordingUnverified ? { toBeConfirmed: true } : {}),
    });
  const ratioCond = (
    id: string,
    aspect: LittleGiantAspect,
    text: string,
    num: bigint | null,
    den: bigint | null,
    threshold: string,
    dir: 'atLeast' | 'atMost',
    zeroText: string,
  ): void => {
    if (num === null || den === null) {
      add({ id, aspect, text, status: 'pending', source: 'auto', detail: '数据未填写完整' });
      return;
    }
    if (den === 0n) {
      add({ id, aspect, text, status: 'pending', source: 'auto', detail: zeroText });
      return;
    }
    const ratio = makeRatio(num, den);
    const t = percent(threshold);
    const ok = dir === 'atLeast' ? atLeast(ratio, t) : atLeast(t, ratio);
    add({
      id,
      aspect,
      text,
      status: ok ? 'met' : 'unmet',
      source: 'auto',
      detail: `计算结果为 ${ratioView(ratio).display}`,
    });
  };

  // 前提
  rev('precondition', 'precondition', '已是有效期内的专精特新中小企业', reviewer.isSpecializedSme, true);
  // 专
  add({
    id: 'nicheYears',
    aspect: '专',
    text: '截至上年末，从事特定细分市场时间达到3年以上',
    status: nicheYears === null ? 'pending' : nicheYears >= std.nicheYearsMin ? 'met' : 'unmet',
    source: 'auto',
    detail: nicheYears === null ? '数据未填写完整' : `已从事 ${nicheYears} 年`,
  });
  ratioCond(
    'mainShare',
    '专',
    '主营业务收入总额占营业收入总额比重不低于70%',
    mainRev,
    opRev,
    std.mainShareMin,
    'atLeast',
    '营业收入为 0，无法计算，请人工认定',
  );
  {
    const text = '近2年主营业务收入平均增长率不低于5%';
    if (mainRev === null || mainRev2 === null || mainRev3 === null) {
      add({
        id: 'avgGrowth',
        aspect: '专',
        text,
        status: 'pending',
        source: 'auto',
        detail: '数据未填写完整',
      });
    } else {
      const g = averageGrowth(mainRev, mainRev2, mainRev3, options.growthFormula ?? std.growthFormula);
      add(
        g.ok
          ? {
              id: 'avgGrowth',
              aspect: '专',
              text,
              status: g.compare(percent(std.avgGrowthMin)) >= 0 ? 'met' : 'unmet',
              source: 'auto',
              detail: `近2年平均增长率为 ${g.display}`,
              toBeConfirmed: true,
            }
          : {
              id: 'avgGrowth',
              aspect: '专',
              text,
              status: 'pending',
              source: 'auto',
              detail: g.reason,
              toBeConfirmed: true,
            },
      );
    }
  }
  // 精
  rev('strategyAndGovernance', '精', '具有长期发展战略，公司治理规范', reviewer.strategyAndGovernance);
  rev('coreBusinessInfoSystem', '精', '至少1项核心业务采用信息系统支撑', reviewer.coreBusinessInfoSystem);
  rev(
    'certification',
    '精',
    '取得相关管理体系认证，或产品通过发达国家和地区产品认证',
    reviewer.certification,
  );
  ratioCond(
    'debtRatio',
    '精',
    '截至上年末资产负债率不高于70%',
    liabilities,
    assets,
    std.debtRatioMax,
    'atMost',
    '资产总额为 0，无法计算，请人工认定',
  );
  // 特
  if (marketShare === null) {
    add({
      id: 'marketShare',
      aspect: '特',
      text: '主导产品在全国细分市场占有率达到10%以上',
      status: 'pending',
      source: 'auto',
      detail: '数据未填写完整',
    });
  } else {
    const ok = atLeast(makeRatio(marketShare, 10000n), percent(std.marketShareMin));
    add({
      id: 'marketShare',
      aspect: '特',
      text: '主导产品在全国细分市场占有率达到10%以上',
      status: ok ? 'met' : 'unmet',
      source: 'auto',
      detail: `填报占有率 ${centsToAmount(marketShare)}%`,
    });
  }
  rev('ownBrand', '特', '拥有直接面向市场并具有竞争优势的自主品牌', reviewer.ownBrand);
  // 新 (一) general conditions
  {
    const text =
      '研发投入：营业收入1亿元以上的，近2年研发费用占营业收入比重均不低于3%；5000万–1亿元的，均不低于6%；5000万元以下的，近2年新增股权融资总额8000万元以上且研发费用总额3000万元以上、研发人员占比50%以上';
    let status: ConditionStatus = 'pending';
    let detail = '数据未填写完整';
    let tbc = false;
    if (opRev !== null && rd !== null && opRev2 !== null && rd2 !== null) {
      if (opRev >= std.revenueMedium) {
        const min = opRev >= std.revenueLarge ? std.rdRatioLarge : std.rdRatioMedium;
        if (opRev2 === 0n) {
          detail = '上上年度营业收入为 0，无法计算研发费用占比，请人工认定';
        } else {
          const r1 = makeRatio(rd, opRev);
          const r2 = makeRatio(rd2, opRev2);
          const ok = atLeast(r1, percent(min)) && atLeast(r2, percent(min));
          status = ok ? 'met' : 'unmet';
          detail = `营业收入 ${centsToAmount(opRev)} 万元，适用“均不低于${min}%”；上年度 ${ratioView(r1).display}，上上年度 ${ratioView(r2).display}`;
        }
      } else if (employees !== null && rdEmployees !== null) {
        tbc = true;
        const staffOk =
          employees > 0 &&
          atLeast(makeRatio(BigInt(rdEmployees), BigInt(employees)), percent(std.smallRdStaffMin));
        const ok = equity2 >= std.smallEquityMin && rd + rd2 >= std.smallRdTotalMin && staffOk;
        status = ok ? 'met' : 'unmet';
        detail = `营业收入低于5000万元：近2年新增股权融资 ${centsToAmount(equity2)} 万元，近2年研发费用合计 ${centsToAmount(rd + rd2)} 万元，研发人员 ${rdEmployees}/${employees} 人`;
      }
    }
    add({
      id: 'rdIntensity',
      aspect: '新',
      text,
      status,
      source: 'auto',
      detail,
      ...(tbc ? { toBeConfirmed: true } : {}),
    });
  }
  rev('rdInstitution', '新', '自建或与高等院校、科研机构联合建立研发机构', reviewer.rdInstitution);
  {
    const text = '拥有2项以上与主导产品相关的Ⅰ类知识产权，且实际应用并已产生经济效益';
    const countOk = ipCount === null ? null : ipCount >= std.classOneIpMin;
    const status: ConditionStatus =
      countOk === false ? 'unmet' : countOk === null ? 'pending' : boolStatus(reviewer.ipAppliedWithBenefit);
    add({
      id: 'classOneIp',
      aspect: '新',
      text,
      status,
      source: 'auto',
      detail: `Ⅰ类知识产权 ${ipCount ?? '未填写'} 项；实际应用并产生经济效益：${reviewer.ipAppliedWithBenefit === null ? '待审核人员确认' : reviewer.ipAppliedWithBenefit ? '已确认' : '未确认'}`,
    });
  }
  // 新 (二) direct conditions
  add({
    id: 'innovationDirect',
    aspect: '新',
    text: '创新直通条件：近三年获得国家级科技奖励并在获奖单位中排名前三，或近三年进入“创客中国”大赛全国50强企业组名单',
    status: direct.nationalAwardTop3 || direct.makerChinaTop50 ? 'met' : 'unmet',
    source: 'auto',
    detail:
      direct.nationalAwardTop3 || direct.makerChinaTop50
        ? '满足创新直通条件，无需再满足一般性条件'
        : '未满足创新直通条件',
  });
  // 链, 品 (wording UNVERIFIED)
  rev(
    'chain',
    '链',
    '位于产业链关键环节，发挥“补短板”“锻长板”“填空白”等作用，提升产业链供应链韧性和安全水平',
    reviewer.chain,
    true,
  );
  rev(
    'product',
    '品',
    '主导产品属于工业“六基”、制造强国战略十大重点产业领域或网络强国建设相关领域',
    reviewer.product,
    true,
  );

  const byAspect = (a: LittleGiantAspect): LittleGiantCondition[] => conds.filter((c) => c.aspect === a);
  const aspects = {} as Record<LittleGiantAspect, ConditionStatus>;
  for (const a of ['precondition', '专', '精', '特', '链', '品'] as const)
    aspects[a] = all(byAspect(a).map((c) => c.status));
  {
    const general = all(
      byAspect('新')
        .filter((c) => c.id !== 'innovationDirect')
        .map((c) => c.status),
    );
    const directMet = conds.find((c) => c.id === 'innovationDirect')!.status === 'met';
    aspects['新'] = directMet ? 'met' : general;
  }
  const overall = all(Object.values(aspects));
  const qualified = errors.length > 0 ? null : overall === 'met' ? true : overall === 'unmet' ? false : null;
  const names: Record<ConditionStatus, string> = { met: '满足', unmet: '不满足', pending: '待确认' };
  const summary =
    errors.length > 0
      ? `填报数据有 ${errors.length} 处需要修改：${errors.map((e) => e.message).join('；')}`
      : `${(Object.keys(aspects) as LittleGiantAspect[]).map((a) => `${a === 'precondition' ? '前提条件' : `“${a}”`}：${names[aspects[a]]}`).join('；')}。结论：${
          qualified === true
            ? '符合专精特新“小巨人”认定条件'
            : qualified === false
              ? '不符合专精特新“小巨人”认定条件'
              : '有待确认事项，请审核人员确认后再作结论'
        }。`;
  return {
    standardId: LITTLE_GIANT_2022_ID,
    status: errors.length > 0 ? 'invalidInput' : 'evaluated',
    errors,
    conditions: conds,
    aspects,
    qualified,
    summary,
  };
}
