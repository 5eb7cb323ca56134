import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** One figure of a benchmark, with its baseline measured in the same run on the same machine. */
export interface Metric {
  metric: string;
  unit: string;
  value: number;
  baseline: number;
  ratio: number;
  goal: string;
}

export interface BenchResult {
  name: string;
  params: Record<string, unknown>;
  metrics: Metric[];
}

export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<BenchResult>;
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export function metric(metric: string, unit: string, value: number, baseline: number, goal: string): Metric {
  return { metric, unit, value: round(value), baseline: round(baseline), ratio: baseline > 0 ? round(value / baseline, 3) : 0, goal };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return 0;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** Prints the short table and writes bench-results/<name>.json. */
export function report(result: BenchResult): void {
  const dir = resolve(__dirname, '..', 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${result.name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${result.name}  ${JSON.stringify(result.params)}`);
  const rows = result.metrics.map((m) => [m.metric, `${m.value} ${m.unit}`, `${m.baseline} ${m.unit}`, String(m.ratio), m.goal]);
  const head = ['metric', 'value', 'baseline', 'ratio', 'goal'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  console.log(`-> bench-results/${result.name}.json`);
}
