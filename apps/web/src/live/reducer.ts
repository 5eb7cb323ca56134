import type { LiveEvent, LiveEventPayloads, LiveFloor, LivePoll, LiveSnapshot } from '@kenes/contracts';

/**
 * A sitting as a client sees it: the snapshot it joined with, with every
 * event after it applied in `seq` order. Plain data and pure functions, so
 * that it is tested without a browser or a socket.
 */
export interface LiveView {
  snapshot: LiveSnapshot;
  /** The last seq applied. */
  lastSeq: number;
  names: Record<string, string>;
  /** Session polls by id, in the order they opened. */
  polls: LivePoll[];
  /** When the current item was opened (from its event), null when unknown. */
  itemOpenedAt: string | null;
  /** Events that arrived ahead of a missing one, by seq. */
  pending: Record<number, LiveEvent>;
}

export function fromSnapshot(snapshot: LiveSnapshot): LiveView {
  return { snapshot, lastSeq: snapshot.lastSeq, names: { ...(snapshot.names ?? {}) }, polls: [...(snapshot.polls ?? [])], itemOpenedAt: null, pending: {} };
}

export interface Ingested {
  view: LiveView;
  /** Set when events are missing: ask for those after this seq. */
  missingAfter: number | null;
}

/**
 * Takes events in any order: applies those that continue the log, keeps those
 * that arrive early, ignores those already applied, and says when a gap
 * needs filling.
 */
export function ingest(view: LiveView, events: readonly LiveEvent[]): Ingested {
  let v = view;
  const pending = { ...v.pending };
  for (const e of events) if (e.seq > v.lastSeq && e.sessionId === v.snapshot.id) pending[e.seq] = e;
  let next = pending[v.lastSeq + 1];
  while (next) {
    delete pending[next.seq];
    v = apply(v, next);
    next = pending[v.lastSeq + 1];
  }
  v = { ...v, pending };
  return { view: v, missingAfter: Object.keys(pending).length ? v.lastSeq : null };
}

function payloadOf<T extends keyof LiveEventPayloads>(e: LiveEvent, _type: T): LiveEventPayloads[T] {
  return e.payload as unknown as LiveEventPayloads[T];
}

function updatePoll(polls: LivePoll[], id: string, change: (p: LivePoll) => LivePoll): LivePoll[] {
  return polls.map((p) => (p.id === id ? change(p) : p));
}

/** One event, which must be the next in the log, applied. */
export function apply(view: LiveView, e: LiveEvent): LiveView {
  const s = view.snapshot;
  let snapshot: LiveSnapshot = s;
  let { names, polls, itemOpenedAt } = view;
  switch (e.type) {
    case 'session.started':
      snapshot = { ...s, state: 'live', startedAt: s.startedAt ?? e.at };
      break;
    case 'session.paused': {
      const p = payloadOf(e, 'session.paused');
      const floor: LiveFloor | null = s.floor && p.floor ? { ...s.floor, endsAt: null, remainingMs: p.floor.remainingMs, pausedAt: e.at } : s.floor;
      snapshot = { ...s, state: 'paused', floor };
      break;
    }
    case 'session.resumed': {
      const p = payloadOf(e, 'session.resumed');
      const floor: LiveFloor | null = s.floor && p.floor ? { ...s.floor, endsAt: p.floor.endsAt, remainingMs: null, pausedAt: null } : s.floor;
      snapshot = { ...s, state: 'live', floor };
      break;
    }
    case 'session.closed':
      snapshot = { ...s, state: 'closed', closedAt: e.at, floor: null };
      break;
    case 'agenda.opened': {
      const p = payloadOf(e, 'agenda.opened');
      const agenda = s.agenda.some((i) => i.id === p.itemId)
        ? s.agenda.map((i) => (i.id === p.itemId ? { ...i, status: 'open' } : i.status === 'open' ? { ...i, status: 'done' } : i))
        : [...s.agenda.map((i) => (i.status === 'open' ? { ...i, status: 'done' } : i)), { id: p.itemId, position: p.position, title: p.title, proposalId: p.proposalId, speakerMembershipIds: p.speakerMembershipIds, minutes: p.minutes, status: 'open', decision: null }];
      snapshot = { ...s, currentItemId: p.itemId, agenda };
      itemOpenedAt = e.at;
      break;
    }
    case 'floor.requested':
    case 'floor.withdrawn': {
      const p = payloadOf(e, 'floor.requested');
      snapshot = { ...s, queue: p.queue };
      if (p.name) names = { ...names, [p.membershipId]: p.name };
      break;
    }
    case 'floor.granted': {
      const p = payloadOf(e, 'floor.granted');
      const { itemId: _itemId, queue, name, ...floor } = p;
      snapshot = { ...s, floor, queue };
      if (name) names = { ...names, [p.membershipId]: name };
      break;
    }
    case 'floor.ended': {
      const p = payloadOf(e, 'floor.ended');
      if (s.floor?.membershipId === p.membershipId) snapshot = { ...s, floor: null };
      break;
    }
    case 'attendance.changed': {
      const p = payloadOf(e, 'attendance.changed');
      const represented = p.represented ?? s.attendance.represented;
      snapshot = { ...s, attendance: { present: p.present, ...(represented === undefined ? {} : { represented }), voters: p.voters ?? s.attendance.voters, quorumMet: p.quorumMet } };
      break;
    }
    case 'poll.opened': {
      const p = payloadOf(e, 'poll.opened');
      const poll: LivePoll = {
        id: p.pollId,
        question: p.question,
        secret: p.secret,
        status: 'open',
        proposalId: p.proposalId ?? null,
        eligibleCount: p.eligibleCount,
        participation: 0,
        counts: p.secret ? null : { for: 0, against: 0, abstain: 0, block: 0, stand_aside: 0 },
        tally: null,
        openedAt: e.at,
        closedAt: null,
      };
      polls = [...polls.filter((x) => x.id !== p.pollId), poll];
      break;
    }
    case 'tally.updated': {
      const p = payloadOf(e, 'tally.updated');
      polls = updatePoll(polls, p.pollId, (x) => ({ ...x, participation: p.participation, counts: p.counts ?? x.counts }));
      break;
    }
    case 'poll.closed': {
      const p = payloadOf(e, 'poll.closed');
      polls = updatePoll(polls, p.pollId, (x) => ({
        ...x,
        status: 'closed',
        closedAt: e.at,
        tally: p.tally,
        participation: p.tally?.participation ?? x.participation,
        counts: p.tally?.counts ?? x.counts,
      }));
      break;
    }
    case 'decision.recorded': {
      const p = payloadOf(e, 'decision.recorded');
      snapshot = { ...s, agenda: s.agenda.map((i) => (i.id === p.itemId ? { ...i, decision: { resolution: p.resolution, instruction: p.instruction } } : i)) };
      break;
    }
    default:
      break;
  }
  return { ...view, snapshot: { ...snapshot, lastSeq: e.seq }, lastSeq: e.seq, names, polls, itemOpenedAt };
}

/** The poll a hall should see: the one open now, else the last closed since the current item opened. */
export function pollOnShow(view: LiveView): LivePoll | null {
  const open = [...view.polls].reverse().find((p) => p.status === 'open');
  if (open) return open;
  const last = view.polls[view.polls.length - 1];
  if (!last || last.status !== 'closed') return null;
  if (view.itemOpenedAt && last.closedAt && last.closedAt < view.itemOpenedAt) return null;
  return last;
}

/** Memberships named in the view that it has no name for (the floor, the queue). */
export function unnamed(view: LiveView): string[] {
  const ids = [view.snapshot.floor?.membershipId, ...view.snapshot.queue.map((q) => q.membershipId)].filter((x): x is string => !!x);
  return [...new Set(ids)].filter((id) => !(id in view.names));
}
