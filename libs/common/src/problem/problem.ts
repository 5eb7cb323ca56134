/** RFC 9457 problem details, the body of every error response. */
export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code?: string;
  errors?: FieldError[];
  requestId?: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Error');
}

/** A problem `type` URI for a machine-readable code, e.g. `VALIDATION_FAILED`. */
export function problemType(code: string): string {
  return `urn:kenes:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

/** A problem body; extension members never override the standard ones (type, title, status, detail, code). */
export function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): ProblemDetails {
  return { ...extra, type: problemType(code), title: titleFor(status), status, detail, code };
}
