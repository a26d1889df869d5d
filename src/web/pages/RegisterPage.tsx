import { App, Button, Col, Divider, Form, Input, Row, Typography, type FormRule } from 'antd';
import { useRef, useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import type { FieldErrors } from '../../shared/errors';
import { RegisterRequest, RegisterSmsRequest, UsccCheckRequest } from '../../shared/schemas/auth';
import { captchaAnswer as captchaAnswerSchema, USERNAME_RULE } from '../../shared/schemas/fields';
import { authApi } from '../api/auth';
import { ApiError, errorMessage, toFormData } from '../api/client';
import { AuthLayout } from '../components/AuthLayout';
import { CaptchaField, type CaptchaHandle } from '../components/CaptchaField';
import { FormAlert, messageList, type AlertState } from '../components/ErrorAlert';
import { LicenceUpload } from '../components/LicenceUpload';
import { PasswordFields } from '../components/PasswordFields';
import { SmsCodeField } from '../components/SmsCodeField';
import { applyFieldErrors, erroredLabels } from '../forms/fieldErrors';
import { usePersistentDraft } from '../forms/usePersistentDraft';
import { useSubmit } from '../forms/useSubmit';
import { validateWith, zodRule } from '../forms/zodForm';
import { useSession } from '../session/context';
import { homeFor } from '../session/paths';

interface RegisterValues {
  enterpriseName?: string;
  uscc?: string;
  licence?: File;
  username?: string;
  password?: string;
  passwordConfirm?: string;
  contactName?: string;
  contactMobile?: string;
  captchaId?: string;
  captchaAnswer?: string;
  smsCode?: string;
}

/** Field labels in form order (for the summaries). */
export const REGISTER_LABELS: Record<string, string> = {
  enterpriseName: '企业名称',
  uscc: '统一社会信用代码',
  licence: '营业执照',
  username: '用户名',
  password: '密码',
  passwordConfirm: '确认密码',
  contactName: '联系人姓名',
  contactMobile: '联系手机',
  captchaId: '图形验证码',
  captchaAnswer: '图形验证码',
  smsCode: '短信验证码',
};

const SMS_FIELDS = [
  'enterpriseName',
  'uscc',
  'username',
  'password',
  'passwordConfirm',
  'contactName',
  'contactMobile',
  'captchaId',
  'captchaAnswer',
] as const;
const REGISTER_TEXT_FIELDS = [
  'enterpriseName',
  'uscc',
  'username',
  'password',
  'passwordConfirm',
  'contactName',
  'contactMobile',
  'smsCode',
] as const;
const ALL_FIELDS = [...SMS_FIELDS, 'smsCode', 'licence'] as const;

function pick(values: RegisterValues, keys: readonly string[]): Record<string, unknown> {
  const src = values as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, src[k]]));
}

function formOrder(key: string): number {
  const i = Object.keys(REGISTER_LABELS).indexOf(key);
  return i < 0 ? 99 : i;
}

function isUsccTaken(fieldErrors: FieldErrors): boolean {
  const m = fieldErrors.uscc ?? '';
  return /已注册|已存在/.test(m);
}

const rule = (field: string): FormRule[] => [zodRule(RegisterRequest, field)];

export default function RegisterPage() {
  const session = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<RegisterValues>();
  const draft = usePersistentDraft<RegisterValues>('register', { omit: ['licence'] });
  const [restoredNotice, setRestoredNotice] = useState(draft.restoredAt !== null);
  const [smsAlert, setSmsAlert] = useState<AlertState | null>(null);
  const [submitAlert, setSubmitAlert] = useState<AlertState | null>(null);
  const [usccTaken, setUsccTaken] = useState(false);
  const captchaRef = useRef<CaptchaHandle>(null);
  /** Answers of the "already registered?" check, by normalised code (asked once per code). */
  const usccChecks = useRef(new Map<string, Promise<string | null>>());
  // The captcha is needed to send the SMS code, not to register: its rule is skipped on 注册.
  const phase = useRef<'edit' | 'register'>('edit');

  const summary = (fieldErrors: FieldErrors, action: string): AlertState => {
    const labels = erroredLabels(fieldErrors, REGISTER_LABELS);
    return {
      type: 'error',
      title: `以下信息需修正后才能${action}：${labels.join('、')}`,
      description: messageList(
        Object.entries(fieldErrors)
          .sort(([a], [b]) => formOrder(a) - formOrder(b))
          .map(([k, m]) => ({ label: REGISTER_LABELS[k] ?? (k === '_' ? '其他' : k), message: m })),
      ),
    };
  };

  const register = useSubmit(
    async (values: RegisterValues) => {
      phase.current = 'edit';
      setSubmitAlert(null);
      const checked = validateWith(RegisterRequest, pick(values, REGISTER_TEXT_FIELDS));
      if (!checked.ok) {
        applyFieldErrors(form, checked.fieldErrors);
        setSubmitAlert(summary(checked.fieldErrors, '注册'));
        return;
      }
      if (!values.licence) {
        form.setFields([{ name: 'licence', errors: ['请上传营业执照图片'] }]);
        return;
      }
      const s = await authApi.register(toFormData(checked.data, { licence: values.licence }));
      draft.clear();
      session.apply(s);
      message.success('注册成功，欢迎使用江苏省优质中小企业梯度培育平台');
      navigate(s.user ? homeFor(s.user.role) : '/login', { replace: true });
    },
    {
      form,
      onError: (err) => {
        if (err instanceof ApiError && Object.keys(err.fieldErrors).length > 0) {
          if (isUsccTaken(err.fieldErrors)) setUsccTaken(true);
          setSubmitAlert(summary(err.fieldErrors, '注册'));
        } else {
          setSubmitAlert({ type: 'error', title: errorMessage(err) });
        }
        return true;
      },
    },
  );

  if (session.user) return <Navigate to={homeFor(session.user.role)} replace />;

  const captchaRules: FormRule[] = [
    {
      validator: async (_r, v: unknown) => {
        if (phase.current === 'register') return;
        const r = captchaAnswerSchema.safeParse(v);
        if (!r.success) throw new Error(r.error.issues[0]?.message ?? '请输入图形验证码');
      },
    },
  ];

  /**
   * "该企业已注册" as soon as the credit code is left, before the captcha: the server answers registered or not
   * (rate-limited); a failed check says nothing here, the SMS request checks again.
   */
  const usccRules: FormRule[] = [
    ...rule('uscc'),
    {
      validator: async (_r, v: unknown) => {
        const parsed = UsccCheckRequest.shape.uscc.safeParse(v);
        if (!parsed.success) return;
        const code = parsed.data;
        let answer = usccChecks.current.get(code);
        if (!answer) {
          answer = authApi.usccCheck({ uscc: code }).then(
            (r) => (r.registered ? (r.message ?? '该企业已注册') : null),
            () => {
              usccChecks.current.delete(code);
              return null;
            },
          );
          usccChecks.current.set(code, answer);
        }
        const taken = await answer;
        if (taken) {
          setUsccTaken(true);
          throw new Error(taken);
        }
      },
    },
  ];

  const sendSms = async (): Promise<number | null> => {
    setSmsAlert(null);
    phase.current = 'edit';
    try {
      await form.validateFields([...SMS_FIELDS]);
    } catch (e) {
      const errorFields =
        (e as { errorFields?: { name: (string | number)[]; errors: string[] }[] }).errorFields ?? [];
      const fe: FieldErrors = {};
      for (const f of errorFields) if (f.errors[0]) fe[f.name.join('.')] = f.errors[0];
      if (Object.keys(fe).length > 0) {
        setSmsAlert(summary(fe, '获取验证码'));
        return null;
      }
    }
    const checked = validateWith(RegisterSmsRequest, pick(form.getFieldsValue(true), SMS_FIELDS));
    if (!checked.ok) {
      applyFieldErrors(form, checked.fieldErrors);
      setSmsAlert(summary(checked.fieldErrors, '获取验证码'));
      return null;
    }
    try {
      const sent = await authApi.registerSmsCode(checked.data);
      captchaRef.current?.refresh();
      form.setFields([{ name: 'captchaAnswer', errors: [] }]);
      setSmsAlert({
        type: 'success',
        title: `验证码已发送至 ${sent.sentTo}`,
        description: '请在下方输入短信中的 6 位验证码。如需重新获取，请先输入新的图形验证码。',
      });
      return sent.resendAfterSeconds;
    } catch (err) {
      applyFieldErrors(form, err);
      captchaRef.current?.refresh();
      if (err instanceof ApiError && Object.keys(err.fieldErrors).length > 0) {
        if (isUsccTaken(err.fieldErrors)) setUsccTaken(true);
        setSmsAlert(summary(err.fieldErrors, '获取验证码'));
      } else {
        setSmsAlert({ type: 'error', title: errorMessage(err) });
      }
      return null;
    }
  };

  const clearAll = () => {
    form.setFieldsValue(Object.fromEntries(ALL_FIELDS.map((f) => [f, undefined])) as RegisterValues);
    draft.clear();
    setRestoredNotice(false);
    captchaRef.current?.refresh();
  };

  return (
    <AuthLayout title="注册企业账号" wide>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        请按营业执照如实填写。一家企业（统一社会信用代码）只能注册一个账号；如企业已注册但忘记用户名，请使用
        <Link to="/forgot-username">忘记用户名</Link>。
      </Typography.Paragraph>
      {restoredNotice && (
        <FormAlert
          state={{
            type: 'info',
            title: '已恢复您上次在本机填写但未提交的注册信息',
            description: (
              <span>
                密码、验证码和营业执照图片不会保存，需重新填写。{' '}
                <Button type="link" size="small" onClick={clearAll} style={{ padding: 0 }}>
                  清空重填
                </Button>
              </span>
            ),
          }}
        />
      )}
      <Form<RegisterValues>
        form={form}
        layout="vertical"
        initialValues={draft.initialValues}
        onValuesChange={(changed: Partial<RegisterValues>, all: RegisterValues) => {
          draft.onValuesChange(changed, all);
          if ('uscc' in changed) setUsccTaken(false);
          // A summary of errors is about the values it was given: once one changes it is stale (a corrected
          // credit code must not keep showing "校验位不正确" above its new message). Each field keeps its own.
          setSmsAlert((a) => (a?.type === 'error' ? null : a));
          setSubmitAlert((a) => (a?.type === 'error' ? null : a));
        }}
        onFinish={(v) => void register.submit(v)}
        onFinishFailed={() => {
          phase.current = 'edit';
        }}
        scrollToFirstError
        validateTrigger="onBlur"
      >
        <Divider titlePlacement="start">企业信息</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="enterpriseName"
              label="企业名称"
              required
              rules={rule('enterpriseName')}
              extra="与营业执照上的名称一致"
            >
              <Input size="large" maxLength={100} autoComplete="organization" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="uscc"
              label="统一社会信用代码"
              required
              rules={usccRules}
              validateFirst
              extra={
                usccTaken ? (
                  <span role="note">
                    已注册的企业请通过 <Link to="/forgot-username">忘记用户名</Link> 找回用户名
                  </span>
                ) : (
                  '18 位，见营业执照左上角'
                )
              }
            >
              <Input size="large" maxLength={24} style={{ textTransform: 'uppercase' }} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="licence"
          label="营业执照"
          required
          validateTrigger={[]}
          rules={[
            {
              validator: async (_r, v: unknown) =>
                v ? undefined : Promise.reject(new Error('请上传营业执照图片')),
            },
          ]}
        >
          <LicenceUpload maxBytes={session.limits.licenceMaxBytes} />
        </Form.Item>

        <Divider titlePlacement="start">账号信息</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="username" label="用户名" required rules={rule('username')}>
              <Input
                size="large"
                maxLength={32}
                autoComplete="username"
                placeholder={USERNAME_RULE.replace(/^用户名为 /, '')}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <PasswordFields passwordRules={rule('password')} confirmRules={rule('passwordConfirm')} />
          </Col>
        </Row>

        <Divider titlePlacement="start">联系人</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="contactName" label="联系人姓名" required rules={rule('contactName')}>
              <Input size="large" maxLength={30} autoComplete="name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="contactMobile"
              label="联系手机"
              required
              rules={rule('contactMobile')}
              extra="用于接收验证码、找回用户名和审核通知"
            >
              <Input
                size="large"
                maxLength={13}
                inputMode="numeric"
                autoComplete="tel"
                placeholder="例如 13812345678"
              />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">验证</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <CaptchaField ref={captchaRef} rules={captchaRules} />
          </Col>
          <Col xs={24} md={12}>
            <SmsCodeField rules={rule('smsCode')} onSend={sendSms} />
          </Col>
        </Row>
        <FormAlert state={smsAlert} id="sms-alert" />
        <FormAlert state={submitAlert} id="register-alert" />
        <Form.Item style={{ marginBottom: 8 }}>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={register.busy}
            onClick={() => {
              phase.current = 'register';
            }}
          >
            注册
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph style={{ textAlign: 'center', marginBottom: 0 }}>
        已有账号？<Link to="/login">返回登录</Link>
      </Typography.Paragraph>
    </AuthLayout>
  );
}
