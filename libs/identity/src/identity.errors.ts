/**
 * The codes of the conflicts (409) the identity library answers with: a problem's `code`, stable for
 * clients to branch on. One enum per library, so that a code is written once.
 */
export enum IdentityError {
  EmailTaken = 'EMAIL_TAKEN',
}
