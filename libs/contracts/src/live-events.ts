/**
 * The live socket's contract (API.md, "Live sessions over socket.io"), shared by
 * the gateway (apps/api/src/live) and the web app (apps/web): event and command
 * names, and the shapes of what travels. Plain TypeScript, no imports, so that
 * both a Node build and the browser bundle take it as it is.
 */

/** socket.io namespace of the live sitting. */
export const LIVE_NAMESPACE = '/live';

/** The one event name every state change is broadcast under, to the session's room. */
export const SESSION_EVENT = 'session.event';

/** Client → server commands, each answered through its acknowledgement. */
export const LIVE_COMMANDS = {
  join: 'session.join',
  authRefresh: 'auth.refresh',
  start: 'session.start',
  pause: 'session.pause',
  resume: 'session.resume',
  close: 'session.close',
  agendaOpen: 'agenda.open',
  floorRequest: 'floor.request',
  floorWithdraw: 'floor.withdraw',
  floorGrant: 'floor.grant',
  floorEnd: 'floor.end',
  checkIn: 'attendance.checkIn',
  pollOpen: 'poll.open',
  pollClose: 'poll.close',
  ballotCast: 'ballot.cast',
} as const;
export type LiveCommand = (typeof LIVE_COMMANDS)[keyof typeof LIVE_COMMANDS];

/** Server → client notices besides `session.event`. */
export const LIVE_NOTICES = { left: 'session.left', closed: 'live.closed', heartbeat: 'session.heartbeat' } as const;

/** The `type`s of `session.event`. */
export const SESSION_EVENT_TYPES = [
  'session.started',
  'session.paused',
  'session.resumed',
  'session.closed',
  'agenda.opened',
  'floor.requested',
  'floor.withdrawn',
  'floor.granted',
  'floor.ended',
  'attendance.changed',
  'poll.opened',
  'tally.updated',
  'poll.closed',
  'decision.recorded',
  'minority_opinion.filed',
] as const;
export type SessionEventType = (typeof SESSION_EVENT_TYPES)[number];

export const LIVE_FLOOR_KINDS = ['contribution', 'pro', 'contra', 'reply', 'point_of_order'] as const;
export type LiveFloorKind = (typeof LIVE_FLOOR_KINDS)[number];

export const LIVE_CHOICES = ['for', 'against', 'abstain', 'block', 'stand_aside'] as const;
export type LiveChoice = (typeof LIVE_CHOICES)[number];

export const POLL_OUTCOMES = ['adopted', 'rejected', 'no_quorum', 'tied'] as const;
export type PollOutcome = (typeof POLL_OUTCOMES)[number];

/** RFC 9457 problem details, as acks and HTTP errors carry them. */
export interface LiveProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

/** A command's acknowledgement. */
export type LiveAck<T extends object = object> = ({ ok: true } & T) | { ok: false; error: LiveProblem };

/** What every `session.event` carries. */
export interface LiveEvent<P extends object = Record<string, unknown>> {
  sessionId: string;
  seq: number;
  type: SessionEventType | string;
  at: string;
  actor: string | null;
  payload: P;
}

export interface LiveQueueEntry {
  membershipId: string;
  kind: LiveFloorKind;
  requestedAt: string;
}

/** Who holds the floor. `endsAt` is the server's end of the turn; null while paused, with `remainingMs`. */
export interface LiveFloor {
  membershipId: string;
  kind: LiveFloorKind;
  grantedAt: string;
  endsAt: string | null;
  remainingMs?: number | null;
  pausedAt?: string | null;
  pausedMs?: number;
}

export type LiveCounts = Record<LiveChoice, number>;

export interface LiveTally {
  counts: LiveCounts;
  base: string;
  baseSize: number;
  forNeeded: number;
  quorumNeeded: number | null;
  quorumReached: boolean;
  participation: number;
  eligible: number;
  outcome: PollOutcome;
  castingDecision: 'adopted' | 'rejected' | null;
  explanation: string;
}

/** A session poll as the snapshot carries it (drafts left out). */
export interface LivePoll {
  id: string;
  question: string;
  secret: boolean;
  status: 'open' | 'closed';
  proposalId: string | null;
  eligibleCount: number | null;
  participation: number | null;
  /** Live counts of an open named poll; null for a secret one. */
  counts: LiveCounts | null;
  tally: LiveTally | null;
  openedAt: string | null;
  closedAt: string | null;
}

export interface LiveAgendaItem {
  id: string;
  position: number;
  title: string;
  proposalId: string | null;
  speakerMembershipIds: string[];
  minutes: number;
  status: string;
  decision: { resolution: string; instruction: string | null } | null;
}

export type SessionState = 'scheduled' | 'live' | 'paused' | 'closed';

/** `GET /sessions/:id` and the `session.join` ack's snapshot. */
export interface LiveSnapshot {
  id: string;
  councilId: string;
  kind: string;
  workingGroupId: string | null;
  title: string;
  scheduledAt: string;
  public: boolean;
  state: SessionState;
  lastSeq: number;
  currentItemId: string | null;
  agenda: LiveAgendaItem[];
  floor: LiveFloor | null;
  queue: LiveQueueEntry[];
  /** represented: absent members whose delegate is present (Proxy voting); absent from older servers. */
  attendance: { present: number; represented?: number; voters: number; quorumMet: boolean | null };
  /** Full names of the memberships the sitting concerns (floor, queue, speakers), by membership id. */
  names?: Record<string, string>;
  /** The session's polls that were opened, in the order they opened. */
  polls?: LivePoll[];
  startedAt: string | null;
  closedAt: string | null;
}

/** Payloads of the event types a client reads. */
export interface LiveEventPayloads {
  'session.started': { state: SessionState };
  'session.paused': { state: SessionState; floor: { membershipId: string; remainingMs: number } | null };
  'session.resumed': { state: SessionState; floor: { membershipId: string; endsAt: string | null } | null };
  'session.closed': { state: SessionState };
  'agenda.opened': { itemId: string; title: string; position: number; proposalId: string | null; minutes: number; speakerMembershipIds: string[] };
  'floor.requested': { membershipId: string; kind: LiveFloorKind; queue: LiveQueueEntry[]; name?: string };
  'floor.withdrawn': { membershipId: string; queue: LiveQueueEntry[] };
  'floor.granted': LiveFloor & { itemId: string | null; queue: LiveQueueEntry[]; name?: string };
  'floor.ended': { membershipId: string; kind: LiveFloorKind; spokenSeconds: number; reason: string; itemId: string | null };
  'attendance.changed': { present: number; represented?: number; quorumMet: boolean | null; voters?: number; membershipId?: string };
  'poll.opened': { pollId: string; question: string; secret: boolean; rule: Record<string, unknown>; eligibleCount: number | null; proposalId: string | null };
  'tally.updated': { pollId: string; participation: number; counts?: LiveCounts };
  'poll.closed': { pollId: string; tally: LiveTally | null; proposalId: string | null };
  'decision.recorded': { itemId: string; resolution: string; instruction: string | null; proposal: { id: string; status: string } | null };
  'minority_opinion.filed': { pollId: string; opinionId: string; position: string };
}

/** The `session.join` ack. */
export interface LiveJoinResult {
  snapshot: LiveSnapshot;
  events: LiveEvent[];
  /** More events follow: join again (or read the log) from the last seq received. */
  more?: boolean;
}

/** `session.left`: the socket was taken out of a session's room. */
export interface LiveLeftNotice {
  sessionId: string;
  reason: 'token_expired' | 'access_lost';
  error: LiveProblem;
}

/**
 * `session.heartbeat`: within a few seconds of the log moving (KENES_LIVE_HEARTBEAT_MS, default 5 s),
 * and every KENES_LIVE_QUIET_HEARTBEAT_MS (default 30 s) in a quiet sitting, each node tells the
 * sockets in a session's room the log's latest seq, read from the database. A client whose last seen
 * seq is lower missed events (a broadcast lost while Redis was down between nodes, say) and catches
 * up with `session.join {afterSeq}` or `GET /sessions/:id/events?after=`, with no new event needed.
 */
export interface LiveHeartbeat {
  sessionId: string;
  lastSeq: number;
  at: string;
}

/** `live.closed`: sent just before the server disconnects a flooding socket. */
export interface LiveClosedNotice {
  reason: 'rate_limited';
  error: LiveProblem;
}
