import fc from 'fast-check';
import { shuffled } from './shuffle';

describe('shuffled', () => {
  it('returns a permutation of its input and leaves the input alone', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.infiniteStream(fc.nat()), (items, stream) => {
        const copy = items.slice();
        const draws = stream[Symbol.iterator]();
        const out = shuffled(items, (n) => (draws.next().value as number) % n);
        expect(items).toEqual(copy);
        expect(out.slice().sort((a, b) => a - b)).toEqual(copy.sort((a, b) => a - b));
      }),
    );
  });

  it('reaches every permutation of three items with equal weight over all draw sequences', () => {
    const seen = new Map<string, number>();
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 2; b++) {
        const draws = [a, b];
        const out = shuffled(['x', 'y', 'z'], () => draws.shift() as number);
        seen.set(out.join(''), (seen.get(out.join('')) ?? 0) + 1);
      }
    }
    expect(seen.size).toBe(6);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('refuses a source that draws out of range', () => {
    expect(() => shuffled([1, 2, 3], (n) => n)).toThrow(RangeError);
    expect(() => shuffled([1, 2, 3], () => -1)).toThrow(RangeError);
    expect(() => shuffled([1, 2], () => 0.5)).toThrow(RangeError);
  });

  it('handles the empty and the single list', () => {
    expect(shuffled([], () => 0)).toEqual([]);
    expect(shuffled(['a'], () => 0)).toEqual(['a']);
  });
});
