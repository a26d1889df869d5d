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
const ALL_GOV: readonly GovRole[] = ['county_reviewer', 'city_reviewer', 'province', 'admin'];

/** The government console's pages in menu order; each role sees only its own. */
export const GOV_PAGES: readonly GovPage[] = [
  { path: '', label: '工作台', roles: ALL_GOV },
  {
    path: 'reviews',
    label: '待我审核',
    roles: REVIEWERS,
    upcoming:
      '待本级审核的入库申报、数据更新和创新型中小企业评价清单，以及审核通过、退回（须填写原因）等操作',
  },
  {
    path: 'batches',
    label: '填报批次',
    roles: ['province'],
    upcoming: '年度填报批次的设置，包括填报时间窗口、审核截止时间和提醒',
  },
  {
    path: 'stats',
    label: '统计',
    roles: [...REVIEWERS, 'province'],
    upcoming: '本辖区入库申报、审核进度和评价结果的统计与导出',
  },
  {
    path: 'users',
    label: '用户管理',
    roles: ['admin'],
    upcoming: '工信部门账号的创建、停用、所属地区与角色设置',
  },
  {
    path: 'audit',
    label: '审计日志',
    roles: ['admin'],
    upcoming: '登录、查看、修改、审核等操作的审计记录查询',
  },
];

export function govPagesFor(role: GovRole): GovPage[] {
  return GOV_PAGES.filter((p) => p.roles.includes(role));
}

export function govHref(page: GovPage): string {
  return page.path ? `/gov/${page.path}` : '/gov';
}
