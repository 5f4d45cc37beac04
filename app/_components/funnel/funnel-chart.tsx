"use client";

import dynamic from "next/dynamic";

/*
 * The funnel's chart: Apache ECharts (through the reports' bar chart) loads only when a funnel is shown, after the
 * page, never in a page's first load. The table beside it carries the same numbers.
 */
export const FunnelChart = dynamic(() => import("../reports/bar-chart").then((m) => m.BarChart), { ssr: false });
