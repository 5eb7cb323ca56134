/**
 * The codes of the conflicts (409) the councils library answers with: a problem's `code`, stable for
 * clients to branch on. One enum per library, so that a code is written once.
 */
export enum CouncilsError {
  CouncilSlugTaken = 'COUNCIL_SLUG_TAKEN',
  MembershipTermEnded = 'MEMBERSHIP_TERM_ENDED',
  MembershipTermOverlap = 'MEMBERSHIP_TERM_OVERLAP',
}
