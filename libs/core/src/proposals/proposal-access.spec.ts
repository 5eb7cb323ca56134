import fc from 'fast-check';
import { PRINCIPALS, Principal } from '../permissions';
import { canReadProposal, ProposalReader } from './proposal-access';
import { PROPOSAL_STATUSES, ProposalStatus } from './proposal-states';

/** The kinds of reader, each as the flags the service passes. */
const KINDS: Record<string, ProposalReader> = {
  group_member: reader(['member'], { inGroup: true }),
  secretariat: reader(['secretariat']),
  platform_admin: reader(['platform_admin']),
  member: reader(['member']),
  moderator: reader(['moderator']),
  chair: reader(['chair']),
  observer: reader(['observer']),
  rep_consulted: reader(['agency_rep'], { consultedAgency: true }),
  rep_other: reader(['agency_rep']),
};

function reader(principals: Principal[], flags: Partial<Omit<ProposalReader, 'principals'>> = {}): ProposalReader {
  return { principals: new Set(principals), inGroup: false, consultedAgency: false, ...flags };
}

/**
 * Written by hand from API.md ("Who reads a proposal"): while draft, the group and the secretariat;
 * from in_consultation on, every member, moderator, chair and secretariat; agency representatives
 * only what their agency is consulted on; observers from on_agenda on. A withdrawn proposal stays
 * with the group, the secretariat and consulted agencies only (it may never have left the group).
 * The platform admin reads everything, as staff does elsewhere in the app. 'x' reads, '.' gets 404.
 */
const GRID = `
status                  group_member secretariat platform_admin member moderator chair observer rep_consulted rep_other
draft                        x            x            x           .       .       .      .          x           .
in_consultation              x            x            x           x       x       x      .          x           .
in_deliberation              x            x            x           x       x       x      .          x           .
recommended                  x            x            x           x       x       x      .          x           .
not_recommended              x            x            x           x       x       x      .          x           .
on_agenda                    x            x            x           x       x       x      x          x           .
supported                    x            x            x           x       x       x      x          x           .
supported_with_changes       x            x            x           x       x       x      x          x           .
deferred                     x            x            x           x       x       x      x          x           .
not_supported                x            x            x           x       x       x      x          x           .
in_implementation            x            x            x           x       x       x      x          x           .
implemented                  x            x            x           x       x       x      x          x           .
withdrawn                    x            x            x           .       .       .      .          x           .
`;

const rows = GRID.trim()
  .split('\n')
  .map((l) => l.trim().split(/\s+/));
const columns = rows[0].slice(1);
const cells = rows.slice(1).flatMap(([status, ...marks]) => marks.map((mark, i) => [status as ProposalStatus, columns[i], mark === 'x'] as const));

describe('canReadProposal: status × reader', () => {
  it('the grid covers every status and every kind of reader', () => {
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual([...PROPOSAL_STATUSES].sort());
    expect([...columns].sort()).toEqual(Object.keys(KINDS).sort());
    expect(rows.every((r) => r.length === columns.length + 1)).toBe(true);
    expect(cells).toHaveLength(13 * 9);
  });

  it.each(cells)('%s read by %s → %s', (status, kind, expected) => {
    expect(canReadProposal(status, KINDS[kind])).toBe(expected);
  });
});

describe('canReadProposal: named cases', () => {
  it('a withdrawn proposal is kept from council members outside the group and from observers', () => {
    for (const kind of ['member', 'moderator', 'chair', 'observer', 'rep_other']) {
      expect([kind, canReadProposal('withdrawn', KINDS[kind])]).toEqual([kind, false]);
    }
    for (const kind of ['group_member', 'secretariat', 'rep_consulted']) {
      expect([kind, canReadProposal('withdrawn', KINDS[kind])]).toEqual([kind, true]);
    }
  });

  it('a group member who is also an observer reads the draft', () => {
    expect(canReadProposal('draft', reader(['observer'], { inGroup: true }))).toBe(true);
  });

  it('a representative of another agency who also observes reads only what observers read', () => {
    const r = reader(['agency_rep', 'observer']);
    expect(canReadProposal('recommended', r)).toBe(false);
    expect(canReadProposal('on_agenda', r)).toBe(true);
  });

  it('somebody with no role, outside the group and not consulted, reads nothing', () => {
    for (const s of PROPOSAL_STATUSES) expect(canReadProposal(s, reader([]))).toBe(false);
  });
});

describe('canReadProposal: properties', () => {
  const status = fc.constantFrom(...PROPOSAL_STATUSES);
  const anyReader = fc
    .record({ principals: fc.subarray([...PRINCIPALS]), inGroup: fc.boolean(), consultedAgency: fc.boolean() })
    .map((r) => ({ ...r, principals: new Set(r.principals) }) as ProposalReader);
  const OBSERVER_SEES: ProposalStatus[] = ['on_agenda', 'supported', 'supported_with_changes', 'deferred', 'not_supported', 'in_implementation', 'implemented'];

  it('the group, the secretariat and the platform admin read it in every status', () => {
    fc.assert(
      fc.property(status, anyReader, (s, r) => {
        if (r.inGroup || r.principals.has('secretariat') || r.principals.has('platform_admin')) expect(canReadProposal(s, r)).toBe(true);
      }),
    );
  });

  it('a consulted agency representative reads it in every status', () => {
    fc.assert(
      fc.property(status, anyReader, (s, r) => {
        if (r.consultedAgency && r.principals.has('agency_rep')) expect(canReadProposal(s, r)).toBe(true);
      }),
    );
  });

  it('more roles or flags never take access away', () => {
    fc.assert(
      fc.property(status, anyReader, anyReader, (s, a, b) => {
        const both: ProposalReader = {
          principals: new Set([...a.principals, ...b.principals]),
          inGroup: a.inGroup || b.inGroup,
          consultedAgency: a.consultedAgency || b.consultedAgency,
        };
        if (canReadProposal(s, a)) expect(canReadProposal(s, both)).toBe(true);
      }),
    );
  });

  it('outside the group and its consulted agencies, nobody but staff reads a draft or a withdrawn proposal', () => {
    fc.assert(
      fc.property(fc.constantFrom<ProposalStatus>('draft', 'withdrawn'), anyReader, (s, r) => {
        const staff = r.principals.has('secretariat') || r.principals.has('platform_admin');
        const consulted = r.consultedAgency && r.principals.has('agency_rep');
        if (!r.inGroup && !staff && !consulted) expect(canReadProposal(s, r)).toBe(false);
      }),
    );
  });

  it('a reader outside the group, not consulted, reads exactly by role and status', () => {
    const council = ['member', 'moderator', 'chair'] as const;
    fc.assert(
      fc.property(status, fc.subarray<Principal>(['member', 'moderator', 'chair', 'observer', 'agency_rep']), (s, ps) => {
        const expected =
          (ps.some((p) => (council as readonly string[]).includes(p)) && s !== 'draft' && s !== 'withdrawn') ||
          (ps.includes('observer') && OBSERVER_SEES.includes(s));
        expect(canReadProposal(s, reader(ps))).toBe(expected);
      }),
    );
  });

  it('is a pure function of its inputs (the reader is not changed)', () => {
    fc.assert(
      fc.property(status, anyReader, (s, r) => {
        const before = [...r.principals].sort();
        const first = canReadProposal(s, r);
        expect(canReadProposal(s, r)).toBe(first);
        expect([...r.principals].sort()).toEqual(before);
      }),
    );
  });
});
