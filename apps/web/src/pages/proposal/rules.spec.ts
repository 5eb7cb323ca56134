import { PROPOSAL_STATUSES, requestableTargets, Requester } from '../../../../../libs/core/src/proposals/proposal-states';
import { allowedTargets, dueAtOf, isEditable, mayOpenConsultation, segments, selectionAnchor, sideBySide, STATUSES, traceWords, versionsOf } from './rules';

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
