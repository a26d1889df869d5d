import { Alert, Card, Descriptions, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { useEffect, useState } from 'react';
import { recognitionSourceLabel, type EnterpriseRecord } from '../../../../shared/schemas/registry-api';
import { errorMessage } from '../../../api/client';
import { cycleApi } from '../../../api/cycle';
import { registryApi } from '../../../api/registry';
import type { ClearanceView } from '../../../../shared/schemas/cycle-api';
import { formatShanghai } from '../../../components/Countdown';
import { PageLoading } from '../../../components/PageLoading';
import { PageTitle } from '../../../components/PageTitle';
import { ymdText } from '../../public/format';

const STATE_COLORS: Record<string, string> = {
  valid: 'green',
  not_yet: 'blue',
  expired: 'default',
  revoked: 'red',
};
const DB_COLORS: Record<string, string> = { in_db: 'green', cleared: 'red', none: 'default' };

/** /qiye/record — 我的认定: recognitions with validity, database status and its history, declared honours. */
export default function RecordPage() {
  const [record, setRecord] = useState<EnterpriseRecord | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    registryApi.myRecord().then(
      (r) => live && setRecord(r),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, []);

  if (error) return <Alert type="error" showIcon role="alert" title={error} />;
  if (!record) return <PageLoading />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageTitle title="我的认定" />
      <Card title="我的认定">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="企业名称">{record.enterprise.name}</Descriptions.Item>
          <Descriptions.Item label="统一社会信用代码">{record.enterprise.uscc}</Descriptions.Item>
          <Descriptions.Item label="所在地区">{record.enterprise.regionName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="库内状态">
            <Tag color={DB_COLORS[record.dbStatus]} id="db-status">
              {record.dbStatusLabel}
            </Tag>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="认定情况">
        {record.recognitions.length === 0 ? (
          <Empty description="暂无经公告的认定" />
        ) : (
          <ResponsiveTable
            id="recognitions"
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={record.recognitions}
            scroll={{ x: 800 }}
            columns={[
              { title: '认定', dataIndex: 'title' },
              { title: '认定单位', dataIndex: 'issuer' },
              { title: '文号', dataIndex: 'documentNo', render: (v: string | null) => v ?? '—' },
              {
                title: '有效期',
                key: 'valid',
                render: (_v, r) => `${ymdText(r.validFrom)} 至 ${ymdText(r.validTo)}`,
              },
              {
                title: '状态',
                key: 'state',
                render: (_v, r) => (
                  <Space size={4} wrap>
                    <Tag color={STATE_COLORS[r.state]}>{r.stateLabel}</Tag>
                    {r.state === 'valid' && (
                      <Typography.Text type={r.daysLeft <= 90 ? 'warning' : 'secondary'}>
                        剩余 {r.daysLeft} 天
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: '来源',
                dataIndex: 'source',
                render: (v: string) => recognitionSourceLabel(v),
              },
            ]}
          />
        )}
      </Card>
      <Card title="入库记录">
        {record.events.length === 0 ? (
          <Empty description="暂无记录" />
        ) : (
          <Timeline
            items={record.events.map((e) => ({
              key: e.id,
              content: (
                <>
                  <Typography.Text strong>{e.eventLabel}</Typography.Text>
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    {formatShanghai(e.at)}
                    {e.actorName ? ` · ${e.actorName}` : ''}
                  </Typography.Text>
                  {e.reason && <div>原因：{e.reason}</div>}
                </>
              ),
            }))}
          />
        )}
      </Card>
      <Clearances />
      <Card
        title="已申报的荣誉资质"
        extra={
          record.declaredHonours.campaignYear ? (
            <Typography.Text type="secondary">
              来自 {record.declaredHonours.campaignYear} 年度已通过审核的申报（企业自报）
            </Typography.Text>
          ) : null
        }
      >
        {record.declaredHonours.items.length === 0 ? (
          <Empty description="暂无" />
        ) : (
          <Descriptions column={1} size="small" bordered>
            {record.declaredHonours.items.map((h, i) => (
              <Descriptions.Item key={`${h.title}-${i}`} label={h.title}>
                {h.detail}
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
      </Card>
      <Typography.Text type="secondary">数据时间：{formatShanghai(record.asOf)}</Typography.Text>
    </Space>
  );
}

/** 清退 of the enterprise: a pointer to 清退与申诉 (/qiye/clearances), where the reason and the appeal are. */
function Clearances() {
  const [items, setItems] = useState<ClearanceView[]>([]);

  useEffect(() => {
    let live = true;
    cycleApi.mine().then(
      (r) => live && setItems(r.items),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  if (items.length === 0) return null;
  const open = items.some((c) => c.appealOpen || c.status === 'proposed');
  return (
    <Card title="清退与申诉" id="record-clearances">
      <Space wrap>
        {items.map((c) => (
          <Tag key={c.id}>
            {c.campaignYear} 年度：{c.statusLabel}
            {c.appealStatusLabel ? `，${c.appealStatusLabel}` : ''}
          </Tag>
        ))}
      </Space>
      <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
        <Link to="/qiye/clearances">{open ? '查看原因、申诉期限并提出申诉' : '查看清退原因与申诉结果'}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
