import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, startEmbeddedPostgres } from '@kenes/database';
import { Benchmark, median, metric } from './harness';

const ROOT = resolve(__dirname, '..');
const MAIN = join(ROOT, 'dist/apps/api/src/main.js');
const RUNS = Number(process.env.BENCH_START_RUNS ?? 3);

async function waitHealthy(port: number, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the server did not become healthy in time');
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Time from spawning the built server to GET /health 200, with KENES_HOME at `home`. */
async function timeStart(home: string): Promise<number> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, KENES_HOME: home, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'development' };
  delete env.DATABASE_URL;
  const t0 = performance.now();
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await waitHealthy(port, child);
    return performance.now() - t0;
  } finally {
    await stop(child);
  }
}

/** The baseline: the same embedded PostgreSQL started bare, no application. */
async function timeBarePostgres(dir: string): Promise<number> {
  const t0 = performance.now();
  const pg = await startEmbeddedPostgres({ dataDir: dir });
  const ms = performance.now() - t0;
  await pg.stop();
  return ms;
}

export const startBenchmark: Benchmark = {
  name: 'start',
  description: 'cold and warm start of npm start on the embedded database, against bare PostgreSQL',
  async run() {
    if (!existsSync(MAIN)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    const cold: number[] = [];
    const warm: number[] = [];
    const bareCold: number[] = [];
    const bareWarm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const home = mkdtempSync(join(tmpdir(), 'kenes-bench-start-'));
      const bare = mkdtempSync(join(tmpdir(), 'kenes-bench-pg-'));
      chmodSync(home, 0o755); // PostgreSQL runs as its own user and must reach the data directory
      try {
        cold.push(await timeStart(home));
        warm.push(await timeStart(home));
        bareCold.push(await timeBarePostgres(bare));
        bareWarm.push(await timeBarePostgres(bare));
      } finally {
        rmSync(home, { recursive: true, force: true });
        rmSync(bare, { recursive: true, force: true });
      }
    }
    return {
      name: 'start',
      params: { runs: RUNS, statistic: 'median', includes: 'process spawn, PostgreSQL start (initdb when cold), migrations, admin + demo seed, Nest init, first /health' },
      metrics: [
        metric('cold_start_ms', 'ms', median(cold), median(bareCold), 'informational: the app adds migrations, the demo council and Nest init to a bare initdb+start'),
        metric('warm_start_ms', 'ms', median(warm), median(bareWarm), 'informational: the app adds Nest init to a bare PostgreSQL start'),
      ],
    };
  },
};
