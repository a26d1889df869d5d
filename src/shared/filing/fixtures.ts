/**
 * A realistic, complete and valid filing for demos and end-to-end tests: 昆山精工数控机械有限公司, a (fictional)
 * 昆山 precision-machinery SME (C3421 金属切削机床制造). The credit code is the synthetic test vector of rules.md §5.2
 * (not a real enterprise). Figures are fixed; the fiscal years follow ctx.campaignYear.
 *
 * Worked by hand (campaign 2023, fiscal year 2022; 63号文 附件1, rules.md §1.2):
 * - 知识产权: 1 自主研发 发明专利 related to the main product, no 高价值 basis → B, 15
 * - 研发费用占比: 389.25 ÷ 8650.00 = 4.5% → B (3%–5%), 15
 * - 主营业务收入增长率: (8120.50 − 7050.00) ÷ 7050.00 = 15.18% → A (15% 以上), 20
 * - 资产负债率: 4410.00 ÷ 9800.00 = 45% → A (55% 以下), 10
 * - 主导产品所属领域: 高端装备制造产业 (战略性新兴产业) → A, 10
 * - 主营业务收入占比: 8120.50 ÷ 8650.00 = 93.88% → A (70% 以上), 20
 * Total 90 (创新能力 30, 成长性 30, 专业化 30): qualified by score. Also a 直通条件: 高新技术企业 certificate issued
 * (campaignYear − 2)-11-30, valid 3 years. Size (工业): 186 人 → 小型, 8650 万元 → 中型 ⇒ 小型, an SME.
 */
import type { SectionKey } from '../schemas/filing-api';
import { attachmentFacts } from './api';
import { requiredSlotKeys } from './attachments';
import type { FilingContext } from './types';

export const SAMPLE_USCC = '91320583135792463X';
export const SAMPLE_ENTERPRISE_NAME = '昆山精工数控机械有限公司';

export function sampleSections(
  ctx: Pick<FilingContext, 'campaignYear'>,
): Record<SectionKey, Record<string, unknown>> {
  const cy = ctx.campaignYear;
  const y = (n: number): string => String(cy - n);
  return {
    basic: {
      enterpriseName: SAMPLE_ENTERPRISE_NAME,
      uscc: SAMPLE_USCC,
      establishedDate: '2012-06-18',
      registeredCapital: '3000.00',
      countyCode: '320583',
      cityCode: '320500',
      address: '江苏省苏州市昆山市开发区前进东路 1288 号',
      postcode: '215300',
      legalRepresentative: { name: '周建国', mobile: '13912345678' },
      contact: {
        name: '陈晓燕',
        title: '财务经理',
        mobile: '13812345678',
        phone: '0512-57001234',
        email: 'chenxy@example.com',
      },
      registrationType: '173',
      industryCode: 'C3421',
      listingStatus: 'none',
      stockCode: '',
      nicheYears: 10,
      mainBusiness:
        '研发、生产和销售高精度数控车床、车铣复合加工中心及其关键功能部件，产品主要用于汽车零部件、3C 精密结构件和液压元件的精密加工，客户包括长三角地区的汽车零部件一级供应商。',
    },
    products: {
      mainProducts: [
        {
          name: '高精度数控车床',
          category: '金属切削机床',
          strategicEmergingField: '2',
          salesRevenue: '6230.00',
          marketShareNational: '3.20',
          ownBrand: true,
          description: '定位精度 ±0.003 mm，主轴转速 6000 r/min，配套自主研发的主轴热变形补偿系统。',
        },
        {
          name: '车铣复合加工中心',
          category: '金属切削机床',
          strategicEmergingField: '2',
          salesRevenue: '1890.50',
          marketShareNational: '',
          ownBrand: true,
          description: '五轴联动车铣复合，适用于小型复杂回转体零件一次装夹完成加工。',
        },
      ],
    },
    operations: {
      years: {
        [y(3)]: {
          operatingRevenue: '6120.00',
          mainBusinessRevenue: '5640.00',
          operatingCost: '4380.00',
          totalProfit: '520.30',
          netProfit: '455.80',
          rdExpense: '262.40',
          totalAssets: '8150.00',
          totalLiabilities: '4020.00',
          taxPaid: '310.20',
          exportValue: '820.00',
          employees: 158,
          rdStaff: 30,
          equityFinancing: '0.00',
          auditReportNo: `苏A${y(2)}0301001`,
        },
        [y(2)]: {
          operatingRevenue: '7580.00',
          mainBusinessRevenue: '7050.00',
          operatingCost: '5370.00',
          totalProfit: '690.50',
          netProfit: '601.20',
          rdExpense: '330.80',
          totalAssets: '8960.00',
          totalLiabilities: '4230.00',
          taxPaid: '392.60',
          exportValue: '1050.00',
          employees: 172,
          rdStaff: 34,
          equityFinancing: '0.00',
          auditReportNo: `苏A${y(1)}0302015`,
        },
        [y(1)]: {
          operatingRevenue: '8650.00',
          mainBusinessRevenue: '8120.50',
          operatingCost: '6080.00',
          totalProfit: '812.40',
          netProfit: '706.90',
          rdExpense: '389.25',
          totalAssets: '9800.00',
          totalLiabilities: '4410.00',
          taxPaid: '451.30',
          exportValue: '1236.00',
          employees: 186,
          rdStaff: 38,
          equityFinancing: '0.00',
          auditReportNo: `苏A${cy}0303022`,
        },
      },
    },
    innovation: {
      ipItems: [
        {
          category: '发明专利',
          number: 'ZL201910123456.7',
          name: '一种数控机床主轴热变形补偿方法',
          grantDate: `${y(3)}-05-12`,
          acquisition: '自主研发',
          transferDate: '',
          relatedToMainProduct: true,
          highValueBasis: [],
        },
        {
          category: '实用新型专利',
          number: 'ZL202020234567.8',
          name: '一种数控车床用快速夹紧装置',
          grantDate: `${y(3)}-09-08`,
          acquisition: '自主研发',
          transferDate: '',
          relatedToMainProduct: true,
          highValueBasis: [],
        },
        {
          category: '软件著作权',
          number: '2021SR0345678',
          name: '数控机床远程运维系统 V1.0',
          grantDate: `${y(2)}-03-15`,
          acquisition: '自主研发',
          transferDate: '',
          relatedToMainProduct: true,
          highValueBasis: [],
        },
      ],
      rdInstitutions: [
        {
          name: '苏州市精密数控机床工程技术研究中心',
          type: '工程技术研究中心',
          level: '市级',
          certifiedBy: '苏州市科学技术局',
          certifiedDate: `${y(3)}-12-10`,
        },
      ],
      standardsParticipation: 1,
      digitalLevel: '二级',
      qualityItems: ['质量管理体系认证', '自主品牌'],
    },
    recognitions: {
      highTech: { held: true, certificateNo: `GR${y(2)}32001234`, issueDate: `${y(2)}-11-30` },
      techInnovationDemo: { held: false, year: '' },
      ipAdvantageOrDemo: { held: false, type: '', validUntil: '' },
      sciTechAwards: [],
      makerChina: { rank: 'none', year: '' },
      otherHonours: [{ type: '质量奖', name: '昆山市质量奖', batch: '', year: cy - 2 }],
    },
    // 科技型中小企业 (115号) on the same figures, worked by hand: 科技人员 48 ÷ 186 = 25.81% → B 16; 研发 389.25 ÷
    // 销售收入 8650.00 = 4.50% → C 30 (÷ 成本费用 7420.00 = 5.25% → F 0; the better one counts); 1 项Ⅰ类 → A 30.
    // Total 76 ≥ 60; also the 高新技术企业 direct condition.
    techSme: {
      employees: 186,
      techStaff: 48,
      salesRevenue: '8650.00',
      totalCost: '7420.00',
      rdExpense: '389.25',
      totalAssets: '9800.00',
      ipClassI: 1,
      ipClassII: 1,
      residentEnterprise: true,
      notProhibited: true,
      noMajorIncident: true,
      highTechValid: true,
      highTechCertNo: `GR${y(2)}32001234`,
      nationalAwardTop3: false,
      provincialRdInstitution: false,
      ledStandard: false,
    },
    attachments: {},
  };
}

/** The attachment slots the sample filing needs (one file each), for seeding demo uploads and e2e tests. */
export function sampleAttachmentSlots(ctx: FilingContext): string[] {
  return requiredSlotKeys(ctx, attachmentFacts(sampleSections(ctx), ctx));
}
