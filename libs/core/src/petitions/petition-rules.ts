import { PetitionStatus } from './petition-states';

export const VERIFICATION_METHODS = ['email', 'certificate'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

/** A council's petition settings (PATCH /councils/:id `{petitions}`). */
export interface PetitionSettings {
  enabled: boolean;
  /** Validated signatures that bring a petition to the council's agenda. */
  agendaThreshold: number;
  /** Validated signatures after which the council owes a written answer (below the agenda threshold); null: none. */
  responseThreshold: number | null;
  /** How long a published petition takes signatures. */
  signatureDays: number;
  /** How long the council has to answer once a threshold is reached. */
  responseDays: number;
  verification: VerificationMethod[];
  /** Where the proposal of a referred petition goes. */
  workingGroupId: string;
}

/** What is wrong with a set of settings, field by field (empty when they are consistent). */
export function petitionSettingsProblems(s: PetitionSettings): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (s.responseThreshold !== null && s.responseThreshold >= s.agendaThreshold) {
    problems.push({ field: 'petitions.responseThreshold', message: 'must be below agendaThreshold' });
  }
  if (s.enabled && s.verification.length === 0) problems.push({ field: 'petitions.verification', message: 'must name at least one method' });
  return problems;
}

/** What a validated signature changes when the count goes from `before` to `after` (= before + 1). */
export interface CountEffect {
  /** The petition reaches the agenda threshold: it becomes `referred` now. */
  refer: boolean;
  /** The response threshold is reached now: `responseDueOn` is set. */
  responseDue: boolean;
}

/**
 * The effect of one more validated signature. Each threshold is reached by
 * exactly one signature (the count passes it once), and only while the
 * petition is open.
 */
export function effectOfSignature(status: PetitionStatus, before: number, after: number, thresholds: { agendaThreshold: number; responseThreshold: number | null }): CountEffect {
  if (status !== 'open') return { refer: false, responseDue: false };
  const crossed = (t: number | null) => t !== null && before < t && after >= t;
  return { refer: crossed(thresholds.agendaThreshold), responseDue: crossed(thresholds.responseThreshold) };
}

/** Progress toward a threshold, 0..1 (1 once reached). */
export function progressToward(count: number, threshold: number | null): number | null {
  if (threshold === null) return null;
  return Math.min(1, count / threshold);
}

const DAY_MS = 24 * 3600 * 1000;

/** When a petition published at `at` stops taking signatures. */
export const closesAtOf = (at: Date, signatureDays: number): Date => new Date(at.getTime() + signatureDays * DAY_MS);

/** The date (YYYY-MM-DD, UTC) by which the council answers: `days` after `at`. */
export const responseDueOnOf = (at: Date, days: number): string => new Date(at.getTime() + days * DAY_MS).toISOString().slice(0, 10);

/** How long an emailed confirmation link works. */
export const CONFIRMATION_HOURS = 48;

export const confirmationExpiresAt = (at: Date): Date => new Date(at.getTime() + CONFIRMATION_HOURS * 3600 * 1000);

/**
 * The exact text a certificate signature covers (GET /petitions/:id/signing-text).
 * It names the petition by id and carries its whole text, which never changes
 * once submitted, so a signature over it cannot be moved to another petition.
 */
export function signingTextOf(p: { id: string; title: string; summary: string; body: string }): string {
  return [
    'Kenes petition signature',
    `Petition: ${p.id}`,
    `Title: ${p.title}`,
    '',
    'I support this petition:',
    '',
    p.summary,
    '',
    p.body,
    '',
  ].join('\n');
}

/** A fixed window's start: windows of `windowMs` counted from the epoch. */
export const windowStartOf = (now: Date, windowMs: number): Date => new Date(Math.floor(now.getTime() / windowMs) * windowMs);

/** Seconds until the window that holds `now` ends (at least 1): a 429's Retry-After. */
export const retryAfterSeconds = (now: Date, windowMs: number): number => {
  const end = windowStartOf(now, windowMs).getTime() + windowMs;
  return Math.max(1, Math.ceil((end - now.getTime()) / 1000));
};
