import { Form, Input, Progress, Typography } from 'antd';
import type { FormRule } from 'antd';
import { passwordStrength, PASSWORD_RULE } from '../forms/password';
import { samePasswordRule } from '../forms/zodForm';

// Strength colours as text on white: 5.6:1, 6.9:1, 5.6:1 (docs/accessibility.md).
const COLORS = ['#d9d9d9', '#cf1322', '#874d00', '#237804'];

/** The new-password pair with the rule shown up front and a live strength hint. */
export function PasswordFields({
  passwordRules,
  confirmRules,
  passwordLabel = '密码',
  confirmLabel = '确认密码',
}: {
  passwordRules: FormRule[];
  confirmRules: FormRule[];
  passwordLabel?: string;
  confirmLabel?: string;
}) {
  const form = Form.useFormInstance();
  const pw = (Form.useWatch('password', form) as string | undefined) ?? '';
  const strength = passwordStrength(pw);
  return (
    <>
      <Form.Item
        name="password"
        label={passwordLabel}
        required
        rules={passwordRules}
        extra={
          <div>
            <Typography.Text type="secondary">{PASSWORD_RULE}</Typography.Text>
            {strength.level > 0 && (
              <div aria-live="polite" style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <Progress
                  aria-label={`密码强度：${strength.label}`}
                  percent={(strength.level / 3) * 100}
                  steps={3}
                  size="small"
                  showInfo={false}
                  strokeColor={COLORS[strength.level]}
                />
                <span style={{ color: COLORS[strength.level] }}>密码强度：{strength.label}</span>
              </div>
            )}
          </div>
        }
      >
        <Input.Password autoComplete="new-password" size="large" maxLength={64} />
      </Form.Item>
      <Form.Item
        name="passwordConfirm"
        label={confirmLabel}
        required
        dependencies={['password']}
        rules={[...confirmRules, samePasswordRule()]}
      >
        <Input.Password autoComplete="new-password" size="large" maxLength={64} />
      </Form.Item>
    </>
  );
}
