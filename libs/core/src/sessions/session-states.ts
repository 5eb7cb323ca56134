/**
 * A sitting's states (issue: live sessions): `scheduled` → `live` ⇄ `paused`;
 * `live` or `paused` → `closed`.
 */
export const SESSION_STATES = ['scheduled', 'live', 'paused', 'closed'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export const SESSION_COMMANDS = ['start', 'pause', 'resume', 'close'] as const;
export type SessionCommand = (typeof SESSION_COMMANDS)[number];

const MOVES: Record<SessionCommand, { from: readonly SessionState[]; to: SessionState }> = {
  start: { from: ['scheduled'], to: 'live' },
  pause: { from: ['live'], to: 'paused' },
  resume: { from: ['paused'], to: 'live' },
  close: { from: ['live', 'paused'], to: 'closed' },
};

/** The state a command leads to, or null when the current state does not allow it. */
export function sessionTransition(state: SessionState, command: SessionCommand): SessionState | null {
  const move = MOVES[command];
  return move.from.includes(state) ? move.to : null;
}

/** The commands the current state allows. */
export function allowedSessionCommands(state: SessionState): SessionCommand[] {
  return SESSION_COMMANDS.filter((c) => MOVES[c].from.includes(state));
}

/** The event type a command records. */
export const SESSION_EVENT_OF: Record<SessionCommand, string> = {
  start: 'session.started',
  pause: 'session.paused',
  resume: 'session.resumed',
  close: 'session.closed',
};
