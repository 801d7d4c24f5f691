import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { RatePoint } from './attendance-aggregate';

// Tree-shaken: only what these two charts use. This file is its own lazy chunk (with ECharts).
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

function option(points: readonly RatePoint[], horizontalLabels: boolean): echarts.EChartsCoreOption {
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (params: { dataIndex: number }[]) => {
        const p = points[params[0]?.dataIndex ?? 0];
        if (!p) return '';
        return `${p.label}<br/>出勤率 ${p.rate === null ? '—（无已结束的活动）' : `${(p.rate * 100).toFixed(1)}%`}<br/>出勤 ${p.attended} / 应到 ${p.expected}`;
      },
    },
    legend: { bottom: 0, data: ['应到人次', '出勤人次', '出勤率'] },
    grid: { left: 8, right: 8, top: 36, bottom: horizontalLabels ? 40 : 64, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => p.label), axisLabel: { rotate: horizontalLabels ? 0 : 30, interval: 0 } },
    yAxis: [
      { type: 'value', name: '人次', minInterval: 1 },
      { type: 'value', name: '出勤率', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { name: '应到人次', type: 'bar', data: points.map((p) => p.expected), itemStyle: { color: '#d9d9d9' } },
      { name: '出勤人次', type: 'bar', data: points.map((p) => p.attended), itemStyle: { color: '#b71c1c' } },
      {
        name: '出勤率',
        type: 'line',
        yAxisIndex: 1,
        connectNulls: false,
        data: points.map((p) => (p.rate === null ? null : Math.round(p.rate * 1000) / 10)),
        itemStyle: { color: '#fa8c16' },
        label: { show: true, formatter: '{c}%' },
      },
    ],
  };
}

/** One ECharts chart; resizes with its box. */
export function RateChart({ title, points, testId }: { title: string; points: readonly RatePoint[]; testId: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const c = echarts.init(el.current!, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current!);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option(points, points.length <= 4), true);
  }, [points]);
  return (
    <figure style={{ margin: '0 0 16px' }}>
      <figcaption style={{ fontWeight: 600, textAlign: 'center' }}>{title}</figcaption>
      <div ref={el} data-testid={testId} data-points={points.length} style={{ width: '100%', height: 300 }} />
    </figure>
  );
}

export default function AttendanceCharts({ byMonth, byUnit }: { byMonth: readonly RatePoint[]; byUnit: readonly RatePoint[] }) {
  return (
    <>
      <RateChart title="按月出勤率" points={byMonth} testId="chart-by-month" />
      <RateChart title="按单位出勤率" points={byUnit} testId="chart-by-unit" />
    </>
  );
}
