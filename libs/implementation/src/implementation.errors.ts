/**
 * The codes of the conflicts (409) the implementation library answers with: a problem's `code`, stable for
 * clients to branch on. One enum per library, so that a code is written once.
 */
export enum ImplementationError {
  PlanStageNotAllowed = 'PLAN_STAGE_NOT_ALLOWED',
  ProposalNotSupported = 'PROPOSAL_NOT_SUPPORTED',
}
