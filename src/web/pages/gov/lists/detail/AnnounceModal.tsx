import { Alert, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ListDetail } from '../../../../../shared/schemas/lists-api';
import { listsApi } from '../../../../api/lists';
import { useSubmit } from '../../../../forms/useSubmit';

/** 公告: the document number and date; the included enterprises are recognised. */
export function AnnounceModal({
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
  const [form] = Form.useForm<{ documentNo: string; date: Dayjs }>();
  const s = useSubmit(
    async (v: { documentNo: string; date: Dayjs }) => {
      onDone(
        await listsApi.announce(list.id, {
          documentNo: v.documentNo,
          date: v.date.format('YYYY-MM-DD'),
        }),
      );
    },
    { form },
  );
  return (
    <Modal
      title="发布公告"
      open={open}
      onCancel={onClose}
      okText="确认公告"
      okButtonProps={{ loading: s.busy, id: 'announce-ok' }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        公告后，名单中列入的 {list.counts.included} 家企业获得创新型中小企业认定，有效期三年。
      </Typography.Paragraph>
      {s.error && <Alert type="error" showIcon title={s.error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        id="announce-form"
        initialValues={{ date: dayjs() }}
        onFinish={s.submit}
      >
        <Form.Item
          name="documentNo"
          label="公告文号"
          rules={[{ required: true, min: 2, whitespace: true, message: '请填写公告文号' }]}
        >
          <Input maxLength={60} placeholder="例如 苏工信中小〔2024〕12号" />
        </Form.Item>
        <Form.Item name="date" label="公告日期" rules={[{ required: true, message: '请选择公告日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
