import { SingleFlight } from './single-flight';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('SingleFlight.share', () => {
  it('gives callers of one key the work already running, and starts it again once it ended', async () => {
    const sf = new SingleFlight<string, number>();
    const gate = deferred<number>();
    let starts = 0;
    const work = () => (starts++, gate.promise);
    const a = sf.share('s1', work);
    const b = sf.share('s1', work);
    expect(starts).toBe(1);
    gate.resolve(7);
    await expect(Promise.all([a, b])).resolves.toEqual([7, 7]);
    await tick();
    expect(sf.size).toBe(0);
    await expect(sf.share('s1', async () => (starts++, 8))).resolves.toBe(8);
    expect(starts).toBe(2);
  });

  it('keeps keys apart', async () => {
    const sf = new SingleFlight<string, string>();
    const [a, b] = await Promise.all([sf.share('a', async () => 'A'), sf.share('b', async () => 'B')]);
    expect([a, b]).toEqual(['A', 'B']);
  });

  it('gives a failure to every caller that shared the attempt, and the next caller tries again', async () => {
    const sf = new SingleFlight<string, number>();
    const gate = deferred<number>();
    const a = sf.share('k', () => gate.promise);
    const b = sf.share('k', () => Promise.resolve(99));
    gate.reject(new Error('down'));
    await expect(a).rejects.toThrow('down');
    await expect(b).rejects.toThrow('down');
    await expect(sf.share('k', async () => 1)).resolves.toBe(1);
  });

  it('turns work that throws before answering into a rejection', async () => {
    const sf = new SingleFlight<string, number>();
    await expect(
      sf.share('k', () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(sf.size).toBe(0);
  });
});

describe('SingleFlight.share with keepMs', () => {
  it('goes on giving an answer for keepMs after it arrived, then reads again; a failure is never kept', async () => {
    const sf = new SingleFlight<string, number>(80);
    let reads = 0;
    const work = async () => ++reads;
    await expect(sf.share('k', work)).resolves.toBe(1);
    await expect(sf.share('k', work)).resolves.toBe(1);
    await new Promise((r) => setTimeout(r, 120));
    await expect(sf.share('k', work)).resolves.toBe(2);
    const failing = new SingleFlight<string, number>(10_000);
    await expect(failing.share('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await expect(failing.share('k', async () => 5)).resolves.toBe(5);
  });
});

describe('SingleFlight.next', () => {
  it('starts the work only after the current turn, once for every caller of that turn', async () => {
    const sf = new SingleFlight<string, number>();
    let starts = 0;
    const a = sf.next('k', async () => ++starts);
    const b = sf.next('k', async () => ++starts);
    expect(starts).toBe(0);
    await expect(Promise.all([a, b])).resolves.toEqual([1, 1]);
  });

  it('never gives a caller work that had started before it asked', async () => {
    const sf = new SingleFlight<string, string>();
    const first = deferred<string>();
    const log: string[] = [];
    const a = sf.next('k', () => (log.push('read 1'), first.promise));
    await tick(); // the first read is running now
    log.push('caller 2 asks');
    const b = sf.next('k', async () => (log.push('read 2'), 'second'));
    first.resolve('first');
    await expect(a).resolves.toBe('first');
    await expect(b).resolves.toBe('second');
    expect(log).toEqual(['read 1', 'caller 2 asks', 'read 2']);
  });
});
