import { FileAddOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Tooltip, Typography } from 'antd';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { CurrentCampaignResponse, FilingKind, FilingSummary } from '../../../shared/schemas/filing-api';
import { errorMessage } from '../../api/client';
import { useSubmit } from '../../forms/useSubmit';
import { documentUrl, filingsApi } from '../../api/filings';
import { StatusTag } from '../../components/filing/StatusTag';
import { PageTitle } from '../../components/PageTitle';
import { countdownText, dateTimeText } from './filing/model';

function Countdown({ deadline }: { deadline: string }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(t);
  }, []);
  const text = countdownText(new Date(deadline), now);
  return (
    <Typography.Text type={text ? 'warning' : 'danger'} id="filing-countdown">
      {text ? `距填报截止还有 ${text}` : '填报已截止'}
    </Typography.Text>
  );
}

/** 千企升级 → 入库填报/数据更新: start a filing, see the enterprise's filings and their status. */
export default function QiyeFilingsPage() {
  const navigate = useNavigate();
  const [current, setCurrent] = useState<CurrentCampaignResponse | null>(null);
  const [items, setItems] = useState<FilingSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [startingKind, setStartingKind] = useState<FilingKind | null>(null);

  const load = useCallback(async () => {
    try {
      const [c, l] = await Promise.all([filingsApi.currentCampaign(), filingsApi.list()]);
      setCurrent(c);
      setItems(l.items);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);
  useEffect(() => {
    // Loading the list on mount.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  // One start at a time (the hook ignores a second click); the spinner shows on the button that was clicked.
  const start = useSubmit(
    async (kind: FilingKind) => {
      setStartingKind(kind);
      const d = await filingsApi.start(kind);
      navigate(`/qiye/filings/${d.id}`);
    },
    {
      report: 'message',
      onError: () => {
        void load();
      },
    },
  );

  const startButton = (kind: FilingKind, label: string, primary: boolean) => {
    const check = current?.canStart[kind];
    const allowed = !!check?.allowed;
    const button = (
      <Button
        type={primary ? 'primary' : 'default'}
        icon={kind === 'entry' ? <FileAddOutlined /> : <SyncOutlined />}
        disabled={!allowed}
        loading={start.busy && startingKind === kind}
        onClick={() => void start.submit(kind)}
        id={`start-${kind}`}
      >
        {label}
      </Button>
    );
    return allowed || !check?.reason ? button : <Tooltip title={check.reason}>{button}</Tooltip>;
  };

  const campaign = current?.campaign ?? null;
  const rereviewOffered = !!campaign?.kindsOpen.includes('rereview') && current?.dbStatus === 'in_db';
  // 科技型中小企业评价: offered when the campaign opens it (2026 办法: the ladder's first tier).
  const techSmeOffered = !!campaign?.kindsOpen.includes('tech_sme');
  const offered: FilingKind[] = [
    'entry',
    'update',
    ...(rereviewOffered ? (['rereview'] as const) : []),
    ...(techSmeOffered ? (['tech_sme'] as const) : []),
  ];
  const reasons = current
    ? offered
        .map((k) => current.canStart[k])
        .filter((c) => c && !c.allowed && c.reason)
        .map((c) => c!.reason!)
    : [];

  return (
    <>
      <PageTitle title="入库填报/数据更新" />
      <Card title="入库填报/数据更新">
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
        {campaign ? (
          <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="当前批次">
              <span id="campaign-name">{campaign.name}</span>
            </Descriptions.Item>
            <Descriptions.Item label="填报时间">
              {dateTimeText(campaign.filingOpensAt).slice(0, 10)} 至{' '}
              {dateTimeText(campaign.filingClosesAt).slice(0, 16)}
            </Descriptions.Item>
            <Descriptions.Item label="截止倒计时">
              {campaign.filingOpen ? <Countdown deadline={campaign.filingClosesAt} /> : '当前不在填报时间内'}
            </Descriptions.Item>
            <Descriptions.Item label="审核截止">
              县区 {dateTimeText(campaign.countyReviewDeadline).slice(0, 10)}，设区市{' '}
              {dateTimeText(campaign.cityReviewDeadline).slice(0, 10)}
            </Descriptions.Item>
          </Descriptions>
        ) : (
          current && (
            <Alert
              type="info"
              showIcon
              title="当前没有填报批次，请留意省工信厅的年度通知。"
              style={{ marginBottom: 16 }}
            />
          )
        )}
        <Space size="middle" wrap>
          {startButton('entry', '新增入库', true)}
          {startButton('update', '数据更新', false)}
          {/* 复核: offered when the campaign opens it, to enterprises 在库 (the server says whether one is due). */}
          {rereviewOffered && startButton('rereview', '申请复核', false)}
          {techSmeOffered && startButton('tech_sme', '科技型中小企业评价', false)}
        </Space>
        {reasons.length > 0 && (
          <ul className="start-reasons" style={{ margin: '8px 0 0', paddingLeft: 20, color: '#595959' }}>
            {[...new Set(reasons)].map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          新申请入库的企业点击“新增入库”；往年已入库的企业点击“数据更新”。
          {rereviewOffered &&
            '创新型中小企业认定当年到期的在库企业点击“申请复核”，复核通过后有效期延长 3 年。'}
          填写内容自动保存，提交后进入县区、设区市工信部门审核。
        </Typography.Paragraph>
        <ResponsiveTable<FilingSummary>
          rowKey="id"
          loading={items === null && !error}
          dataSource={items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无填报记录' }}
          columns={[
            { title: '批次', dataIndex: 'campaignName', render: (_v, r) => `${r.campaignYear} 年度` },
            { title: '类型', dataIndex: 'kindLabel' },
            { title: '状态', dataIndex: 'status', render: (_v, r) => <StatusTag status={r.status} /> },
            {
              title: '提交时间',
              dataIndex: 'submittedAt',
              render: (v: string | null) => (v ? dateTimeText(v) : '—'),
            },
            {
              title: '自评得分',
              dataIndex: 'scoreTotal',
              render: (v: number | null) => (v === null ? '—' : `${v} 分`),
            },
            { title: '审核部门', dataIndex: 'reviewingDepartment', render: (v: string | null) => v ?? '—' },
            {
              title: '操作',
              key: 'op',
              render: (_v, r) => (
                <Space size={4} wrap>
                  <Link to={`/qiye/filings/${r.id}`}>
                    {r.status === 'draft' || r.status === 'returned' ? '继续填报' : '查看'}
                  </Link>
                  {r.submittedAt && (
                    <a href={documentUrl(r.id, true)} download>
                      下载申报书
                    </a>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
