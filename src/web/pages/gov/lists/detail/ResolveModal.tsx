import { Alert, Descriptions, Form, Input, Modal, Radio } from 'antd';
import type { ListDetail, ObjectionView } from '../../../../../shared/schemas/lists-api';
import { listsApi } from '../../../../api/lists';
import { useSubmit } from '../../../../forms/useSubmit';

/** 处理异议: upheld (the enterprise leaves the list) or rejected, with the written answer. */
export function ResolveModal({
  list,
  objection,
  onClose,
  onDone,
}: {
  list: ListDetail;
  objection: ObjectionView | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{ outcome: 'upheld' | 'rejected'; text: string }>();
  const s = useSubmit(
    async (v: { outcome: 'upheld' | 'rejected'; text: string }) => {
      if (!objection) return;
      await listsApi.resolve(list.id, objection.id, v);
      onDone();
    },
    { form },
  );
  return (
    <Modal
      title={`处理异议 ${objection?.trackingNo ?? ''}`}
      open={!!objection}
      onCancel={onClose}
      okText="提交处理结果"
      okButtonProps={{ loading: s.busy, id: 'resolve-ok' }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {objection && (
        <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
          <Descriptions.Item label="异议企业">{objection.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label="异议理由">{objection.reason}</Descriptions.Item>
        </Descriptions>
      )}
      {s.error && <Alert type="error" showIcon title={s.error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false} id="resolve-form" onFinish={s.submit}>
        <Form.Item name="outcome" label="处理结果" rules={[{ required: true, message: '请选择处理结果' }]}>
          <Radio.Group>
            <Radio value="upheld">异议成立（将该企业移出名单）</Radio>
            <Radio value="rejected">异议不成立（保留在名单中）</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="text"
          label="处理意见"
          rules={[{ required: true, min: 2, whitespace: true, message: '请填写处理意见（至少 2 个字）' }]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
