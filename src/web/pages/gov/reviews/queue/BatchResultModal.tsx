import { Alert, Button, Modal, Tag } from 'antd';
import type { BatchResponse } from '../../../../../shared/schemas/review-api';
import { STATUS_LABELS as FILING_STATUS_LABELS } from '../labels';
import { TableSlot } from './TableSlot';

/** 批量审核结果: how many passed, and per filing whether it was handled and why not. */
export function BatchResultModal({
  result,
  names,
  onClose,
}: {
  result: BatchResponse | null;
  /** Enterprise names by filing id, from the rows the batch was chosen on. */
  names: Record<string, string>;
  onClose: () => void;
}) {
  return (
    <Modal
      open={result !== null}
      title="批量审核结果"
      onCancel={() => onClose()}
      footer={
        <Button type="primary" onClick={() => onClose()}>
          知道了
        </Button>
      }
      width={720}
    >
      {result && (
        <div id="batch-result">
          <Alert
            type={result.failedCount > 0 ? 'warning' : 'success'}
            showIcon
            style={{ marginBottom: 12 }}
            title={`成功 ${result.okCount} 件，失败 ${result.failedCount} 件`}
          />
          <TableSlot
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={result.results}
            columns={[
              { title: '企业名称', dataIndex: 'id', render: (id: string) => names[id] ?? id },
              {
                title: '结果',
                dataIndex: 'ok',
                width: 90,
                render: (ok: boolean) =>
                  ok ? <Tag color="green">已通过</Tag> : <Tag color="red">未办理</Tag>,
              },
              {
                title: '说明',
                dataIndex: 'message',
                render: (m: string | undefined, r) => m ?? (r.status ? FILING_STATUS_LABELS[r.status] : ''),
              },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
