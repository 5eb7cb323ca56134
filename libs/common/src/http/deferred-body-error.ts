import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { ProblemDetails } from '../problem/problem';

const DEFERRED = Symbol('kenes.deferredBodyError');

type WithDeferred = { [DEFERRED]?: ProblemDetails; body?: unknown };

/** A body the parser refused, answered only once the caller is authenticated (401 comes before 400). */
export class DeferredBodyError extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail);
    this.name = 'DeferredBodyError';
  }
}

/** Keeps the body parser's problem on the request instead of answering it at once. */
export function deferBodyError(req: object, problem: ProblemDetails): void {
  const r = req as WithDeferred;
  r[DEFERRED] = problem;
  r.body = undefined;
}

/**
 * Registered after the authentication guard: a malformed or oversized body is
 * a 400, but only for a caller who may use the route at all.
 */
@Injectable()
export class DeferredBodyErrorGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const problem = context.switchToHttp().getRequest<WithDeferred>()[DEFERRED];
    if (problem) throw new DeferredBodyError(problem);
    return true;
  }
}
