import fc from 'fast-check';
import {
  ACTIONS,
  Action,
  COUNCIL_ROLES,
  CouncilRole,
  PERMISSIONS,
  PRINCIPALS,
  Principal,
  can,
  principalsOf,
  roleSetProblem,
} from './permissions';

/**
 * The expected role × action table, written by hand from SPEC.md ("Users and roles") and
 * API.md. Any change to PERMISSIONS must show up as a diff here. 'x' = allowed, '.' = refused.
 */
const GRID = `
action                    member  agency_rep  moderator  chair  secretariat  observer  platform_admin
council.read                x         x           x        x         x           x           x
council.update              .         .           .        .         x           .           x
council.oversee             .         .           .        .         x           .           x
membership.read             x         x           x        x         x           x           x
membership.create           .         .           .        .         x           .           x
membership.update           .         .           .        .         x           .           x
composition.read            x         x           x        x         x           x           x
agency.read                 x         x           x        x         x           x           x
agency.create               .         .           .        .         x           .           x
working_group.read          x         x           x        x         x           x           x
working_group.create        .         .           .        .         x           .           x
working_group.add_member    .         .           .        .         x           .           x
audit.read                  .         .           .        .         x           .           x
poll.read                   x         x           x        x         x           x           x
ballot.cast                 x         .           .        .         .           .           .
poll.casting_decision       .         .           .        x         .           .           .
minority_opinion.acknowledge .        .           .        x         x           .           .
session.create              .         .           x        x         .           .           .
session.run                 .         .           x        x         .           .           .
session.decide              .         .           .        x         .           .           .
session.take_part           x         .           .        .         .           .           .
plan.read                   x         x           x        x         x           x           x
plan.manage                 .         .           .        .         x           .           x
proxy.give                  x         .           .        .         .           .           .
proxy.revoke_any            .         .           .        .         x           .           x
proxy.read                  x         x           x        x         x           x           x
petition.moderate           .         .           .        .         x           .           x
petition.respond            .         .           .        .         x           .           x
`;

const EXPECTED_COLUMNS = ['member', 'agency_rep', 'moderator', 'chair', 'secretariat', 'observer', 'platform_admin'];

function parseGrid(text: string): { columns: string[]; rows: Array<{ action: string; marks: string[] }> } {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const [header, ...body] = lines;
  const columns = header.split(/\s+/).slice(1);
  const rows = body.map((line) => {
    const [action, ...marks] = line.split(/\s+/);
    return { action, marks };
  });
  return { columns, rows };
}

const grid = parseGrid(GRID);
const expected = new Map<string, Map<string, boolean>>(
  grid.rows.map(({ action, marks }) => [action, new Map(grid.columns.map((c, i) => [c, marks[i] === 'x']))]),
);
const cells = grid.rows.flatMap(({ action }) => grid.columns.map((principal) => ({ action, principal })));

describe('the expected grid itself', () => {
  it('has one column per principal, in the documented order', () => {
    expect(grid.columns).toEqual(EXPECTED_COLUMNS);
    expect([...PRINCIPALS]).toEqual(EXPECTED_COLUMNS);
  });

  it('has exactly one mark per column on every row, each x or .', () => {
    for (const { action, marks } of grid.rows) {
      expect({ action, count: marks.length }).toEqual({ action, count: grid.columns.length });
      for (const m of marks) expect(['x', '.']).toContain(m);
    }
  });

  it('names each action once', () => {
    const names = grid.rows.map((r) => r.action);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('PERMISSIONS table', () => {
  it('has exactly the actions of the grid', () => {
    expect(new Set(Object.keys(PERMISSIONS))).toEqual(new Set(grid.rows.map((r) => r.action)));
    expect(Object.keys(PERMISSIONS)).toHaveLength(grid.rows.length);
  });

  it('exports ACTIONS as the keys of the table', () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(PERMISSIONS).sort());
  });

  it('lists only known principals, none twice', () => {
    for (const action of ACTIONS) {
      const allowed: readonly string[] = PERMISSIONS[action];
      expect(new Set(allowed).size).toBe(allowed.length);
      for (const p of allowed) expect(PRINCIPALS).toContain(p);
    }
  });

  it.each(cells)('$action for $principal matches the grid', ({ action, principal }) => {
    const want = expected.get(action)!.get(principal)!;
    expect((PERMISSIONS[action as Action] as readonly string[]).includes(principal)).toBe(want);
    expect(can([principal as Principal], action as Action)).toBe(want);
  });
});

describe('can', () => {
  it('refuses when the caller holds no principal', () => {
    for (const action of ACTIONS) expect(can([], action)).toBe(false);
  });

  it('allows when any one of several principals may act', () => {
    expect(can(['observer', 'member'], 'audit.read')).toBe(false);
    expect(can(['observer', 'secretariat'], 'audit.read')).toBe(true);
    expect(can(new Set<Principal>(['member', 'platform_admin']), 'membership.create')).toBe(true);
  });

  it('accepts any iterable, including a one-shot generator', () => {
    function* gen(): Generator<Principal> {
      yield 'member';
      yield 'secretariat';
    }
    expect(can(gen(), 'agency.create')).toBe(true);
  });

  it('is true exactly when some held principal has an x in the grid (property)', () => {
    fc.assert(
      fc.property(fc.subarray([...PRINCIPALS]), fc.constantFrom(...ACTIONS), (held, action) => {
        const want = held.some((p) => expected.get(action)!.get(p));
        expect(can(held, action)).toBe(want);
      }),
    );
  });
});

describe('principalsOf', () => {
  it('holds the roles of the memberships', () => {
    expect(principalsOf(['member', 'moderator'], false)).toEqual(new Set(['member', 'moderator']));
  });

  it('adds platform_admin for an administrator', () => {
    expect(principalsOf(['observer'], true)).toEqual(new Set(['observer', 'platform_admin']));
  });

  it('gives an administrator without memberships only platform_admin', () => {
    expect(principalsOf([], true)).toEqual(new Set(['platform_admin']));
  });

  it('gives nothing to a non-admin without memberships', () => {
    expect(principalsOf([], false).size).toBe(0);
  });

  it('collapses a role held through several memberships', () => {
    expect(principalsOf(['member', 'member', 'chair'], false)).toEqual(new Set(['member', 'chair']));
  });

  it('is the union of the roles plus admin, for any input (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...COUNCIL_ROLES)), fc.boolean(), (roles, isAdmin) => {
        const got = principalsOf(roles, isAdmin);
        const want = new Set<string>(roles);
        if (isAdmin) want.add('platform_admin');
        expect(got).toEqual(want);
      }),
    );
  });
});

describe('roleSetProblem', () => {
  it('requires at least one role', () => {
    expect(roleSetProblem([], false)).toBe('at least one role is required');
    expect(roleSetProblem([], true)).toBe('at least one role is required');
  });

  it('refuses an unknown role, naming it', () => {
    expect(roleSetProblem(['member', 'president'], false)).toBe('unknown role "president"');
    expect(roleSetProblem(['Member'], false)).toBe('unknown role "Member"');
  });

  it('refuses platform_admin as a membership role (it is a user flag)', () => {
    expect(roleSetProblem(['platform_admin'], false)).toBe('unknown role "platform_admin"');
  });

  it('refuses repeated roles', () => {
    expect(roleSetProblem(['member', 'chair', 'member'], false)).toBe('roles must not repeat');
  });

  it('checks unknown roles before repeats', () => {
    expect(roleSetProblem(['ghost', 'ghost'], false)).toBe('unknown role "ghost"');
  });

  it('checks repeats before the agency representative rules', () => {
    expect(roleSetProblem(['agency_rep', 'agency_rep'], true)).toBe('roles must not repeat');
  });

  it('refuses an agency representative that holds another role', () => {
    const msg = 'an agency representative holds no other role in the same membership';
    expect(roleSetProblem(['agency_rep', 'member'], true)).toBe(msg);
    expect(roleSetProblem(['observer', 'agency_rep'], false)).toBe(msg);
  });

  it('requires agencyId for an agency representative', () => {
    expect(roleSetProblem(['agency_rep'], false)).toBe('agencyId is required for an agency representative');
  });

  it('accepts an agency representative with an agency', () => {
    expect(roleSetProblem(['agency_rep'], true)).toBeNull();
  });

  it('refuses agencyId for any other role set', () => {
    expect(roleSetProblem(['member'], true)).toBe('agencyId is allowed only for an agency representative');
  });

  it('accepts every non-empty set of distinct non-agency roles without agency (property)', () => {
    const others = COUNCIL_ROLES.filter((r) => r !== 'agency_rep');
    fc.assert(
      fc.property(fc.shuffledSubarray<CouncilRole>(others, { minLength: 1 }), (roles) => {
        expect(roleSetProblem(roles, false)).toBeNull();
        expect(roleSetProblem(roles, true)).toBe('agencyId is allowed only for an agency representative');
      }),
    );
  });
});
