import { FieldError } from './problem';

/** How a domain error maps onto HTTP; the global filter owns the mapping. */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'stale'
  | 'precondition_required'
  | 'rate_limited'
  | 'unavailable';

export const STATUS_OF_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stale: 412,
  precondition_required: 428,
  rate_limited: 429,
  unavailable: 503,
};

/**
 * An error a use case raises on purpose. `code` is a stable string
 * (`MEMBERSHIP_TERM_ENDED`) that clients may branch on; `extra` lands in the
 * problem body as extension members.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'DomainError';
  }

  get status(): number {
    return STATUS_OF_KIND[this.kind];
  }
}

export const invalid = (errors: FieldError[], detail = 'The request is not valid.'): DomainError =>
  new DomainError('invalid', 'VALIDATION_FAILED', detail, {}, errors);

export const invalidField = (field: string, message: string): DomainError => invalid([{ field, message }]);

export const notFound = (what: string): DomainError => new DomainError('not_found', 'NOT_FOUND', `${what} was not found.`);

export const forbidden = (detail = 'Your role does not allow this action.'): DomainError =>
  new DomainError('forbidden', 'FORBIDDEN', detail);

export const unauthenticated = (detail = 'Authentication is required.'): DomainError =>
  new DomainError('unauthenticated', 'UNAUTHENTICATED', detail);

export const conflict = (code: string, detail: string, extra: Record<string, unknown> = {}): DomainError =>
  new DomainError('conflict', code, detail, extra);
