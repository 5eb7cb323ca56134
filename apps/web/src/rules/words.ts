import type { Base, Method } from './rule';

/**
 * A poll's rule in plain words, before anyone votes (SPEC.md, "Tally
 * rules"): what adopts it, which base it counts against, how many votes for
 * a base of a given size needs, the quorum, a tie, and whether a vote may be
 * changed. Plain data (message ids of the rule catalog and their values):
 * the numbers are computed here, in whole numbers, the way the server's
 * tally computes them, so that "36 of 60 present is a majority, 36 of 100
 * members is not" is written out before the vote rather than discovered
 * after it.
 */

/** A rule as the API gives it (fields may be null or missing; defaults as in SPEC.md). */
export interface RuleLike {
  method: Method;
  base: Base | string;
  threshold?: { numerator: number; denominator: number } | null;
  comparator?: 'at_least' | 'more_than' | null;
  quorum?: { count?: number; numerator?: number; denominator?: number } | null;
  tie?: 'fails' | 'chair_decides' | null;
  allowChange?: boolean;
}

/** Exact ceil(a·n/d) and floor(a·n/d) for non-negative integers. */
const ceilMulDiv = (a: number, n: number, d: number) => Number((BigInt(a) * BigInt(n) + BigInt(d) - 1n) / BigInt(d));
const floorMulDiv = (a: number, n: number, d: number) => Number((BigInt(a) * BigInt(n)) / BigInt(d));

/**
 * The votes for that adopt it out of a base of size B: majority floor(B/2)+1;
 * qualified at least n/d ceil(B·n/d), more than n/d floor(B·n/d)+1;
 * unanimity B; consensus and consent 1 (with no block, no objection).
 */
export function forNeeded(rule: RuleLike, B: number): number {
  switch (rule.method) {
    case 'majority':
      return Math.floor(B / 2) + 1;
    case 'qualified': {
      const t = rule.threshold ?? { numerator: 1, denominator: 1 };
      return rule.comparator === 'more_than' ? floorMulDiv(B, t.numerator, t.denominator) + 1 : ceilMulDiv(B, t.numerator, t.denominator);
    }
    case 'unanimity':
      return B;
    case 'consensus':
    case 'consent':
      return 1;
  }
}

/** The quorum as a number of voters out of E eligible (the count, or ceil(E·n/d)); null without a quorum or, for a share, without E. */
export function quorumNeeded(rule: RuleLike, eligible: number | null): number | null {
  const q = rule.quorum;
  if (!q) return null;
  if (typeof q.count === 'number') return q.count;
  if (typeof q.numerator === 'number' && typeof q.denominator === 'number' && eligible !== null) return ceilMulDiv(eligible, q.numerator, q.denominator);
  return null;
}

/** Whether the base decides the outcome (it is only reported for consensus and consent). */
export const baseDecides = (method: Method): boolean => method !== 'consensus' && method !== 'consent';

export const WORD_IDS = [
  'rules.words.majority',
  'rules.words.qualified.at_least',
  'rules.words.qualified.more_than',
  'rules.words.unanimity',
  'rules.words.consensus',
  'rules.words.consent',
  'rules.words.base.cast',
  'rules.words.base.cast_with_abstentions',
  'rules.words.base.present',
  'rules.words.base.eligible',
  'rules.words.reported.cast',
  'rules.words.reported.cast_with_abstentions',
  'rules.words.reported.present',
  'rules.words.reported.eligible',
  'rules.words.needed.cast',
  'rules.words.needed.cast_with_abstentions',
  'rules.words.needed.present',
  'rules.words.needed.eligible',
  'rules.words.emptyBase',
  'rules.words.enough',
  'rules.words.notEnough',
  'rules.words.quorum.none',
  'rules.words.quorum.count',
  'rules.words.quorum.share',
  'rules.words.quorum.shareOf',
  'rules.words.tie.fails',
  'rules.words.tie.chair_decides',
  'rules.words.change.allowed',
  'rules.words.change.final',
  'rules.words.secret',
  'rules.words.named',
] as const;
export type WordId = (typeof WORD_IDS)[number];

export interface Sentence {
  /** What the sentence is about (a test and a screen reader's list find it by this). */
  topic: 'method' | 'base' | 'needed' | 'example' | 'quorum' | 'tie' | 'change' | 'secrecy';
  id: WordId;
  values?: Record<string, number>;
}

const BASE_NAMES = ['cast', 'cast_with_abstentions', 'present', 'eligible'] as const;
const baseOf = (base: string): (typeof BASE_NAMES)[number] => ((BASE_NAMES as readonly string[]).includes(base) ? (base as (typeof BASE_NAMES)[number]) : 'cast');

export interface WordsOptions {
  secret: boolean;
  /** The size of the base to state the votes needed for (an example, or the real one once known); null: none stated. */
  baseSize: number | null;
  /** The eligible voters, when known (fixed when the poll opens): states a quorum share as a number. */
  eligible: number | null;
  /** A number of votes for to try against baseSize: says whether it would be enough. */
  forCount?: number | null;
}

/** The rule as sentences, in reading order. */
export function ruleInWords(rule: RuleLike, o: WordsOptions): Sentence[] {
  const out: Sentence[] = [];
  const base = baseOf(rule.base);
  switch (rule.method) {
    case 'qualified': {
      const t = rule.threshold ?? { numerator: 1, denominator: 1 };
      out.push({ topic: 'method', id: rule.comparator === 'more_than' ? 'rules.words.qualified.more_than' : 'rules.words.qualified.at_least', values: { n: t.numerator, d: t.denominator } });
      break;
    }
    default:
      out.push({ topic: 'method', id: `rules.words.${rule.method}` });
  }
  const decides = baseDecides(rule.method);
  out.push({ topic: 'base', id: decides ? `rules.words.base.${base}` : `rules.words.reported.${base}` });
  if (decides && o.baseSize !== null && o.baseSize >= 0) {
    const size = o.baseSize;
    if (size === 0) out.push({ topic: 'needed', id: 'rules.words.emptyBase' });
    else {
      const needed = forNeeded(rule, size);
      out.push({ topic: 'needed', id: `rules.words.needed.${base}`, values: { size, needed } });
      if (typeof o.forCount === 'number' && o.forCount >= 0 && o.forCount <= size) {
        out.push({ topic: 'example', id: o.forCount >= needed ? 'rules.words.enough' : 'rules.words.notEnough', values: { forCount: o.forCount, size, needed } });
      }
    }
  }
  const q = rule.quorum;
  if (!q) out.push({ topic: 'quorum', id: 'rules.words.quorum.none' });
  else if (typeof q.count === 'number') out.push({ topic: 'quorum', id: 'rules.words.quorum.count', values: { count: q.count } });
  else {
    const n = q.numerator ?? 1;
    const d = q.denominator ?? 1;
    const needed = quorumNeeded(rule, o.eligible);
    out.push(needed !== null && o.eligible !== null ? { topic: 'quorum', id: 'rules.words.quorum.shareOf', values: { n, d, needed, eligible: o.eligible } } : { topic: 'quorum', id: 'rules.words.quorum.share', values: { n, d } });
  }
  if (rule.method === 'majority') out.push({ topic: 'tie', id: rule.tie === 'chair_decides' ? 'rules.words.tie.chair_decides' : 'rules.words.tie.fails' });
  out.push({ topic: 'change', id: !o.secret && (rule.allowChange ?? true) ? 'rules.words.change.allowed' : 'rules.words.change.final' });
  out.push({ topic: 'secrecy', id: o.secret ? 'rules.words.secret' : 'rules.words.named' });
  return out;
}
