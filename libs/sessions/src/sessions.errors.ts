/**
 * The codes of the conflicts (409) the sessions library answers with: a problem's `code`, stable for
 * clients to branch on. One enum per library, so that a code is written once.
 */
export enum SessionsError {
  AlreadyDecided = 'ALREADY_DECIDED',
  AlreadyQueued = 'ALREADY_QUEUED',
  ItemNotOpen = 'ITEM_NOT_OPEN',
  NotQueued = 'NOT_QUEUED',
  NoFloor = 'NO_FLOOR',
  ProposalNotOnAgenda = 'PROPOSAL_NOT_ON_AGENDA',
  ProposalNotReadyForAgenda = 'PROPOSAL_NOT_READY_FOR_AGENDA',
  SessionClosed = 'SESSION_CLOSED',
  SessionNotLive = 'SESSION_NOT_LIVE',
  SessionState = 'SESSION_STATE',
}
