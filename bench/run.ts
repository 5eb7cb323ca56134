/**
 * npm run bench [name...]: runs the benchmarks (all by default), prints a
 * short table for each and writes bench-results/<name>.json. Every figure is
 * compared with a baseline measured in the same run on the same machine.
 */
import 'reflect-metadata';
import { Benchmark, report } from './harness';
import { liveBenchmark } from './live.bench';
import { pollsBenchmark } from './polls.bench';
import { searchBenchmark } from './search.bench';
import { startBenchmark } from './start.bench';
import { webBenchmark } from './web.bench';

const BENCHMARKS: Benchmark[] = [startBenchmark, searchBenchmark, pollsBenchmark, liveBenchmark, webBenchmark];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !BENCHMARKS.some((b) => b.name === w));
  if (unknown.length) throw new Error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  for (const b of BENCHMARKS.filter((x) => wanted.length === 0 || wanted.includes(x.name))) {
    console.log(`== ${b.name}: ${b.description}`);
    report(await b.run());
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
