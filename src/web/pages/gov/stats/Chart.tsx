/**
 * One ECharts chart on a canvas. This module registers only what the statistics page draws (bar, line and map
 * series, their components, the canvas renderer) and the Jiangsu city outlines; StatsPage loads it lazily, so
 * ECharts is fetched by the statistics route alone. echarts-for-react is imported from `esm/core` with
 * `echarts/core` (stack notes pitfall 8: `lib/core` renders a blank page in a production build).
 */
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import jiangsuCities from '../../../assets/jiangsu-cities.json';
import { JIANGSU_MAP } from './chartOptions';

echarts.use([
  BarChart,
  LineChart,
  MapChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);
echarts.registerMap(JIANGSU_MAP, jiangsuCities as unknown as Parameters<typeof echarts.registerMap>[1]);

export default function Chart({
  option,
  label,
  height,
  id,
}: {
  option: object;
  /** What the chart shows, for screen readers (the tables carry the same figures). */
  label: string;
  height: number;
  id?: string;
}) {
  return (
    <div id={id} role="img" aria-label={label}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        opts={{ renderer: 'canvas' }}
        style={{ height, width: '100%' }}
      />
    </div>
  );
}
