/**
 * The console's form rules. The poll rule builder itself is shared with the
 * working group's poll page: it lives in src/rules/.
 */
export * from '../../../rules/rule';

export const GRANT_UNITS = ['seconds', 'minutes'] as const;
export type GrantUnit = (typeof GRANT_UNITS)[number];
/** What floor.grant accepts. */
export const MAX_GRANT_SECONDS = 3600;

/** A speaking time typed as a number of seconds or minutes, as floor.grant's seconds (1..3600), else null. */
export function grantSeconds(text: string, unit: GrantUnit): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^\d{1,4}(\.\d{1,2})?$/.test(t)) return null;
  const seconds = Math.round(Number(t) * (unit === 'minutes' ? 60 : 1));
  return seconds >= 1 && seconds <= MAX_GRANT_SECONDS ? seconds : null;
}
