import { ArgumentMetadata, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { getMetadataStorage, IS_NOT_EMPTY, MIN_LENGTH, ValidationError } from 'class-validator';
import { FieldError } from './problem';
import { DomainError, invalid } from './domain.error';
import { plainToInstance } from 'class-transformer';

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

const withDetail = (fieldErrors: FieldError[]) => invalid(fieldErrors, fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ') || 'The request is not valid.');

export function validationExceptionFactory(errors: ValidationError[]) {
  return withDetail(flattenValidationErrors(errors));
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
    let out: unknown;
    try {
      out = await super.transform(value, metadata);
    } catch (err) {
      // A body refused for other reasons names its blank fields too.
      if (!(err instanceof DomainError) || !err.errors || !metadata.metatype || !isJsonObject(value)) throw err;
      const blank = blankFields(plainToInstance(metadata.metatype, value)).filter((b) => !err.errors?.some((e) => e.field === b.field));
      if (!blank.length) throw err;
      throw withDetail([...err.errors, ...blank]);
    }
    const blank = blankFields(out);
    if (blank.length) throw withDetail(blank);
    return out;
  }
}

/**
 * A text a DTO requires to be non-empty (`@MinLength(n)`, `@IsNotEmpty()`) must have that many characters that are not
 * white space: a title of three spaces is as empty as no title. Walks nested DTOs.
 */
export function blankFields(value: unknown, parent = ''): FieldError[] {
  if (!value || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => blankFields(v, `${parent}.${i}`.replace(/^\./, '')));
  const ctor = (value as object).constructor;
  if (!ctor || ctor === Object) return [];
  const out: FieldError[] = [];
  const rules = getMetadataStorage().getTargetValidationMetadatas(ctor, '', true, false);
  const record = value as Record<string, unknown>;
  for (const rule of rules) {
    if (rule.name !== MIN_LENGTH && rule.name !== IS_NOT_EMPTY) continue;
    const text = record[rule.propertyName];
    const min = rule.name === IS_NOT_EMPTY ? 1 : Number(rule.constraints?.[0] ?? 0);
    const field = parent ? `${parent}.${rule.propertyName}` : rule.propertyName;
    if (typeof text === 'string' && min > 0 && text.length >= min && text.trim().length < min) {
      out.push({ field, message: min === 1 ? 'must not be blank' : `must have at least ${min} characters that are not white space` });
    }
  }
  for (const [key, child] of Object.entries(record)) {
    if (child && typeof child === 'object') out.push(...blankFields(child, parent ? `${parent}.${key}` : key));
  }
  return out;
}
