// `npm run bench`: runs every test/bench/*.bench.ts in one process and prints medians, so ratios quoted in
// notes come from one run on one machine. Each bench file exports `register(bench)`.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';

const filter = process.argv[2];
const dir = import.meta.dirname;
const bench = new Bench({ time: 1_000, warmupTime: 200 });
for (const file of readdirSync(dir).filter((name) => name.endsWith('.bench.ts')).sort()) {
  if (filter && !file.includes(filter)) continue;
  const module = (await import(pathToFileURL(join(dir, file)).href)) as { register: (bench: Bench) => void | Promise<void> };
  await module.register(bench);
}
await bench.run();
console.table(
  bench.tasks.map((task) => {
    const result = task.result;
    const latency = result && 'latency' in result ? result.latency : undefined;
    return {
      task: task.name,
      'median (ms)': latency ? Number(latency.p50?.toFixed(4)) : 'n/a',
      'p99 (ms)': latency ? Number(latency.p99?.toFixed(4)) : 'n/a',
      samples: latency ? latency.samplesCount : 0,
    };
  }),
);
