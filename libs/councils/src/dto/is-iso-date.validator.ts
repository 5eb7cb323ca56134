import { isIsoDate } from '@kenes/core';
import { registerDecorator, ValidationOptions } from 'class-validator';

/** A calendar date, YYYY-MM-DD, that exists. */
export function IsIsoDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoDate',
      target: object.constructor,
      propertyName,
      options: { message: 'must be a date in the form YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => isIsoDate(value) },
    });
}
