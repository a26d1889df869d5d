import { enabledMessage } from '../../../src/web/pages/gov/admin/lockout';

describe('enabling an account (系统管理员) tells whether it is still locked', () => {
  const now = new Date('2026-03-02T09:00:00+08:00');

  it('warns, naming the security administrator, while a lockout runs', () => {
    const m = enabledMessage({ lockedUntil: '2026-03-02T09:10:00+08:00' }, now);
    expect(m.type).toBe('warning');
    expect(m.text).toContain('仍因多次登录失败处于锁定中');
    expect(m.text).toContain('安全管理员');
  });

  it('confirms plainly when there is no lockout, or it has ended', () => {
    expect(enabledMessage({ lockedUntil: null }, now)).toEqual({ type: 'success', text: '账号已启用' });
    expect(enabledMessage({ lockedUntil: '2026-03-02T08:59:00+08:00' }, now).type).toBe('success');
  });
});
