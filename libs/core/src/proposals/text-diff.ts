import { diffLines } from 'diff';

export type DiffOp = 'equal' | 'added' | 'removed';

export interface DiffChunk {
  op: DiffOp;
  lines: string[];
}

function splitLines(value: string): string[] {
  if (value === '') return [];
  const lines = value.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Line-level changes turning `before` into `after` (the `diff` package's Myers diff). */
export function diffText(before: string, after: string): DiffChunk[] {
  // Compare with a trailing newline on both sides, so an unterminated last line diffs like any other.
  const norm = (s: string) => (s === '' || s.endsWith('\n') ? s : `${s}\n`);
  return diffLines(norm(before), norm(after)).map((c) => ({
    op: c.added ? 'added' : c.removed ? 'removed' : 'equal',
    lines: splitLines(c.value),
  }));
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

export function diffVersions(from: VersionText, to: VersionText): VersionDiff {
  const title = diffText(from.title, to.title);
  const summary = diffText(from.summary, to.summary);
  const body = diffText(from.body, to.body);
  let added = 0;
  let removed = 0;
  for (const c of [...title, ...summary, ...body]) {
    if (c.op === 'added') added += c.lines.length;
    if (c.op === 'removed') removed += c.lines.length;
  }
  return { title, summary, body, stats: { added, removed } };
}
