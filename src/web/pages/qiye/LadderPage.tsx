import { Alert, Card, Descriptions, Empty, Space, Steps, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ConditionView, LadderView, TierView } from '../../../shared/schemas/ladder-api';
import { errorMessage } from '../../api/client';
import { ladderApi } from '../../api/ladder';
import { Pill } from '../../components/filing/Pill';
import { PageLoading } from '../../components/PageLoading';
import { PageTitle } from '../../components/PageTitle';

const COLORS = { met: 'success', unmet: 'error', pending: 'warning' } as const;
const STEP_STATUS = { met: 'finish', unmet: 'error', pending: 'wait' } as const;

function Conditions({ conditions }: { conditions: ConditionView[] }) {
  return (
    <Table<ConditionView>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={conditions}
      onRow={(c) =>
        ({ 'data-condition': c.key, 'data-status': c.status }) as React.HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          title: '条件',
          key: 'title',
          render: (_, c) => (
            <>
              {c.title}
              {c.toBeConfirmed && (
                <>
                  {' '}
                  <Pill color="warning">待核实</Pill>
                </>
              )}
            </>
          ),
        },
        { title: '条款', dataIndex: 'clause', width: 180 },
        {
          title: '结果',
          key: 'status',
          width: 100,
          render: (_, c) => (
            <Pill color={c.status === 'met' ? 'success' : c.status === 'unmet' ? 'error' : 'default'}>
              {c.statusLabel}
            </Pill>
          ),
        },
        {
          title: '数值与门槛',
          key: 'leaves',
          render: (_, c) =>
            c.leaves.length === 0
              ? '—'
              : c.leaves.map((l, i) => (
                  <div key={i}>
                    {l.label}：{l.figure}（要求 {l.requirement}）
                  </div>
                )),
        },
      ]}
    />
  );
}

function TierCard({ tier }: { tier: TierView }) {
  return (
    <Card
      size="small"
      id={`tier-${tier.key}`}
      data-status={tier.status}
      title={tier.name}
      extra={<Pill color={COLORS[tier.status]}>{tier.statusLabel}</Pill>}
    >
      {tier.titles.map((t, i) => (
        <Descriptions key={i} size="small" column={{ xs: 1, md: 3 }} className="tier-title">
          <Descriptions.Item label="称号">{t.title}</Descriptions.Item>
          <Descriptions.Item label="有效期">
            {t.validFrom} 至 {t.validTo}
          </Descriptions.Item>
          {(t.registrationNo || t.documentNo) && (
            <Descriptions.Item label={t.registrationNo ? '登记编号' : '文号'}>
              {t.registrationNo ?? t.documentNo}
            </Descriptions.Item>
          )}
        </Descriptions>
      ))}
      {tier.note && <Alert type="info" showIcon title={tier.note} style={{ marginBottom: 8 }} />}
      {tier.assessments.map((a) => (
        <div key={a.standardId} className="tier-assessment" style={{ marginTop: 8 }}>
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            <Typography.Text strong>适用标准：{a.standardTitle}</Typography.Text>
            {a.total !== null && <Typography.Text> · 得分 {a.total} 分</Typography.Text>}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
            {a.reason}；依据：{a.basis}
          </Typography.Paragraph>
          {a.conditions.length > 0 ? (
            <Conditions conditions={a.conditions} />
          ) : (
            <Typography.Paragraph>{a.summary}</Typography.Paragraph>
          )}
        </div>
      ))}
    </Card>
  );
}

/** /qiye/ladder — 我的梯度: the three tiers of the 2026 ladder and what is missing for the next one. */
export default function LadderPage() {
  const [view, setView] = useState<LadderView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    ladderApi.mine().then(
      (v) => live && setView(v),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, []);
  if (error) return <Alert type="error" showIcon role="alert" title={error} />;
  if (!view) return <PageLoading />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageTitle title="我的梯度" />
      <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>我的梯度</h1>}>
        <Typography.Paragraph type="secondary">
          按《优质中小企业梯度培育管理办法》（工信部企业〔2026〕2号），梯度依次为科技和创新型中小企业（科技型或创新型）、专精特新中小企业、专精特新“小巨人”企业。以下按贵企业已取得的称号、最近一次填报的数据和已记录的质量评价得分，于
          {view.asOf} 自动判断，仅供参考，以审核认定结果为准。
        </Typography.Paragraph>
        <div id="ladder-steps">
          <Steps
            items={view.tiers.map((t) => ({
              title: t.name,
              status: STEP_STATUS[t.status],
              description: t.statusLabel,
            }))}
          />
        </div>
      </Card>
      {view.next && (
        <Card title={`距下一级：${view.next.name}`} size="small" id="ladder-next">
          <Typography.Paragraph id="ladder-next-summary">{view.next.summary}</Typography.Paragraph>
          {view.next.missing.length > 0 && (
            <ul className="plain-list">
              {view.next.missing.map((m, i) => (
                <li key={i} data-status={m.status} className="missing-item">
                  <Pill color={m.status === 'unmet' ? 'error' : 'warning'}>
                    {m.status === 'unmet' ? '未达到' : '暂无法判断'}
                  </Pill>{' '}
                  {m.title}（{m.clause}）{m.toBeConfirmed && <Pill color="warning">待核实</Pill>}
                  <div style={{ color: 'rgba(0,0,0,0.55)', paddingLeft: 8 }}>{m.detail}</div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}
      {view.tiers.map((t) => (
        <TierCard key={t.key} tier={t} />
      ))}
      <Card title="专精特新发展质量评价得分" size="small" id="ladder-scores">
        {view.qualityScores.length === 0 ? (
          <Empty description="尚未记录质量评价得分（由省、市工信部门按国家平台结果录入或导入）" />
        ) : (
          <ul className="plain-list">
            {view.qualityScores.map((s) => (
              <li key={s.year}>
                {s.year} 年度：{s.score} 分（来源：{s.source}）
              </li>
            ))}
          </ul>
        )}
      </Card>
    </Space>
  );
}
