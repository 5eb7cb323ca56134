import type { LiveEvent, LiveSnapshot } from '@kenes/contracts';
import { apply, fromSnapshot, ingest, pollOnShow, unnamed } from './reducer';

const SID = '00000000-0000-4000-8000-000000000001';

function snapshot(over: Partial<LiveSnapshot> = {}): LiveSnapshot {
  return {
    id: SID,
    councilId: 'c',
    kind: 'plenary',
    workingGroupId: null,
    title: 'Sitting',
    scheduledAt: '2026-12-06T10:00:00.000Z',
    public: true,
    state: 'scheduled',
    lastSeq: 0,
    currentItemId: null,
    agenda: [{ id: 'i1', position: 1, title: 'Budget', proposalId: null, speakerMembershipIds: [], minutes: 10, status: 'pending', decision: null }],
    floor: null,
    queue: [],
    attendance: { present: 0, voters: 3, quorumMet: false },
    startedAt: null,
    closedAt: null,
    ...over,
  };
}

let at = Date.parse('2026-12-06T10:00:00.000Z');
function ev(seq: number, type: string, payload: Record<string, unknown> = {}): LiveEvent {
  at += 1000;
  return { sessionId: SID, seq, type, at: new Date(at).toISOString(), actor: null, payload };
}

describe('live view reducer', () => {
  it('applies events in seq order whatever order they arrive in, and ignores repeats', () => {
    const v0 = fromSnapshot(snapshot());
    const e1 = ev(1, 'session.started', { state: 'live' });
    const e2 = ev(2, 'agenda.opened', { itemId: 'i1', title: 'Budget', position: 1, proposalId: null, minutes: 10, speakerMembershipIds: [] });
    const e3 = ev(3, 'attendance.changed', { present: 2, quorumMet: true });
    const early = ingest(v0, [e3, e2]);
    expect(early.view.lastSeq).toBe(0);
    expect(early.missingAfter).toBe(0);
    const filled = ingest(early.view, [e1, e1]);
    expect(filled.missingAfter).toBeNull();
    expect(filled.view.lastSeq).toBe(3);
    expect(filled.view.snapshot.state).toBe('live');
    expect(filled.view.snapshot.currentItemId).toBe('i1');
    expect(filled.view.snapshot.agenda[0].status).toBe('open');
    expect(filled.view.snapshot.attendance).toEqual({ present: 2, voters: 3, quorumMet: true });
    const again = ingest(filled.view, [e2, e3]);
    expect(again.view).toEqual(filled.view);
    expect(again.missingAfter).toBeNull();
  });

  it('carries the members represented by proxy from the snapshot and each attendance.changed', () => {
    const v0 = fromSnapshot(snapshot({ attendance: { present: 1, represented: 1, voters: 3, quorumMet: false } }));
    const joined = apply(v0, ev(1, 'attendance.changed', { present: 2, represented: 0, quorumMet: true, membershipId: 'm1' }));
    expect(joined.snapshot.attendance).toEqual({ present: 2, represented: 0, voters: 3, quorumMet: true });
    const given = apply(joined, ev(2, 'attendance.changed', { present: 2, represented: 2, quorumMet: true }));
    expect(given.snapshot.attendance.represented).toBe(2);
    // An event without the field (an older server) keeps the last count.
    expect(apply(given, ev(3, 'attendance.changed', { present: 1, quorumMet: false })).snapshot.attendance).toEqual({ present: 1, represented: 2, voters: 3, quorumMet: false });
  });

  it('reports a gap with the last seq it holds, and ignores events of another session', () => {
    const v = fromSnapshot(snapshot({ lastSeq: 5 }));
    const r = ingest(v, [ev(8, 'session.paused', { state: 'paused', floor: null }), { ...ev(6, 'session.started'), sessionId: 'other' }]);
    expect(r.missingAfter).toBe(5);
    expect(r.view.snapshot.state).toBe('scheduled');
  });

  it('stops the floor clock on pause and restores the server end on resume', () => {
    let v = fromSnapshot(snapshot({ state: 'live', lastSeq: 1 }));
    v = apply(v, ev(2, 'floor.granted', { membershipId: 'm1', kind: 'contribution', grantedAt: 'g', endsAt: '2026-12-06T11:00:00.000Z', itemId: 'i1', queue: [] }));
    expect(v.snapshot.floor).toMatchObject({ membershipId: 'm1', endsAt: '2026-12-06T11:00:00.000Z' });
    v = apply(v, ev(3, 'session.paused', { state: 'paused', floor: { membershipId: 'm1', remainingMs: 42_000 } }));
    expect(v.snapshot.floor).toMatchObject({ endsAt: null, remainingMs: 42_000 });
    v = apply(v, ev(4, 'session.resumed', { state: 'live', floor: { membershipId: 'm1', endsAt: '2026-12-06T11:05:00.000Z' } }));
    expect(v.snapshot.floor).toMatchObject({ endsAt: '2026-12-06T11:05:00.000Z', remainingMs: null });
    v = apply(v, ev(5, 'floor.ended', { membershipId: 'm1', kind: 'contribution', spokenSeconds: 3, reason: 'ended', itemId: 'i1' }));
    expect(v.snapshot.floor).toBeNull();
  });

  it('follows the queue and learns names that events carry', () => {
    let v = fromSnapshot(snapshot({ lastSeq: 0 }));
    const queue = [{ membershipId: 'm2', kind: 'point_of_order', requestedAt: 'x' }];
    v = apply(v, ev(1, 'floor.requested', { membershipId: 'm2', kind: 'point_of_order', queue, name: 'Aigerim' }));
    expect(v.snapshot.queue).toEqual(queue);
    expect(v.names.m2).toBe('Aigerim');
    v = apply(v, ev(2, 'floor.requested', { membershipId: 'm3', kind: 'contribution', queue: [...queue, { membershipId: 'm3', kind: 'contribution', requestedAt: 'y' }] }));
    expect(unnamed(v)).toEqual(['m3']);
    v = apply(v, ev(3, 'floor.withdrawn', { membershipId: 'm2', queue: [] }));
    expect(v.snapshot.queue).toEqual([]);
  });

  it('tracks a poll from open through live counts to its tally, and shows it until the next item opens', () => {
    let v = fromSnapshot(snapshot({ lastSeq: 0 }));
    v = apply(v, ev(1, 'agenda.opened', { itemId: 'i1', title: 'Budget', position: 1, proposalId: null, minutes: 10, speakerMembershipIds: [] }));
    expect(pollOnShow(v)).toBeNull();
    v = apply(v, ev(2, 'poll.opened', { pollId: 'p1', question: 'Adopt?', secret: true, rule: {}, eligibleCount: 3, proposalId: null }));
    expect(pollOnShow(v)).toMatchObject({ id: 'p1', status: 'open', participation: 0, counts: null });
    v = apply(v, ev(3, 'tally.updated', { pollId: 'p1', participation: 2 }));
    expect(pollOnShow(v)).toMatchObject({ participation: 2, counts: null });
    const tally = { counts: { for: 2, against: 1, abstain: 0, block: 0, stand_aside: 0 }, base: 'cast', baseSize: 3, forNeeded: 2, quorumNeeded: null, quorumReached: true, participation: 3, eligible: 3, outcome: 'adopted', castingDecision: null, explanation: '' };
    v = apply(v, ev(4, 'poll.closed', { pollId: 'p1', tally, proposalId: null }));
    expect(pollOnShow(v)).toMatchObject({ status: 'closed', participation: 3, tally: { outcome: 'adopted' } });
    v = apply(v, ev(5, 'agenda.opened', { itemId: 'i2', title: 'Next', position: 2, proposalId: null, minutes: 5, speakerMembershipIds: [] }));
    expect(pollOnShow(v)).toBeNull();
    expect(v.snapshot.agenda.map((i) => [i.id, i.status])).toEqual([
      ['i1', 'done'],
      ['i2', 'open'],
    ]);
  });

  it('gives a named poll live counts', () => {
    let v = fromSnapshot(snapshot());
    v = apply(v, ev(1, 'poll.opened', { pollId: 'p1', question: 'Q', secret: false, rule: {}, eligibleCount: 2, proposalId: null }));
    v = apply(v, ev(2, 'tally.updated', { pollId: 'p1', participation: 1, counts: { for: 0, against: 1, abstain: 0, block: 0, stand_aside: 0 } }));
    expect(pollOnShow(v)?.counts?.against).toBe(1);
  });
});
