import { Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { FilingDetail } from '../../../../../shared/schemas/filing-api';
import { filingsApi } from '../../../../api/filings';
import { useSubmit } from '../../../../forms/useSubmit';

/** 撤回填报 with an optional reason; the failure shows as a message. */
export function WithdrawDialog({
  open,
  filingId,
  onClose,
  onDone,
}: {
  open: boolean;
  filingId: string;
  onClose: () => void;
  onDone: (d: FilingDetail) => void;
}) {
  const [reason, setReason] = useState('');
  const withdraw = useSubmit(
    async () => onDone(await filingsApi.withdraw(filingId, reason.trim() || undefined)),
    { report: 'message' },
  );
  return (
    <Modal
      open={open}
      title="撤回填报"
      okText="确认撤回"
      cancelText="取消"
      okButtonProps={{ danger: true, loading: withdraw.busy }}
      onOk={() => void withdraw.submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph>
        撤回后本填报将不再进入审核，本批次内不能再次提交同类填报。确定撤回吗？
      </Typography.Paragraph>
      <Input.TextArea
        placeholder="撤回原因（选填）"
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
    </Modal>
  );
}
