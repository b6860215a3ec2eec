// History answers turned into what the chart and its table show. Pure; the chart itself is HistoryChart.svelte.
import type { HistoryAnswer, HistoryPointView, HistoryRange, SpikeMark } from '../../preload/contract.js';

export const RANGES: readonly HistoryRange[] = ['1h', '24h', '7d', '30d'];
export const CHART_FIELDS = ['disconnected_num', 'in_use_num', 'ready_num'] as const;
export type ChartField = (typeof CHART_FIELDS)[number];

/** uPlot's aligned data: seconds on x, then one array per field (null where the count is unknown). */
export function chartData(points: readonly HistoryPointView[]): [number[], ...(number | null)[][]] {
  const xs = points.map((point) => point.at / 1000);
  return [xs, ...CHART_FIELDS.map((field) => points.map((point) => point.counts[field]))];
}

export function pointsOf(answer: HistoryAnswer, key: string): readonly HistoryPointView[] {
  return answer.series.find((series) => series.key === key)?.points ?? [];
}

/** The spikes that concern a series: the fleet's for the fleet key, a group's own otherwise. */
export function spikesFor(answer: HistoryAnswer, key: string, fleetKey: string): SpikeMark[] {
  return answer.spikes.filter((mark) => (key === fleetKey ? mark.fleet || mark.groupKeys.length > 0 : mark.groupKeys.includes(key)));
}

/** At most `limit` rows for the text alternative, evenly spread, always keeping the last (the current value). */
export function sampleRows<T>(rows: readonly T[], limit: number): T[] {
  if (rows.length <= limit) return [...rows];
  const step = rows.length / limit;
  const picked: T[] = [];
  for (let index = 0; index < limit - 1; index++) {
    const row = rows[Math.floor(index * step)];
    if (row !== undefined) picked.push(row);
  }
  const last = rows[rows.length - 1];
  if (last !== undefined) picked.push(last);
  return picked;
}

export interface SeriesSummary {
  readonly min: number | null;
  readonly max: number | null;
  readonly now: number | null;
}

export function summarize(points: readonly HistoryPointView[], field: ChartField): SeriesSummary {
  let min: number | null = null;
  let max: number | null = null;
  for (const point of points) {
    const value = point.counts[field];
    if (value === null) continue;
    min = min === null ? value : Math.min(min, value);
    max = max === null ? value : Math.max(max, value);
  }
  return { min, max, now: points[points.length - 1]?.counts[field] ?? null };
}
