import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useMemo } from 'react';
import type { ReviewDetail } from '../../../../../shared/schemas/review-api';
import { reviewApi } from '../../../../api/review';
import { useSubmit } from '../../../../forms/useSubmit';
import { allCountyGroups, filterByLabel } from '../../GovAccess';

/** 更正企业注册地: the right county and why; the enterprise's filings waiting for a county move with it. */
export function RegionCorrectionDialog({
  open,
  detail,
  onClose,
  onDone,
}: {
  open: boolean;
  detail: ReviewDetail;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ countyCode: string; reason: string }>();
  const groups = useMemo(() => allCountyGroups(), []);
  const correct = useSubmit(
    async (v: { countyCode: string; reason: string }) => {
      const r = await reviewApi.correctRegion(detail.enterpriseId, {
        countyCode: v.countyCode,
        reason: v.reason.trim(),
      });
      message.success(
        `注册地已更正为 ${r.regionName}${r.movedFilingIds.length ? `，${r.movedFilingIds.length} 件待县区审核的申报已转到新县区` : ''}`,
      );
      reviewApi.changed();
      onDone();
    },
    { form, report: 'message' },
  );
  const submit = async () => {
    const v = await form.validateFields();
    await correct.submit(v);
  };
  return (
    <Modal
      open={open}
      title="更正企业注册地"
      okText="确认更正"
      cancelText="取消"
      confirmLoading={correct.busy}
      onCancel={onClose}
      onOk={() => void submit()}
      destroyOnHidden
    >
      <Typography.Paragraph>
        当前注册地：{detail.regionName ?? '—'}
        。更正后，该企业待县区审核的申报将转到新的县（市、区）审核，并记入审计日志。
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="countyCode"
          label="正确的注册地"
          rules={[{ required: true, message: '请选择县（市、区）' }]}
        >
          <Select
            showSearch={{ filterOption: filterByLabel }}
            options={groups}
            placeholder="选择县（市、区）或开发区"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label="更正原因"
          rules={[
            { required: true, whitespace: true, message: '请填写更正原因' },
            { max: 500, message: '原因不能超过 500 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
