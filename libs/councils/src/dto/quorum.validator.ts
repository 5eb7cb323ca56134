import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/** `{count}` (a positive integer) or `{numerator, denominator}` with 0 < n/d <= 1. */
export function quorumRuleProblem(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return 'must be {count} or {numerator, denominator}';
  const v = value as Record<string, unknown>;
  const keys = Object.keys(v).sort().join(',');
  const isPosInt = (x: unknown) => typeof x === 'number' && Number.isSafeInteger(x) && x > 0;
  if (keys === 'count') return isPosInt(v.count) ? null : 'count must be a positive integer';
  if (keys === 'denominator,numerator') {
    if (!isPosInt(v.numerator) || !isPosInt(v.denominator)) return 'numerator and denominator must be positive integers';
    return (v.numerator as number) <= (v.denominator as number) ? null : 'the fraction must not exceed 1';
  }
  return 'must be {count} or {numerator, denominator}';
}

export function IsQuorumRule(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isQuorumRule',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => quorumRuleProblem(value) === null,
        defaultMessage: (args: ValidationArguments) => quorumRuleProblem(args.value) ?? 'is not a valid quorum',
      },
    });
}
