import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { ChangePasswordRequest } from '../../../shared/schemas/auth';
import { authApi } from '../../api/auth';
import { ApiError, errorMessage } from '../../api/client';
import { FormAlert, type AlertState } from '../../components/ErrorAlert';
import { PasswordFields } from '../../components/PasswordFields';
import { applyFieldErrors } from '../../forms/fieldErrors';
import { FIELDS_MARKED, useSubmit } from '../../forms/useSubmit';
import { validateWith, zodRule } from '../../forms/zodForm';
import { useSession } from '../../session/context';

interface Values {
  currentPassword?: string;
  password?: string;
  passwordConfirm?: string;
}

/**
 * 修改密码 (enterprise and government accounts). `required` is the first-login form of an account an
 * administrator created or reset: the card explains why; once changed, the session no longer carries the flag.
 */
export function ChangePasswordCard({
  required = false,
  expired = false,
}: { required?: boolean; expired?: boolean } = {}) {
  const session = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [alert, setAlert] = useState<AlertState | null>(null);

  const change = useSubmit(
    async (values: Values) => {
      setAlert(null);
      const checked = validateWith(ChangePasswordRequest, values);
      if (!checked.ok) {
        applyFieldErrors(form, checked.fieldErrors);
        return;
      }
      const s = await authApi.changePassword(checked.data);
      session.apply(s);
      form.resetFields();
      message.success('密码已修改');
      setAlert({ type: 'success', title: '密码已修改。其他设备上的登录已失效，需使用新密码重新登录。' });
    },
    {
      form,
      onError: (err, rest) => {
        if (err instanceof ApiError && err.code === 'INVALID_CREDENTIALS') {
          form.setFields([{ name: 'currentPassword', errors: ['当前密码不正确'] }]);
          return true;
        }
        const placed =
          err instanceof ApiError && Object.keys(err.fieldErrors).length > Object.keys(rest).length;
        setAlert({ type: 'error', title: placed ? FIELDS_MARKED : errorMessage(err) });
        return true;
      },
    },
  );

  return (
    <Card
      title={required ? '请先修改密码' : '修改密码'}
      extra={
        !required && session.user?.passwordExpiresAt
          ? `密码有效期至 ${new Date(session.user.passwordExpiresAt).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })}`
          : undefined
      }
      style={{ marginBottom: 24 }}
      id="change-password-card"
    >
      {required && expired && (
        <Alert
          type="warning"
          showIcon
          id="password-expired"
          title="您的密码已过有效期，请先修改密码。"
          description="为保障账号安全，平台要求定期更换密码。新密码不能与最近 5 次使用过的密码相同，修改后即可继续使用。"
          style={{ marginBottom: 16 }}
        />
      )}
      {required && !expired && (
        <Alert
          type="warning"
          showIcon
          id="must-change-password"
          title="首次登录或密码被重置后，请先修改密码。"
          description="您的账号由系统管理员创建或重置了密码。请输入管理员告知的当前密码，并设置一个只有您自己知道的新密码，修改后即可继续使用。"
          style={{ marginBottom: 16 }}
        />
      )}
      <FormAlert state={alert} id="change-password-alert" />
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ maxWidth: 420 }}
        onFinish={(v) => void change.submit(v)}
        validateTrigger="onBlur"
      >
        <Form.Item
          name="currentPassword"
          label="当前密码"
          required
          rules={[zodRule(ChangePasswordRequest, 'currentPassword')]}
        >
          <Input.Password size="large" autoComplete="current-password" maxLength={128} />
        </Form.Item>
        <PasswordFields
          passwordLabel="新密码"
          confirmLabel="确认新密码"
          passwordRules={[zodRule(ChangePasswordRequest, 'password')]}
          confirmRules={[zodRule(ChangePasswordRequest, 'passwordConfirm')]}
        />
        <Button type="primary" htmlType="submit" loading={change.busy}>
          修改密码
        </Button>
      </Form>
    </Card>
  );
}
