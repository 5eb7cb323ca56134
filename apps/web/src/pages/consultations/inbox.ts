/** The inbox's plain rules: which group a consultation stands in, and how a cited text is cut around its anchors. */

export type InboxGroup = 'overdue' | 'dueSoon' | 'open' | 'answered';
export const INBOX_GROUPS: readonly InboxGroup[] = ['overdue', 'dueSoon', 'open', 'answered'];

/** A consultation is "due soon" when it is open and due within this many days. */
export const DUE_SOON_DAYS = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface InboxConsultation {
  status: 'open' | 'answered' | 'overdue';
  dueAt: string;
}

/**
 * The group of one consultation at `now`: answered ones by their status; an
 * unanswered one past its due date is overdue (the server says so too, but a
 * page left open crosses the date on its own); an open one due within
 * three days is due soon; the rest are open.
 */
export function inboxGroup(c: InboxConsultation, now: number): InboxGroup {
  if (c.status === 'answered') return 'answered';
  const due = Date.parse(c.dueAt);
  if (c.status === 'overdue' || due <= now) return 'overdue';
  return due - now <= DUE_SOON_DAYS * DAY_MS ? 'dueSoon' : 'open';
}

/** The consultations by group, each group by due date (the soonest first; answered ones the latest first). */
export function groupInbox<T extends InboxConsultation>(items: readonly T[], now: number): Record<InboxGroup, T[]> {
  const out: Record<InboxGroup, T[]> = { overdue: [], dueSoon: [], open: [], answered: [] };
  for (const c of items) out[inboxGroup(c, now)].push(c);
  const byDue = (a: T, b: T) => Date.parse(a.dueAt) - Date.parse(b.dueAt);
  for (const g of INBOX_GROUPS) out[g].sort(byDue);
  out.answered.reverse();
  return out;
}

export interface Span {
  start: number;
  end: number;
}

/** A piece of the cited text: plain, or covered by the anchors listed (their indexes in the input). */
export interface Segment {
  text: string;
  start: number;
  anchors: number[];
}

/**
 * The text cut at every anchor's ends, each piece with the anchors that cover
 * it (overlapping anchors give pieces covered by several). Anchors are
 * clipped to the text; empty ones are left out. The pieces, joined, are the
 * text itself, so offsets in the page are offsets in the text.
 */
export function anchorSegments(text: string, anchors: readonly Span[]): Segment[] {
  const cuts = new Set<number>([0, text.length]);
  const clipped = anchors.map((a) => ({ start: Math.max(0, Math.min(a.start, text.length)), end: Math.max(0, Math.min(a.end, text.length)) }));
  for (const a of clipped) if (a.end > a.start) cuts.add(a.start).add(a.end);
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const [start, end] = [points[k], points[k + 1]];
    if (end <= start) continue;
    const covering = clipped.flatMap((a, i) => (a.start <= start && a.end >= end && a.end > a.start ? [i] : []));
    out.push({ text: text.slice(start, end), start, anchors: covering });
  }
  return out;
}
