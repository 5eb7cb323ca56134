import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { invalid } from '../problem/domain.error';
import { FieldError } from '../problem/problem';
import { findUnsafeText } from './unsafe-text';

interface HttpInput {
  body?: unknown;
  query?: unknown;
  params?: Record<string, unknown>;
  headers?: Record<string, unknown>;
}

/** `idempotency-key` → `Idempotency-Key`, as the API's documents name headers. */
export const headerField = (name: string): string => name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());

/** The first NUL or lone surrogate in what a request carries: path parameters, query, headers, body. */
export function findUnsafeInput(req: HttpInput): FieldError | null {
  for (const source of [req.params, req.query]) {
    const found = source && typeof source === 'object' ? findUnsafeText(source) : null;
    if (found) return found;
  }
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    const found = findUnsafeText(value, headerField(name));
    if (found) return found;
  }
  return req.body === undefined ? null : findUnsafeText(req.body);
}

/**
 * Registered after authentication (401 before 400): any text of a request
 * that PostgreSQL cannot store or that no person typed, a NUL or a lone UTF-16
 * surrogate, is a 400 naming its field before any handler or query sees it.
 * (Node's HTTP parser already refuses a NUL in a header or the request line;
 * see clientErrorProblem.)
 */
@Injectable()
export class UnsafeTextGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const found = findUnsafeInput(context.switchToHttp().getRequest<HttpInput>());
    if (found) throw invalid([found], `${found.field} ${found.message}.`);
    return true;
  }
}
