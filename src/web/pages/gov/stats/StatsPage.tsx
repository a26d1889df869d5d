import { FileExcelOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Select, Space, Table, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import type { GovRole } from '../../../../shared/permissions';
import type {
  RegionFigures,
  SummaryResponse,
  TrendResponse,
} from '../../../../shared/schemas/statistics-api';
import { errorMessage } from '../../../api/client';
import { statisticsApi } from '../../../api/statistics';
import { PageTitle } from '../../../components/PageTitle';
import { cities } from '../../../../shared/regions';
import { GovPage } from '../GovAccess';
import {
  cityMapOption,
  METRIC_KEYS,
  METRICS,
  regionBarOption,
  trendLineOption,
  defaultMetric,
  type MetricKey,
} from './chartOptions';

// ECharts is big: its chunk is fetched only when a chart is drawn, after the table.
const Chart = lazy(() => import('./Chart'));
const CITY_NAMES: ReadonlyMap<string, string> = new Map(cities().map((c) => [c.code, c.name]));

function ChartSlot(props: { option: object; label: string; height: number; id: string }) {
  return (
    <Suspense fallback={<div style={{ height: props.height }} aria-busy="true" />}>
      <Chart {...props} />
    </Suspense>
  );
}

/**
 * /gov/stats — figures per region and year (table, bars, and for the province level a map of Jiangsu coloured by the
 * chosen figure), the trend across years as lines, Excel export.
 */
export default function StatsPage() {
  return <GovPage path="stats">{(role) => <Stats role={role} />}</GovPage>;
}

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

function Stats({ role }: { role: GovRole }) {
  const [params, setParams] = useSearchParams();
  const regionCode = params.get('regionCode') ?? undefined;
  const yearParam = params.get('year');
  const [trend, setTrend] = useState<TrendResponse | null>(null);
  const [summary, setSummary] = useState<SummaryResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [trendDone, setTrendDone] = useState(false);
  const opening = defaultMetric(summary?.rows ?? []);
  const metric: MetricKey = METRIC_KEYS.find((k) => k === params.get('metric')) ?? opening;

  useEffect(() => {
    let live = true;
    statisticsApi
      .trend(regionCode)
      .then(
        (t) => live && setTrend(t),
        (err: unknown) => live && setError(errorMessage(err)),
      )
      .finally(() => live && setTrendDone(true));
    return () => {
      live = false;
    };
  }, [regionCode]);

  const years = (trend?.years ?? []).map((y) => y.year).sort((a, b) => b - a);
  const year = yearParam ? Number(yearParam) : (years[0] ?? new Date().getFullYear());

  useEffect(() => {
    if (!trendDone) return;
    let live = true;
    statisticsApi.summary(year, regionCode).then(
      (s) => live && (setSummary(s), setError(null)),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [year, regionCode, trendDone]);

  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };

  const drill = role === 'province';
  const barOption = useMemo(() => regionBarOption(summary?.rows ?? [], metric), [summary, metric]);
  const lineOption = useMemo(() => (trend ? trendLineOption(trend) : null), [trend]);
  // The map shows the province level only: the rows are then the 13 cities.
  const mapOption = useMemo(
    () =>
      summary && summary.rows.length > 0 && summary.rows.every((r) => CITY_NAMES.has(r.regionCode))
        ? cityMapOption(summary.rows, metric, CITY_NAMES)
        : null,
    [summary, metric],
  );
  const columns = [
    {
      title: '地区',
      dataIndex: 'regionName',
      render: (v: string, r: RegionFigures) =>
        drill && !regionCode && r.regionCode !== summary?.regionCode ? (
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            onClick={() => set('regionCode', r.regionCode)}
          >
            {v}
          </Button>
        ) : (
          v
        ),
    },
    { title: '注册企业', dataIndex: 'registeredEnterprises', align: 'right' as const },
    { title: '在库企业', dataIndex: 'inDb', align: 'right' as const },
    {
      title: '本年度申报',
      key: 'filings',
      align: 'right' as const,
      render: (_v: unknown, r: RegionFigures) => r.filings.total,
    },
    {
      title: '审核通过',
      key: 'approvals',
      align: 'right' as const,
      render: (_v: unknown, r: RegionFigures) => r.approvals.total,
    },
    { title: '公告创新型', dataIndex: 'announcedInnovative', align: 'right' as const },
    {
      title: '数据更新（已更新/应更新）',
      key: 'update',
      align: 'right' as const,
      render: (_v: unknown, r: RegionFigures) =>
        `${r.update.updated}/${r.update.obligated}（${pct(r.update.rate)}）`,
    },
    {
      title: '清退（拟清退/已失效/已清退）',
      key: 'clear',
      align: 'right' as const,
      render: (_v: unknown, r: RegionFigures) =>
        `${r.clearances.proposed}/${r.clearances.expired}/${r.clearances.confirmed}`,
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageTitle title="统计" />
      <Card
        title={`统计：${summary?.regionName ?? trend?.regionName ?? ''}`}
        extra={
          <Space wrap>
            {regionCode && <Button onClick={() => set('regionCode', undefined)}>返回上一级</Button>}
            <Select
              id="stats-year"
              aria-label="统计年度"
              style={{ width: 120 }}
              value={year}
              options={(years.length ? years : [year]).map((y) => ({ value: y, label: `${y} 年度` }))}
              onChange={(v: number) => set('year', String(v))}
            />
            <Button
              icon={<FileExcelOutlined />}
              href={statisticsApi.exportUrl(year, regionCode)}
              id="stats-export"
            >
              导出Excel
            </Button>
          </Space>
        }
      >
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
        <Table
          id="stats-table"
          rowKey="regionCode"
          size="small"
          loading={!summary && !error}
          dataSource={summary?.rows ?? []}
          pagination={false}
          scroll={{ x: 1000 }}
          columns={columns}
          summary={() =>
            summary ? (
              <Table.Summary.Row>
                {columns.map((c, i) => (
                  <Table.Summary.Cell key={i} index={i} align={i === 0 ? undefined : 'right'}>
                    {i === 0
                      ? '合计'
                      : 'render' in c && c.render
                        ? (c.render as (v: unknown, r: RegionFigures) => ReactNode)(undefined, summary.total)
                        : String(summary.total[(c as { dataIndex: keyof RegionFigures }).dataIndex] ?? '')}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
        />
        {summary && !summary.campaignId && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {year} 年度没有填报批次，批次相关数字均为 0。
          </Typography.Paragraph>
        )}
      </Card>
      <Card
        title={`${year} 年度${METRICS[metric].label}（按地区）`}
        extra={
          <Select
            id="stats-metric"
            aria-label="图表指标"
            style={{ width: 160 }}
            value={metric}
            options={METRIC_KEYS.map((k) => ({ value: k, label: METRICS[k].label }))}
            onChange={(v: MetricKey) => set('metric', v === opening ? undefined : v)}
          />
        }
      >
        {summary && summary.rows.length > 0 ? (
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
            <div style={{ flex: '1 1 420px', minWidth: 0 }}>
              <ChartSlot
                id="stats-bars"
                label={`${year} 年度各地区${METRICS[metric].label}`}
                height={Math.max(240, summary.rows.length * 30 + 20)}
                option={barOption}
              />
            </div>
            {mapOption && (
              <div style={{ flex: '1 1 420px', minWidth: 0 }}>
                <ChartSlot
                  id="stats-map"
                  label={`江苏省各设区市${year} 年度${METRICS[metric].label}地图`}
                  height={460}
                  option={mapOption}
                />
              </div>
            )}
          </div>
        ) : (
          <Empty />
        )}
      </Card>
      <Card title="历年趋势">
        {trend && trend.years.length > 0 && lineOption ? (
          <ChartSlot
            id="stats-trend"
            label={`${trend.regionName}历年申报、审核通过与公告创新型中小企业数量`}
            height={300}
            option={lineOption}
          />
        ) : (
          <Empty description="暂无历年数据" />
        )}
      </Card>
      <Typography.Text type="secondary">图表仅供直观比较；明细以表格和导出的 Excel 为准。</Typography.Text>
    </Space>
  );
}
