import fc from 'fast-check';
import { isMinorityChoice as coreIsMinority } from '../../../../../libs/core/src/polls';
import { Choice, isMinorityChoice, opinionOffer, Outcome, outcomeWords, standing } from './logic';

const counts = (o: Partial<Record<Choice, number>>) => ({ for: 0, against: 0, abstain: 0, block: 0, stand_aside: 0, ...o });
const CHOICES: Choice[] = ['for', 'against', 'abstain', 'block', 'stand_aside'];
const OUTCOMES: Outcome[] = ['adopted', 'rejected', 'no_quorum', 'tied'];

describe('the poll page’s rules', () => {
  it('tells a voter, the coordinator, the chair and the secretariat apart, by today’s memberships', () => {
    const group = [
      { membershipId: 'm1', role: 'coordinator' as const, fullName: 'A' },
      { membershipId: 'm2', role: 'member' as const, fullName: 'B' },
    ];
    expect(standing([{ id: 'm1', councilId: 'c', roles: ['member'] }], 'c', group, '2026-12-06')).toEqual({ voterId: 'm1', mayVote: true, coordinator: true, chair: false, acknowledges: false });
    expect(standing([{ id: 'm3', councilId: 'c', roles: ['member'] }], 'c', group, '2026-12-06')).toMatchObject({ voterId: 'm3', mayVote: false, coordinator: false });
    expect(standing([{ id: 'm3', councilId: 'c', roles: ['member'] }], 'c', null, '2026-12-06')).toMatchObject({ mayVote: true });
    expect(standing([{ id: 'm4', councilId: 'c', roles: ['secretariat'] }], 'c', null, '2026-12-06')).toMatchObject({ voterId: null, mayVote: false, acknowledges: true, chair: false });
    expect(standing([{ id: 'm5', councilId: 'c', roles: ['chair'] }], 'c', null, '2026-12-06')).toMatchObject({ chair: true, acknowledges: true });
    expect(standing([{ id: 'm1', councilId: 'other', roles: ['member'] }], 'c', group, '2026-12-06')).toMatchObject({ voterId: null, coordinator: false });
    expect(standing([{ id: 'm1', councilId: 'c', roles: ['member'], startsOn: '2020-01-01', endsOn: '2021-01-01' }], 'c', group, '2026-12-06')).toMatchObject({ voterId: null, coordinator: false });
  });

  it('names a stopped consensus “blocked by N” and a stopped consent “objected by N”', () => {
    expect(outcomeWords('consensus', 'rejected', counts({ for: 5, block: 2 }))).toEqual({ id: 'poll.outcome.blocked', count: 2 });
    expect(outcomeWords('consent', 'rejected', counts({ for: 5, against: 1 }))).toEqual({ id: 'poll.outcome.objected', count: 1 });
    expect(outcomeWords('consent', 'no_quorum', counts({ against: 1 }))).toEqual({ id: 'poll.outcome.no_quorum' });
    expect(outcomeWords('majority', 'rejected', counts({ against: 3 }))).toEqual({ id: 'poll.outcome.rejected' });
    expect(outcomeWords('consensus', 'rejected', counts({ stand_aside: 3 }))).toEqual({ id: 'poll.outcome.rejected' });
    expect(outcomeWords('majority', 'tied', counts({ for: 2, against: 2 }))).toEqual({ id: 'poll.outcome.tied' });
  });

  it('has the core’s minority', () => {
    for (const o of OUTCOMES) for (const c of CHOICES) expect({ o, c, minority: isMinorityChoice(o, c) }).toEqual({ o, c, minority: coreIsMinority(o, c) });
  });

  it('offers a minority opinion only to a voter in the minority of a decided poll, within the window', () => {
    const now = new Date('2026-12-06T12:00:00Z');
    const until = '2026-12-08T12:00:00Z';
    const ballots = [
      { membershipId: 'a', choice: 'for' as const },
      { membershipId: 'b', choice: 'against' as const },
    ];
    expect(opinionOffer({ outcome: 'adopted', secret: false, until, now, voterId: 'b', ballots })).toEqual({ kind: 'offer' });
    expect(opinionOffer({ outcome: 'adopted', secret: false, until, now, voterId: 'a', ballots })).toEqual({ kind: 'majority' });
    expect(opinionOffer({ outcome: 'rejected', secret: false, until, now, voterId: 'a', ballots })).toEqual({ kind: 'offer' });
    expect(opinionOffer({ outcome: 'adopted', secret: false, until, now, voterId: 'z', ballots })).toEqual({ kind: 'notVoter' });
    expect(opinionOffer({ outcome: 'adopted', secret: true, until, now, voterId: 'z', ballots: null })).toEqual({ kind: 'secretOffer' });
    expect(opinionOffer({ outcome: 'adopted', secret: false, until: '2026-12-06T11:00:00Z', now, voterId: 'b', ballots })).toEqual({ kind: 'windowClosed' });
    expect(opinionOffer({ outcome: 'no_quorum', secret: false, until, now, voterId: 'b', ballots })).toEqual({ kind: 'noMinority', outcome: 'no_quorum' });
    expect(opinionOffer({ outcome: 'tied', secret: false, until, now, voterId: 'b', ballots })).toEqual({ kind: 'noMinority', outcome: 'tied' });
  });

  it('never offers it on a named poll to a voter whose ballot agrees with the outcome', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OUTCOMES), fc.constantFrom(...CHOICES), (outcome, choice) => {
        const offer = opinionOffer({ outcome, secret: false, until: null, now: new Date(), voterId: 'me', ballots: [{ membershipId: 'me', choice }] });
        return (offer.kind === 'offer') === coreIsMinority(outcome, choice);
      }),
    );
  });
});
