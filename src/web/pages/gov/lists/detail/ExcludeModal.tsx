import { Alert, Form, Input, Modal } from 'antd';
import type { ListDetail, ListEntryView } from '../../../../../shared/schemas/lists-api';
import { listsApi } from '../../../../api/lists';
import { useSubmit } from '../../../../forms/useSubmit';

/** 不列入名单 with a reason (draft only). */
export function ExcludeModal({
  list,
  entry,
  onClose,
  onDone,
}: {
  list: ListDetail;
  entry: ListEntryView | null;
  onClose: () => void;
  onDone: (l: ListDetail) => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const s = useSubmit(
    async (v: { reason: string }) => {
      if (!entry) return;
      onDone(await listsApi.entryAction(list.id, entry.id, { action: 'exclude', reason: v.reason }));
    },
    { form },
  );
  return (
    <Modal
      title={`不列入名单：${entry?.enterpriseName ?? ''}`}
      open={!!entry}
      onCancel={onClose}
      okText="确定不列入"
      okButtonProps={{ danger: true, loading: s.busy, id: 'exclude-ok' }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {s.error && <Alert type="error" showIcon title={s.error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false} onFinish={s.submit}>
        <Form.Item
          name="reason"
          label="不列入名单的原因"
          rules={[
            { required: true, min: 2, whitespace: true, message: '请填写不列入名单的原因（至少 2 个字）' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
