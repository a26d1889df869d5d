import { App, Button, Card, Descriptions, Form, Input } from 'antd';
import { useRef, useState } from 'react';
import { ChangeMobileRequest, ChangeMobileSmsRequest } from '../../../shared/schemas/auth';
import { authApi } from '../../api/auth';
import { ApiError, errorMessage } from '../../api/client';
import { CaptchaField, type CaptchaHandle } from '../../components/CaptchaField';
import { FormAlert, type AlertState } from '../../components/ErrorAlert';
import { SmsCodeField } from '../../components/SmsCodeField';
import { applyFieldErrors } from '../../forms/fieldErrors';
import { FIELDS_MARKED, useSubmit } from '../../forms/useSubmit';
import { validateWith, zodRule } from '../../forms/zodForm';
import { useSession } from '../../session/context';

interface Values {
  mobile?: string;
  captchaId?: string;
  captchaAnswer?: string;
  smsCode?: string;
}

/** 修改联系手机 (enterprise): a code goes to the NEW mobile (after a captcha); then the code confirms. */
export function ChangeMobileCard() {
  const session = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [alert, setAlert] = useState<AlertState | null>(null);
  const captchaRef = useRef<CaptchaHandle>(null);
  const phase = useRef<'send' | 'confirm'>('send');
  const enterprise = session.user?.enterprise;

  const fail = (err: unknown) => {
    const rest = applyFieldErrors(form, err);
    const placed = err instanceof ApiError && Object.keys(err.fieldErrors).length > Object.keys(rest).length;
    setAlert({ type: 'error', title: placed ? FIELDS_MARKED : errorMessage(err) });
  };

  const sendCode = async (): Promise<number | null> => {
    setAlert(null);
    phase.current = 'send';
    try {
      await form.validateFields(['mobile', 'captchaAnswer']);
    } catch {
      return null;
    }
    const checked = validateWith(
      ChangeMobileSmsRequest,
      form.getFieldsValue(['mobile', 'captchaId', 'captchaAnswer']),
    );
    if (!checked.ok) {
      applyFieldErrors(form, checked.fieldErrors);
      return null;
    }
    try {
      const sent = await authApi.changeMobileSmsCode(checked.data);
      captchaRef.current?.refresh();
      setAlert({ type: 'success', title: `验证码已发送至 ${sent.sentTo}` });
      return sent.resendAfterSeconds;
    } catch (err) {
      captchaRef.current?.refresh();
      fail(err);
      return null;
    }
  };

  const change = useSubmit(
    async (values: Values) => {
      phase.current = 'send';
      setAlert(null);
      const checked = validateWith(ChangeMobileRequest, { mobile: values.mobile, smsCode: values.smsCode });
      if (!checked.ok) {
        applyFieldErrors(form, checked.fieldErrors);
        return;
      }
      const s = await authApi.changeMobile(checked.data);
      session.apply(s);
      form.resetFields();
      captchaRef.current?.refresh();
      message.success('联系手机已修改');
      setAlert({ type: 'success', title: '联系手机已修改，今后的验证码和通知将发送至新手机。' });
    },
    {
      onError: (err) => {
        fail(err);
        return true;
      },
    },
  );

  return (
    <Card title="修改联系手机" style={{ marginBottom: 24 }}>
      {enterprise && (
        <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
          <Descriptions.Item label="当前联系人">{enterprise.contactName}</Descriptions.Item>
          <Descriptions.Item label="当前联系手机">{enterprise.contactMobileMasked}</Descriptions.Item>
        </Descriptions>
      )}
      <FormAlert state={alert} id="change-mobile-alert" />
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ maxWidth: 420 }}
        onFinish={(v) => void change.submit(v)}
        validateTrigger="onBlur"
      >
        <Form.Item
          name="mobile"
          label="新联系手机"
          required
          rules={[zodRule(ChangeMobileSmsRequest, 'mobile')]}
          extra="验证码将发送至新手机，以确认该号码可用"
        >
          <Input
            size="large"
            maxLength={13}
            inputMode="numeric"
            autoComplete="tel"
            placeholder="例如 13812345678"
          />
        </Form.Item>
        <CaptchaField
          ref={captchaRef}
          rules={[
            {
              validator: async (_r, v: unknown) => {
                if (phase.current === 'confirm') return;
                const r = ChangeMobileSmsRequest.shape.captchaAnswer.safeParse(v);
                if (!r.success) throw new Error(r.error.issues[0]?.message ?? '请输入图形验证码');
              },
            },
          ]}
        />
        <SmsCodeField rules={[zodRule(ChangeMobileRequest, 'smsCode')]} onSend={sendCode} />
        <Button
          type="primary"
          htmlType="submit"
          loading={change.busy}
          onClick={() => {
            phase.current = 'confirm';
          }}
        >
          确认修改
        </Button>
      </Form>
    </Card>
  );
}
