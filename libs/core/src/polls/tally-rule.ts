/**
 * A poll's tally rule (SPEC.md, "Tally rules"): data, declared before anyone
 * votes, validated when the poll is created.
 */
export const METHODS = ['majority', 'qualified', 'unanimity', 'consensus', 'consent'] as const;
export type Method = (typeof METHODS)[number];

export const BASES = ['cast', 'cast_with_abstentions', 'present', 'eligible'] as const;
export type Base = (typeof BASES)[number];

export const CHOICES = ['for', 'against', 'abstain', 'block', 'stand_aside'] as const;
export type Choice = (typeof CHOICES)[number];

export interface Fraction {
  numerator: number;
  denominator: number;
}

export type Quorum = { count: number } | Fraction;

export interface TallyRule {
  method: Method;
  base: Base;
  threshold?: Fraction;
  comparator?: 'at_least' | 'more_than';
  quorum?: Quorum;
  tie?: 'fails' | 'chair_decides';
  allowChange?: boolean;
}

/** A rule with its defaults filled in. */
export interface ResolvedRule {
  method: Method;
  base: Base;
  threshold: Fraction | null;
  comparator: 'at_least' | 'more_than' | null;
  quorum: Quorum | null;
  tie: 'fails' | 'chair_decides' | null;
  allowChange: boolean;
}

/** The choices a method takes. */
export function choicesOf(method: Method): readonly Choice[] {
  return method === 'consensus' ? ['for', 'stand_aside', 'block'] : ['for', 'against', 'abstain'];
}

export interface RuleProblem {
  field: string;
  message: string;
}

const MAX_TERM = 1_000_000;
const isPositiveInt = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x > 0 && x <= MAX_TERM;
const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k) && (o as Record<string, unknown>)[k] !== undefined;

function fractionProblem(value: unknown, field: string): RuleProblem | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { field, message: 'must be {numerator, denominator}' };
  const extra = Object.keys(value).filter((k) => k !== 'numerator' && k !== 'denominator');
  if (extra.length) return { field: `${field}.${extra[0]}`, message: 'is not a known field' };
  const f = value as Record<string, unknown>;
  if (!isPositiveInt(f.numerator)) return { field: `${field}.numerator`, message: `must be an integer from 1 to ${MAX_TERM}` };
  if (!isPositiveInt(f.denominator)) return { field: `${field}.denominator`, message: `must be an integer from 1 to ${MAX_TERM}` };
  if ((f.numerator as number) > (f.denominator as number)) return { field, message: 'must not exceed 1 (0 < numerator/denominator <= 1)' };
  return null;
}

/**
 * Every reason the rule cannot be used, naming the field (`rule.threshold`,
 * ...). `kind` is where the poll is held: a group poll has no one "present",
 * so base `present` is refused there.
 */
export function ruleProblems(rule: unknown, ctx: { kind: 'group' | 'session'; secret: boolean }, prefix = 'rule'): RuleProblem[] {
  const out: RuleProblem[] = [];
  const f = (k: string) => `${prefix}.${k}`;
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) return [{ field: prefix, message: 'must be an object' }];
  const r = rule as Record<string, unknown>;
  const known = ['method', 'base', 'threshold', 'comparator', 'quorum', 'tie', 'allowChange'];
  for (const k of Object.keys(r)) if (!known.includes(k)) out.push({ field: f(k), message: 'is not a known field' });
  const method = r.method as Method;
  if (!(METHODS as readonly unknown[]).includes(r.method)) out.push({ field: f('method'), message: `must be one of ${METHODS.join(', ')}` });
  if (!(BASES as readonly unknown[]).includes(r.base)) out.push({ field: f('base'), message: `must be one of ${BASES.join(', ')}` });
  else if (r.base === 'present' && ctx.kind === 'group') out.push({ field: f('base'), message: 'present is only for session polls (a group poll has no attendance)' });
  if (method === 'qualified') {
    if (!has(r, 'threshold')) out.push({ field: f('threshold'), message: 'is required for a qualified majority' });
    else {
      const p = fractionProblem(r.threshold, f('threshold'));
      if (p) out.push(p);
    }
  } else if (has(r, 'threshold')) out.push({ field: f('threshold'), message: `is taken only by method qualified, not ${typeof r.method === 'string' ? r.method : typeof r.method}` });
  if (has(r, 'comparator')) {
    if (method !== 'qualified') out.push({ field: f('comparator'), message: 'is taken only by method qualified' });
    else if (r.comparator !== 'at_least' && r.comparator !== 'more_than') out.push({ field: f('comparator'), message: 'must be at_least or more_than' });
  }
  if (has(r, 'tie')) {
    if (method !== 'majority') out.push({ field: f('tie'), message: 'is taken only by method majority' });
    else if (r.tie !== 'fails' && r.tie !== 'chair_decides') out.push({ field: f('tie'), message: 'must be fails or chair_decides' });
  }
  if (has(r, 'quorum')) {
    const q = r.quorum;
    if (q && typeof q === 'object' && !Array.isArray(q) && has(q, 'count')) {
      const extra = Object.keys(q).filter((k) => k !== 'count');
      if (extra.length) out.push({ field: f(`quorum.${extra[0]}`), message: 'is not a known field' });
      else if (!isPositiveInt((q as Record<string, unknown>).count)) out.push({ field: f('quorum.count'), message: `must be an integer from 1 to ${MAX_TERM}` });
    } else {
      const p = fractionProblem(q, f('quorum'));
      if (p) out.push({ ...p, message: p.message === 'must be {numerator, denominator}' ? 'must be {count} or {numerator, denominator}' : p.message });
    }
  }
  if (has(r, 'allowChange')) {
    if (typeof r.allowChange !== 'boolean') out.push({ field: f('allowChange'), message: 'must be true or false' });
    else if (r.allowChange && ctx.secret) out.push({ field: f('allowChange'), message: 'must be false on a secret poll: a secret ballot cannot be changed once cast' });
  }
  return out;
}

/** The rule with defaults: comparator at_least, tie fails, allowChange true (false for secret polls). */
export function resolveRule(rule: TallyRule, secret: boolean): ResolvedRule {
  return {
    method: rule.method,
    base: rule.base,
    threshold: rule.method === 'qualified' ? (rule.threshold ?? null) : null,
    comparator: rule.method === 'qualified' ? (rule.comparator ?? 'at_least') : null,
    quorum: rule.quorum ?? null,
    tie: rule.method === 'majority' ? (rule.tie ?? 'fails') : null,
    allowChange: secret ? false : (rule.allowChange ?? true),
  };
}

/** The quorum as a number of voters out of `eligible`: the count, or ceil(E·n/d); null without a quorum. */
export function quorumNeeded(quorum: Quorum | null, eligible: number): number | null {
  if (!quorum) return null;
  if ('count' in quorum) return quorum.count;
  return ceilMulDiv(eligible, quorum.numerator, quorum.denominator);
}

/** Exact ceil(a·n/d) for non-negative integers, in integer arithmetic. */
export function ceilMulDiv(a: number, n: number, d: number): number {
  return Number((BigInt(a) * BigInt(n) + BigInt(d) - 1n) / BigInt(d));
}

/** Exact floor(a·n/d) for non-negative integers, in integer arithmetic. */
export function floorMulDiv(a: number, n: number, d: number): number {
  return Number((BigInt(a) * BigInt(n)) / BigInt(d));
}
