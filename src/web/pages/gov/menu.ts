import type { GovRole } from '../../../shared/permissions';
import { govPageRoles, type Action } from '../../../shared/permissions/policy';

export interface GovPage {
  /** Route path under /gov ('' = the 工作台 home). */
  path: string;
  label: string;
  /** The policy action the page is for; its roles come from the policy table (ADR 0032). */
  action: Action;
  roles: readonly GovRole[];
  /** Set for features of a later release: what the page will offer. */
  upcoming?: string;
}

const page = (path: string, label: string, action: Action): GovPage => ({
  path,
  label,
  action,
  roles: govPageRoles(action),
});

/** The government console's pages in menu order; each role sees the pages whose action the policy grants it. */
export const GOV_PAGES: readonly GovPage[] = [
  page('', '工作台', 'self.use'),
  page('reviews', '待我审核', 'filing.review'),
  page('batches', '填报批次', 'campaign.manage'),
  page('evaluation', '创新型评价', 'evaluation.read'),
  page('lists', '推荐名单', 'list.create'),
  page('province/lists', '各市名单', 'list.summary'),
  page('exchange', '数据交换', 'export.import_recognitions'),
  page('quality', '质量评价得分', 'quality.write'),
  page('cycle', '年度更新与清退', 'clearance.read'),
  page('stats', '统计', 'statistics.read'),
  page('settings', '省级参数设置', 'settings.write'),
  page('standards', '评价标准', 'standard.read'),
  page('users', '用户管理', 'account.read'),
  page('units', '审核单元', 'review_unit.read'),
  page('audit', '审计日志', 'audit.read'),
  page('sms', '短信服务', 'sms.manage'),
  page('messages', '消息中心', 'self.use'),
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
