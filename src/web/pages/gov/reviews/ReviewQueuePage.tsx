import {
  CheckOutlined,
  DownloadOutlined,
  LeftOutlined,
  ReloadOutlined,
  RightOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
  type TableColumnsType,
  type TableProps,
} from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState, type ReactElement } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { GovRole } from '../../../../shared/permissions';
import type { BatchResponse, QueueCampaign, QueueRow } from '../../../../shared/schemas/review-api';
import {
  KIND_LABELS as FILING_KIND_LABELS,
  KINDS as FILING_KINDS,
  SIZE_LABELS as SME_SIZE_LABELS,
  SIZES as SME_SIZES,
  SORT_LABELS as QUEUE_SORT_LABELS,
  STATUS_LABELS as FILING_STATUS_LABELS,
} from './labels';
import { ApiError, errorMessage } from '../../../api/client';
import { reviewApi } from '../../../api/review';
import { CurrentDeadlines, formatShanghai } from '../../../components/Countdown';
import { DateField } from '../../../components/DateField';
import { PageTitle } from '../../../components/PageTitle';
import { useSession } from '../../../session/context';
import { countyOptionsFor, filterByLabel, GovPage } from '../GovAccess';
import {
  activeFilterCount,
  columnSortOrder,
  DEFAULT_FILTERS,
  filtersFromSearch,
  filtersToSearch,
  nextPageSearch,
  pageFromSearch,
  pageNumber,
  prevPageSearch,
  sortFromColumn,
  toQueueQuery,
  type QueueFilters,
  type SortColumn,
} from './queueQuery';

const PAGE_SIZE = 20;

/** The statuses a submitted filing can have (the 全部 view's status filter). */
const VIEW_STATUSES = [
  'county_review',
  'city_review',
  'approved',
  'returned',
  'refused',
  'withdrawn',
] as const;

/** The batch action of a role (county and city reviewers only). */
function batchActionOf(role: GovRole): 'county_approve' | 'city_approve' | null {
  if (role === 'county_reviewer') return 'county_approve';
  if (role === 'city_reviewer') return 'city_approve';
  return null;
}

interface FormValues {
  kind?: string;
  status?: string;
  countyCode?: string;
  industry?: string;
  smeSize?: string;
  // Plain number inputs (not antd InputNumber, which weighs ~7 KB gzip on this first-load route) give strings;
  // filtersFromSearch validates them like any query string.
  scoreMin?: number | string | null;
  scoreMax?: number | string | null;
  directMet?: 'true' | 'false';
  submittedFrom?: string;
  submittedTo?: string;
  q?: string;
  campaign?: string;
}

/** The 批次 the server shows when none is chosen: the current campaign in 本辖区全部, every campaign otherwise. */
function defaultCampaign(scope: QueueFilters['scope'], campaigns: QueueCampaign[]): string {
  const current = campaigns.find((c) => c.current);
  return scope === 'all' && current ? String(current.year) : 'all';
}

function toFormValues(f: QueueFilters): FormValues {
  return {
    kind: f.kind,
    status: f.status,
    countyCode: f.countyCode,
    industry: f.industry,
    smeSize: f.smeSize,
    scoreMin: f.scoreMin,
    scoreMax: f.scoreMax,
    directMet: f.directMet,
    submittedFrom: f.submittedFrom,
    submittedTo: f.submittedTo,
    q: f.q,
    campaign: f.campaign,
  };
}

function fromFormValues(v: FormValues, base: QueueFilters, campaignDefault: string): QueueFilters {
  const search = new URLSearchParams();
  search.set('scope', base.scope);
  search.set('sort', base.sort);
  const put = (k: string, val: unknown) => {
    if (val !== undefined && val !== null && val !== '') search.set(k, String(val));
  };
  put('kind', v.kind);
  put('status', v.status);
  put('countyCode', v.countyCode);
  put('industry', v.industry?.trim());
  put('smeSize', v.smeSize);
  put('scoreMin', v.scoreMin);
  put('scoreMax', v.scoreMax);
  put('directMet', v.directMet);
  put('submittedFrom', v.submittedFrom);
  put('submittedTo', v.submittedTo);
  put('q', v.q?.trim());
  // The default 批次 stays out of the URL, so the link keeps following the current campaign.
  if (v.campaign !== campaignDefault) put('campaign', v.campaign);
  return filtersFromSearch(search);
}

// The table (and its pagination, filter tree, virtual list) is a chunk of its own, fetched as soon as this page
// module runs; see QueueTable.tsx.
const tableChunk = import('./QueueTable');
const Table = lazy(() => tableChunk) as unknown as <T>(props: TableProps<T>) => ReactElement;

function TableSlot<T>(props: TableProps<T>) {
  return (
    <Suspense fallback={<div style={{ minHeight: 160 }} aria-busy="true" />}>
      <Table<T> {...props} />
    </Suspense>
  );
}

export default function ReviewQueuePage() {
  return <GovPage path="reviews">{(role) => <ReviewQueue role={role} />}</GovPage>;
}

function ReviewQueue({ role }: { role: GovRole }) {
  const { user } = useSession();
  const { message, modal } = App.useApp();
  const location = useLocation();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const filters = useMemo(() => filtersFromSearch(location.search), [location.search]);
  const page = useMemo(() => pageFromSearch(location.search), [location.search]);
  const [rows, setRows] = useState<QueueRow[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<{ message: string; cursor: boolean } | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [reloadKey, setReloadKey] = useState(0);
  const [batchResult, setBatchResult] = useState<BatchResponse | null>(null);
  const [batchNames, setBatchNames] = useState<Record<string, string>>({});
  const [campaigns, setCampaigns] = useState<QueueCampaign[]>([]);
  const campaignDefault = defaultCampaign(filters.scope, campaigns);

  const batchAction = batchActionOf(role);
  const countyGroups = useMemo(
    () => countyOptionsFor(role, user?.regionCode ?? null),
    [role, user?.regionCode],
  );

  useEffect(() => {
    form.setFieldsValue({
      ...toFormValues(DEFAULT_FILTERS),
      ...toFormValues(filters),
      campaign: filters.campaign ?? campaignDefault,
    });
  }, [filters, form, campaignDefault]);

  useEffect(() => {
    const ctrl = new AbortController();
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a new query shows the spinner, then loads
    setLoading(true);
    setError(null);
    reviewApi.queue(toQueueQuery(filters, page, PAGE_SIZE), ctrl.signal).then(
      (r) => {
        setRows(r.items);
        setNextCursor(r.nextCursor);
        setCampaigns(r.campaigns);
        setSelected((sel) => sel.filter((id) => r.items.some((i) => i.id === id)));
        setLoading(false);
      },
      (err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        const cursor = err instanceof ApiError && 'cursor' in err.fieldErrors;
        const fields = err instanceof ApiError ? Object.values(err.fieldErrors) : [];
        setError({ message: fields[0] ?? errorMessage(err), cursor });
        setRows([]);
        setNextCursor(null);
        setLoading(false);
      },
    );
    return () => ctrl.abort();
  }, [filters, page, reloadKey]);

  const go = (search: URLSearchParams) => {
    const qs = search.toString();
    navigate({ pathname: '/gov/reviews', search: qs ? `?${qs}` : '' });
  };
  const apply = (f: QueueFilters) => go(filtersToSearch(f));

  const onSearch = (v: FormValues) => apply(fromFormValues(v, filters, campaignDefault));
  const onReset = () => {
    form.resetFields();
    apply({ ...DEFAULT_FILTERS, scope: filters.scope, sort: filters.sort });
  };

  const exportUrl = reviewApi.exportUrl(toQueueQuery(filters, { prev: [] }));

  const runBatch = () => {
    if (!batchAction || selected.length === 0) return;
    const names = Object.fromEntries(rows.map((r) => [r.id, r.enterpriseName]));
    const ids = [...selected];
    modal.confirm({
      title: '批量审核通过',
      content: (
        <div id="batch-confirm">
          确认将选中的 <b>{ids.length}</b> 件申报审核通过吗？
          {batchAction === 'county_approve' ? '通过后将报送设区市工信部门审核。' : '通过后申报即为“已通过”。'}
          每件单独办理，个别失败不影响其他申报。
        </div>
      ),
      okText: `通过 ${ids.length} 件`,
      cancelText: '取消',
      onOk: async () => {
        try {
          const r = await reviewApi.batch({ action: batchAction, ids });
          setBatchNames(names);
          setBatchResult(r);
          setSelected([]);
          reviewApi.changed();
          setReloadKey((k) => k + 1);
        } catch (err) {
          message.error(errorMessage(err));
        }
      },
    });
  };

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
  const columns: TableColumnsType<QueueRow> = [
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

  const filterCount = activeFilterCount(filters);
  const pageNo = pageNumber(page);

  return (
    <Card
      title={
        <Space>
          <span>待我审核</span>
          <Radio.Group
            id="queue-scope"
            optionType="button"
            size="small"
            value={filters.scope}
            onChange={(e) => apply({ ...filters, scope: e.target.value as QueueFilters['scope'] })}
            options={[
              { value: 'mine', label: '待本级审核' },
              { value: 'all', label: '本辖区全部' },
            ]}
          />
        </Space>
      }
      extra={
        <Space>
          {batchAction && (
            // Filings transferred out of this county or city (read-only trace, ADR 0020).
            <Link to="/gov/reviews/transferred" id="transferred-out-link">
              已转出
            </Link>
          )}
          <Button icon={<ReloadOutlined />} onClick={() => setReloadKey((k) => k + 1)}>
            刷新
          </Button>
          <Button icon={<DownloadOutlined />} href={exportUrl} id="export-excel">
            导出Excel
          </Button>
        </Space>
      }
    >
      <PageTitle title="待我审核" />
      {batchAction && (
        // The reviewer's own review deadline (extended for its region when the province granted one).
        <div style={{ marginBottom: 12 }}>
          <CurrentDeadlines audience={role === 'county_reviewer' ? 'county' : 'city'} />
        </div>
      )}
      <Form<FormValues>
        form={form}
        layout="inline"
        onFinish={onSearch}
        style={{ rowGap: 12, marginBottom: 16 }}
        id="queue-filters"
      >
        <Form.Item name="campaign" label="批次" htmlFor="queue-campaign">
          <Select
            id="queue-campaign"
            style={{ width: 150 }}
            options={[
              { value: 'all', label: '全部批次' },
              ...campaigns.map((c) => ({
                value: String(c.year),
                label: `${c.year}年度${c.current ? '（当前）' : ''}`,
              })),
            ]}
          />
        </Form.Item>
        <Form.Item name="q" label="企业">
          <Input allowClear placeholder="企业名称或信用代码" style={{ width: 200 }} maxLength={60} />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 120 }}
            options={FILING_KINDS.map((k) => ({ value: k, label: FILING_KIND_LABELS[k] }))}
          />
        </Form.Item>
        {filters.scope === 'all' && (
          <Form.Item name="status" label="状态">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 140 }}
              options={VIEW_STATUSES.map((s) => ({ value: s, label: FILING_STATUS_LABELS[s] }))}
            />
          </Form.Item>
        )}
        {countyGroups.length > 0 && (
          <Form.Item name="countyCode" label="县（市、区）">
            <Select
              allowClear
              showSearch={{ filterOption: filterByLabel }}
              placeholder="全部"
              style={{ width: 220 }}
              options={countyGroups}
            />
          </Form.Item>
        )}
        <Form.Item name="industry" label="行业">
          <Input allowClear placeholder="如 C34" style={{ width: 100 }} maxLength={5} />
        </Form.Item>
        <Form.Item name="smeSize" label="规模">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 100 }}
            options={SME_SIZES.map((s) => ({ value: s, label: SME_SIZE_LABELS[s] }))}
          />
        </Form.Item>
        <Form.Item label="自评总分">
          <Space.Compact>
            <Form.Item name="scoreMin" noStyle>
              <Input
                type="number"
                min={0}
                max={100}
                step={1}
                placeholder="最低"
                aria-label="自评总分（最低）"
                style={{ width: 80 }}
              />
            </Form.Item>
            <Form.Item name="scoreMax" noStyle>
              <Input
                type="number"
                min={0}
                max={100}
                step={1}
                placeholder="最高"
                aria-label="自评总分（最高）"
                style={{ width: 80 }}
              />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="directMet" label="直通条件">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 100 }}
            options={[
              { value: 'true', label: '满足' },
              { value: 'false', label: '不满足' },
            ]}
          />
        </Form.Item>
        <Form.Item label="提交日期">
          <Space.Compact>
            <Form.Item name="submittedFrom" noStyle>
              <DateField
                aria-label="提交日期（起）"
                placeholder="起始日期"
                id="submitted-from"
                style={{ width: 150 }}
              />
            </Form.Item>
            <Form.Item name="submittedTo" noStyle>
              <DateField
                aria-label="提交日期（止）"
                placeholder="截止日期"
                id="submitted-to"
                style={{ width: 150 }}
              />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} id="queue-search">
              查询
            </Button>
            <Button onClick={onReset}>重置{filterCount > 0 ? `（${filterCount}）` : ''}</Button>
          </Space>
        </Form.Item>
      </Form>

      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={error.message}
          action={
            error.cursor ? (
              <Button size="small" onClick={() => apply(filters)}>
                回到第一页
              </Button>
            ) : undefined
          }
        />
      )}

      {!batchAction && filters.scope === 'mine' && (
        <Alert
          id="queue-not-a-level"
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="申报由县（市、区）和设区市工信部门逐件审核，没有等待省级审核的申报。"
          description="各地的审核进度请在“本辖区全部”中按状态查看；各设区市报送的推荐名单在“各市名单”中处理。"
          action={
            <Button size="small" onClick={() => apply({ ...filters, scope: 'all' })}>
              查看本辖区全部
            </Button>
          }
        />
      )}

      {batchAction && (
        <Space style={{ marginBottom: 12 }}>
          <Button
            type="primary"
            icon={<CheckOutlined />}
            disabled={selected.length === 0}
            onClick={runBatch}
            id="batch-approve"
          >
            批量通过{selected.length > 0 ? `（${selected.length}）` : ''}
          </Button>
          <Typography.Text type="secondary">
            勾选待本级审核的申报后可批量通过；退回、不通过须逐件办理并填写原因。
          </Typography.Text>
        </Space>
      )}

      <TableSlot<QueueRow>
        id="queue-table"
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={rows}
        columns={columns}
        pagination={false}
        rowClassName={(r) => (r.unviewed ? 'row-unviewed' : '')}
        onRow={(r) => ({ style: r.unviewed ? { fontWeight: 700 } : undefined })}
        rowSelection={
          batchAction
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(String)),
                getCheckboxProps: (r) => ({
                  disabled: !r.allowedActions.includes(batchAction),
                  'aria-label': `选择 ${r.enterpriseName}`,
                }),
              }
            : undefined
        }
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const sort = sortFromColumn(s?.columnKey as SortColumn | undefined, s?.order ?? null);
          if (sort !== filters.sort) apply({ ...filters, sort });
        }}
        locale={{ emptyText: filters.scope === 'mine' ? '没有待本级审核的申报' : '没有符合条件的申报' }}
      />
      <Space style={{ marginTop: 16, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary">
          第 {pageNo} 页 · 排序：{QUEUE_SORT_LABELS[filters.sort]}
        </Typography.Text>
        <Space>
          <Button
            icon={<LeftOutlined />}
            disabled={!page.cursor}
            onClick={() => {
              const s = prevPageSearch(filters, page);
              if (s) go(s);
            }}
            id="page-prev"
          >
            上一页
          </Button>
          <Button
            disabled={!nextCursor}
            onClick={() => nextCursor && go(nextPageSearch(filters, page, nextCursor))}
            id="page-next"
          >
            下一页 <RightOutlined />
          </Button>
        </Space>
      </Space>

      <Modal
        open={batchResult !== null}
        title="批量审核结果"
        onCancel={() => setBatchResult(null)}
        footer={
          <Button type="primary" onClick={() => setBatchResult(null)}>
            知道了
          </Button>
        }
        width={720}
      >
        {batchResult && (
          <div id="batch-result">
            <Alert
              type={batchResult.failedCount > 0 ? 'warning' : 'success'}
              showIcon
              style={{ marginBottom: 12 }}
              title={`成功 ${batchResult.okCount} 件，失败 ${batchResult.failedCount} 件`}
            />
            <TableSlot
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={batchResult.results}
              columns={[
                { title: '企业名称', dataIndex: 'id', render: (id: string) => batchNames[id] ?? id },
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
    </Card>
  );
}
