import { Alert, App, Card, Descriptions, Switch } from 'antd';
import { useEffect, useState } from 'react';
import type { SecurityPolicy } from '../../../../shared/schemas/admin-api';
import { adminApi } from '../../../api/admin';
import { errorMessage } from '../../../api/client';
import { useSubmit } from '../../../forms/useSubmit';

/**
 * 安全管理员: the login policy. Whether county and city reviewers give a second factor is the one switch here;
 * the rest (second factor on at all, password age) comes from the deployment's settings and is shown as read.
 */
export function SecurityPolicyCard() {
  const { message } = App.useApp();
  const [policy, setPolicy] = useState<SecurityPolicy | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    adminApi.securityPolicy().then(setPolicy, (err: unknown) => setError(errorMessage(err)));
  }, []);

  const toggle = useSubmit(
    async (on: boolean) => {
      setPolicy(await adminApi.saveSecurityPolicy({ secondFactorReviewers: on }));
      message.success(on ? '县区、设区市审核员登录须使用第二因素' : '县区、设区市审核员登录不再要求第二因素');
    },
    { report: 'message' },
  );

  return (
    <Card title="登录安全策略" style={{ marginBottom: 16 }} id="security-policy">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {policy && (
        <Descriptions column={1} size="small">
          <Descriptions.Item label="第二因素（短信验证码或身份验证器）">
            {policy.secondFactorEnabled
              ? '已启用：系统管理员、安全管理员、审计管理员和省级用户登录须使用'
              : '未启用（演示或测试环境；生产环境自动启用）。已绑定身份验证器的账号登录时仍须输入验证码'}
          </Descriptions.Item>
          <Descriptions.Item label="县区、设区市审核员也须使用第二因素">
            <Switch
              checked={policy.secondFactorReviewers}
              loading={toggle.busy}
              onChange={(on) => void toggle.submit(on)}
              aria-label="县区、设区市审核员也须使用第二因素"
            />
          </Descriptions.Item>
          <Descriptions.Item label="密码有效期">
            {policy.passwordMaxAgeDays > 0
              ? `${policy.passwordMaxAgeDays} 天（到期前 7 天登录后提醒，到期后须先修改密码）`
              : '不限（PASSWORD_MAX_AGE_DAYS=0）'}
          </Descriptions.Item>
          <Descriptions.Item label="历史密码">{`新密码不得与最近 ${policy.passwordHistory} 次使用过的密码相同`}</Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
