/**
 * Pure builders of the statistics charts' ECharts options: data in, a plain option object out (no echarts import,
 * so the builders are unit-tested without a canvas; tests/unit/web/stats-chart-options.test.ts).
 */
import type { RegionFigures, TrendResponse } from '../../../../shared/schemas/statistics-api';

/** The figures a chart can show, with how to read them from a region's row. */
export const METRICS = {
  announcedInnovative: {
    label: '公告创新型',
    unit: '家',
    value: (r: RegionFigures) => r.announcedInnovative,
  },
  filings: { label: '本年度申报', unit: '件', value: (r: RegionFigures) => r.filings.total },
  approvals: { label: '审核通过', unit: '件', value: (r: RegionFigures) => r.approvals.total },
  inDb: { label: '在库企业', unit: '家', value: (r: RegionFigures) => r.inDb },
  registeredEnterprises: {
    label: '注册企业',
    unit: '家',
    value: (r: RegionFigures) => r.registeredEnterprises,
  },
  updateRate: {
    label: '数据更新率',
    unit: '%',
    value: (r: RegionFigures) => (r.update.rate === null ? 0 : Math.round(r.update.rate * 1000) / 10),
  },
} as const satisfies Record<string, { label: string; unit: string; value: (r: RegionFigures) => number }>;
export type MetricKey = keyof typeof METRICS;
export const METRIC_KEYS = Object.keys(METRICS) as MetricKey[];

/**
 * The measure the charts open on (issue 16 minor): the first, in this order, that is not zero over the regions —
 * 公告创新型 once lists are announced (from April), before that the year's filings (the spring's activity), then
 * approvals and the database. So the page never opens on a chart of zeros when something else has figures.
 */
export const DEFAULT_METRIC_ORDER: readonly MetricKey[] = [
  'announcedInnovative',
  'filings',
  'approvals',
  'inDb',
  'registeredEnterprises',
];
export function defaultMetric(rows: readonly RegionFigures[]): MetricKey {
  return DEFAULT_METRIC_ORDER.find((k) => rows.some((r) => METRICS[k].value(r) > 0)) ?? 'announcedInnovative';
}

/** The name under which the Jiangsu city outlines are registered with echarts.registerMap. */
export const JIANGSU_MAP = 'jiangsu-cities';

const AXIS_LABEL = { color: 'rgba(0,0,0,0.75)' };
const PALETTE = ['#91caff', '#1560bd', '#52c41a', '#fa8c16'];

/** Horizontal bars, one per region, in the table's order (top to bottom). */
export function regionBarOption(rows: readonly RegionFigures[], metric: MetricKey) {
  const m = METRICS[metric];
  // ECharts draws a category y axis bottom-up: reverse so the first row is on top, as in the table.
  const ordered = [...rows].reverse();
  return {
    aria: { enabled: true },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
    xAxis: { type: 'value' as const, minInterval: metric === 'updateRate' ? undefined : 1 },
    yAxis: {
      type: 'category' as const,
      data: ordered.map((r) => r.regionName),
      axisLabel: AXIS_LABEL,
    },
    series: [
      {
        type: 'bar' as const,
        name: m.label,
        data: ordered.map((r) => m.value(r)),
        itemStyle: { color: '#1560bd', borderRadius: [0, 2, 2, 0] },
        barMaxWidth: 18,
        label: { show: true, position: 'right' as const, formatter: `{c}${m.unit === '%' ? '%' : ''}` },
      },
    ],
  };
}

/** Lines across the campaign years (oldest first): 申报, 审核通过, 公告创新型. */
export function trendLineOption(trend: TrendResponse) {
  const years = [...trend.years].sort((a, b) => a.year - b.year);
  const lines: { name: string; value: (y: RegionFigures) => number }[] = [
    { name: '申报', value: (y) => y.filings.total },
    { name: '审核通过', value: (y) => y.approvals.total },
    { name: '公告创新型', value: (y) => y.announcedInnovative },
  ];
  return {
    aria: { enabled: true },
    color: PALETTE,
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0, data: lines.map((l) => l.name) },
    xAxis: {
      type: 'category' as const,
      boundaryGap: false,
      data: years.map((y) => `${y.year}年`),
      axisLabel: AXIS_LABEL,
    },
    yAxis: { type: 'value' as const, minInterval: 1 },
    series: lines.map((l) => ({
      type: 'line' as const,
      name: l.name,
      data: years.map((y) => l.value(y)),
      symbolSize: 8,
      label: { show: true, position: 'top' as const },
    })),
  };
}

/**
 * The Jiangsu map coloured by a figure per city. `cityNames` maps a region code to the city name used in the
 * registered GeoJSON (features are matched by name); rows of other regions are left out.
 */
export function cityMapOption(
  rows: readonly RegionFigures[],
  metric: MetricKey,
  cityNames: ReadonlyMap<string, string>,
) {
  const m = METRICS[metric];
  const data = rows
    .filter((r) => cityNames.has(r.regionCode))
    .map((r) => ({ name: cityNames.get(r.regionCode)!, value: m.value(r) }));
  const max = Math.max(1, ...data.map((d) => d.value));
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'item' as const, formatter: `{b}<br/>${m.label}：{c}${m.unit}` },
    visualMap: {
      type: 'continuous' as const,
      min: 0,
      max,
      left: 8,
      bottom: 8,
      text: ['高', '低'],
      calculable: true,
      inRange: { color: ['#e6f4ff', '#69b1ff', '#1560bd'] },
    },
    series: [
      {
        type: 'map' as const,
        map: JIANGSU_MAP,
        name: m.label,
        roam: false,
        label: { show: true, fontSize: 11 },
        emphasis: { label: { show: true }, itemStyle: { areaColor: '#fadb14' } },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        data,
      },
    ],
  };
}
