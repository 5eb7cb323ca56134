/**
 * The codes of the conflicts (409) the proposals library answers with: a problem's `code`, stable for
 * clients to branch on. One enum per library, so that a code is written once.
 */
export enum ProposalsError {
  ConsultationAlreadyAnswered = 'CONSULTATION_ALREADY_ANSWERED',
  ProposalNotConsultable = 'PROPOSAL_NOT_CONSULTABLE',
  ProposalNotEditable = 'PROPOSAL_NOT_EDITABLE',
  ProposalStatusChanged = 'PROPOSAL_STATUS_CHANGED',
  TransitionNotAllowed = 'TRANSITION_NOT_ALLOWED',
}
