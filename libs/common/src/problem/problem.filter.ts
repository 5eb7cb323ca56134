import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { DeferredBodyError } from '../http/deferred-body-error';
import { DomainError } from './domain.error';
import { FieldError, problem, PROBLEM_CONTENT_TYPE, ProblemDetails, titleFor } from './problem';

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
}

/**
 * The PostgreSQL error behind an exception, whichever way it came: wrapped
 * by TypeORM (QueryFailedError.driverError) or straight from pg's pool (a
 * DatabaseError, which carries the SQLSTATE in `code`).
 */
function postgresErrorOf(exception: unknown): PgError | null {
  if (exception instanceof QueryFailedError) return exception.driverError as PgError;
  if (exception instanceof DatabaseError) return exception;
  // The same error from another copy of pg-protocol: a SQLSTATE code and a severity.
  const e = exception as { code?: unknown; severity?: unknown } | null;
  if (exception instanceof Error && typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === 'string') return e as PgError;
  return null;
}

/** Turns any error into an RFC 9457 problem; hides and logs what is unexpected. */
export function toProblem(exception: unknown, logger?: Logger): { body: ProblemDetails; headers: Record<string, string> } {
  if (exception instanceof DeferredBodyError) {
    return { body: { ...exception.problem }, headers: {} };
  }
  if (exception instanceof DomainError) {
    const extra: Record<string, unknown> = { ...exception.extra };
    if (exception.errors) extra.errors = exception.errors;
    return { body: problem(exception.status, exception.code, exception.detail, extra), headers: exception.headers };
  }
  if (exception instanceof ThrottlerException) {
    return { body: problem(429, 'RATE_LIMITED', 'Too many requests; slow down and retry later.'), headers: {} };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : Array.isArray((response as { message?: unknown }).message)
          ? ((response as { message: string[] }).message).join('; ')
          : String((response as { message?: unknown }).message ?? exception.message);
    const code = status === 404 ? 'NOT_FOUND' : titleFor(status).toUpperCase().replace(/\W+/g, '_');
    return { body: problem(status, code, message), headers: {} };
  }
  const pg = postgresErrorOf(exception);
  if (pg) {
    if (pg.code === '23505') {
      return { body: problem(409, 'ALREADY_EXISTS', 'A record with the same unique values already exists.', { constraint: pg.constraint ?? null }), headers: {} };
    }
    if (pg.code === '23P01') {
      return { body: problem(409, 'CONFLICTING_RECORD', 'The change conflicts with an existing record.', { constraint: pg.constraint ?? null }), headers: {} };
    }
    // Class 22, data exceptions: a value the database cannot take (bad format, out of range, a NUL character).
    if (pg.code?.startsWith('22')) {
      return {
        body: problem(400, 'VALIDATION_FAILED', 'A value in the request has a wrong format or cannot be stored.', {
          errors: [{ field: 'request', message: 'contains a value of the wrong format, out of range, or with a NUL character' }],
        }),
        headers: {},
      };
    }
  }
  logger?.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
  return { body: problem(500, 'INTERNAL_ERROR', 'An unexpected error occurred.'), headers: {} };
}

/** Body-parser failures (malformed JSON, oversized bodies) as problems. */
export function bodyParserProblem(err: { type?: string; status?: number; limit?: number }): ProblemDetails | null {
  switch (err.type) {
    case 'entity.parse.failed':
      return problem(400, 'MALFORMED_JSON', 'The request body is not valid JSON.', { errors: [{ field: 'body', message: 'is not valid JSON' }] satisfies FieldError[] });
    case 'entity.too.large':
      return problem(400, 'BODY_TOO_LARGE', `The request body exceeds the limit of ${err.limit ?? 'the configured'} bytes.`, {
        errors: [{ field: 'body', message: 'is too large' }] satisfies FieldError[],
      });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return problem(415, 'UNSUPPORTED_ENCODING', 'The request body encoding is not supported.');
    case 'request.aborted':
      return problem(400, 'REQUEST_ABORTED', 'The request was aborted.');
    default:
      return err.status && err.status >= 400 && err.status < 500 ? problem(err.status, 'BAD_REQUEST', 'The request could not be read.') : null;
  }
}

export function sendProblem(req: Request, res: Response, body: ProblemDetails, headers: Record<string, string> = {}): void {
  const requestId = (req as Request & { id?: unknown }).id;
  if (requestId !== undefined) body.requestId = String(requestId);
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const { body, headers } = toProblem(exception, this.logger);
    if (res.headersSent) return;
    sendProblem(req, res, body, headers);
  }
}
