import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { FieldError, problem, PROBLEM_CONTENT_TYPE } from '../problem/problem';
import { headerField } from '../text/unsafe-text.guard';

interface ParserError extends Error {
  code?: string;
  /** Where the parser stopped: the offending byte. */
  bytesParsed?: number;
  rawPacket?: Buffer;
}

/** The field of a request that Node's HTTP parser refused at `offset`: a header by its name, else the request line. */
export function refusedField(raw: string, offset: number): FieldError {
  const start = raw.lastIndexOf('\n', offset - 1) + 1;
  const end = raw.indexOf('\n', start);
  const line = raw.slice(start, end === -1 ? undefined : end).replace(/\r$/, '');
  if (start === 0) return { field: 'url', message: 'contains a character not allowed in a request line (a NUL or a control character)' };
  const colon = line.indexOf(':');
  if (colon === -1 || colon >= offset - start) return { field: 'headers', message: 'contain an invalid header name' };
  return { field: headerField(line.slice(0, colon).trim().toLowerCase()), message: 'must not contain NUL or other control characters' };
}

const RAW: Record<string, number> = { HPE_HEADER_OVERFLOW: 431, HPE_CHUNK_EXTENSIONS_OVERFLOW: 413, ERR_HTTP_REQUEST_TIMEOUT: 408 };

/**
 * Node's `clientError`: a request its HTTP parser refused before any route
 * saw it. A bad character in a header or the request line (a NUL, say) is
 * answered as a 400 problem naming the header; other failures as Node would.
 */
export function answerClientError(err: ParserError, socket: Duplex): void {
  if (!socket.writable || (socket as Duplex & { bytesWritten?: number }).bytesWritten) {
    socket.destroy();
    return;
  }
  const invalidChar = err.code === 'HPE_INVALID_HEADER_TOKEN' || err.code === 'HPE_INVALID_URL' || err.code === 'HPE_INVALID_METHOD';
  if (invalidChar && err.rawPacket && typeof err.bytesParsed === 'number') {
    const field = refusedField(err.rawPacket.toString('latin1'), err.bytesParsed);
    const body = JSON.stringify(problem(400, 'VALIDATION_FAILED', `${field.field} ${field.message}.`, { errors: [field] }));
    socket.end(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    return;
  }
  const status = RAW[err.code ?? ''] ?? 400;
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
}
