import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors, invalid, invalidField, toProblem } from '@kenes/common';
import { Logger } from '@nestjs/common';
import { Ack } from './live.types';

/**
 * A payload class; one that a crowd sends at once may also say, without
 * class-validator, which payloads are plainly valid (`plain`: the instance,
 * or null to leave the payload to class-validator and its errors).
 */
type Ctor<T> = (new () => T) & { plain?: (payload: unknown) => T | null };

/** Validates a socket payload exactly like an HTTP body (whitelist, unknown fields refused). */
export async function parsePayload<T extends object>(dto: Ctor<T>, payload: unknown): Promise<T> {
  const plain = dto.plain?.(payload);
  if (plain) return plain;
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
