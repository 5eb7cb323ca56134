import { ArgumentMetadata, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { ValidationError } from 'class-validator';
import { FieldError } from './problem';
import { invalid } from './domain.error';

const UNKNOWN_FIELD = 'whitelistValidation';

/** Flattens class-validator errors into `{field, message}` pairs with dotted paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const constraints = e.constraints ?? {};
    if (constraints[UNKNOWN_FIELD]) {
      out.push({ field, message: 'is not a known field' });
    } else {
      for (const message of Object.values(constraints)) out.push({ field, message: stripProperty(message, e.property) });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

// class-validator messages start with the property name ("email must be an email"); the field is named apart.
function stripProperty(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

export function validationExceptionFactory(errors: ValidationError[]) {
  const fieldErrors = flattenValidationErrors(errors);
  return invalid(fieldErrors, fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ') || 'The request is not valid.');
}

/** A body that must be a JSON object (every body of the API) but is an array or a scalar. */
export const notAnObject = () => invalid([{ field: 'body', message: 'must be a JSON object' }], 'The request body must be a JSON object.');

export const isJsonObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The global validation pipe: class-validator on every DTO, and a body that
 * is not an object where a DTO is expected is one error on `body` (rather
 * than "0 is not a known field" and a complaint about every missing field).
 */
export class ApiValidationPipe extends ValidationPipe {
  constructor(options: ValidationPipeOptions = {}) {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationExceptionFactory, ...options });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && value !== undefined && !isJsonObject(value) && this.toValidate(metadata)) throw notAnObject();
    return super.transform(value, metadata);
  }
}
