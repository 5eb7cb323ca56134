import { ChildProcess, fork } from 'node:child_process';
import { join, resolve } from 'node:path';

/**
 * The one clock of the live benchmark. Every process on this machine derives
 * it from the same wall clock at its start (timeOrigin) plus its monotonic
 * clock since then, so stamps taken in different processes are comparable
 * (to well under a millisecond).
 */
export const now = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Request {
  type: 'call';
  id: number;
  cmd: string;
  args: unknown;
}

type FromChild = { type: 'ready'; info: unknown } | { type: 'reply'; id: number; ok: true; result: unknown } | { type: 'reply'; id: number; ok: false; error: string };

type Handlers = Record<string, (args: any) => Promise<unknown> | unknown>;

/** Child side: answers the parent's calls with the handlers; exits when the parent goes away. */
export function serve(handlers: Handlers, info: unknown = {}): void {
  const send = (m: FromChild) => process.send?.(m);
  process.on('message', (m: Request) => {
    if (!m || m.type !== 'call') return;
    const handler = handlers[m.cmd];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown command ${m.cmd}`);
        return handler(m.args);
      })
      .then(
        (result) => send({ type: 'reply', id: m.id, ok: true, result }),
        (err: unknown) => send({ type: 'reply', id: m.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
      );
  });
  // The parent died or closed the channel: nothing left to do here.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', info });
}

/**
 * Parent side: a TypeScript file of bench/ in its own Node process (through
 * ts-node), called over IPC with the structured-clone serialization (typed
 * arrays cross as such), every call with a timeout.
 */
export class Child {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private exited: string | null = null;
  readonly ready: Promise<any>;

  private constructor(
    readonly name: string,
    private readonly proc: ChildProcess,
    readyTimeoutMs: number,
  ) {
    let readyResolve: (v: unknown) => void = () => undefined;
    let readyReject: (e: Error) => void = () => undefined;
    this.ready = new Promise((res, rej) => {
      readyResolve = res;
      readyReject = rej;
    });
    this.ready.catch(() => undefined);
    const readyTimer = setTimeout(() => readyReject(new Error(`${name}: not ready after ${readyTimeoutMs} ms`)), readyTimeoutMs);
    proc.on('message', (m: FromChild) => {
      if (m.type === 'ready') {
        clearTimeout(readyTimer);
        readyResolve(m.info);
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(`${name}: ${m.error}`));
    });
    proc.on('exit', (code, signal) => {
      this.exited = `exited with ${code ?? signal}`;
      clearTimeout(readyTimer);
      readyReject(new Error(`${name}: ${this.exited} before it was ready`));
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        p.reject(new Error(`${name}: ${this.exited} during a call`));
        this.pending.delete(id);
      }
    });
  }

  /** Starts bench/<script> (a .ts file) with ts-node, in the repository's root. */
  static start(name: string, script: string, env: Record<string, string> = {}, readyTimeoutMs = 60_000): Child {
    const root = resolve(__dirname, '..');
    const proc = fork(join(__dirname, script), [], {
      cwd: root,
      execArgv: ['-r', 'ts-node/register'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ...env },
    });
    return new Child(name, proc, readyTimeoutMs);
  }

  get pid(): number {
    return this.proc.pid as number;
  }

  call<T = unknown>(cmd: string, args: unknown, timeoutMs: number): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`${this.name}: ${this.exited}`));
    const id = this.nextId++;
    return new Promise<T>((res, rej) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        rej(new Error(`${this.name}: ${cmd} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve: res as (v: unknown) => void, reject: rej, timer });
      this.proc.send({ type: 'call', id, cmd, args } satisfies Request);
    });
  }

  /** Ends the process: SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const exited = new Promise((r) => this.proc.once('exit', r));
    this.proc.kill('SIGTERM');
    await Promise.race([exited, sleep(graceMs)]);
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      this.proc.kill('SIGKILL');
      await Promise.race([exited, sleep(graceMs)]);
    }
  }
}
