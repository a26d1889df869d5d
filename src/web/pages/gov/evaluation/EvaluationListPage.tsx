import {
  Alert,
  App,
  Button,
  Card,
  InputNumber,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { GovRole } from '../../../../shared/permissions';
import type { EvaluationListQuery, EvaluationListResponse } from '../../../../shared/schemas/evaluation-api';
import { errorMessage } from '../../../api/client';
import { useSubmit } from '../../../forms/useSubmit';
import { evaluationApi } from '../../../api/evaluation';
import { PageTitle } from '../../../components/PageTitle';
import { useSession } from '../../../session/context';
import { countyOptionsFor, filterByLabel, GovPage } from '../GovAccess';
import { useCampaignChoice } from '../lists/campaign';
import { DIRECT_LABELS, qualifiedTag } from './labels';

/** /gov/evaluation — 创新型评价: the evaluations of the caller's region for a campaign, with filters. */
export default function EvaluationListPage() {
  return <GovPage path="evaluation">{(role) => <Evaluations role={role} />}</GovPage>;
}

function Evaluations({ role }: { role: GovRole }) {
  const { message } = App.useApp();
  const { user } = useSession();
  const { campaignId, select } = useCampaignChoice(role);
  const [filters, setFilters] = useState<EvaluationListQuery>({});
  const [data, setData] = useState<EvaluationListResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (cid: string, f: EvaluationListQuery) => {
    try {
      setData(await evaluationApi.list(cid, f));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    // Loads from the server; state is set when the answer arrives.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (campaignId) void load(campaignId, filters);
  }, [campaignId, filters, load]);

  const prepare = useSubmit(
    async () => {
      if (!campaignId) return;
      const r = await evaluationApi.prepare(campaignId);
      message.success(
        r.created > 0 ? `新生成 ${r.created} 条评价，共 ${r.total} 条` : `评价已是最新，共 ${r.total} 条`,
      );
      await load(campaignId, filters);
    },
    { report: 'message' },
  );

  const counties = countyOptionsFor(role, user?.regionCode ?? null);
  const c = data?.counts;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageTitle title="创新型评价" />
      <Card>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            创新型中小企业评价
          </Typography.Title>
          <Space wrap>
            {select}
            {role === 'city_reviewer' && (
              <Button
                type="primary"
                onClick={() => void prepare.submit()}
                loading={prepare.busy}
                disabled={!campaignId}
                id="prepare"
              >
                生成评价
              </Button>
            )}
          </Space>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          评价依据设区市审核通过的申报数据自动计算；设区市审核人员可修正评价数据（须填写原因，修正前后的版本均保留）。
        </Typography.Paragraph>
      </Card>
      {c && (
        <Card size="small">
          <Space size={48} wrap>
            <Statistic title="评价总数" value={c.total} />
            <Statistic title="符合条件" value={c.qualified} styles={{ content: { color: '#389e0d' } }} />
            <Statistic title="不符合" value={c.notQualified} />
            <Statistic title="待人工复核" value={c.pending} styles={{ content: { color: '#d48806' } }} />
          </Space>
        </Card>
      )}
      <Card size="small">
        <Space wrap>
          <Select
            allowClear
            placeholder="是否符合"
            aria-label="是否符合"
            style={{ width: 140 }}
            value={filters.qualified}
            onChange={(v) => setFilters((f) => ({ ...f, qualified: v }))}
            options={[
              { value: 'true', label: '符合' },
              { value: 'false', label: '不符合' },
              { value: 'pending', label: '待人工复核' },
            ]}
          />
          <InputNumber
            placeholder="最低分"
            min={0}
            max={100}
            value={filters.minScore}
            onChange={(v) => setFilters((f) => ({ ...f, minScore: v ?? undefined }))}
          />
          <InputNumber
            placeholder="最高分"
            min={0}
            max={100}
            value={filters.maxScore}
            onChange={(v) => setFilters((f) => ({ ...f, maxScore: v ?? undefined }))}
          />
          {counties.length > 0 && (
            <Select
              allowClear
              showSearch
              placeholder="县（市、区）"
              aria-label="县（市、区）"
              style={{ width: 220 }}
              options={counties}
              filterOption={filterByLabel}
              value={filters.countyCode}
              onChange={(v) => setFilters((f) => ({ ...f, countyCode: v }))}
            />
          )}
          <Button onClick={() => setFilters({})}>重置</Button>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
      <Table
        id="evaluations"
        rowKey="id"
        size="small"
        loading={!data && !error && !!campaignId}
        dataSource={data?.items ?? []}
        scroll={{ x: 1100 }}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          {
            title: '企业名称',
            dataIndex: 'enterpriseName',
            render: (v: string, r) => <Link to={`/gov/evaluation/${r.id}`}>{v}</Link>,
          },
          { title: '统一社会信用代码', dataIndex: 'uscc' },
          { title: '县（市、区）', dataIndex: 'countyName' },
          {
            title: '总分',
            dataIndex: 'scoreTotal',
            align: 'right',
            render: (v: number | null) => v ?? '—',
          },
          {
            title: '创新能力/成长性/专业化',
            key: 'cat',
            render: (_v, r) =>
              ['innovation', 'growth', 'specialization'].map((k) => r.categories[k] ?? '—').join(' / '),
          },
          {
            title: '直通条件',
            dataIndex: 'directConditions',
            render: (v: string[]) =>
              v.length ? v.map((k) => <Tag key={k}>{DIRECT_LABELS[k] ?? k}</Tag>) : '—',
          },
          { title: '结果', key: 'q', render: (_v, r) => qualifiedTag(r.qualified, r.qualifiedLabel) },
          {
            title: '已修正',
            dataIndex: 'corrected',
            render: (v: boolean) => (v ? <Tag color="purple">已修正</Tag> : ''),
          },
        ]}
      />
    </Space>
  );
}
