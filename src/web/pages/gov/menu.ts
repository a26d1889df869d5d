import type { GovRole } from '../../../shared/permissions';

export interface GovPage {
  /** Route path under /gov ('' = the 工作台 home). */
  path: string;
  label: string;
  roles: readonly GovRole[];
  /** Set for features of a later release: what the page will offer. */
  upcoming?: string;
}

const REVIEWERS: readonly GovRole[] = ['county_reviewer', 'city_reviewer'];
/** The departments that read business data (filings, lists, figures); no administrator among them (三员分立). */
const ALL_GOV: readonly GovRole[] = ['county_reviewer', 'city_reviewer', 'province'];
/** Everyone of the government console, the three administrators included. */
const EVERYONE: readonly GovRole[] = [...ALL_GOV, 'admin', 'security_admin', 'audit_admin'];

/** The government console's pages in menu order; each role sees only its own. */
export const GOV_PAGES: readonly GovPage[] = [
  { path: '', label: '工作台', roles: EVERYONE },
  { path: 'reviews', label: '待我审核', roles: ALL_GOV },
  { path: 'batches', label: '填报批次', roles: ['province', 'admin'] },
  { path: 'evaluation', label: '创新型评价', roles: ['city_reviewer', 'province'] },
  { path: 'lists', label: '推荐名单', roles: ['city_reviewer'] },
  { path: 'province/lists', label: '各市名单', roles: ['province'] },
  { path: 'exchange', label: '数据交换', roles: ['province'] },
  { path: 'quality', label: '质量评价得分', roles: ['city_reviewer', 'province'] },
  { path: 'cycle', label: '年度更新与清退', roles: [...REVIEWERS, 'province'] },
  { path: 'stats', label: '统计', roles: [...REVIEWERS, 'province'] },
  { path: 'settings', label: '省级参数设置', roles: ['province'] },
  { path: 'standards', label: '评价标准', roles: ALL_GOV },
  { path: 'users', label: '用户管理', roles: ['admin', 'security_admin'] },
  { path: 'units', label: '审核单元', roles: ['admin'] },
  { path: 'audit', label: '审计日志', roles: ['audit_admin'] },
  { path: 'sms', label: '短信服务', roles: ['admin'] },
  { path: 'messages', label: '消息中心', roles: EVERYONE },
];

/** Whether a role may open a console page (a page outside the role's menu shows 403). */
export function govPageAllowed(path: string, role: GovRole): boolean {
  const page = GOV_PAGES.find((p) => p.path === path);
  return page !== undefined && page.roles.includes(role);
}

export function govPagesFor(role: GovRole): GovPage[] {
  return GOV_PAGES.filter((p) => p.roles.includes(role));
}

export function govHref(page: GovPage): string {
  return page.path ? `/gov/${page.path}` : '/gov';
}
