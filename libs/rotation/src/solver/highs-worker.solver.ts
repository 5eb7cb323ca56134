import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { LpResult, runHighs, warmUpLp } from '@kenes/core';

/** Extra time the worker gets beyond the solver's own limit before it is stopped from outside. */
const GRACE_MS = 5_000;

/**
 * Runs HiGHS in a worker thread, so that a long solve never blocks the API's
 * event loop: one worker per process, solves queued one at a time, each with
 * its own time limit (HiGHS stops itself at it). A worker that overruns the
 * limit by GRACE_MS, or fails, is terminated and replaced.
 */
@Injectable()
export class HighsWorkerSolver implements OnModuleDestroy {
  private worker: Worker | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private seq = 0;

  solve(lp: string, timeLimitSeconds: number): Promise<LpResult> {
    const run = this.queue.then(() => this.run(lp, timeLimitSeconds));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }

  private start(): Worker {
    // The worker runs core's runHighs from its source text: no TypeScript loader is needed in the thread.
    const source = `
      const { parentPort } = require('node:worker_threads');
      const runHighs = ${runHighs.toString()};
      const loaded = require(${JSON.stringify(require.resolve('highs'))})().then((highs) => {
        // The first solves in a fresh instance are slow until V8 has compiled the solver's hot code.
        runHighs(highs, ${JSON.stringify(warmUpLp())}, 5);
        runHighs(highs, ${JSON.stringify(warmUpLp())}, 5);
        return highs;
      });
      parentPort.on('message', async ({ id, lp, timeLimitSeconds }) => {
        try {
          const highs = await loaded;
          parentPort.postMessage({ id, result: runHighs(highs, lp, timeLimitSeconds) });
        } catch (e) {
          parentPort.postMessage({ id, error: String(e && e.message || e) });
        }
      });`;
    const worker = new Worker(source, { eval: true });
    worker.unref();
    return worker;
  }

  private run(lp: string, timeLimitSeconds: number): Promise<LpResult> {
    const worker = (this.worker ??= this.start());
    const id = ++this.seq;
    return new Promise<LpResult>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      const kill = (why: string) => {
        done();
        if (this.worker === worker) this.worker = null;
        void worker.terminate();
        reject(new Error(why));
      };
      const onMessage = (m: { id: number; result?: LpResult; error?: string }) => {
        if (m.id !== id) return;
        done();
        if (m.error) reject(new Error(m.error));
        else resolve(m.result as LpResult);
      };
      const onError = (e: Error) => kill(`solver worker failed: ${e.message}`);
      const timer = setTimeout(() => kill('solver worker overran its time limit'), timeLimitSeconds * 1000 + GRACE_MS);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ id, lp, timeLimitSeconds });
    });
  }
}
