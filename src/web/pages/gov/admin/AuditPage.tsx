import { DownloadOutlined, LeftOutlined, RightOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { ROLE_LABELS, type Role } from '../../../../shared/permissions';
import type { AuditEventView, AuditQuery } from '../../../../shared/schemas/admin-api';
import { adminApi } from '../../../api/admin';
import { errorMessage } from '../../../api/client';
import { formatShanghai } from '../../../components/Countdown';
import { PageTitle } from '../../../components/PageTitle';
import { GovPage } from '../GovAccess';

/** Common audit actions (prefixes end with *), for the action filter. Free text is accepted too. */
const ACTION_OPTIONS = [
  { value: 'login.*', label: '登录（login.*）' },
  { value: 'filing.*', label: '申报（filing.*）' },
  { value: 'filing.view', label: '查看申报（filing.view）' },
  { value: 'review.*', label: '审核（review.*）' },
  { value: 'review.export', label: '导出（review.export）' },
  { value: 'campaign.*', label: '填报批次（campaign.*）' },
  { value: 'admin.*', label: '系统管理（admin.*）' },
  { value: 'enterprise.*', label: '企业（enterprise.*）' },
];

/** The action's name: a reviewer opening the review page is 审核查看 (details.page = review). */
function actionLabel(e: AuditEventView): string {
  if (e.action === 'filing.view' && e.details?.['page'] === 'review') return '审核查看';
  return e.actionLabel;
}

interface Filters {
  action?: string;
  username?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  targetType?: string;
  targetId?: string;
  success?: 'true' | 'false';
}

export default function AuditPage() {
  return <GovPage path="audit">{() => <Audit />}</GovPage>;
}

function Audit() {
  const { message } = App.useApp();
  const [query, setQuery] = useState<AuditQuery>({});
  const [stack, setStack] = useState<(string | undefined)[]>([undefined]);
  const [items, setItems] = useState<AuditEventView[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [form] = Form.useForm<Filters>();
  const cursor = stack[stack.length - 1];

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const r = await adminApi.audit({ ...query, limit: 50, ...(cursor ? { cursor } : {}) });
      setItems(r.items);
      setNextCursor(r.nextCursor);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [query, cursor, message]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- loads data from the server
    void load();
  }, [load]);

  const onSearch = (v: Filters) => {
    const q: AuditQuery = {};
    if (v.action?.trim()) q.action = v.action.trim();
    if (v.username?.trim()) q.username = v.username.trim();
    if (v.range?.[0]) q.from = v.range[0].startOf('day').format('YYYY-MM-DDTHH:mm:ssZ');
    if (v.range?.[1]) q.to = v.range[1].add(1, 'day').startOf('day').format('YYYY-MM-DDTHH:mm:ssZ');
    if (v.targetType?.trim()) q.targetType = v.targetType.trim();
    if (v.targetId?.trim()) q.targetId = v.targetId.trim();
    if (v.success) q.success = v.success;
    setQuery(q);
    setStack([undefined]);
  };

  return (
    <Card title="审计日志">
      <PageTitle title="审计日志" />
      <Form<Filters> form={form} layout="inline" style={{ rowGap: 12, marginBottom: 16 }} onFinish={onSearch}>
        <Form.Item name="action" label="操作">
          <Select allowClear showSearch placeholder="全部" style={{ width: 220 }} options={ACTION_OPTIONS} />
        </Form.Item>
        <Form.Item name="username" label="用户名">
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="range" label="日期">
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="targetType" label="对象类型">
          <Input allowClear placeholder="如 filing" style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="targetId" label="对象编号">
          <Input allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="success" label="结果">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 90 }}
            options={[
              { value: 'true', label: '成功' },
              { value: 'false', label: '失败' },
            ]}
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              查询
            </Button>
            {/* A period is required: the export covers the dates of the last search, with its filters. */}
            <Button
              id="audit-export"
              icon={<DownloadOutlined />}
              disabled={!query.from || !query.to}
              href={
                query.from && query.to
                  ? adminApi.auditExportUrl({ ...query, from: query.from, to: query.to })
                  : undefined
              }
            >
              导出 Excel
            </Button>
          </Space>
        </Form.Item>
        {(!query.from || !query.to) && (
          <Form.Item>
            <Typography.Text type="secondary">选择起止日期并查询后，可导出该时段的审计日志。</Typography.Text>
          </Form.Item>
        )}
      </Form>
      <Table<AuditEventView>
        id="audit-table"
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 1200 }}
        expandable={{
          rowExpandable: (r) => r.details !== null || r.userAgent !== null,
          expandedRowRender: (r) => (
            <Space direction="vertical">
              {r.userAgent && <Typography.Text type="secondary">浏览器：{r.userAgent}</Typography.Text>}
              {r.requestId && <Typography.Text type="secondary">请求编号：{r.requestId}</Typography.Text>}
              {r.details && (
                <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>
                  {JSON.stringify(r.details, null, 2)}
                </pre>
              )}
            </Space>
          ),
        }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatShanghai(v) },
          {
            title: '操作',
            dataIndex: 'action',
            width: 220,
            render: (a: string, r) => {
              return (
                <span data-action={a}>
                  {actionLabel(r)} <Typography.Text type="secondary">{a}</Typography.Text>
                </span>
              );
            },
          },
          {
            title: '结果',
            dataIndex: 'success',
            width: 70,
            render: (ok: boolean) => (ok ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>),
          },
          {
            title: '用户',
            dataIndex: 'username',
            render: (u: string | null, r) =>
              u
                ? `${r.userDisplayName ? `${r.userDisplayName}（${u}）` : u}${
                    r.role ? ` · ${ROLE_LABELS[r.role as Role] ?? r.role}` : ''
                  }`
                : '—',
          },
          {
            title: '对象',
            key: 'target',
            render: (_: unknown, r) =>
              r.targetType ? (
                <span data-target={r.targetId ?? ''}>
                  {r.targetTypeLabel ?? r.targetType}
                  {r.targetName ? `：${r.targetName}` : ''}
                  {r.targetId && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {' '}
                      {r.targetId}
                    </Typography.Text>
                  )}
                </span>
              ) : (
                '—'
              ),
          },
          { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        <Button
          icon={<LeftOutlined />}
          disabled={stack.length <= 1}
          onClick={() => setStack((s) => s.slice(0, -1))}
        >
          上一页
        </Button>
        <Button disabled={!nextCursor} onClick={() => nextCursor && setStack((s) => [...s, nextCursor])}>
          下一页 <RightOutlined />
        </Button>
      </Space>
    </Card>
  );
}
