import { Button, Form, Input, Result, Steps, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ResetPasswordRequest, ResetSmsRequest } from '../../shared/schemas/auth';
import { authApi } from '../api/auth';
import { ApiError, errorMessage } from '../api/client';
import { AuthLayout } from '../components/AuthLayout';
import { CaptchaField, type CaptchaHandle } from '../components/CaptchaField';
import { FormAlert, type AlertState } from '../components/ErrorAlert';
import { PasswordFields } from '../components/PasswordFields';
import { SmsCodeField } from '../components/SmsCodeField';
import { applyFieldErrors } from '../forms/fieldErrors';
import { FIELDS_MARKED, useSubmit } from '../forms/useSubmit';
import { validateWith, zodRule } from '../forms/zodForm';

interface StepOneValues {
  username?: string;
  captchaId?: string;
  captchaAnswer?: string;
}

interface StepTwoValues {
  smsCode?: string;
  password?: string;
  passwordConfirm?: string;
}

function failure(err: unknown): AlertState {
  const hasFieldErrors = err instanceof ApiError && Object.keys(err.fieldErrors).length > 0;
  return { type: 'error', title: hasFieldErrors ? FIELDS_MARKED : errorMessage(err) };
}

/** 忘记密码: username + captcha → SMS code to the account's mobile; code + new password twice; done. */
export default function ResetPasswordPage() {
  const navigate = useNavigate();
  const [step, setStep] = useState<0 | 1 | 2>(0);
  const [username, setUsername] = useState('');
  const [sentMessage, setSentMessage] = useState<string | null>(null);
  const [alert, setAlert] = useState<AlertState | null>(null);
  const [formOne] = Form.useForm<StepOneValues>();
  const [formTwo] = Form.useForm<StepTwoValues>();
  const captchaRef = useRef<CaptchaHandle>(null);

  const requestCode = useSubmit(
    async (values: StepOneValues) => {
      setAlert(null);
      const checked = validateWith(ResetSmsRequest, values);
      if (!checked.ok) {
        applyFieldErrors(formOne, checked.fieldErrors);
        return;
      }
      const r = await authApi.resetSmsCode(checked.data);
      setUsername(checked.data.username);
      setSentMessage(r.message);
      setStep(1);
    },
    {
      form: formOne,
      onError: (err) => {
        captchaRef.current?.refresh();
        setAlert(failure(err));
        return true;
      },
    },
  );

  const reset = useSubmit(
    async (values: StepTwoValues) => {
      setAlert(null);
      const checked = validateWith(ResetPasswordRequest, { ...values, username });
      if (!checked.ok) {
        applyFieldErrors(formTwo, checked.fieldErrors);
        return;
      }
      await authApi.resetPassword(checked.data);
      setStep(2);
    },
    {
      form: formTwo,
      onError: (err, unplaced) => {
        // The username no longer matches (e.g. the code expired): start again.
        if (unplaced.username) setStep(0);
        setAlert(failure(err));
        return true;
      },
    },
  );

  return (
    <AuthLayout title="忘记密码">
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 24 }}
        items={[{ title: '验证账号' }, { title: '设置新密码' }, { title: '完成' }]}
      />
      <FormAlert state={alert} id="reset-alert" />
      {step === 0 && (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            请输入用户名。验证通过后，平台会向该账号登记的手机发送短信验证码。忘记用户名？请先
            <Link to="/forgot-username">找回用户名</Link>。
          </Typography.Paragraph>
          <Form<StepOneValues>
            form={formOne}
            layout="vertical"
            onFinish={(v) => void requestCode.submit(v)}
            validateTrigger="onBlur"
            initialValues={{ username }}
          >
            <Form.Item name="username" label="用户名" required rules={[zodRule(ResetSmsRequest, 'username')]}>
              <Input size="large" maxLength={32} autoComplete="username" />
            </Form.Item>
            <CaptchaField ref={captchaRef} />
            <Form.Item style={{ marginBottom: 12 }}>
              <Button type="primary" htmlType="submit" size="large" block loading={requestCode.busy}>
                获取短信验证码
              </Button>
            </Form.Item>
          </Form>
        </>
      )}
      {step === 1 && (
        <>
          {sentMessage && <FormAlert state={{ type: 'info', title: sentMessage }} id="reset-sent" />}
          <Form<StepTwoValues>
            form={formTwo}
            layout="vertical"
            onFinish={(v) => void reset.submit(v)}
            validateTrigger="onBlur"
          >
            <Form.Item label="用户名">
              <Input size="large" value={username} disabled id="resetUsername" />
            </Form.Item>
            <SmsCodeField rules={[zodRule(ResetPasswordRequest, 'smsCode')]} />
            <PasswordFields
              passwordLabel="新密码"
              confirmLabel="确认新密码"
              passwordRules={[zodRule(ResetPasswordRequest, 'password')]}
              confirmRules={[zodRule(ResetPasswordRequest, 'passwordConfirm')]}
            />
            <Form.Item style={{ marginBottom: 12 }}>
              <Button type="primary" htmlType="submit" size="large" block loading={reset.busy}>
                重置密码
              </Button>
            </Form.Item>
          </Form>
          <Button
            type="link"
            style={{ padding: 0 }}
            onClick={() => {
              setAlert(null);
              setStep(0);
            }}
          >
            没有收到验证码？返回上一步重新获取
          </Button>
        </>
      )}
      {step === 2 && (
        <Result
          status="success"
          title="密码已重置"
          subTitle="请使用新密码登录。为了安全，此前在其他设备上的登录已失效。"
          extra={
            <Button type="primary" onClick={() => navigate('/login')}>
              返回登录
            </Button>
          }
        />
      )}
      {step !== 2 && (
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
          <Link to="/login">返回登录</Link>
        </Typography.Paragraph>
      )}
    </AuthLayout>
  );
}
