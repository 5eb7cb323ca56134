/**
 * The codes of the conflicts (409) the petitions library answers with: a problem's `code`, stable for
 * clients to branch on. One enum per library, so that a code is written once.
 */
export enum PetitionsError {
  MailUnavailable = 'MAIL_UNAVAILABLE',
  PetitionNotOpen = 'PETITION_NOT_OPEN',
  PetitionNotPublished = 'PETITION_NOT_PUBLISHED',
  PetitionNotSubmitted = 'PETITION_NOT_SUBMITTED',
  TokenExpired = 'TOKEN_EXPIRED',
  TokenUsed = 'TOKEN_USED',
}
