import { Alert, Button, Modal } from 'antd';
import { SECTION_LABELS } from '../../../shared/schemas/filing-api';
import { diffSections } from '../../pages/qiye/filing/model';
import type { ConflictState } from '../../pages/qiye/filing/useFilingEditor';

/** 409 CONFLICT: both versions field by field; keep mine (re-save on the new version) or take the server's. */
export default function ConflictModal({
  conflict,
  onResolve,
}: {
  conflict: ConflictState | null;
  onResolve: (choice: 'mine' | 'server') => void;
}) {
  const rows = conflict ? diffSections(conflict.section, conflict.mine, conflict.server.data) : [];
  return (
    <Modal
      open={!!conflict}
      title={conflict ? `“${SECTION_LABELS[conflict.section]}”已在其他页面或由其他人保存过` : ''}
      closable={false}
      mask={{ closable: false }}
      width={760}
      footer={[
        <Button key="server" onClick={() => onResolve('server')}>
          使用服务器版本
        </Button>,
        <Button key="mine" type="primary" onClick={() => onResolve('mine')}>
          保留我的修改
        </Button>,
      ]}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title="您的修改尚未保存。请对照下列不同之处选择保留哪一份。"
        description="“保留我的修改”将以您的内容覆盖服务器上的版本；“使用服务器版本”将放弃您在本部分的未保存修改。"
      />
      <div style={{ maxHeight: 380, overflow: 'auto' }}>
        <table className="diff-table" id="conflict-diff">
          <thead>
            <tr>
              <th style={{ width: 220 }}>字段</th>
              <th>我的修改</th>
              <th>服务器版本</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={3}>两份内容相同（仅格式不同）</td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.path}>
                <td>{r.label}</td>
                <td className="diff-mine">{r.mine}</td>
                <td className="diff-server">{r.server}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Modal>
  );
}
