import fc from 'fast-check';
import { anchorSegments, groupInbox, inboxGroup } from './inbox';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const at = (hours: number) => new Date(NOW + hours * 3600_000).toISOString();

describe('the inbox groups', () => {
  it('puts answered ones under answered whatever their date, past-due unanswered ones under overdue', () => {
    expect(inboxGroup({ status: 'answered', dueAt: at(-100) }, NOW)).toBe('answered');
    expect(inboxGroup({ status: 'overdue', dueAt: at(-1) }, NOW)).toBe('overdue');
    // The server listed it open, but the page was left open past the due time.
    expect(inboxGroup({ status: 'open', dueAt: at(-0.01) }, NOW)).toBe('overdue');
  });

  it('calls an open one due within three days due soon, and one due later open', () => {
    expect(inboxGroup({ status: 'open', dueAt: at(1) }, NOW)).toBe('dueSoon');
    expect(inboxGroup({ status: 'open', dueAt: at(72) }, NOW)).toBe('dueSoon');
    expect(inboxGroup({ status: 'open', dueAt: at(72.01) }, NOW)).toBe('open');
  });

  it('sorts each group by due date, answered ones latest first', () => {
    const items = [
      { id: 'a', status: 'open' as const, dueAt: at(200) },
      { id: 'b', status: 'open' as const, dueAt: at(100) },
      { id: 'c', status: 'answered' as const, dueAt: at(10) },
      { id: 'd', status: 'answered' as const, dueAt: at(20) },
      { id: 'e', status: 'overdue' as const, dueAt: at(-5) },
      { id: 'f', status: 'open' as const, dueAt: at(5) },
    ];
    const g = groupInbox(items, NOW);
    expect(Object.fromEntries(Object.entries(g).map(([k, v]) => [k, v.map((x) => x.id)]))).toEqual({ overdue: ['e'], dueSoon: ['f'], open: ['b', 'a'], answered: ['d', 'c'] });
  });

  it('places every consultation in exactly one group', () => {
    const item = fc.record({ status: fc.constantFrom('open' as const, 'answered' as const, 'overdue' as const), dueAt: fc.integer({ min: -1000, max: 1000 }).map(at) });
    fc.assert(
      fc.property(fc.array(item), (items) => {
        const g = groupInbox(items, NOW);
        expect(Object.values(g).reduce((n, l) => n + l.length, 0)).toBe(items.length);
      }),
    );
  });
});

describe('the cited text cut at its anchors', () => {
  it('marks the anchored pieces, with overlapping anchors', () => {
    const s = anchorSegments('abcdefghij', [
      { start: 2, end: 5 },
      { start: 4, end: 8 },
    ]);
    expect(s).toEqual([
      { text: 'ab', start: 0, anchors: [] },
      { text: 'cd', start: 2, anchors: [0] },
      { text: 'e', start: 4, anchors: [0, 1] },
      { text: 'fgh', start: 5, anchors: [1] },
      { text: 'ij', start: 8, anchors: [] },
    ]);
  });

  it('clips anchors past the end and leaves out empty ones', () => {
    expect(anchorSegments('abc', [{ start: 1, end: 99 }, { start: 2, end: 2 }])).toEqual([
      { text: 'a', start: 0, anchors: [] },
      { text: 'bc', start: 1, anchors: [0] },
    ]);
    expect(anchorSegments('', [{ start: 0, end: 3 }])).toEqual([]);
  });

  it('always joins back to the text, each piece covered by exactly the anchors that contain it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.array(fc.tuple(fc.nat(70), fc.nat(70)), { maxLength: 6 }), (text, pairs) => {
        const anchors = pairs.map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
        const segments = anchorSegments(text, anchors);
        expect(segments.map((s) => s.text).join('')).toBe(text);
        for (const s of segments) {
          expect(s.text.length).toBeGreaterThan(0);
          const end = s.start + s.text.length;
          const expected = anchors.flatMap((a, i) => (Math.min(a.end, text.length) > a.start && a.start <= s.start && Math.min(a.end, text.length) >= end ? [i] : []));
          expect(s.anchors).toEqual(expected);
        }
      }),
    );
  });
});
