import { Alert, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ListDetail } from '../../../../../shared/schemas/lists-api';
import { listsApi } from '../../../../api/lists';
import { useSubmit } from '../../../../forms/useSubmit';
import { PublicityDaysNote } from './PublicityDaysNote';

/** 发布公示: the publicity dates (default from the province's settings) and how objections are received. */
export function PublishModal({
  list,
  open,
  onClose,
  onDone,
}: {
  list: ListDetail;
  open: boolean;
  onClose: () => void;
  onDone: (l: ListDetail) => void;
}) {
  const [form] = Form.useForm<{ range: [Dayjs, Dayjs]; objectionContact: string }>();
  const s = useSubmit(
    async (v: { range: [Dayjs, Dayjs]; objectionContact: string }) => {
      onDone(
        await listsApi.publish(list.id, {
          start: v.range[0].format('YYYY-MM-DD'),
          end: v.range[1].format('YYYY-MM-DD'),
          objectionContact: v.objectionContact,
        }),
      );
    },
    { form },
  );
  const today = dayjs();
  return (
    <Modal
      title="发布公示"
      open={open}
      onCancel={onClose}
      okText="发布公示"
      okButtonProps={{ loading: s.busy, id: 'publish-ok' }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        公示发布后名单即冻结，只有成立的异议才能将企业移出名单。
      </Typography.Paragraph>
      <Typography.Paragraph id="publicity-default">
        按省级参数设置，默认公示 {list.defaultPublicityDays} 天（含首尾）：自今日起，默认结束日期为{' '}
        <strong>{today.add(list.defaultPublicityDays - 1, 'day').format('YYYY年M月D日')}</strong>。
      </Typography.Paragraph>
      {s.error && <Alert type="error" showIcon title={s.error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        id="publish-form"
        initialValues={{ range: [today, today.add(list.defaultPublicityDays - 1, 'day')] }}
        onFinish={s.submit}
      >
        <Form.Item
          name="range"
          label="公示期"
          rules={[{ required: true, message: '请选择公示期' }]}
          extra={<PublicityDaysNote form={form} />}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="objectionContact"
          label="异议受理方式（联系部门、电话、地址，将公开显示）"
          rules={[
            {
              required: true,
              min: 5,
              whitespace: true,
              message: '请填写异议受理方式（联系部门、电话、地址）',
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
