import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import {
  DEFAULT_UPDATE_DEADLINE,
  PROVINCE_SETTINGS_LIMITS as LIMITS,
  ProvinceSettingsUpdate,
  type ProvinceSettings,
} from '../../../../shared/schemas/settings-api';
import { errorMessage } from '../../../api/client';
import { settingsApi } from '../../../api/settings';
import { formatShanghai } from '../../../components/Countdown';
import { PageLoading } from '../../../components/PageLoading';
import { PageTitle } from '../../../components/PageTitle';
import { useSubmit } from '../../../forms/useSubmit';
import { zodRule } from '../../../forms/zodForm';
import { Pill } from '../../../components/filing/Pill';
import { GovPage } from '../GovAccess';

/**
 * /gov/settings — 省级参数设置 (province and admin): default publicity length, clearance grace period, the
 * proposal expiry and the appeal window (ADR 0021), and the 2026
 * cycle: the annual update deadline and the「两次未更新取消认定」rule (one secondary source: marked 待核实).
 */
export default function ProvinceSettingsPage() {
  return <GovPage path="settings">{() => <SettingsForm />}</GovPage>;
}

interface Values {
  publicityDays: number | null;
  clearanceGraceDays: number | null;
  appealWindowDays: number | null;
  proposalExpiryDays: number | null;
  updateDeadline: string;
  cancelAfterTwoMissedUpdates: boolean;
}

const formValues = (s: ProvinceSettings): Values => ({
  publicityDays: s.publicityDays,
  clearanceGraceDays: s.clearanceGraceDays,
  appealWindowDays: s.appealWindowDays,
  proposalExpiryDays: s.proposalExpiryDays,
  updateDeadline: s.updateDeadline,
  cancelAfterTwoMissedUpdates: s.cancelAfterTwoMissedUpdates,
});

function SettingsForm() {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [current, setCurrent] = useState<ProvinceSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

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

  const save = useSubmit(
    async (v: Values) => {
      const saved = await settingsApi.saveProvince({
        publicityDays: v.publicityDays as number,
        clearanceGraceDays: v.clearanceGraceDays as number,
        appealWindowDays: v.appealWindowDays as number,
        proposalExpiryDays: v.proposalExpiryDays as number,
        updateDeadline: v.updateDeadline.trim(),
        cancelAfterTwoMissedUpdates: v.cancelAfterTwoMissedUpdates,
      });
      setCurrent(saved);
      form.setFieldsValue(formValues(saved));
      message.success('省级参数已保存');
    },
    { form, whenFieldsPlaced: null },
  );

  if (loadError) return <Alert type="error" showIcon role="alert" title={loadError} />;
  if (!current) return <PageLoading />;

  const P = LIMITS.publicityDays;
  const G = LIMITS.clearanceGraceDays;
  const A = LIMITS.appealWindowDays;
  const X = LIMITS.proposalExpiryDays;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageTitle title="省级参数设置" />
      <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>省级参数设置</h1>}>
        <Typography.Paragraph type="secondary" id="settings-updated">
          {current.updatedAt
            ? `最近修改：${formatShanghai(current.updatedAt)}`
            : '尚未修改，当前使用平台默认值。'}
        </Typography.Paragraph>
        {save.error && (
          <Alert type="error" showIcon role="alert" title={save.error} style={{ marginBottom: 16 }} />
        )}
        <Form<Values>
          form={form}
          id="settings-form"
          layout="vertical"
          style={{ maxWidth: 520 }}
          initialValues={formValues(current)}
          onFinish={save.submit}
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
          <Form.Item
            name="proposalExpiryDays"
            label="拟清退建议有效期天数"
            required
            rules={[zodRule(ProvinceSettingsUpdate, 'proposalExpiryDays')]}
            extra={`拟清退建议提出后，设区市须在此天数内（含最后一日）确认清退；逾期建议“已失效”，不能再确认（${X.min}–${X.max} 天；平台默认 ${X.default} 天）。修改只影响此后提出的建议。`}
          >
            <InputNumber id="proposalExpiryDays" precision={0} style={{ width: 160 }} suffix="天" />
          </Form.Item>
          <Form.Item
            name="appealWindowDays"
            label="清退申诉期限天数"
            required
            rules={[zodRule(ProvinceSettingsUpdate, 'appealWindowDays')]}
            extra={`企业被确认清退后，可在此天数内（含最后一日）提出申诉，逾期不再受理（${A.min}–${A.max} 天；平台默认 ${A.default} 天）。修改只影响此后确认的清退，已告知企业的期限不变。`}
          >
            <InputNumber id="appealWindowDays" precision={0} style={{ width: 160 }} suffix="天" />
          </Form.Item>
          <Typography.Title level={5}>
            2026 年起的年度数据更新（《优质中小企业梯度培育管理办法》工信部企业〔2026〕2号）
          </Typography.Title>
          <Form.Item
            name="updateDeadline"
            label="年度数据更新截止日期（月-日）"
            required
            rules={[zodRule(ProvinceSettingsUpdate, 'updateDeadline')]}
            extra={`2026 年起新建批次的数据更新（填报）截止日期，例如 05-31（平台默认 ${DEFAULT_UPDATE_DEADLINE}，即“每年5月31日前”）。已建批次的日期在“批次管理”中修改。`}
          >
            <Input id="updateDeadline" style={{ width: 160 }} placeholder="05-31" maxLength={5} />
          </Form.Item>
          <Form.Item
            name="cancelAfterTwoMissedUpdates"
            valuePropName="checked"
            label={
              <span>
                同一有效期内累计两次未按期更新的，取消认定{' '}
                <Pill color="warning" className="tbc" data-testid="cancel-rule-tbc">
                  待核实
                </Pill>
              </span>
            }
            extra="该规则目前仅见于一份省级通知（浙江），尚未核实是否为全国统一规定；默认不启用，核实后再开启。"
          >
            <Switch id="cancelAfterTwoMissedUpdates" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.busy} id="settings-save">
            保存
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
