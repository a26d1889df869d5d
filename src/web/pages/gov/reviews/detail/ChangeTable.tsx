import { Table, Typography } from 'antd';
import type { SectionKey } from '../../../../../shared/schemas/filing-api';
import type { FieldChange } from '../../../../../shared/schemas/review-api';
import { SECTION_NAMES as SECTION_LABELS } from '../labels';
import { formatAt } from '../sectionView';

/** 修改前 / 修改后 of a filing's fields, the changed rows marked. */
export function ChangeTable({ fields, id }: { fields: FieldChange[]; id?: string }) {
  return (
    <Table<FieldChange>
      id={id}
      size="small"
      bordered
      pagination={fields.length > 15 ? { pageSize: 15, size: 'small' } : false}
      rowKey={(r) => `${r.section}:${r.path}`}
      dataSource={fields}
      rowClassName={(r) => (r.changed ? 'change-row-changed' : '')}
      onRow={(r) => ({ style: r.changed ? { background: '#fffbe6' } : undefined })}
      columns={[
        { title: '部分', dataIndex: 'section', width: 110, render: (s: SectionKey) => SECTION_LABELS[s] },
        { title: '项目', dataIndex: 'label' },
        {
          title: '修改前',
          dataIndex: 'previous',
          render: (v: unknown, r) => (
            <Typography.Text delete={r.changed}>{formatAt(r.section, r.path, v)}</Typography.Text>
          ),
        },
        {
          title: '修改后',
          dataIndex: 'current',
          render: (v: unknown, r) =>
            r.changed ? (
              <Typography.Text mark>{formatAt(r.section, r.path, v)}</Typography.Text>
            ) : (
              formatAt(r.section, r.path, v)
            ),
        },
      ]}
    />
  );
}
