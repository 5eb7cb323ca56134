import { Semaphore } from './semaphore';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Semaphore', () => {
  it('runs at most `size` tasks at once; the rest wait and run in arrival order', async () => {
    const s = new Semaphore(2);
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const results = gates.map((g, i) =>
      s.run(async () => {
        started.push(i);
        most = Math.max(most, ++running);
        await g.promise;
        running -= 1;
        return i * 10;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(s.waiting).toBe(3);
    gates[1].resolve();
    await results[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.resolve();
    await expect(Promise.all(results)).resolves.toEqual([0, 10, 20, 30, 40]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(s.waiting).toBe(0);
  });

  it('frees the slot of a task that fails', async () => {
    const s = new Semaphore(1);
    await expect(s.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(s.run(async () => 'next')).resolves.toBe('next');
  });
});
