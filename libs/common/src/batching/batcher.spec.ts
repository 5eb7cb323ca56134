import fc from 'fast-check';
import { Batcher } from './batcher';

interface Item {
  id: number;
  key?: string;
  bad: boolean;
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('Batcher', () => {
  it('runs a lone item at once, alone', async () => {
    const batches: number[][] = [];
    const b = new Batcher<number, number>({ maxBatch: 10, maxInFlight: 1, run: async (xs) => (batches.push([...xs]), xs.map((x) => x * 2)) });
    await expect(b.submit(21)).resolves.toBe(42);
    expect(batches).toEqual([[21]]);
  });

  it('gathers what arrives while every slot is busy into the next batch, up to maxBatch', async () => {
    const gates: ReturnType<typeof deferred<void>>[] = [];
    const batches: number[][] = [];
    const b = new Batcher<number, number>({
      maxBatch: 3,
      maxInFlight: 1,
      run: async (xs) => {
        batches.push([...xs]);
        const g = deferred<void>();
        gates.push(g);
        await g.promise;
        return xs.map((x) => -x);
      },
    });
    const results = [1, 2, 3, 4, 5, 6].map((x) => b.submit(x));
    expect(batches).toEqual([[1]]);
    expect(b.waiting).toBe(5);
    gates[0].resolve();
    await results[0];
    await Promise.resolve();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    gates[1].resolve();
    await results[3];
    await Promise.resolve();
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6]]);
    gates[2].resolve();
    await expect(Promise.all(results)).resolves.toEqual([-1, -2, -3, -4, -5, -6]);
  });

  it('runs a failed batch again one by one, so only the bad item fails', async () => {
    const batches: number[][] = [];
    const gate = deferred<void>();
    const b = new Batcher<number, number>({
      maxBatch: 10,
      maxInFlight: 1,
      run: async (xs) => {
        batches.push([...xs]);
        await gate.promise;
        if (xs.includes(13)) throw new Error('unlucky');
        return xs;
      },
    });
    const first = b.submit(1);
    const rest = [12, 13, 14].map((x) => b.submit(x).then((v) => ({ ok: v }), (e: Error) => ({ err: e.message })));
    gate.resolve();
    await first;
    expect(await Promise.all(rest)).toEqual([{ ok: 12 }, { err: 'unlucky' }, { ok: 14 }]);
    expect(batches).toEqual([[1], [12, 13, 14], [12], [13], [14]]);
  });

  it('never retries a batch that ran but answered the wrong number of results', async () => {
    let runs = 0;
    const gate = deferred<void>();
    const b = new Batcher<number, number>({
      maxBatch: 10,
      maxInFlight: 1,
      run: async (xs) => {
        runs += 1;
        await gate.promise;
        return xs.length > 1 ? [0] : xs;
      },
    });
    const first = b.submit(1);
    const pair = [b.submit(2), b.submit(3)].map((p) => p.catch((e: Error) => e.message));
    gate.resolve();
    await first;
    expect(await Promise.all(pair)).toEqual(['a batch of 2 answered 1 results', 'a batch of 2 answered 1 results']);
    expect(runs).toBe(2);
  });

  it('refuses a batch size or a slot count below 1', () => {
    expect(() => new Batcher({ maxBatch: 0, maxInFlight: 1, run: async (xs) => xs })).toThrow();
    expect(() => new Batcher({ maxBatch: 1, maxInFlight: 0, run: async (xs) => xs })).toThrow();
  });

  it('answers every item once with its own result, within its limits, one key at a time in submission order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(fc.record({ key: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }), bad: fc.boolean() }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 3 }),
        async (s, specs, maxBatch, maxInFlight) => {
          const items: Item[] = specs.map((x, id) => ({ id, key: x.key, bad: x.bad && id % 4 === 0 }));
          let running = 0;
          const runningKeys = new Set<string>();
          const committed = new Map<string, number[]>();
          const submitted = new Map<string, number[]>();
          const b = new Batcher<Item, number>({
            maxBatch,
            maxInFlight,
            keyOf: (i) => i.key as string,
            run: async (batch) => {
              running += 1;
              expect(running).toBeLessThanOrEqual(maxInFlight);
              expect(batch.length).toBeGreaterThan(0);
              expect(batch.length).toBeLessThanOrEqual(maxBatch);
              const keys = batch.map((i) => i.key).filter((k): k is string => k !== undefined);
              expect(new Set(keys).size).toBe(keys.length);
              for (const k of keys) expect(runningKeys.has(k)).toBe(false);
              keys.forEach((k) => runningKeys.add(k));
              try {
                await s.schedule(Promise.resolve());
                if (batch.some((i) => i.bad)) throw new Error(`bad ${batch.find((i) => i.bad)?.id}`);
                for (const i of batch) if (i.key) committed.set(i.key, [...(committed.get(i.key) ?? []), i.id]);
                return batch.map((i) => i.id * 10);
              } finally {
                keys.forEach((k) => runningKeys.delete(k));
                running -= 1;
              }
            },
          });
          const outcomes = items.map((item) =>
              s.schedule(Promise.resolve()).then(() => {
                if (item.key) submitted.set(item.key, [...(submitted.get(item.key) ?? []), item.id]);
                return b.submit(item).then(
                  (v) => ({ id: item.id, v }),
                  (e: Error) => ({ id: item.id, e: e.message }),
                );
              }),
          );
          // The scheduler runs every task, in an order it picks, until all the outcomes are in.
          const settled = await s.waitFor(Promise.all(outcomes));
          for (const o of settled) {
            const item = items[o.id];
            expect(o).toEqual(item.bad ? { id: item.id, e: `bad ${item.id}` } : { id: item.id, v: item.id * 10 });
          }
          for (const [k, ids] of committed) expect(ids).toEqual((submitted.get(k) ?? []).filter((id) => !items[id].bad));
          expect(running).toBe(0);
          expect(b.waiting).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
