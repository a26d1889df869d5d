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
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { RevealMobile } from '../../../components/RevealMobile';
import { useCallback, useEffect, useState } from 'react';
import type { GovRole } from '../../../../shared/permissions';
import {
  CLEARANCE_STATUS_LABELS,
  CLEARANCE_STATUSES,
  type ClearanceView,
  type OutstandingResponse,
} from '../../../../shared/schemas/cycle-api';
import { errorMessage } from '../../../api/client';
import { cycleApi, type ClearanceStatus } from '../../../api/cycle';
import { formatShanghai } from '../../../components/Countdown';
import { PageTitle } from '../../../components/PageTitle';
import { useSubmit } from '../../../forms/useSubmit';
import { ymdText } from '../../public/format';
import { useSession } from '../../../session/context';
import { countyOptionsFor, filterByLabel, GovPage } from '../GovAccess';
import { useCampaignChoice } from '../lists/campaign';

/** /gov/cycle — 年度更新与清退: enterprises that have not updated, clearance proposals, confirmation, appeals. */
export default function CyclePage() {
  return <GovPage path="cycle">{(role) => <Cycle role={role} />}</GovPage>;
}

function Cycle({ role }: { role: GovRole }) {
  const { campaignId, select } = useCampaignChoice(role);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageTitle title="年度更新与清退" />
      <Card>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            年度数据更新与清退
          </Typography.Title>
          {select}
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          在库企业须在每年更新窗口内完成数据更新；逾期未更新的，由设区市提出拟清退名单并确认清退，企业可对清退提出一次申诉。
        </Typography.Paragraph>
      </Card>
      {campaignId && (
        <Tabs
          items={[
            {
              key: 'outstanding',
              label: '未更新企业',
              children: <Outstanding role={role} campaignId={campaignId} />,
            },
            {
              key: 'clearances',
              label: '清退与申诉',
              children: <Clearances role={role} campaignId={campaignId} />,
            },
          ]}
        />
      )}
    </Space>
  );
}

function Outstanding({ role, campaignId }: { role: GovRole; campaignId: string }) {
  const { user } = useSession();
  const [countyCode, setCountyCode] = useState<string | undefined>();
  const [priority, setPriority] = useState<'true' | 'false' | undefined>();
  const [data, setData] = useState<OutstandingResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [more, setMore] = useState(false);

  useEffect(() => {
    let live = true;
    cycleApi.outstanding(campaignId, { countyCode, priority }).then(
      (r) => live && (setData(r), setError(null)),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [campaignId, countyCode, priority]);

  async function loadMore() {
    if (!data?.nextCursor) return;
    setMore(true);
    try {
      const r = await cycleApi.outstanding(campaignId, { countyCode, priority, cursor: data.nextCursor });
      setData({ ...r, items: [...data.items, ...r.items] });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setMore(false);
    }
  }

  const counties = countyOptionsFor(role, user?.regionCode ?? null);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {data && (
        <Space size={48} wrap>
          <Statistic title="应更新企业" value={data.totals.obligated} />
          <Statistic title="已更新" value={data.totals.updated} />
          <Statistic title="未更新" value={data.totals.outstanding} />
        </Space>
      )}
      <Space wrap>
        {counties.length > 0 && (
          <Select
            allowClear
            showSearch
            placeholder="县（市、区）"
            aria-label="县（市、区）"
            style={{ width: 220 }}
            options={counties}
            filterOption={filterByLabel}
            value={countyCode}
            onChange={setCountyCode}
          />
        )}
        <Select
          allowClear
          placeholder="企业类别"
          aria-label="企业类别"
          style={{ width: 200 }}
          value={priority}
          onChange={setPriority}
          options={[
            { value: 'true', label: '持有效认定（必须更新）' },
            { value: 'false', label: '其他在库企业' },
          ]}
        />
      </Space>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
      <Table
        id="outstanding"
        rowKey="enterpriseId"
        size="small"
        loading={!data && !error}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          {
            title: '企业名称',
            dataIndex: 'enterpriseName',
            render: (v: string, r) => (
              <>
                {v} {r.priority && <Tag color="red">持有效认定</Tag>}
              </>
            ),
          },
          { title: '统一社会信用代码', dataIndex: 'uscc' },
          { title: '地区', dataIndex: 'regionName', render: (v: string | null) => v ?? '—' },
          { title: '联系人', dataIndex: 'contactName' },
          {
            title: '联系手机',
            dataIndex: 'contactMobile',
            // Officers phone the enterprise: 显示 reveals the whole number, audited (issue 16, ADR 0025).
            render: (v: string | null, r) => (
              <RevealMobile
                masked={v}
                target={{ targetType: 'enterprise', targetId: r.enterpriseId, field: 'contactMobile' }}
              />
            ),
          },
          { title: '更新状态', dataIndex: 'updateStatusLabel' },
        ]}
      />
      {data?.nextCursor && (
        <Button onClick={loadMore} loading={more}>
          加载更多
        </Button>
      )}
    </Space>
  );
}

const CLEARANCE_COLORS: Record<ClearanceStatus, string> = {
  proposed: 'orange',
  expired: 'default',
  confirmed: 'red',
  cancelled: 'default',
  reinstated: 'green',
};

function Clearances({ role, campaignId }: { role: GovRole; campaignId: string }) {
  const { message, modal } = App.useApp();
  const [status, setStatus] = useState<ClearanceStatus | undefined>();
  const [items, setItems] = useState<ClearanceView[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [deciding, setDeciding] = useState<ClearanceView | null>(null);
  const isCity = role === 'city_reviewer';
  const mayPropose = isCity || role === 'province';

  const load = useCallback(async () => {
    try {
      const r = await cycleApi.clearances(campaignId, { status });
      setItems(r.items);
      setCursor(r.nextCursor);
      setSelected([]);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [campaignId, status]);
  useEffect(() => {
    // Loads from the server; state is set when the answer arrives.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  const propose = useSubmit(
    async () => {
      const r = await cycleApi.propose(campaignId);
      message.success(
        `新增拟清退 ${r.created} 家，共 ${r.total} 家${r.unrouted ? `；${r.unrouted} 家在库企业未登记所在地区，无法分派` : ''}`,
      );
      await load();
    },
    { report: 'message' },
  );

  async function loadMore() {
    if (!cursor) return;
    try {
      const r = await cycleApi.clearances(campaignId, { status, cursor });
      setItems((prev) => [...(prev ?? []), ...r.items]);
      setCursor(r.nextCursor);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  function confirm() {
    modal.confirm({
      title: `确认清退选中的 ${selected.length} 家企业？`,
      content: '确认后企业将被清退出库并收到通知；此后已更新数据或已不在库的企业会自动撤销。',
      okText: '确认清退',
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const r = await cycleApi.confirm(campaignId, selected);
          message.success(
            `已清退 ${r.confirmed.length} 家${r.already.length ? `，${r.already.length} 家此前已清退` : ''}${
              r.cancelled.length
                ? `，${r.cancelled.length} 家已撤销（${r.cancelled.map((c) => c.reason).join('；')}）`
                : ''
            }`,
          );
          await load();
        } catch (err) {
          message.error(errorMessage(err));
        }
      },
    });
  }

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          placeholder="状态"
          aria-label="状态"
          style={{ width: 200 }}
          value={status}
          onChange={setStatus}
          options={CLEARANCE_STATUSES.map((s) => ({ value: s, label: CLEARANCE_STATUS_LABELS[s] }))}
        />
        {mayPropose && (
          <Button onClick={() => void propose.submit()} loading={propose.busy} id="propose">
            生成拟清退名单
          </Button>
        )}
        {isCity && (
          <Button
            type="primary"
            danger
            disabled={selected.length === 0}
            onClick={confirm}
            id="confirm-clearance"
          >
            确认清退（{selected.length}）
          </Button>
        )}
      </Space>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
      <Table
        id="clearances"
        rowKey="id"
        size="small"
        loading={items === null && !error}
        dataSource={items ?? []}
        pagination={false}
        scroll={{ x: 1320 }}
        rowSelection={
          isCity
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as string[]),
                getCheckboxProps: (r) => ({ disabled: r.status !== 'proposed' }),
              }
            : undefined
        }
        columns={[
          { title: '企业名称', dataIndex: 'enterpriseName' },
          { title: '统一社会信用代码', dataIndex: 'uscc' },
          { title: '地区', dataIndex: 'regionName', render: (v: string | null) => v ?? '—' },
          { title: '原因', dataIndex: 'reason' },
          {
            title: '状态',
            key: 'status',
            render: (_v, r) => (
              <Space orientation="vertical" size={0}>
                <Tag color={CLEARANCE_COLORS[r.status]}>{r.statusLabel}</Tag>
                {r.confirmedAt && (
                  <Typography.Text type="secondary">{formatShanghai(r.confirmedAt)}</Typography.Text>
                )}
                {r.status === 'proposed' && r.expiresAt && (
                  <Typography.Text type="secondary">须于 {ymdText(r.expiresAt)} 前确认</Typography.Text>
                )}
                {r.status === 'expired' && r.expiresAt && (
                  <Typography.Text type="secondary">
                    已于 {ymdText(r.expiresAt)} 失效，不能确认
                  </Typography.Text>
                )}
                {r.status === 'confirmed' && r.appealUntil && !r.appealStatus && (
                  <Typography.Text type="secondary">
                    申诉期限至 {ymdText(r.appealUntil)}
                    {r.appealOpen ? '' : '（已过）'}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: '申诉',
            key: 'appeal',
            render: (_v, r) =>
              r.appealStatus ? (
                <Space orientation="vertical" size={0}>
                  <Tag
                    color={
                      r.appealStatus === 'pending'
                        ? 'orange'
                        : r.appealStatus === 'upheld'
                          ? 'green'
                          : 'default'
                    }
                  >
                    {r.appealStatusLabel}
                  </Tag>
                  {r.appealReason && <Typography.Text>{r.appealReason}</Typography.Text>}
                  {r.appealDecision && (
                    <Typography.Text type="secondary">处理意见：{r.appealDecision}</Typography.Text>
                  )}
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: '通知企业',
            key: 'notices',
            width: 220,
            render: (_v, r) =>
              r.notices.length === 0 ? (
                <Typography.Text type="secondary">尚未通知</Typography.Text>
              ) : (
                <Space orientation="vertical" size={0} className="clearance-notices">
                  {r.notices.map((n) => (
                    <Typography.Text key={n.event}>
                      {n.eventLabel}：站内消息{n.messages > 0 ? '已送达' : '未送达（企业无有效账号）'}；短信
                      {n.sms
                        ? `${n.sms.statusLabel}${n.sms.mobile ? `（${n.sms.mobile}）` : ''}`
                        : '未发送（无有效手机号）'}
                    </Typography.Text>
                  ))}
                </Space>
              ),
          },
          ...(isCity
            ? [
                {
                  title: '操作',
                  key: 'op',
                  render: (_v: unknown, r: ClearanceView) =>
                    r.appealStatus === 'pending' ? (
                      <Button size="small" type="primary" onClick={() => setDeciding(r)}>
                        处理申诉
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {cursor && <Button onClick={loadMore}>加载更多</Button>}
      <DecideModal
        clearance={deciding}
        onClose={() => setDeciding(null)}
        onDone={async () => {
          setDeciding(null);
          await load();
        }}
      />
    </Space>
  );
}

function DecideModal({
  clearance,
  onClose,
  onDone,
}: {
  clearance: ClearanceView | null;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const [form] = Form.useForm<{ decision: 'upheld' | 'rejected'; reason: string }>();
  const decide = useSubmit(async (v: { decision: 'upheld' | 'rejected'; reason: string }) => {
    if (!clearance) return;
    await cycleApi.decide(clearance.id, v);
    await onDone();
  });
  return (
    <Modal
      title={`处理申诉：${clearance?.enterpriseName ?? ''}`}
      open={!!clearance}
      onCancel={onClose}
      okText="提交"
      okButtonProps={{ loading: decide.busy }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {clearance?.appealReason && (
        <Typography.Paragraph>申诉理由：{clearance.appealReason}</Typography.Paragraph>
      )}
      {decide.error && <Alert type="error" showIcon title={decide.error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false} onFinish={decide.submit}>
        <Form.Item
          name="decision"
          label="处理结果"
          rules={[{ required: true, message: '请选择申诉是否成立' }]}
        >
          <Radio.Group>
            <Radio value="upheld">申诉成立（恢复在库）</Radio>
            <Radio value="rejected">申诉不成立（维持清退）</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reason"
          label="处理意见"
          rules={[{ required: true, min: 5, whitespace: true, message: '请填写处理意见（至少 5 个字）' }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
