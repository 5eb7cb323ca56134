import { PROPOSAL_STATUSES, requestableTargets, Requester } from '../../../../../libs/core/src/proposals/proposal-states';
import { allowedTargets, dueAtOf, foldUnchanged, foldVersionRuns, isEditable, mayOpenConsultation, segments, selectionAnchor, sideBySide, STATUSES, traceWords, versionsOf } from './rules';

describe('the transitions a caller may request', () => {
  it('are the contract’s: a co-author or the coordinator to in_deliberation, a co-author to withdrawn', () => {
    expect(allowedTargets('draft', { coAuthor: true, coordinator: false })).toEqual(['in_deliberation', 'withdrawn']);
    expect(allowedTargets('draft', { coAuthor: false, coordinator: true })).toEqual(['in_deliberation']);
    expect(allowedTargets('draft', { coAuthor: false, coordinator: false })).toEqual([]);
    expect(allowedTargets('in_deliberation', { coAuthor: true, coordinator: true })).toEqual(['withdrawn']);
    expect(allowedTargets('not_recommended', { coAuthor: false, coordinator: true })).toEqual(['in_deliberation']);
    expect(allowedTargets('deferred', { coAuthor: true, coordinator: false })).toEqual(['withdrawn']);
    expect(allowedTargets('on_agenda', { coAuthor: true, coordinator: true })).toEqual([]);
    expect(allowedTargets('withdrawn', { coAuthor: true, coordinator: true })).toEqual([]);
  });

  it('agree with the server’s state machine for every status and every capacity', () => {
    expect([...STATUSES]).toEqual([...PROPOSAL_STATUSES]);
    const cases: [boolean, boolean][] = [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ];
    for (const status of STATUSES) {
      for (const [coAuthor, coordinator] of cases) {
        const capacities: Requester[] = [...(coAuthor ? (['co_author'] as const) : []), ...(coordinator ? (['coordinator'] as const) : [])];
        expect({ status, coAuthor, coordinator, targets: allowedTargets(status, { coAuthor, coordinator }).sort() }).toEqual({
          status,
          coAuthor,
          coordinator,
          targets: requestableTargets(status, capacities).sort(),
        });
      }
    }
  });

  it('edits and consultations only before the deliberation ends; consultations by the secretariat or the coordinator', () => {
    expect(isEditable('in_deliberation')).toBe(true);
    expect(isEditable('recommended')).toBe(false);
    expect(mayOpenConsultation('draft', { secretariat: true, coordinator: false })).toBe(true);
    expect(mayOpenConsultation('draft', { secretariat: false, coordinator: false })).toBe(false);
    expect(mayOpenConsultation('on_agenda', { secretariat: true, coordinator: true })).toBe(false);
  });
});

describe('anchored spans', () => {
  it('cut the body at each span’s edges and name the comments over each piece', () => {
    const body = 'abcdefghij';
    const parts = segments(body, [
      { id: 'x', start: 2, end: 5 },
      { id: 'y', start: 4, end: 8 },
    ]);
    expect(parts.map((p) => [p.text, p.ids])).toEqual([
      ['ab', []],
      ['cd', ['x']],
      ['e', ['x', 'y']],
      ['fgh', ['y']],
      ['ij', []],
    ]);
    expect(parts.map((p) => p.text).join('')).toBe(body);
  });

  it('clip spans outside the text and drop empty ones', () => {
    expect(segments('abc', [{ id: 'x', start: 2, end: 99 }, { id: 'y', start: 1, end: 1 }]).map((p) => [p.text, p.ids])).toEqual([
      ['ab', []],
      ['c', ['x']],
    ]);
    expect(segments('', [])).toEqual([]);
  });

  it('come from a selection as offsets into the version’s body', () => {
    expect(selectionAnchor(3, 'Hello ', 'world')).toEqual({ version: 3, start: 6, end: 11 });
    expect(selectionAnchor(3, 'Hello', '  ')).toBeNull();
  });
});

describe('the trace in words', () => {
  const entry = (kind: string, summary: string, type = 'x', id = 'id-1') => ({ at: '2026-01-01T00:00:00Z', kind, summary, ref: { type, id } });

  it('reads versions, moves and what each links to', () => {
    expect(traceWords(entry('version', 'Version 2', 'proposal_version'))).toEqual({ kind: 'version', version: 2, link: { kind: 'section', hash: 'version-2' } });
    expect(traceWords(entry('transition', 'draft → in_consultation (consultation opened)'))).toMatchObject({ kind: 'transition', from: 'draft', to: 'in_consultation', why: 'consultation opened' });
    expect(traceWords(entry('transition', 'draft → withdrawn: merged into another'))).toMatchObject({ from: 'draft', to: 'withdrawn', why: 'merged into another' });
    expect(traceWords(entry('transition', 'draft → in_deliberation')).why).toBeUndefined();
    expect(traceWords(entry('poll_closed', 'Adopted', 'poll', 'p1')).link).toEqual({ kind: 'page', href: '/polls/p1' });
    expect(traceWords(entry('consultation_opened', '…', 'consultation', 'c1')).link).toEqual({ kind: 'section', hash: 'consultation-c1' });
    expect(traceWords(entry('plan_update', '…', 'plan_item_update')).link).toEqual({ kind: 'implementation' });
    expect(traceWords(entry('created', 'From a petition', 'petition', 'pe')).link).toEqual({ kind: 'page', href: '/petitions/pe' });
    expect(traceWords(entry('something_new', '…')).kind).toBe('other');
  });

  it('takes the version and the statuses of a move from the line’s data when it has them', () => {
    const withData = (kind: string, data: object) => ({ ...entry(kind, 'whatever the summary says'), data });
    expect(traceWords(withData('version', { version: 7 }))).toEqual({ kind: 'version', version: 7, link: { kind: 'section', hash: 'version-7' } });
    expect(traceWords(withData('transition', { from: 'on_agenda', to: 'supported', cause: 'chair_decision', reason: null }))).toEqual({ kind: 'transition', from: 'on_agenda', to: 'supported', link: null });
  });
});

describe('a consultation’s due date', () => {
  it('is the end of the chosen day, and only in the future', () => {
    const now = new Date('2026-05-01T12:00:00Z');
    expect(dueAtOf('2026-05-02', now)).toBe('2026-05-02T23:59:59.000Z');
    expect(dueAtOf('2026-04-30', now)).toBeNull();
    expect(dueAtOf('', now)).toBeNull();
  });
});

describe('a side-by-side diff', () => {
  it('faces removed lines with the added lines after them, and keeps equal lines on both sides', () => {
    expect(
      sideBySide([
        { op: 'equal', lines: ['a'] },
        { op: 'removed', lines: ['b', 'c'] },
        { op: 'added', lines: ['B'] },
        { op: 'added', lines: ['d'] },
      ]),
    ).toEqual([
      { left: 'a', right: 'a', op: 'equal' },
      { left: 'b', right: 'B', op: 'changed' },
      { left: 'c', right: null, op: 'removed' },
      { left: null, right: 'd', op: 'added' },
    ]);
  });

  it('shows a fold where unchanged lines were left out', () => {
    expect(sideBySide([{ op: 'fold', count: 7 }, { op: 'equal', lines: ['a'] }, { op: 'added', lines: ['b'] }])).toEqual([
      { op: 'fold', count: 7 },
      { left: 'a', right: 'a', op: 'equal' },
      { left: null, right: 'b', op: 'added' },
    ]);
  });
});

describe('folding the unchanged lines of a diff', () => {
  const lines = (n: number, p = 'l') => Array.from({ length: n }, (_, i) => `${p}${i + 1}`);

  it('keeps the context around each change and counts the rest', () => {
    expect(
      foldUnchanged(
        [
          { op: 'equal', lines: lines(10) },
          { op: 'added', lines: ['new'] },
          { op: 'equal', lines: lines(10, 'm') },
          { op: 'removed', lines: ['old'] },
          { op: 'equal', lines: lines(10, 'n') },
        ],
        2,
      ),
    ).toEqual([
      { op: 'fold', count: 8 },
      { op: 'equal', lines: ['l9', 'l10'] },
      { op: 'added', lines: ['new'] },
      { op: 'equal', lines: ['m1', 'm2'] },
      { op: 'fold', count: 6 },
      { op: 'equal', lines: ['m9', 'm10'] },
      { op: 'removed', lines: ['old'] },
      { op: 'equal', lines: ['n1', 'n2'] },
      { op: 'fold', count: 8 },
    ]);
  });

  it('folds nothing shorter than two lines beyond the context, and loses no line of a change', () => {
    const chunks = [
      { op: 'equal' as const, lines: lines(4) },
      { op: 'added' as const, lines: lines(50, 'a') },
      { op: 'equal' as const, lines: lines(7, 'm') },
      { op: 'removed' as const, lines: ['x'] },
    ];
    expect(foldUnchanged(chunks, 3)).toEqual(chunks);
    // Every changed line stays, and the folds count exactly the lines left out.
    const long = [{ op: 'equal' as const, lines: lines(400) }, { op: 'added' as const, lines: ['one'] }, { op: 'equal' as const, lines: lines(400) }];
    const folded = foldUnchanged(long);
    const shown = folded.flatMap((c) => (c.op === 'fold' ? [] : c.lines)).length;
    const hidden = folded.reduce((n, c) => n + (c.op === 'fold' ? c.count : 0), 0);
    expect({ shown, hidden }).toEqual({ shown: 7, hidden: 794 });
    expect(folded.filter((c) => c.op === 'added')).toEqual([{ op: 'added', lines: ['one'] }]);
  });
});

describe('the versions from the trace', () => {
  it('are numbered and dated, oldest first, each once', () => {
    const e = (kind: string, summary: string, at: string) => ({ at, kind, summary, ref: { type: 'proposal_version', id: at } });
    expect(versionsOf([e('created', 'Drafted', '1'), e('version', 'Version 1', '2'), e('transition', 'draft → in_deliberation', '3'), e('version', 'Version 2', '4')])).toEqual([
      { version: 1, at: '2' },
      { version: 2, at: '4' },
    ]);
  });
});

describe('folding the history’s runs of versions', () => {
  const v = (n: number) => ({ kind: 'version', n });
  const other = (kind: string) => ({ kind, n: 0 });

  it('keeps the first and last two of a long run, and counts the rest', () => {
    const run = Array.from({ length: 199 }, (_, i) => v(i + 2));
    expect(foldVersionRuns([other('created'), v(1), ...run, other('transition')])).toEqual([other('created'), v(1), v(2), { fold: 196 }, v(199), v(200), other('transition')]);
  });

  it('leaves short runs, and every other entry, as they are and in order', () => {
    const entries = [other('created'), v(1), v(2), v(3), other('transition'), v(4), v(5), v(6), v(7), v(8), other('consultation_opened')];
    expect(foldVersionRuns(entries)).toEqual(entries);
    expect(foldVersionRuns([])).toEqual([]);
    // Each long run folds on its own.
    const long = (from: number) => Array.from({ length: 10 }, (_, i) => v(from + i));
    expect(foldVersionRuns([...long(1), other('transition'), ...long(11)], 1)).toEqual([v(1), { fold: 8 }, v(10), other('transition'), v(11), { fold: 8 }, v(20)]);
  });
});
