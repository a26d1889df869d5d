import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { LoginRequest, type SessionResponse } from '../../shared/schemas/auth';
import { authApi } from '../api/auth';
import { ApiError, errorMessage } from '../api/client';
import { AuthLayout } from '../components/AuthLayout';
import { CaptchaField, type CaptchaHandle } from '../components/CaptchaField';
import { FormAlert, type AlertState } from '../components/ErrorAlert';
import { applyFieldErrors } from '../forms/fieldErrors';
import { useSubmit } from '../forms/useSubmit';
import { validateWith, zodRule } from '../forms/zodForm';
import { useSession } from '../session/context';
import { homeFor, safeNext } from '../session/paths';
import { SecondFactorStep, type Challenge } from './SecondFactorStep';

interface LoginValues {
  username?: string;
  password?: string;
  captchaId?: string;
  captchaAnswer?: string;
}

/** One login page for enterprises and government users alike. */
export default function LoginPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  const [form] = Form.useForm<LoginValues>();
  const [needCaptcha, setNeedCaptcha] = useState(false);
  const [alert, setAlert] = useState<AlertState | null>(null);
  const captchaRef = useRef<CaptchaHandle>(null);
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const { notification } = App.useApp();

  /** Signed in: the warning of a password about to expire, then the page that was asked for. */
  const signedIn = (s: SessionResponse) => {
    session.apply(s);
    const days = s.user?.passwordExpiryWarningDays;
    if (s.user && days != null) {
      notification.warning({
        key: 'password-expiry',
        title: `您的密码将在 ${days} 天后过期`,
        description: '请尽快在“账号设置”中修改密码；过期后须先修改密码才能继续使用平台。',
        duration: 0,
      });
    }
    const target = s.user ? (safeNext(next, s.user.role) ?? homeFor(s.user.role)) : '/';
    navigate(target, { replace: true });
  };

  const handleError = (err: unknown) => {
    const rest = applyFieldErrors(form, err);
    if (needCaptcha) captchaRef.current?.refresh();
    if (!(err instanceof ApiError)) {
      setAlert({ type: 'error', title: errorMessage(err) });
      return;
    }
    const allPlaced = Object.keys(err.fieldErrors).length > 0 && Object.keys(rest).length === 0;
    switch (err.code) {
      case 'CAPTCHA_REQUIRED':
        // From now on the captcha is part of the form (the server asks for it after repeated failures).
        setNeedCaptcha(true);
        setAlert({ type: 'warning', title: err.message });
        return;
      case 'ACCOUNT_LOCKED':
        setAlert({
          type: 'error',
          title: err.message,
          description: (
            <span>
              如忘记密码，可通过 <Link to="/reset-password">忘记密码</Link> 重置。
            </span>
          ),
        });
        return;
      case 'INVALID_CREDENTIALS':
      case 'VALIDATION_FAILED':
        // Shown beside the fields; an Alert only for what no field can show.
        setAlert(allPlaced ? null : { type: 'error', title: err.message });
        return;
      default:
        setAlert({ type: 'error', title: errorMessage(err) });
    }
  };

  const login = useSubmit(
    async (values: LoginValues) => {
      setAlert(null);
      const payload = {
        username: values.username ?? '',
        password: values.password ?? '',
        ...(needCaptcha ? { captchaId: values.captchaId, captchaAnswer: values.captchaAnswer ?? '' } : {}),
      };
      const checked = validateWith(LoginRequest, payload);
      if (!checked.ok) {
        applyFieldErrors(form, checked.fieldErrors);
        return;
      }
      const s = await authApi.login(payload);
      if (s.secondFactor && !s.user) {
        // The password was right; step 2 asks for the second factor (no session yet).
        session.apply(s);
        setChallenge(s.secondFactor);
        return;
      }
      signedIn(s);
    },
    {
      onError: (err) => {
        handleError(err);
        return true;
      },
    },
  );

  const user = session.user;
  if (user) {
    const target = safeNext(next, user.role);
    if (target || !next) return <Navigate to={target ?? homeFor(user.role)} replace />;
    // Signed in, but the requested page belongs to another kind of account.
    return (
      <AuthLayout title="登录">
        <FormAlert
          state={{
            type: 'warning',
            title: `您当前以“${user.displayName}”（${user.roleLabel}）登录，无权访问所请求的页面。`,
            description: '如需访问该页面，请退出后使用相应的账号登录。',
          }}
        />
        <Space>
          <Button type="primary" onClick={() => navigate(homeFor(user.role), { replace: true })}>
            进入我的首页
          </Button>
          <Button onClick={() => void session.logout()}>退出并更换账号</Button>
        </Space>
      </AuthLayout>
    );
  }

  if (challenge) {
    return (
      <AuthLayout title="登录：第二步验证">
        <SecondFactorStep
          challenge={challenge}
          onDone={signedIn}
          onRestart={(a) => {
            setChallenge(null);
            form.setFieldValue('password', '');
            setAlert(a);
          }}
        />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="登录">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        企业用户和工信部门用户均在此登录。
      </Typography.Paragraph>
      <FormAlert state={alert} id="login-alert" />
      <Form<LoginValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void login.submit(v)}
        requiredMark={false}
      >
        <Form.Item
          name="username"
          label="用户名"
          rules={[zodRule(LoginRequest, 'username')]}
          validateTrigger="onSubmit"
        >
          <Input
            prefix={<UserOutlined />}
            autoComplete="username"
            size="large"
            placeholder="请输入用户名"
            maxLength={64}
          />
        </Form.Item>
        <Form.Item
          name="password"
          label="密码"
          rules={[zodRule(LoginRequest, 'password')]}
          validateTrigger="onSubmit"
        >
          <Input.Password
            prefix={<LockOutlined />}
            autoComplete="current-password"
            size="large"
            placeholder="请输入密码"
            maxLength={128}
          />
        </Form.Item>
        {needCaptcha && <CaptchaField ref={captchaRef} autoFocus />}
        <Form.Item style={{ marginBottom: 12 }}>
          <Button type="primary" htmlType="submit" size="large" block loading={login.busy}>
            登录
          </Button>
        </Form.Item>
      </Form>
      <Flex justify="space-between" wrap gap={8}>
        <Link to="/register">注册企业账号</Link>
        <Space size="middle">
          <Link to="/forgot-username">忘记用户名</Link>
          <Link to="/reset-password">忘记密码</Link>
        </Space>
      </Flex>
    </AuthLayout>
  );
}
