import { threads } from './threads';

describe('a consultation’s comments in threads', () => {
  const c = (id: string, replyTo: string | null = null) => ({ id, replyTo });

  it('put each reply under the comment it answers, a reply to a reply too, in the order given', () => {
    const out = threads([c('a'), c('b'), c('r1', 'a'), c('r2', 'r1'), c('r3', 'b'), c('r4', 'a')]);
    expect(out.map((x) => [x.root.id, x.replies.map((r) => r.id)])).toEqual([
      ['a', ['r1', 'r2', 'r4']],
      ['b', ['r3']],
    ]);
  });

  it('keep a reply whose comment is missing as a thread of its own, and survive a loop', () => {
    expect(threads([c('r', 'gone')]).map((x) => [x.root.id, x.replies.length])).toEqual([['r', 0]]);
    const loop = threads([c('x', 'y'), c('y', 'x')]);
    expect(loop.flatMap((x) => [x.root.id, ...x.replies.map((r) => r.id)]).sort()).toEqual(['x', 'y']);
    expect(threads([])).toEqual([]);
  });
});
