import { Space, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { QueueRow } from '../../../../../shared/schemas/review-api';
import { formatShanghai } from '../../../../components/Countdown';
import { columnSortOrder, type QueueFilters } from '../queueQuery';

/**
 * The queue table's columns for the current filters (本辖区全部 shows the region-wide set; the sort arrows follow
 * the URL's sort).
 */
export function queueColumns(filters: QueueFilters): TableColumnsType<QueueRow> {
  const statusTag = (r: QueueRow) => (
    <Tag
      color={
        r.status === 'approved' ? 'green' : r.status === 'returned' || r.status === 'refused' ? 'red' : 'gold'
      }
    >
      {r.statusLabel}
    </Tag>
  );
  const all = filters.scope === 'all';
  const secondary = (text: string) => (
    <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
      {text}
    </Typography.Text>
  );
  // Sized to fit a 1366 px screen with the menu (no horizontal scrolling, 提交时间 in view): the credit code and
  // region sit under the name, the region-wide list stacks kind and status, contact and mobile, time and handler.
  return [
    {
      title: '企业名称',
      dataIndex: 'enterpriseName',
      render: (name: string, r) => (
        <Space size={2} direction="vertical">
          <Link
            to={`/gov/reviews/${r.id}`}
            className="queue-link"
            style={{ fontWeight: r.unviewed ? 700 : 400 }}
          >
            {name}
          </Link>
          {secondary(r.uscc)}
          {all && r.regionName && secondary(r.regionName)}
          {r.unviewed && (
            <Tag color="blue" style={{ fontWeight: 400 }}>
              未查看
            </Tag>
          )}
        </Space>
      ),
    },
    ...(all
      ? ([
          {
            title: '批次',
            dataIndex: 'campaignYear',
            key: 'campaign',
            width: 84,
            render: (y: number) => `${y}年度`,
          },
          {
            title: '类型/状态',
            dataIndex: 'statusLabel',
            key: 'status',
            width: 112,
            render: (_v: string, r: QueueRow) => (
              <Space size={2} direction="vertical">
                {r.kindLabel}
                {statusTag(r)}
              </Space>
            ),
          },
        ] satisfies TableColumnsType<QueueRow>)
      : ([
          {
            title: '所在地区',
            dataIndex: 'regionName',
            width: 130,
            render: (v: string | null) => v ?? '—',
          },
          { title: '类型', dataIndex: 'kindLabel', width: 90 },
          {
            title: '状态',
            dataIndex: 'statusLabel',
            width: 112,
            render: (_v: string, r: QueueRow) => statusTag(r),
          },
        ] satisfies TableColumnsType<QueueRow>)),
    {
      title: '自评总分',
      dataIndex: 'scoreTotal',
      key: 'scoreTotal',
      width: 96,
      sorter: true,
      sortDirections: ['descend'],
      sortOrder: columnSortOrder(filters.sort, 'scoreTotal'),
      render: (v: number | null) => v ?? '—',
    },
    ...(all
      ? ([
          {
            title: '联系人',
            dataIndex: 'contactName',
            key: 'contact',
            width: 116,
            render: (v: string | null, r: QueueRow) => (
              <Space size={2} direction="vertical">
                {v ?? '—'}
                {r.contactMobileMasked && secondary(r.contactMobileMasked)}
              </Space>
            ),
          },
          {
            title: '退回/不通过原因',
            dataIndex: 'reason',
            key: 'reason',
            width: 150,
            ellipsis: true,
            render: (v: string | null) =>
              v ? (
                <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 134 }}>
                  {v}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
          {
            title: '最后办理',
            dataIndex: 'handledAt',
            key: 'handled',
            width: 150,
            render: (v: string | null, r: QueueRow) =>
              v ? (
                <Space size={2} direction="vertical">
                  {formatShanghai(v)}
                  {r.handlerName && secondary(r.handlerName)}
                </Space>
              ) : (
                '—'
              ),
          },
        ] satisfies TableColumnsType<QueueRow>)
      : ([
          { title: '规模', dataIndex: 'smeSizeLabel', width: 90, render: (v: string | null) => v ?? '—' },
          {
            title: '直通条件',
            dataIndex: 'directMet',
            width: 90,
            render: (v: boolean | null) => (v === null ? '—' : v ? <Tag color="green">满足</Tag> : '不满足'),
          },
        ] satisfies TableColumnsType<QueueRow>)),
    {
      title: '提交时间',
      dataIndex: 'submittedAt',
      key: 'submittedAt',
      width: 150,
      sorter: true,
      sortDirections: ['ascend', 'descend'],
      sortOrder: columnSortOrder(filters.sort, 'submittedAt'),
      render: (v: string | null) => (v ? formatShanghai(v) : '—'),
    },
  ];
}
