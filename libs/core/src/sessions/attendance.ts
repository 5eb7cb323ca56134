import { ceilMulDiv } from '../polls/tally-rule';

export type PlenaryQuorum = { count: number } | { numerator: number; denominator: number };

/**
 * Whether the plenary's quorum is met by those present: `{count}`, or
 * ceil(voters·n/d). null when no quorum applies (a working-group session, or
 * a council without plenaryQuorum).
 */
export function quorumMet(rule: PlenaryQuorum | null, voters: number, present: number): boolean | null {
  if (!rule) return null;
  const needed = 'count' in rule ? rule.count : ceilMulDiv(voters, rule.numerator, rule.denominator);
  return present >= needed;
}
