import { Button, Form, Input, Result, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { RecoverUsernameRequest } from '../../shared/schemas/auth';
import { authApi } from '../api/auth';
import { ApiError, errorMessage } from '../api/client';
import { AuthLayout } from '../components/AuthLayout';
import { CaptchaField, type CaptchaHandle } from '../components/CaptchaField';
import { FormAlert, type AlertState } from '../components/ErrorAlert';
import { applyFieldErrors } from '../forms/fieldErrors';
import { FIELDS_MARKED, useSubmit } from '../forms/useSubmit';
import { validateWith, zodRule } from '../forms/zodForm';

interface Values {
  uscc?: string;
  mobile?: string;
  captchaId?: string;
  captchaAnswer?: string;
}

/**
 * 忘记用户名: credit code + contact mobile + captcha. The server answers the same either way and sends the
 * username by SMS to the contact mobile on record; the page never shows a username.
 */
export default function ForgotUsernamePage() {
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [done, setDone] = useState<string | null>(null);
  const [alert, setAlert] = useState<AlertState | null>(null);
  const captchaRef = useRef<CaptchaHandle>(null);

  const recover = useSubmit(
    async (values: Values) => {
      setAlert(null);
      const checked = validateWith(RecoverUsernameRequest, values);
      if (!checked.ok) {
        applyFieldErrors(form, checked.fieldErrors);
        return;
      }
      const r = await authApi.recoverUsername(checked.data);
      setDone(r.message);
    },
    {
      form,
      onError: (err) => {
        captchaRef.current?.refresh();
        const hasFieldErrors = err instanceof ApiError && Object.keys(err.fieldErrors).length > 0;
        setAlert({ type: 'error', title: hasFieldErrors ? FIELDS_MARKED : errorMessage(err) });
        return true;
      },
    },
  );

  if (done) {
    return (
      <AuthLayout title="忘记用户名">
        <Result
          status="success"
          title="已受理"
          subTitle={<span role="alert">{done}</span>}
          extra={
            <Button type="primary" onClick={() => navigate('/login')}>
              返回登录
            </Button>
          }
        />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="忘记用户名">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        请填写企业的统一社会信用代码和注册时登记的联系手机。信息核对无误后，平台会将用户名以短信发送至该联系手机，页面上不会显示用户名。
      </Typography.Paragraph>
      <FormAlert state={alert} id="forgot-username-alert" />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void recover.submit(v)}
        validateTrigger="onBlur"
      >
        <Form.Item
          name="uscc"
          label="统一社会信用代码"
          required
          rules={[zodRule(RecoverUsernameRequest, 'uscc')]}
        >
          <Input size="large" maxLength={24} autoComplete="off" style={{ textTransform: 'uppercase' }} />
        </Form.Item>
        <Form.Item
          name="mobile"
          label="联系手机"
          required
          rules={[zodRule(RecoverUsernameRequest, 'mobile')]}
          extra="注册时或最近一次修改时登记的企业联系手机"
        >
          <Input
            size="large"
            maxLength={13}
            inputMode="numeric"
            autoComplete="tel"
            placeholder="例如 13812345678"
          />
        </Form.Item>
        <CaptchaField ref={captchaRef} />
        <Form.Item style={{ marginBottom: 12 }}>
          <Button type="primary" htmlType="submit" size="large" block loading={recover.busy}>
            发送用户名到联系手机
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        联系手机已更换、无法接收短信？请联系企业所在地的县（市、区）工信部门核实后处理。{' '}
        <Link to="/login">返回登录</Link>
      </Typography.Paragraph>
    </AuthLayout>
  );
}
