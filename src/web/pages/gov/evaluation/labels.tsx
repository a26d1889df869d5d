import { Tag } from 'antd';

export const DIRECT_LABELS: Record<string, string> = {
  sciTechAward: '近三年获国家级、省级科技奖励',
  validHonor: '有效期内的高新技术企业等荣誉',
  rdInstitution: '省部级以上研发机构',
  equityFinancing: '近三年新增股权融资',
};

export const CATEGORY_LABELS: Record<string, string> = {
  innovation: '创新能力',
  growth: '成长性',
  specialization: '专业化',
};

export function qualifiedTag(q: boolean | null, label: string) {
  return <Tag color={q === true ? 'green' : q === false ? 'default' : 'orange'}>{label}</Tag>;
}
