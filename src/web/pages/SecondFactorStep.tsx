import { SafetyOutlined } from '@ant-design/icons';
import { Button, Form, Input, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import {
  LoginSecondFactorRequest,
  type SecondFactorMethod,
  type SessionResponse,
} from '../../shared/schemas/auth';
import { authApi } from '../api/auth';
import { ApiError, errorMessage } from '../api/client';
import { FormAlert, type AlertState } from '../components/ErrorAlert';
import { SmsCodeField } from '../components/SmsCodeField';
import { applyFieldErrors } from '../forms/fieldErrors';
import { useSubmit } from '../forms/useSubmit';
import { validateWith } from '../forms/zodForm';

export type Challenge = NonNullable<SessionResponse['secondFactor']>;

const METHOD_LABELS: Record<SecondFactorMethod, string> = {
  totp: '身份验证器（TOTP）',
  sms: '短信验证码',
};

interface Values {
  method?: SecondFactorMethod;
  code?: string;
}

/**
 * Login step 2 (docs/adr/0023-second-factor-and-password-ageing.md): the password was right; the account gives
 * a code from its authenticator app or an SMS to its registered mobile. A wrong code counts like a wrong
 * password; a lock or a timed-out step sends the person back to step 1 with the reason (`onRestart`).
 */
export function SecondFactorStep({
  challenge,
  onDone,
  onRestart,
}: {
  challenge: Challenge;
  onDone: (s: SessionResponse) => void;
  onRestart: (alert: AlertState) => void;
}) {
  const [form] = Form.useForm<Values>();
  const method = Form.useWatch('method', form) ?? challenge.methods[0];
  const [alert, setAlert] = useState<AlertState | null>(null);

  const restartOn = (err: unknown): boolean => {
    if (err instanceof ApiError && ['ACCOUNT_LOCKED', 'LOGIN_STEP_EXPIRED', 'FORBIDDEN'].includes(err.code)) {
      onRestart({ type: 'error', title: err.message });
      return true;
    }
    return false;
  };

  const sendSms = async (): Promise<number | null> => {
    setAlert(null);
    try {
      const sent = await authApi.loginSmsCode({ token: challenge.token });
      setAlert({ type: 'success', title: sent.message });
      return sent.resendAfterSeconds;
    } catch (err) {
      if (!restartOn(err)) setAlert({ type: 'error', title: errorMessage(err) });
      return null;
    }
  };

  const verify = useSubmit(
    async (values: Values) => {
      setAlert(null);
      const payload = { token: challenge.token, method: values.method ?? method, code: values.code ?? '' };
      const checked = validateWith(LoginSecondFactorRequest, payload);
      if (!checked.ok) {
        applyFieldErrors(form, checked.fieldErrors);
        return;
      }
      onDone(await authApi.loginSecondFactor(payload));
    },
    {
      onError: (err) => {
        if (restartOn(err)) return true;
        const rest = applyFieldErrors(form, err);
        if (
          Object.keys(rest).length > 0 ||
          !(err instanceof ApiError) ||
          Object.keys(err.fieldErrors).length === 0
        )
          setAlert({ type: 'error', title: errorMessage(err) });
        return true;
      },
    },
  );

  return (
    <div id="second-factor-step">
      <Typography.Paragraph>
        <SafetyOutlined /> 密码正确。为保障账号安全，请再完成一步验证（
        {Math.round(challenge.expiresInSeconds / 60)} 分钟内有效）。
      </Typography.Paragraph>
      <FormAlert state={alert} id="second-factor-alert" />
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ method: challenge.methods[0] }}
        onFinish={(v) => void verify.submit(v)}
      >
        {challenge.methods.length > 1 ? (
          <Form.Item name="method" label="验证方式">
            <Radio.Group
              options={challenge.methods.map((m) => ({ value: m, label: METHOD_LABELS[m] }))}
              onChange={() => form.setFields([{ name: 'code', errors: [] }])}
            />
          </Form.Item>
        ) : (
          <Form.Item name="method" label="验证方式">
            <Typography.Text>{METHOD_LABELS[challenge.methods[0]!]}</Typography.Text>
          </Form.Item>
        )}
        {method === 'sms' ? (
          <SmsCodeField
            name="code"
            id="second-factor-code"
            extra={`短信将发送至登记的手机 ${challenge.mobileMasked ?? ''}`}
            validateTrigger="onSubmit"
            onSend={sendSms}
            sendId="second-factor-send"
            sendLabel="获取短信验证码"
            autoFocus
          />
        ) : (
          <Form.Item
            name="code"
            htmlFor="second-factor-code"
            label="身份验证器上显示的 6 位验证码"
            validateTrigger="onSubmit"
          >
            <Input
              id="second-factor-code"
              size="large"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              placeholder="6 位数字"
              autoFocus
            />
          </Form.Item>
        )}
        <Form.Item style={{ marginBottom: 12 }}>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={verify.busy}
            id="second-factor-submit"
          >
            验证并登录
          </Button>
        </Form.Item>
      </Form>
      <Space orientation="vertical" size={4}>
        <Button
          type="link"
          style={{ padding: 0 }}
          onClick={() => onRestart({ type: 'info', title: '已返回，请重新输入用户名和密码。' })}
        >
          返回重新输入密码
        </Button>
        <Typography.Text type="secondary">
          手机丢失或更换、无法获取验证码时，请联系本单位的安全管理员重置第二因素或登记新的手机号。
        </Typography.Text>
      </Space>
    </div>
  );
}
