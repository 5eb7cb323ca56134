import { Base, Choice, ceilMulDiv, floorMulDiv, Fraction, Method, quorumNeeded, ResolvedRule } from './tally-rule';

export type Counts = Record<Choice, number>;
export type Outcome = 'adopted' | 'rejected' | 'no_quorum' | 'tied';
export type CastingDecision = 'adopted' | 'rejected';

export const ZERO_COUNTS: Readonly<Counts> = Object.freeze({ for: 0, against: 0, abstain: 0, block: 0, stand_aside: 0 });

export interface TallyInput {
  rule: ResolvedRule;
  /** Voters fixed when the poll opened. */
  eligible: number;
  /** Eligible voters present when the poll closed (session polls); null when not taken. */
  present: number | null;
  counts: Counts;
  /** The chair's decision on a tied majority, once recorded. */
  castingDecision?: CastingDecision | null;
  /** Ballots among `counts` cast by proxy (Proxy voting); 0 when none. */
  represented?: number;
  /**
   * Whether represented members count towards the quorum (the council's
   * countTowardQuorum, fixed when the poll opened); when false, ballots cast
   * by proxy are counted but the quorum is reached by the others alone.
   * The caller's `present` already includes represented members or not.
   */
  countTowardQuorum?: boolean;
}

/** The facts an explanation is made of; render() turns them into words. */
export interface ExplanationFacts {
  outcome: Outcome;
  castingDecision: CastingDecision | null;
  method: Method;
  base: Base;
  baseSize: number;
  forCount: number;
  forNeeded: number;
  threshold: Fraction | null;
  comparator: 'at_least' | 'more_than' | null;
  blocks: number;
  objections: number;
  participation: number;
  eligible: number;
  quorumNeeded: number | null;
  /** Ballots cast by proxy (absent from tallies stored before proxy voting: read as 0). */
  represented?: number;
  /** Whether they count towards the quorum. */
  representedCounted?: boolean;
  /** The participation the quorum was measured with (participation less uncounted proxy ballots). */
  quorumParticipation?: number;
}

export interface Tally {
  counts: Counts;
  base: Base;
  baseSize: number;
  forNeeded: number;
  quorumNeeded: number | null;
  quorumReached: boolean;
  participation: number;
  eligible: number;
  present: number | null;
  /** Ballots cast by proxy. */
  represented: number;
  outcome: Outcome;
  castingDecision: CastingDecision | null;
  facts: ExplanationFacts;
}

/** A tally as stored with its poll: those stored before proxy voting have no `represented` (read as 0). */
export type StoredTally = Omit<Tally, 'represented'> & { represented?: number };

/**
 * Size of the base. For consensus, `block` stands where `against` does and
 * `stand_aside` where `abstain` does (the base is reported, not decisive).
 */
export function baseSize(base: Base, method: Method, c: Counts, eligible: number, present: number | null): number {
  const opposed = method === 'consensus' ? c.block : c.against;
  const abstained = method === 'consensus' ? c.stand_aside : c.abstain;
  switch (base) {
    case 'cast':
      return c.for + opposed;
    case 'cast_with_abstentions':
      return c.for + opposed + abstained;
    case 'present':
      return present ?? 0;
    case 'eligible':
      return eligible;
  }
}

/** The exact number of `for` ballots an adoption needs out of a base of size B. */
export function forNeeded(rule: ResolvedRule, B: number): number {
  switch (rule.method) {
    case 'majority':
      return Math.floor(B / 2) + 1;
    case 'qualified': {
      const t = rule.threshold as Fraction;
      return rule.comparator === 'more_than' ? floorMulDiv(B, t.numerator, t.denominator) + 1 : ceilMulDiv(B, t.numerator, t.denominator);
    }
    case 'unanimity':
      return B;
    case 'consensus':
    case 'consent':
      return 1;
  }
}

/**
 * The tally, by SPEC.md's order: participation below the quorum → no_quorum;
 * an empty base → rejected; enough `for` (and, for consensus and consent, no
 * block or objection) → adopted; a majority with for = against under
 * `tie: chair_decides` → tied until the chair's casting decision; otherwise
 * rejected. Integers only: fractions stay numerator/denominator.
 */
export function tally(input: TallyInput): Tally {
  const { rule, eligible, present, counts } = input;
  const participation = counts.for + counts.against + counts.abstain + counts.block + counts.stand_aside;
  const B = baseSize(rule.base, rule.method, counts, eligible, present);
  const needed = forNeeded(rule, B);
  const qNeeded = quorumNeeded(rule.quorum, eligible);
  const represented = input.represented ?? 0;
  const counted = input.countTowardQuorum ?? false;
  const quorumParticipation = counted ? participation : participation - represented;
  const quorumReached = qNeeded === null || quorumParticipation >= qNeeded;
  const casting = input.castingDecision ?? null;
  let outcome: Outcome;
  if (!quorumReached) outcome = 'no_quorum';
  else if (B === 0) outcome = 'rejected';
  else if (
    counts.for >= needed &&
    !(rule.method === 'consensus' && counts.block > 0) &&
    !(rule.method === 'consent' && counts.against > 0)
  )
    outcome = 'adopted';
  else if (rule.method === 'majority' && rule.tie === 'chair_decides' && counts.for === counts.against) outcome = casting ?? 'tied';
  else outcome = 'rejected';
  const castingDecision = outcome !== 'tied' && rule.method === 'majority' && rule.tie === 'chair_decides' && counts.for === counts.against && quorumReached && B > 0 && casting ? casting : null;
  return {
    counts: { ...counts },
    base: rule.base,
    baseSize: B,
    forNeeded: needed,
    quorumNeeded: qNeeded,
    quorumReached,
    participation,
    eligible,
    present,
    represented,
    outcome,
    castingDecision,
    facts: {
      outcome,
      castingDecision,
      method: rule.method,
      base: rule.base,
      baseSize: B,
      forCount: counts.for,
      forNeeded: needed,
      threshold: rule.threshold,
      comparator: rule.comparator,
      blocks: counts.block,
      objections: counts.against,
      participation,
      eligible,
      quorumNeeded: qNeeded,
      ...(represented > 0 ? { represented, representedCounted: counted, quorumParticipation } : {}),
    },
  };
}

/**
 * Whose ballot differs from the outcome (SPEC.md, step 4): when adopted,
 * every ballot that is not `for`; when rejected, every `for`; no_quorum and
 * (undecided) tied polls have no minority.
 */
export function isMinorityChoice(outcome: Outcome, choice: Choice): boolean {
  if (outcome === 'adopted') return choice !== 'for';
  if (outcome === 'rejected') return choice === 'for';
  return false;
}
