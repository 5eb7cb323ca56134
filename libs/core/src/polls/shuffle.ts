/**
 * A uniformly random permutation of `items` (Fisher–Yates), drawing from
 * `randomBelow(n)`, which must return an integer in [0, n) (in production a
 * cryptographic source: the order in which a closed secret poll's choices are
 * written must not be predictable). Returns a new array.
 */
export function shuffled<T>(items: readonly T[], randomBelow: (n: number) => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomBelow(i + 1);
    if (!Number.isInteger(j) || j < 0 || j > i) throw new RangeError(`randomBelow(${i + 1}) returned ${j}`);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
