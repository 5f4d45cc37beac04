/** The p-th percentile of ascending times, in ms to two decimals (the benchmarks' one way of reporting). */
export function percentile(sorted: number[], p: number) {
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0) * 100) / 100;
}
