import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * The request's id: the caller's `X-Request-Id` when it is a sane token, else
 * a new UUID. Decided once per request (kept on `req.id`) and echoed in the
 * `X-Request-Id` response header, so that every response carries it, those
 * of the body parser and of the routes outside the API prefix included.
 */
export function requestIdOf(req: IncomingMessage & { id?: unknown }, res: ServerResponse): string {
  if (typeof req.id === 'string') return req.id;
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  req.id = id;
  if (!res.headersSent) res.setHeader('X-Request-Id', id);
  return id;
}

/** Express middleware: assigns the request id before anything else runs. */
export function requestIdMiddleware(req: IncomingMessage & { id?: unknown }, res: ServerResponse, next: () => void): void {
  requestIdOf(req, res);
  next();
}
