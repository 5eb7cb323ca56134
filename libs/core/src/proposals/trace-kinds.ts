/** The kinds of a proposal's trace lines (API.md, "Trace"). */
export const TRACE_KINDS = [
  'created',
  'version',
  'transition',
  'consultation_opened',
  'consultation_comment',
  'consultation_answered',
  'poll_closed',
  'minority_opinion',
  'agenda_item',
  'decision',
  'plan_item',
  'plan_update',
] as const;
export type TraceKind = (typeof TRACE_KINDS)[number];
