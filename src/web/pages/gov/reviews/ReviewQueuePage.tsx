import {
  CheckOutlined,
  DownloadOutlined,
  LeftOutlined,
  ReloadOutlined,
  RightOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Radio, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { GovRole } from '../../../../shared/permissions';
import type { BatchResponse, QueueCampaign, QueueRow } from '../../../../shared/schemas/review-api';
import { SORT_LABELS as QUEUE_SORT_LABELS } from './labels';
import { ApiError, errorMessage } from '../../../api/client';
import { reviewApi } from '../../../api/review';
import { CurrentDeadlines } from '../../../components/Countdown';
import { PageTitle } from '../../../components/PageTitle';
import { useSession } from '../../../session/context';
import { countyOptionsFor, GovPage } from '../GovAccess';
import {
  activeFilterCount,
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
import { BatchResultModal } from './queue/BatchResultModal';
import {
  batchActionOf,
  defaultCampaign,
  fromFormValues,
  toFormValues,
  type FormValues,
} from './queue/formValues';
import { queueColumns } from './queue/queueColumns';
import { QueueFilterForm } from './queue/QueueFilterForm';
import { TableSlot } from './queue/TableSlot';

const PAGE_SIZE = 20;

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

  const columns = queueColumns(filters);

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
      <QueueFilterForm
        form={form}
        scope={filters.scope}
        campaigns={campaigns}
        countyGroups={countyGroups}
        filterCount={filterCount}
        onSearch={onSearch}
        onReset={onReset}
      />

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

      <BatchResultModal result={batchResult} names={batchNames} onClose={() => setBatchResult(null)} />
    </Card>
  );
}
