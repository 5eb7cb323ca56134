import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors, invalid, invalidField, toProblem } from '@kenes/common';
import { Logger } from '@nestjs/common';
import { JoinPayload, plainJoinPayload } from './live-payloads';
import { Ack } from './live.types';

type Ctor<T> = new () => T;

/** Validates a socket payload exactly like an HTTP body (whitelist, unknown fields refused). */
export async function parsePayload<T extends object>(dto: Ctor<T>, payload: unknown): Promise<T> {
  if ((dto as Ctor<object>) === JoinPayload) {
    const plain = plainJoinPayload(payload);
    if (plain) return plain as T;
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw invalidField('payload', 'must be an object');
  const instance = plainToInstance(dto, payload);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw invalid(flattenValidationErrors(errors));
  return instance;
}

const logger = new Logger('LiveGateway');

/** Runs a command and answers its acknowledgement: `{ok: true, ...}` or `{ok: false, error: problem}`. */
export async function acknowledge<T extends object>(work: () => Promise<T>): Promise<Ack<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (err) {
    return { ok: false, error: toProblem(err, logger).body };
  }
}
