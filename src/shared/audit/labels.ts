/**
 * Chinese labels of the audit log's actions (issue 16 item 11): every action the server writes has one; a test
 * scans the server's sources for action names and checks that each is labelled.
 */
import { REVIEW_ACTION_LABELS, type ReviewAction } from '../workflow';

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'access.denied': '越权访问被拒绝',
  'account.data_export': '下载本企业个人信息',
  'account.locked': '账号因多次登录失败被锁定',
  'account.mobile_change': '更换手机号',
  'account.password_change': '修改密码',
  'account.password_reset': '重置密码（短信验证）',
  'account.recover_username': '找回用户名',
  'account.register': '企业注册',
  'account.totp_enabled': '绑定身份验证器',
  'account.totp_setup': '开始绑定身份验证器（生成密钥）',
  'audit.archive': '审计日志按月归档',
  'admin.audit.export': '导出审计日志',
  'admin.audit.search': '查询审计日志',
  'admin.sms.test': '发送测试短信',
  'admin.user.create': '创建用户',
  'admin.user.disable': '停用用户',
  'admin.user.enable': '启用用户',
  'admin.user.reset_password': '管理员重置用户密码',
  'campaign.create': '创建填报批次',
  'campaign.extension.delete': '撤销延期',
  'campaign.extension.set': '设置延期',
  'campaign.rule_overrides': '调整批次评价标准',
  'campaign.update': '修改填报批次',
  'cycle.clearance.appeal': '清退申诉',
  'cycle.clearance.confirm': '确认清退',
  'cycle.clearance.decide': '处理清退申诉',
  'cycle.clearance.propose': '提出拟清退',
  'cycle.schedule': '安排年度工作',
  'enterprise.record_view': '查看企业档案',
  'enterprise.region.correct': '更正企业注册地',
  'evaluation.correct': '修正评价数据',
  'evaluation.prepare': '生成评价记录',
  'exchange.quality_scores.import': '导入质量评分',
  'exchange.recognitions.import': '导入认定名单',
  'exchange.export.csv': '导出国家平台数据（CSV）',
  'exchange.export.xlsx': '导出国家平台数据（Excel）',
  'filing.attachment_add': '上传附件',
  'filing.attachment_delete': '删除附件',
  'filing.create': '发起填报',
  'filing.document': '下载申报书',
  'filing.resubmit': '修改后重新提交',
  'filing.return': '退回修改',
  'filing.section_save': '保存填报内容',
  'filing.self_assessment': '下载自评表',
  'filing.submit': '提交填报',
  'filing.view': '查看申报',
  'filing.withdraw': '撤回填报',
  'list.announce': '发布公告',
  'list.create': '生成推荐名单',
  'list.entry_add': '名单中增加企业',
  'list.entry_exclude': '名单中不列入企业',
  'list.entry_include': '名单中恢复列入企业',
  'list.objection_upheld': '异议成立',
  'list.objection_rejected': '异议不成立',
  'list.publicity': '发布公示',
  'login.failure': '登录失败',
  'login.locked': '登录被锁定',
  'login.password_ok': '登录：密码正确，待第二因素验证',
  'login.success': '登录成功',
  logout: '退出登录',
  'objection.file_upload': '上传异议材料',
  'objection.submit': '提交异议',
  'pii.reveal': '查看完整手机号',
  'pii.reveal_denied': '查看完整手机号被拒绝',
  'province.lists_export': '导出各市名单',
  'quality_score.enter': '录入质量评分',
  'review.export': '导出审核数据',
  'security.user.end_sessions': '强制下线（结束会话）',
  'security.user.unlock': '解除账号锁定',
  'security.user.reset_second_factor': '重置用户的第二因素（身份验证器）',
  'security.policy.update': '修改安全策略（审核人员第二因素）',
  'settings.province_update': '修改全省设置',
  'standard.version_create': '新建评价标准版本',
  'statistics.export': '导出统计数据',
  'cli.reset_second_factor': '运维命令重置第二因素',
};

/** The Chinese label of an action; a review action by its own label; anything unknown says so, with its code. */
export function auditActionLabel(action: string): string {
  const known = AUDIT_ACTION_LABELS[action];
  if (known) return known;
  const review = /^filing\.review\.(.+)$/.exec(action)?.[1];
  if (review && REVIEW_ACTION_LABELS[review as ReviewAction]) {
    return `审核：${REVIEW_ACTION_LABELS[review as ReviewAction]}`;
  }
  return `其他操作（${action}）`;
}
