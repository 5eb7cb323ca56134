/**
 * The codes of the conflicts (409) the polls library answers with: a problem's `code`, stable for
 * clients to branch on. One enum per library, so that a code is written once.
 */
export enum PollsError {
  AlreadyAcknowledged = 'ALREADY_ACKNOWLEDGED',
  AlreadySigned = 'ALREADY_SIGNED',
  BallotAlreadyCast = 'BALLOT_ALREADY_CAST',
  DelegatorHasProxy = 'DELEGATOR_HAS_PROXY',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  MinorityWindowClosed = 'MINORITY_WINDOW_CLOSED',
  NoMinority = 'NO_MINORITY',
  NoMinorityYet = 'NO_MINORITY_YET',
  OpinionAlreadyFiled = 'OPINION_ALREADY_FILED',
  PollNotClosed = 'POLL_NOT_CLOSED',
  PollNotDraft = 'POLL_NOT_DRAFT',
  PollNotOpen = 'POLL_NOT_OPEN',
  PollNotTied = 'POLL_NOT_TIED',
  PollSecret = 'POLL_SECRET',
  ProxyRevoked = 'PROXY_REVOKED',
  QuorumAboveEligible = 'QUORUM_ABOVE_ELIGIBLE',
  ReceiptAlreadyUsed = 'RECEIPT_ALREADY_USED',
  SessionClosed = 'SESSION_CLOSED',
}
