/**
 * 已转出 (ADR 0020): filings transferred out of the reviewer's county (or city) — the list, and one filing's
 * read-only trace: who, what, when and where it went, and the history it had until then. No submitted content or
 * files: those belong to the department that reviews it now.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState, type ReactElement } from 'react';
import type { TableProps } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import type { TransferredOutDetail, TransferredOutItem } from '../../../../shared/schemas/review-api';
import { errorMessage } from '../../../api/client';
import { reviewApi } from '../../../api/review';
import { formatShanghai } from '../../../components/Countdown';
import { PageLoading } from '../../../components/PageLoading';
import { PageTitle } from '../../../components/PageTitle';
import { GovPage } from '../GovAccess';

const tableChunk = import('./QueueTable');
const Table = lazy(() => tableChunk) as unknown as <T>(props: TableProps<T>) => ReactElement;

export default function TransferredOutPage() {
  const { id } = useParams();
  return (
    <GovPage path="reviews">
      {(role) =>
        role === 'county_reviewer' || role === 'city_reviewer' ? (
          id ? (
            <TransferredDetail id={id} />
          ) : (
            <TransferredList />
          )
        ) : (
          <Empty description="已转出的申报只对县区和设区市审核部门显示。" />
        )
      }
    </GovPage>
  );
}

function BackToQueue() {
  const navigate = useNavigate();
  return (
    <Button
      type="text"
      icon={<ArrowLeftOutlined />}
      onClick={() => navigate('/gov/reviews')}
      aria-label="返回审核列表"
    />
  );
}

function TransferredList() {
  const [items, setItems] = useState<TransferredOutItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    reviewApi.transferredOut().then(
      (r) => setItems(r.items),
      (err: unknown) => setError(errorMessage(err)),
    );
  }, []);
  return (
    <Card
      id="transferred-out"
      title={
        <Space>
          <BackToQueue />
          已转出的申报
        </Space>
      }
    >
      <PageTitle title="已转出的申报" />
      <Typography.Paragraph type="secondary">
        已转交其他地区审核的申报。这里保留转出前的办理记录，申报内容和附件由现在负责审核的部门查看。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Suspense fallback={<PageLoading />}>
        <Table<TransferredOutItem>
          rowKey="id"
          size="middle"
          loading={items === null && !error}
          dataSource={items ?? []}
          pagination={false}
          locale={{ emptyText: '没有转出的申报' }}
          columns={[
            {
              title: '企业名称',
              dataIndex: 'enterpriseName',
              render: (name: string, r) => (
                <Space size={2} direction="vertical">
                  <Link to={`/gov/reviews/transferred/${r.id}`} className="transferred-link">
                    {name}
                  </Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.uscc}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: '批次', dataIndex: 'campaignYear', width: 90, render: (y: number) => `${y}年度` },
            { title: '类型', dataIndex: 'kindLabel', width: 100 },
            { title: '状态', dataIndex: 'statusLabel', width: 90, render: (v: string) => <Tag>{v}</Tag> },
            { title: '转至', dataIndex: 'toRegion', width: 160, render: (v: string | null) => v ?? '—' },
            {
              title: '转出时间',
              dataIndex: 'transferredAt',
              width: 160,
              render: (v: string) => formatShanghai(v),
            },
            {
              title: '转出原因',
              dataIndex: 'reason',
              ellipsis: true,
              render: (v: string | null) => v ?? '—',
            },
          ]}
        />
      </Suspense>
    </Card>
  );
}

function TransferredDetail({ id }: { id: string }) {
  const [d, setD] = useState<TransferredOutDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    reviewApi.transferredOutDetail(id).then(setD, (err: unknown) => setError(errorMessage(err)));
  }, [id]);
  if (error) {
    return (
      <Alert
        id="transferred-error"
        type="error"
        showIcon
        role="alert"
        title={error}
        action={<Link to="/gov/reviews/transferred">查看已转出的申报</Link>}
      />
    );
  }
  if (!d) return <PageLoading />;
  return (
    <div id="transferred-detail">
      <PageTitle title={`已转出 - ${d.enterpriseName}`} />
      <Card
        title={
          <Space wrap>
            <BackToQueue />
            <span>{d.enterpriseName}</span>
            <Tag>{d.kindLabel}</Tag>
            <Tag color="default" id="transferred-status">
              {d.statusLabel}
            </Tag>
          </Space>
        }
        style={{ marginBottom: 16 }}
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`已于 ${formatShanghai(d.transferredAt)} 转至${d.toRegion ?? '其他地区'}审核，本级不再办理。`}
          description="以下为转出前的办理记录（只读）；申报内容和附件由现在负责审核的部门查看。"
        />
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="统一社会信用代码">{d.uscc}</Descriptions.Item>
          <Descriptions.Item label="批次">{d.campaignYear}年度</Descriptions.Item>
          <Descriptions.Item label="转出">{d.fromRegion ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="转至">{d.toRegion ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="转出原因">{d.reason ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="办理人">{d.actorName ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="转出前的办理记录" size="small" id="history">
        <Timeline
          items={d.history.map((h) => ({
            key: h.id,
            content: (
              <div>
                <Typography.Text strong>{h.actionLabel}</Typography.Text>
                <Typography.Text type="secondary">
                  {' '}
                  · {formatShanghai(h.at)} · {h.levelLabel}
                  {h.actorName ? ` · ${h.actorName}` : ''}
                </Typography.Text>
                {h.reason && <div>原因：{h.reason}</div>}
              </div>
            ),
          }))}
        />
      </Card>
    </div>
  );
}
