import fc from 'fast-check';
import {
  AutomaticCause,
  CONSULTABLE_STATUSES,
  EDITABLE_STATUSES,
  PROPOSAL_MOVES,
  PROPOSAL_STATUSES,
  ProposalStatus,
  Requester,
  TransitionDecision,
  automaticTarget,
  decideRequestedTransition,
  isEditable,
  requestableTargets,
} from './proposal-states';

/*
 * The expected machine, written by hand from API.md ("Details clients rely on", "Proposal
 * transitions") and SPEC.md ("The cycle, as states"); not derived from PROPOSAL_MOVES.
 */
const STATUSES: ProposalStatus[] = [
  'draft', 'in_consultation', 'in_deliberation', 'recommended', 'not_recommended', 'on_agenda', 'supported',
  'supported_with_changes', 'deferred', 'not_supported', 'in_implementation', 'implemented', 'withdrawn',
];
const CAUSES: AutomaticCause[] = [
  'consultation_opened', 'group_poll_adopted', 'group_poll_not_adopted', 'put_on_agenda', 'chair_decision', 'plan_item_added', 'all_items_in_force',
];
const CAPACITY_SETS: Requester[][] = [[], ['co_author'], ['coordinator'], ['co_author', 'coordinator']];
const EITHER: Requester[] = ['co_author', 'coordinator'];

/** By POST /transitions: [from, to, who may ask]. */
const REQUESTABLE: Array<[ProposalStatus, ProposalStatus, Requester[]]> = [
  // draft / in_consultation / not_recommended → in_deliberation (a co-author or the group's coordinator)
  ['draft', 'in_deliberation', EITHER],
  ['in_consultation', 'in_deliberation', EITHER],
  ['not_recommended', 'in_deliberation', EITHER],
  // withdrawn from draft, in_consultation, in_deliberation, recommended, not_recommended or deferred (a co-author)
  ['draft', 'withdrawn', ['co_author']],
  ['in_consultation', 'withdrawn', ['co_author']],
  ['in_deliberation', 'withdrawn', ['co_author']],
  ['recommended', 'withdrawn', ['co_author']],
  ['not_recommended', 'withdrawn', ['co_author']],
  ['deferred', 'withdrawn', ['co_author']],
];

/** Automatic: [from, cause, to]. */
const AUTOMATIC: Array<[ProposalStatus, AutomaticCause, ProposalStatus]> = [
  ['draft', 'consultation_opened', 'in_consultation'],
  ['in_deliberation', 'group_poll_adopted', 'recommended'],
  ['in_deliberation', 'group_poll_not_adopted', 'not_recommended'],
  ['recommended', 'put_on_agenda', 'on_agenda'],
  ['deferred', 'put_on_agenda', 'on_agenda'],
  ['on_agenda', 'chair_decision', 'supported'],
  ['on_agenda', 'chair_decision', 'supported_with_changes'],
  ['on_agenda', 'chair_decision', 'deferred'],
  ['on_agenda', 'chair_decision', 'not_supported'],
  ['supported', 'plan_item_added', 'in_implementation'],
  ['supported_with_changes', 'plan_item_added', 'in_implementation'],
  ['in_implementation', 'all_items_in_force', 'implemented'],
];

const TERMINAL: ProposalStatus[] = ['not_supported', 'implemented', 'withdrawn'];

function expectedDecision(from: ProposalStatus, to: ProposalStatus, caps: Requester[]): TransitionDecision {
  const entry = REQUESTABLE.find(([f, t]) => f === from && t === to);
  if (!entry) {
    const allowed = REQUESTABLE.filter(([f, , who]) => f === from && who.some((w) => caps.includes(w))).map(([, t]) => t);
    return { ok: false, reason: 'not_allowed', allowed: [...allowed].sort() };
  }
  return entry[2].some((w) => caps.includes(w)) ? { ok: true } : { ok: false, reason: 'forbidden' };
}

/** Sorts `allowed` so that order (not part of the contract) does not matter. */
function normalise(d: TransitionDecision): TransitionDecision {
  return !d.ok && d.reason === 'not_allowed' ? { ...d, allowed: [...d.allowed].sort() } : d;
}

const status = fc.constantFrom(...STATUSES);
const cause = fc.constantFrom(...CAUSES);
const caps = fc.array(fc.constantFrom<Requester>('co_author', 'coordinator'), { maxLength: 4 });

describe('statuses', () => {
  it('are exactly the 13 of SPEC.md, without repeats', () => {
    expect([...PROPOSAL_STATUSES].sort()).toEqual([...STATUSES].sort());
    expect(new Set(PROPOSAL_STATUSES).size).toBe(13);
  });

  it('the move table names only known statuses, repeats no pair, and each move is requested or automatic', () => {
    const pairs = PROPOSAL_MOVES.map((x) => `${x.from}>${x.to}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    for (const x of PROPOSAL_MOVES) {
      expect(STATUSES).toContain(x.from);
      expect(STATUSES).toContain(x.to);
      expect(x.requesters.length > 0 || x.cause !== null).toBe(true);
    }
  });

  it('the move table holds exactly the expected moves', () => {
    const actual = PROPOSAL_MOVES.map((x) => `${x.from}>${x.to} [${[...x.requesters].sort().join(',')}] ${x.cause ?? '-'}`).sort();
    const expected = [
      ...REQUESTABLE.map(([f, t, who]) => `${f}>${t} [${[...who].sort().join(',')}] -`),
      ...AUTOMATIC.map(([f, c, t]) => `${f}>${t} [] ${c}`),
    ].sort();
    expect(actual).toEqual(expected);
  });
});

describe('decideRequestedTransition: every (from, to, capacities)', () => {
  const cases = STATUSES.flatMap((from) => STATUSES.flatMap((to) => CAPACITY_SETS.map((c) => [from, to, c] as const)));

  it('covers 13 × 13 × 4 cells', () => expect(cases).toHaveLength(676));

  it.each(cases)('%s → %s with %j', (from, to, c) => {
    expect(normalise(decideRequestedTransition(from, to, c))).toEqual(expectedDecision(from, to, [...c]));
  });
});

describe('decideRequestedTransition: named examples', () => {
  it('a co-author or the coordinator sends a draft to deliberation', () => {
    expect(decideRequestedTransition('draft', 'in_deliberation', ['co_author'])).toEqual({ ok: true });
    expect(decideRequestedTransition('draft', 'in_deliberation', ['coordinator'])).toEqual({ ok: true });
  });

  it('the coordinator may not withdraw (403, the state allows it)', () => {
    expect(decideRequestedTransition('in_deliberation', 'withdrawn', ['coordinator'])).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('an automatic move is never requestable: 409 with what the caller may ask for', () => {
    const d = normalise(decideRequestedTransition('in_deliberation', 'recommended', ['co_author', 'coordinator']));
    expect(d).toEqual({ ok: false, reason: 'not_allowed', allowed: ['withdrawn'] });
    expect(decideRequestedTransition('draft', 'in_consultation', ['co_author'])).toMatchObject({ reason: 'not_allowed' });
  });

  it('the state is checked before the role: a caller without capacity gets 409 with nothing allowed', () => {
    expect(decideRequestedTransition('on_agenda', 'supported', [])).toEqual({ ok: false, reason: 'not_allowed', allowed: [] });
  });

  it('a move to the same status is not allowed', () => {
    expect(decideRequestedTransition('draft', 'draft', ['co_author'])).toMatchObject({ ok: false, reason: 'not_allowed' });
  });
});

describe('automaticTarget: every cause from every status', () => {
  const cases = STATUSES.flatMap((from) => CAUSES.map((c) => [from, c] as const));

  it.each(cases)('%s on %s (no target given)', (from, c) => {
    const targets = AUTOMATIC.filter(([f, k]) => f === from && k === c).map(([, , t]) => t);
    // A cause with several possible targets (the chair's decision) needs the target named.
    expect(automaticTarget(from, c)).toBe(targets.length === 1 ? targets[0] : null);
  });

  it.each(cases)('%s on %s, each named target', (from, c) => {
    for (const to of STATUSES) {
      const known = AUTOMATIC.some(([f, k, t]) => f === from && k === c && t === to);
      expect([to, automaticTarget(from, c, to)]).toEqual([to, known ? to : null]);
    }
  });

  it('consultation_opened moves only a draft', () => {
    expect(STATUSES.filter((s) => automaticTarget(s, 'consultation_opened') !== null)).toEqual(['draft']);
    expect(automaticTarget('draft', 'consultation_opened')).toBe('in_consultation');
  });

  it('chair_decision from on_agenda follows the resolution, and needs one', () => {
    for (const to of ['supported', 'supported_with_changes', 'deferred', 'not_supported'] as const) {
      expect(automaticTarget('on_agenda', 'chair_decision', to)).toBe(to);
    }
    expect(automaticTarget('on_agenda', 'chair_decision')).toBeNull();
    expect(automaticTarget('on_agenda', 'chair_decision', 'implemented')).toBeNull();
    expect(automaticTarget('on_agenda', 'chair_decision', 'withdrawn')).toBeNull();
    expect(automaticTarget('deferred', 'chair_decision', 'supported')).toBeNull();
  });

  it('plan_item_added, all_items_in_force, put_on_agenda and polls', () => {
    expect(automaticTarget('supported', 'plan_item_added')).toBe('in_implementation');
    expect(automaticTarget('supported_with_changes', 'plan_item_added')).toBe('in_implementation');
    expect(automaticTarget('in_implementation', 'plan_item_added')).toBeNull();
    expect(automaticTarget('in_implementation', 'all_items_in_force')).toBe('implemented');
    expect(automaticTarget('recommended', 'put_on_agenda')).toBe('on_agenda');
    expect(automaticTarget('deferred', 'put_on_agenda')).toBe('on_agenda');
    expect(automaticTarget('not_recommended', 'put_on_agenda')).toBeNull();
    expect(automaticTarget('in_deliberation', 'group_poll_adopted')).toBe('recommended');
    expect(automaticTarget('in_deliberation', 'group_poll_not_adopted')).toBe('not_recommended');
    expect(automaticTarget('recommended', 'group_poll_adopted')).toBeNull();
  });
});

describe('invariants (properties)', () => {
  const anyAutomatic = (from: ProposalStatus, to: ProposalStatus) => CAUSES.some((c) => automaticTarget(from, c, to) === to);

  it('no move out of implemented, withdrawn or not_supported, requested or automatic', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TERMINAL), status, cause, caps, (from, to, c, cs) => {
        expect(decideRequestedTransition(from, to, cs).ok).toBe(false);
        expect(automaticTarget(from, c, to)).toBeNull();
        expect(automaticTarget(from, c)).toBeNull();
        expect(requestableTargets(from, cs)).toEqual([]);
      }),
    );
  });

  it('every other status has a way out', () => {
    for (const from of STATUSES.filter((s) => !TERMINAL.includes(s))) {
      const out = requestableTargets(from, EITHER).length + STATUSES.filter((to) => anyAutomatic(from, to)).length;
      expect([from, out > 0]).toEqual([from, true]);
    }
  });

  it('withdrawn is reached only by a co-author request, never automatically', () => {
    fc.assert(
      fc.property(status, caps, cause, (from, cs, c) => {
        if (decideRequestedTransition(from, 'withdrawn', cs).ok) expect(cs).toContain('co_author');
        expect(decideRequestedTransition(from, 'withdrawn', ['coordinator']).ok).toBe(false);
        expect(automaticTarget(from, c, 'withdrawn')).toBeNull();
      }),
    );
  });

  it('only in_deliberation and withdrawn are ever requested targets', () => {
    fc.assert(
      fc.property(status, status, caps, (from, to, cs) => {
        if (decideRequestedTransition(from, to, cs).ok) expect(['in_deliberation', 'withdrawn']).toContain(to);
      }),
    );
  });

  it('an automatic move is not_allowed for any caller', () => {
    fc.assert(
      fc.property(status, status, caps, (from, to, cs) => {
        if (anyAutomatic(from, to)) expect(decideRequestedTransition(from, to, cs)).toMatchObject({ ok: false, reason: 'not_allowed' });
      }),
    );
  });

  it('`allowed` lists exactly the targets that this caller would be granted, never `from` itself', () => {
    fc.assert(
      fc.property(status, status, caps, (from, to, cs) => {
        const d = decideRequestedTransition(from, to, cs);
        if (d.ok || d.reason !== 'not_allowed') return;
        const granted = STATUSES.filter((t) => decideRequestedTransition(from, t, cs).ok);
        expect([...d.allowed].sort()).toEqual([...granted].sort());
        expect(d.allowed).not.toContain(from);
        expect(new Set(d.allowed).size).toBe(d.allowed.length);
      }),
    );
  });

  it('without any capacity nothing is granted, and a 409 lists nothing', () => {
    fc.assert(
      fc.property(status, status, (from, to) => {
        const d = decideRequestedTransition(from, to, []);
        expect(d.ok).toBe(false);
        if (!d.ok && d.reason === 'not_allowed') expect(d.allowed).toEqual([]);
      }),
    );
  });

  it('more capacities never take a grant away; order and repeats do not matter', () => {
    fc.assert(
      fc.property(status, status, caps, caps, (from, to, a, b) => {
        if (decideRequestedTransition(from, to, a).ok) expect(decideRequestedTransition(from, to, [...a, ...b]).ok).toBe(true);
        const norm = [...new Set(a)].sort() as Requester[];
        expect(normalise(decideRequestedTransition(from, to, [...a].reverse()))).toEqual(normalise(decideRequestedTransition(from, to, norm)));
      }),
    );
  });

  it('every status is reachable from draft', () => {
    const seen = new Set<ProposalStatus>(['draft']);
    const queue: ProposalStatus[] = ['draft'];
    while (queue.length) {
      const from = queue.shift() as ProposalStatus;
      for (const to of STATUSES) {
        if (!seen.has(to) && (decideRequestedTransition(from, to, EITHER).ok || anyAutomatic(from, to))) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    expect([...seen].sort()).toEqual([...STATUSES].sort());
  });
});

describe('isEditable', () => {
  it.each(STATUSES)('%s', (s) => {
    expect(isEditable(s)).toBe(['draft', 'in_consultation', 'in_deliberation'].includes(s));
  });

  it('EDITABLE_STATUSES lists exactly those', () => {
    expect([...EDITABLE_STATUSES].sort()).toEqual(['draft', 'in_consultation', 'in_deliberation']);
  });

  it('a draft can be consulted on, so the automatic draft → in_consultation can happen', () => {
    expect(CONSULTABLE_STATUSES).toContain('draft');
    expect(CONSULTABLE_STATUSES).toContain('in_consultation');
  });
});
