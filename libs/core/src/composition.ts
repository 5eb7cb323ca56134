import { IsoDate } from './dates';
import { Term, termCovers } from './terms';

export interface CompositionMember extends Term {
  roles: readonly string[];
  attributes: Readonly<Record<string, string | null | undefined>>;
}

export interface Composition {
  at: IsoDate;
  total: number;
  dimensions: Record<string, Record<string, number>>;
}

/** Key under which members without a value for a dimension are counted. */
export const UNSPECIFIED = 'unspecified';

/**
 * The council's composition at a date: the memberships with role `member`
 * whose term covers the date, counted per value of each balance dimension.
 */
export function compositionAt(members: readonly CompositionMember[], dimensions: readonly string[], at: IsoDate): Composition {
  // Maps, not plain objects: a value or dimension named like an Object.prototype
  // member ("constructor", "toString", "__proto__") must count like any other.
  const counts = new Map<string, Map<string, number>>();
  for (const d of dimensions) counts.set(d, new Map());
  let total = 0;
  for (const m of members) {
    if (!m.roles.includes('member') || !termCovers(m, at)) continue;
    total += 1;
    for (const [d, byValue] of counts) {
      const raw = Object.hasOwn(m.attributes, d) ? m.attributes[d] : undefined;
      const value = raw === undefined || raw === null || raw === '' ? UNSPECIFIED : raw;
      byValue.set(value, (byValue.get(value) ?? 0) + 1);
    }
  }
  const dims: Record<string, Record<string, number>> = Object.fromEntries(
    [...counts].map(([d, byValue]) => [d, Object.fromEntries(byValue)]),
  );
  return { at, total, dimensions: dims };
}
