import { Alert, App, Button, Card, Form, Input, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { TotpConfirmRequest, TotpSetupRequest, type TotpSetupResponse } from '../../../shared/schemas/auth';
import { authApi } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { FormAlert, type AlertState } from '../../components/ErrorAlert';
import { applyFieldErrors } from '../../forms/fieldErrors';
import { useSubmit } from '../../forms/useSubmit';
import { validateWith, zodRule } from '../../forms/zodForm';
import { useSession } from '../../session/context';

/**
 * 身份验证器 (TOTP): the current password gives a new secret, shown once as a QR code and as text; the first code
 * from the app confirms it. From then on every login asks for a code (docs/adr/0023-second-factor-and-password-ageing.md).
 * Losing the phone: the security administrator resets it.
 */
export function TotpCard() {
  const session = useSession();
  const { message } = App.useApp();
  const [pwForm] = Form.useForm<{ currentPassword?: string }>();
  const [codeForm] = Form.useForm<{ code?: string }>();
  const [setup, setSetup] = useState<TotpSetupResponse | null>(null);
  const [alert, setAlert] = useState<AlertState | null>(null);
  const status = session.user?.secondFactor;

  const start = useSubmit(
    async (values: { currentPassword?: string }) => {
      setAlert(null);
      const checked = validateWith(TotpSetupRequest, values);
      if (!checked.ok) {
        applyFieldErrors(pwForm, checked.fieldErrors);
        return;
      }
      setSetup(await authApi.totpSetup(checked.data));
      pwForm.resetFields();
    },
    {
      form: pwForm,
      onError: (err, rest) => {
        if (Object.keys(rest).length > 0 || !pwForm.getFieldError('currentPassword').length)
          setAlert({ type: 'error', title: errorMessage(err) });
        return true;
      },
    },
  );

  const confirm = useSubmit(
    async (values: { code?: string }) => {
      setAlert(null);
      const checked = validateWith(TotpConfirmRequest, values);
      if (!checked.ok) {
        applyFieldErrors(codeForm, checked.fieldErrors);
        return;
      }
      session.apply(await authApi.totpConfirm(checked.data));
      setSetup(null);
      codeForm.resetFields();
      message.success('身份验证器已绑定');
      setAlert({
        type: 'success',
        title: '身份验证器已绑定。今后每次登录，输入密码后还须输入身份验证器上的 6 位验证码。',
      });
    },
    {
      form: codeForm,
      onError: (err, rest) => {
        if (Object.keys(rest).length > 0) setAlert({ type: 'error', title: errorMessage(err) });
        return true;
      },
    },
  );

  return (
    <Card title="身份验证器（第二因素）" style={{ marginBottom: 24 }} id="totp-card">
      <Typography.Paragraph>
        {status?.totpEnabled
          ? '已绑定身份验证器：每次登录须输入其显示的 6 位验证码。更换手机时可在此重新绑定；手机丢失请联系安全管理员重置。'
          : status?.required
            ? '您的账号登录须使用第二因素。未绑定身份验证器时，登录验证码将以短信发送至登记的手机；绑定后也可使用身份验证器。'
            : '可绑定手机上支持 TOTP 的身份验证器 App（如 Google Authenticator、Microsoft Authenticator），绑定后每次登录须输入其显示的验证码。'}
      </Typography.Paragraph>
      <FormAlert state={alert} id="totp-alert" />
      {!setup ? (
        <Form
          form={pwForm}
          layout="vertical"
          style={{ maxWidth: 420 }}
          onFinish={(v) => void start.submit(v)}
        >
          <Form.Item
            name="currentPassword"
            label="当前密码"
            htmlFor="totp-password"
            required
            rules={[zodRule(TotpSetupRequest, 'currentPassword')]}
            validateTrigger="onSubmit"
          >
            <Input.Password id="totp-password" autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={start.busy} id="totp-start">
            {status?.totpEnabled ? '重新绑定身份验证器' : '绑定身份验证器'}
          </Button>
        </Form>
      ) : (
        <>
          <Steps
            size="small"
            current={1}
            style={{ marginBottom: 16 }}
            items={[{ title: '验证密码' }, { title: '扫码并输入验证码' }, { title: '完成' }]}
          />
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="二维码和密钥只显示这一次，请勿截图外传。离开本页后将无法再次查看。"
          />
          <Space align="start" size={24} wrap>
            <img src={setup.qrDataUrl} alt="身份验证器绑定二维码" width={220} height={220} id="totp-qr" />
            <div style={{ maxWidth: 360 }}>
              <Typography.Paragraph>
                用身份验证器扫描二维码；无法扫码时，可手动输入密钥：
              </Typography.Paragraph>
              <Typography.Paragraph copyable code id="totp-secret">
                {setup.secret}
              </Typography.Paragraph>
              <Form form={codeForm} layout="vertical" onFinish={(v) => void confirm.submit(v)}>
                <Form.Item
                  name="code"
                  label="身份验证器上显示的 6 位验证码"
                  htmlFor="totp-code"
                  rules={[zodRule(TotpConfirmRequest, 'code')]}
                  validateTrigger="onSubmit"
                >
                  <Input id="totp-code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
                </Form.Item>
                <Space>
                  <Button type="primary" htmlType="submit" loading={confirm.busy} id="totp-confirm">
                    确认绑定
                  </Button>
                  <Button onClick={() => setSetup(null)}>取消</Button>
                </Space>
              </Form>
            </div>
          </Space>
        </>
      )}
    </Card>
  );
}
