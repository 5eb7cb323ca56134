import fc from 'fast-check';
import { DIFF_LIMITS, DiffChunk, DiffLimits, diffText, diffTextBounded, diffVersions, diffVersionsBounded, editDistanceLowerBound, sideOf } from './text-diff';

/** The chunks as compact strings: ' a' equal, '+a' added, '-a' removed, one per line. */
function flat(chunks: DiffChunk[]): string[] {
  const mark = { equal: ' ', added: '+', removed: '-' } as const;
  return chunks.flatMap((c) => c.lines.map((l) => mark[c.op] + l));
}

/** Length of the longest common subsequence of two line lists (a textbook dynamic programme). */
function lcs(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = x === b[j - 1] ? diag + 1 : Math.max(row[j], row[j - 1]);
      diag = up;
    }
  }
  return row[b.length];
}

const count = (chunks: DiffChunk[], op: DiffChunk['op']) => chunks.filter((c) => c.op === op).reduce((n, c) => n + c.lines.length, 0);

describe('diffText: examples', () => {
  it('an added line', () => {
    expect(flat(diffText('a\nc\n', 'a\nb\nc\n'))).toEqual([' a', '+b', ' c']);
  });

  it('a removed line', () => {
    expect(flat(diffText('a\nb\nc\n', 'a\nc\n'))).toEqual([' a', '-b', ' c']);
  });

  it('a changed line is a removed line and an added line', () => {
    expect(flat(diffText('a\nb\nc', 'a\nB\nc'))).toEqual([' a', '-b', '+B', ' c']);
    expect(diffText('a\nb\nc', 'a\nB\nc').map((c) => c.op)).toEqual(['equal', 'removed', 'added', 'equal']);
  });

  it('identical texts are all equal, in one chunk', () => {
    expect(diffText('one\ntwo\nthree', 'one\ntwo\nthree')).toEqual([{ op: 'equal', lines: ['one', 'two', 'three'] }]);
  });

  it('empty to text: everything added', () => {
    expect(diffText('', 'x\ny')).toEqual([{ op: 'added', lines: ['x', 'y'] }]);
  });

  it('text to empty: everything removed', () => {
    expect(diffText('x\ny\n', '')).toEqual([{ op: 'removed', lines: ['x', 'y'] }]);
  });

  it('empty to empty: no chunks', () => {
    expect(diffText('', '')).toEqual([]);
  });

  it('a missing trailing newline is not a change', () => {
    expect(diffText('a\nb', 'a\nb\n')).toEqual([{ op: 'equal', lines: ['a', 'b'] }]);
    expect(diffText('a\nb\n', 'a\nb')).toEqual([{ op: 'equal', lines: ['a', 'b'] }]);
  });

  it('a changed unterminated last line diffs like any other line', () => {
    expect(flat(diffText('a\nb', 'a\nc'))).toEqual([' a', '-b', '+c']);
    expect(flat(diffText('a\nb', 'a\nb\nc'))).toEqual([' a', ' b', '+c']);
  });

  it('empty lines are lines', () => {
    expect(flat(diffText('a\n\nb\n', 'a\nb\n'))).toEqual([' a', '-', ' b']);
    expect(flat(diffText('a\n', 'a\n\n'))).toEqual([' a', '+']);
    expect(flat(diffText('\n', ''))).toEqual(['-']);
  });

  it('a carriage return is part of its line', () => {
    expect(flat(diffText('a\r\nb\n', 'a\nb\n'))).toEqual(['-a\r', '+a', ' b']);
  });

  it('a change in the middle of a line changes the whole line', () => {
    expect(flat(diffText('the quick fox\n', 'the quick brown fox\n'))).toEqual(['-the quick fox', '+the quick brown fox']);
  });

  it('no chunk is empty', () => {
    for (const [a, b] of [['', ''], ['a', 'a'], ['a\n', 'b'], ['', '\n'], ['x\ny', 'y\nx']]) {
      for (const c of diffText(a, b)) expect(c.lines.length).toBeGreaterThan(0);
    }
  });
});

describe('sideOf', () => {
  const chunks: DiffChunk[] = [
    { op: 'equal', lines: ['a'] },
    { op: 'removed', lines: ['b'] },
    { op: 'added', lines: ['B', 'B2'] },
    { op: 'equal', lines: ['c'] },
  ];

  it('before keeps equal and removed lines, in order', () => expect(sideOf(chunks, 'before')).toEqual(['a', 'b', 'c']));
  it('after keeps equal and added lines, in order', () => expect(sideOf(chunks, 'after')).toEqual(['a', 'B', 'B2', 'c']));
  it('of no chunks is empty', () => expect(sideOf([], 'before')).toEqual([]));
});

describe('diffVersions', () => {
  it('diffs title, summary and body separately and counts their lines', () => {
    const d = diffVersions(
      { title: 'Old title', summary: 'same', body: 'p1\np2\np3' },
      { title: 'New title', summary: 'same', body: 'p1\np3\np4\np5' },
    );
    expect(flat(d.title)).toEqual(['-Old title', '+New title']);
    expect(flat(d.summary)).toEqual([' same']);
    expect(flat(d.body)).toEqual([' p1', '-p2', ' p3', '+p4', '+p5']);
    expect(d.stats).toEqual({ added: 3, removed: 2 });
  });

  it('of a version with itself counts nothing', () => {
    const v = { title: 't', summary: 's\n', body: 'b\nc' };
    expect(diffVersions(v, v).stats).toEqual({ added: 0, removed: 0 });
  });

  it('from empty fields counts every line as added', () => {
    const d = diffVersions({ title: '', summary: '', body: '' }, { title: 't', summary: 's1\ns2', body: 'b\n' });
    expect(d.stats).toEqual({ added: 4, removed: 0 });
  });
});

describe('properties', () => {
  // Short lines over a small alphabet, so that lines repeat and the diffs are interesting.
  const line = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', '\r', 'я'), maxLength: 3 });
  const lines = fc.array(line, { maxLength: 12 });
  /** Each line terminated by a newline: every list of lines has exactly one such text. */
  const terminated = (ls: string[]) => ls.map((l) => `${l}\n`).join('');
  /** Lines joined by newlines, last one unterminated (unambiguous when the last line is not empty). */
  const joined = (ls: string[]) => ls.join('\n');
  const unterminatedLines = lines.filter((ls) => ls.length === 0 || ls[ls.length - 1] !== '');

  it('the before side is the first text and the after side the second', () => {
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const d = diffText(terminated(a), terminated(b));
        expect(sideOf(d, 'before')).toEqual(a);
        expect(sideOf(d, 'after')).toEqual(b);
      }),
    );
  });

  it('the same holds for texts without a trailing newline, and gives the same diff', () => {
    fc.assert(
      fc.property(unterminatedLines, unterminatedLines, (a, b) => {
        const d = diffText(joined(a), joined(b));
        expect(sideOf(d, 'before')).toEqual(a);
        expect(sideOf(d, 'after')).toEqual(b);
        expect(d).toEqual(diffText(terminated(a), terminated(b)));
      }),
    );
  });

  it('a text diffed with itself has only equal chunks', () => {
    fc.assert(
      fc.property(lines, fc.boolean(), (a, term) => {
        const text = term ? terminated(a) : joined(a);
        const d = diffText(text, text);
        expect(d.every((c) => c.op === 'equal')).toBe(true);
        expect(d.length).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('chunks are never empty and neighbours never share an op', () => {
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const d = diffText(terminated(a), terminated(b));
        d.forEach((c, i) => {
          expect(c.lines.length).toBeGreaterThan(0);
          if (i > 0) expect(c.op).not.toBe(d[i - 1].op);
        });
      }),
    );
  });

  it('the diff is minimal: it keeps a longest common subsequence of lines', () => {
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const d = diffText(terminated(a), terminated(b));
        const common = lcs(a, b);
        expect(count(d, 'equal')).toBe(common);
        expect(count(d, 'removed')).toBe(a.length - common);
        expect(count(d, 'added')).toBe(b.length - common);
      }),
    );
  });

  it('diffVersions stats equal the added and removed lines counted over the three fields', () => {
    const text = fc.tuple(lines, fc.boolean()).map(([ls, term]) => (term ? terminated(ls) : joined(ls)));
    const version = fc.record({ title: text, summary: text, body: text });
    fc.assert(
      fc.property(version, version, (from, to) => {
        const d = diffVersions(from, to);
        const all = [...d.title, ...d.summary, ...d.body];
        expect(d.stats).toEqual({ added: count(all, 'added'), removed: count(all, 'removed') });
        expect(d.title).toEqual(diffText(from.title, to.title));
        expect(d.summary).toEqual(diffText(from.summary, to.summary));
        expect(d.body).toEqual(diffText(from.body, to.body));
      }),
    );
  });

  it('diffVersions stats match an independent count (line lists minus their longest common subsequence)', () => {
    const version = fc.record({ title: unterminatedLines, summary: unterminatedLines, body: unterminatedLines });
    fc.assert(
      fc.property(version, version, (from, to) => {
        const fields = ['title', 'summary', 'body'] as const;
        const d = diffVersions(
          { title: joined(from.title), summary: joined(from.summary), body: joined(from.body) },
          { title: joined(to.title), summary: joined(to.summary), body: joined(to.body) },
        );
        const added = fields.reduce((n, f) => n + to[f].length - lcs(from[f], to[f]), 0);
        const removed = fields.reduce((n, f) => n + from[f].length - lcs(from[f], to[f]), 0);
        expect(d.stats).toEqual({ added, removed });
      }),
    );
  });

  it('swapping the sides swaps added and removed', () => {
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const v = (ls: string[]) => ({ title: '', summary: '', body: terminated(ls) });
        const there = diffVersions(v(a), v(b)).stats;
        const back = diffVersions(v(b), v(a)).stats;
        expect(back).toEqual({ added: there.removed, removed: there.added });
      }),
    );
  });
});

describe('diffTextBounded: a diff that gives up when the texts are too different', () => {
  const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => `${f(i)}\n`).join('');
  const roomy: DiffLimits = { maxEditLength: 1_000_000, maxComparisons: 1e9, syncEditLength: 1_000_000, syncComparisons: 1e9 };

  it('gives the same chunks as diffText for an ordinary edit', async () => {
    const before = 'one\ntwo\nthree\n';
    const after = 'one\n2\nthree\nfour\n';
    expect(await diffTextBounded(before, after)).toEqual(diffText(before, after));
  });

  it('finds one changed line among 100,000 with the default limits', async () => {
    const before = lines(100_000, (i) => `l${i}`);
    const after = before.replace('l50000\n', 'changed\n');
    const all = Array.from({ length: 100_000 }, (_, i) => `l${i}`);
    expect(await diffTextBounded(before, after)).toEqual([
      { op: 'equal', lines: all.slice(0, 50_000) },
      { op: 'removed', lines: ['l50000'] },
      { op: 'added', lines: ['changed'] },
      { op: 'equal', lines: all.slice(50_001) },
    ]);
  });

  it('answers null for 100,000 lines that all differ (found by counting lines, without running the diff)', async () => {
    expect(await diffTextBounded(lines(100_000, () => 'a'), lines(100_000, () => 'b'))).toBeNull();
    expect(await diffTextBounded(lines(100_000, (i) => `a${i}`), lines(100_000, (i) => `b${i}`))).toBeNull();
  });

  it('answers null for the same lines in reverse order (too far apart, though no line is new)', async () => {
    const n = 5_000;
    const before = lines(n, (i) => `l${i}`);
    const after = lines(n, (i) => `l${n - 1 - i}`);
    expect(editDistanceLowerBound(before.split('\n'), after.split('\n'))).toBe(0);
    expect(await diffTextBounded(before, after, { ...DIFF_LIMITS, maxEditLength: 300 })).toBeNull();
  });

  it('lets other work run while a large diff goes on (it yields the event loop between steps)', async () => {
    const n = 2_000;
    const order: string[] = [];
    const running = diffTextBounded(lines(n, (i) => `l${i}`), lines(n, (i) => `l${n - 1 - i}`), { ...DIFF_LIMITS, maxEditLength: 100 }).then((d) => {
      order.push('diff');
      return d;
    });
    setImmediate(() => order.push('other'));
    expect(await running).toBeNull();
    expect(order).toEqual(['other', 'diff']);
  });

  it('runs small edits at once: nothing else runs before it answers', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('other'));
    await diffTextBounded('a\nb\nc\n', 'a\nB\nc\n').then(() => order.push('diff'));
    expect(order).toEqual(['diff']);
  });

  const line = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ''), maxLength: 2 });
  const text = fc.array(line, { maxLength: 10 }).map((ls) => ls.map((l) => `${l}\n`).join(''));
  const split = (s: string) => (s === '' ? [] : s.slice(0, -1).split('\n'));
  const distance = (a: string, b: string) => split(a).length + split(b).length - 2 * lcs(split(a), split(b));

  it('is diffText when the edit distance is within maxEditLength, null beyond (property)', async () => {
    await fc.assert(
      fc.asyncProperty(text, text, fc.nat(12), fc.nat(12), async (a, b, maxEditLength, syncEditLength) => {
        const got = await diffTextBounded(a, b, { ...roomy, maxEditLength, syncEditLength });
        expect(got).toEqual(distance(a, b) <= maxEditLength ? diffText(a, b) : null);
      }),
    );
  });

  it('never answers a wrong diff when the comparison budgets run out: diffText or null (property)', async () => {
    await fc.assert(
      fc.asyncProperty(text, text, fc.nat(30), fc.nat(30), async (a, b, maxComparisons, syncComparisons) => {
        const got = await diffTextBounded(a, b, { maxEditLength: 20, syncEditLength: 2, maxComparisons, syncComparisons });
        if (got !== null) expect(got).toEqual(diffText(a, b));
      }),
    );
  });

  it('the line-count lower bound never exceeds the edit distance (property)', () => {
    fc.assert(fc.property(text, text, (a, b) => expect(editDistanceLowerBound(split(a), split(b))).toBeLessThanOrEqual(distance(a, b))));
  });
});

describe('diffVersionsBounded', () => {
  it('is diffVersions, with tooDifferent false, when every field is within the limits', async () => {
    const from = { title: 'Old title', summary: 'same', body: 'p1\np2\np3' };
    const to = { title: 'New title', summary: 'same', body: 'p1\np3\np4\np5' };
    expect(await diffVersionsBounded(from, to)).toEqual({ ...diffVersions(from, to), tooDifferent: false, omitted: [] });
  });

  it('omits a field too different to show (null, named in omitted) and counts the others', async () => {
    const from = { title: 'Old title', summary: 'same', body: 'x\ny\n' };
    const to = { title: 'New title', summary: 'same', body: 'p\nq\n' };
    const d = await diffVersionsBounded(from, to, { ...DIFF_LIMITS, maxEditLength: 3 });
    expect(d).toEqual({ title: diffText(from.title, to.title), summary: diffText('same', 'same'), body: null, stats: { added: 1, removed: 1 }, tooDifferent: true, omitted: ['body'] });
  });
});
