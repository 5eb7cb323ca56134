/**
 * The proposal page's rules, as plain functions: what the caller may request
 * now (the API exposes no list of allowed targets without a failing request,
 * so they are derived from the status and the caller's capacities as
 * API.md "Proposal transitions" states them), where an anchored span falls,
 * and the trace's entries in words.
 */

// The trace's kinds are the core's own list (a file of constants alone; trace-text.spec.ts checks the page tells every one).
import { TRACE_KINDS as KINDS, type TraceKind } from '../../../../../libs/core/src/proposals/trace-kinds';

export type ProposalStatus =
  | 'draft'
  | 'in_consultation'
  | 'in_deliberation'
  | 'recommended'
  | 'not_recommended'
  | 'on_agenda'
  | 'supported'
  | 'supported_with_changes'
  | 'deferred'
  | 'not_supported'
  | 'in_implementation'
  | 'implemented'
  | 'withdrawn';

export const STATUSES: readonly ProposalStatus[] = [
  'draft',
  'in_consultation',
  'in_deliberation',
  'recommended',
  'not_recommended',
  'on_agenda',
  'supported',
  'supported_with_changes',
  'deferred',
  'not_supported',
  'in_implementation',
  'implemented',
  'withdrawn',
];

export interface Capacities {
  /** The caller is one of the proposal's authors. */
  coAuthor: boolean;
  /** The caller coordinates the proposal's working group. */
  coordinator: boolean;
}

/** The moves a caller may request through POST /transitions (the others happen by themselves). */
const REQUESTABLE: readonly { from: readonly ProposalStatus[]; to: ProposalStatus; by: readonly (keyof Capacities)[] }[] = [
  { from: ['draft', 'in_consultation', 'not_recommended'], to: 'in_deliberation', by: ['coAuthor', 'coordinator'] },
  { from: ['draft', 'in_consultation', 'in_deliberation', 'recommended', 'not_recommended', 'deferred'], to: 'withdrawn', by: ['coAuthor'] },
];

/** The targets this caller may request from `status` now, in the table's order. */
export function allowedTargets(status: ProposalStatus, who: Capacities): ProposalStatus[] {
  return REQUESTABLE.filter((m) => m.from.includes(status) && m.by.some((c) => who[c])).map((m) => m.to);
}

/** Statuses in which the text may still change (PUT answers 409 after them). */
export const isEditable = (status: ProposalStatus) => status === 'draft' || status === 'in_consultation' || status === 'in_deliberation';

/** Statuses in which a consultation may be opened. */
export const isConsultable = isEditable;

/** Who may open a consultation: the secretariat or the group's coordinator. */
export const mayOpenConsultation = (status: ProposalStatus, who: { secretariat: boolean; coordinator: boolean }) => isConsultable(status) && (who.secretariat || who.coordinator);

export interface Anchor {
  version: number;
  start: number;
  end: number;
}

export interface Segment {
  start: number;
  end: number;
  text: string;
  /** The ids of the comments whose spans cover this piece (empty: plain text). */
  ids: string[];
}

/**
 * The body cut at every anchored span's edges: each piece knows which
 * comments cover it (overlapping spans give pieces covered by several).
 * Spans outside the text are clipped; empty ones are left out.
 */
export function segments(body: string, spans: readonly { id: string; start: number; end: number }[]): Segment[] {
  const valid = spans
    .map((s) => ({ id: s.id, start: Math.max(0, Math.min(s.start, body.length)), end: Math.max(0, Math.min(s.end, body.length)) }))
    .filter((s) => s.end > s.start);
  const cuts = new Set<number>([0, body.length]);
  for (const s of valid) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    if (end <= start) continue;
    out.push({ start, end, text: body.slice(start, end), ids: valid.filter((s) => s.start <= start && s.end >= end).map((s) => s.id) });
  }
  return out;
}

/**
 * A selection as character offsets into the body: `before` is the text from
 * the body's start to the selection's start, `selected` the selected text.
 * Null when nothing (or only white space) is selected.
 */
export function selectionAnchor(version: number, before: string, selected: string): Anchor | null {
  if (!selected.trim()) return null;
  return { version, start: before.length, end: before.length + selected.length };
}

export type { TraceKind };

/** A trace line's facts by kind (GET /trace's `data`; null on lines written before the server recorded them). */
export interface TraceData {
  origin?: string;
  groupName?: string;
  title?: string;
  authorName?: string;
  signatures?: number;
  agendaThreshold?: number;
  version?: number;
  from?: string;
  to?: string;
  cause?: string | null;
  reason?: string | null;
  agencyName?: string;
  aspects?: string[];
  dueAt?: string;
  authorKind?: string;
  aspect?: string;
  position?: string | null;
  question?: string;
  outcome?: string;
  castingDecision?: string | null;
  counts?: Record<string, number>;
  sessionTitle?: string;
  itemPosition?: number;
  resolution?: string;
  instruction?: string | null;
  deliverable?: string;
  dueOn?: string;
  legalActRef?: string | null;
  note?: string | null;
}

export interface TraceEntry {
  at: string;
  kind: string;
  summary: string;
  ref: { type: string; id: string };
  data?: TraceData | null;
}

/** Where a trace entry leads on this page or another: an anchor of this page, an app path, or nothing. */
export type TraceLink = { kind: 'section'; hash: string } | { kind: 'page'; href: string } | { kind: 'implementation' } | null;

/** What a trace entry is about: a version number, the statuses of a move (from its data; from the English summary on older lines). */
export interface TraceWords {
  kind: TraceKind | 'other';
  version?: number;
  from?: ProposalStatus;
  to?: ProposalStatus;
  /** On an older line without data, what the summary adds to a move: its cause or reason (English), when any. */
  why?: string;
  link: TraceLink;
}

const isStatus = (s: string): s is ProposalStatus => (STATUSES as readonly string[]).includes(s);

/** A trace entry as the page tells it: its kind, the numbers and statuses it names, and where it links. */
export function traceWords(e: TraceEntry): TraceWords {
  const kind = (KINDS as readonly string[]).includes(e.kind) ? (e.kind as TraceKind) : 'other';
  const out: TraceWords = { kind, link: null };
  const d = e.data;
  if (kind === 'version') {
    const n = d?.version ?? Number(/Version (\d+)/.exec(e.summary)?.[1] ?? NaN);
    if (Number.isInteger(n)) {
      out.version = n;
      out.link = { kind: 'section', hash: `version-${out.version}` };
    }
  } else if (kind === 'transition' && d?.from && d.to) {
    if (isStatus(d.from) && isStatus(d.to)) [out.from, out.to] = [d.from, d.to];
  } else if (kind === 'transition') {
    const m = /^(\w+) → (\w+)(?: \((.+)\)|: (.+))?$/s.exec(e.summary);
    if (m && isStatus(m[1]) && isStatus(m[2])) [out.from, out.to] = [m[1], m[2]];
    const why = m?.[3] ?? m?.[4];
    if (why) out.why = why;
  } else if (kind === 'created' && e.ref.type === 'petition') {
    out.link = { kind: 'page', href: `/petitions/${e.ref.id}` };
  } else if (kind === 'consultation_opened' || kind === 'consultation_answered') {
    out.link = { kind: 'section', hash: `consultation-${e.ref.id}` };
  } else if (kind === 'consultation_comment') {
    out.link = { kind: 'section', hash: 'consultations' };
  } else if (kind === 'poll_closed') {
    out.link = { kind: 'page', href: `/polls/${e.ref.id}` };
  } else if (kind === 'minority_opinion') {
    out.link = { kind: 'section', hash: `opinion-${e.ref.id}` };
  } else if (kind === 'plan_item' || kind === 'plan_update') {
    out.link = { kind: 'implementation' };
  }
  return out;
}

/** Whether a due date (a `YYYY-MM-DD` date, due at its end in UTC) lies in the future. */
export function dueAtOf(date: string, now: Date): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const at = new Date(`${date}T23:59:59.000Z`);
  if (Number.isNaN(at.getTime()) || at.getTime() <= now.getTime()) return null;
  return at.toISOString();
}

export interface DiffChunk {
  op: 'equal' | 'added' | 'removed';
  lines: string[];
}

/** Unchanged lines left out of a diff's view: how many. */
export interface DiffFold {
  op: 'fold';
  count: number;
}

/**
 * The changes with the unchanged lines around them: of a run of unchanged
 * lines, `context` lines after a change and `context` before the next stay,
 * and the rest fold into a count (a one-line change in a long text is a few
 * lines, not the whole text twice over). A fold hides two lines at least.
 */
export function foldUnchanged(chunks: readonly DiffChunk[], context = 3): (DiffChunk | DiffFold)[] {
  const out: (DiffChunk | DiffFold)[] = [];
  chunks.forEach((c, i) => {
    if (c.op !== 'equal') return out.push(c);
    const head = i > 0 ? context : 0;
    const tail = i < chunks.length - 1 ? context : 0;
    const hidden = c.lines.length - head - tail;
    if (hidden < 2) return out.push(c);
    if (head) out.push({ op: 'equal', lines: c.lines.slice(0, head) });
    out.push({ op: 'fold', count: hidden });
    if (tail) out.push({ op: 'equal', lines: c.lines.slice(c.lines.length - tail) });
  });
  return out;
}

/** One row of a side-by-side diff: the old line on the left, the new on the right (null: none on that side); or folded unchanged lines. */
export type DiffRow = { left: string | null; right: string | null; op: 'equal' | 'changed' | 'removed' | 'added' } | { op: 'fold'; count: number };

/** Line chunks as side-by-side rows: removed lines face the added lines that follow them. */
export function sideBySide(chunks: readonly (DiffChunk | DiffFold)[]): DiffRow[] {
  const rows: DiffRow[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i];
    if (c.op === 'fold') {
      rows.push(c);
    } else if (c.op === 'equal') {
      for (const line of c.lines) rows.push({ left: line, right: line, op: 'equal' });
    } else if (c.op === 'removed') {
      const after = chunks[i + 1];
      const next = after?.op === 'added' ? (i++, after.lines) : [];
      const n = Math.max(c.lines.length, next.length);
      for (let k = 0; k < n; k++) {
        const [left, right] = [c.lines[k] ?? null, next[k] ?? null];
        rows.push({ left, right, op: left !== null && right !== null ? 'changed' : left !== null ? 'removed' : 'added' });
      }
    } else {
      for (const line of c.lines) rows.push({ left: null, right: line, op: 'added' });
    }
  }
  return rows;
}

/** A version as the trace dates it (its `version` entries), oldest first: the list needs no text. */
export interface VersionMeta {
  version: number;
  at: string;
}

export function versionsOf(entries: readonly TraceEntry[]): VersionMeta[] {
  const seen = new Map<number, string>();
  for (const e of entries) {
    const w = e.kind === 'version' ? traceWords(e) : null;
    if (w?.version !== undefined && !seen.has(w.version)) seen.set(w.version, e.at);
  }
  return [...seen].map(([version, at]) => ({ version, at })).sort((a, b) => a.version - b.version);
}

/** A run of the history's version entries left out of view: how many, after which entry's position. */
export interface TraceFold {
  fold: number;
}

/**
 * The history with each long run of consecutive version entries folded: the
 * run's first `keep` and last `keep` entries stay, the rest become one fold
 * (a proposal amended 200 times tells its story, not 200 lines of "Version N
 * written"). Runs of fewer than `2 * keep + 2` entries stay whole.
 */
export function foldVersionRuns<T extends { kind: string }>(entries: readonly T[], keep = 2): (T | TraceFold)[] {
  const out: (T | TraceFold)[] = [];
  for (let i = 0; i < entries.length; ) {
    let j = i;
    while (j < entries.length && entries[j].kind === 'version') j++;
    if (j === i) {
      out.push(entries[i++]);
      continue;
    }
    const run = entries.slice(i, j);
    if (run.length < 2 * keep + 2) out.push(...run);
    else out.push(...run.slice(0, keep), { fold: run.length - 2 * keep }, ...run.slice(run.length - keep));
    i = j;
  }
  return out;
}
