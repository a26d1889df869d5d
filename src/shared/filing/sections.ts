/**
 * Readers of the five data sections of a filing (基本情况, 产品信息, 经营情况, 创新研发, 已认定事项). Each returns the
 * section's validation (for the form and the server's save) and a typed view of the usable values (for the
 * assessment). Field design: rules.md §7 (a design baseline), required marks per the scoring rules that use the
 * field (§1 创新型, §4 划型). Pure: no I/O.
 */
import { findRegion, cityOf } from '../regions';
import { validateUscc } from '../rules/uscc';
import { lookupIndustry } from '../rules/industry-catalogue';
import { parseAmount } from '../money';
import {
  Collector,
  isObj,
  readAmountField,
  readBoolField,
  readCountField,
  readDateField,
  readEnumField,
  readMultiField,
  readObjField,
  readPercentField,
  readRows,
  readText,
  readYearField,
  type Obj,
} from './read';
import {
  AWARD_LEVELS,
  DIGITAL_LEVELS,
  HIGH_VALUE_BASES,
  HONOUR_TYPES,
  IP_ACQUISITIONS,
  IP_CATEGORIES,
  IP_CLASS,
  IP_HONOUR_TYPES,
  LISTING_STATUSES,
  MAKER_CHINA_RANKS,
  QUALITY_ITEMS,
  RD_INSTITUTION_LEVELS,
  RD_INSTITUTION_TYPES,
  REGISTRATION_TYPE_VALUES,
  STRATEGIC_FIELD_VALUES,
  type AwardLevel,
  type HighValueBasis,
  type IpAcquisition,
  type IpCategory,
  type RdInstitutionLevel,
} from './options';

/** The minimal context the readers need (a subset of FilingContext). */
export interface ReadContext {
  campaignYear: number;
  asOf: string;
}

/** Result of reading one section. */
export interface SectionRead<T> {
  complete: boolean;
  valid: boolean;
  fieldErrors: Record<string, string>;
  warnings: Record<string, string>;
  normalized: Record<string, unknown>;
  parsed: T;
}

function finish<T>(c: Collector, normalized: Obj, parsed: T): SectionRead<T> {
  return {
    complete: !c.incomplete && !c.invalid,
    valid: !c.invalid,
    fieldErrors: c.fieldErrors,
    warnings: c.warnings,
    normalized,
    parsed,
  };
}

const root = (data: unknown, c: Collector): Obj => {
  if (isObj(data)) return data;
  if (data !== undefined && data !== null) c.bad('_', '本部分数据格式不正确，请重新填写后保存');
  return {};
};

/** The three fiscal years a filing reports: campaignYear−3 … campaignYear−1 (rules.md §7.3). */
export function fiscalYears(campaignYear: number): [number, number, number] {
  return [campaignYear - 3, campaignYear - 2, campaignYear - 1];
}

const MOBILE = /^1[3-9]\d{9}$/;
const MOBILE_MSG = '请填写 11 位手机号码，例如 13812345678';

// ---------------------------------------------------------------- 基本情况

export interface BasicParsed {
  enterpriseName: string | null;
  uscc: string | null;
  /** Region of the registration authority (positions 3–8 of the credit code), when the code is valid. */
  usccAuthorityCode: string | null;
  countyCode: string | null;
  cityCode: string | null;
  industryCode: string | null;
  establishedDate: string | null;
  nicheYears: number | null;
}

export function readBasic(data: unknown, ctx: ReadContext): SectionRead<BasicParsed> {
  const c = new Collector();
  const o = root(data, c);
  const out: Obj = {};
  const parsed: BasicParsed = {
    enterpriseName: readText(o, 'enterpriseName', '', '企业名称', c, out, { required: true, max: 100 }),
    uscc: null,
    usccAuthorityCode: null,
    countyCode: null,
    cityCode: null,
    industryCode: null,
    establishedDate: null,
    nicheYears: null,
  };

  const usccRaw = readText(o, 'uscc', '', '统一社会信用代码', c, out, {
    required: true,
    compact: true,
    upper: true,
  });
  if (usccRaw !== null) {
    const r = validateUscc(usccRaw);
    out['uscc'] = r.normalized;
    if (!r.acceptedForFiling) {
      c.bad('uscc', r.errors[0]?.message ?? '统一社会信用代码不正确，请对照营业执照核对');
    } else {
      parsed.uscc = r.normalized;
      parsed.usccAuthorityCode = r.registrationAuthorityRegionCode;
      const w = r.warnings[0];
      if (w) c.warn('uscc', w.message);
    }
  }

  parsed.establishedDate = readDateField(o, 'establishedDate', '', '成立日期', c, out, {
    required: true,
    notAfter: ctx.asOf,
  });
  readAmountField(o, 'registeredCapital', '', '注册资本', c, out, { required: true });

  const county = readText(o, 'countyCode', '', '注册地（县、市、区）', c, out, {
    required: true,
    compact: true,
  });
  if (county !== null) {
    const region = findRegion(county);
    const city = cityOf(county);
    if (!region || region.level !== 'county' || !city) {
      c.bad(
        'countyCode',
        '注册地请选择到县（市、区）或开发区一级；注册地决定由哪个工信部门审核，选错将导致审核部门看不到您的填报',
      );
    } else {
      parsed.countyCode = county;
      parsed.cityCode = city.code;
    }
  }
  out['cityCode'] = parsed.cityCode ?? '';
  if (parsed.cityCode && parsed.usccAuthorityCode && /^32\d{4}$/.test(parsed.usccAuthorityCode)) {
    const authorityCity = `${parsed.usccAuthorityCode.slice(0, 4)}00`;
    if (authorityCity !== '320000' && authorityCity !== parsed.cityCode) {
      const name = findRegion(authorityCity)?.name ?? authorityCity;
      const chosen = findRegion(parsed.cityCode)?.name ?? parsed.cityCode;
      c.warn(
        'countyCode',
        `统一社会信用代码显示登记机关在${name}，而注册地选择的是${chosen}。请确认注册地是否正确：注册地决定审核部门，选错将导致审核部门看不到您的填报`,
      );
    }
  }

  readText(o, 'address', '', '通讯地址', c, out, { required: true, max: 200 });
  readText(o, 'postcode', '', '邮政编码', c, out, {
    required: true,
    compact: true,
    pattern: /^\d{6}$/,
    patternMessage: '邮政编码为 6 位数字，例如 215300',
  });

  const lrIn = readObjField(o, 'legalRepresentative', '', '法定代表人', c);
  const lrOut: Obj = {};
  out['legalRepresentative'] = lrOut;
  readText(lrIn, 'name', 'legalRepresentative', '法定代表人姓名', c, lrOut, { required: true, max: 50 });
  readText(lrIn, 'mobile', 'legalRepresentative', '法定代表人手机', c, lrOut, {
    required: true,
    compact: true,
    pattern: MOBILE,
    patternMessage: MOBILE_MSG,
  });

  const ctIn = readObjField(o, 'contact', '', '联系人', c);
  const ctOut: Obj = {};
  out['contact'] = ctOut;
  readText(ctIn, 'name', 'contact', '联系人姓名', c, ctOut, { required: true, max: 50 });
  readText(ctIn, 'title', 'contact', '联系人职务', c, ctOut, { max: 50 });
  readText(ctIn, 'mobile', 'contact', '联系人手机', c, ctOut, {
    required: true,
    compact: true,
    pattern: MOBILE,
    patternMessage: MOBILE_MSG,
  });
  readText(ctIn, 'phone', 'contact', '联系人座机', c, ctOut, {
    compact: true,
    pattern: /^(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?$/,
    patternMessage: '座机请按“区号-号码”填写，例如 0512-57001234',
  });
  readText(ctIn, 'email', 'contact', '联系人邮箱', c, ctOut, {
    compact: true,
    max: 100,
    pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
    patternMessage: '邮箱格式不正确，例如 name@example.com',
  });

  readEnumField(o, 'registrationType', '', '登记注册类型', REGISTRATION_TYPE_VALUES, c, out, {
    required: true,
  });

  const ind = readText(o, 'industryCode', '', '所属行业', c, out, {
    required: true,
    compact: true,
    upper: true,
  });
  if (ind !== null) {
    const r = lookupIndustry(ind);
    if (!r.ok) c.bad('industryCode', r.message);
    else {
      out['industryCode'] = r.value.code;
      parsed.industryCode = r.value.code;
    }
  }

  const listing = readEnumField(o, 'listingStatus', '', '上市情况', LISTING_STATUSES, c, out, {
    required: true,
  });
  readText(o, 'stockCode', '', '股票代码', c, out, {
    required: listing === 'listed' || listing === 'neeq',
    compact: true,
    max: 20,
  });
  parsed.nicheYears = readCountField(o, 'nicheYears', '', '从事特定细分市场时间', c, out, {
    required: true,
    unit: '年',
    max: 200,
  });
  readText(o, 'mainBusiness', '', '主营业务描述', c, out, { required: true, max: 500 });

  return finish(c, out, parsed);
}

// ---------------------------------------------------------------- 产品信息

export interface ProductParsed {
  name: string | null;
  strategicEmergingField: string | null;
  salesRevenue: string | null;
}

export function readProducts(
  data: unknown,
  _ctx: ReadContext,
): SectionRead<{ mainProducts: ProductParsed[] }> {
  const c = new Collector();
  const o = root(data, c);
  const out: Obj = {};
  const rows = readRows(
    o,
    'mainProducts',
    '主导产品',
    c,
    out,
    (r, path, rOut): ProductParsed => {
      const name = readText(r, 'name', path, '产品名称', c, rOut, { required: true, max: 100 });
      readText(r, 'category', path, '产品类别/细分领域', c, rOut, { required: true, max: 100 });
      const field = readEnumField(
        r,
        'strategicEmergingField',
        path,
        '所属领域',
        STRATEGIC_FIELD_VALUES,
        c,
        rOut,
        {
          required: true,
        },
      );
      const sales = readAmountField(r, 'salesRevenue', path, '上年度销售收入', c, rOut, { required: true });
      readPercentField(r, 'marketShareNational', path, '全国细分市场占有率', c, rOut);
      readBoolField(r, 'ownBrand', path, '是否自主品牌', c, rOut, { fallback: false });
      readText(r, 'description', path, '产品简介', c, rOut, { max: 500 });
      return { name, strategicEmergingField: field, salesRevenue: sales };
    },
    { min: 1, max: 20 },
  );
  return finish(c, out, { mainProducts: rows });
}

// ---------------------------------------------------------------- 经营情况

export const OPERATION_AMOUNTS = [
  'operatingRevenue',
  'mainBusinessRevenue',
  'operatingCost',
  'totalProfit',
  'netProfit',
  'rdExpense',
  'totalAssets',
  'totalLiabilities',
  'taxPaid',
  'exportValue',
  'equityFinancing',
] as const;
export type OperationAmount = (typeof OPERATION_AMOUNTS)[number];

export const OPERATION_LABELS: Record<OperationAmount | 'employees' | 'rdStaff' | 'auditReportNo', string> = {
  operatingRevenue: '营业收入',
  mainBusinessRevenue: '主营业务收入',
  operatingCost: '营业成本',
  totalProfit: '利润总额',
  netProfit: '净利润',
  rdExpense: '研发费用',
  totalAssets: '资产总额',
  totalLiabilities: '负债总额',
  taxPaid: '上缴税金',
  exportValue: '出口额',
  equityFinancing: '新增股权融资额（合格机构投资者实缴）',
  employees: '从业人员（年末社保缴费人数）',
  rdStaff: '研发人员',
  auditReportNo: '审计报告编码',
};

/** Required for the last two fiscal years: what 创新型 (§1.2) and the size class (§4) need. */
export const OPERATION_REQUIRED: readonly string[] = [
  'operatingRevenue',
  'mainBusinessRevenue',
  'rdExpense',
  'totalAssets',
  'totalLiabilities',
  'employees',
];

/** Profits may be negative (a loss); every other amount must be ≥ 0. */
const MAY_BE_NEGATIVE: readonly string[] = ['totalProfit', 'netProfit'];

export type YearParsed = Partial<Record<OperationAmount, string | null>> & {
  employees: number | null;
  rdStaff: number | null;
};

export function readOperations(
  data: unknown,
  ctx: ReadContext,
): SectionRead<{ years: Record<string, YearParsed> }> {
  const c = new Collector();
  const o = root(data, c);
  const yearsIn = readObjField(o, 'years', '', '经营情况', c);
  const yearsOut: Obj = {};
  const out: Obj = { years: yearsOut };
  const parsedYears: Record<string, YearParsed> = {};
  const [y3, y2, y1] = fiscalYears(ctx.campaignYear);
  for (const year of [y3, y2, y1]) {
    const key = String(year);
    const path = `years.${key}`;
    const yIn = readObjField(yearsIn, key, 'years', `${key} 年度经营情况`, c);
    const yOut: Obj = {};
    yearsOut[key] = yOut;
    const required = year !== y3;
    const p: YearParsed = { employees: null, rdStaff: null };
    for (const f of OPERATION_AMOUNTS) {
      p[f] = readAmountField(yIn, f, path, `${key} 年度${OPERATION_LABELS[f]}`, c, yOut, {
        required: required && OPERATION_REQUIRED.includes(f),
        allowNegative: MAY_BE_NEGATIVE.includes(f),
      });
    }
    p.employees = readCountField(yIn, 'employees', path, `${key} 年度从业人员`, c, yOut, { required });
    p.rdStaff = readCountField(yIn, 'rdStaff', path, `${key} 年度研发人员`, c, yOut);
    readText(yIn, 'auditReportNo', path, `${key} 年度审计报告编码`, c, yOut, { compact: true, max: 60 });
    if (p.rdStaff !== null && p.employees !== null && p.rdStaff > p.employees) {
      c.bad(`${path}.rdStaff`, `研发人员（${p.rdStaff} 人）不能多于从业人员（${p.employees} 人），请核对`);
      p.rdStaff = null;
    }
    if (p.totalLiabilities && p.totalAssets) {
      const l = parseAmount(p.totalLiabilities);
      const a = parseAmount(p.totalAssets);
      if (l.ok && a.ok && l.cents > a.cents) {
        c.warn(`${path}.totalLiabilities`, '负债总额大于资产总额（资不抵债），请核对资产负债表');
      }
    }
    if (p.mainBusinessRevenue && p.operatingRevenue) {
      const m = parseAmount(p.mainBusinessRevenue);
      const r = parseAmount(p.operatingRevenue);
      if (m.ok && r.ok && m.cents > r.cents) {
        c.warn(
          `${path}.mainBusinessRevenue`,
          '主营业务收入大于营业收入，主营业务收入应包含在营业收入之内，请核对',
        );
      }
    }
    parsedYears[key] = p;
  }
  return finish(c, out, { years: parsedYears });
}

// ---------------------------------------------------------------- 创新研发

export interface IpParsed {
  index: number;
  category: IpCategory | null;
  ipClass: 'I' | 'II' | null;
  number: string | null;
  name: string | null;
  grantDate: string | null;
  acquisition: IpAcquisition | null;
  transferDate: string | null;
  relatedToMainProduct: boolean | null;
  highValueBasis: HighValueBasis[];
  /** Every field of the row is usable. */
  ok: boolean;
}

export interface RdInstitutionParsed {
  name: string | null;
  level: RdInstitutionLevel | null;
  ok: boolean;
}

export interface InnovationParsed {
  ipItems: IpParsed[];
  rdInstitutions: RdInstitutionParsed[];
}

export function readInnovation(data: unknown, ctx: ReadContext): SectionRead<InnovationParsed> {
  const c = new Collector();
  const o = root(data, c);
  const out: Obj = {};
  const seen = new Map<string, number>();
  const ipItems = readRows(
    o,
    'ipItems',
    '知识产权',
    c,
    out,
    (r, path, rOut, i): IpParsed => {
      const before = Object.keys(c.fieldErrors).length;
      const category = readEnumField(r, 'category', path, '知识产权类别', IP_CATEGORIES, c, rOut, {
        required: true,
      });
      const number = readText(r, 'number', path, '专利号/登记号', c, rOut, {
        required: true,
        compact: true,
        upper: true,
        max: 60,
      });
      if (number !== null) {
        const prev = seen.get(number);
        if (prev !== undefined)
          c.bad(`${path}.number`, `与第 ${prev + 1} 条知识产权的号码重复，请删除重复的一条`);
        else seen.set(number, i);
      }
      const name = readText(r, 'name', path, '知识产权名称', c, rOut, { required: true, max: 200 });
      const grantDate = readDateField(r, 'grantDate', path, '授权日期', c, rOut, {
        required: true,
        notAfter: ctx.asOf,
      });
      const acquisition = readEnumField(r, 'acquisition', path, '获得方式', IP_ACQUISITIONS, c, rOut, {
        required: true,
      });
      const transferDate = readDateField(r, 'transferDate', path, '受让（获得）日期', c, rOut, {
        required: acquisition !== null && acquisition !== '自主研发',
        notAfter: ctx.asOf,
      });
      const related = readBoolField(r, 'relatedToMainProduct', path, '是否与主导产品相关', c, rOut, {
        required: true,
      });
      const basis = readMultiField(r, 'highValueBasis', path, '高价值依据', HIGH_VALUE_BASES, c, rOut);
      const ipClass = category ? IP_CLASS[category] : null;
      if (ipClass === 'II' && basis.length > 0) {
        c.bad(`${path}.highValueBasis`, '高价值依据只适用于Ⅰ类知识产权（如发明专利），Ⅱ类知识产权请不要勾选');
      }
      return {
        index: i,
        name,
        category,
        ipClass,
        number,
        grantDate,
        acquisition,
        transferDate,
        relatedToMainProduct: related,
        highValueBasis: ipClass === 'I' ? basis : [],
        ok: Object.keys(c.fieldErrors).length === before,
      };
    },
    { max: 500 },
  );

  const rdInstitutions = readRows(
    o,
    'rdInstitutions',
    '研发机构',
    c,
    out,
    (r, path, rOut): RdInstitutionParsed => {
      const before = Object.keys(c.fieldErrors).length;
      const name = readText(r, 'name', path, '研发机构名称', c, rOut, { required: true, max: 100 });
      readEnumField(r, 'type', path, '研发机构类型', RD_INSTITUTION_TYPES, c, rOut, { required: true });
      const level = readEnumField(r, 'level', path, '研发机构级别', RD_INSTITUTION_LEVELS, c, rOut, {
        required: true,
      });
      readText(r, 'certifiedBy', path, '认定部门', c, rOut, { required: true, max: 100 });
      readDateField(r, 'certifiedDate', path, '认定日期', c, rOut, { required: true, notAfter: ctx.asOf });
      return { name, level, ok: Object.keys(c.fieldErrors).length === before };
    },
    { max: 50 },
  );

  readCountField(o, 'standardsParticipation', '', '参与制修订标准数', c, out, { unit: '项' });
  readEnumField(o, 'digitalLevel', '', '数字化水平', DIGITAL_LEVELS, c, out);
  readMultiField(o, 'qualityItems', '', '质量管理情况', QUALITY_ITEMS, c, out);
  return finish(c, out, { ipItems, rdInstitutions });
}

// ---------------------------------------------------------------- 已认定事项

export interface AwardParsed {
  level: AwardLevel | null;
  year: number | null;
  rank: number | null;
  name: string | null;
}

export interface RecognitionsParsed {
  highTech: { held: boolean; certificateNo: string | null; issueDate: string | null };
  techInnovationDemo: { held: boolean; year: number | null };
  ipAdvantageOrDemo: { held: boolean; type: string | null; validUntil: string | null };
  sciTechAwards: AwardParsed[];
  makerChina: { rank: string | null; year: number | null };
}

/** 高企证书编号: GR + 4-digit year + 32 (江苏) + serial (rules.md §7.5 [S]). */
export const HIGH_TECH_CERT = /^GR(\d{4})32\d{4,6}$/;

export function readRecognitions(data: unknown, ctx: ReadContext): SectionRead<RecognitionsParsed> {
  const c = new Collector();
  const o = root(data, c);
  const out: Obj = {};
  const asOfYear = Number(ctx.asOf.slice(0, 4)) || ctx.campaignYear;

  const htIn = readObjField(o, 'highTech', '', '高新技术企业', c);
  const htOut: Obj = {};
  out['highTech'] = htOut;
  const htHeld = readBoolField(htIn, 'held', 'highTech', '是否高新技术企业', c, htOut) === true;
  const certNo = readText(htIn, 'certificateNo', 'highTech', '高新技术企业证书编号', c, htOut, {
    required: htHeld,
    compact: true,
    upper: true,
    max: 30,
  });
  const issueDate = readDateField(htIn, 'issueDate', 'highTech', '高新技术企业发证日期', c, htOut, {
    required: htHeld,
    notAfter: ctx.asOf,
  });
  if (htHeld && certNo !== null) {
    const m = HIGH_TECH_CERT.exec(certNo);
    if (!m) {
      c.warn(
        'highTech.certificateNo',
        '证书编号通常为“GR + 4 位年份 + 32 + 流水号”，例如 GR202232001234，请对照高新技术企业证书核对',
      );
    } else if (issueDate !== null && m[1] !== issueDate.slice(0, 4)) {
      c.warn('highTech.certificateNo', `证书编号中的年份（${m[1]}）与发证日期不一致，请核对`);
    }
  }

  const tdIn = readObjField(o, 'techInnovationDemo', '', '国家级技术创新示范企业', c);
  const tdOut: Obj = {};
  out['techInnovationDemo'] = tdOut;
  const tdHeld =
    readBoolField(tdIn, 'held', 'techInnovationDemo', '是否国家级技术创新示范企业', c, tdOut) === true;
  const tdYear = readYearField(tdIn, 'year', 'techInnovationDemo', '认定年份', c, tdOut, {
    required: tdHeld,
    maxYear: asOfYear,
  });

  const ipIn = readObjField(o, 'ipAdvantageOrDemo', '', '知识产权优势/示范企业', c);
  const ipOut: Obj = {};
  out['ipAdvantageOrDemo'] = ipOut;
  const ipHeld =
    readBoolField(ipIn, 'held', 'ipAdvantageOrDemo', '是否知识产权优势/示范企业', c, ipOut) === true;
  const ipType = readEnumField(ipIn, 'type', 'ipAdvantageOrDemo', '荣誉类型', IP_HONOUR_TYPES, c, ipOut);
  const validUntil = readDateField(ipIn, 'validUntil', 'ipAdvantageOrDemo', '有效期至', c, ipOut, {
    required: ipHeld,
  });

  const sciTechAwards = readRows(
    o,
    'sciTechAwards',
    '科技奖励',
    c,
    out,
    (r, path, rOut): AwardParsed => {
      const level = readEnumField(r, 'level', path, '奖励级别', AWARD_LEVELS, c, rOut, { required: true });
      const name = readText(r, 'name', path, '奖项名称', c, rOut, { required: true, max: 100 });
      readText(r, 'grade', path, '获奖等级', c, rOut, { required: true, max: 30 });
      const rank = readCountField(r, 'rank', path, '本企业在获奖单位中的排名', c, rOut, {
        required: true,
        unit: '名',
        min: 1,
        max: 99,
      });
      const year = readYearField(r, 'year', path, '获奖年份', c, rOut, { required: true, maxYear: asOfYear });
      return { level, year, rank, name };
    },
    { max: 50 },
  );

  // 近三年新增股权融资 is derived from 经营情况 (no override): anything sent here is dropped.

  const mcIn = readObjField(o, 'makerChina', '', '创客中国', c);
  const mcOut: Obj = {};
  out['makerChina'] = mcOut;
  const mcRank = readEnumField(mcIn, 'rank', 'makerChina', '创客中国名次', MAKER_CHINA_RANKS, c, mcOut);
  if (mcRank === null && !('rank' in mcOut && mcOut['rank'] !== '')) mcOut['rank'] = 'none';
  const mcYear = readYearField(mcIn, 'year', 'makerChina', '入围年份', c, mcOut, {
    required: mcRank === 'top500' || mcRank === 'top50',
    maxYear: asOfYear,
  });

  readRows(
    o,
    'otherHonours',
    '其他荣誉',
    c,
    out,
    (r, path, rOut) => {
      const type = readEnumField(r, 'type', path, '荣誉类型', HONOUR_TYPES, c, rOut, { required: true });
      readText(r, 'name', path, '荣誉名称', c, rOut, { required: type === '其他', max: 100 });
      readText(r, 'batch', path, '批次', c, rOut, { max: 50 });
      readYearField(r, 'year', path, '认定年份', c, rOut, { required: true, maxYear: asOfYear });
    },
    { max: 50 },
  );

  return finish(c, out, {
    highTech: { held: htHeld, certificateNo: certNo, issueDate },
    techInnovationDemo: { held: tdHeld, year: tdYear },
    ipAdvantageOrDemo: { held: ipHeld, type: ipType, validUntil },
    sciTechAwards,
    makerChina: { rank: mcRank ?? 'none', year: mcYear },
  });
}
