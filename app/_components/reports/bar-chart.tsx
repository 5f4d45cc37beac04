"use client";

import { BarChart as EBar } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([EBar, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface BarSeries {
  name: string;
  values: number[];
  color: string;
  /** Series with the same stack are drawn end to end (named and inferred demand make one demand bar). */
  stack?: string;
}

/**
 * A horizontal bar chart (Apache ECharts, only the parts used). The table beside it carries the same
 * numbers for screen readers and print; the chart itself is labelled as an image.
 */
export function BarChart({ labels, series, label, height = 360 }: { labels: string[]; series: BarSeries[]; label: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: "canvas" });
    chart.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "value" },
      yAxis: { type: "category", data: labels, inverse: true, axisLabel: { width: 140, overflow: "truncate" } },
      series: series.map((s) => ({ name: s.name, type: "bar", data: s.values, itemStyle: { color: s.color }, ...(s.stack ? { stack: s.stack } : {}) })),
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [labels, series]);
  return <div ref={ref} role="img" aria-label={label} style={{ height }} className="w-full print:hidden" data-testid="chart" />;
}
