/**
 * A petition's life as a state machine (API.md, "Petitions"):
 * `submitted` → `open` | `rejected`; `open` → `referred` | `expired` | `withdrawn`; `referred` → `answered`.
 * Each move has one event that causes it; nothing else moves a petition.
 */
export const PETITION_STATUSES = ['submitted', 'open', 'rejected', 'referred', 'expired', 'withdrawn', 'answered'] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

export type PetitionEvent =
  /** The secretariat publishes it. */
  | 'publish'
  /** The secretariat rejects it, with a reason. */
  | 'reject'
  /** Its validated count reached the council's agenda threshold. */
  | 'agenda_threshold_reached'
  /** Its signing period ended below the threshold (the sweep). */
  | 'signing_period_ended'
  /** Its author took it back (through the secretariat). */
  | 'withdraw'
  /** The chair decided on its proposal. */
  | 'chair_decision';

const MOVES: readonly { from: PetitionStatus; event: PetitionEvent; to: PetitionStatus }[] = [
  { from: 'submitted', event: 'publish', to: 'open' },
  { from: 'submitted', event: 'reject', to: 'rejected' },
  { from: 'open', event: 'agenda_threshold_reached', to: 'referred' },
  { from: 'open', event: 'signing_period_ended', to: 'expired' },
  { from: 'open', event: 'withdraw', to: 'withdrawn' },
  { from: 'referred', event: 'chair_decision', to: 'answered' },
];

/** The status an event moves a petition to, or null when the event does not apply in that status. */
export function nextPetitionStatus(from: PetitionStatus, event: PetitionEvent): PetitionStatus | null {
  return MOVES.find((m) => m.from === from && m.event === event)?.to ?? null;
}

/** The events that move a petition out of a status (none for a final one). */
export function petitionEventsFrom(from: PetitionStatus): PetitionEvent[] {
  return MOVES.filter((m) => m.from === from).map((m) => m.event);
}

/** Statuses the public sees: every status from `open` on (a rejected or pending petition is the secretariat's). */
export const PUBLISHED_STATUSES: readonly PetitionStatus[] = ['open', 'referred', 'expired', 'withdrawn', 'answered'];

export const isPublished = (s: PetitionStatus): boolean => PUBLISHED_STATUSES.includes(s);

/** Only an open petition takes signatures. */
export const takesSignatures = (s: PetitionStatus): boolean => s === 'open';

/** The council's written answer may be given once the petition is published (and replaced later). */
export const takesResponse = (s: PetitionStatus): boolean => isPublished(s);

/** A status no event leaves. */
export const isFinalPetitionStatus = (s: PetitionStatus): boolean => petitionEventsFrom(s).length === 0;
