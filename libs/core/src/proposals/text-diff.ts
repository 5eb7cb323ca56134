import { ChangeObject, diffArrays } from 'diff';

export type DiffOp = 'equal' | 'added' | 'removed';

export interface DiffChunk {
  op: DiffOp;
  lines: string[];
}

/** The lines of a text; a trailing newline ends the last line rather than starting an empty one. */
function splitLines(value: string): string[] {
  if (value === '') return [];
  const lines = value.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function toChunks(changes: ChangeObject<string[]>[]): DiffChunk[] {
  return changes.map((c) => ({ op: c.added ? 'added' : c.removed ? 'removed' : 'equal', lines: c.value }));
}

/**
 * Line-level changes turning `before` into `after` (the `diff` package's Myers diff, minimal).
 * Unbounded: its cost grows with the product of the texts' length and their edit distance, so
 * the API never calls it on stored texts; it uses {@link diffTextBounded}.
 */
export function diffText(before: string, after: string): DiffChunk[] {
  return toChunks(diffArrays(splitLines(before), splitLines(after)));
}

/**
 * How much work a diff may do before it gives up. The edit distance is the number of lines
 * removed plus added; Myers's algorithm spends a step per unit of it, and compares lines along
 * the way (the comparison budget caps that part, which the edit distance alone does not).
 */
export interface DiffLimits {
  /** The largest edit distance (lines removed + added) still shown; above it the field is too different. */
  maxEditLength: number;
  /** Lines compared in all, over the steps that run off the event loop's current turn. */
  maxComparisons: number;
  /** Up to this edit distance the diff runs at once, in one turn of the event loop. */
  syncEditLength: number;
  /** Lines compared in that one turn; past it the diff goes on in steps (one step per timer turn). */
  syncComparisons: number;
}

export const DIFF_LIMITS: Readonly<DiffLimits> = { maxEditLength: 1000, maxComparisons: 2_000_000, syncEditLength: 64, syncComparisons: 500_000 };

/**
 * A lower bound of the edit distance: a line that occurs `m` times on one side and `n` on the
 * other is removed or added at least |m − n| times. Linear, so that texts which share few lines
 * are found too different without running the diff at all.
 */
export function editDistanceLowerBound(before: readonly string[], after: readonly string[]): number {
  const balance = new Map<string, number>();
  for (const l of before) balance.set(l, (balance.get(l) ?? 0) + 1);
  for (const l of after) balance.set(l, (balance.get(l) ?? 0) - 1);
  let bound = 0;
  for (const n of balance.values()) bound += Math.abs(n);
  return bound;
}

/** A comparator that counts, and answers "different" once the budget is spent (the result is then thrown away). */
function counted(budget: number) {
  const c = { used: 0, spent: () => c.used > budget, equal: (x: string, y: string) => ++c.used <= budget && x === y };
  return c;
}

/**
 * {@link diffText} within `limits`: the same chunks when the edit distance is at most
 * `limits.maxEditLength` and the comparisons stay within budget, else `null` (too different to
 * show). Small edits are computed at once; larger ones in the library's asynchronous mode, one
 * step of the algorithm per timer turn, so that a large diff never holds the event loop for
 * more than a step.
 */
export async function diffTextBounded(before: string, after: string, limits: Readonly<DiffLimits> = DIFF_LIMITS): Promise<DiffChunk[] | null> {
  const a = splitLines(before);
  const b = splitLines(after);
  if (editDistanceLowerBound(a, b) > limits.maxEditLength) return null;
  const quick = counted(limits.syncComparisons);
  const now = diffArrays(a, b, { maxEditLength: Math.min(limits.syncEditLength, limits.maxEditLength), comparator: quick.equal });
  if (now && !quick.spent()) return toChunks(now);
  if (!now && !quick.spent() && limits.syncEditLength >= limits.maxEditLength) return null;
  const slow = counted(limits.maxComparisons);
  const later = await new Promise<ChangeObject<string[]>[] | undefined>((resolve) =>
    diffArrays(a, b, { maxEditLength: limits.maxEditLength, comparator: slow.equal, callback: resolve }),
  );
  return later && !slow.spent() ? toChunks(later) : null;
}

/** The side a diff was computed from (`removed` and `equal` lines) or to (`added` and `equal`). */
export function sideOf(chunks: readonly DiffChunk[], side: 'before' | 'after'): string[] {
  const skip: DiffOp = side === 'before' ? 'added' : 'removed';
  return chunks.filter((c) => c.op !== skip).flatMap((c) => c.lines);
}

export interface VersionText {
  title: string;
  summary: string;
  body: string;
}

export interface VersionDiff {
  title: DiffChunk[];
  summary: DiffChunk[];
  body: DiffChunk[];
  stats: { added: number; removed: number };
}

export type VersionField = 'title' | 'summary' | 'body';
const FIELDS: readonly VersionField[] = ['title', 'summary', 'body'];

/** A diff of two versions within limits: a field too different to show has `null` chunks and is named in `omitted`. */
export interface BoundedVersionDiff {
  title: DiffChunk[] | null;
  summary: DiffChunk[] | null;
  body: DiffChunk[] | null;
  /** Lines added and removed in the fields shown (those not in `omitted`). */
  stats: { added: number; removed: number };
  tooDifferent: boolean;
  omitted: VersionField[];
}

function statsOf(fields: readonly (DiffChunk[] | null)[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const c of fields.flatMap((f) => f ?? [])) {
    if (c.op === 'added') added += c.lines.length;
    if (c.op === 'removed') removed += c.lines.length;
  }
  return { added, removed };
}

export function diffVersions(from: VersionText, to: VersionText): VersionDiff {
  const title = diffText(from.title, to.title);
  const summary = diffText(from.summary, to.summary);
  const body = diffText(from.body, to.body);
  return { title, summary, body, stats: statsOf([title, summary, body]) };
}

/** {@link diffVersions} within `limits` (each field on its own), as the API serves it. */
export async function diffVersionsBounded(from: VersionText, to: VersionText, limits: Readonly<DiffLimits> = DIFF_LIMITS): Promise<BoundedVersionDiff> {
  const [title, summary, body] = await Promise.all(FIELDS.map((f) => diffTextBounded(from[f], to[f], limits)));
  const omitted = FIELDS.filter((_, i) => [title, summary, body][i] === null);
  return { title, summary, body, stats: statsOf([title, summary, body]), tooDifferent: omitted.length > 0, omitted };
}
