import { FieldError } from '../problem/problem';

/**
 * Text PostgreSQL cannot store or that no person wrote: a NUL character (text
 * columns refuse it) or a lone UTF-16 surrogate (not Unicode; it cannot be
 * encoded as UTF-8). Input carrying either is a 400, never a 500.
 */
export function isUnsafeText(s: string): boolean {
  return s.includes('\u0000') || LONE_SURROGATE.test(s);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The first string inside `value` (an object, an array or a string) that is
 * unsafe, as a field error with its dotted path; keys are checked too. Null
 * when all of it is safe.
 */
export function findUnsafeText(value: unknown, path = ''): FieldError | null {
  const here = path || 'body';
  if (typeof value === 'string') {
    return isUnsafeText(value) ? { field: here, message: 'must not contain NUL characters or unpaired surrogates' } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeText(value[i], path ? `${path}.${i}` : String(i));
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const field = path ? `${path}.${k}` : k;
      if (isUnsafeText(k)) return { field, message: 'is not a valid field name' };
      const found = findUnsafeText(v, field);
      if (found) return found;
    }
  }
  return null;
}
