import { describe, expect, it } from 'vitest';
import { govPagesFor } from '../../../src/web/pages/gov/menu';
import { passwordStrength } from '../../../src/web/forms/password';
import { homeFor, loginUrlFor, safeNext } from '../../../src/web/session/paths';

describe('homeFor / safeNext', () => {
  it('sends each role home', () => {
    expect(homeFor('enterprise')).toBe('/qiye');
    expect(homeFor('county_reviewer')).toBe('/gov');
    expect(homeFor('admin')).toBe('/gov');
  });

  it('accepts only same-site paths of the role’s own area', () => {
    expect(safeNext('/qiye/filings?tab=1', 'enterprise')).toBe('/qiye/filings?tab=1');
    expect(safeNext('/qiye', 'enterprise')).toBe('/qiye');
    expect(safeNext('/gov/reviews', 'enterprise')).toBeNull();
    expect(safeNext('/qiye', 'city_reviewer')).toBeNull();
    expect(safeNext('/gov/stats', 'province')).toBe('/gov/stats');
    expect(safeNext('/qiyeX', 'enterprise')).toBeNull();
    expect(safeNext('/dev/sms', 'enterprise')).toBe('/dev/sms');
  });

  it('refuses open redirects', () => {
    for (const bad of [
      'https://evil.example/qiye',
      '//evil.example/qiye',
      '/\\evil.example',
      'qiye',
      '/qiye\n',
      null,
      '',
    ]) {
      expect(safeNext(bad, 'enterprise')).toBeNull();
    }
  });

  it('builds the login URL with next', () => {
    expect(loginUrlFor('/qiye/account')).toBe('/login?next=%2Fqiye%2Faccount');
    expect(loginUrlFor('/')).toBe('/login');
    expect(loginUrlFor('/login?next=x')).toBe('/login');
  });
});

describe('government menu', () => {
  const labels = (role: Parameters<typeof govPagesFor>[0]) => govPagesFor(role).map((p) => p.label);
  it('is specific to each role', () => {
    // A county reads its county's evaluations (the policy's 'evaluation.read', as the server has long allowed).
    expect(labels('county_reviewer')).toEqual([
      '工作台',
      '待我审核',
      '创新型评价',
      '年度更新与清退',
      '统计',
      '评价标准',
      '消息中心',
    ]);
    expect(labels('city_reviewer')).toEqual([
      '工作台',
      '待我审核',
      '创新型评价',
      '推荐名单',
      '质量评价得分',
      '年度更新与清退',
      '统计',
      '评价标准',
      '消息中心',
    ]);
    expect(labels('province')).toEqual([
      '工作台',
      '待我审核',
      '填报批次',
      '创新型评价',
      '各市名单',
      '数据交换',
      '质量评价得分',
      '年度更新与清退',
      '统计',
      '省级参数设置',
      '评价标准',
      '消息中心',
    ]);
    // 三员分立: the system administrator has accounts, review units, campaigns and SMS, no business page.
    expect(labels('admin')).toEqual(['工作台', '填报批次', '用户管理', '审核单元', '短信服务', '消息中心']);
    // 三员分立: the audit log belongs to the audit administrator alone.
    expect(labels('admin')).not.toContain('审计日志');
    expect(labels('security_admin')).toContain('用户管理');
    expect(labels('security_admin')).not.toContain('审计日志');
    expect(labels('audit_admin')).toContain('审计日志');
    expect(labels('audit_admin')).not.toContain('用户管理');
  });
});

describe('passwordStrength', () => {
  it('follows PASSWORD_RULE', () => {
    expect(passwordStrength('').level).toBe(0);
    expect(passwordStrength('abcdefgh').level).toBe(1);
    // A guessable password (a keyboard/alphabet run) is refused however many classes it has.
    expect(passwordStrength('Abcdefg1').level).toBe(1);
    expect(passwordStrength('Qmzrtvw7').level).toBe(2);
    expect(passwordStrength('Qmzrtvw7!').level).toBe(3);
    expect(passwordStrength('Qmzrtvwkpjs12345').level).toBe(3);
  });
});
