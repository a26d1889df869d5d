import { REVIEW_ACTION_LABELS } from '../../../shared/workflow';

/** Chinese labels of history actions and levels (the history is what reviewers and auditors read). */
export const ACTION_LABELS: Record<string, string> = {
  ...REVIEW_ACTION_LABELS,
  create: '创建填报',
  submit: '提交',
  resubmit: '退回后重新提交',
  withdraw: '撤回',
  return: '退回修改',
  approve: '审核通过',
  forward: '审核通过，报送设区市',
  refuse: '审核不通过',
};

export const LEVEL_LABELS: Record<string, string> = {
  enterprise: '企业',
  county: '县（市、区）工信部门',
  city: '设区市工信部门',
  province: '省工信厅',
  system: '系统',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

export function levelLabel(level: string): string {
  return LEVEL_LABELS[level] ?? level;
}
