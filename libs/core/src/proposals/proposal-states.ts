/**
 * The proposal's cycle as a state machine (SPEC.md, "The cycle, as states";
 * API.md, "Proposal transitions"). Some moves happen only automatically, when
 * something else happens (a consultation opens, a poll closes, the chair
 * decides); the others are requested through POST /transitions by the
 * proposal's co-authors or its group's coordinator.
 */
export const PROPOSAL_STATUSES = [
  'draft',
  'in_consultation',
  'in_deliberation',
  'recommended',
  'not_recommended',
  'on_agenda',
  'supported',
  'supported_with_changes',
  'deferred',
  'not_supported',
  'in_implementation',
  'implemented',
  'withdrawn',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Who may request a move: a co-author (the author included) or the group's coordinator. */
export type Requester = 'co_author' | 'coordinator';

/** What causes an automatic move. */
export const AUTOMATIC_CAUSES = ['consultation_opened', 'group_poll_adopted', 'group_poll_not_adopted', 'put_on_agenda', 'chair_decision', 'plan_item_added', 'all_items_in_force'] as const;
export type AutomaticCause = (typeof AUTOMATIC_CAUSES)[number];

interface Move {
  from: ProposalStatus;
  to: ProposalStatus;
  /** Who may request it through POST /transitions; empty when only automatic. */
  requesters: readonly Requester[];
  /** What makes it happen by itself; null when only requested. */
  cause: AutomaticCause | null;
}

const m = (from: ProposalStatus, to: ProposalStatus, requesters: readonly Requester[], cause: AutomaticCause | null): Move => ({ from, to, requesters, cause });
const AUTHORS_OR_COORDINATOR: readonly Requester[] = ['co_author', 'coordinator'];
const AUTHORS: readonly Requester[] = ['co_author'];

/** Every allowed move: one readable table. */
export const PROPOSAL_MOVES: readonly Move[] = [
  m('draft', 'in_consultation', [], 'consultation_opened'),
  m('draft', 'in_deliberation', AUTHORS_OR_COORDINATOR, null),
  m('in_consultation', 'in_deliberation', AUTHORS_OR_COORDINATOR, null),
  m('not_recommended', 'in_deliberation', AUTHORS_OR_COORDINATOR, null),
  m('in_deliberation', 'recommended', [], 'group_poll_adopted'),
  m('in_deliberation', 'not_recommended', [], 'group_poll_not_adopted'),
  m('recommended', 'on_agenda', [], 'put_on_agenda'),
  m('deferred', 'on_agenda', [], 'put_on_agenda'),
  m('on_agenda', 'supported', [], 'chair_decision'),
  m('on_agenda', 'supported_with_changes', [], 'chair_decision'),
  m('on_agenda', 'deferred', [], 'chair_decision'),
  m('on_agenda', 'not_supported', [], 'chair_decision'),
  m('supported', 'in_implementation', [], 'plan_item_added'),
  m('supported_with_changes', 'in_implementation', [], 'plan_item_added'),
  m('in_implementation', 'implemented', [], 'all_items_in_force'),
  ...(['draft', 'in_consultation', 'in_deliberation', 'recommended', 'not_recommended', 'deferred'] as const).map((from) =>
    m(from, 'withdrawn', AUTHORS, null),
  ),
];

/** Statuses in which the text may still change (a new version). */
export const EDITABLE_STATUSES: readonly ProposalStatus[] = ['draft', 'in_consultation', 'in_deliberation'];

export function isEditable(status: ProposalStatus): boolean {
  return EDITABLE_STATUSES.includes(status);
}

/** Statuses in which consultations may be opened. */
export const CONSULTABLE_STATUSES: readonly ProposalStatus[] = ['draft', 'in_consultation', 'in_deliberation'];

export function findMove(from: ProposalStatus, to: ProposalStatus): Move | undefined {
  return PROPOSAL_MOVES.find((x) => x.from === from && x.to === to);
}

/** The targets that a caller holding these capacities may request from a status. */
export function requestableTargets(from: ProposalStatus, capacities: readonly Requester[]): ProposalStatus[] {
  return PROPOSAL_MOVES.filter((x) => x.from === from && x.requesters.some((r) => capacities.includes(r))).map((x) => x.to);
}

export type TransitionDecision =
  | { ok: true }
  | { ok: false; reason: 'not_allowed'; allowed: ProposalStatus[] }
  | { ok: false; reason: 'forbidden' };

/**
 * Whether a caller may request `from` → `to`. The state is checked before
 * the role (API.md): a move that the state does not allow, or that happens
 * only automatically, is `not_allowed` with the targets the caller may
 * request now; an allowed move the caller may not make is `forbidden`.
 */
export function decideRequestedTransition(from: ProposalStatus, to: ProposalStatus, capacities: readonly Requester[]): TransitionDecision {
  const move = findMove(from, to);
  if (!move || move.requesters.length === 0) return { ok: false, reason: 'not_allowed', allowed: requestableTargets(from, capacities) };
  if (!move.requesters.some((r) => capacities.includes(r))) return { ok: false, reason: 'forbidden' };
  return { ok: true };
}

/** The target of an automatic move caused by `cause` from `from`, or null when the cause does not move it. */
export function automaticTarget(from: ProposalStatus, cause: AutomaticCause, to?: ProposalStatus): ProposalStatus | null {
  const candidates = PROPOSAL_MOVES.filter((x) => x.from === from && x.cause === cause && (to === undefined || x.to === to));
  return candidates.length === 1 ? candidates[0].to : null;
}
