/**
 * 国民经济行业分类 GB/T 4754-2017: the 20 门类 (sections) and all 97 大类 (divisions), plus the 9 top-level fields of
 * 战略性新兴产业分类(2018) (国家统计局令第23号).
 *
 * Sources: rules.md §6.1 (门类 list [V]) and §6.2 (9 fields [V]); 大类 names from the text of GB/T 4754-2017
 * (transcribed from the standard's table; the 2019 修改单 does not change 门类/大类 names [UNVERIFIED]).
 * 中类/小类 (about 1380 codes) are not listed here; the lookup accepts them and resolves them to their 大类.
 */

export interface IndustrySection {
  letter: string;
  name: string;
  /** First and last 2-digit 大类 code of the section, inclusive. */
  from: number;
  to: number;
}

/** GB/T 4754-2017 门类 A–T with their 大类 ranges. */
export const INDUSTRY_SECTIONS: readonly IndustrySection[] = [
  { letter: 'A', name: '农、林、牧、渔业', from: 1, to: 5 },
  { letter: 'B', name: '采矿业', from: 6, to: 12 },
  { letter: 'C', name: '制造业', from: 13, to: 43 },
  { letter: 'D', name: '电力、热力、燃气及水生产和供应业', from: 44, to: 46 },
  { letter: 'E', name: '建筑业', from: 47, to: 50 },
  { letter: 'F', name: '批发和零售业', from: 51, to: 52 },
  { letter: 'G', name: '交通运输、仓储和邮政业', from: 53, to: 60 },
  { letter: 'H', name: '住宿和餐饮业', from: 61, to: 62 },
  { letter: 'I', name: '信息传输、软件和信息技术服务业', from: 63, to: 65 },
  { letter: 'J', name: '金融业', from: 66, to: 69 },
  { letter: 'K', name: '房地产业', from: 70, to: 70 },
  { letter: 'L', name: '租赁和商务服务业', from: 71, to: 72 },
  { letter: 'M', name: '科学研究和技术服务业', from: 73, to: 75 },
  { letter: 'N', name: '水利、环境和公共设施管理业', from: 76, to: 79 },
  { letter: 'O', name: '居民服务、修理和其他服务业', from: 80, to: 82 },
  { letter: 'P', name: '教育', from: 83, to: 83 },
  { letter: 'Q', name: '卫生和社会工作', from: 84, to: 85 },
  { letter: 'R', name: '文化、体育和娱乐业', from: 86, to: 90 },
  { letter: 'S', name: '公共管理、社会保障和社会组织', from: 91, to: 96 },
  { letter: 'T', name: '国际组织', from: 97, to: 97 },
];

/** GB/T 4754-2017 大类 (2-digit divisions) with Chinese names. */
export const INDUSTRY_DIVISIONS: Readonly<Record<string, string>> = {
  '01': '农业',
  '02': '林业',
  '03': '畜牧业',
  '04': '渔业',
  '05': '农、林、牧、渔专业及辅助性活动',
  '06': '煤炭开采和洗选业',
  '07': '石油和天然气开采业',
  '08': '黑色金属矿采选业',
  '09': '有色金属矿采选业',
  '10': '非金属矿采选业',
  '11': '开采专业及辅助性活动',
  '12': '其他采矿业',
  '13': '农副食品加工业',
  '14': '食品制造业',
  '15': '酒、饮料和精制茶制造业',
  '16': '烟草制品业',
  '17': '纺织业',
  '18': '纺织服装、服饰业',
  '19': '皮革、毛皮、羽毛及其制品和制鞋业',
  '20': '木材加工和木、竹、藤、棕、草制品业',
  '21': '家具制造业',
  '22': '造纸和纸制品业',
  '23': '印刷和记录媒介复制业',
  '24': '文教、工美、体育和娱乐用品制造业',
  '25': '石油、煤炭及其他燃料加工业',
  '26': '化学原料和化学制品制造业',
  '27': '医药制造业',
  '28': '化学纤维制造业',
  '29': '橡胶和塑料制品业',
  '30': '非金属矿物制品业',
  '31': '黑色金属冶炼和压延加工业',
  '32': '有色金属冶炼和压延加工业',
  '33': '金属制品业',
  '34': '通用设备制造业',
  '35': '专用设备制造业',
  '36': '汽车制造业',
  '37': '铁路、船舶、航空航天和其他运输设备制造业',
  '38': '电气机械和器材制造业',
  '39': '计算机、通信和其他电子设备制造业',
  '40': '仪器仪表制造业',
  '41': '其他制造业',
  '42': '废弃资源综合利用业',
  '43': '金属制品、机械和设备修理业',
  '44': '电力、热力生产和供应业',
  '45': '燃气生产和供应业',
  '46': '水的生产和供应业',
  '47': '房屋建筑业',
  '48': '土木工程建筑业',
  '49': '建筑安装业',
  '50': '建筑装饰、装修和其他建筑业',
  '51': '批发业',
  '52': '零售业',
  '53': '铁路运输业',
  '54': '道路运输业',
  '55': '水上运输业',
  '56': '航空运输业',
  '57': '管道运输业',
  '58': '多式联运和运输代理业',
  '59': '装卸搬运和仓储业',
  '60': '邮政业',
  '61': '住宿业',
  '62': '餐饮业',
  '63': '电信、广播电视和卫星传输服务',
  '64': '互联网和相关服务',
  '65': '软件和信息技术服务业',
  '66': '货币金融服务',
  '67': '资本市场服务',
  '68': '保险业',
  '69': '其他金融业',
  '70': '房地产业',
  '71': '租赁业',
  '72': '商务服务业',
  '73': '研究和试验发展',
  '74': '专业技术服务业',
  '75': '科技推广和应用服务业',
  '76': '水利管理业',
  '77': '生态保护和环境治理业',
  '78': '公共设施管理业',
  '79': '土地管理业',
  '80': '居民服务业',
  '81': '机动车、电子产品和日用产品修理业',
  '82': '其他服务业',
  '83': '教育',
  '84': '卫生',
  '85': '社会工作',
  '86': '新闻和出版业',
  '87': '广播、电视、电影和录音制作业',
  '88': '文化艺术业',
  '89': '体育',
  '90': '娱乐业',
  '91': '中国共产党机关',
  '92': '国家机构',
  '93': '人民政协、民主党派',
  '94': '社会保障',
  '95': '群众团体、社会团体和其他成员组织',
  '96': '基层群众自治组织及其他组织',
  '97': '国际组织',
};

/** A small set of 中类 names needed by the SME size table (房地产业 split, rules.md §4). */
export const INDUSTRY_GROUPS: Readonly<Record<string, string>> = {
  '701': '房地产开发经营',
  '702': '物业管理',
  '703': '房地产中介服务',
  '704': '房地产租赁经营',
  '709': '其他房地产业',
};

export interface IndustryCode {
  /** Normalised code: letter + 2–4 digits, e.g. "C3911". */
  code: string;
  letter: string;
  sectionName: string;
  /** 2-digit 大类 code and name. */
  division: string;
  divisionName: string;
  /** All digits given (2 to 4). */
  digits: string;
  level: '大类' | '中类' | '小类';
}

export type IndustryLookup = { ok: true; value: IndustryCode } | { ok: false; message: string };

/**
 * Look up a GB/T 4754-2017 code given as the 门类 letter plus 2 to 4 digits ("C39", "C391", "C3911"); full-width
 * characters, spaces and lower case are accepted. The digits must belong to the letter's 门类 (rules.md §6.1
 * "门类 letter → 大类 2 digits → 中类 3 → 小类 4"). A bare 4-digit code without letter is also accepted: the letter is
 * derived from the 大类.
 */
export function lookupIndustry(input: string): IndustryLookup {
  const s = String(input ?? '')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
  const m = /^([A-T])?(\d{2,4})$/.exec(s);
  if (!m) {
    return {
      ok: false,
      message:
        '行业代码格式不正确，请填写《国民经济行业分类》(GB/T 4754-2017) 代码：门类字母加2至4位数字，例如 C3911',
    };
  }
  const digits = m[2]!;
  const division = digits.slice(0, 2);
  const divisionName = INDUSTRY_DIVISIONS[division];
  const n = Number(division);
  const section = INDUSTRY_SECTIONS.find((sec) => n >= sec.from && n <= sec.to);
  if (!divisionName || !section) {
    return { ok: false, message: `行业大类“${division}”不存在，请对照 GB/T 4754-2017 核对行业代码` };
  }
  if (m[1] && m[1] !== section.letter) {
    return {
      ok: false,
      message: `行业代码的门类字母与大类不符：大类 ${division}（${divisionName}）属于门类 ${section.letter}（${section.name}），请改为 ${section.letter}${digits}`,
    };
  }
  return {
    ok: true,
    value: {
      code: section.letter + digits,
      letter: section.letter,
      sectionName: section.name,
      division,
      divisionName,
      digits,
      level: digits.length === 2 ? '大类' : digits.length === 3 ? '中类' : '小类',
    },
  };
}

/** 战略性新兴产业分类(2018) 9 top-level fields (国家统计局令第23号), in the standard's order. rules.md §6.2. */
export const STRATEGIC_EMERGING_FIELDS: readonly { code: string; name: string }[] = [
  { code: '1', name: '新一代信息技术产业' },
  { code: '2', name: '高端装备制造产业' },
  { code: '3', name: '新材料产业' },
  { code: '4', name: '生物产业' },
  { code: '5', name: '新能源汽车产业' },
  { code: '6', name: '新能源产业' },
  { code: '7', name: '节能环保产业' },
  { code: '8', name: '数字创意产业' },
  { code: '9', name: '相关服务业' },
];
