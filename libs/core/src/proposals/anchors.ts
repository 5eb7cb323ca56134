/** A span of a version's body: characters [start, end) of that version (UTF-16 code units, as JSON strings count). */
export interface Anchor {
  version: number;
  start: number;
  end: number;
}

/** Why an anchor does not fit the body of the version it names, or null when it does. */
export function anchorProblem(anchor: Anchor, bodyLength: number): { field: string; message: string } | null {
  if (!Number.isInteger(anchor.start) || anchor.start < 0) return { field: 'anchor.start', message: 'must be a non-negative integer' };
  if (!Number.isInteger(anchor.end) || anchor.end <= anchor.start) return { field: 'anchor.end', message: 'must be greater than start' };
  if (anchor.end > bodyLength) return { field: 'anchor.end', message: `must not exceed the body length of version ${anchor.version} (${bodyLength})` };
  return null;
}
