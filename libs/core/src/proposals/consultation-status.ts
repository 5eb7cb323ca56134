export type ConsultationStatus = 'open' | 'answered' | 'overdue';

/** `overdue` is derived: the due date has passed with no final response. */
export function consultationStatus(c: { answeredAt: Date | null; dueAt: Date }, now: Date): ConsultationStatus {
  if (c.answeredAt) return 'answered';
  return c.dueAt.getTime() < now.getTime() ? 'overdue' : 'open';
}

export const CONSULTATION_ASPECTS = ['economic', 'legal', 'organisational', 'other'] as const;
export type ConsultationAspect = (typeof CONSULTATION_ASPECTS)[number];

export const AGENCY_POSITIONS = ['supports', 'supports_with_conditions', 'objects', 'needs_information'] as const;
export type AgencyPosition = (typeof AGENCY_POSITIONS)[number];
