import { Alert, App, Button, Card, Form, InputNumber, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import {
  PROVINCE_SETTINGS_LIMITS as LIMITS,
  ProvinceSettingsUpdate,
  type ProvinceSettings,
} from '../../../../shared/schemas/settings-api';
import { ApiError, errorMessage } from '../../../api/client';
import { settingsApi } from '../../../api/settings';
import { formatShanghai } from '../../../components/Countdown';
import { PageLoading } from '../../../components/PageLoading';
import { PageTitle } from '../../../components/PageTitle';
import { applyFieldErrors } from '../../../forms/fieldErrors';
import { zodRule } from '../../../forms/zodForm';
import { GovPage } from '../GovAccess';

/** /gov/settings — 省级参数设置 (province and admin): default publicity length, clearance grace period. */
export default function ProvinceSettingsPage() {
  return <GovPage path="settings">{() => <SettingsForm />}</GovPage>;
}

interface Values {
  publicityDays: number | null;
  clearanceGraceDays: number | null;
}

function SettingsForm() {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [current, setCurrent] = useState<ProvinceSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    settingsApi.province().then(
      (s) => live && setCurrent(s),
      (err: unknown) => live && setLoadError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, []);

  if (loadError) return <Alert type="error" showIcon role="alert" title={loadError} />;
  if (!current) return <PageLoading />;

  async function save(v: Values) {
    setSaving(true);
    setError(null);
    try {
      const saved = await settingsApi.saveProvince({
        publicityDays: v.publicityDays as number,
        clearanceGraceDays: v.clearanceGraceDays as number,
      });
      setCurrent(saved);
      form.setFieldsValue({
        publicityDays: saved.publicityDays,
        clearanceGraceDays: saved.clearanceGraceDays,
      });
      message.success('省级参数已保存');
    } catch (err) {
      const unplaced = applyFieldErrors(form, err);
      const placed = err instanceof ApiError && Object.keys(err.fieldErrors).length > 0;
      setError(!placed || Object.keys(unplaced).length > 0 ? errorMessage(err) : null);
    } finally {
      setSaving(false);
    }
  }

  const P = LIMITS.publicityDays;
  const G = LIMITS.clearanceGraceDays;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageTitle title="省级参数设置" />
      <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>省级参数设置</h1>}>
        <Typography.Paragraph type="secondary" id="settings-updated">
          {current.updatedAt
            ? `最近修改：${formatShanghai(current.updatedAt)}`
            : '尚未修改，当前使用平台默认值。'}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
        <Form<Values>
          form={form}
          id="settings-form"
          layout="vertical"
          style={{ maxWidth: 520 }}
          initialValues={{
            publicityDays: current.publicityDays,
            clearanceGraceDays: current.clearanceGraceDays,
          }}
          onFinish={save}
        >
          <Form.Item
            name="publicityDays"
            label="公示期天数"
            required
            rules={[zodRule(ProvinceSettingsUpdate, 'publicityDays')]}
            extra={`各设区市发布公示时默认的公示天数（含首尾，${P.min}–${P.max} 天；平台默认 ${P.default} 天）。`}
          >
            <InputNumber id="publicityDays" precision={0} style={{ width: 160 }} suffix="天" />
          </Form.Item>
          <Form.Item
            name="clearanceGraceDays"
            label="清退宽限期天数"
            required
            rules={[zodRule(ProvinceSettingsUpdate, 'clearanceGraceDays')]}
            extra={`数据更新截止后再等待的天数，期满仍未更新的企业列入拟清退名单（${G.min}–${G.max} 天；平台默认 ${G.default} 天）。`}
          >
            <InputNumber id="clearanceGraceDays" precision={0} style={{ width: 160 }} suffix="天" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} id="settings-save">
            保存
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
