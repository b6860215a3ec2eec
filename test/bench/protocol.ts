// The bench-file protocol (test/bench/README.md): a `*.bench.ts` file exports
//
//     export function register(bench: Bench, figures: Figures): void | Promise<void>
//
// `bench` is tinybench's: add timed tasks to it (their medians are reported in ms). `figures` (optional to use)
// declares the figures that go to bench-results.json with a target: a task's median, a figure derived from
// several medians after the run (a ratio), or one the file measures itself (a size on disk, an idle cost).
import type { Bench } from 'tinybench';

/** `max`: value ≤ max. `below`: value < below. `min`: value ≥ min. `equals`: value = equals. */
export type Target = { readonly max: number } | { readonly below: number } | { readonly min: number } | { readonly equals: number };

export interface Figures {
  /** Reports a timed task's median (ms) under `name` (default: the task's name), with a target. */
  target(task: string, target: Target, name?: string): void;
  /** A figure computed from task medians (ms) after every task has run, e.g. a ratio of two tasks. */
  derive(name: string, unit: string, target: Target | null, compute: (median: (task: string) => number) => number): void;
  /**
   * A figure the file measures itself, after the timed tasks (so it does not compete with them): `measure` is
   * called `runs` times (default 5) and the median is reported. A measurement that yields several samples in one
   * go (per-interval CPU over one long run) returns them all; they join the median.
   */
  measure(name: string, unit: string, target: Target | null, measure: () => number | readonly number[] | Promise<number | readonly number[]>, runs?: number): void;
}

export interface FigureResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** Human-readable (`≤ 1.5`), or null for an untargeted figure. */
  readonly target: string | null;
  /** Whether the value meets the target; null without a target. */
  readonly ok: boolean | null;
}

export function describeTarget(target: Target): string {
  if ('max' in target) return `≤ ${target.max}`;
  if ('below' in target) return `< ${target.below}`;
  if ('min' in target) return `≥ ${target.min}`;
  return `= ${target.equals}`;
}

export function meets(value: number, target: Target): boolean {
  if ('max' in target) return value <= target.max;
  if ('below' in target) return value < target.below;
  if ('min' in target) return value >= target.min;
  return value === target.equals;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** What a bench file exports. */
export type Register = (bench: Bench, figures: Figures) => void | Promise<void>;
