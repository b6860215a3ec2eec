// `npm run bench [filter]`: runs every test/bench/*.bench.ts (or those whose name contains `filter`) in one
// process, so every ratio compares figures from one run on one machine. Prints the timed tasks, then the figures
// with their targets, and writes bench-results.json at the repository root: an array of
// {"name", "value", "unit", "target", "ok"} (every task median in ms, every declared figure), then one entry
// named "machine" describing where it ran. The protocol is in protocol.ts and README.md.
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';
import { describeTarget, median, meets, type FigureResult, type Figures, type Register, type Target } from './protocol.js';

const filter = process.argv[2];
const dir = import.meta.dirname;
const root = resolve(dir, '../..');

interface Declared {
  readonly targets: { task: string; target: Target; name: string }[];
  readonly derived: { name: string; unit: string; target: Target | null; compute: (median: (task: string) => number) => number }[];
  readonly measured: { name: string; unit: string; target: Target | null; measure: () => number | readonly number[] | Promise<number | readonly number[]>; runs: number }[];
}
const declared: Declared = { targets: [], derived: [], measured: [] };
const figures: Figures = {
  target: (task, target, name = task) => void declared.targets.push({ task, target, name }),
  derive: (name, unit, target, compute) => void declared.derived.push({ name, unit, target, compute }),
  measure: (name, unit, target, measure, runs = 5) => void declared.measured.push({ name, unit, target, measure, runs }),
};

const bench = new Bench({ time: 1_000, warmupTime: 200 });
const files = readdirSync(dir).filter((name) => name.endsWith('.bench.ts') && (!filter || name.includes(filter))).sort();
for (const file of files) {
  const module = (await import(pathToFileURL(join(dir, file)).href)) as { register: Register };
  await module.register(bench, figures);
}
await bench.run();

const medians = new Map<string, number>();
for (const task of bench.tasks) {
  const result = task.result;
  const latency = result && 'latency' in result ? result.latency : undefined;
  if (latency?.p50 !== undefined) medians.set(task.name, latency.p50);
  else if (result && 'error' in result) console.error(`${task.name}: failed: ${String(result.error)}`);
}
const medianOf = (task: string): number => {
  const value = medians.get(task);
  if (value === undefined) throw new Error(`no median for task "${task}" (not registered, filtered out, or it failed)`);
  return value;
};

if (bench.tasks.length > 0) console.table(
  bench.tasks.map((task) => {
    const latency = task.result && 'latency' in task.result ? task.result.latency : undefined;
    return { task: task.name, 'median (ms)': round(latency?.p50), 'p99 (ms)': round(latency?.p99), samples: latency?.samplesCount ?? 0 };
  }),
);

const results: FigureResult[] = [];
const add = (name: string, value: number, unit: string, target: Target | null): void => {
  results.push({ name, value: round(value) ?? value, unit, target: target === null ? null : describeTarget(target), ok: target === null ? null : meets(value, target) });
};
const targetedTasks = new Map(declared.targets.map((entry) => [entry.task, entry]));
for (const [task, value] of medians) {
  const declaredTarget = targetedTasks.get(task);
  add(declaredTarget?.name ?? task, value, 'ms', declaredTarget?.target ?? null);
}
for (const { task } of declared.targets) if (!medians.has(task)) console.error(`target for "${task}": the task did not run`);
for (const { name, unit, target, compute } of declared.derived) {
  try {
    add(name, compute(medianOf), unit, target);
  } catch (error) {
    console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
for (const { name, unit, target, measure, runs } of declared.measured) {
  const samples: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const sample = await measure();
      samples.push(...(typeof sample === 'number' ? [sample] : sample));
    }
    add(name, median(samples), unit, target);
  } catch (error) {
    console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const cpu = cpus();
const machine = {
  name: 'machine',
  value: `${cpu[0]?.model.trim() ?? 'unknown CPU'} · ${cpu.length} cores · Node ${process.version} · ${process.platform} ${process.arch}`,
  unit: 'text',
  target: null,
  ok: null,
  cpu: cpu[0]?.model.trim() ?? null,
  cores: cpu.length,
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  date: new Date().toISOString(),
  filter: filter ?? null,
};

const targeted = results.filter((result) => result.target !== null);
console.log(`\n${machine.value}`);
console.table(targeted.map((result) => ({ figure: result.name, value: result.value, unit: result.unit, target: result.target, ok: result.ok ? 'yes' : 'NO' })));
const outFile = join(root, 'bench-results.json');
writeFileSync(outFile, `${JSON.stringify([...results, machine], null, 2)}\n`);
const missed = targeted.filter((result) => result.ok === false);
console.log(`wrote ${outFile}: ${results.length} figures, ${targeted.length} with targets, ${missed.length} missed${missed.length > 0 ? `: ${missed.map((result) => result.name).join('; ')}` : ''}`);

function round(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 1 : magnitude >= 1 ? 3 : 5;
  return Number(value.toFixed(digits));
}
